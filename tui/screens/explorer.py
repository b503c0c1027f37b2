"""The main screen: the PDU list beside tabbed detail panes for the selected report.

Wide terminals show both side by side; below 100 columns the list and the details take turns
(Enter shows the details, Esc the list), so nothing is squeezed.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, TabbedContent, TabPane

from probe.output.text import clean
from probe.domain.model import Report
from probe.store.connection import StoreError
from probe.store.read import Reader, ReportSummary
from probe.tui.messages import ChooseReport, OpenReport, ShowFindings
from probe.tui.widgets.banner import ReportBanner
from probe.tui.widgets.findings import FindingsPane
from probe.tui.widgets.key_questions import KeyQuestionsPane
from probe.tui.widgets.matrix import MatrixPane
from probe.tui.widgets.pdu_list import PduList
from probe.tui.widgets.ratings import RatingsPane

VIEWS = {
    "ratings": "Ratings",
    "questions": "Key questions",
    "findings": "Findings",
    "compare": "Compare",
}


class ExplorerScreen(Screen):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    BINDINGS = [
        Binding("tab", "cycle_pane(1)", "Next pane", show=False, id="explorer.next-pane"),
        Binding(
            "shift+tab", "cycle_pane(-1)", "Previous pane", show=False, id="explorer.previous-pane"
        ),
        Binding("escape", "show_list", "PDU list", id="explorer.list"),
        Binding("r", "read_report", "Read report", id="explorer.read"),
        *(
            Binding(str(number), f"show_view('{view}')", title, show=False, id=f"explorer.{view}")
            for number, (view, title) in enumerate(VIEWS.items(), start=1)
        ),
    ]

    def __init__(self, reader: Reader) -> None:
        super().__init__()
        self._reader = reader
        self.reports = reader.reports()
        self.current: ReportSummary | None = None
        self._report: Report | None = None
        self._stale: set[str] = set()  # views not yet showing the current report

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="explorer"):
            yield PduList(self.reports, id="pdu-list")
            with Vertical(id="details"):
                yield ReportBanner(Text("No report selected."), id="banner")
                with TabbedContent(id="views"):
                    with TabPane(f"1 {VIEWS['ratings']}", id="ratings"):
                        yield RatingsPane(id="ratings-pane")
                    with TabPane(f"2 {VIEWS['questions']}", id="questions"):
                        yield KeyQuestionsPane(id="questions-pane")
                    with TabPane(f"3 {VIEWS['findings']}", id="findings"):
                        yield FindingsPane(id="findings-pane")
                    with TabPane(f"4 {VIEWS['compare']}", id="compare"):
                        yield MatrixPane(id="compare-pane")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(PduList).table.focus()

    # -- selection drives the panes ------------------------------------------------------

    @on(PduList.Highlighted)
    def _report_highlighted(self, event: PduList.Highlighted) -> None:
        self.show_report(event.report)

    @on(PduList.Chosen)
    def _report_chosen(self) -> None:
        self._focus_details()

    @on(ChooseReport)
    def _choose_report(self, message: ChooseReport) -> None:
        message.stop()
        self.select_report(message.report_id)
        self.action_show_view("ratings")

    @on(ShowFindings)
    def _show_findings(self, message: ShowFindings) -> None:
        message.stop()
        self.action_show_view("findings")
        self.query_one(FindingsPane).show_section(message.section)
        self.query_one("#finding-items").focus()

    @on(TabbedContent.TabActivated)
    def _view_activated(self, event: TabbedContent.TabActivated) -> None:
        # The matrix lists every PDU itself, so it takes the list's room too.
        self.set_class(event.pane.id == "compare", "-comparing")
        self._fill_view(event.pane.id)

    def select_report(self, report_id: int) -> None:
        """Make a report the selected one (the list follows, the panes update)."""
        self.query_one(PduList).select(report_id)

    def show_report(self, summary: ReportSummary | None) -> None:
        """Load the report; fill only the visible view now, the others when they are shown.
        None (the filter hides every PDU) leaves the panes empty rather than showing a PDU
        the list no longer does."""
        if summary is None:
            self.current, self._report = None, None
            self.query_one(ReportBanner).update(Text("No PDU matches the filter."))
        else:
            try:
                report = self._reader.report(summary.id)
            except StoreError as error:  # e.g. re-imported by someone else since it was listed
                self.app.notify(clean(str(error)), severity="error", markup=False)
                return
            self.current, self._report = summary, report
            self.query_one(ReportBanner).show(summary, report.warnings)
            self._stale = set(VIEWS)
            self._fill_view(self.query_one(TabbedContent).active)
        self.query_one(TabbedContent).display = summary is not None
        self.refresh_bindings()  # "r Read report" only with a report to read

    def _fill_view(self, view: str) -> None:
        if self.current is None or view not in self._stale:
            return
        self._stale.discard(view)
        try:
            self._fill(view, self.current.id, self._report)
        except StoreError as error:
            self.app.notify(clean(str(error)), severity="error", markup=False)

    def _fill(self, view: str, report_id: int, report: Report) -> None:
        if view == "ratings":
            self.query_one(RatingsPane).show(report)
        elif view == "questions":
            stats = self._reader.key_question_stats(report_id)
            self.query_one(KeyQuestionsPane).show(report, stats)
        elif view == "findings":
            self.query_one(FindingsPane).show(report_id, report)
        elif view == "compare":
            matrix = self.query_one(MatrixPane)
            if not matrix.loaded:  # the only all-reports query; run it when first wanted
                matrix.show(self._reader.ratings_matrix())
            matrix.highlight_report(report_id)

    # -- moving around -------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide keys from the footer where they would do nothing."""
        if action == "show_list":
            return self.focused is not self.query_one(PduList).table
        if action == "read_report":
            return self.current is not None
        return True

    def action_show_view(self, view: str) -> None:
        self.query_one(TabbedContent).active = view
        self._fill_view(view)
        self._focus_details()

    def action_read_report(self) -> None:
        if self.current is not None:
            self.post_message(OpenReport(self.current.id))

    def action_show_list(self) -> None:
        if self.has_class("-comparing"):
            self.query_one(TabbedContent).active = "ratings"
            self.remove_class("-comparing")
        self.remove_class("-details")
        self.query_one(PduList).table.focus()

    def action_cycle_pane(self, step: int) -> None:
        """Tab moves between the list and the focusable parts of the visible view."""
        targets = self._pane_targets()
        focused = self.focused
        index = next(
            (i for i, target in enumerate(targets) if focused and _within(focused, target)),
            -1 if step > 0 else 0,
        )
        target = targets[(index + step) % len(targets)]
        if target is self.query_one(PduList).table:
            self.action_show_list()
        else:
            self._focus(target)

    def _view_targets(self) -> list[Widget]:
        views = self.query_one(TabbedContent)
        return [widget for widget in views.get_pane(views.active).query("*") if widget.can_focus]

    def _pane_targets(self) -> list[Widget]:
        if self.has_class("-comparing"):
            return self._view_targets()
        return [self.query_one(PduList).table, *self._view_targets()]

    def _focus_details(self) -> None:
        targets = self._view_targets()
        if self.current is not None and targets:
            self._focus(targets[0])

    def _focus(self, widget: Widget) -> None:
        self.add_class("-details")
        widget.focus()


def _within(widget: Widget, ancestor: Widget) -> bool:
    return widget is ancestor or ancestor in widget.ancestors
