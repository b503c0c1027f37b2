"""Opening a database to read, in this process (the shared-box tests do it in other processes
and as other users): odd paths, a WAL database of an older probe, the file header checks."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3

import pytest

from probe.store.connection import StoreError, connect_read_only, is_in_wal_mode, is_sqlite_file
from probe.store.read import Reader

PDUS = 5  # in the seeded database


@pytest.mark.parametrize("folder", ["a%41b", "what?mode=rw", "no#fragment", "100% sure?#"])
def test_a_database_whose_path_holds_uri_characters_is_read(seeded_db_template, tmp_path, folder):
    path = tmp_path / folder / "probe.db"
    path.parent.mkdir()
    shutil.copy(seeded_db_template, path)
    with Reader(path) as reader:
        assert len(reader.reports()) == PDUS


def wal(path):
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
    return path


def test_an_older_wal_database_its_owner_reads_is_switched_to_a_rollback_journal(seeded_db):
    assert is_in_wal_mode(wal(seeded_db))
    with Reader(seeded_db) as reader:
        assert len(reader.reports()) == PDUS
    assert not is_in_wal_mode(seeded_db)
    assert sorted(path.name for path in seeded_db.parent.iterdir()) == ["probe.db"]


@pytest.mark.parametrize(("table", "version"), [("notes", 0), ("notes", 3), ("notes", 4), ("reports", 0)])
def test_a_wal_database_that_is_not_probes_is_left_as_it_is(tmp_path, table, version):
    path = tmp_path / "other.db"
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute(f"CREATE TABLE {table} (text)")
        conn.execute(f"PRAGMA user_version = {version}")
    with pytest.raises(StoreError, match="kept in WAL mode by an older probe"):
        connect_read_only(path)
    assert is_in_wal_mode(path)


@pytest.mark.parametrize(
    ("data", "sqlite", "wal_mode"),
    [(b"", True, False), (b"SQLite format 3\x00", True, False), (b"SQLite format 3\x00" + bytes(2) + b"\x02", True, False),
     (b"SQLite format 3\x00" + bytes(2) + b"\x02\x02", True, True), (b"SQLite format 3\x00" + bytes(2) + b"\x01\x01", True, False),
     (b"SQLite format 2\x00" + bytes(4), False, False), (b"SQLite", False, False)],
)  # fmt: skip
def test_the_file_header_says_sqlite_and_wal(tmp_path, data, sqlite, wal_mode):
    path = tmp_path / "file.db"
    path.write_bytes(data)
    assert (is_sqlite_file(path), is_in_wal_mode(path)) == (sqlite, wal_mode)


@pytest.mark.parametrize(("value", "seconds"), [(None, 20.0), ("7.5", 7.5), ("soon", 20.0)])
def test_a_reads_time_budget_comes_from_probe_query_seconds(monkeypatch, value, seconds):
    from probe.store.read import read_budget_s

    if value is None:
        monkeypatch.delenv("PROBE_QUERY_SECONDS", raising=False)
    else:
        monkeypatch.setenv("PROBE_QUERY_SECONDS", value)
    assert read_budget_s() == seconds


def test_a_folder_given_as_the_database_is_one_line(tmp_path):
    from probe.store.write import open_db

    with pytest.raises(StoreError) as raised:
        open_db(tmp_path)
    assert str(raised.value) == f"{tmp_path}: a folder, not a database file"
    assert list(tmp_path.iterdir()) == []
