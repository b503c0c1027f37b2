"""Read queries over a probe database: plain sqlite3, so the CLI's search path stays light.

CONTRACT DRAFT (owned by the store engineer, used by the CLI and the TUI): the signatures and
dataclasses below are what callers code against. Bodies are filled in by the store engineer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from probe.importers.model import Report

KINDS = ("strength", "area_for_improvement", "finding", "recommendation")

HIGHLIGHT_START = "\x02"  # marks the start of a matched word in SearchHit.snippet
HIGHLIGHT_END = "\x03"  # ... and its end; report text never contains control characters


class StoreError(Exception):
    """The database cannot be used (not SQLite, corrupt, unknown schema version, unwritable)."""


class QueryError(StoreError):
    """A search query SQLite rejects (only possible with raw=True). str() is one line."""


@dataclass(frozen=True)
class ReportSummary:
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


@dataclass(frozen=True)
class SearchHit:
    report_id: int
    pdu: str
    fieldwork_started: str | None
    section: str  # "2.3" or "Diversity and inclusion"; "Recommendations" for a recommendation
    section_heading: str
    kind: str  # one of KINDS
    text: str  # the whole finding / recommendation text
    snippet: str  # excerpt with matches between HIGHLIGHT_START and HIGHLIGHT_END
    line: int  # 1-based line of the finding in the report text
    rank: float  # bm25, lower is better


@dataclass(frozen=True)
class SearchResult:
    hits: list[SearchHit]  # best first, at most `limit`
    total: int  # number of matches in all, ignoring `limit`


@dataclass(frozen=True)
class QuestionStats:
    standard_code: str
    question: str
    percent: int
    band: str  # rating band of `percent`: 80+ Outstanding, 65-79 Good, 50-64 RI, <50 Inadequate
    drives_rating: bool  # the lowest percent of its standard (ties: all of them)
    median: float  # median percent for this question across every report that asks it
    rank: int  # 1 = best percent for this question across the database
    of: int  # how many reports ask this question


@dataclass(frozen=True)
class RatingsMatrix:
    columns: list[str]  # standard names in report order, 2021 and 2024 aligned by name
    rows: list[tuple[ReportSummary, dict[str, str | None]]]  # rating per column name


class Reader:
    """Read-only access. Opens read-only databases too (shared boxes); never writes."""

    def __init__(self, path: Path) -> None: ...

    def close(self) -> None: ...

    def reports(self) -> list[ReportSummary]:
        """Every report, ordered by PDU name then fieldwork month."""
        raise NotImplementedError

    def report(self, report_id: int) -> Report:
        """The full model of one report (text, headings, warnings included)."""
        raise NotImplementedError

    def find_reports(self, name_part: str) -> list[ReportSummary]:
        """Reports whose PDU name contains `name_part`, case-insensitively."""
        raise NotImplementedError

    def key_question_stats(self, report_id: int) -> list[QuestionStats]:
        raise NotImplementedError

    def ratings_matrix(self) -> RatingsMatrix:
        raise NotImplementedError

    def search(
        self,
        query: str,
        *,
        raw: bool = False,
        pdu: str | None = None,
        standard: str | None = None,
        kind: str | None = None,
        rating: str | None = None,
        since: int | None = None,
        limit: int = 20,
    ) -> SearchResult:
        """Full-text search over findings and recommendations, best first (bm25)."""
        raise NotImplementedError
