"""The probe explorer: wires the screens together and owns the database reader."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input

from probe.domain.kinds import KIND_LABELS
from probe.output.citation import citation, quoted
from probe.output.text import clean
from probe.settings import Config, SettingsError
from probe.store.connection import StoreError
from probe.store.migrations import open_reader
from probe.store.read import ReportSummary
from probe.tui.commands import ProbeCommands
from probe.tui.config import load_config, textual_theme
from probe.tui.messages import CopyFinding, OpenReport, ShowSimilar
from probe.tui.screens.explorer import ExplorerScreen
from probe.tui.screens.export import FORMATS, ExportFormatScreen, export_hits
from probe.tui.screens.help import HelpScreen
from probe.tui.screens.history import HistoryScreen
from probe.tui.screens.reader import ReaderScreen
from probe.tui.screens.search import SearchScreen
from probe.tui.screens.similar import SimilarScreen
from probe.tui.screens.themes import ThemesScreen
from probe.tui.widgets.findings import report_shown
from probe.tui.widgets.pdu_list import PduList


class ProbeApp(App):
    TITLE = "probe · HM Inspectorate of Probation PDU reports"
    # Every style sheet, each next to the screen or widget it styles. (Textual does not load a
    # default screen's own CSS_PATH, so the app loads them all.)
    CSS_PATH = [
        "app.tcss",
        "screens/explorer.tcss",
        "screens/search.tcss",
        "screens/reader.tcss",
        "screens/help.tcss",
        "widgets/pdu_list.tcss",
        "widgets/findings.tcss",
        "widgets/matrix.tcss",
    ]
    COMMANDS = App.COMMANDS | {ProbeCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help"),
        # A priority binding: the search screen opens before the keys typed after "/" are
        # handled, so they reach its query box (see check_action, and SearchScreen.on_key).
        Binding("slash", "search", "Search", id="app.search", priority=True),
        Binding("H", "history", "History of the PDU", show=False, id="app.history"),
        Binding("T", "themes", "Themes", show=False, id="app.themes"),
        Binding("x", "export", "Export what is shown (CSV, JSON, Markdown)", show=False, id="app.export"),
    ]

    def __init__(self, db_path: Path, config: Config | None = None) -> None:
        """Raises StoreError (one line) when the database cannot be read. `config`: the user's
        theme and keys (probe.tui.config.load_config), checked."""
        super().__init__()
        self.db_path = Path(db_path)
        self.reader = open_reader(self.db_path)
        self.remapped_keys: dict[str, str] = {}  # binding id -> keys, as help shows them
        if config is not None:
            self.remapped_keys = config.keys
            self.set_keymap(config.keys)
            self.theme = textual_theme(config)

    def get_default_screen(self) -> ExplorerScreen:
        return ExplorerScreen(self.reader)

    def on_mount(self) -> None:
        self.install_screen(SearchScreen(self.db_path), "search")

    def on_unmount(self) -> None:
        self.reader.close()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's palette commands, with a screenshot that goes where it can be written."""
        for command in super().get_system_commands(screen):
            if command.title == "Screenshot":
                # After the palette has closed, so it is not in the picture.
                command = command._replace(
                    callback=lambda: self.call_after_refresh(self.save_screenshot_somewhere)
                )
            yield command

    def save_screenshot_somewhere(self) -> None:
        """An SVG of the screen in the working folder, or the temporary folder when that is
        not writable (Textual's default, ~/Downloads, is missing on most servers)."""
        for folder in dict.fromkeys([Path.cwd(), Path(tempfile.gettempdir())]):
            try:
                saved = self.save_screenshot(path=str(folder))
            except OSError as error:
                failure = error
                continue
            self.notify(f"Screenshot saved to {clean(saved)}", title="Screenshot", markup=False)
            return
        self.notify(
            f"Could not save a screenshot: {clean(str(failure))}",
            title="Screenshot",
            severity="error",
            markup=False,
        )

    @property
    def explorer(self) -> ExplorerScreen:
        return self.screen_stack[0]

    @property
    def report_summaries(self) -> list[ReportSummary]:
        return self.explorer.reports

    def _back_to_explorer(self) -> ExplorerScreen:
        while len(self.screen_stack) > 1:
            self.pop_screen()
        return self.explorer

    # -- actions, also offered by the command palette -----------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # "/" typed into a box (a query, a filter, a file name) is a character, not a search.
        return not (action == "search" and isinstance(self.focused, Input))

    def action_search(self) -> None:
        search = self.get_screen("search")
        if self.screen is not search:
            self._back_to_explorer()
            self.push_screen(search)
        if search.focused is not None:  # shown before: `/` is for typing a query
            search.action_focus_query()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_history(self) -> None:
        """Every inspection of the selected PDU, side by side."""
        summary = self.explorer.selected
        if summary is None:
            self.notify("Select a PDU first.", markup=False)
        elif not isinstance(self.screen, HistoryScreen):
            self._back_to_explorer()
            self.push_screen(HistoryScreen(self.reader, summary))

    def action_themes(self) -> None:
        if not isinstance(self.screen, ThemesScreen):
            self._back_to_explorer()
            self.push_screen(ThemesScreen(self.reader))

    def action_export(self, fmt: str = "") -> None:
        """Write the findings shown to a file: asks the format unless given (the palette's)."""
        if not fmt:
            self.push_screen(ExportFormatScreen(), lambda chosen: chosen and self.action_export(chosen))
            return
        shown = self._shown_findings()
        if shown is None:
            self.notify("Nothing to export here: select a PDU, or search, first.", markup=False)
            return
        title, stem, hits = shown
        try:
            path = export_hits(title, stem, hits, fmt)
        except OSError as error:
            self.notify(f"Export failed: {clean(error.strerror or str(error))}", severity="error", markup=False)
            return
        noun = "finding" if len(hits) == 1 else "findings"
        self.notify(f"Exported {len(hits)} {noun} as {FORMATS[fmt]} to {clean(str(path))}", markup=False)

    def _shown_findings(self) -> tuple[str, str, list] | None:
        """(title, file stem, hits) of what the current screen shows, if it shows findings."""
        if hasattr(self.screen, "shown"):
            return self.screen.shown()
        summary = self.explorer.selected
        if self.screen is not self.explorer or summary is None:
            return None
        return report_shown(summary.id, self.reader.report(summary.id))

    def jump_to_report(self, report_id: int) -> None:
        explorer = self._back_to_explorer()
        explorer.select_report(report_id)
        explorer.action_show_view("ratings")

    def show_view(self, view: str) -> None:
        self._back_to_explorer().action_show_view(view)

    def sort_reports(self, sort_by: str) -> None:
        self._back_to_explorer().query_one(PduList).sort_by = sort_by

    def read_selected_report(self) -> None:
        self._back_to_explorer().action_read_report()

    @on(OpenReport)
    def _open_report(self, message: OpenReport) -> None:
        try:
            report = self.reader.report(message.report_id)
        except StoreError as error:  # e.g. re-imported by someone else since it was listed
            self.notify(clean(str(error)), severity="error", markup=False)
            return
        self.push_screen(ReaderScreen(message.report_id, report, message.line))


    @on(ShowSimilar)
    def _show_similar(self, message: ShowSimilar) -> None:
        self.push_screen(SimilarScreen(self.reader, message.hit))

    @on(CopyFinding)
    def _copy_finding(self, message: CopyFinding) -> None:
        """OSC 52: reaches the clipboard of the terminal the user sits at, over SSH too."""
        self.copy_to_clipboard(quoted(message.hit))
        self.notify(f"Copied the {KIND_LABELS[message.hit.kind]} with its citation: {citation(message.hit)}", markup=False)


def run(db_path: Path) -> None:
    """Open the explorer on `db_path`; an unusable database or config file is a one-line error,
    exit 1."""
    try:
        app = ProbeApp(db_path, load_config())
    except (StoreError, SettingsError) as error:
        print(f"probe: {error}", file=sys.stderr)
        raise SystemExit(1) from None
    app.run()
