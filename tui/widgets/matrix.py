"""All reports x all standards: ratings side by side, 2021 and 2024 reports aligned by name."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from probe.domain.months import short_month
from probe.output.text import clean, safe_text
from probe.store.analysis import RatingsMatrix
from probe.tui import render
from probe.tui.messages import ChooseReport
from probe.tui.widgets.keys import VIM_CURSOR

LEGEND = Text.assemble(
    *(
        part
        for value in render.SHORT_RATINGS
        for part in (render.rating(value, short=True), f" {value}  ")
    ),
    (f"{render.NOT_RATED} not in this framework", "dim"),
)


PDU_WIDTH = 20  # long names end in "…"; the line under the table gives the whole name


def column_label(name: str) -> Text:
    """Standard names are long; the first word tells them apart ("Implementation", "Court")."""
    return safe_text(name.split()[0] if name.strip() else name)


class MatrixTable(DataTable):
    BINDINGS = VIM_CURSOR


class MatrixPane(Vertical):
    """Enter on a row makes that report the selected one."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._matrix: RatingsMatrix | None = None

    def compose(self) -> ComposeResult:
        yield Static(LEGEND, id="matrix-legend")
        # PDU and month stay put while the standards scroll sideways.
        yield MatrixTable(
            cursor_type="cell",
            fixed_columns=2,
            zebra_stripes=True,
            cursor_foreground_priority="renderable",
            id="matrix",
        )
        yield Static(id="matrix-status")

    @property
    def loaded(self) -> bool:
        return self._matrix is not None

    def show(self, matrix: RatingsMatrix) -> None:
        self._matrix = matrix
        table = self.query_one(MatrixTable)
        table.clear(columns=True)
        table.add_column("PDU", width=PDU_WIDTH, key="pdu")
        table.add_column("Month", width=8, key="month")
        for name in matrix.columns:
            # Fixed widths: the table need not measure a thousand rows of cells.
            label = column_label(name)
            table.add_column(label, width=max(label.cell_len, render.SHORT_WIDTH), key=name)
        for summary, ratings in matrix.rows:
            table.add_row(
                Text(clean(summary.pdu_name), no_wrap=True, overflow="ellipsis"),
                safe_text(short_month(summary.fieldwork_month) or "–"),
                *(render.rating(ratings.get(name), short=True) for name in matrix.columns),
                key=str(summary.id),
            )

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
