"""Opening a database to write it (store.write.open_db and build_database), in the test process:
folders made on the way, a file whose schema probe cannot write named with the reason and left
as it was, a journal SQLite cannot create, an older WAL database another program has open, and
a second writer waited for. The CLI's subprocess tests check some of the same lines; mutation
testing counts only tests that reach the code in this process (docs/mutation.md)."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from gold import STEMS, gold_report
from probe.store.connection import StoreError, is_in_wal_mode
from probe.store.read import Reader
from probe.store.schema import SCHEMA_VERSION
from probe.store.write import build_database, import_report, open_db

GWENT = STEMS[4]
GWENT_FILE = Path(__file__).resolve().parent.parent / "probe" / "corpus" / f"{GWENT}.txt"


def new_report(name: str):
    """A real report (Gwent's) under another PDU: not in the seeded database yet."""
    return dataclasses.replace(gold_report(GWENT), pdu=f"{name} PDU", source_sha256=name)


def pdus(path: Path) -> list[str]:
    with Reader(path) as reader:
        return [summary.pdu for summary in reader.reports()]


def test_import_creates_the_folders_of_a_new_database(cli, tmp_path):
    path = tmp_path / "new" / "folders" / "probe.db"
    result = cli("--db", path, "import", GWENT_FILE)
    assert (result.exit_code, result.stdout) == (0, "1 imported, 0 unchanged, 0 replaced, 0 refused\n")
    assert pdus(path) == ["Gwent PDU"]


def test_import_into_a_database_under_a_file_says_why_in_one_line(cli, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("mine\n")
    path = notes / "probe.db"
    result = cli("--db", path, "import", GWENT_FILE)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"probe: cannot write to {path}: [Errno 17] File exists: '{notes}'\n"
    assert notes.read_text() == "mine\n"


def stamped(version: int, *, probes: bool = True):
    """A probe database (or another program's, with a table of its own) stamped `version`."""

    def make(path: Path) -> None:
        if probes:
            build_database(path, [new_report("Stamped")])
        with contextlib.closing(sqlite3.connect(path)) as conn:
            if not probes:
                conn.execute("CREATE TABLE notes (text TEXT)")
            conn.execute(f"PRAGMA user_version = {version}")

    return make


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (stamped(0, probes=False), "a SQLite database but not a probe database"),
        (
            stamped(1),
            f"made by an older probe (schema 1, this probe reads {SCHEMA_VERSION}) and it cannot be"
            " upgraded; move it aside and import your reports again",
        ),
        (
            stamped(SCHEMA_VERSION + 1),
            f"made by a newer probe (schema {SCHEMA_VERSION + 1}, this probe reads {SCHEMA_VERSION});"
            " upgrade probe or use another --db",
        ),
    ],
    ids=["another program's", "schema 1", "a newer schema"],
)
def test_a_schema_probe_cannot_write_is_named_and_the_file_left_as_it_was(tmp_path, make, reason):
    path = tmp_path / "odd.db"
    make(path)
    before = path.read_bytes()
    with pytest.raises(StoreError) as refused:
        open_db(path)
    assert str(refused.value) == f"{path}: {reason}"
    assert path.read_bytes() == before
    assert [file.name for file in tmp_path.iterdir()] == ["odd.db"]  # no copy kept: no upgrade


def test_a_new_database_whose_journal_cannot_be_made_is_refused_in_one_line(tmp_path):
    """SQLite cannot create the rollback journal beside the database (here a folder has its
    name; in a folder the user may not write, the same error): SQLITE_CANTOPEN."""
    path = tmp_path / "probe.db"
    Path(f"{path}-journal").mkdir()
    with pytest.raises(StoreError) as refused:
        open_db(path)
    assert str(refused.value) == f"cannot write to {path}: it is read-only for you"
    assert path.read_bytes() == b""  # no table was written


def test_an_older_wal_database_another_program_has_open_is_written_and_switched_once_free(seeded_db):
    """Leaving WAL mode needs the database to itself: while another connection has it open,
    the import goes ahead in WAL mode (no error, no wait), and the next write alone switches it."""
    with contextlib.closing(sqlite3.connect(seeded_db)) as conn:
        assert conn.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
    with contextlib.closing(sqlite3.connect(seeded_db)) as other_program:
        other_program.execute("SELECT count(*) FROM reports").fetchone()
        db = open_db(seeded_db)
        assert import_report(db, new_report("Busy")) == "imported"
        db.close()
        assert is_in_wal_mode(seeded_db)
    open_db(seeded_db).close()
    assert not is_in_wal_mode(seeded_db)
    assert "Busy PDU" in pdus(seeded_db)
    assert [file.name for file in seeded_db.parent.iterdir()] == ["probe.db"]


def test_an_import_waits_for_another_writer_to_commit(seeded_db):
    """The switch of journal mode runs with no busy timeout; the writer's own is set again
    after it, so an import that meets another import's write lock waits for it."""
    db = open_db(seeded_db)
    locked, import_began = threading.Event(), threading.Event()

    def other_import() -> None:
        with contextlib.closing(sqlite3.connect(seeded_db, isolation_level=None)) as other:
            other.execute("BEGIN IMMEDIATE")
            locked.set()
            import_began.wait(timeout=60)
            time.sleep(0.2)  # holding the lock a moment longer: a writer that does not wait fails
            other.execute("COMMIT")

    thread = threading.Thread(target=other_import)
    thread.start()
    assert locked.wait(timeout=60)
    db.conn.set_trace_callback(lambda sql: import_began.set() if sql.startswith("BEGIN") else None)
    try:
        assert import_report(db, new_report("Waiting")) == "imported"
    finally:
        import_began.set()
        thread.join()
        db.close()
    assert "Waiting PDU" in pdus(seeded_db)


def test_a_build_clears_what_a_killed_build_of_the_same_process_id_left(tmp_path):
    """Containers give each run the same process id: a first-run build killed while writing
    leaves its temporary file (here torn: not a SQLite file) with journal and WAL files. The
    next build with that id clears them first and builds the database, leaving nothing else."""
    path = tmp_path / "probe.db"
    partial = tmp_path / f".probe.db.{os.getpid()}.partial"
    partial.write_bytes(b"torn " * 100)
    for suffix in ("-journal", "-wal", "-shm"):
        Path(f"{partial}{suffix}").write_bytes(b"left behind " * 100)
    build_database(path, [new_report("Built")])
    assert [file.name for file in tmp_path.iterdir()] == ["probe.db"]
    assert pdus(path) == ["Built PDU"]
