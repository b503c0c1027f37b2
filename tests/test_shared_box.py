"""One database on a shared box: root imports, other users read it, in real processes.

probe keeps its databases in rollback-journal mode: readers need only the database file, see
every commit on their next query, and leave nothing beside it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import CORPUS, probe_process
from gold import STEMS, gold_report

GWENT = "004_354d18e338058cf9"

# A reader that keeps one Reader open, as the explorer does, and answers each word it is sent
# with what it then sees: the number of reports, the matches of the word and the PDUs of the
# reports those hits open. An error is an answer too, never a crash.
READER = """
import json, sys
from probe.store.connection import StoreError
from probe.store.read import Reader
with Reader(sys.argv[1]) as reader:
    for line in sys.stdin:
        try:
            result = reader.search(line.strip(), limit=100)
            opened = sorted({reader.report(hit.report_id).pdu for hit in result.hits})
            answer = {"reports": len(reader.reports()), "total": result.total, "opened": opened}
        except StoreError as error:
            answer = {"error": str(error)}
        print(json.dumps(answer), flush=True)
"""


@pytest.fixture
def shared_db(seeded_db_template) -> Path:
    """/srv/probe/probe.db as on a shared box: root's file, 0644, in root's 0755 folder."""
    folder = Path(tempfile.mkdtemp(prefix="probe-shared-"))
    folder.chmod(0o755)
    path = folder / "probe.db"
    shutil.copy(seeded_db_template, path)
    path.chmod(0o644)
    yield path
    shutil.rmtree(folder)


def gwent_as(name: str, marker: str) -> str:
    """Gwent's report as another PDU's, with `marker` added to its first finding."""
    text = (CORPUS / f"{GWENT}.txt").read_text(encoding="utf-8")
    finding = gold_report(GWENT).findings[0].text
    return text.replace(finding, f"{finding} {marker}.").replace("Gwent", name)


def import_as_root(db: Path, text: str, *options: str) -> str:
    folder = Path(tempfile.mkdtemp(prefix="probe-incoming-"))
    try:
        (folder / "report.txt").write_text(text, encoding="utf-8")
        result = probe_process("--db", db, "import", *options, folder / "report.txt")
    finally:
        shutil.rmtree(folder)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_a_reader_as_another_user_sees_every_import_and_never_errs(nobody, shared_db):
    reader = nobody.popen("-c", READER, shared_db, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)  # fmt: skip

    def ask(word: str) -> dict:
        reader.stdin.write(word + "\n")
        reader.stdin.flush()
        answer = reader.stdout.readline()
        assert answer, reader.stderr.read()
        return json.loads(answer)

    try:
        assert ask("home visits") == {"reports": 5, "total": 5, "opened": [
            "County Durham and Darlington PDU", "Gwent PDU", "Leicester, Leicestershire and Rutland PDU",
            "South Tyneside and Gateshead PDU"]}  # fmt: skip
        for round, name in enumerate(["Ashford", "Bramley", "Calder"], start=1):
            first, second = f"{name.lower()}firstword", f"{name.lower()}secondword"
            assert import_as_root(shared_db, gwent_as(name, first)).startswith("1 imported")
            assert ask(first) == {"reports": 5 + round, "total": 1, "opened": [f"{name} PDU"]}
            replaced = import_as_root(shared_db, gwent_as(name, second), "--force")
            assert replaced == "0 imported, 0 unchanged, 1 replaced, 0 refused"
            assert ask(first) == {"reports": 5 + round, "total": 0, "opened": []}
            assert ask(second) == {"reports": 5 + round, "total": 1, "opened": [f"{name} PDU"]}
            assert sorted(path.name for path in shared_db.parent.iterdir()) == ["probe.db"]
        home_visits = ask("home visits")
        assert (home_visits["reports"], home_visits["total"]) == (8, 5 + 3)  # Gwent has one
    finally:
        reader.stdin.close()
        reader.wait(timeout=60)
    assert (reader.returncode, reader.stderr.read()) == (0, "")


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_read_only_commands_leave_only_the_database_readable_as_the_umask_allows(tmp_path, umask):
    db = tmp_path / "shared" / "probe.db"
    files = [CORPUS / f"{stem}.txt" for stem in STEMS]
    assert probe_process("--db", db, "import", *files, umask=umask).returncode == 0
    for command in (["pdus"], ["search", "home visits"], ["show", "gwent"]):
        result = probe_process("--db", db, *command, umask=umask)
        assert result.returncode == 0, result.stderr
        assert [path.name for path in db.parent.iterdir()] == ["probe.db"]
    assert stat.S_IMODE(db.stat().st_mode) == 0o666 & ~umask


def in_wal_mode(path: Path) -> Path:
    """The database as an older probe kept it (WAL mode), with no -wal or -shm file."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
    return path


def test_an_older_wal_database_is_switched_by_a_read_of_its_owner(seeded_db):
    result = probe_process("--db", in_wal_mode(seeded_db), "pdus")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 5
    assert seeded_db.read_bytes()[18:20] == b"\x01\x01"  # rollback journal: readers need no files
    assert [path.name for path in seeded_db.parent.iterdir()] == ["probe.db"]


@pytest.fixture
def read_only_folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="probe-ro-"))
    yield folder
    folder.chmod(0o755)
    shutil.rmtree(folder)


def test_an_older_wal_database_others_cannot_convert_is_refused_in_one_line(
    as_another_user, seeded_db_template, read_only_folder
):
    db = read_only_folder / "probe.db"
    shutil.copy(seeded_db_template, db)
    in_wal_mode(db).chmod(0o444)
    read_only_folder.chmod(0o555)
    before = db.read_bytes()
    result = as_another_user("--db", db, "search", "home visits")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        f"probe: {db}: kept in WAL mode by an older probe, which you cannot read without writing"
        f" beside it; its owner can convert it by running `probe --db {db} pdus` once"
    ]
    assert db.read_bytes() == before
    assert [path.name for path in read_only_folder.iterdir()] == ["probe.db"]


def test_an_older_wal_database_with_its_files_reads_whole_for_others(
    as_another_user, seeded_db_template, read_only_folder
):
    """Its -wal holds a report that is not in the database file yet: it must be seen."""
    db = read_only_folder / "probe.db"
    shutil.copy(seeded_db_template, db)
    with contextlib.closing(sqlite3.connect(in_wal_mode(db), isolation_level=None)) as writer:
        writer.execute("PRAGMA wal_autocheckpoint = 0")  # keep the change in the -wal
        writer.execute("UPDATE reports SET pdu = 'Renamed PDU' WHERE pdu = 'Gwent PDU'")
        for name in ("probe.db", "probe.db-wal", "probe.db-shm"):
            (read_only_folder / name).chmod(0o444)
        read_only_folder.chmod(0o555)
        result = as_another_user("--db", db, "search", "home visits")
    assert result.returncode == 0, result.stderr
    pdus = {line.split("\t")[0] for line in result.stdout.splitlines()}
    assert "Renamed PDU" in pdus and "Gwent PDU" not in pdus


def test_an_import_cut_off_is_rolled_back_by_its_owners_next_read(as_another_user, shared_db):
    """A -journal left by an import killed mid-write: others are told who can recover it."""
    pdus_before = probe_process("--db", shared_db, "pdus").stdout
    cut_off = subprocess.Popen(
        [sys.executable, "-c", CUT_OFF_WRITER, shared_db],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert cut_off.stdout.readline() == "written\n"  # the change is in the file, not committed
    cut_off.kill()
    cut_off.wait(timeout=60)
    journal = Path(f"{shared_db}-journal")
    assert journal.exists()
    if os.geteuid() == 0:  # someone else than the owner: only root can test that
        result = as_another_user("--db", shared_db, "pdus")
        assert (result.returncode, result.stdout) == (1, "")
        assert result.stderr.splitlines() == [
            f"probe: {shared_db}: an import was cut off and must be rolled back by someone who"
            f" may write the database: its owner can run `probe --db {shared_db} pdus` once"
        ]
    result = probe_process("--db", shared_db, "pdus")
    assert (result.returncode, result.stdout) == (0, pdus_before)
    assert not journal.exists()


# Changes every report's name and writes the change into the database file itself (a tiny page
# cache spills it), then waits to be killed before it commits.
CUT_OFF_WRITER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size = 1")
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE findings SET text = 'cut off ' || text")
print("written", flush=True)
time.sleep(600)
"""


def test_a_reader_in_a_sticky_shared_folder_leaves_nothing_behind(nobody, shared_db):
    """In a 1777 folder another user could create files beside the database; none appear, so
    none can stand in its owner's way."""
    shared_db.parent.chmod(0o1777)
    for command in (["search", "home visits"], ["pdus"]):
        result = nobody.run("--db", shared_db, *command)
        assert result.returncode == 0, result.stderr
        assert [path.name for path in shared_db.parent.iterdir()] == ["probe.db"]
    assert import_as_root(shared_db, gwent_as("Ashford", "ashfordword")).startswith("1 imported")
