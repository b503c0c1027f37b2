"""The main screen: the PDU list beside tabbed detail panes for the selected report.

Wide terminals show both side by side; below 100 columns the list and the details take turns
(Enter shows the details, Esc the list), so nothing is squeezed.

A cursor move sets `selected` at once; a worker thread reads the report (tui.details) and posts
`DetailsLoaded`, which sets `loaded`; the visible pane's own `loaded` follows it, and a hidden
pane's when its view is shown. The UI thread never waits for the database on a cursor move.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, TabbedContent, TabPane
from textual.worker import get_current_worker

from probe.output.text import clean
from probe.store.connection import StoreError
from probe.store.read import Reader, ReportSummary
from probe.tui import details
from probe.tui.details import LoadedReport
from probe.tui.messages import ChooseReport, OpenReport, ShowFindings
from probe.tui.widgets.banner import ReportBanner
from probe.tui.widgets.findings import FindingsPane
from probe.tui.widgets.key_questions import KeyQuestionsPane
from probe.tui.widgets.matrix import MatrixPane
from probe.tui.widgets.pdu_list import PduList
from probe.tui.widgets.ratings import RatingsPane

STATS_SETTLE_S = 0.15  # a held key repeats faster: key-question stats wait for it to rest

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

    selected: var[ReportSummary | None] = var(None, init=False)  # the list's highlighted report
    pending: var[ReportSummary | None] = var(None, init=False)  # the report a worker is reading
    loaded: var[LoadedReport | None] = var(None, init=False)  # what the panes show

    class DetailsLoaded(Message):
        def __init__(self, loaded: LoadedReport) -> None:
            super().__init__()
            self.loaded = loaded

    class DetailsFailed(Message):
        def __init__(self, summary: ReportSummary, error: StoreError) -> None:
            super().__init__()
            self.summary = summary
            self.error = error

    def __init__(self, reader: Reader) -> None:
        super().__init__()
        self._reader = reader  # for the list and the matrix; details use their own connection
        self.reports = reader.reports()

    @property
    def current(self) -> ReportSummary | None:
        """The report the panes show (the selected one once it has loaded)."""
        return self.loaded.summary if self.loaded is not None else None

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
        self.selected = event.report

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
        self._show_loaded()

    def select_report(self, report_id: int) -> None:
        """Make a report the selected one (the list follows, the panes update)."""
        self.query_one(PduList).select(report_id)

    def watch_selected(self, summary: ReportSummary | None) -> None:
        """None (the filter hides every PDU) empties the details rather than leaving a PDU
        showing that the list no longer does."""
        self.query_one(TabbedContent).display = summary is not None
        self.refresh_bindings()  # "r Read report" only with a report to read
        if summary is None:
            self.workers.cancel_group(self, "details")
            self.pending, self.loaded = None, None
        elif self.current == summary:  # back on the shown report before the other loaded
            self.workers.cancel_group(self, "details")
            self.pending = None
        else:
            self._load(summary)
        self._show_banner()

    def _load(self, summary: ReportSummary, known: LoadedReport | None = None) -> None:
        self.pending = summary
        self.load_details(summary, known)

    @work(thread=True, exclusive=True, group="details")
    def load_details(self, summary: ReportSummary, known: LoadedReport | None) -> None:
        """The report, or the stats of a `known` one. Each cursor move cancels the load before
        it: one not yet started never runs, and stats wait until the cursor rests, so a held
        key never shares the UI thread's time (the GIL) with them."""
        worker = get_current_worker()
        if known is not None and worker.cancelled_event.wait(STATS_SETTLE_S):
            return
        try:
            message = self.DetailsLoaded(details.load(self._reader.path, summary, known))
        except StoreError as error:  # e.g. re-imported by someone else since it was listed
            message = self.DetailsFailed(summary, error)
        if not worker.is_cancelled:
            self.post_message(message)

    @on(DetailsLoaded)
    def _details_loaded(self, message: DetailsLoaded) -> None:
        if message.loaded.summary == self.selected:  # else the cursor has moved on
            self.pending = None
            self.loaded = message.loaded

    @on(DetailsFailed)
    def _details_failed(self, message: DetailsFailed) -> None:
        if message.summary == self.selected:
            self.pending = None  # the panes keep showing the last report that loaded
            self.app.notify(clean(str(message.error)), severity="error", markup=False)

    def watch_pending(self) -> None:
        self._show_banner()

    def watch_loaded(self) -> None:
        self._show_banner()
        self._show_loaded()

    def _show_banner(self) -> None:
        banner = self.query_one(ReportBanner)
        if self.selected is None:
            banner.show_message("No PDU matches the filter.")
        elif self.pending is not None:
            banner.show_loading(self.pending)
        elif self.loaded is not None:
            banner.show(self.loaded.summary, self.loaded.report.warnings)
        else:
            banner.show_message("No report selected.")

    def _active_view(self) -> str:
        return self.query_one(TabbedContent).active

    def _show_loaded(self) -> None:
        """The visible view's pane follows `loaded` (the others when they are shown)."""
        view, loaded = self._active_view(), self.loaded
        if view == "questions" and self.pending is None and loaded is not None:
            if loaded.stats is None and loaded.summary == self.selected:
                self._load(loaded.summary, known=loaded)
        if view == "compare":
            matrix = self.query_one(MatrixPane)
            if not matrix.filled:  # the only all-reports query; run it when first wanted
                try:
                    matrix.show(self._reader.ratings_matrix())
                except StoreError as error:
                    self.app.notify(clean(str(error)), severity="error", markup=False)
        self.query_one(f"#{view}-pane").loaded = loaded

    # -- moving around -------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide keys from the footer where they would do nothing."""
        if action == "show_list":
            return self.focused is not self.query_one(PduList).table
        if action == "read_report":
            return self.selected is not None
        return True

    def action_show_view(self, view: str) -> None:
        self.query_one(TabbedContent).active = view
        self._show_loaded()  # now, not when TabActivated arrives: the keys after it need the pane
        self._focus_details()

    def action_read_report(self) -> None:
        if self.selected is not None:
            self.post_message(OpenReport(self.selected.id))

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
        if self.selected is not None and targets:
            self._focus(targets[0])

    def _focus(self, widget: Widget) -> None:
        self.add_class("-details")
        widget.focus()


def _within(widget: Widget, ancestor: Widget) -> bool:
    return widget is ancestor or ancestor in widget.ancestors
