"""Every search is bounded in size and time, and a user can stop one: real processes, a real
explorer, a database big enough for a search to take a while."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, build_db, probe_process
from gold import STEMS, gold_report
from probe.store import search
from probe.store.read import Reader
from probe.store.search import MAX_PREFIX_TERMS, MAX_QUERY_CHARS, MAX_TERMS, NARROW_IT, SearchTooBig
from test_search import texts_matching
from tui_fixtures import run_async

COPIES = 40  # of each bundled report: 200 reports


@pytest.fixture(scope="module")
def big_db(tmp_path_factory) -> Path:
    reports = (
        dataclasses.replace(gold_report(stem), pdu=f"Copy {n} of {stem} PDU", source_sha256=f"{stem}-{n}")
        for n in range(COPIES) for stem in STEMS
    )  # fmt: skip
    return build_db(tmp_path_factory.mktemp("big") / "probe.db", reports)


# A search that takes seconds on big_db (15-25 s here): 300 words must all be in one text.
SLOW_QUERY = "the " * 300


@pytest.fixture
def unbounded(monkeypatch):
    """Lift the size limits, so that only the time budget (or a user) stops SLOW_QUERY."""
    for name in ("MAX_TERMS", "MAX_QUERY_CHARS", "MAX_PREFIX_TERMS"):
        monkeypatch.setattr(search, name, 10**6)


@pytest.mark.parametrize(
    ("query", "options", "refusal"),
    [
        ("risk " * (MAX_TERMS + 1), [], f"too many words ({MAX_TERMS + 1}, at most {MAX_TERMS})"),
        ("x" * (MAX_QUERY_CHARS + 1), [],
         f"query too long ({MAX_QUERY_CHARS + 1} characters, at most {MAX_QUERY_CHARS})"),
        (" OR ".join(f"{c}*" for c in "abcdefghij"[: MAX_PREFIX_TERMS + 1]), ["--raw"],
         f"too many pre* terms ({MAX_PREFIX_TERMS + 1}, at most {MAX_PREFIX_TERMS})"),
    ],
)  # fmt: skip
def test_searches_over_the_limits_are_refused_in_one_line(seeded_db, query, options, refusal):
    result = probe_process("--db", seeded_db, "search", *options, query)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [f"probe: {refusal}: {NARROW_IT}"]


def test_searches_at_the_limits_run(seeded_db):
    words = probe_process("--db", seeded_db, "search", "home " * MAX_TERMS)
    assert (words.returncode, words.stdout) == (0, probe_process("--db", seeded_db, "search", "home").stdout)
    prefixes = probe_process("--db", seeded_db, "search", "--raw", "--limit", "100",
                             " OR ".join(["visit*"] * MAX_PREFIX_TERMS))  # fmt: skip
    assert prefixes.returncode == 0, prefixes.stderr
    assert len(prefixes.stdout.splitlines()) == texts_matching(seeded_db, r"\bvisit\w*") == 8


def test_a_search_past_its_time_budget_stops_and_says_how_to_narrow_it(big_db, unbounded, monkeypatch):
    monkeypatch.setattr(search, "SEARCH_BUDGET_S", 0.1)
    with Reader(big_db) as reader:
        with pytest.raises(SearchTooBig) as stopped:
            reader.search(SLOW_QUERY, raw=True)
        assert str(stopped.value) == f"search stopped after 0.1 s: to narrow it, {NARROW_IT}"
        # The budget is per search: the next one runs whole.
        assert reader.search("home visits").total == COPIES * 5


# The real CLI, with the time budget lifted so that only Ctrl+C stops SLOW_QUERY; it says on
# stderr when the query starts, and when it has run to its end.
SEARCH_UNTIL_CTRL_C = """
import sys
from probe.store import search
search.SEARCH_BUDGET_S = 600.0
search.MAX_TERMS = search.MAX_QUERY_CHARS = 10**6
run_query = search._search
def announced(*args, **kwargs):
    print("searching", file=sys.stderr, flush=True)
    result = run_query(*args, **kwargs)
    print("searched", file=sys.stderr, flush=True)
    return result
search._search = announced
from probe.cli import app
app(prog_name="probe")
"""


def test_ctrl_c_ends_a_search_at_once_with_130_and_no_traceback(big_db):
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    process = subprocess.Popen(
        [sys.executable, "-c", SEARCH_UNTIL_CTRL_C, "--db", big_db, "search", "--raw", SLOW_QUERY],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stderr.readline() == "searching\n"
    process.send_signal(signal.SIGINT)  # long before the query could end (it takes seconds)
    stdout, stderr = process.communicate(timeout=300)
    assert (process.returncode, stdout, stderr) == (130, "", "")  # stopped: never "searched"


@run_async
async def test_leaving_the_search_screen_stops_its_search_and_quitting_waits_for_it(big_db, unbounded, monkeypatch):
    from textual.widgets import Input, Static

    from probe.tui.app import ProbeApp
    from probe.tui.screens.search import SearchScreen

    monkeypatch.setattr(search, "SEARCH_BUDGET_S", 600.0)
    app = ProbeApp(big_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        screen.query_one(Input).value = SLOW_QUERY
        await until(pilot, lambda: searching(screen))
        await pilot.press("escape")
        await until(pilot, lambda: not searching(screen))
        status = screen.query_one("#search-status", Static).render()
        assert (screen.hits, str(status)) == ([], "Type to search every report.")  # it never ended
        await pilot.press("slash")  # back: the stopped search runs again
        await until(pilot, lambda: searching(screen))
        app.exit()  # the screen closes its reader only once the query has let go of it
    assert not searching(screen)


def searching(screen) -> bool:
    """A search thread holds the screen's reader (it holds the lock for a whole query)."""
    lock = screen._reader._lock
    if lock.acquire(blocking=False):
        lock.release()
        return False
    return True


async def until(pilot, condition, timeout: float = 300.0) -> None:
    """Wait for a real condition (the timeout only keeps a broken explorer from hanging)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.02)
