"""All reports x all standards: ratings side by side, 2021 and 2024 reports aligned by name."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.columns import Columns
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import var
from textual.widgets import DataTable, Static

from probe.domain.months import short_month
from probe.output.text import clean, safe_text
from probe.store.analysis import RatingsMatrix
from probe.tui import render
from probe.tui.messages import ChooseReport
from probe.tui.widgets.keys import VIM_CURSOR

if TYPE_CHECKING:
    from probe.tui.details import LoadedReport

# Columns wraps whole entries, so a chip is never parted from its word on a narrow terminal.
LEGEND = Columns(
    [
        *(Text.assemble(render.rating(value, short=True), f" {value}") for value in render.SHORT_RATINGS),
        Text(f"{render.NOT_RATED} not in this framework", style="dim"),
    ],
    padding=(0, 3),
)


PDU_MIN_WIDTH = 20  # narrower than the longest name, names end in "…": the status line has it
MONTH_WIDTH = 8
CELL_PADDING = 2  # DataTable's, a column
GUTTER = 2  # the vertical scrollbar's, kept so a long list never hides a column


def column_label(name: str) -> Text:
    """Standard names are long; the first word tells them apart ("Implementation", "Court")."""
    return safe_text(name.split()[0] if name.strip() else name)


def standard_widths(columns: list[str]) -> list[int]:
    """Fixed widths: the table need not measure a thousand rows of cells."""
    return [max(column_label(name).cell_len, render.SHORT_WIDTH) for name in columns]


def name_width(matrix: RatingsMatrix, room: int) -> int:
    """The PDU column: every name whole if the room left by the other columns allows."""
    longest = max((len(clean(summary.pdu_name)) for summary, _ in matrix.rows), default=0)
    others = MONTH_WIDTH + sum(standard_widths(matrix.columns))
    spare = room - GUTTER - CELL_PADDING * (len(matrix.columns) + 2) - others
    return max(PDU_MIN_WIDTH, min(longest, spare))


def columns_hint(shown: range, total: int) -> Text:
    """Which standards are on screen, and which way the others are: scrolling made obvious."""
    if not total:
        return Text("No rated standards.")
    hint = Text()
    if shown.start > 0:
        hint.append(f"← {shown.start} more  ", style="bold")
    hint.append(f"Standards {shown.start + 1}–{shown.stop} of {total}")
    if shown.stop < total:
        hint.append(f"  → {total - shown.stop} more (→, End)", style="bold")
    return hint


class MatrixTable(DataTable):
    BINDINGS = VIM_CURSOR

    def shown_columns(self) -> range:
        """The scrolling columns (standards) wholly on screen, counted from the first."""
        columns = self.ordered_columns
        fixed = sum(column.get_render_width(self) for column in columns[: self.fixed_columns])
        left = self.scroll_x + fixed
        right = self.scroll_x + self.scrollable_content_region.width
        x, shown = fixed, []
        for index, column in enumerate(columns[self.fixed_columns :]):
            width = column.get_render_width(self)
            if x >= left and x + width <= right:
                shown.append(index)
            x += width
        return range(shown[0], shown[-1] + 1) if shown else range(0)


class MatrixPane(Vertical):
    """Enter on a row makes that report the selected one."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._matrix: RatingsMatrix | None = None
        self._name_width = 0

    def compose(self) -> ComposeResult:
        yield Static(LEGEND, id="matrix-legend")
        yield Static(id="matrix-columns")
        # PDU and month stay put while the standards scroll sideways.
        yield MatrixTable(
            cursor_type="cell",
            fixed_columns=2,
            zebra_stripes=True,
            cursor_foreground_priority="renderable",
            id="matrix",
        )
        yield Static(id="matrix-status")

    def on_mount(self) -> None:
        table = self.query_one(MatrixTable)
        self.watch(table, "scroll_x", self._show_columns_hint, init=False)

    loaded: var[LoadedReport | None] = var(None, init=False)  # set by the explorer

    def watch_loaded(self, loaded: LoadedReport | None) -> None:
        if loaded is not None:
            self.highlight_report(loaded.summary.id)

    @property
    def filled(self) -> bool:
        return self._matrix is not None

    def show(self, matrix: RatingsMatrix) -> None:
        self._matrix = matrix
        self._name_width = 0
        self._build()

    def on_resize(self) -> None:
        self._build()
        self.call_after_refresh(self._show_columns_hint)  # once the table has its new size

    def _build(self) -> None:
        """(Re)build the table when the PDU column's width changes, keeping the cursor."""
        matrix = self._matrix
        if matrix is None or not self.size.width:
            return
        width = name_width(matrix, self.size.width)
        if width == self._name_width:
            return
        self._name_width = width
        table = self.query_one(MatrixTable)
        cursor, first = table.cursor_coordinate, not table.row_count
        table.clear(columns=True)
        table.add_column("PDU", width=width, key="pdu")
        table.add_column("Month", width=MONTH_WIDTH, key="month")
        for name, column_width in zip(matrix.columns, standard_widths(matrix.columns)):
            table.add_column(column_label(name), width=column_width, key=name)
        for summary, ratings in matrix.rows:
            table.add_row(
                Text(clean(summary.pdu_name), no_wrap=True, overflow="ellipsis"),
                safe_text(short_month(summary.fieldwork_month) or "–"),
                *(render.rating(ratings.get(name), short=True) for name in matrix.columns),
                key=str(summary.id),
            )
        if first and self.loaded is not None:  # built once laid out: on the report shown
            self.highlight_report(self.loaded.summary.id)
        else:
            table.move_cursor(row=cursor.row, column=cursor.column, animate=False)
        self.call_after_refresh(self._show_columns_hint)  # once the new columns are laid out

    def _show_columns_hint(self) -> None:
        if self._matrix is not None:
            shown = self.query_one(MatrixTable).shown_columns()
            hint = columns_hint(shown, len(self._matrix.columns))
            self.query_one("#matrix-columns", Static).update(hint)

    def highlight_report(self, report_id: int) -> None:
        table = self.query_one(MatrixTable)
        if str(report_id) in table.rows:
            table.move_cursor(row=table.get_row_index(str(report_id)))

    @on(DataTable.CellHighlighted)
    def _describe_cell(self, event: DataTable.CellHighlighted) -> None:
        event.stop()
        summary, ratings = self._matrix.rows[event.coordinate.row]
        column = event.cell_key.column_key.value
        status = Text.assemble((clean(summary.pdu), "bold"))
        if column in self._matrix.columns:
            rating = ratings.get(column)
            status.append(f" · {clean(column)}: ")
            status.append(rating or "not in this report's framework")
        self.query_one("#matrix-status", Static).update(status)

    @on(DataTable.CellSelected)
    def _choose_report(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.post_message(ChooseReport(int(event.cell_key.row_key.value)))
