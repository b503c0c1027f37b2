"""The History view: every inspection of the selected PDU side by side (see store.history)."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from probe.output.history import LEGEND, history_table
from probe.output.text import clean
from probe.settings import SettingsError, pdu_links
from probe.store.connection import StoreError
from probe.store.history import History, matching_pdus, pdu_history
from probe.store.read import Reader, ReportSummary


def load_history(reader: Reader, summary: ReportSummary) -> History:
    """Raises SettingsError or StoreError (one line each)."""
    groups = matching_pdus(reader.reports(), summary.pdu_name, pdu_links())
    (summaries,) = [group for group in groups.values() if summary.id in {s.id for s in group}]
    return pdu_history([reader.report(s.id) for s in summaries])


class HistoryScreen(Screen):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="history.back")]

    def __init__(self, reader: Reader, summary: ReportSummary) -> None:
        super().__init__()
        self._reader = reader
        self.summary = summary
        self.history: History | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="history-scroll"):
            yield Static(id="history")
        yield Footer()

    def on_mount(self) -> None:
        view = self.query_one("#history", Static)
        try:
            self.history = load_history(self._reader, self.summary)
        except (SettingsError, StoreError) as error:
            view.update(Text(f"History: {clean(str(error))}"))
            return
        count = len(self.history.inspections)
        note = "" if count > 1 else " (one inspection: link earlier names in ~/.config/probe/pdus.toml)"
        view.update(Group(history_table(self.history), Text(f"{count} inspection{'s' if count != 1 else ''}{note}. {LEGEND}", style="dim")))
        self.query_one("#history-scroll").focus()
