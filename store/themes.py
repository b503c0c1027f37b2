"""How often each theme (a saved FTS5 search, see probe/themes.toml) comes up: matches by kind,
the reports and PDUs they are in, by overall rating and by framework.

A theme counts exactly what `probe search --raw QUERY` finds: the same FTS5 indexes, findings
and recommendations both.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import NamedTuple

from probe.store.connection import StoreError
from probe.store.history import normalise_pdu
from probe.store.search import QueryError

# One row per (report, kind): how many matches it holds. The reports' own facts are read once
# for every theme (joining them here costs time per match).
_MATCHES_BY_REPORT = """
SELECT t.report_id, {kind}, count(*)
FROM {table}_fts JOIN {table} t ON t.id = {table}_fts.rowid
WHERE {table}_fts MATCH :match
GROUP BY t.report_id, {kind}
"""


class ThemeCounts(NamedTuple):
    total: int  # matches, as `probe search --raw` counts them
    by_kind: dict[str, int]  # strength / area_for_improvement / finding / recommendation -> matches
    pdus: int  # PDUs with a match (one PDU may have several reports)
    reports: int  # reports with a match
    by_rating: dict[str, int]  # overall rating -> reports with a match
    by_framework: dict[str, int]  # "2021" / "2024" -> reports with a match


def theme_counts(conn: sqlite3.Connection, path: Path, queries: list[str]) -> list[ThemeCounts]:
    """The counts of each FTS5 query, in order."""
    try:
        facts = {
            report_id: (normalise_pdu(pdu_name), rating, framework)
            for report_id, pdu_name, rating, framework in conn.execute(
                "SELECT id, pdu_name, overall_rating, framework FROM reports"
            )
        }
        return [counts(matches_by_report(conn, query), facts) for query in queries]
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path}: {error}") from None


def matches_by_report(conn: sqlite3.Connection, query: str) -> list[tuple[int, str, int]]:
    rows = []
    try:
        for table, kind in (("findings", "t.kind"), ("recommendations", "'recommendation'")):
            rows += conn.execute(_MATCHES_BY_REPORT.format(table=table, kind=kind), {"match": query}).fetchall()
    except sqlite3.OperationalError as error:
        raise QueryError(f"theme query {query!r}: {error}") from None
    return rows


def counts(rows: list[tuple[int, str, int]], facts: dict[int, tuple]) -> ThemeCounts:
    by_kind: dict[str, int] = {}
    reports: dict[int, tuple] = {}
    for report_id, kind, count in rows:
        by_kind[kind] = by_kind.get(kind, 0) + count
        reports[report_id] = facts[report_id]
    return ThemeCounts(
        total=sum(by_kind.values()),
        by_kind=by_kind,
        pdus=len({pdu for pdu, _, _ in reports.values()}),
        reports=len(reports),
        by_rating=tally(rating or "unrated" for _, rating, _ in reports.values()),
        by_framework=tally(framework for _, _, framework in reports.values()),
    )


def tally(values) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts
