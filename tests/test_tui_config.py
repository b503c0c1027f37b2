"""config.toml: the explorer's keys remapped by binding id and its theme chosen; `probe config`."""

from __future__ import annotations

from pathlib import Path

import pytest

from textual.widgets import Static

from conftest import probe_process
from gold import squash
from probe.settings import SettingsError
from probe.tui.app import ProbeApp
from probe.tui.config import load_config
from probe.tui.screens.explorer import ExplorerScreen
from probe.tui.screens.search import SearchScreen
from probe.tui.widgets.pdu_list import PduList
from tui_fixtures import corpus_db, plain, run_async  # noqa: F401 (fixture)


def config_file(folder: Path, text: str) -> Path:
    path = folder / "probe" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@run_async
async def test_a_remapped_key_works_and_its_default_no_longer_does(corpus_db, tmp_path):
    config = load_config(config_file(tmp_path, '[keys]\n"app.search" = "ctrl+f"\n"pdu-list.sort" = "o"\n'))
    app = ProbeApp(corpus_db, config)
    async with app.run_test(size=(120, 40)) as pilot:
        pdu_list = app.screen.query_one(PduList)
        await pilot.press("s", "slash")
        assert (pdu_list.sort_by, type(app.screen)) == ("name", ExplorerScreen)
        await pilot.press("o")  # a widget's binding, not only the app's
        assert pdu_list.sort_by == "date"
        await pilot.press("ctrl+f")
        assert isinstance(app.screen, SearchScreen)


@run_async
async def test_help_shows_the_remapped_keys(corpus_db, tmp_path):
    app = ProbeApp(corpus_db, load_config(config_file(tmp_path, '[keys]\n"app.search" = "ctrl+f,f2"\n')))
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("question_mark")
        text = squash(plain(app.screen.query_one("#help").query(Static).last().content, width=100))
        assert "^f / f2 Search" in text
        assert "/ Search" not in text.replace("f2 Search", "")
        assert "Move in a list or the text (also j, k)" in text


@run_async
async def test_help_says_the_remapped_cursor_keys(corpus_db, tmp_path):
    keys = '[keys]\n"cursor.down" = "n"\n"cursor.up" = "e"\n'
    app = ProbeApp(corpus_db, load_config(config_file(tmp_path, keys)))
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("question_mark")
        text = squash(plain(app.screen.query_one("#help").query(Static).last().content, width=100))
        assert "Move in a list or the text (also n, e)" in text


@run_async
async def test_the_theme_is_set_and_ansi_uses_the_terminals_colours(corpus_db, tmp_path):
    for name, expected in [("textual-light", "textual-light"), ("ansi", "ansi-dark")]:
        app = ProbeApp(corpus_db, load_config(config_file(tmp_path, f'theme = "{name}"\n')))
        async with app.run_test(size=(80, 24)):
            assert app.theme == expected
            assert app.current_theme.dark is (expected != "textual-light")
            assert app.current_theme.ansi is (name == "ansi")


@pytest.mark.parametrize(
    "text, message",
    [
        ('theme = "neon"\n', "unknown theme 'neon': choose one of ansi, ansi-dark,"),
        ('[keys]\n"app.serch" = "ctrl+f"\n', "[keys] has no binding 'app.serch': `probe config` lists"),
        ("[keys]\n\"app.search\" = 3\n", "[keys] must map a binding id to keys"),
        ("theme = 'dark\n", "(at end of document)"),
        ("colour = 'red'\n", "unknown setting 'colour'"),
        ('[keys]\n"explorer.read" = "1"\n', "'1' is given to explorer.ratings and explorer.read (ExplorerScreen)"),
        ('[keys]\n"app.search" = "x,j"\n', "'j' is given to app.search and cursor.down"),
        ('[keys]\n"cursor.down" = "k"\n', "'k' is given to cursor.down and cursor.up"),
    ],
)
def test_a_bad_config_file_is_one_line(tmp_path, text, message):
    path = config_file(tmp_path, text)
    with pytest.raises(SettingsError) as raised:
        load_config(path)
    assert str(raised.value).startswith(f"{path}: ")
    assert message in str(raised.value) and "\n" not in str(raised.value)


def test_keys_swapped_within_a_screen_do_not_clash(tmp_path):
    swapped = '[keys]\n"explorer.ratings" = "2"\n"explorer.questions" = "1"\n'
    assert load_config(config_file(tmp_path, swapped)).keys == {
        "explorer.ratings": "2", "explorer.questions": "1",
    }  # fmt: skip


def test_probe_config_prints_the_file_theme_and_keys(tmp_path):
    path = config_file(tmp_path, 'theme = "nord"\n[keys]\n"app.search" = "ctrl+f"\n')
    result = probe_process("config", env={"XDG_CONFIG_HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:3] == [f"file: {path}", "theme: nord", "keys:"]
    assert "  app.search = ctrl+f (default: slash)" in lines
    assert "  pdu-list.sort = s" in lines and "  reader.contents = t" in lines


def test_probe_config_without_a_file_shows_the_defaults(tmp_path):
    result = probe_process("config", env={"XDG_CONFIG_HOME": str(tmp_path)})
    assert result.stdout.splitlines()[:2] == [
        f"file: {tmp_path / 'probe' / 'config.toml'} (no such file: the defaults apply)",
        "theme: textual-dark (default)",
    ]


@pytest.mark.parametrize("command", [["config"], ["--db", "unused.db"]])
def test_a_bad_config_stops_probe_config_and_the_explorer_with_one_line(tmp_path, command):
    path = config_file(tmp_path, 'theme = "neon"\n')
    result = probe_process(*command, env={"XDG_CONFIG_HOME": str(tmp_path)})
    assert result.returncode == 1
    assert result.stderr.startswith(f"probe: {path}: unknown theme 'neon'")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
