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
EMPTY = Text(
    "No reports in this database yet. Import some with `probe import FILE...`, then run probe again."
)


class ExplorerScreen(Screen):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    BINDINGS = [
        Binding("tab", "cycle_pane(1)", "Next pane", show=False),
        Binding("shift+tab", "cycle_pane(-1)", "Previous pane", show=False),
        Binding("escape", "show_list", "List", show=False),
        Binding("r", "read_report", "Read report"),
        *(
            Binding(str(number), f"show_view('{view}')", title, show=False)
            for number, (view, title) in enumerate(VIEWS.items(), start=1)
        ),
    ]

    def __init__(self, reader: Reader) -> None:
        super().__init__()
        self._reader = reader
        self.reports = reader.reports()
        self.current: ReportSummary | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="explorer"):
            yield PduList(self.reports, id="pdu-list")
            with Vertical(id="details"):
                yield ReportBanner(EMPTY, id="banner")
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
        if event.pane.id == "compare":
            matrix = self.query_one(MatrixPane)
            if not matrix.loaded:  # the only all-reports query; run it when first wanted
                matrix.show(self._reader.ratings_matrix())
            if self.current is not None:
                matrix.highlight_report(self.current.id)

    def select_report(self, report_id: int) -> None:
        """Make a report the selected one (the list follows, the panes update)."""
        self.query_one(PduList).select(report_id)

    def show_report(self, summary: ReportSummary) -> None:
        self.current = summary
        report = self._reader.report(summary.id)
        self.query_one(ReportBanner).show(summary)
        self.query_one(RatingsPane).show(report)
        self.query_one(KeyQuestionsPane).show(report, self._reader.key_question_stats(summary.id))
        self.query_one(FindingsPane).show(summary.id, report)

    # -- moving around -------------------------------------------------------------------

    def action_show_view(self, view: str) -> None:
        self.query_one(TabbedContent).active = view
        self._focus_details()

    def action_read_report(self) -> None:
        if self.current is not None:
            self.post_message(OpenReport(self.current.id))

    def action_show_list(self) -> None:
        self.remove_class("-details")
        self.query_one(PduList).table.focus()

    def action_cycle_pane(self, step: int) -> None:
        """Tab moves between the list and the focusable parts of the visible view."""
        targets = self._pane_targets()
        focused = self.focused
        index = next(
            (i for i, target in enumerate(targets) if focused is not None and _within(focused, target)),
            -1 if step > 0 else 0,
        )
        target = targets[(index + step) % len(targets)]
        if target is targets[0]:
            self.action_show_list()
        else:
            self._focus(target)

    def _pane_targets(self) -> list[Widget]:
        views = self.query_one(TabbedContent)
        pane = views.get_pane(views.active)
        return [self.query_one(PduList).table, *(w for w in pane.query("*") if w.can_focus)]

    def _focus_details(self) -> None:
        targets = self._pane_targets()
        if self.current is not None and len(targets) > 1:
            self._focus(targets[1])

    def _focus(self, widget: Widget) -> None:
        self.add_class("-details")
        widget.focus()


def _within(widget: Widget, ancestor: Widget) -> bool:
    return widget is ancestor or ancestor in widget.ancestors
