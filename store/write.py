"""Writing reports into a probe database, with sqlite-utils: each report all or nothing."""

from __future__ import annotations

import json
import os
import sqlite3
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import sqlite_utils

from probe.domain.model import Report
from probe.domain.months import fieldwork_month
from probe.store.connection import (
    WRITER_BUSY_TIMEOUT_S,
    NotProbeDatabase,
    StoreError,
    check_version,
    is_sqlite_file,
    may_write,
)
from probe.store.migrations import STEPS, upgrade
from probe.store.replacing import check_replacement
from probe.store.schema import SCHEMA_VERSION, create_schema, schema_objects

Outcome = Literal["imported", "unchanged", "replaced"]


def open_db(path: Path) -> sqlite_utils.Database:
    """Open a probe database for writing, creating it (and its folder) when missing.

    Raises StoreError, touching nothing, when the file is not a probe database of this schema
    version or cannot be written.
    """
    path = Path(path)
    if path.is_dir():
        raise StoreError(f"{path}: a folder, not a database file")
    if path.exists() and not is_sqlite_file(path):
        raise StoreError(f"{path}: not a SQLite database")
    if path.exists() and not may_write(path):
        # SQLite would open it read-only and fail only at the first change, if any.
        raise StoreError(f"cannot write to {path}: it is read-only for you")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=WRITER_BUSY_TIMEOUT_S)
    except (OSError, sqlite3.Error) as error:
        raise StoreError(f"cannot write to {path}: {error}") from None
    try:
        db = sqlite_utils.Database(conn)
        db.execute("PRAGMA foreign_keys = ON")
        # In rollback-journal mode a writer that spills its cache to the file mid-transaction
        # locks readers out until it commits; kept in memory (a batch is a few MB), readers
        # wait only for the commit itself.
        db.execute("PRAGMA cache_spill = OFF")
        _ensure_schema(db, path)
    except sqlite3.Error as error:
        conn.close()
        raise StoreError(_write_error(path, error)) from None
    except StoreError:
        conn.close()
        raise
    return db


def remove_if_unused(path: Path) -> None:
    """Delete a database that an import created and stored nothing in (every file refused), so
    a mistyped --db or a folder of junk leaves no empty database behind. One that holds a
    report (another import got there meanwhile) is kept."""
    conn = sqlite3.connect(path, timeout=WRITER_BUSY_TIMEOUT_S)
    try:
        conn.execute("BEGIN IMMEDIATE")  # no other writer can start while it is checked and removed
        if conn.execute("SELECT NOT EXISTS (SELECT 1 FROM reports)").fetchone()[0]:
            path.unlink(missing_ok=True)
    finally:
        conn.close()


def _ensure_schema(db: sqlite_utils.Database, path: Path) -> None:
    # BEGIN IMMEDIATE first: two processes creating the same new database cannot both create
    # the tables. (A read-only file was refused before: open_db.)
    db.execute("BEGIN IMMEDIATE")
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version == 0 and not db.table_names():
            create_schema(db)
        elif version == SCHEMA_VERSION or version in STEPS:
            _check_whole(db, path)  # before the upgrade's copy, or any write
            if version < SCHEMA_VERSION:
                upgrade(db, path, version)
        elif 0 < version < SCHEMA_VERSION:
            upgrade(db, path, version)  # raises: no upgrade from this version
        else:
            check_version(path, version, has_tables=True)  # raises: not probe's, or newer
        db.execute("COMMIT")
    except BaseException:
        db.conn.rollback()
        raise
    # Only a database known to be probe's, whole, gets its journal mode set (a header change).
    _use_rollback_journal(db)


def _use_rollback_journal(db: sqlite_utils.Database) -> None:
    """Rollback-journal mode, not WAL: readers then need nothing but the database file, so
    users who cannot write its folder read it without -wal/-shm files, and each query sees
    every commit before it. A WAL database (older probe) that another process has open
    stays WAL until a later write finds it alone."""
    db.execute("PRAGMA busy_timeout = 0")  # a database in use: no waiting, convert it later
    try:
        db.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.OperationalError as error:
        if not getattr(error, "sqlite_errorname", "").startswith("SQLITE_BUSY"):
            raise
    finally:
        db.execute(f"PRAGMA busy_timeout = {int(WRITER_BUSY_TIMEOUT_S * 1000)}")


def _check_whole(db: sqlite_utils.Database, path: Path) -> None:
    """Raise StoreError unless the file is sound (PRAGMA quick_check) and holds every table,
    index, trigger and FTS table of probe's schema: an import would otherwise quietly
    recreate a dropped table without its indexes and triggers, or write into a damaged file."""
    problem = db.execute("PRAGMA quick_check(1)").fetchone()[0]
    if problem != "ok":
        # "*** in database main ***\nPage 2: ..." -> "Page 2: ...", one line
        found = "; ".join(line for line in problem.splitlines() if not line.startswith("***"))
        raise StoreError(f"{path}: database disk image is malformed ({found}); nothing was written")
    present = set(db.execute("SELECT type, name FROM sqlite_master").fetchall())
    if not present & schema_objects():
        raise NotProbeDatabase(f"{path}: a SQLite database but not a probe database")
    order = {"table": 0, "index": 1, "trigger": 2}
    missing = [
        f"{kind} {name}"
        for kind, name in sorted(schema_objects() - present, key=lambda item: (order[item[0]], item[1]))
    ]
    if missing:
        more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        raise NotProbeDatabase(
            f"{path}: not a whole probe database (no {', '.join(missing[:3])}{more}): it was changed"
            " outside probe, and nothing was written; import your reports into a new database"
        )


def _write_error(path: Path, error: sqlite3.Error) -> str:
    name = getattr(error, "sqlite_errorname", "")
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")):
        return f"cannot write to {path}: it is read-only for you"
    return f"{path}: {error}"


def import_report(db: sqlite_utils.Database, report: Report, *, force: bool = False) -> Outcome:
    """Store one report: new, unchanged (identical text, no write at all) or replacing the
    stored version of the same inspection. All or nothing: one transaction.

    Unless `force`, nothing is replaced by a text that holds less: WouldLoseData when it gives
    another framework or other dates, fewer standards, key questions, recommendations or
    findings, no findings under a standard that had some, or drops a date; KeptStoredCopy when
    it comes in a less preferred form than the stored copy (store.replacing).
    """
    # Inside a Batch: a savepoint, so one report is still all or nothing.
    begin, commit, rollback = (
        (["SAVEPOINT report"], ["RELEASE report"], ["ROLLBACK TO report", "RELEASE report"])
        if db.conn.in_transaction
        else (["BEGIN IMMEDIATE"], ["COMMIT"], ["ROLLBACK"])
    )
    _run(db, begin)
    try:
        existing = db.execute(
            "SELECT id, source_sha256 FROM reports WHERE inspection_key = ?",
            [report.inspection_key],
        ).fetchone()
        if existing and existing[1] == report.source_sha256:
            outcome: Outcome = "unchanged"
        elif existing:
            if not force:
                check_replacement(db, existing[0], report)
            _delete_children(db, existing[0])
            db["reports"].update(existing[0], _report_row(report))
            _insert_children(db, existing[0], report)
            outcome = "replaced"
        else:
            report_id = db["reports"].insert(_report_row(report)).last_pk
            _insert_children(db, report_id, report)
            outcome = "imported"
        _run(db, commit if outcome != "unchanged" else rollback)
    except sqlite3.Error as error:
        _undo(db, rollback)
        raise StoreError(f"{report.source_name}: not stored: {error}") from None
    except BaseException:
        _undo(db, rollback)
        raise
    return outcome


def _run(db: sqlite_utils.Database, statements: list[str]) -> None:
    for statement in statements:
        db.execute(statement)


def _undo(db: sqlite_utils.Database, rollback: list[str]) -> None:
    try:
        _run(db, rollback)
    except sqlite3.Error:  # SQLite already rolled the whole transaction back (disk full, say)
        if db.conn.in_transaction:
            db.conn.rollback()


BATCH_SECONDS = 0.5  # how stale a reader's view of an import in progress may be


class Batch:
    """Stores reports a few to a commit: in rollback-journal mode each commit costs several
    fsyncs, so a commit per report would halve import speed. Each report is still all or
    nothing (a savepoint); a commit is made once BATCH_SECONDS have passed since the first
    report of the batch, so readers see an import within about that time."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self.started = 0.0

    def store(self, report: Report, *, force: bool = False) -> Outcome:
        if not self.db.conn.in_transaction:
            self.db.execute("BEGIN IMMEDIATE")
            self.started = time.monotonic()
        try:
            return import_report(self.db, report, force=force)
        finally:
            if time.monotonic() - self.started >= BATCH_SECONDS:
                self.commit()

    def commit(self) -> None:
        if not self.db.conn.in_transaction:
            return
        try:
            self.db.execute("COMMIT")
        except sqlite3.Error as error:
            self.db.conn.rollback()
            raise StoreError(f"the last reports were not stored: {error}") from None


@contextmanager
def batched(db: sqlite_utils.Database) -> Iterator[Batch]:
    """A Batch whose reports are all committed on the way out, also when the import stops
    early (Ctrl+C, an error): every report stored is whole, never half written."""
    batch = Batch(db)
    try:
        yield batch
    finally:
        batch.commit()


def _report_row(report: Report) -> dict:
    # Shallow reads, not dataclasses.asdict: that deep-copies every list, and import is hot.
    row = {
        item.name: getattr(report, item.name)
        for item in fields(report)
        if not isinstance(getattr(report, item.name), list) and item.name != "text"
    }
    row.update(
        text_zlib=zlib.compress(report.text.encode("utf-8"), level=1),  # a third the size, fast
        inspection_key=report.inspection_key,
        pdu_name=report.pdu_name,
        fieldwork_month=fieldwork_month(report.fieldwork_started),
        warnings=json.dumps(_kept_warnings(report.warnings), ensure_ascii=False),
        imported_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    return row


# A real report has a handful of warnings; hundreds are one fault repeated (a heading repeated
# 320,000 times made 18 MB of them), and `show` and the explorer list every one kept.
MAX_WARNINGS = 50


def _kept_warnings(warnings: list[str]) -> list[str]:
    if len(warnings) <= MAX_WARNINGS:
        return warnings
    return [*warnings[:MAX_WARNINGS], f"and {len(warnings) - MAX_WARNINGS} more warnings, not kept"]


def _insert_children(db: sqlite_utils.Database, report_id: int, report: Report) -> None:
    def rows(items, numbered: bool = True):
        return [
            {"report_id": report_id, **({"position": n} if numbered else {}), **vars(item)}
            for n, item in enumerate(items, start=1)
        ]

    db["standards"].insert_all(rows(report.standards))
    db["key_questions"].insert_all(rows(report.key_questions))
    db["recommendations"].insert_all(rows(report.recommendations, numbered=False))
    db["findings"].insert_all(rows(report.findings))
    db["headings"].insert_all(rows(report.headings))


def _delete_children(db: sqlite_utils.Database, report_id: int) -> None:
    for table in ("standards", "key_questions", "recommendations", "findings", "headings"):
        db[table].delete_where("report_id = ?", [report_id])


def build_database(path: Path, reports) -> None:
    """Write a new database at `path` from an iterable of reports, atomically: the file
    appears complete or not at all (a temporary file is renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    _remove_partial(partial)  # left by a build of the same process id that was killed
    try:
        db = open_db(partial)
        try:
            for report in reports:
                import_report(db, report)
        finally:
            db.close()
        os.replace(partial, path)
    finally:
        _remove_partial(partial)


def _remove_partial(partial: Path) -> None:
    for leftover in (partial, *(Path(f"{partial}{s}") for s in ("-journal", "-wal", "-shm"))):
        leftover.unlink(missing_ok=True)
