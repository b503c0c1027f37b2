"""The PDU list: every report in one table, sortable and filtered as you type."""

from __future__ import annotations

import gc
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import DataTable, Input, Static

from probe.domain.months import short_month
from probe.domain.ratings import rating_order, score_label
from probe.output.text import clean, safe_text
from probe.store.read import ReportSummary
from probe.tui import render
from probe.tui.messages import LeftTop
from probe.tui.widgets.keys import VIM_CURSOR


@dataclass(frozen=True)
class Sort:
    label: str
    key: object  # callable(ReportSummary) -> comparable
    reverse: bool = False


def _month_key(report: ReportSummary) -> str:
    return report.fieldwork_month or ""


def _score_key(report: ReportSummary) -> float:
    if report.score_points is None or not report.score_max:
        return -1.0
    return report.score_points / report.score_max


SORTS = {
    "name": Sort("name", lambda r: (r.pdu_name.casefold(), _month_key(r))),
    "date": Sort("newest", lambda r: (_month_key(r), r.pdu_name.casefold()), reverse=True),
    "score": Sort("score", lambda r: (_score_key(r), r.pdu_name.casefold()), reverse=True),
    "rating": Sort(
        "rating", lambda r: (rating_order(r.overall_rating), r.pdu_name.casefold())
    ),
}
EMPTY = "No reports in this database yet: add some with `probe import FILE...`."
COLUMN_SORTS = {"pdu": "name", "month": "date", "rating": "rating", "score": "score"}
MONTH_WIDTH = 8
SCORE_WIDTH = 5
# Width of every column but the PDU name, with DataTable's cell padding (2 a column), the
# table's inset in this widget (2) and its scrollbar gutter (2, kept even with no scrollbar, so a
# long list never cuts the Score column).
FIXED_COLUMNS_WIDTH = MONTH_WIDTH + render.SHORT_WIDTH + SCORE_WIDTH + 4 * 2 + 2 + 2
# DataTable measures every cell it is given, so a big corpus goes in a screenful first and the
# rest a batch at a time after each refresh: the first screen costs the same at any size.
FIRST_ROWS = 100  # more than any terminal shows at once
ROWS_PER_BATCH = 250


class ReportTable(DataTable):
    BINDINGS = [
        *VIM_CURSOR,
        # DataTable's Home/End scroll sideways; in a list of rows they mean first and last.
        Binding("home", "scroll_top", "First PDU", show=False, id="pdu-list.first"),
        Binding("end", "scroll_bottom", "Last PDU", show=False, id="pdu-list.last"),
    ]

    def action_cursor_up(self) -> None:
        if self.cursor_row == 0:
            self.post_message(LeftTop())
        else:
            super().action_cursor_up()

    def _update_dimensions(self, new_rows) -> None:
        # DataTable measures every new cell to size its columns; ours all have fixed widths and
        # one-line rows, so only the table's size needs updating (textual is pinned).
        super()._update_dimensions(())

    def action_scroll_bottom(self) -> None:
        self.query_ancestor(PduList).add_waiting_rows()  # the last PDU may not be in yet
        super().action_scroll_bottom()


class PduList(Vertical):
    """Emits `Highlighted` as the cursor moves and `Chosen` on Enter."""

    BINDINGS = [
        # Priority: the filter box has focus before the letters typed after "f" are handled.
        Binding("f", "focus_filter", "Filter", id="pdu-list.filter", priority=True),
        Binding("s", "cycle_sort", "Sort", id="pdu-list.sort"),
        # Only the filter lets Down through to here: the table moves its own cursor.
        Binding(
            "down",
            "focus_table",
            "From the filter: into the list (Up: back)",
            show=False,
            id="pdu-list.into-list",
        ),
        # Esc in the filter goes back to the list, keeping the filter; Esc on the filtered list
        # clears it. Otherwise Esc means what the screen says.
        Binding("escape", "clear_filter", "Clear the filter", id="pdu-list.clear-filter"),
    ]

    sort_by: reactive[str] = reactive("name", init=False)

    class Highlighted(Message):
        """The report under the cursor; None when the filter leaves no rows."""

        def __init__(self, report: ReportSummary | None) -> None:
            super().__init__()
            self.report = report

    class Chosen(Message):
        def __init__(self, report: ReportSummary) -> None:
            super().__init__()
            self.report = report

    def __init__(self, reports: list[ReportSummary], **kwargs) -> None:
        super().__init__(**kwargs)
        self._reports = {str(report.id): report for report in reports}
        self._name_width = 0
        self._waiting: list[ReportSummary] = []  # rows shown by the filter, not yet in the table

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Filter PDUs (f)", compact=True, id="pdu-filter")
        yield ReportTable(
            cursor_type="row",
            zebra_stripes=True,
            cursor_foreground_priority="renderable",
            id="pdu-table",
        )
        yield Static(id="pdu-status")

    @property
    def table(self) -> ReportTable:
        return self.query_one(ReportTable)

    @property
    def current(self) -> ReportSummary | None:
        table = self.table
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return self._reports[row_key.value]

    def on_unmount(self) -> None:
        gc.unfreeze()  # what _add_rows froze is the app's no longer

    def on_resize(self) -> None:
        name_width = max(12, self.size.width - FIXED_COLUMNS_WIDTH)
        if name_width != self._name_width:
            self._name_width = name_width
            self._rebuild()

    def select(self, report_id: int) -> None:
        """Move the cursor to a report, clearing the filter if it hides it."""
        key = str(report_id)
        self.add_waiting_rows()
        if key not in self.table.rows:
            self.query_one(Input).value = ""
            self._rebuild()
            self.add_waiting_rows()
        self.table.move_cursor(row=self.table.get_row_index(key))

    def action_focus_filter(self) -> None:
        # At once, not after a refresh as focus() does: "f" and a name typed quickly go together.
        self.screen.set_focus(self.query_one(Input))

    def action_focus_table(self) -> None:
        self.table.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":  # from the filter box too: one Esc clears and goes back
            return bool(self.query_one(Input).value)
        if action == "focus_filter":  # in the filter box "f" is a letter of the name
            return not isinstance(self.screen.focused, Input)
        return True

    def action_clear_filter(self) -> None:
        self.query_one(Input).value = ""
        self.table.focus()

    def action_cycle_sort(self) -> None:
        names = list(SORTS)
        self.sort_by = names[(names.index(self.sort_by) + 1) % len(names)]

    def watch_sort_by(self) -> None:
        self._rebuild()

    @on(Input.Changed, "#pdu-filter")
    def _filter_changed(self) -> None:
        self._rebuild()

    @on(Input.Submitted, "#pdu-filter")
    def _filter_submitted(self) -> None:
        self.table.focus()

    @on(LeftTop)
    def _up_to_filter(self, message: LeftTop) -> None:
        message.stop()
        self.action_focus_filter()

    @on(DataTable.HeaderSelected)
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        self.sort_by = COLUMN_SORTS[event.column_key.value]

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.post_message(self.Highlighted(self._reports[event.row_key.value]))

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(self._reports[event.row_key.value]))

    def _visible(self) -> list[ReportSummary]:
        needle = self.query_one(Input).value.strip().casefold()
        sort = SORTS[self.sort_by]
        shown = [
            report
            for report in self._reports.values()
            if needle in report.pdu_name.casefold() or needle in (report.region or "").casefold()
        ]
        return sorted(shown, key=sort.key, reverse=sort.reverse)

    def _rebuild(self) -> None:
        if not self._name_width:
            return  # not laid out yet; on_resize builds the table
        gc.unfreeze()  # the rows about to go may be collected again (see _add_rows)
        table = self.table
        current = self.current
        table.clear(columns=True)
        table.add_column("PDU", width=self._name_width, key="pdu")
        table.add_column("Month", width=MONTH_WIDTH, key="month")
        table.add_column("Rating", width=render.SHORT_WIDTH, key="rating")
        table.add_column("Score", width=SCORE_WIDTH, key="score")
        shown = self._visible()
        self._waiting = shown
        self._add_rows(FIRST_ROWS)
        if current is not None and current in shown:  # keep the cursor on it, even far down
            self._add_rows(shown.index(current) + 1 - table.row_count)
        if current is not None and str(current.id) in table.rows:
            table.move_cursor(row=table.get_row_index(str(current.id)), animate=False)
        if not shown and current is not None:  # no row left to highlight: say so
            self.post_message(self.Highlighted(None))
        self._show_status(len(shown))
        self._add_batch_after_refresh()

    def _add_batch_after_refresh(self) -> None:
        if self._waiting:
            self.call_after_refresh(self._add_batch, self._waiting)

    def _add_batch(self, batch_of: list[ReportSummary]) -> None:
        if batch_of is not self._waiting:
            return  # the list was rebuilt since; that rebuild adds its own rows
        self._add_rows(ROWS_PER_BATCH)
        self._add_batch_after_refresh()

    def add_waiting_rows(self) -> None:
        """Put every row the filter shows in the table now, not a batch at a time."""
        self._add_rows(len(self._waiting))

    def _add_rows(self, count: int) -> None:
        table = self.table
        adding, self._waiting = self._waiting[:count], self._waiting[count:]
        for report in adding:
            table.add_row(
                Text(clean(report.pdu_name), no_wrap=True, overflow="ellipsis"),
                safe_text(short_month(report.fieldwork_month) or "–"),
                render.rating(report.overall_rating, short=True),
                Text(score_label(report.score_points, report.score_max), justify="right"),
                key=str(report.id),
            )
        if adding and not self._waiting:
            # Every row is in: keep the collector from walking them (and the rest of the app)
            # in each full collection, a 0.2 s stall every few seconds at 10,000 reports
            # (bench/findings.md, finding 8). _rebuild unfreezes them.
            gc.freeze()

    def _show_status(self, shown: int) -> None:
        total = len(self._reports)
        if not total:
            self.query_one("#pdu-status", Static).update(Text(EMPTY))
            return
        count = f"{total} reports" if shown == total else f"{shown} of {total} reports"
        self.query_one("#pdu-status", Static).update(
            Text(f"{count} · sorted by {SORTS[self.sort_by].label} · Enter: details")
        )
