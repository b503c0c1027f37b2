"""The explorer's Themes and History views, driven through Textual's pilot on the bundled reports."""

from __future__ import annotations

from textual.widgets import DataTable, OptionList

from probe.tui.app import ProbeApp
from probe.tui.screens.history import HistoryScreen
from probe.tui.screens.reader import ReaderScreen
from probe.tui.screens.themes import ThemesScreen
from test_tui import select_pdu
from tui_fixtures import corpus_db, run_async  # noqa: F401 (fixture)


async def open_themes(app, pilot) -> ThemesScreen:
    await pilot.press("T")
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, ThemesScreen)
    return app.screen


@run_async
async def test_themes_view_counts_and_drills_into_findings(corpus_db, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_themes(app, pilot)
        table = screen.query_one(DataTable)
        assert table.row_count == 17
        # the same counts as `probe themes` (tests/test_themes.py checks them against the gold text)
        assert [str(cell) for cell in table.get_row_at(0)] == ["Home visits", *"5 4 2 1 2 0 0 1 1 2 2 2".split()]
        hits = screen.query_one("#theme-hits", OptionList)
        assert hits.option_count == 5  # the highlighted first row: Home visits
        await pilot.press("down")  # Domestic abuse: 18 texts
        await pilot.pause()
        assert hits.option_count == 18
        assert [str(cell) for cell in table.get_row_at(1)][:2] == ["Domestic abuse", "18"]
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.cursor_line == screen.hits[0].line


@run_async
async def test_history_view_shows_every_linked_inspection(corpus_db, tmp_path, monkeypatch):
    config = tmp_path / "probe"
    config.mkdir()
    (config / "pdus.toml").write_text('[links]\n"Gwent" = ["South Tyneside and Gateshead"]\n', encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_pdu(pilot, "gwent")
        await pilot.press("H")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        history = app.screen.history
        assert [i.fieldwork_started for i in history.inspections] == ["October 2022", "September 2025"]
        staffing = next(row for row in history.rows if row.label == "Staffing")
        assert (staffing.values, staffing.changes) == (["Good", "Requires improvement"], ["", "down"])
        await pilot.press("escape")
        assert not isinstance(app.screen, HistoryScreen)
