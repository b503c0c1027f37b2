"""Reports stored a few to a commit (store.write.Batch): readers see them once the batch commits,
BATCH_SECONDS after its first report or on the way out; each is checked like a single import;
and a commit that fails says which reports were lost."""

from __future__ import annotations

import contextlib
import dataclasses
import sqlite3

import pytest

from gold import STEMS, gold_report
from probe.store import write
from probe.store.connection import StoreError, WouldLoseData
from probe.store.read import Reader
from probe.store.write import Batch, batched, open_db

GWENT = STEMS[4]


def new_report(name: str):
    """A real report (Gwent's) under another PDU: not in the seeded database yet."""
    return dataclasses.replace(gold_report(GWENT), pdu=f"{name} PDU", source_sha256=name)


def stored_pdus(path) -> list[str]:
    """What another connection (a reader) sees."""
    with Reader(path) as reader:
        return sorted(summary.pdu for summary in reader.reports() if summary.pdu.startswith("New "))


def test_readers_see_a_batch_only_when_it_commits(seeded_db, monkeypatch):
    monkeypatch.setattr(write, "BATCH_SECONDS", 60)  # far longer than storing two reports takes
    db = open_db(seeded_db)
    with batched(db) as batch:
        assert batch.store(new_report("New A")) == "imported"
        assert batch.store(new_report("New B")) == "imported"
        assert db.conn.in_transaction
        assert stored_pdus(seeded_db) == []
    assert not db.conn.in_transaction
    assert stored_pdus(seeded_db) == ["New A PDU", "New B PDU"]
    db.close()


def test_a_batch_whose_time_is_up_commits_at_once(seeded_db, monkeypatch):
    monkeypatch.setattr(write, "BATCH_SECONDS", 0)
    db = open_db(seeded_db)
    with batched(db) as batch:
        assert batch.store(new_report("New A")) == "imported"
        assert not db.conn.in_transaction
        assert stored_pdus(seeded_db) == ["New A PDU"]
    db.close()


def test_a_batch_replaces_nothing_with_less_unless_forced(seeded_db):
    full = gold_report(GWENT)
    cut = dataclasses.replace(full, source_sha256="cut", findings=full.findings[:-1])
    db = open_db(seeded_db)
    with batched(db) as batch:
        with pytest.raises(WouldLoseData, match=f"less: {len(cut.findings)} of {len(full.findings)} findings;"):
            batch.store(cut)
        assert batch.store(cut, force=True) == "replaced"
    db.close()


def test_a_transaction_the_caller_opened_is_committed_with_the_first_report(seeded_db):
    """The Batch did not begin it, so cannot tell how long it has been open: it commits at once,
    as one open for BATCH_SECONDS."""
    db = open_db(seeded_db)
    db.execute("BEGIN IMMEDIATE")
    assert Batch(db).store(new_report("New A")) == "imported"
    assert not db.conn.in_transaction
    assert stored_pdus(seeded_db) == ["New A PDU"]
    db.close()


def test_a_commit_that_fails_says_the_last_reports_were_not_stored(seeded_db, monkeypatch):
    """In rollback-journal mode a commit waits for readers to finish: one still reading when
    the writer's wait is over makes the commit fail. (The writer's wait, a minute, is cut to
    none here.)"""
    monkeypatch.setattr(write, "BATCH_SECONDS", 60)
    db = open_db(seeded_db)
    db.execute("PRAGMA busy_timeout = 0")
    with contextlib.closing(sqlite3.connect(seeded_db, isolation_level=None)) as reader:
        batch = Batch(db)
        assert batch.store(new_report("New A")) == "imported"
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM reports").fetchone()  # holds its read lock
        with pytest.raises(StoreError) as failed:
            batch.commit()
        reader.execute("COMMIT")
    assert str(failed.value) == "the last reports were not stored: database is locked"
    assert not db.conn.in_transaction
    assert stored_pdus(seeded_db) == []
    db.close()
