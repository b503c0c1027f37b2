"""Quitting while a search runs ends cleanly: the query is interrupted and waited for before its
connection closes. Closing under a running query crashed the process (exit 139, issue 15)."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from textual.widgets import Input

from probe.store.write import build_database
from probe.tui.app import ProbeApp
from probe.tui.screens.search import SEARCH_THREAD, SearchScreen
from tui_fixtures import run_async

REPO = Path(__file__).resolve().parent.parent
REPORTS = 400  # copies of the bundled reports: "the" then matches tens of thousands of texts


@pytest.fixture(scope="module")
def big_db(tmp_path_factory) -> Path:
    sys.path.insert(0, str(REPO))  # bench/ is a folder of the repo, not an installed package
    from bench.synth import bases

    found = [base.report for base in bases()]

    def copies():
        for number in range(REPORTS):
            yield dataclasses.replace(
                found[number % len(found)],
                pdu=f"Synthetic {number:05d} PDU",
                source_name=f"synthetic_{number:05d}.txt",
                source_sha256=f"{number:064x}",
            )

    path = tmp_path_factory.mktemp("big") / "probe.db"
    build_database(path, copies())
    return path


async def search_then_quit(pilot, query: str) -> SearchScreen:
    """`/`, the query, then Esc and q while its search is still running."""
    await pilot.press("slash")
    screen = pilot.app.screen
    screen.query_one(Input).value = query
    while screen._query_future is None:  # the worker has handed its query to the thread
        await pilot.pause()
    await pilot.press("escape", "q")
    return screen


@run_async
async def test_quitting_mid_search_waits_for_the_query_thread(big_db):
    app = ProbeApp(big_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await search_then_quit(pilot, "the")
    assert app.return_code == 0
    assert screen._query_future.done()  # finished or interrupted, before the connection closed
    assert not [t for t in threading.enumerate() if t.name.startswith(SEARCH_THREAD)]


QUIT_MID_SEARCH = """
import asyncio, sys
sys.path.insert(0, sys.argv[2])
from probe.tui.app import ProbeApp
from test_tui_quit import search_then_quit

async def main():
    for query in ["the"] * 6 + [" ".join(["the probation service risk of harm"] * 10)] * 4:
        app = ProbeApp(sys.argv[1])
        async with app.run_test(size=(80, 24)) as pilot:
            await search_then_quit(pilot, query)
    print("quit cleanly")

asyncio.run(main())
"""


def test_quitting_mid_search_again_and_again_never_crashes(big_db):
    tests = Path(__file__).resolve().parent
    result = subprocess.run(
        [sys.executable, "-c", QUIT_MID_SEARCH, str(big_db), str(tests)],
        capture_output=True, text=True, timeout=300, cwd=REPO,
    )  # fmt: skip
    assert (result.returncode, result.stdout) == (0, "quit cleanly\n"), result.stderr[-2000:]
