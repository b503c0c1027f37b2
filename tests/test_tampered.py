"""A database changed outside probe is checked before any write: damaged (PRAGMA quick_check)
or missing any table, index, trigger or FTS table of probe's schema, it is refused with one
line and left exactly as it was, header included (never switched to WAL), with nothing new
beside it."""

from __future__ import annotations

import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import pytest

from conftest import CORPUS, probe_process
from test_identity import FIELDWORK_LINE


@pytest.fixture
def new_report(tmp_path) -> Path:
    """A real report that is not yet stored (Gwent's, without its fieldwork month): importing
    it writes to every table."""
    text = (CORPUS / "004_354d18e338058cf9.txt").read_text(encoding="utf-8")
    path = tmp_path / "reports" / "gwent.txt"
    path.parent.mkdir()
    path.write_text(FIELDWORK_LINE.sub("", text), encoding="utf-8")
    return path


def folder(path: Path) -> dict[str, bytes]:
    """Every file beside the database (the database included), with its bytes."""
    return {file.name: file.read_bytes() for file in path.parent.iterdir() if file.is_file()}


def run_sql(path: Path, script: str) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.executescript(script)


def smash_a_findings_page(path: Path) -> None:
    """Make the first leaf page of the findings table unreadable: a new report is written to
    the last leaf, so only a check of the whole file sees it."""
    with closing(sqlite3.connect(path)) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'findings'").fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    assert data[start] == 0x05  # an interior table page: the findings span several leaves
    first_cell = int.from_bytes(data[start + 12 : start + 14], "big")
    leaf = int.from_bytes(data[start + first_cell : start + first_cell + 4], "big")
    data[(leaf - 1) * page_size] = 0xFF  # no such page type
    path.write_bytes(bytes(data))


RECURSIVE_VIEW = (
    "ALTER TABLE reports RENAME TO reports_kept;"
    " CREATE VIEW reports AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)"
    " SELECT i AS id FROM n;"
)

TAMPERS = {
    "findings dropped": ("DROP TABLE findings;", "no table findings, index idx_findings_report_id_position, trigger findings_ad and 2 more)"),
    "standards dropped": ("DROP TABLE standards;", "no table standards, index idx_standards_report_id_code)"),
    "an index dropped": ("DROP INDEX idx_reports_inspection_key;", "no index idx_reports_inspection_key)"),
    "a trigger dropped": ("DROP TRIGGER findings_ai;", "no trigger findings_ai)"),
    "an FTS table dropped": ("DROP TABLE recommendations_fts;", "no table recommendations_fts, table recommendations_fts_config, table recommendations_fts_data and 2 more)"),
    "reports made a recursive view": (RECURSIVE_VIEW, "no table reports)"),
}  # fmt: skip


@pytest.mark.parametrize("tamper", TAMPERS, ids=list(TAMPERS))
def test_import_into_a_database_missing_part_of_its_schema_changes_nothing(seeded_db, new_report, tamper):
    script, missing = TAMPERS[tamper]
    run_sql(seeded_db, script)
    before = folder(seeded_db)
    result = probe_process("--db", seeded_db, "import", new_report)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"probe: {seeded_db}: not a whole probe database ({missing}")
    assert result.stderr.endswith(
        ": it was changed outside probe, and nothing was written; import your reports into a new database\n"
    )
    assert folder(seeded_db) == before


def test_import_into_a_damaged_database_changes_nothing(seeded_db, new_report):
    smash_a_findings_page(seeded_db)
    before = folder(seeded_db)
    result = probe_process("--db", seeded_db, "import", new_report)
    assert result.returncode == 1
    assert result.stderr.startswith(f"probe: {seeded_db}: database disk image is malformed (Page ")
    assert result.stderr.endswith("); nothing was written\n") and len(result.stderr.splitlines()) == 1
    assert folder(seeded_db) == before


@pytest.mark.parametrize("version", [2, 3])
@pytest.mark.parametrize("command", [["import", "NEW"], ["pdus"], ["search", "risk"]])
def test_another_applications_database_with_probes_version_is_left_as_it_was(
    tmp_path, new_report, version, command
):
    other = tmp_path / "notes.db"
    run_sql(other, f"CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine'); PRAGMA user_version = {version};")
    before = folder(other)
    assert before["notes.db"][18:20] == b"\x01\x01"  # a rollback-journal database, not WAL
    result = probe_process("--db", other, *[new_report if word == "NEW" else word for word in command])
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert "not a probe database" in result.stderr or "no such table" in result.stderr
    if version == 2:  # an older probe's number, but never probe's: no talk of upgrading it
        assert result.stderr == f"probe: {other}: a SQLite database but not a probe database\n"
    assert folder(other) == before  # header unchanged, and no copy made beside it


@pytest.mark.parametrize("version", [0, 2])
def test_the_explorer_on_another_applications_database_says_one_line_and_exits_1(tmp_path, version):
    other = tmp_path / "notes.db"
    run_sql(other, f"CREATE TABLE notes (body TEXT); PRAGMA user_version = {version};")
    before = folder(other)
    result = probe_process("--db", other, "tui", stdin=subprocess.DEVNULL)
    assert (result.returncode, result.stderr) == (
        1, f"probe: {other}: a SQLite database but not a probe database\n"
    )
    assert folder(other) == before


ENDLESS_REPORTS = """
ALTER TABLE reports RENAME TO stored_reports;
CREATE VIEW reports AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)
SELECT stored_reports.* FROM stored_reports, n;
"""


@pytest.mark.parametrize("command", [["pdus"], ["show", "gwent"], ["export"]])
def test_a_read_that_never_ends_is_stopped_in_one_line(seeded_db, command):
    """`reports` replaced by an endless view: every read is stopped at its time budget
    (PROBE_QUERY_SECONDS, lowered here) instead of hanging the command."""
    run_sql(seeded_db, ENDLESS_REPORTS)
    result = probe_process("--db", seeded_db, *command, env={"PROBE_QUERY_SECONDS": "1"})
    assert (result.returncode, result.stderr) == (
        1,
        f"probe: {seeded_db}: a read ran over 1 s and was stopped; a database changed outside"
        " probe can do this: import into a new one\n",
    )


# The same checks in this process, calling store.write.open_db: mutation testing (mutmut)
# only counts tests that reach the code in the test process (docs/mutation.md).


# Three missing parts are all named; from four on, the first three and a count.
COUNTED_TAMPERS = {
    "three parts dropped": (
        "DROP INDEX idx_reports_inspection_key; DROP TRIGGER findings_ai; DROP TRIGGER findings_ad;",
        "no index idx_reports_inspection_key, trigger findings_ad, trigger findings_ai)",
    ),
    "four parts dropped": (
        "DROP INDEX idx_reports_inspection_key; DROP TRIGGER findings_ai; DROP TRIGGER findings_ad;"
        " DROP TRIGGER findings_au;",
        "no index idx_reports_inspection_key, trigger findings_ad, trigger findings_ai and 1 more)",
    ),
}
IN_PROCESS_TAMPERS = {**TAMPERS, **COUNTED_TAMPERS}


@pytest.mark.parametrize("tamper", IN_PROCESS_TAMPERS, ids=list(IN_PROCESS_TAMPERS))
def test_open_db_names_what_is_missing_in_order(seeded_db, tamper):
    from probe.store.connection import NotProbeDatabase
    from probe.store.write import open_db

    script, missing = IN_PROCESS_TAMPERS[tamper]
    run_sql(seeded_db, script)
    with pytest.raises(NotProbeDatabase) as raised:
        open_db(seeded_db)
    assert str(raised.value) == (
        f"{seeded_db}: not a whole probe database ({missing}: it was changed outside probe, and"
        " nothing was written; import your reports into a new database"
    )


def test_open_db_on_a_damaged_file_says_where_in_one_line(seeded_db):
    from probe.store.connection import StoreError
    from probe.store.write import open_db

    smash_a_findings_page(seeded_db)
    with pytest.raises(StoreError) as raised:
        open_db(seeded_db)
    message = str(raised.value)
    assert message.startswith(f"{seeded_db}: database disk image is malformed (Page ")
    assert message.endswith("); nothing was written") and "\n" not in message and "***" not in message


def test_open_db_on_another_applications_database_says_so(tmp_path):
    from probe.store.connection import NotProbeDatabase
    from probe.store.write import open_db

    from probe.store.schema import SCHEMA_VERSION

    other = tmp_path / "other.db"  # stamped with probe's version: only its tables tell
    run_sql(other, f"CREATE TABLE notes (text TEXT); PRAGMA user_version = {SCHEMA_VERSION};")
    with pytest.raises(NotProbeDatabase) as raised:
        open_db(other)
    assert str(raised.value) == f"{other}: a SQLite database but not a probe database"
