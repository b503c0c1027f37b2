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

# One row per (source, report): how many matches of each kind it holds.
_MATCHES_BY_REPORT = """
SELECT t.report_id, r.pdu_name, r.overall_rating, r.framework, {kind}, count(*)
FROM {table}_fts JOIN {table} t ON t.id = {table}_fts.rowid JOIN reports r ON r.id = t.report_id
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


def theme_counts(conn: sqlite3.Connection, path: Path, query: str) -> ThemeCounts:
    rows = []
    try:
        for table, kind in (("findings", "t.kind"), ("recommendations", "'recommendation'")):
            rows += conn.execute(_MATCHES_BY_REPORT.format(table=table, kind=kind), {"match": query}).fetchall()
    except sqlite3.OperationalError as error:
        raise QueryError(f"theme query {query!r}: {error}") from None
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path}: {error}") from None
    by_kind: dict[str, int] = {}
    reports: dict[int, tuple] = {}
    for report_id, pdu_name, rating, framework, kind, count in rows:
        by_kind[kind] = by_kind.get(kind, 0) + count
        reports[report_id] = (normalise_pdu(pdu_name), rating, framework)
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
