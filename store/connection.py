"""Opening a probe database: file checks, schema versions, read-only connections.

Every error a caller can meet here is a StoreError whose str() is one line for the user.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from probe.store.schema import SCHEMA_VERSION


class StoreError(Exception):
    """The database cannot be used (not SQLite, corrupt, unknown schema version, unwritable)."""


class NotProbeDatabase(StoreError):
    """The file is SQLite but not (or no longer wholly) a probe database."""


class OlderSchema(StoreError):
    """The database was made by an older probe: store.migrations can upgrade it in place."""


BUSY_TIMEOUT_S = 5.0  # wait this long for another process's lock before giving up
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
    try:
        if not is_sqlite_file(path):
            raise StoreError(f"{path}: not a SQLite database")
    except FileNotFoundError:
        raise StoreError(f"{path}: no such database (`probe --db PATH import FILES` creates one)") from None
    except OSError as error:
        raise StoreError(f"{path}: cannot read it ({error.strerror})") from None
    uri = f"file:{uri_path(path)}?mode=ro"
    try:
        return _open_checked(path, uri)
    except sqlite3.OperationalError as error:
        if not getattr(error, "sqlite_errorname", "").startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY")):
            raise StoreError(f"{path}: {error}") from None
    # A WAL database in a folder we cannot write: SQLite cannot create its -shm file. Read
    # it as an immutable file instead (a write by its owner meanwhile would go unseen).
    try:
        return _open_checked(path, uri + "&immutable=1")
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path}: {error}") from None


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
