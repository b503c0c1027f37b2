"""The compare matrix uses the width there is, says when standards are off-screen, and gives a
standard renamed between frameworks one column."""

from __future__ import annotations

from gold import squash
from probe.domain.frameworks import aligned_standard
from probe.tui.app import ProbeApp
from probe.tui.widgets.matrix import MatrixTable, column_label
from test_tui import screen_lines
from tui_fixtures import corpus_db, details_shown, plain, run_async  # noqa: F401 (fixture)

STANDARDS = ["Leadership", "Staffing", "Services", "Information and facilities", "Court work",
             "Assessment", "Planning", "Implementation and delivery", "Reviewing"]  # fmt: skip


async def open_matrix(pilot) -> MatrixTable:
    await pilot.press("j", "4")  # Gwent, then Compare
    await pilot.pause()
    return pilot.app.explorer.query_one(MatrixTable)


def hint(app) -> str:
    return squash(plain(app.explorer.query_one("#matrix-columns").content))


def header(app, table: MatrixTable) -> str:
    return screen_lines(app)[table.region.y]


@run_async
async def test_a_wide_terminal_shows_whole_names_and_every_standard(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(200, 40)) as pilot:
        table = await open_matrix(pilot)
        assert [column.key.value for column in table.ordered_columns[2:]] == STANDARDS
        lines = screen_lines(app)
        names = {summary.pdu_name for summary in app.explorer.reports}
        for name in names:  # whole, not cut at 20 characters
            assert any(f" {name} " in line for line in lines), name
        assert "Leicester, Leicestershire and Rutland" in names
        assert hint(app) == "Standards 1–9 of 9"
        assert squash(header(app, table)).endswith("Implementation Reviewing")


@run_async
async def test_off_screen_standards_are_announced_and_end_reaches_them(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        table = await open_matrix(pilot)
        shown = table.shown_columns()
        assert shown.start == 0 and shown.stop < len(STANDARDS)
        assert hint(app) == (
            f"Standards 1–{shown.stop} of 9 → {9 - shown.stop} more (→, End)"
        )
        for name in STANDARDS[: shown.stop]:  # what the hint counts is on screen, whole
            assert f" {column_label(name)} " in header(app, table) + " "
        assert "Reviewing" not in header(app, table)

        await pilot.press("end")
        await pilot.pause()
        shown = table.shown_columns()
        assert shown.stop == len(STANDARDS) and shown.start > 0
        assert hint(app) == f"← {shown.start} more Standards {shown.start + 1}–9 of 9"
        assert "Reviewing" in header(app, table)
        assert "PDU" in header(app, table)  # the PDU and month columns stay


@run_async
async def test_staff_and_staffing_share_one_column(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(200, 40)) as pilot:
        table = await open_matrix(pilot)
        column = table.get_column_index("Staffing")
        frameworks = {}
        for summary in app.explorer.reports:
            names = [s.name for s in app.reader.report(summary.id).standards]
            staffing = next(name for name in names if aligned_standard(name) == "Staffing")
            rating = squash(plain(table.get_cell(str(summary.id), "Staffing")))
            frameworks[summary.pdu_name] = (staffing, rating)
        assert frameworks == {
            "County Durham and Darlington": ("Staffing", "RI"),
            "Gwent": ("Staffing", "RI"),
            "Leicester, Leicestershire and Rutland": ("Staff", "Inad"),
            "Newcastle Upon Tyne": ("Staffing", "RI"),
            "South Tyneside and Gateshead": ("Staff", "Good"),
        }
        assert column == 3 and "Staff" not in [c.key.value for c in table.ordered_columns]


@run_async
async def test_the_matrix_opens_on_the_report_being_shown(corpus_db):
    """The first time Compare is shown (its table is built once it has a size), its cursor
    starts on the selected PDU, as later cursor moves keep it."""
    for size in [(80, 24), (120, 40)]:
        app = ProbeApp(corpus_db)
        async with app.run_test(size=size) as pilot:
            await pilot.press("j", "enter")  # Gwent, second by name
            await details_shown(pilot)
            await pilot.press("4")
            await pilot.pause()
            table = app.explorer.query_one(MatrixTable)
            assert plain(table.get_row_at(table.cursor_row)[0]).strip() == "Gwent", size
