"""Read queries over a probe database: plain sqlite3, so the CLI's search path stays light.

The contract the CLI and the TUI code against: `Reader` and the rows it returns. A Reader never
writes: it opens the file read-only (store.connection), so it works on shared boxes and read-only
copies, and runs each public method in one read transaction (one snapshot).
"""

from __future__ import annotations

import contextlib
import functools
import sqlite3
import os
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from probe.store import analysis, search
from probe.store.connection import StoreError, connect_read_only

# The model's dataclasses load only where a whole report is read: `probe search` skips them.
if TYPE_CHECKING:
    from probe.domain.model import Report
    from probe.store.analysis import QuestionStats, RatingsMatrix
    from probe.store.search import SearchResult
    from probe.store.similar import Similar
    from probe.store.themes import ThemeCounts


class ReportSummary(NamedTuple):
    id: int
    pdu: str  # "Gwent PDU"
    pdu_name: str  # "Gwent"
    region: str | None
    framework: str  # "2021" | "2024"
    fieldwork_started: str | None  # "September 2025"
    fieldwork_month: str | None  # "2025-09": sortable form of fieldwork_started
    score_points: int | None
    score_max: int | None
    overall_rating: str | None
    source_name: str


_SUMMARY_COLUMNS = (
    "id, pdu, pdu_name, region, framework, fieldwork_started, fieldwork_month, score_points, "
    "score_max, overall_rating, source_name"
)

READ_BUDGET_S = 20.0  # no read of a sound probe database comes near this; PROBE_QUERY_SECONDS
PROGRESS_STEPS = 10_000  # SQLite virtual-machine steps between two looks at the clock


def read_budget_s() -> float:
    """How long one read may run before it is stopped (searches have their own, shorter one)."""
    try:
        return float(os.environ.get("PROBE_QUERY_SECONDS", READ_BUDGET_S))
    except ValueError:
        return READ_BUDGET_S


class Reader:
    """Read-only access. Opens read-only databases too (shared boxes); never writes.

    Every method raises StoreError (one-line message) when the database turns out unusable.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._conn = connect_read_only(self.path)
        # One query at a time: the TUI searches from worker threads, and sqlite3 must not run
        # two statements on one connection at once. interrupt() stays outside the lock.
        self._lock = threading.RLock()
        self._interrupted = False  # set by interrupt(), read by the running search

    def interrupt(self) -> None:
        """Stop a search running on this reader in another thread: it raises SearchInterrupted.
        The flag catches it between two statements too, where SQLite's interrupt is lost."""
        self._interrupted = True
        self._conn.interrupt()

    def close(self) -> None:
        """Close, after a query running in another thread ends (interrupt() it first): closing
        the connection under a running query crashes the process."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def _snapshot(method):
        """Run a public method in one read transaction, so it sees whole reports even while
        another process replaces them (the read lock keeps writers' commits out until it ends)."""

        @functools.wraps(method)
        def in_snapshot(self, *args, **kwargs):
            with self._lock:
                if self._conn.in_transaction:  # called from another method of this reader
                    return method(self, *args, **kwargs)
                try:
                    self._conn.execute("BEGIN")
                except sqlite3.DatabaseError as error:
                    raise StoreError(f"{self.path}: {error}") from None
                deadline = time.monotonic() + read_budget_s()
                self._conn.set_progress_handler(lambda: time.monotonic() > deadline, PROGRESS_STEPS)
                try:
                    return method(self, *args, **kwargs)
                except StoreError as error:
                    if time.monotonic() > deadline and "interrupted" in str(error):
                        raise StoreError(
                            f"{self.path}: a read ran over {read_budget_s():g} s and was stopped; a"
                            " database changed outside probe can do this: import into a new one"
                        ) from None
                    raise
                finally:
                    self._conn.set_progress_handler(None, PROGRESS_STEPS)
                    with contextlib.suppress(sqlite3.Error):  # nothing to keep: it only read
                        self._conn.execute("ROLLBACK")

        return in_snapshot

    def _rows(self, sql: str, params=()) -> list[tuple]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path}: {error}") from None

    @_snapshot
    def reports(self) -> list[ReportSummary]:
        """Every report, ordered by PDU name then fieldwork month."""
        rows = self._rows(
            f"SELECT {_SUMMARY_COLUMNS} FROM reports "
            "ORDER BY pdu_name COLLATE NOCASE, fieldwork_month, id"
        )
        return [ReportSummary(*row) for row in rows]

    @_snapshot
    def report(self, report_id: int) -> Report:
        """The full model of one report (text, headings, warnings included)."""
        import json
        import zlib

        from probe.domain.model import (
            Finding,
            Heading,
            KeyQuestion,
            Recommendation,
            Report,
            Standard,
        )

        rows = self._rows(
            "SELECT source_name, source_sha256, text_zlib, format, framework, pdu, region, published,"
            " fieldwork_started, fieldwork_start_date, score_points, score_max, overall_rating,"
            " chief_inspector, lead_inspector, cases_inspected, interviews, caseload,"
            " source_format, source_url, warnings"
            " FROM reports WHERE id = ?",
            [report_id],
        )
        if not rows:
            raise StoreError(f"{self.path}: no report with id {report_id}")
        source_name, source_sha256, text_zlib, *headline, source_format, source_url, warnings = rows[0]
        text = zlib.decompress(text_zlib).decode("utf-8")

        def children(item_type, columns: str, table: str, order: str = "position"):
            sql = f"SELECT {columns} FROM {table} WHERE report_id = ? ORDER BY {order}"
            return [item_type(*row) for row in self._rows(sql, [report_id])]

        return Report(
            source_name,
            source_sha256,
            text,
            *headline,
            standards=children(Standard, "code, name, domain, domain_name, rating", "standards"),
            key_questions=children(
                KeyQuestion, "standard_code, question, percent, page, anchor", "key_questions"
            ),
            recommendations=children(
                Recommendation,
                "number, addressee, addressee_type, text, line, page, anchor",
                "recommendations",
                order="number, id",
            ),
            findings=children(
                Finding, "section, section_heading, kind, text, line, page, anchor", "findings"
            ),
            headings=children(Heading, "title, line, level", "headings"),
            source_format=source_format,
            source_url=source_url,
            warnings=json.loads(warnings),
        )

    @_snapshot
    def find_reports(self, name_part: str) -> list[ReportSummary]:
        """Reports whose PDU name contains `name_part`, compared as PDU names are everywhere
        (store.history.normalise_pdu): case, "&" for "and", punctuation and a "PDU" suffix
        do not count."""
        from probe.store.history import normalise_pdu

        wanted = normalise_pdu(name_part)
        rows = self._rows(
            f"SELECT {_SUMMARY_COLUMNS} FROM reports ORDER BY pdu_name COLLATE NOCASE, fieldwork_month, id"
        )
        return [summary for summary in map(ReportSummary._make, rows) if wanted in normalise_pdu(summary.pdu_name)]

    @_snapshot
    def standards(self) -> list[tuple[str, str]]:
        """Every (code, name) pair of standard in the database, by code."""
        return [
            (code, name)
            for code, name in self._rows(
                "SELECT DISTINCT code, name FROM standards ORDER BY code, name"
            )
        ]

    @_snapshot
    def key_question_stats(self, report_id: int) -> list[QuestionStats]:
        """Each key question of one report, with its band and how it compares across reports."""
        return analysis.key_question_stats(self._rows, report_id)

    @_snapshot
    def ratings_matrix(self) -> RatingsMatrix:
        """Every report's ratings, one column per rated standard name (2.6 Outcomes, never
        rated, has no column). Columns follow report order, merging 2021 and 2024 layouts."""
        return analysis.ratings_matrix(self._rows, self.reports())

    @_snapshot
    def theme_counts(self, queries: list[str]) -> list[ThemeCounts]:
        """How often each theme's FTS5 query matches: see store.themes.theme_counts."""
        from probe.store.themes import theme_counts

        return theme_counts(self._conn, self.path, queries)

    @_snapshot
    def similar_to_finding(self, report_id: int, line: int, limit: int = 10) -> tuple[str, Similar] | None:
        """The finding of a report at `line` (its text), and the findings of other reports most
        like it (store.similar); None when no finding starts at that line."""
        from probe.store import similar

        found = similar.finding_at(self._conn, report_id, line)
        if found is None:
            return None
        return found[1], similar.similar_findings(self._conn, self.path, found[1], exclude_report=report_id, limit=limit)

    @_snapshot
    def similar_to_text(self, text: str, limit: int = 10) -> Similar:
        """The findings most like some text (store.similar)."""
        from probe.store.similar import similar_findings

        return similar_findings(self._conn, self.path, text, limit=limit)

    @_snapshot
    def search(self, query: str, cancelled=None, **options) -> SearchResult:
        """Full-text search over findings and recommendations: see store.search.search. It
        stops at interrupt(), or once `cancelled()` is true."""
        self._interrupted = False  # we hold the lock: an interrupt() from now on is for this one

        def stop() -> bool:
            return self._interrupted or (cancelled is not None and cancelled())

        return search.search(self._conn, self.path, query, cancelled=stop, **options)
