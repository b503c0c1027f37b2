"""Upgrading a database made by an older probe, in place, after keeping a copy of it.

Each step takes a database from one schema version to the next inside the caller's write
transaction, so a failed upgrade leaves the file as it was. Add a step here whenever
SCHEMA_VERSION goes up.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from probe.store.connection import NotProbeDatabase, StoreError


class CannotUpgrade(StoreError):
    """Made by a probe older than any step here: its message says so whole."""


def _add_source_and_pages(db) -> None:
    """2 -> 3: where each report came from, and the PDF page of every finding, key question and
    recommendation (unknown, so NULL, for reports stored before)."""
    db.execute("ALTER TABLE reports ADD COLUMN source_format TEXT")
    db.execute("UPDATE reports SET source_format = 'text'")
    for table in ("key_questions", "recommendations", "findings"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN page INTEGER")


def _add_anchors(db) -> None:
    """3 -> 4: a web page's own address, and the section anchor of every finding, key question
    and recommendation read from one (unknown, so NULL, for reports stored before)."""
    db.execute("ALTER TABLE reports ADD COLUMN source_url TEXT")
    for table in ("key_questions", "recommendations", "findings"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN anchor TEXT")


STEPS = {2: _add_source_and_pages, 3: _add_anchors}  # from version -> step


def backup_path(path: Path, version: int) -> Path:
    return path.with_name(f"{path.name}.schema{version}.bak")


def upgrade(db, path: Path, version: int) -> None:
    """Upgrade `db` (open, in a write transaction) from `version` to the current schema, keeping
    a copy of the file as it was beside it first. Raises StoreError when no upgrade exists."""
    from probe.store.schema import SCHEMA_VERSION

    if version not in STEPS:
        raise CannotUpgrade(
            f"{path}: made by an older probe (schema {version}, this probe reads {SCHEMA_VERSION})"
            " and it cannot be upgraded; move it aside and import your reports again"
        )
    copy = backup_path(path, version)
    # From a second connection: SQLite will not back up through a connection holding a write
    # transaction, and our RESERVED lock still lets readers (this one) in.
    try:
        with closing(sqlite3.connect(path)) as source, closing(sqlite3.connect(copy)) as target:
            source.backup(target)
    except (OSError, sqlite3.Error) as error:
        raise StoreError(f"{path}: cannot keep a copy before upgrading it ({error})") from None
    while version < SCHEMA_VERSION:
        STEPS[version](db)
        version += 1
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def open_reader(path: Path):
    """A Reader on `path`, upgrading a database made by an older probe in place first (a copy
    is kept beside it). One that cannot be upgraded here raises StoreError saying why."""
    from probe.store.connection import OlderSchema
    from probe.store.read import Reader

    try:
        return Reader(path)
    except OlderSchema as older:
        from probe.store.write import open_db  # sqlite_utils: only for this rare case

        try:
            open_db(path).close()
        except (NotProbeDatabase, CannotUpgrade):
            raise  # never probe's, or too old to upgrade: that says it all
        except StoreError as error:
            raise StoreError(f"{older}; upgrading it failed: {error}") from None
        return Reader(path)
