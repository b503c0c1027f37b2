"""Full-text search over every report's findings and recommendations, as you type."""

from __future__ import annotations

import asyncio
from concurrent.futures import Future, ThreadPoolExecutor, wait
from pathlib import Path

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static

from probe.domain.kinds import KIND_LABELS
from probe.output.citation import where
from probe.output.text import clean, place_label, safe_text, snippet_text
from probe.store.connection import StoreError
from probe.store.read import Reader
from probe.store.search import SearchHit, SearchInterrupted, SearchResult
from probe.tui.messages import LeftTop, OpenReport
from probe.tui.widgets.hits import HitList

LIMIT = 50
# The first answer ranks only the newest matches of each kind, and shows fewer: on a big
# database a common word matches hundreds of thousands of texts. The full answer follows.
QUICK_WINDOW = 2000
QUICK_LIMIT = 20
SEARCH_THREAD = "probe-search"


def hit_prompt(hit: SearchHit) -> Text:
    heading = Text.assemble(safe_text(hit.pdu, "bold"))
    facts = [hit.fieldwork_started, where(hit), KIND_LABELS[hit.kind], place_label(hit.page, hit.anchor)]
    heading.append("  " + clean(" · ".join(filter(None, facts))), style="dim")
    # Plain Text with a blank last line: quick to lay out for a page of results per keystroke.
    return Text("\n").join([heading, snippet_text(hit.snippet), Text("")])


def status(query: str, result: SearchResult) -> Text:
    quoted = f"“{clean(query.strip())}”"
    if not result.total:
        return Text(f"No findings or recommendations match {quoted}.")
    shown = len(result.hits)
    noun = "result" if result.total == 1 else "results"
    words = " (no text has them as a phrase: these hold all the words)" if result.all_words else ""
    if result.partial:
        return Text(
            f"{result.total:,}+ {noun} for {quoted}{words}; best of the newest shown, ranking all…"
        )
    if shown < result.total:
        return Text(f"{result.total} {noun} for {quoted}{words}; showing the best {shown}.")
    return Text(f"{result.total} {noun} for {quoted}{words}.")


class Results(HitList):
    """Stops at the last result rather than wrapping; Up on the first goes back to the query."""

    def action_cursor_down(self) -> None:
        if self.highlighted is None or self.highlighted < self.option_count - 1:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.highlighted in (None, 0):
            self.post_message(LeftTop())
        else:
            super().action_cursor_up()


class SearchScreen(Screen):
    """Kept installed by the app, so going back to it finds the last query and results."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="search.back"),
        # The results list moves its own cursor: these reach here only from the query box.
        Binding(
            "down",
            "focus_results",
            "From the query: into the results (Up at the top: back)",
            show=False,
            id="search.into-results",
        ),
        Binding("slash", "focus_query", "Back to the query", show=False, id="search.query"),
    ]

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self._db_path = db_path
        self._reader: Reader | None = None
        self._unfinished = False  # a search stopped by leaving the screen, to run again
        self.hits: list[SearchHit] = []
        # One thread of our own runs the queries, so that closing can wait for it: closing
        # the connection under a running query crashes the process (exit 139).
        self._queries = ThreadPoolExecutor(max_workers=1, thread_name_prefix=SEARCH_THREAD)
        self._query_future: Future | None = None

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder="Search findings and recommendations", compact=True, id="search-input"
        )
        yield Static(Text("Type to search every report."), id="search-status")
        yield Results(id="results")
        yield Footer()

    def on_key(self, event: events.Key) -> None:
        """Letters typed straight after "/" reach the screen before its query box has focus (a
        fast typist, keys sent over SSH together): they are the start of the query."""
        query = self.query_one(Input)
        # Sent to the screen, not bubbled up from the results: the query box has no focus yet,
        # or had none when the key was sent (the box takes every letter typed into it).
        if self.focused in (None, query) and event.is_printable:
            query.insert_text_at_cursor(event.character)
            self.set_focus(query)
            event.stop()

    def on_mount(self) -> None:
        # Its own connection, used only by the query thread, apart from the screens' reader.
        self._reader = Reader(self._db_path)

    def on_unmount(self) -> None:
        self.stop_searching()
        self._reader.close()

    def on_screen_suspend(self) -> None:
        """Leaving the screen stops its search; coming back runs it again."""
        self._unfinished = self._interrupt_search()

    def _interrupt_search(self) -> bool:
        """Cancel the search worker and interrupt its query; True if one was running."""
        cancelled = self.workers.cancel_group(self, "search")
        self._reader.interrupt()
        return any(worker.is_running for worker in cancelled)

    def stop_searching(self) -> None:
        """Cancel the search worker and wait for its query to end (interrupted, so quickly)."""
        self._interrupt_search()
        running = self._query_future
        while running is not None and not running.done():
            self._reader.interrupt()  # no effect until the query starts: so, again until done
            wait([running], timeout=0.05)
        self._queries.shutdown(wait=True, cancel_futures=True)

    async def _search(self, query: str, **options) -> SearchResult:
        """Reader.search in the screen's query thread."""
        self._query_future = self._queries.submit(self._reader.search, query, **options)
        return await asyncio.wrap_future(self._query_future)

    def on_screen_resume(self) -> None:
        # Back from a result or a dialog (export), focus stays where it was.
        if self.focused is None:
            self.action_focus_query()
        if self._unfinished:
            self._unfinished = False
            self.run_search(self.query_one(Input).value)

    @on(Input.Changed, "#search-input")
    def _query_changed(self, event: Input.Changed) -> None:
        self._reader.interrupt()  # the last keystroke's query, if still running, is stale
        self.run_search(event.value)

    @work(exclusive=True, group="search")
    async def run_search(self, query: str) -> None:
        """Each keystroke cancels the search before it, so only the latest query lands."""
        if not query.strip():
            self._show_hits([], Text("Type to search every report."))
            return
        try:
            result = await self._search(query, limit=QUICK_LIMIT, window=QUICK_WINDOW)
            self._show_hits(result.hits, status(query, result))
            if result.partial or len(result.hits) < min(result.total, LIMIT):
                result = await self._search(query, limit=LIMIT)
                self._show_hits(result.hits, status(query, result), keep_cursor=True)
        except SearchInterrupted:
            pass  # a newer keystroke's search has taken over
        except StoreError as error:
            self._show_hits([], Text(f"Search failed: {clean(str(error))}"))

    def _show_hits(self, hits: list[SearchHit], message: Text, keep_cursor: bool = False) -> None:
        self.hits = hits
        self.query_one("#search-status", Static).update(message)
        results = self.query_one(Results)
        results.set_hits(hits, hit_prompt, results.highlighted if keep_cursor else 0)

    def shown(self) -> tuple[str, str, list[SearchHit]]:
        """(title, file stem, hits) for an export."""
        return f"Search results for “{self.query_one(Input).value.strip()}”", "search", self.hits

    def action_focus_results(self) -> None:
        results = self.query_one(Results)
        if results.option_count:
            # At once, not after a refresh as focus() does: the next key of a quick
            # "Down Down Enter" must already reach the results.
            self.set_focus(results)

    def action_focus_query(self) -> None:
        self.set_focus(self.query_one(Input))  # at once: the letters typed next are the query

    @on(LeftTop)
    def _up_to_query(self, message: LeftTop) -> None:
        message.stop()
        self.action_focus_query()

    @on(Input.Submitted, "#search-input")
    def _open_highlighted(self) -> None:
        highlighted = self.query_one(Results).highlighted
        if highlighted is not None:
            self._open(self.hits[highlighted])

    @on(OptionList.OptionSelected, "#results")
    def _result_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(self.hits[int(event.option.id)])

    def _open(self, hit: SearchHit) -> None:
        self.post_message(OpenReport(hit.report_id, hit.line))
