"""The probe database: one SQLite file, six tables, two full-text indexes.

Every child row points at `reports.id`; `position` keeps report order. Bump SCHEMA_VERSION (stored
in `PRAGMA user_version`) whenever a table changes: readers refuse versions they do not know.
"""

from __future__ import annotations

import functools

SCHEMA_VERSION = 4  # 2: text_zlib; 3: source_format, and the PDF page of each finding,
# key question and recommendation; 4: a web page's address and the section anchor of each
# (store.migrations upgrades older files in place)

REPORT_FK = [("report_id", "reports", "id")]


def create_schema(db) -> None:
    """Create every table, index and FTS index on an empty sqlite_utils.Database."""
    # One row per inspection: headline facts, where the text came from, and the text itself.
    # warnings is a JSON list of strings; fieldwork_month is "YYYY-MM" so it sorts; text_zlib
    # is the whole text, zlib-compressed (a third of its size: it is only read whole).
    db["reports"].create(
        {
            "id": int, "inspection_key": str, "pdu": str, "pdu_name": str, "region": str,
            "framework": str, "format": str, "published": str, "fieldwork_started": str,
            "fieldwork_month": str, "fieldwork_start_date": str, "score_points": int,
            "score_max": int, "overall_rating": str, "chief_inspector": str,
            "lead_inspector": str, "cases_inspected": int, "interviews": int, "caseload": int,
            "source_name": str, "source_format": str, "source_url": str, "source_sha256": str, "text_zlib": bytes, "warnings": str,
            "imported_at": str,
        },
        pk="id",
        not_null={"inspection_key", "pdu", "pdu_name", "framework", "format", "source_name",
                  "source_sha256", "text_zlib", "warnings", "imported_at"},
    )  # fmt: skip
    db["reports"].create_index(["inspection_key"], unique=True)
    db["reports"].create_index(["pdu_name", "fieldwork_month"])

    # The rated standards (and the unrated 2021 "2.6 Outcomes", rating NULL) of each report.
    db["standards"].create(
        {"id": int, "report_id": int, "position": int, "code": str, "name": str,
         "domain": int, "domain_name": str, "rating": str},
        pk="id", foreign_keys=REPORT_FK,
        not_null={"report_id", "position", "code", "name", "domain", "domain_name"},
    )  # fmt: skip
    db["standards"].create_index(["report_id", "code"], unique=True)

    # The key-question rows of each report's percentage tables.
    db["key_questions"].create(
        {"id": int, "report_id": int, "position": int, "standard_code": str, "question": str,
         "percent": int, "page": int, "anchor": str},
        pk="id", foreign_keys=REPORT_FK,
        not_null={"report_id", "position", "standard_code", "question", "percent"},
    )  # fmt: skip
    db["key_questions"].create_index(["report_id", "position"], unique=True)
    db["key_questions"].create_index(["question"])

    # page: the PDF page a row is printed on (NULL for text and web pages); anchor: the id of the
    # web page section it sits under (NULL for text and PDFs).
    # Numbered recommendations; addressee_type is "pdu", "region" or "hmpps".
    db["recommendations"].create(
        {"id": int, "report_id": int, "number": int, "addressee": str, "addressee_type": str,
         "text": str, "line": int, "page": int, "anchor": str},
        pk="id", foreign_keys=REPORT_FK,
        not_null={"report_id", "number", "addressee", "addressee_type", "text", "line"},
    )  # fmt: skip
    db["recommendations"].create_index(["report_id", "number"])

    # Finding bullets in report order; section is a standard code or an unnumbered heading.
    db["findings"].create(
        {"id": int, "report_id": int, "position": int, "section": str, "section_heading": str,
         "kind": str, "text": str, "line": int, "page": int, "anchor": str},
        pk="id", foreign_keys=REPORT_FK,
        not_null={"report_id", "position", "section", "section_heading", "kind", "text", "line"},
    )  # fmt: skip
    db["findings"].create_index(["report_id", "position"], unique=True)

    # Section headings, for navigating the full text.
    db["headings"].create(
        {"id": int, "report_id": int, "position": int, "title": str, "line": int, "level": int},
        pk="id", foreign_keys=REPORT_FK,
        not_null={"report_id", "position", "title", "line", "level"},
    )  # fmt: skip
    db["headings"].create_index(["report_id", "position"], unique=True)

    # findings_fts and recommendations_fts: Porter-stemmed, kept in sync by triggers, and the
    # same indexes `sqlite-utils search` and Datasette use.
    for table in ("findings", "recommendations"):
        db[table].enable_fts(["text"], tokenize="porter", create_triggers=True)

    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


@functools.cache
def schema_objects() -> frozenset[tuple[str, str]]:
    """(type, name) of every table, index, trigger and FTS table create_schema makes: what a
    database must hold, whole, before probe writes to it. Versions 2 to 4 hold the same."""
    import sqlite_utils

    db = sqlite_utils.Database(memory=True)
    create_schema(db)
    objects = frozenset(db.execute("SELECT type, name FROM sqlite_master").fetchall())
    db.close()
    return objects
