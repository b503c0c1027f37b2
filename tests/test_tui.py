"""The explorer driven through Textual's pilot, on a database of the real bundled reports."""

from __future__ import annotations

import dataclasses
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from textual.widgets import Static

from gold import load, seed_text, squash
from probe.store.write import build_database
from probe.tui.app import ProbeApp, run
from probe.tui.screens.explorer import ExplorerScreen
from probe.tui.screens.help import HelpScreen
from probe.tui.screens.reader import ReaderScreen, ReportText
from probe.tui.screens.search import Results, SearchScreen
from probe.tui.widgets.banner import ReportBanner
from probe.tui.widgets.findings import FindingList
from probe.tui.widgets.key_questions import KeyQuestionsPane
from probe.tui.widgets.pdu_list import PduList
from probe.tui.widgets.ratings import RatingsPane
from tui_fixtures import GWENT, corpus_db, plain, report_db, run_async  # noqa: F401 (fixture)

PERCENT = re.compile(r"(\d+)%")


async def type_text(pilot, text: str) -> None:
    await pilot.press(*("space" if char == " " else char for char in text))


async def select_pdu(pilot, name: str) -> None:
    """Filter the list to one PDU and open its details, as a user would."""
    await pilot.press("f")
    await type_text(pilot, name)
    await pilot.press("enter", "enter")  # leave the filter, then open the details
    await pilot.pause()


def option_lines(option_list, width: int = 100) -> list[str]:
    return [squash(plain(option.prompt, width)) for option in option_list.options]


@run_async
async def test_selecting_gwent_shows_its_ratings_and_key_questions(corpus_db):
    gold = load(GWENT)
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_pdu(pilot, "gwent")
        assert app.screen.current.pdu == "Gwent PDU"

        lines = option_lines(app.screen.query_one(RatingsPane))
        ratings = [line for line in lines if line[:1].isdigit()]  # not the domain headings
        expected = [f"{s['code']} {s['name']} {s['rating']}" for s in gold["standards"]]
        assert ratings == expected  # seven, in report order, each saying its rating in words

        await pilot.press("2")
        body = app.screen.query_one(KeyQuestionsPane).query_one(Static)
        text = squash(plain(body.content, width=100))
        percents = [int(p) for p in PERCENT.findall(text)]
        assert percents == [q["percent"] for q in gold["key_questions"]]  # all twelve, in order
        for question in gold["key_questions"]:
            assert squash(question["question"]) in text


@run_async
async def test_key_questions_mark_the_lowest_as_driving_the_rating(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_pdu(pilot, "gwent")
        await pilot.press("2")
        body = app.screen.query_one(KeyQuestionsPane).query_one(Static)
        lines = plain(body.content, width=100).splitlines()
        marked = [PERCENT.search(line) for line in lines if line.startswith("▶ ")]
        driving = [int(match.group(1)) for match in marked if match]  # the legend has none
        assert driving == [28, 39, 28, 36]  # gold band_checks: lowest percent of 2.1-2.4


@run_async
async def test_list_filters_as_you_type_and_sorts(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        pdu_list = app.screen.query_one(PduList)
        table = pdu_list.table

        def names() -> list[str]:
            return [squash(plain(table.get_row_at(i)[0])) for i in range(table.row_count)]

        assert names()[0] == "County Durham and Darlington"
        await pilot.press("f")
        await type_text(pilot, "tyne")
        assert names() == ["Newcastle Upon Tyne", "South Tyneside and Gateshead"]
        await pilot.press("escape")  # back to the list; the filter stays
        await pilot.press("s")  # sort by newest fieldwork first
        assert names() == ["Newcastle Upon Tyne", "South Tyneside and Gateshead"]
        await pilot.press("s")  # by score, best first: 15/27 beats 3/21
        assert names() == ["South Tyneside and Gateshead", "Newcastle Upon Tyne"]


@run_async
async def test_search_home_visits_then_open_the_finding_in_its_report(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await type_text(pilot, "home visits")
        await app.workers.wait_for_complete()
        await pilot.pause()
        search = app.screen
        assert search.query_one(Results).option_count == 5
        assert "5 results" in plain(search.query_one("#search-status", Static).content)
        first = search.hits[0]

        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        text = app.screen.query_one(ReportText)
        assert text.cursor_location[0] + 1 == first.line
        highlighted = text.selected_text
        assert squash(first.text)[:40] in squash(highlighted)
        assert text.scroll_y <= text.wrapped_document.location_to_offset((first.line - 1, 0)).y

        await pilot.press("escape")
        assert isinstance(app.screen, SearchScreen)
        assert search.query_one(Results).option_count == 5  # results kept
        await pilot.press("escape")
        assert isinstance(app.screen, ExplorerScreen)


@run_async
async def test_help_lists_every_key(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = squash(plain(app.screen.query_one("#help").query(Static).last().content, width=100))
        for description in (
            "Quit", "Help", "Search", "Command palette", "Filter", "Sort", "Read report",
            "Next pane", "Previous pane", "PDU list",
            "Ratings", "Key questions", "Findings", "Compare",
            "Back", "Contents", "Next section", "Previous section", "Move",
        ):  # fmt: skip
            assert description in text
        await pilot.press("escape")
        assert isinstance(app.screen, ExplorerScreen)


@run_async
async def test_command_palette_jumps_to_a_pdu(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, "go to leicester")
        await pilot.pause(0.5)  # the palette searches in the background
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.current.pdu == "Leicester, Leicestershire and Rutland PDU"
        banner = plain(app.screen.query_one(ReportBanner).content)
        assert "Leicester, Leicestershire and Rutland PDU" in squash(banner)


@run_async
async def test_enter_on_a_rating_shows_that_standards_findings(corpus_db):
    gold = load(GWENT)
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_pdu(pilot, "gwent")
        await pilot.press("j", "j", "j", "enter")  # down to 2.1 Assessment, past the domain row
        items = app.screen.query_one(FindingList)
        assert items.has_focus
        shown_items = [line for line in option_lines(items) if line.startswith("• ")]
        expected = [squash(f["text"]) for f in gold["findings"] if f["section"] == "2.1"]
        assert [line.removeprefix("• ") for line in shown_items] == expected


@run_async
async def test_narrow_terminal_shows_list_and_details_in_turn(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        details = screen.query_one("#details")
        assert screen.query_one(PduList).display and not details.display
        await pilot.press("enter")
        assert details.display and not screen.query_one(PduList).display
        await pilot.press("escape")
        assert screen.query_one(PduList).display and not details.display


@run_async
async def test_markup_and_control_characters_in_a_report_are_shown_literally(tmp_path):
    markup = "[bold]Gwent[/] [link=https://example.com]PDU[/link] [/]"
    text = seed_text(GWENT).replace("\u00a0in Gwent PDU", f"\u00a0in {markup} PDU", 1)
    finding_line = 229  # "Only 20 out of 48 home visits ..." in 2.3

    def edit(report):
        # The importer strips control characters; write one past it to check the TUI too.
        index = next(i for i, f in enumerate(report.findings) if f.line == finding_line)
        finding = report.findings[index]
        report.findings[index] = dataclasses.replace(finding, text=f"[red]x\x1b[31m{finding.text}")

    db = report_db(tmp_path / "edited.db", text, edit=edit)
    app = ProbeApp(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        screen = app.screen
        assert markup in squash(plain(screen.query_one(ReportBanner).content))
        table = screen.query_one(PduList).table
        assert squash(plain(table.get_row_at(0)[0])) == f"{markup}"

        await pilot.press("3")  # findings
        screen.query_one("#findings-pane").show_section("2.3")
        await pilot.pause()
        items = option_lines(screen.query_one(FindingList))
        edited = next(line for line in items if "home visits" in line)
        assert edited.startswith("• [red]x[31mOnly 20 out of 48 home visits")

        svg = app.export_screenshot()
        assert "\x1b" not in svg
        assert "[bold]Gwent[/]" in svg.replace("&#160;", " ")


@run_async
async def test_tab_moves_between_the_list_and_the_visible_view(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert screen.focused is screen.query_one(PduList).table
        await pilot.press("3", "shift+tab")  # findings: its section list, then back to the list
        assert screen.focused is screen.query_one(PduList).table
        await pilot.press("tab")
        assert screen.focused.id == "finding-sections"
        await pilot.press("tab")
        assert screen.focused.id == "finding-items"
        await pilot.press("tab")
        assert screen.focused is screen.query_one(PduList).table


@run_async
async def test_compare_matrix_takes_the_whole_width_and_enter_selects_a_row(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await pilot.press("4")
        await pilot.pause()
        assert not screen.query_one(PduList).display
        matrix = screen.query_one("#matrix")
        assert matrix.row_count == 5
        await pilot.press("j", "j", "enter")  # third row by name: Leicester
        await pilot.pause()
        assert screen.current.pdu == "Leicester, Leicestershire and Rutland PDU"
        assert screen.query_one(PduList).display  # back to ratings, beside the list


@run_async
async def test_an_empty_database_says_how_to_add_reports(tmp_path):
    db = tmp_path / "empty.db"
    build_database(db, [])
    app = ProbeApp(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "r", "2", "4", "escape", "slash", "x", "enter", "escape")
        assert isinstance(app.screen, ExplorerScreen) and app.screen.current is None
        status = plain(app.screen.query_one("#pdu-status", Static).content)
        assert "No reports in this database yet" in status


@run_async
async def test_a_report_removed_by_someone_else_is_an_error_message_not_a_crash(
    corpus_db, tmp_path
):
    db = Path(shutil.copy(corpus_db, tmp_path / "shared.db"))
    app = ProbeApp(db)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        first = app.screen.current
        assert first.pdu_name == "County Durham and Darlington"
        gwent = next(r for r in app.screen.reports if r.pdu_name == "Gwent")
        with sqlite3.connect(db) as other_user:
            other_user.execute("DELETE FROM reports WHERE id = ?", [gwent.id])
        await pilot.press("j")  # the list still shows Gwent
        await pilot.pause()
        assert app.is_running and app.screen.current == first
        assert any("no report" in n.message for n in app._notifications)


@run_async
async def test_r_reads_the_report_and_n_p_step_through_its_sections(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "r")  # Gwent
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        report = app.reader.report(app.explorer.current.id)
        contents = reader.query_one("#contents")
        assert [squash(plain(o.prompt)) for o in contents.options] == [
            squash(h.title) for h in report.headings
        ]
        assert reader.query_one(ReportText).text.splitlines()[0] == report.text.splitlines()[0]
        await pilot.press("n", "n")
        assert reader.cursor_line == report.headings[1].line
        await pilot.press("p")
        assert reader.cursor_line == report.headings[0].line


def test_run_refuses_an_unusable_database_in_one_line(tmp_path, capsys):
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("these are notes, not a database\n")
    with pytest.raises(SystemExit) as exit_info:
        run(not_a_db)
    assert exit_info.value.code == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "not a SQLite database" in error


@run_async
async def test_search_says_when_words_match_only_scattered(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "checks police abuse")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = plain(app.screen.query_one("#search-status", Static).content)
        assert "1 result for" in status and "no text has them as a phrase" in status
        assert app.screen.hits[0].text.startswith("Leaders had not done enough")
