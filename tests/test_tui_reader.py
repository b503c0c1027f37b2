"""The reader opens on the finding asked for, whatever the terminal size and however slowly
the explorer starts: it used to race layout and could show the contents list instead."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from gold import squash
from probe.store.read import Reader
from probe.tui.app import ProbeApp
from probe.tui.screens.reader import ReaderScreen, ReportText
from test_tui import assert_line_near_the_top, type_text
from tui_fixtures import corpus_db, run_async  # noqa: F401 (fixture)

@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("keys", [["enter"], ["down", "down", "enter"]])  # the first hit, the second
@run_async
async def test_a_search_hit_opens_the_reader_at_the_finding_highlighted(corpus_db, size, keys):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=size) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "home visits")
        await app.workers.wait_for_complete()
        await pilot.pause()
        hit = app.screen.hits[len(keys) // 2]
        await pilot.press(*keys)
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        text, contents = reader.query_one(ReportText), reader.query_one("#contents")
        assert text.has_focus and contents.display == (size[0] >= 100)  # narrow: the text only
        assert reader.cursor_line == hit.line
        assert squash(hit.text)[:40] in squash(text.selected_text)
        assert_line_near_the_top(app, text, hit.line)


# A new process, so the reader composes while Textual's modules are still loading: the slow
# start under which it opened on the contents (focused first) four times in five.
FRESH_EXPLORER = """
import asyncio, json, sys
from probe.tui.app import ProbeApp
from probe.tui.screens.reader import ReportText

async def main():
    app = ProbeApp(sys.argv[1])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"home", "space", *"visits")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        text = app.screen.query_one(ReportText)
        row = text.cursor_location[0]
        print(json.dumps({
            "focused": type(app.screen.focused).__name__, "text shown": text.display,
            "line": row + 1, "scroll": text.scroll_y,
            "line at": text.wrapped_document.location_to_offset((row, 0)).y - 2,
        }))

asyncio.run(main())
"""


def test_a_fresh_explorer_opens_the_first_hit_on_its_finding_at_80x24(corpus_db):
    with Reader(corpus_db) as reader:
        first = reader.search("home visits").hits[0]
    result = subprocess.run([sys.executable, "-c", FRESH_EXPLORER, str(corpus_db)],
                            capture_output=True, text=True, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown == {"focused": "ReportText", "text shown": True, "line": first.line,
                     "scroll": shown["line at"], "line at": shown["line at"]}  # fmt: skip
    assert shown["line at"] > 0


@run_async
async def test_keys_typed_in_a_burst_open_the_hit_they_point_at(corpus_db):
    """Down, Down, Enter arriving together (a fast typist, a terminal over SSH) open the second
    hit: the first Down must move focus into the results before the second is handled."""
    from textual import events

    app = ProbeApp(corpus_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "home visits")
        await app.workers.wait_for_complete()
        await pilot.pause()
        hit = app.screen.hits[1]
        for key in ("down", "down", "enter"):
            app.post_message(events.Key(key, None))
        for _ in range(100):  # under load the reader may take a while to open
            await pilot.pause(0.05)
            if isinstance(app.screen, ReaderScreen):
                break
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.cursor_line == hit.line
