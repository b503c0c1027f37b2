"""Similar findings: what inspectors said most like one finding, in other reports (store.similar,
as `probe similar`), best first. Enter reads a hit in its report; `m` on it goes one step further."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static

from probe.output.citation import citation
from probe.output.text import clean, safe_text
from probe.store.connection import StoreError
from probe.store.read import Reader
from probe.store.search import SearchHit
from probe.store.similar import Similar
from probe.tui.messages import OpenReport
from probe.tui.screens.search import hit_prompt
from probe.tui.widgets.hits import HitList

LIMIT = 20


class SimilarScreen(Screen):
    DEFAULT_CSS = """
    SimilarScreen #similar-source { height: auto; max-height: 8; padding: 0 1; }
    SimilarScreen #similar-status { height: 1; padding: 0 1; color: $text-muted; }
    SimilarScreen #similar-hits { height: 1fr; border: none; }
    """
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="similar.back")]

    def __init__(self, reader: Reader, hit: SearchHit) -> None:
        super().__init__()
        self._reader = reader
        self.source = hit
        self.result: Similar | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        like = Text.assemble(("Like: ", "bold"), safe_text(self.source.text), "\n", (clean(citation(self.source)), "dim"))
        yield Static(like, id="similar-source")
        yield Static("Looking for similar findings…", id="similar-status")
        yield HitList(id="similar-hits")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(HitList).focus()
        self.find_similar()

    @work(thread=True, exclusive=True, group="similar")
    def find_similar(self) -> None:
        """In a thread: on a big database the ranking takes a moment."""
        hit = self.source
        try:
            found = self._reader.similar_to_finding(hit.report_id, hit.line, LIMIT)
            # A recommendation is not in the findings index: start from its words instead.
            result = found[1] if found else self._reader.similar_to_text(hit.text, LIMIT)
        except StoreError as error:
            self.app.call_from_thread(self._status, f"Similar findings: {error}")
            return
        self.app.call_from_thread(self._show, result)

    def _show(self, result: Similar) -> None:
        self.result = result
        self.query_one(HitList).set_hits(result.hits, hit_prompt)
        words = " ".join(result.terms) or "(no words shared with other findings)"
        self._status(f"{len(result.hits)} findings, best first; searched for: {words}")

    @on(OptionList.OptionSelected, "#similar-hits")
    def _hit_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        hit = self.query_one(HitList).hit_of(event.option)
        self.post_message(OpenReport(hit.report_id, hit.line))

    def shown(self) -> tuple[str, str, list[SearchHit]]:
        """(title, file stem, hits) for an export."""
        return f"Findings like: {self.source.text}", "similar", self.query_one(HitList).hits

    def _status(self, message: str) -> None:
        self.query_one("#similar-status", Static).update(clean(message))
