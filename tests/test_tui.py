"""The explorer driven through Textual's pilot, on a database of the real bundled reports."""

from __future__ import annotations

import dataclasses
import html
import io
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from rich.console import Console
from textual.command import CommandList
from textual.widgets import Input, Static

from gold import load, seed_text, squash
from probe.domain.ratings import RATINGS
from probe.importers import parse_report
from probe.store.write import build_database
from probe.tui.app import ProbeApp, run
from probe.tui.render import SHORT_WIDTH
from probe.tui.screens.explorer import ExplorerScreen
from probe.tui.screens.help import HelpScreen
from probe.tui.screens.reader import ReaderScreen, ReportText
from probe.tui.screens.search import Results, SearchScreen
from probe.tui.widgets.banner import ReportBanner
from probe.tui.widgets.findings import FindingList
from probe.tui.widgets.key_questions import KeyQuestionsPane
from probe.tui.widgets.pdu_list import PduList
from probe.tui.widgets.ratings import RatingsPane
from tui_fixtures import GWENT, corpus_db, details_shown, plain, report_db, run_async  # noqa: F401 (fixture)

PERCENT = re.compile(r"(\d+)% [█░]")  # a question's percent, then its bar


async def type_text(pilot, text: str) -> None:
    await pilot.press(*("space" if char == " " else char for char in text))


async def select_pdu(pilot, name: str) -> None:
    """Filter the list to one PDU and open its details, as a user would."""
    await pilot.press("f")
    await type_text(pilot, name)
    await pilot.press("enter", "enter")  # leave the filter, then open the details
    await details_shown(pilot)


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
        await details_shown(pilot)
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
        await details_shown(pilot)
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
        await pilot.press("enter")  # back to the list; the filter stays
        await pilot.press("s")  # sort by newest fieldwork first
        assert names() == ["Newcastle Upon Tyne", "South Tyneside and Gateshead"]
        await pilot.press("s")  # by score, best first: 15/27 beats 3/21
        assert names() == ["South Tyneside and Gateshead", "Newcastle Upon Tyne"]
        await pilot.press("f", "escape")  # one Esc, from the filter box: cleared, back on the list
        assert (len(names()), pdu_list.query_one(Input).value, table.has_focus) == (5, "", True)


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
        hit = squash(plain(app.screen.query_one(CommandList).get_option_at_index(0).prompt))
        assert hit.endswith("Select this PDU and show its ratings")  # what Enter does
        await pilot.press("enter")
        await details_shown(pilot)
        assert app.screen.current.pdu == "Leicester, Leicestershire and Rutland PDU"
        banner = plain(app.screen.query_one(ReportBanner).content)
        assert "Leicester, Leicestershire and Rutland PDU" in squash(banner)
        assert app.screen.query_one("#views").active == "ratings"


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
        await details_shown(pilot)
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
        await details_shown(pilot)
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
        await details_shown(pilot)
        first = app.screen.current
        assert first.pdu_name == "County Durham and Darlington"
        gwent = next(r for r in app.screen.reports if r.pdu_name == "Gwent")
        with sqlite3.connect(db) as other_user:
            other_user.execute("DELETE FROM reports WHERE id = ?", [gwent.id])
        await pilot.press("j")  # the list still shows Gwent
        await details_shown(pilot)
        assert app.is_running and app.screen.current == first
        assert any("no report" in n.message for n in app._notifications)


@run_async
async def test_r_reads_the_report_and_n_p_step_through_its_sections(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "r")  # Gwent
        await details_shown(pilot)
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


def body_text(app, width: int = 100) -> str:
    return plain(app.screen.query_one(KeyQuestionsPane).query_one(Static).content, width)


@run_async
async def test_key_questions_show_probes_band_apart_from_the_inspectorates_rating(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_pdu(pilot, "south tyneside")
        await pilot.press("2")
        await details_shown(pilot)
        lines = [squash(line) for line in body_text(app).splitlines()]
        assert "unless inspectors used their judgement" in squash(" ".join(lines[:5]))

        def block(heading: str) -> list[str]:
            start = next(i for i, line in enumerate(lines) if line.startswith(heading))
            end = lines.index("", start)
            return lines[start:end]

        # Court work: rated Outstanding though its only question (78%) is in the Good band.
        court = block("2.1 Court work")
        assert court[0].endswith("Outstanding")
        assert court[1] == (
            "rated Outstanding: above the band of its lowest question (inspectors' judgement)"
        )
        assert court[2].startswith("▶ 78% ") and "band Good · median" in court[2]
        # Assessment: rated Good, its lowest question (60%) in the Requires improvement band.
        assessment = block("2.2 Assessment")
        assert assessment[1].startswith("rated Good: above the band of its lowest question")
        lowest = next(line for line in assessment if line.startswith("▶"))
        assert lowest.startswith("▶ 60% ") and "band Requires improvement" in lowest
        # Planning is rated at the band of its lowest question (74%, Good): nothing to explain.
        assert not any(line.startswith("rated ") for line in block("2.3 Planning"))
        # Outcomes has no rating, so none of its questions drives one.
        outcomes = block("2.6 Outcomes")
        assert outcomes[0].endswith("not rated")
        assert not any(line.startswith("▶") for line in outcomes)

        # Coloured chips are the Inspectorate's ratings only: one per rated standard heading.
        console = Console(file=io.StringIO(), width=100, color_system="truecolor")
        content = app.screen.query_one(KeyQuestionsPane).query_one(Static).content
        chips = [
            segment.text.strip()
            for segment in console.render(content)
            if segment.style and segment.style.bgcolor and segment.text.strip() in RATINGS
        ]
        rated = ["Outstanding", "Good", "Good", "Requires improvement", "Requires improvement"]
        assert chips == rated


@run_async
async def test_import_warnings_show_in_the_banner_and_under_the_ratings(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await select_pdu(pilot, "gwent")
        warnings = app.reader.report(app.screen.current.id).warnings
        assert warnings == [
            "no probation region named in the report",
            "'Published:' label has no date",
        ]
        assert "⚠ 2 import warnings" in squash(plain(app.screen.query_one(ReportBanner).content))
        ratings = app.screen.query_one(RatingsPane)
        await pilot.press("end")  # the keyboard reaches the warnings, on any terminal size
        assert option_lines(ratings)[ratings.highlighted] == f"• {warnings[-1]}"
        assert [f"• {w}" for w in warnings] == option_lines(ratings)[-2:]
        await pilot.press("enter")  # nothing to open: the pane stays
        assert ratings.has_focus

        await pilot.press("escape")
        await select_pdu(pilot, "south tyneside")  # imported without warnings
        assert "import warning" not in plain(app.screen.query_one(ReportBanner).content)
        assert not any("import warning" in line for line in option_lines(ratings))


@run_async
async def test_reader_t_focuses_the_contents_and_home_end_jump(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "r")  # Gwent
        await details_shown(pilot)
        await pilot.pause()
        reader = app.screen
        report = app.reader.report(app.explorer.current.id)
        contents, text = reader.query_one("#contents"), reader.query_one(ReportText)
        footer = screen_lines(app)[-1]  # the bottom row ("Background" may be in the text)
        assert "esc Back" in footer
        for keys in ("t Contents", "n p Sections", "? Help", "/ Search"):  # all fit in 80 columns
            assert keys in footer
        assert not contents.display  # narrow: the text has the width

        await pilot.press("n", "n", "n")  # the third heading
        title = squash(plain(reader.query_one("#reader-title", Static).content))
        assert title == f"Gwent PDU · September 2025 · {report.headings[2].title}"
        await pilot.press("t")
        await pilot.pause()
        assert contents.display and contents.has_focus
        assert contents.highlighted == 2  # where the cursor is
        await pilot.press("j", "enter")  # the next heading: back to the text, at it
        await pilot.pause()
        assert text.has_focus and not contents.display
        assert reader.cursor_line == report.headings[3].line
        assert_line_near_the_top(app, text, report.headings[3].line)
        await pilot.press("t", "t")
        assert text.has_focus and not contents.display

        await pilot.press("end")
        assert reader.cursor_line == text.document.line_count
        assert text.scroll_y == text.max_scroll_y > 0
        await pilot.press("home")
        assert reader.cursor_line == 1 and text.scroll_y == 0


def assert_line_near_the_top(app, text: ReportText, line: int) -> None:
    """The 1-based source `line` shows on the third row of the text, as the reader puts it."""
    top = text.wrapped_document.location_to_offset((line - 1, 0)).y
    assert text.scroll_y == min(top - 2, text.max_scroll_y)
    shown = screen_lines(app)[text.region.y + top - text.scroll_y]
    assert squash(text.document[line - 1])[:20] in squash(shown)


@run_async
async def test_down_and_up_move_between_the_filter_and_the_list(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        pdu_list = app.screen.query_one(PduList)
        await pilot.press("f")
        await type_text(pilot, "n")
        assert pdu_list.query_one("#pdu-filter").has_focus
        await pilot.press("down")
        assert pdu_list.table.has_focus and pdu_list.table.cursor_row == 0
        await pilot.press("down", "up", "up")  # up from the first row
        assert pdu_list.query_one("#pdu-filter").has_focus


@run_async
async def test_search_down_goes_to_results_and_stops_at_the_last(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "home visits")
        await app.workers.wait_for_complete()
        await pilot.pause()
        query, results = app.screen.query_one("#search-input"), app.screen.query_one(Results)
        await pilot.press("down")
        assert results.has_focus and results.highlighted == 0
        await pilot.press(*["down"] * 6)  # five results: past the last stays on it
        assert results.highlighted == 4
        await pilot.press(*["up"] * 5)
        assert query.has_focus and results.highlighted == 0
        await pilot.press("down", "slash")  # `/` also goes back to the query
        assert query.has_focus


SVG_TEXT = re.compile(r'<text class="[\w-]+-r\d+" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>')
CELL_WIDTH, CELL_HEIGHT = 12.2, 24.4  # a terminal cell in Rich's SVG export


def screen_lines(app) -> list[str]:
    """What the screen shows, one string per terminal row, from its SVG screenshot."""
    width, height = app.size
    rows = [[" "] * width for _ in range(height)]
    for x, y, text in SVG_TEXT.findall(app.export_screenshot()):
        row, column = int(float(y) / CELL_HEIGHT), round(float(x) / CELL_WIDTH)
        for offset, char in enumerate(html.unescape(text).replace("\xa0", " ").rstrip("\n")):
            rows[row][column + offset] = char
    return ["".join(row) for row in rows]


def screen_text(app) -> str:
    return "\n".join(screen_lines(app))


@run_async
async def test_long_pdu_names_end_in_an_ellipsis_at_100_columns(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "County Durham and…  Jul 2025" in text
        assert "Leicester, Leices…  Nov 2022" in text


def chip_colour(svg: str, label: str) -> str:
    """The text colour of the (only) chip saying `label` in an SVG screenshot."""
    padded = html.escape(label.center(SHORT_WIDTH)).replace(" ", "&#160;")
    (style_class,) = re.findall(rf'<text class="([\w-]+)"[^>]*>{padded}</text>', svg)
    return re.search(rf"\.{style_class} {{ fill: (#\w+)", svg).group(1)


@pytest.mark.parametrize("no_color", [False, True])
@run_async
async def test_rating_chip_stays_dark_on_light_on_the_cursor_row(corpus_db, monkeypatch, no_color):
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")  # Gwent, the only RI in the list, now on the cursor row
        colour = chip_colour(app.export_screenshot(), "RI")
        assert (colour == "#3d2a00") if not no_color else (colour != "#3d2a00")
        red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        assert 0.3 * red + 0.59 * green + 0.11 * blue < 80  # dark, on the chip's light yellow


@run_async
async def test_compare_at_80_columns_keeps_pdu_and_month_fixed_and_marks_aligned(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", *["right"] * 8)  # scrolled sideways to the last standards
        await pilot.pause()
        lines = screen_lines(app)
        header = next(i for i, line in enumerate(lines) if line.startswith(" PDU "))
        rows = lines[header + 1 : header + 6]
        assert [row[:33] for row in rows] == [
            " County Durham and D…  Jul 2025  ",
            " Gwent                 Sep 2025  ",
            " Leicester, Leiceste…  Nov 2022  ",
            " Newcastle Upon Tyne   Apr 2025  ",
            " South Tyneside and …  Oct 2022  ",
        ]
        # Chips and "not in this framework" marks share one width and one position.
        marks = {value.center(SHORT_WIDTH) for value in ("Outst", "Good", "RI", "Inad", "–")}
        cells = []
        for standard in ("Information", "Court", "Assessment"):
            column = lines[header].index(f" {standard} ") + 1
            cells += [row[column : column + SHORT_WIDTH] for row in rows]
        assert set(cells) <= marks and {"  –   ", "  RI  ", " Inad "} <= set(cells), cells


def test_a_partial_answer_says_so():
    from probe.store.search import SearchResult
    from probe.tui.screens.search import status

    quick = SearchResult(hits=[], total=4000, partial=True)
    assert plain(status("risk", quick)).strip() == (
        "4,000+ results for “risk”; best of the newest shown, ranking all…"
    )


@run_async
async def test_search_answers_from_the_newest_matches_first_then_ranks_them_all(
    corpus_db, monkeypatch
):
    import probe.tui.screens.search as search_screen

    monkeypatch.setattr(search_screen, "QUICK_WINDOW", 2)  # the corpus is small: a tiny window
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "home visits")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "5 results for" in plain(app.screen.query_one("#search-status", Static).content)
        from probe.store.read import Reader

        with Reader(corpus_db) as reader:
            assert app.screen.hits == reader.search("home visits", limit=search_screen.LIMIT).hits


@run_async
async def test_a_list_longer_than_the_screen_keeps_the_score_column_whole(tmp_path):
    from gold import seed_text

    text = seed_text(GWENT)
    reports = [parse_report(text.replace("Gwent", f"Gwent {n:02d}"), f"gwent-{n}.txt") for n in range(40)]
    path = tmp_path / "many.db"
    build_database(path, reports)
    app = ProbeApp(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rows = [line for line in screen_lines(app) if line.lstrip().startswith("Gwent ")]
        assert len(rows) > 10  # the list scrolls: its scrollbar is showing
        assert all(line.rstrip(" ▁▂▃▄▅▆▇█▊▍").endswith("4/21") for line in rows), rows


@run_async
async def test_the_reader_names_the_pdf_page_of_the_finding_it_opens_at(tmp_path):
    from conftest import REPO
    from probe.importers import read_report
    from probe.tui.messages import OpenReport

    pdf = REPO / "tests" / "fixtures" / "published" / "pdf-word" / "gwent-pdu-inspection-report.pdf"
    db = tmp_path / "probe.db"
    build_database(db, [read_report(pdf)])
    app = ProbeApp(db)
    async with app.run_test(size=(120, 40)) as pilot:
        report_id = app.reader.reports()[0].id
        finding = app.reader.report(report_id).findings[30]
        app.post_message(OpenReport(report_id, finding.line))
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.cursor_line == finding.line
        title = squash(plain(reader.query_one("#reader-title", Static).content))
        assert title.endswith(f" · p. {finding.page}") and finding.page > 1


@run_async
async def test_the_reader_names_the_web_page_section_of_the_finding_it_opens_at(tmp_path):
    from conftest import REPO
    from probe.importers import read_report
    from probe.tui.messages import OpenReport

    page = REPO / "tests" / "fixtures" / "published" / "web-curl" / "gwent-pdu.html"
    db = tmp_path / "probe.db"
    build_database(db, [read_report(page)])
    app = ProbeApp(db)
    async with app.run_test(size=(120, 40)) as pilot:
        report_id = app.reader.reports()[0].id
        finding = next(f for f in app.reader.report(report_id).findings if f.section == "2.3")
        app.post_message(OpenReport(report_id, finding.line))
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.cursor_line == finding.line
        title = squash(plain(reader.query_one("#reader-title", Static).content))
        assert title == "Gwent PDU · September 2025 · 2.3 Implementation and delivery · #standard-2-3"
