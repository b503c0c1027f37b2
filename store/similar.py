"""Findings like a given one, in other reports: BM25 (FTS5) over its most distinctive words.

No model and nothing to download: the words of the finding that fewest other findings share
(leaving out words every inspection uses) make an OR query, and FTS5's bm25 ranks the findings
that hold them, rare words weighing most.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import NamedTuple

from probe.store.connection import StoreError
from probe.store.search import SearchHit, hit_details

DISTINCTIVE_TERMS = 8  # enough to catch the subject, few enough to stay on it
_WORD = re.compile(r"[^\W\d_]{4,}")  # words of 4+ letters: shorter ones say little
# Words most findings use: they would match nearly everything.
COMMON_WORDS = frozenset("""
about above after again against also although among because been before being below between
both could does doing down during each from further had has have having here into itself just
more most much must only other over same should since some such than that their them then there
these they this those through under until very were what when where which while whom will with
within would your year years people person probation pdus staff cases case practitioners
practitioner work service services
""".split())


class Similar(NamedTuple):
    terms: list[str]  # the distinctive words searched for
    hits: list[SearchHit]  # best first


def finding_at(conn: sqlite3.Connection, report_id: int, line: int) -> tuple[int, str] | None:
    """(id, text) of the finding of a report that starts at `line`."""
    return conn.execute(
        "SELECT id, text FROM findings WHERE report_id = ? AND line = ? ORDER BY position LIMIT 1",
        [report_id, line],
    ).fetchone()


def similar_findings(
    conn: sqlite3.Connection, path: Path, text: str, *, exclude_report: int | None = None, limit: int = 10
) -> Similar:
    """The findings most like `text`, leaving out those of report `exclude_report` (the finding's own)."""
    try:
        terms = distinctive_terms(conn, text, already_indexed=exclude_report is not None)
        if not terms:
            return Similar([], [])
        match = " OR ".join(f'"{term}"' for term in terms)
        ranked = conn.execute(
            "SELECT 'finding', f.id, bm25(findings_fts) FROM findings_fts JOIN findings f ON f.id = findings_fts.rowid"
            " WHERE findings_fts MATCH ? AND f.report_id IS NOT ? ORDER BY 3, 2 LIMIT ?",
            [match, exclude_report, limit],
        ).fetchall()
        return Similar(terms, hit_details(conn, match, ranked))
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path}: {error}") from None


def distinctive_terms(conn: sqlite3.Connection, text: str, *, already_indexed: bool) -> list[str]:
    """The words of `text` fewest findings hold, leaving out words no other finding holds
    (a finding already in the index holds its own words once)."""
    words = {word for word in _WORD.findall(text.casefold()) if word not in COMMON_WORDS}
    floor = 2 if already_indexed else 1
    counts = {word: holders(conn, word) for word in words}
    shared = sorted((word for word in words if counts[word] >= floor), key=lambda word: (counts[word], word))
    return shared[:DISTINCTIVE_TERMS]


def holders(conn: sqlite3.Connection, word: str) -> int:
    """How many findings hold `word` (stemmed, as the index does)."""
    return conn.execute("SELECT count(*) FROM findings_fts WHERE findings_fts MATCH ?", [f'"{word}"']).fetchone()[0]
