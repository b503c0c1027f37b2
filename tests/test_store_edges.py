"""The store at its edges: band thresholds, the guard against shorter texts, and transactions.
Each test here was written against a one-line fault planted in store/ that the rest of the
suite let through."""

from __future__ import annotations

import contextlib
import dataclasses
import sqlite3
from datetime import UTC, datetime

import pytest

from gold import STEMS, gold_report, seed_text
from probe.importers import parse_report
from probe.domain.model import KeyQuestion, Report, Standard
from probe.store.connection import StoreError
from probe.store.read import Reader
from probe.store.connection import WouldLoseData
from probe.store.write import build_database, import_report, open_db

GWENT = STEMS[4]

# percent -> band, at each side of every threshold (80, 65, 50) and at the ends
BANDS = {
    0: "Inadequate", 49: "Inadequate", 50: "Requires improvement", 64: "Requires improvement",
    65: "Good", 79: "Good", 80: "Outstanding", 100: "Outstanding",
}  # fmt: skip


def small_report(percents) -> Report:
    """A hand-made report: one rated standard with one key question per percent."""
    return Report(
        source_name="small.txt", source_sha256="small", text="A small report.\n", format="web",
        framework="2024", pdu="Small PDU", fieldwork_started="May 2025",
        standards=[Standard("1.1", "Leadership", 1, "Organisational arrangements", "Good")],
        key_questions=[KeyQuestion("1.1", f"Question at {p}%?", p) for p in percents],
    )  # fmt: skip


def test_key_question_bands_change_exactly_at_their_thresholds(tmp_path):
    build_database(tmp_path / "small.db", [small_report(BANDS)])
    with Reader(tmp_path / "small.db") as reader:
        (summary,) = reader.reports()
        stats = reader.key_question_stats(summary.id)
    assert {stat.percent: stat.band for stat in stats} == BANDS
    assert [stat.drives_rating for stat in stats] == [p == 0 for p in BANDS]  # the lowest drives


@pytest.mark.parametrize("part", ["standards", "key_questions", "recommendations", "findings"])
def test_a_text_with_one_item_fewer_of_any_counted_part_is_refused(seeded_db, part):
    full = gold_report(GWENT)
    stored = len(getattr(full, part))
    cut = dataclasses.replace(full, source_sha256="cut", **{part: getattr(full, part)[:-1]})
    db = open_db(seeded_db)
    with pytest.raises(WouldLoseData, match=f"less: {stored - 1} of {stored} {part.replace('_', ' ')};"):
        import_report(db, cut)
    assert not db.conn.in_transaction
    db.close()
    with Reader(seeded_db) as reader:
        (gwent,) = reader.find_reports("gwent")
        assert len(getattr(reader.report(gwent.id), part)) == stored


def test_a_failed_write_leaves_the_connection_ready_for_the_next(seeded_db):
    full = gold_report(GWENT)
    broken = dataclasses.replace(full, pdu="Broken PDU", source_sha256="broken",
                                 findings=[dataclasses.replace(full.findings[0], text=None)])  # fmt: skip
    db = open_db(seeded_db)
    with pytest.raises(StoreError, match="NOT NULL"):
        import_report(db, broken)
    assert not db.conn.in_transaction  # rolled back, not left open
    fine = dataclasses.replace(full, pdu="Fine PDU", source_sha256="fine")
    assert import_report(db, fine) == "imported"
    with Reader(seeded_db) as reader:  # another connection sees it while `db` is still open
        assert [s.pdu for s in reader.find_reports("fine")] == ["Fine PDU"]
        assert reader.find_reports("broken") == []
    db.close()


def another_writer_can_start(path) -> bool:
    with contextlib.closing(sqlite3.connect(path, timeout=0, isolation_level=None)) as other:
        try:
            other.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            return False
        other.execute("ROLLBACK")
        return True


def test_an_import_holds_the_write_lock_before_it_reads(seeded_db):
    """BEGIN IMMEDIATE: with a plain BEGIN two importers can both read, and the second to
    write then fails at once on its stale snapshot instead of waiting its turn."""
    db = open_db(seeded_db)
    seen = []

    def at_each_statement(sql: str) -> None:
        if seen == ["began"]:  # the first statement after BEGIN: is the lock already held?
            seen.append(another_writer_can_start(seeded_db))
        if sql.startswith("BEGIN") and not seen:
            seen.append("began")

    db.conn.set_trace_callback(at_each_statement)
    import_report(db, dataclasses.replace(gold_report(GWENT), pdu="Locked PDU", source_sha256="l"))
    db.conn.set_trace_callback(None)
    db.close()
    assert seen == ["began", False]
    assert another_writer_can_start(seeded_db)  # and let go after


def test_a_replacement_leaves_only_the_new_versions_parts(seeded_db):
    full = gold_report(GWENT)
    new = dataclasses.replace(full, source_sha256="new", **{
        part: getattr(full, part)[: len(getattr(full, part)) // 2]
        for part in ("standards", "key_questions", "recommendations", "findings", "headings")
    })  # fmt: skip
    db = open_db(seeded_db)
    assert import_report(db, new, force=True) == "replaced"
    db.close()
    with contextlib.closing(sqlite3.connect(seeded_db)) as conn:
        (report_id,) = conn.execute("SELECT id FROM reports WHERE pdu = 'Gwent PDU'").fetchone()
        for part in ("standards", "key_questions", "recommendations", "findings", "headings"):
            stored = conn.execute(f"SELECT count(*) FROM {part} WHERE report_id = ?", [report_id])
            assert stored.fetchone()[0] == len(getattr(new, part)), part


def test_a_report_reads_back_exactly_as_written_then_as_replaced(tmp_path):
    report = parse_report(seed_text(GWENT), source_name="gwent.txt")
    assert report.warnings  # they are stored too
    path = tmp_path / "one.db"
    build_database(path, [report])
    with Reader(path) as reader:
        (summary,) = reader.reports()
        assert reader.report(summary.id) == report
    changed = dataclasses.replace(report, source_sha256="changed", warnings=["a changed warning"],
                                  text=report.text.replace("Gwent", "Gwent!"), caseload=1)  # fmt: skip
    db = open_db(path)
    assert import_report(db, changed) == "replaced"
    assert import_report(db, changed) == "unchanged"
    db.close()
    with Reader(path) as reader:
        assert [s.id for s in reader.reports()] == [summary.id]
        assert reader.report(summary.id) == changed


@pytest.fixture
def new_db(tmp_path):
    """A database created in the test itself (mutmut then links these tests to the schema)."""
    build_database(tmp_path / "new.db", [gold_report(GWENT)])
    return tmp_path / "new.db"


def test_the_database_itself_refuses_a_second_row_for_one_inspection(new_db):
    """A safety net under import_report's own check, for any other writer."""
    row = {
        "pdu": "P", "pdu_name": "P", "framework": "2024", "format": "web", "source_name": "s",
        "source_sha256": "h", "text_zlib": b"", "warnings": "[]", "imported_at": "now",
    }  # fmt: skip
    with contextlib.closing(sqlite3.connect(new_db)) as conn:
        row["inspection_key"] = conn.execute("SELECT inspection_key FROM reports").fetchone()[0]
        insert = f"INSERT INTO reports ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})"
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE constraint failed: reports.inspection_key"):
            conn.execute(insert, list(row.values()))


# What every stored row must have: the database refuses a row without it, whoever writes.
REQUIRED = {
    "reports": ["inspection_key", "pdu", "pdu_name", "framework", "format", "source_name",
                "source_sha256", "text_zlib", "warnings", "imported_at"],
    "standards": ["report_id", "position", "code", "name", "domain", "domain_name"],
    "key_questions": ["report_id", "position", "standard_code", "question", "percent"],
    "recommendations": ["report_id", "number", "addressee", "addressee_type", "text", "line"],
    "findings": ["report_id", "position", "section", "section_heading", "kind", "text", "line"],
    "headings": ["report_id", "position", "title", "line", "level"],
}  # fmt: skip


def copy_of_a_row(conn, table: str, **changes) -> None:
    """Insert a copy of the table's first row, with new values where they must be unique."""
    cursor = conn.execute(f"SELECT * FROM {table} LIMIT 1")
    row = dict(zip([column[0] for column in cursor.description], cursor.fetchone()))
    unique = {"id": None, "inspection_key": "copy", "position": 999, "code": "9.9"}
    row.update({name: value for name, value in unique.items() if name in row}, **changes)
    insert = f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})"
    conn.execute(insert, list(row.values()))


@pytest.mark.parametrize(("table", "column"), [(t, c) for t, columns in REQUIRED.items() for c in columns])
def test_the_database_refuses_a_row_without_a_required_value(new_db, table, column):
    with contextlib.closing(sqlite3.connect(new_db)) as conn:
        with pytest.raises(sqlite3.IntegrityError, match=f"NOT NULL constraint failed: {table}.{column}$"):
            copy_of_a_row(conn, table, **{column: None})
        copy_of_a_row(conn, table)  # the copy itself is fine


@pytest.mark.parametrize("table", [table for table in REQUIRED if table != "reports"])
def test_the_database_refuses_a_row_of_no_report(new_db, table):
    with contextlib.closing(sqlite3.connect(new_db)) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY constraint failed"):
            copy_of_a_row(conn, table, report_id=999_999)
        copy_of_a_row(conn, table)


def another_sqlite_file(path) -> None:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE notes (text)")


def schema(version: int):
    """A probe database stamped with another schema version."""

    def make(path) -> None:
        build_database(path, [small_report([50])])
        with contextlib.closing(sqlite3.connect(path)) as conn:
            conn.execute(f"PRAGMA user_version = {version}")

    return make


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda path: path.write_bytes(b""), "an empty database"),
        (lambda path: path.write_bytes(b"GIF89a" + bytes(200)), "not a SQLite database"),
        (another_sqlite_file, "a SQLite database but not a probe database"),
        (schema(1), "made by an older probe (schema 1, this probe reads 4)"),
        (schema(5), "made by a newer probe (schema 5, this probe reads 4); upgrade probe or use another --db"),
        (lambda path: None, "no such database (`probe --db PATH import FILES` creates one)"),
    ],
)  # fmt: skip
def test_a_file_the_reader_cannot_use_is_named_with_the_reason(tmp_path, make, reason):
    path = tmp_path / "odd.db"
    make(path)
    with pytest.raises(StoreError) as refused:
        Reader(path)
    assert str(refused.value) == f"{path}: {reason}"


@pytest.mark.parametrize(
    ("table", "column"),
    [("standards", "code"), ("key_questions", "position"), ("findings", "position"), ("headings", "position")],
)
def test_the_database_refuses_a_second_row_at_one_place_in_a_report(new_db, table, column):
    with contextlib.closing(sqlite3.connect(new_db)) as conn:
        (taken,) = conn.execute(f"SELECT {column} FROM {table} LIMIT 1").fetchone()
        with pytest.raises(sqlite3.IntegrityError, match=f"UNIQUE constraint failed: {table}.report_id, {table}.{column}$"):
            copy_of_a_row(conn, table, **{column: taken})


def test_a_report_keeps_at_most_fifty_warnings_and_counts_the_rest(tmp_path):
    """A real report with its 2.1 heading repeated 300 times: 300 warnings, of which the store
    keeps the first 50 and one line counting the rest."""
    text = seed_text(STEMS[2]) + "\n2.1 Assessment\n" * 300
    report = parse_report(text, "repeated.txt")
    assert len(report.warnings) == 300
    build_database(tmp_path / "probe.db", [report])
    with Reader(tmp_path / "probe.db") as reader:
        kept = reader.report(reader.reports()[0].id).warnings
    assert kept == [*report.warnings[:50], "and 250 more warnings, not kept"]
    assert kept[49] == "standard 2.1: a second section at line 629 was ignored"


def test_fifty_warnings_are_all_kept(tmp_path):
    warnings = [f"warning {n}" for n in range(1, 51)]
    build_database(tmp_path / "probe.db", [dataclasses.replace(small_report([50]), warnings=warnings)])
    with Reader(tmp_path / "probe.db") as reader:
        assert reader.report(reader.reports()[0].id).warnings == warnings


def test_the_import_time_is_stored_in_utc_to_the_second(tmp_path):
    """reports.imported_at, for anyone querying the database: an ISO time with its offset."""
    before = datetime.now(UTC).replace(microsecond=0)
    build_database(tmp_path / "probe.db", [small_report([50])])
    after = datetime.now(UTC)
    with contextlib.closing(sqlite3.connect(tmp_path / "probe.db")) as conn:
        (imported_at,) = conn.execute("SELECT imported_at FROM reports").fetchone()
    assert imported_at.endswith("+00:00") and len(imported_at) == len("2026-11-27T08:00:00+00:00")
    assert before <= datetime.fromisoformat(imported_at) <= after


def test_a_build_stopped_half_way_leaves_no_file_and_a_later_one_the_whole_database(tmp_path):
    folder = tmp_path / "new folder"

    def stopped():
        yield small_report([50])
        raise KeyboardInterrupt  # Ctrl+C after the first report

    with pytest.raises(KeyboardInterrupt):
        build_database(folder / "probe.db", stopped())
    assert list(folder.iterdir()) == []
    build_database(folder / "probe.db", [small_report([50]), gold_report(GWENT)])
    assert [path.name for path in folder.iterdir()] == ["probe.db"]
    with Reader(folder / "probe.db") as reader:
        assert [summary.pdu for summary in reader.reports()] == ["Gwent PDU", "Small PDU"]


def test_a_report_with_no_standards_has_a_matrix_row_with_no_ratings(tmp_path):
    rated = small_report([70])
    unrated = dataclasses.replace(
        rated, pdu="Unrated PDU", source_name="unrated.txt", source_sha256="unrated", standards=[], key_questions=[]
    )
    build_database(tmp_path / "two.db", [rated, unrated])
    with Reader(tmp_path / "two.db") as reader:
        matrix = reader.ratings_matrix()
    assert matrix.columns == ["Leadership"]
    assert {summary.pdu_name: ratings for summary, ratings in matrix.rows} == {
        "Small": {"Leadership": "Good"}, "Unrated": {},
    }  # fmt: skip
