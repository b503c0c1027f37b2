"""The explorer's smaller behaviours, found by using it as a new user would (issue 13)."""

from __future__ import annotations

import importlib
import pkgutil

from textual.binding import Binding
from textual.widgets import Input

import probe.tui

from gold import squash
from probe.tui.app import ProbeApp
from probe.tui.screens.help import HelpScreen
from probe.tui.screens.reader import ReaderScreen
from probe.tui.widgets.banner import ReportBanner
from probe.tui.widgets.key_questions import KeyQuestionsPane
from probe.tui.widgets.pdu_list import PduList
from test_tui import screen_lines, type_text
from tui_fixtures import corpus_db, details_shown, plain, run_async  # noqa: F401 (fixture)


@run_async
async def test_home_and_end_jump_to_the_first_and_last_pdu(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        names = sorted(summary.pdu for summary in app.explorer.reports)
        await pilot.press("end")
        await details_shown(pilot)
        assert app.explorer.query_one(PduList).table.cursor_row == len(names) - 1
        assert app.explorer.current.pdu == names[-1]
        await pilot.press("home")
        await details_shown(pilot)
        assert app.explorer.current.pdu == names[0]


@run_async
async def test_the_first_screen_offers_to_read_the_report(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "r Read report" in screen_lines(app)[-1]


@run_async
async def test_escape_clears_the_filter_and_no_match_shows_no_pdu(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        pdus = app.explorer.query_one(PduList)
        await pilot.press("f")
        await type_text(pilot, "zzz")
        await pilot.pause()
        assert pdus.table.row_count == 0 and app.explorer.current is None
        banner = squash(plain(app.explorer.query_one(ReportBanner).content))
        assert banner == "No PDU matches the filter."
        assert not app.explorer.query_one("#views").display  # no last PDU left showing
        assert "r Read report" not in screen_lines(app)[-1]

        await pilot.press("escape")  # in the filter box: one Esc clears it and goes to the list
        await details_shown(pilot)
        assert pdus.query_one(Input).value == "" and pdus.table.has_focus
        assert pdus.table.row_count == 5
        assert app.explorer.current is not None and app.explorer.query_one("#views").display
        await pilot.press("escape")  # nothing left to clear: Esc is the screen's again
        assert pdus.table.has_focus and pdus.table.row_count == 5
        await pilot.press("f", *"tyne", "enter")  # Enter goes to the list keeping the filter
        assert pdus.query_one(Input).value == "tyne" and pdus.table.has_focus
        await pilot.press("escape")  # on the filtered list: clears it too
        assert pdus.query_one(Input).value == "" and pdus.table.row_count == 5


@run_async
async def test_help_names_each_moving_key_once(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        lines = [squash(line) for line in screen_lines(app)]
        assert sum("(also j, k)" in line for line in lines) == 1
        assert not [line for line in lines if line.startswith(("j ", "k "))]


@run_async
async def test_long_contents_entries_wrap_under_their_indent(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "r")  # Gwent
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        inside = app.screen.query_one("#contents").scrollable_content_region
        column = [line[inside.x : inside.right] for line in screen_lines(app)]
        first = next(i for i, line in enumerate(column) if "2.3 Implementation" in line)
        top = next(line for line in column if "2. Service delivery" in line)  # its level-1 parent

        def indent(line: str) -> int:
            return len(line) - len(line.lstrip())

        assert indent(column[first]) == indent(top) + 2
        assert column[first + 1].strip() == "delivery"  # wrapped...
        assert indent(column[first + 1]) == indent(column[first])  # ...under its indent


@run_async
async def test_key_questions_are_inset_from_the_pane_edge(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "2")
        await pilot.pause()
        pane = app.explorer.query_one(KeyQuestionsPane)
        body = pane.query_one("#questions-body")
        assert body.region.x == pane.region.x + 1
        assert screen_lines(app)[body.region.y][pane.region.x] == " "


@run_async
async def test_the_palette_screenshot_is_saved_where_it_says(corpus_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "no-such-home"))  # no ~/Downloads
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(80, 24)) as pilot:
        [screenshot] = [c for c in app.get_system_commands(app.screen) if c.title == "Screenshot"]
        screenshot.callback()
        await pilot.pause()
        [saved] = tmp_path.glob("*.svg")
        assert "Gwent" in saved.read_text(encoding="utf-8")  # the PDU list, as shown
        [note] = app._notifications
        assert note.message == f"Screenshot saved to {saved}"


def declared_bindings() -> list[tuple[str, Binding]]:
    """Every binding a class in probe.tui declares itself."""
    found = []
    for info in pkgutil.walk_packages(probe.tui.__path__, "probe.tui."):
        module = importlib.import_module(info.name)
        for cls in vars(module).values():
            if isinstance(cls, type) and cls.__module__ == module.__name__:
                for binding in cls.__dict__.get("BINDINGS", []):
                    found.append((cls.__qualname__, binding))
    return found


def test_every_binding_has_an_id():
    bindings = declared_bindings()
    assert len(bindings) > 25  # the walk finds the app, screens and widgets
    assert [(owner, b.key) for owner, b in bindings if not b.id] == []


@run_async
async def test_a_binding_id_remaps_its_key(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        app.set_keymap({"pdu-list.last": "G"})
        await pilot.press("G")
        await details_shown(pilot)
        assert app.explorer.current.pdu == max(s.pdu for s in app.explorer.reports)


def test_the_banner_breaks_lines_only_between_its_parts():
    from rich.text import Text

    from probe.tui.widgets.banner import fitted

    parts = [Text("Inadequate  Durham PDU"), Text("July 2025"), Text("score 3/21"), Text("North East")]
    assert str(fitted(parts, 80)) == "Inadequate  Durham PDU · July 2025 · score 3/21 · North East"
    assert str(fitted(parts, 50)) == "Inadequate  Durham PDU · July 2025 · score 3/21\nNorth East"
    assert str(fitted(parts, 47)) == "Inadequate  Durham PDU · July 2025 · score 3/21\nNorth East"
    assert str(fitted(parts, 46)) == "Inadequate  Durham PDU · July 2025\nscore 3/21 · North East"
    assert str(fitted(parts[:1], 10)) == "Inadequate  Durham PDU"  # wider than a line: Textual wraps it
