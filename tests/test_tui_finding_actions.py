"""What the explorer does with a finding: similar findings (m), copy with citation (c), and
exporting what is shown (x, and the palette), driven through Textual's pilot on the bundled reports."""

from __future__ import annotations

import csv
import json

from textual.widgets import OptionList

from probe.tui.app import ProbeApp
from probe.tui.screens.reader import ReaderScreen
from probe.tui.screens.search import Results
from probe.tui.screens.similar import SimilarScreen
from probe.tui.widgets.findings import FindingList
from test_tui import select_pdu, type_text
from tui_fixtures import corpus_db, run_async  # noqa: F401 (fixture)

GWENT_HOME_VISITS = "Only 20 out of 48 home visits had been completed"


async def search(app, pilot, query: str) -> list:
    await pilot.press("slash")
    await type_text(pilot, query)
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("down")  # into the results
    return app.screen.hits


async def settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


def where(hit) -> tuple[str, int]:
    return hit.pdu, hit.line


@run_async
async def test_the_home_visit_findings_find_each_other_with_m(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        home_visits = await search(app, pilot, "home visits")
        assert len(home_visits) == 5
        for index, hit in enumerate(home_visits):
            app.screen.query_one(Results).highlighted = index
            await pilot.press("m")
            await settle(app, pilot)
            similar = app.screen
            assert isinstance(similar, SimilarScreen) and similar.source == hit
            found = similar.query_one("#similar-hits", OptionList)
            assert found.option_count == len(similar.result.hits) > 0
            shown = {where(other) for other in similar.result.hits}
            others = {where(other) for other in home_visits if other.report_id != hit.report_id}
            assert others <= shown, hit
            assert hit.report_id not in {other.report_id for other in similar.result.hits}  # other reports only
            await pilot.press("escape", "down")  # back in the search, which focuses the query: into the results
            assert app.screen.query_one(Results).has_focus


@run_async
async def test_m_in_the_findings_view_then_enter_reads_the_similar_finding(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_pdu(pilot, "gwent")
        await pilot.press("3")  # Findings
        await pilot.pause()
        items = app.screen.query_one(FindingList)
        pane = items.parent
        pane.show_section("2.3")
        await pilot.pause()
        at_229 = next(option for option in items.options if option.id and option.id.endswith(":229"))
        items.highlighted = items.get_option_index(at_229.id)
        items.focus()
        await pilot.press("m")
        await settle(app, pilot)
        assert isinstance(app.screen, SimilarScreen)
        assert app.screen.source.text.startswith(GWENT_HOME_VISITS)
        # the same ranking as `probe similar gwent:229` (tests/test_similar.py)
        assert [where(hit)[1] for hit in app.screen.result.hits[:3]] == [467, 286, 466]
        best = app.screen.result.hits[0]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.cursor_line == best.line == 467
