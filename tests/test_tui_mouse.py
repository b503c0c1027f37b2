"""The mouse in the explorer: clicks select a PDU, a tab, a rating, a search result; the wheel
scrolls. (Every one of these has a key too: tests/test_tui.py.)"""

from __future__ import annotations

from textual import events
from textual.widget import Widget
from textual.widgets import Tabs

from gold import load, squash
from probe.tui.app import ProbeApp
from probe.tui.screens.reader import ReaderScreen, ReportText
from probe.tui.screens.search import Results, SearchScreen
from probe.tui.widgets.findings import FindingList
from probe.tui.widgets.key_questions import KeyQuestionsPane
from probe.tui.widgets.pdu_list import PduList
from probe.tui.widgets.ratings import RatingsPane
from tui_fixtures import GWENT, corpus_db, details_shown, run_async  # noqa: F401 (fixture)


def line_showing(widget: Widget, text: str) -> int:
    """The first line of `widget`, as shown now, that has `text` on it."""
    for y in range(widget.size.height):
        if text in widget.render_line(y).text:
            return y
    raise AssertionError(f"{text!r} is not shown in {widget}")


async def click_text(pilot, widget: Widget, text: str) -> None:
    y = line_showing(widget, text)
    x = widget.render_line(y).text.index(text)
    await pilot.click(widget, offset=(x + 1, y))
    await pilot.pause()


async def scroll_down(pilot, widget: Widget, times: int) -> None:
    """Turn the mouse wheel over `widget`, as the terminal reports it."""
    x, y = widget.region.center
    for _ in range(times):
        pilot.app.post_message(
            events.MouseScrollDown(None, x, y, 0, 1, 0, False, False, False, screen_x=x, screen_y=y)
        )
    await pilot.pause()


@run_async
async def test_clicking_a_pdu_selects_it_and_a_second_click_opens_it(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one(PduList).table
        await click_text(pilot, table, "Gwent")
        await details_shown(pilot)
        assert app.screen.current.pdu == "Gwent PDU"
        assert table.has_focus  # at 80 columns the list and the details take turns
        await click_text(pilot, table, "Gwent")
        assert app.screen.query_one(RatingsPane).has_focus


@run_async
async def test_clicking_a_column_heading_sorts_by_it(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        pdu_list = app.screen.query_one(PduList)
        await click_text(pilot, pdu_list.table, "Score")
        assert pdu_list.sort_by == "score"


@run_async
async def test_clicking_a_tab_shows_its_view(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await click_text(pilot, app.screen.query_one(PduList).table, "Gwent")
        tab = app.screen.query_one(Tabs).query_one("#--content-tab-questions")
        assert "Key questions" in str(tab.label)
        await pilot.click(tab)
        await pilot.pause()
        assert app.screen.query_one("#views").active == "questions"
        assert app.screen.query_one(KeyQuestionsPane).region.height > 0


@run_async
async def test_clicking_a_rating_lists_its_findings(corpus_db):
    gold = load(GWENT)
    standard = gold["standards"][2]
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await click_text(pilot, app.screen.query_one(PduList).table, "Gwent")
        await details_shown(pilot)
        await click_text(pilot, app.screen.query_one(RatingsPane), standard["name"])
        assert app.screen.query_one("#views").active == "findings"
        findings = app.screen.query_one(FindingList)
        assert findings.has_focus
        assert standard["code"] + " " in squash(app.screen.query_one("#finding-sections").highlighted_option.prompt.plain)


@run_async
async def test_clicking_a_search_result_opens_it_in_the_report(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"visits")
        await app.workers.wait_for_complete()
        await pilot.pause()
        search = app.screen
        assert isinstance(search, SearchScreen)
        results = search.query_one(Results)
        second = search.hits[1]
        await pilot.click(results, offset=(4, line_showing(results, squash(second.text)[:20])))
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.query_one(ReportText).cursor_location[0] + 1 == second.line


@run_async
async def test_the_wheel_scrolls_the_key_questions_and_the_report(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await click_text(pilot, app.screen.query_one(PduList).table, "Gwent")
        await click_text(pilot, app.screen.query_one(PduList).table, "Gwent")
        await pilot.press("2")
        await details_shown(pilot)
        questions = app.screen.query_one(KeyQuestionsPane)
        await scroll_down(pilot, questions, 3)
        assert questions.scroll_y > 0
        await pilot.press("r")
        text = app.screen.query_one(ReportText)
        await scroll_down(pilot, text, 3)
        assert text.scroll_y > 0
