"""The store writes every report faithfully, once, atomically; the Reader reads it back."""

from __future__ import annotations

import contextlib
import dataclasses
import shutil
import sqlite3
import statistics
from pathlib import Path

import pytest
import sqlite_utils

from conftest import CORPUS
from gold import STEMS, comparable, expected, gold_report, load
from probe.importers import DEFAULT_MAX_BYTES, read_report
from probe.store.connection import StoreError
from probe.store.read import Reader
from probe.store.schema import SCHEMA_VERSION
from probe.domain.frameworks import aligned_standard
from probe.domain.months import fieldwork_month
from probe.store.migrations import backup_path, open_reader
from probe.store.write import batched, import_report, open_db


def dump(path) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return list(conn.iterdump())


def integrity(path) -> str:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def test_every_gold_field_survives_the_round_trip(reader):
    by_source = {summary.source_name: summary.id for summary in reader.reports()}
    for stem in STEMS:
        stored = reader.report(by_source[f"{stem}.txt"])
        assert comparable(dataclasses.asdict(stored)) == expected(stem)
        assert stored == read_report(CORPUS / f"{stem}.txt", DEFAULT_MAX_BYTES)  # all of it


def test_reports_are_ordered_by_pdu_name_then_fieldwork(reader):
    assert [(s.pdu_name, s.fieldwork_month) for s in reader.reports()] == [
        ("County Durham and Darlington", "2025-07"),
        ("Gwent", "2025-09"),
        ("Leicester, Leicestershire and Rutland", "2022-11"),
        ("Newcastle Upon Tyne", "2025-04"),
        ("South Tyneside and Gateshead", "2022-10"),
    ]


def test_find_reports_ignores_case(reader):
    assert [s.pdu for s in reader.find_reports("TYNE")] == [
        "Newcastle Upon Tyne PDU",
        "South Tyneside and Gateshead PDU",
    ]
    assert reader.find_reports("nowhere") == []


@pytest.mark.parametrize(
    "typed", ["leicestershire & rutland", "Leicester Leicestershire and Rutland PDU", "  LEICESTER,  leicestershire "]
)
def test_find_reports_compares_names_as_pdu_names(reader, typed):
    assert [s.pdu_name for s in reader.find_reports(typed)] == ["Leicester, Leicestershire and Rutland"]


def test_schema_is_versioned_rollback_journal_and_searchable_by_sqlite_utils(seeded_db):
    db = sqlite_utils.Database(seeded_db)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.journal_mode == "delete"  # readers need no -wal/-shm files (shared boxes)
    assert db["findings"].detect_fts() == "findings_fts"
    assert db["recommendations"].detect_fts() == "recommendations_fts"
    # The same index `sqlite-utils search` and Datasette use, Porter-stemmed.
    texts = [row["text"] for row in db["findings"].search("visit")]
    assert any("home visits" in text.lower() for text in texts)


def test_identical_text_is_unchanged_and_writes_nothing(seeded_db):
    db = open_db(seeded_db)
    before = db.conn.total_changes
    assert import_report(db, gold_report(STEMS[0])) == "unchanged"
    assert db.conn.total_changes == before
    db.close()


def test_changed_text_of_the_same_inspection_replaces_it(seeded_db):
    original = gold_report(STEMS[4])
    first = original.findings[0]
    changed = dataclasses.replace(
        original,
        source_sha256="changed",
        findings=[dataclasses.replace(first, text="Zebra crossings were audited."), *original.findings[1:]],
    )
    with Reader(seeded_db) as reader:
        (summary,) = reader.find_reports("Gwent")
    db = open_db(seeded_db)
    assert import_report(db, changed) == "replaced"
    db.close()
    with Reader(seeded_db) as reader:
        assert [s.id for s in reader.find_reports("Gwent")] == [summary.id]
        assert reader.report(summary.id).findings[0].text == "Zebra crossings were audited."
        assert reader.search("zebra crossings").total == 1
        assert reader.search(first.text[:40]).total == 0
        assert len(reader.reports()) == 5
    assert integrity(seeded_db) == "ok"


def test_a_failure_mid_write_leaves_the_database_exactly_as_it_was(seeded_db):
    # A real trigger that fails on the tenth finding of a new report.
    with contextlib.closing(sqlite3.connect(seeded_db)) as conn:
        conn.execute(
            "CREATE TRIGGER fail_tenth BEFORE INSERT ON findings WHEN new.position = 10 "
            "BEGIN SELECT RAISE(ABORT, 'simulated failure'); END"
        )
    with_trigger = dump(seeded_db)
    new = dataclasses.replace(gold_report(STEMS[0]), pdu="Elsewhere PDU", source_sha256="x")
    db = open_db(seeded_db)
    with pytest.raises(StoreError, match="simulated failure"):
        import_report(db, new)
    db.close()
    assert dump(seeded_db) == with_trigger
    assert integrity(seeded_db) == "ok"


def test_a_failure_mid_write_in_a_batch_loses_only_that_report(seeded_db):
    """Reports share commits during an import; one that fails half-way is undone alone, and the
    ones before and after it in the same batch are stored whole."""
    with contextlib.closing(sqlite3.connect(seeded_db)) as conn:
        conn.execute(
            "CREATE TRIGGER fail_bad BEFORE INSERT ON findings WHEN new.position = 10"
            " AND (SELECT pdu FROM reports WHERE id = new.report_id) = 'Bad PDU'"
            " BEGIN SELECT RAISE(ABORT, 'simulated failure'); END"
        )
    base = gold_report(STEMS[0])
    before, bad, after = (
        dataclasses.replace(base, pdu=f"{name} PDU", source_sha256=name) for name in ("Before", "Bad", "After")
    )
    db = open_db(seeded_db)
    with batched(db) as batch:
        assert batch.store(before) == "imported"
        with pytest.raises(StoreError, match="simulated failure"):
            batch.store(bad)
        assert batch.store(after) == "imported"
    db.close()
    with Reader(seeded_db) as reader:
        stored = {s.pdu: reader.report(s.id) for s in reader.reports()}
    assert "Bad PDU" not in stored
    for name in ("Before PDU", "After PDU"):
        assert len(stored[name].findings) == len(base.findings)
    assert integrity(seeded_db) == "ok"


def test_a_failed_replacement_keeps_the_old_version(seeded_db):
    before = dump(seeded_db)
    original = gold_report(STEMS[1])
    broken = dataclasses.replace(
        original,
        source_sha256="changed",
        findings=[*original.findings, dataclasses.replace(original.findings[0], text=None)],
    )
    db = open_db(seeded_db)
    with pytest.raises(StoreError, match="NOT NULL"):
        import_report(db, broken)
    db.close()
    assert dump(seeded_db) == before
    assert integrity(seeded_db) == "ok"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.7 not a database at all\n" * 40, "not a SQLite database"),
        (b"SQLite format 3\x00" + b"\xff" * 4000, "malformed|not a database|corrupt"),
    ],
)
def test_non_sqlite_and_corrupt_files_are_refused_and_left_alone(tmp_path, content, message):
    path = tmp_path / "odd.db"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=message):
        Reader(path)
    with pytest.raises(StoreError):
        open_db(path)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["odd.db"]


def test_unknown_schema_version_is_refused_and_left_alone(seeded_db):
    with contextlib.closing(sqlite3.connect(seeded_db)) as conn:
        conn.execute("PRAGMA user_version = 99")
    before = seeded_db.read_bytes()
    with pytest.raises(StoreError, match=r"made by a newer probe \(schema 99"):
        Reader(seeded_db)
    with pytest.raises(StoreError, match=r"made by a newer probe \(schema 99"):
        open_db(seeded_db)
    assert seeded_db.read_bytes() == before


def test_another_applications_database_is_not_taken_over(tmp_path):
    path = tmp_path / "other.db"
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a probe database"):
        open_db(path)
    with pytest.raises(StoreError, match="not a probe database"):
        Reader(path)
    assert path.read_bytes() == before


def test_a_missing_database_is_an_error_for_the_reader(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        Reader(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()


def test_key_question_stats_compare_across_reports(reader):
    gwent = reader.find_reports("gwent")[0]
    stats = reader.key_question_stats(gwent.id)
    gold_questions = load(STEMS[4])["key_questions"]
    assert [(s.standard_code, s.question, s.percent) for s in stats] == [
        (q["standard_code"], q["question"], q["percent"]) for q in gold_questions
    ]
    everyone = [q for stem in STEMS for q in load(stem)["key_questions"]]
    for stat in stats:
        percents = [q["percent"] for q in everyone if q["question"] == stat.question]
        assert stat.median == statistics.median(percents)
        assert stat.of == len(percents)
        assert stat.rank == 1 + sum(p > stat.percent for p in percents)
        lowest = min(q["percent"] for q in gold_questions if q["standard_code"] == stat.standard_code)
        assert stat.drives_rating == (stat.percent == lowest)
    assert {s.band for s in stats if s.percent == 28} == {"Inadequate"}
    assert {s.band for s in stats if s.percent == 72} == {"Good"}


def test_ratings_matrix_aligns_both_frameworks_by_name(reader):
    matrix = reader.ratings_matrix()
    assert matrix.columns == [  # 2021's Staff is 2024's Staffing: one column
        "Leadership", "Staffing", "Services", "Information and facilities",
        "Court work", "Assessment", "Planning", "Implementation and delivery", "Reviewing",
    ]  # fmt: skip
    rows = {summary.pdu_name: ratings for summary, ratings in matrix.rows}
    gateshead = {
        aligned_standard(s["name"]): s["rating"]
        for s in load(STEMS[2])["standards"] if s["rating"]
    }  # fmt: skip
    assert gateshead["Staffing"] == "Good"  # rated as 2021's "Staff"
    assert {k: v for k, v in rows["South Tyneside and Gateshead"].items() if v} == gateshead
    assert "Court work" not in rows["Gwent"]


@pytest.mark.parametrize(
    ("started", "month"),
    [("April 2025", "2025-04"), ("december 2022", "2022-12"), (None, None), ("Spring 2025", None)],
)
def test_fieldwork_month_sorts(started, month):
    assert fieldwork_month(started) == month


def test_the_unrated_outcomes_question_drives_no_rating(reader):
    leicester = reader.find_reports("leicester")[0]
    stats = {s.standard_code: s for s in reader.key_question_stats(leicester.id)}
    gold_outcomes = [q["percent"] for q in load(STEMS[3])["key_questions"] if q["standard_code"] == "2.6"]
    assert [stats["2.6"].percent] == gold_outcomes
    assert not stats["2.6"].drives_rating
    assert stats["2.1"].drives_rating  # court work: one question, rated


def test_a_shorter_text_of_a_stored_inspection_does_not_replace_it(seeded_db):
    from probe.store.connection import WouldLoseData

    full = gold_report(STEMS[4])
    cut = dataclasses.replace(full, source_sha256="cut", key_questions=full.key_questions[:3],
                              findings=full.findings[:10])  # fmt: skip
    db = open_db(seeded_db)
    with pytest.raises(WouldLoseData, match=r"less: 3 of 12 key questions, 10 of 75 findings"):
        import_report(db, cut)
    with Reader(seeded_db) as reader:
        (gwent,) = reader.find_reports("gwent")
        assert len(reader.report(gwent.id).findings) == 75
    assert import_report(db, cut, force=True) == "replaced"
    db.close()
    with Reader(seeded_db) as reader:
        assert len(reader.report(gwent.id).findings) == 10


OLD_DATABASE = Path(__file__).parent / "data" / "schema2.db"  # made by probe 0.1.0 (095028b)


def test_a_database_from_the_last_release_is_upgraded_in_place_with_nothing_lost(tmp_path):
    path = tmp_path / "probe.db"
    shutil.copy(OLD_DATABASE, path)
    with contextlib.closing(sqlite3.connect(OLD_DATABASE)) as old:
        before = {
            table: old.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
            for table in ("reports", "standards", "key_questions", "recommendations", "findings", "headings")
        }
    with pytest.raises(StoreError, match="made by an older probe"):
        Reader(path)
    with open_reader(path) as reader:
        summaries = reader.reports()
        assert [s.pdu_name for s in summaries] == [g["pdu_name_normalised"] for g in sorted(
            (load(stem) for stem in STEMS), key=lambda g: g["pdu_name_normalised"].casefold())]
        gwent = reader.report(reader.find_reports("gwent")[0].id)
        assert gwent.source_format == "text"
        assert len(gwent.findings) == 75 and gwent.findings[0].page is None
        assert reader.search("home visits").total == 5
    # Every value of every row is still there, in the columns it had.
    with contextlib.closing(sqlite3.connect(path)) as new:
        assert new.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        for table, rows in before.items():
            width = len(rows[0])
            assert [row[:width] for row in new.execute(f"SELECT * FROM {table} ORDER BY id")] == rows
    # ...and the database as it was is kept beside it.
    with contextlib.closing(sqlite3.connect(backup_path(path, 2))) as kept:
        assert kept.execute("PRAGMA user_version").fetchone()[0] == 2
        for table, rows in before.items():
            assert kept.execute(f"SELECT * FROM {table} ORDER BY id").fetchall() == rows


SCHEMA3_DATABASE = Path(__file__).parent / "data" / "schema3.db"  # made at d27d694: the five
# bundled texts, then Gwent's Word PDF (so its findings have pages)
TABLES = ("reports", "standards", "key_questions", "recommendations", "findings", "headings")


def test_a_schema_3_database_is_upgraded_keeping_pages_and_taking_anchors(tmp_path):
    path = tmp_path / "probe.db"
    shutil.copy(SCHEMA3_DATABASE, path)
    with contextlib.closing(sqlite3.connect(SCHEMA3_DATABASE)) as old:
        assert old.execute("PRAGMA user_version").fetchone()[0] == 3
        before = {table: old.execute(f"SELECT * FROM {table} ORDER BY id").fetchall() for table in TABLES}
    with open_reader(path) as reader:
        gwent = reader.report(reader.find_reports("gwent")[0].id)
        assert gwent.source_format == "pdf" and gwent.source_url is None
        assert all(f.page and f.anchor is None for f in gwent.findings)
        assert reader.search("home visits").total == 5
    with contextlib.closing(sqlite3.connect(path)) as new:
        assert new.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        for table, rows in before.items():
            width = len(rows[0])
            assert [row[:width] for row in new.execute(f"SELECT * FROM {table} ORDER BY id")] == rows
    with contextlib.closing(sqlite3.connect(backup_path(path, 3))) as kept:
        assert kept.execute("PRAGMA user_version").fetchone()[0] == 3
    # The upgraded file takes a web page's anchors like a new one.
    db = open_db(path)
    page = Path(__file__).parent / "fixtures" / "published" / "web-curl" / "newcastle-upon-tyne-pdu.html"
    assert import_report(db, read_report(page), force=True) == "replaced"
    db.close()
    with Reader(path) as reader:
        newcastle = reader.report(reader.find_reports("newcastle")[0].id)
        assert newcastle.source_url.endswith("/inspections/newcastle-upon-tyne-pdu/")
        assert newcastle.findings[0].anchor == "standard-1-1"


def database_shape(path: Path) -> dict:
    """What a database is made of, as a reader meets it: each table's columns (name, type, NOT
    NULL, default, primary key; in any order, as ALTER TABLE appends), and the SQL of every
    index, trigger and full-text table."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {
            "columns": {
                table: sorted(row[1:] for row in conn.execute(f"PRAGMA table_info([{table}])"))
                for table in tables
            },
            "sql": sorted(
                (kind, name, " ".join(sql.split()))
                for kind, name, sql in conn.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL")
                if kind != "table" or sql.startswith("CREATE VIRTUAL")
            ),
        }


@pytest.mark.parametrize("old", [OLD_DATABASE, SCHEMA3_DATABASE], ids=["schema2", "schema3"])
def test_an_upgraded_database_has_the_shape_of_a_new_one(tmp_path, old):
    new = tmp_path / "new.db"
    open_db(new).close()
    upgraded = tmp_path / "upgraded.db"
    shutil.copy(old, upgraded)
    open_reader(upgraded).close()
    assert database_shape(upgraded) == database_shape(new)
    columns = database_shape(new)["columns"]
    assert set(columns) >= {"reports", "standards", "key_questions", "recommendations", "findings", "headings"}
    assert ("pdu_name", "TEXT", 1, None, 0) in columns["reports"]
    assert ("anchor", "TEXT", 0, None, 0) in columns["findings"]


def test_a_database_from_an_unknown_older_probe_is_explained_and_kept(seeded_db):
    with contextlib.closing(sqlite3.connect(seeded_db)) as conn:
        conn.execute("PRAGMA user_version = 1")
    before = seeded_db.read_bytes()
    with pytest.raises(StoreError, match="made by an older probe"):
        Reader(seeded_db)
    with pytest.raises(StoreError, match="cannot be upgraded; move it aside and import") as raised:
        open_db(seeded_db)
    message = (
        f"{seeded_db}: made by an older probe (schema 1, this probe reads {SCHEMA_VERSION})"
        " and it cannot be upgraded; move it aside and import your reports again"
    )
    assert str(raised.value) == message
    with pytest.raises(StoreError) as raised:
        open_reader(seeded_db)  # what every read command meets: said once
    assert str(raised.value) == message
    assert seeded_db.read_bytes() == before


def test_an_upgrade_that_cannot_keep_its_copy_says_so_and_changes_nothing(tmp_path):
    path = tmp_path / "probe.db"
    shutil.copy(OLD_DATABASE, path)
    backup_path(path, 2).mkdir()  # where the copy goes is taken (a folder, even for root)
    with pytest.raises(StoreError) as raised:
        open_reader(path)
    assert str(raised.value) == (
        f"{path}: made by an older probe (schema 2, this probe reads {SCHEMA_VERSION}); upgrading it failed:"
        f" {path}: cannot keep a copy before upgrading it (unable to open database file)"
    )
    assert path.read_bytes() == OLD_DATABASE.read_bytes()
