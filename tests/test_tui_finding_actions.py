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
            await pilot.press("escape")  # back in the results, where m was pressed
            assert app.screen.query_one(Results).has_focus
        await pilot.press("escape", "slash")  # `/` again: back to typing a query
        assert app.screen.query_one("#search-input").has_focus


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


def notices(app) -> list[str]:
    return [notification.message for notification in app._notifications]


@run_async
async def test_c_copies_a_search_hit_with_its_citation(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        hits = await search(app, pilot, "home visits")
        gwent = next(index for index, hit in enumerate(hits) if hit.pdu == "Gwent PDU")
        app.screen.query_one(Results).highlighted = gwent
        await pilot.press("c")
        await pilot.pause()
        quote, cite = app.clipboard.split("\n")
        assert quote.startswith(f"“{GWENT_HOME_VISITS}") and quote.endswith("”")
        assert cite == (
            "— HM Inspectorate of Probation, Gwent PDU inspection (fieldwork September 2025), "
            "2.3 Implementation and delivery, finding."  # the 2024 framework's findings have no kind (gold)
        )
        assert notices(app)[-1] == "Copied the finding with its citation: " + cite[2:-1]


@run_async
async def test_c_in_the_findings_view_copies_a_recommendation(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_pdu(pilot, "gwent")
        await pilot.press("3")
        await pilot.pause()
        app.screen.query_one(FindingList).parent.show_section("Recommendations")
        await pilot.pause()
        app.screen.query_one(FindingList).focus()
        await pilot.press("c")
        await pilot.pause()
        report = app.reader.report(app.explorer.current.id)
        first = report.recommendations[0]
        assert app.clipboard == (
            f"“{first.text}”\n— HM Inspectorate of Probation, Gwent PDU inspection (fieldwork September 2025), "
            f"Recommendation to {first.addressee}."
        )


@run_async
async def test_x_exports_the_search_results_as_csv_json_and_markdown(corpus_db, tmp_path, monkeypatch):
    monkeypatch.setenv("PROBE_EXPORT_DIR", str(tmp_path))
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        hits = await search(app, pilot, "home visits")
        written = {}
        for choice, fmt in enumerate(("csv", "json", "md")):
            await pilot.press("x")
            await pilot.pause()
            await pilot.press(*["down"] * choice, "enter")
            await pilot.pause()
            message = notices(app)[-1]
            assert message.startswith(f"Exported 5 findings as ") and f" to {tmp_path}/probe-search-" in message
            written[fmt] = tmp_path / message.rpartition(" to ")[2]
        assert sorted(path.suffix for path in tmp_path.iterdir()) == [".csv", ".json", ".md"]  # nothing partial left
        rows = list(csv.DictReader(written["csv"].open(encoding="utf-8")))
        assert [(row["pdu"], int(row["line"])) for row in rows] == [(hit.pdu, hit.line) for hit in hits]
        records = json.loads(written["json"].read_text(encoding="utf-8"))
        assert [record["text"] for record in records] == [hit.text for hit in hits]
        assert records[0]["citation"] == rows[0]["citation"]
        markdown = written["md"].read_text(encoding="utf-8").splitlines()
        assert markdown[0] == "# Search results for “home visits”"
        assert sum(line.startswith("- ") for line in markdown) == 5


@run_async
async def test_the_palette_exports_the_selected_reports_findings(corpus_db, tmp_path, monkeypatch):
    monkeypatch.setenv("PROBE_EXPORT_DIR", str(tmp_path))
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_pdu(pilot, "gwent")
        await pilot.press("ctrl+p")
        await type_text(pilot, "export as json")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        report = app.reader.report(app.explorer.current.id)
        count = len(report.findings) + len(report.recommendations)
        (path,) = tmp_path.iterdir()
        assert path.name.startswith("probe-report-") and path.suffix == ".json"
        assert notices(app)[-1] == f"Exported {count} findings as JSON to {path}"
        records = json.loads(path.read_text(encoding="utf-8"))
        assert [record["line"] for record in records] == [f.line for f in report.findings] + [r.line for r in report.recommendations]


@run_async
async def test_x_in_the_reader_exports_the_report_being_read(corpus_db, tmp_path, monkeypatch):
    monkeypatch.setenv("PROBE_EXPORT_DIR", str(tmp_path))
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(80, 24)) as pilot:
        hits = await search(app, pilot, "home visits")
        await pilot.press("down", "enter")  # the second hit, Gwent's: the reader opens at it
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("down", "enter")  # JSON
        await pilot.pause()
        (path,) = tmp_path.iterdir()
        assert path.name.startswith("probe-report-") and path.suffix == ".json"
        report = app.reader.report(hits[1].report_id)
        records = json.loads(path.read_text(encoding="utf-8"))
        assert {record["pdu"] for record in records} == {"Gwent PDU"}
        assert [record["line"] for record in records] == [f.line for f in report.findings] + [r.line for r in report.recommendations]


@run_async
async def test_an_export_that_cannot_be_written_says_so(corpus_db, tmp_path, monkeypatch):
    monkeypatch.setenv("PROBE_EXPORT_DIR", str(tmp_path / "missing"))
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await search(app, pilot, "home visits")
        app.action_export("md")
        await pilot.pause()
        assert notices(app)[-1].startswith("Export failed: ")
