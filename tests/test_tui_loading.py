"""A report's details load off the UI thread: a cursor move never waits for the database.

Another process writing the database (an import) holds a lock that keeps readers out until it
commits. The test holds that lock itself, as a connection in `BEGIN EXCLUSIVE` (probe keeps its
databases in rollback-journal mode, where that blocks every reader), and moves the cursor.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import sqlite3
from pathlib import Path

from textual.widgets import Static

import probe.store.connection
from gold import STEMS, load, squash
from probe.tui.app import ProbeApp
from probe.tui.widgets.banner import ReportBanner
from probe.tui.widgets.key_questions import KeyQuestionsPane
from probe.tui.widgets.pdu_list import PduList
from tui_fixtures import corpus_db, details_shown, plain, run_async  # noqa: F401 (fixture)

LEICESTER = "Leicester, Leicestershire and Rutland PDU"  # third in the list, by name
PERCENT = re.compile(r"(\d+)% [█░]")


def gold_of(pdu: str) -> dict:
    return next(gold for gold in map(load, STEMS) if gold["pdu"] == pdu)


@contextlib.contextmanager
def write_lock(db: Path):
    """What an import holds while it writes: no reader gets in until it ends."""
    with contextlib.closing(sqlite3.connect(db, isolation_level=None)) as writer:
        writer.execute("BEGIN EXCLUSIVE")
        try:
            yield
        finally:
            writer.execute("ROLLBACK")


@run_async
async def test_moving_the_cursor_while_an_import_locks_the_database(corpus_db, tmp_path, monkeypatch):
    # A reader waits this long for a lock before giving up (5 s in probe): longer here, so a
    # busy machine cannot make a load give up while the test holds the lock (well under 1 s);
    # loading on the UI thread would freeze each Down for that long, then fail.
    monkeypatch.setattr(probe.store.connection, "BUSY_TIMEOUT_S", 10.0)
    db = Path(shutil.copy(corpus_db, tmp_path / "probe.db"))
    app = ProbeApp(db)
    async with app.run_test(size=(120, 40)) as pilot:
        explorer = app.explorer
        await details_shown(pilot)
        first = explorer.current.pdu
        assert first == "County Durham and Darlington PDU"
        shown: list[tuple[str, bool]] = []  # each report the panes are given, and if with stats

        def record(loaded) -> None:
            shown.append((loaded.summary.pdu, loaded.stats is not None))

        explorer.watch(explorer, "loaded", record, init=False)
        banner = explorer.query_one(ReportBanner)
        table = explorer.query_one(PduList).table

        with write_lock(db):
            await pilot.press("down", "down")  # past Gwent to Leicester, each load waiting
            assert table.cursor_row == 2 and explorer.selected.pdu == LEICESTER
            gold = gold_of(LEICESTER)
            facts = f"{gold['fieldwork_started']} · score {gold['score_points']}/{gold['score_max']} · {gold['region']}"
            lines = [squash(line) for line in plain(banner.content).splitlines() if line.strip()]
            assert " · ".join(lines).endswith(f"{LEICESTER} · {facts} · loading…")  # breaks between parts
            await pilot.press("2")  # the keys still work: the Key questions view
            assert explorer.query_one("#views").active == "questions"
            assert explorer.pending.pdu == LEICESTER and explorer.current.pdu == first
            body = explorer.query_one(KeyQuestionsPane).query_one(Static)
            assert plain(body.content).strip() == "Loading key questions…"

        await details_shown(pilot)
        assert explorer.current.pdu == LEICESTER
        # Gwent's load, overtaken, never reached the panes; Leicester's report came, then the
        # stats the Key questions view asked for meanwhile.
        assert shown == [(LEICESTER, False), (LEICESTER, True)]
        assert "loading" not in plain(banner.content)
        percents = [int(p) for p in PERCENT.findall(plain(body.content, width=100))]
        assert percents == [q["percent"] for q in gold["key_questions"]]
