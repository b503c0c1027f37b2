"""Keys that arrive together (a fast typist, keys sent over SSH in one packet) are handled in
order: the keys after one that moves focus reach where it moved it."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from probe.tui.app import ProbeApp
from probe.tui.screens.search import SearchScreen
from probe.tui.widgets.pdu_list import PduList
from tui_fixtures import corpus_db, run_async  # noqa: F401 (fixture)

NAMED_KEYS = {"/": "slash", " ": "space"}


def burst(app: ProbeApp, text: str) -> None:
    """Every key of `text` queued at once, before any is handled."""
    for character in text:
        app.post_message(events.Key(NAMED_KEYS.get(character, character), character))


async def settle(pilot, done) -> None:
    for _ in range(100):  # under load the screen may take a while to mount
        await pilot.pause(0.05)
        if done():
            break


@run_async
async def test_a_query_typed_straight_after_slash_is_kept_whole(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "/home visits")
        await settle(pilot, lambda: isinstance(app.screen, SearchScreen) and app.screen.hits)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one(Input).value == "home visits"
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(app.screen.hits) == 5  # what `probe search "home visits"` gives for the corpus
        # From the results, "/" goes back to the query, selected, and the next letters replace it.
        app.screen.action_focus_results()
        burst(app, "/risk")
        await settle(pilot, lambda: app.screen.query_one(Input).value == "risk")
        assert app.screen.query_one(Input).value == "risk"


@run_async
async def test_a_name_typed_straight_after_f_filters_the_list(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "fgw/f")  # in the filter box "/" and "f" are letters of the name
        pdus = app.screen.query_one(PduList)
        await settle(pilot, lambda: pdus.query_one(Input).value == "gw/f")
        assert pdus.query_one(Input).value == "gw/f"
        assert isinstance(app.focused, Input) and not isinstance(app.screen, SearchScreen)
