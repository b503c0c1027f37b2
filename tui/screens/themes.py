"""The Themes view: how often each recurring theme (probe/themes.toml, or the user's own) comes
up across reports, and the findings behind the highlighted theme."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, OptionList, Static

from probe.output.text import clean
from probe.output.themes import SHORT_HEADER, row
from probe.settings import SettingsError, Theme, themes
from probe.store.connection import StoreError
from probe.store.read import Reader
from probe.store.search import SearchHit
from probe.store.themes import ThemeCounts
from probe.tui.messages import OpenReport
from probe.tui.screens.search import LIMIT, hit_prompt
from probe.tui.widgets.hits import HitList
from probe.tui.widgets.keys import VIM_CURSOR


class ThemesScreen(Screen):
    DEFAULT_CSS = """
    ThemesScreen #theme-table { height: 1fr; }
    ThemesScreen #theme-status { height: 1; padding: 0 1; color: $text-muted; }
    ThemesScreen #theme-hits { height: 1fr; border: none; }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="themes.back"),
        Binding("tab", "switch_pane", "Table / findings", show=False, id="themes.switch-pane"),
    ]

    def __init__(self, reader: Reader) -> None:
        super().__init__()
        self._reader = reader
        self.themes: list[Theme] = []
        self.counts: list[ThemeCounts] = []
        self.hits: list[SearchHit] = []
        self.theme: Theme | None = None  # whose findings are shown

    def compose(self) -> ComposeResult:
        yield Header()
        table = DataTable(id="theme-table", cursor_type="row", zebra_stripes=True)
        table.BINDINGS = [*DataTable.BINDINGS, *VIM_CURSOR]
        yield table
        yield Static("Counting themes…", id="theme-status")
        yield HitList(id="theme-hits")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Theme")
        for label in SHORT_HEADER:
            table.add_column(label)
        table.focus()
        try:
            self.themes = themes()
        except SettingsError as error:
            self._status(f"Themes: {error}")
            return
        self.count_themes()

    @work(thread=True, exclusive=True, group="themes")
    def count_themes(self) -> None:
        """In a thread, so the view opens at once on a big database."""
        try:
            counts = self._reader.theme_counts([theme.query for theme in self.themes])
        except StoreError as error:
            self.app.call_from_thread(self._status, f"Themes: {error}")
            return
        self.app.call_from_thread(self._show_counts, counts)

    def _show_counts(self, counts: list[ThemeCounts]) -> None:
        self.counts = counts
        table = self.query_one(DataTable)
        for index, (theme, theme_counts) in enumerate(zip(self.themes, counts, strict=True)):
            table.add_row(*map(clean, row(theme, theme_counts)), key=str(index))
        self._status("Hits: findings and recommendations. Str/AfI/Oth/Rec by kind; Out…Inad, 2021/2024: reports.")

    @on(DataTable.RowHighlighted, "#theme-table")
    def _theme_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self.show_hits(self.themes[int(event.row_key.value)])

    def show_hits(self, theme: Theme) -> None:
        try:
            result = self._reader.search(theme.query, raw=True, limit=LIMIT)
        except StoreError as error:
            self._status(f"{theme.name}: {error}")
            return
        self.hits, self.theme = result.hits, theme
        shown = f"the best {len(result.hits)} of " if len(result.hits) < result.total else ""
        self._status(f"{theme.name}: {shown}{result.total} findings and recommendations ({theme.query})")
        self.query_one("#theme-hits", HitList).set_hits(result.hits, hit_prompt)

    @on(OptionList.OptionSelected, "#theme-hits")
    def _hit_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        hit = self.hits[int(event.option.id)]
        self.post_message(OpenReport(hit.report_id, hit.line))

    def shown(self) -> tuple[str, str, list[SearchHit]]:
        """(title, file stem, hits) for an export."""
        title = f"Theme: {self.theme.name} ({self.theme.query})" if self.theme else "Themes"
        return title, "theme", self.hits

    def action_switch_pane(self) -> None:
        table, hits = self.query_one(DataTable), self.query_one("#theme-hits", HitList)
        (table if hits.has_focus else hits).focus()

    def _status(self, message: str) -> None:
        self.query_one("#theme-status", Static).update(clean(message))
