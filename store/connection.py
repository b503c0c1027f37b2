"""Opening a probe database: file checks, schema versions, read-only connections.

Every error a caller can meet here is a StoreError whose str() is one line for the user.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from probe.store.schema import SCHEMA_VERSION


class StoreError(Exception):
    """The database cannot be used (not SQLite, corrupt, unknown schema version, unwritable)."""


class NotProbeDatabase(StoreError):
    """The file is SQLite but not (or no longer wholly) a probe database."""


class OlderSchema(StoreError):
    """The database was made by an older probe: store.migrations can upgrade it in place."""


# Raised by store.write; here so that callers can name them without loading sqlite_utils.
class WouldLoseData(StoreError):
    """A new text of a stored inspection holds less than the stored one (a cut-off copy, say)."""


class KeptStoredCopy(StoreError):
    """A copy of a stored inspection in a less preferred form (its web page or text where the
    PDF is stored): the stored copy is kept. Not an error: the report is in the database."""


BUSY_TIMEOUT_S = 5.0  # a reader waits this long for a writer's commit before giving up
# A writer waits this long for the write lock: another import holds it a batch at a time (about
# half a second) and may take it again at once, so a few seconds can run out on a busy machine.
WRITER_BUSY_TIMEOUT_S = 60.0
SQLITE_HEADER = b"SQLite format 3\x00"


def is_sqlite_file(path: Path) -> bool:
    """True for a SQLite file, and for an empty file (SQLite treats it as an empty database)."""
    with open(path, "rb") as file:
        header = file.read(len(SQLITE_HEADER))
    return header in (SQLITE_HEADER, b"")


def check_version(path: Path, version: int, *, has_tables: bool) -> None:
    """Raise StoreError unless `version` is the schema version this probe reads and writes."""
    if version == SCHEMA_VERSION:
        return
    if version == 0:
        what = "a SQLite database but not a probe database" if has_tables else "an empty database"
        raise StoreError(f"{path}: {what}")
    if version < SCHEMA_VERSION:
        raise OlderSchema(
            f"{path}: made by an older probe (schema {version}, this probe reads {SCHEMA_VERSION})"
        )
    raise StoreError(
        f"{path}: made by a newer probe (schema {version}, this probe reads {SCHEMA_VERSION});"
        " upgrade probe or use another --db"
    )


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection that sees every import committed before each query.

    probe keeps its databases in rollback-journal mode (see store.write.open_db): a reader
    needs nothing but the database file, so it works in folders it cannot write and leaves
    no files behind. A database still in WAL mode (made by an older probe) is converted here
    when we may write it; otherwise it is read through its -wal and -shm files when both are
    there, and refused with what to do when they are not (never read as `immutable`, which
    goes stale, then "malformed", as soon as its owner writes).
    """
    try:
        if not is_sqlite_file(path):
            raise StoreError(f"{path}: not a SQLite database")
        in_wal = is_in_wal_mode(path)
    except FileNotFoundError:
        raise StoreError(f"{path}: no such database (`probe --db PATH import FILES` creates one)") from None
    except OSError as error:
        raise StoreError(f"{path}: cannot read it ({error.strerror})") from None
    if in_wal or Path(f"{path}-journal").exists():
        in_wal = settle(path) == "wal"
    if in_wal and not _wal_files_present(path):
        raise StoreError(
            f"{path}: kept in WAL mode by an older probe, which you cannot read without writing"
            f" beside it; its owner can convert it by running `probe --db {path} pdus` once"
        )
    try:
        return _open_checked(path, f"file:{uri_path(path)}?mode=ro")
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path}: {_read_error(path, error)}") from None


WAL_MODE = 2  # header bytes 18-19 (file format versions): 1 = rollback journal, 2 = WAL


def is_in_wal_mode(path: Path) -> bool:
    with open(path, "rb") as file:
        header = file.read(20)
    return len(header) == 20 and header[18] == WAL_MODE


def may_write(path: Path) -> bool:
    """The file, and its folder (for the rollback journal SQLite writes beside it)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def settle(path: Path) -> str:
    """If we may write the database: roll back an import that was cut off (a hot journal,
    which a read-only connection cannot), and switch a probe database from WAL to
    rollback-journal mode. Never waits: a database another process is using stays as it is
    for now. Returns the journal mode it is left in ("wal" when unknown and it was WAL)."""
    if not may_write(path):
        return "wal" if is_in_wal_mode(path) else "delete"
    try:
        with contextlib.closing(sqlite3.connect(path, timeout=0, isolation_level=None)) as conn:
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]  # reading rolls back
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            ours = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'reports'").fetchone()
            if mode == "wal" and ours and 0 < version <= SCHEMA_VERSION:
                mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
            return mode
    except sqlite3.Error:
        return "wal" if is_in_wal_mode(path) else "delete"


def _wal_files_present(path: Path) -> bool:
    """SQLite reads a WAL database without writing anything when both files exist."""
    return all(Path(f"{path}{suffix}").is_file() for suffix in ("-wal", "-shm"))


def _read_error(path: Path, error: sqlite3.Error) -> str:
    if getattr(error, "sqlite_errorname", "") == "SQLITE_READONLY_ROLLBACK":
        return (
            "an import was cut off and must be rolled back by someone who may write the"
            f" database: its owner can run `probe --db {path} pdus` once"
        )
    return str(error)


def uri_path(path: Path) -> str:
    """The path part of a SQLite file: URI (urllib.parse.quote, without its import cost)."""
    return "".join(_URI_ESCAPES.get(char, char) for char in str(path.resolve()))


_URI_ESCAPES = {"%": "%25", "?": "%3f", "#": "%23"}


def _open_checked(path: Path, uri: str) -> sqlite3.Connection:
    conn = sqlite3.connect(
        uri, uri=True, timeout=BUSY_TIMEOUT_S, check_same_thread=False, isolation_level=None
    )
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
        check_version(path, version, has_tables=has_tables)
    except sqlite3.DatabaseError as error:
        conn.close()
        if isinstance(error, sqlite3.OperationalError):
            raise
        raise StoreError(f"{path}: {error}") from None
    except StoreError:
        conn.close()
        raise
    return conn
