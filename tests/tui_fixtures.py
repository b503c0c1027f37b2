"""Databases for the TUI tests, built from the bundled reports with the real importer and store."""

from __future__ import annotations

import asyncio
import functools
import io
import time
from importlib import resources
from pathlib import Path

import pytest
from rich.console import Console, RenderableType

from gold import STEMS
from probe.importers import parse_report, read_report
from probe.store.write import build_database

GWENT = "004_354d18e338058cf9"


def corpus_path(stem: str) -> Path:
    return Path(str(resources.files("probe.corpus").joinpath(f"{stem}.txt")))


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory) -> Path:
    """The five bundled reports, imported the way `probe import` does. Read-only in tests."""
    path = tmp_path_factory.mktemp("tui") / "probe.db"
    build_database(path, (read_report(corpus_path(stem)) for stem in STEMS))
    return path


def report_db(path: Path, text: str, source_name: str = "edited.txt", edit=None) -> Path:
    """A database holding one report parsed from `text`; `edit(report)` may change it first."""
    report = parse_report(text, source_name=source_name)
    if edit is not None:
        edit(report)
    build_database(path, [report])
    return path


def plain(renderable: RenderableType, width: int = 100) -> str:
    """What a renderable shows, as plain text at `width` columns."""
    console = Console(file=io.StringIO(), width=width, color_system=None, legacy_windows=False)
    console.print(renderable)
    return console.file.getvalue()


def run_async(test):
    """Run an async test function with asyncio (the venv has no async pytest plugin)."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return run


DETAILS_TIMEOUT_S = 60.0  # generous: a report loads in milliseconds, on a busy machine in more


async def details_shown(pilot) -> None:
    """Wait until the explorer's panes show the report its list highlights, or its worker has
    given up on it (a report's details load in a worker thread, after the cursor has moved)."""
    explorer = pilot.app.explorer
    pdus = explorer.query_one("#pdu-list")
    deadline = time.monotonic() + DETAILS_TIMEOUT_S
    await pilot.pause()
    while explorer.selected != pdus.current or explorer.pending is not None:
        assert time.monotonic() < deadline, "the explorer never finished loading the report"
        await pilot.pause(0.01)
    await pilot.pause()
