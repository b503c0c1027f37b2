"""Read queries over a probe database: plain sqlite3, so the CLI's search path stays light.

The contract the CLI and the TUI code against: the dataclasses and `Reader` below. A Reader
never writes: it opens the file read-only (falling back to `immutable=1` when a read-only folder
keeps SQLite from creating its WAL files), so it works on shared boxes and read-only copies.
"""

from __future__ import annotations

import contextlib
import functools
import re
import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

# The model's dataclasses load only where a whole report is read: `probe search` skips them.
if TYPE_CHECKING:
    from probe.importers.model import Report
from probe.store.schema import SCHEMA_VERSION

KINDS = ("strength", "area_for_improvement", "finding", "recommendation")

HIGHLIGHT_START = "\x02"  # marks the start of a matched word in SearchHit.snippet
HIGHLIGHT_END = "\x03"  # ... and its end; report text never contains control characters


class StoreError(Exception):
    """The database cannot be used (not SQLite, corrupt, unknown schema version, unwritable)."""


class SearchInterrupted(StoreError):
    """A search stopped by Reader.interrupt(): its answer is no longer wanted."""


class QueryError(StoreError):
    """A search query SQLite rejects (only possible with raw=True). str() is one line."""


# Result rows are NamedTuples, not dataclasses: as light to read, and much cheaper to define,
# which `probe search` pays at every start.
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


class SearchHit(NamedTuple):
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
    page: int | None = None  # the PDF page it is printed on, when the report came from one


class SearchResult(NamedTuple):
    hits: list[SearchHit]  # best first, at most `limit`
    total: int  # number of matches in all, ignoring `limit`
    all_words: bool = False  # no text held the typed words as a phrase: these hold them anywhere
    partial: bool = False  # ranked and counted among the newest `window` matches only: total is
    # then a lower bound (see Reader.search)


class QuestionStats(NamedTuple):
    standard_code: str
    question: str
    percent: int
    band: str  # rating band of `percent`: 80+ Outstanding, 65-79 Good, 50-64 RI, <50 Inadequate
    drives_rating: bool  # the lowest percent of a rated standard (ties: all of them)
    median: float  # median percent for this question across every report that asks it
    rank: int  # 1 = best percent for this question across the database
    of: int  # how many reports ask this question


class RatingsMatrix(NamedTuple):
    columns: list[str]  # standard names in report order, 2021 and 2024 aligned by name
    rows: list[tuple[ReportSummary, dict[str, str | None]]]  # rating per column name



BUSY_TIMEOUT_S = 5.0  # wait this long for another process's lock before giving up
SQLITE_HEADER = b"SQLite format 3\x00"
SNIPPET_TOKENS = 16


def is_sqlite_file(path: Path) -> bool:
    """True for a SQLite file, and for an empty file (SQLite treats it as an empty database)."""
    with open(path, "rb") as file:
        header = file.read(len(SQLITE_HEADER))
    return header in (SQLITE_HEADER, b"")


def check_version(path: Path, version: int, *, has_tables: bool) -> None:
    """Raise StoreError unless `version` is the schema version this probe reads and writes."""
    if version == SCHEMA_VERSION:
        return
    if version == 0:
        what = "a SQLite database but not a probe database" if has_tables else "an empty database"
        raise StoreError(f"{path}: {what}")
    if version < SCHEMA_VERSION:
        raise StoreError(
            f"{path}: made by an older probe (schema {version}, this probe reads {SCHEMA_VERSION});"
            " move it aside and import your reports again, or use another --db"
        )
    raise StoreError(
        f"{path}: made by a newer probe (schema {version}, this probe reads {SCHEMA_VERSION});"
        " upgrade probe or use another --db"
    )


def band(percent: int) -> str:
    """The rating band of a key-question percent."""
    from probe.importers.model import RATINGS

    for threshold, rating in zip((80, 65, 50, 0), RATINGS):
        if percent >= threshold:
            return rating
    return RATINGS[-1]


_QUERY_PART = re.compile(r'"([^"]*)"?|([^"]+)')
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_INDEXED = re.compile(r"[^\W_]")  # a letter or digit: something the FTS tokenizer indexes


def plain_fts_query(text: str, *, as_phrase: bool = True) -> str:
    """Turn what a user typed into an FTS5 query that cannot be a syntax error.

    Words match as a phrase, in order and stemmed ("home visit" finds "home visits"); with
    as_phrase=False each word may stand anywhere in the text. Quotes split the query into
    phrases that must all match, anywhere ('"home visits" police'); a missing closing quote
    ends at the end of the text. Operators and punctuation are just words or separators here;
    parts with nothing to index (`*`, `()`) are dropped.
    """
    phrases = []
    for quoted, unquoted in _QUERY_PART.findall(_CONTROL.sub(" ", text)):
        words = (quoted or unquoted).split()
        parts = [" ".join(words)] if quoted or as_phrase else words
        phrases.extend(f'"{part}"' for part in parts if _INDEXED.search(part))
    return " ".join(phrases)


_SUMMARY_COLUMNS = (
    "id, pdu, pdu_name, region, framework, fieldwork_started, fieldwork_month, score_points, "
    "score_max, overall_rating, source_name"
)

# source -> (table, FTS index): the two things search looks in.
_SOURCES = {"finding": "findings", "recommendation": "recommendations"}


def _matches_sql(source: str, select: str, filters: dict, *, windowed: bool = False) -> str:
    """SELECT `select` for one source's matches, joining only the tables that the active
    filters need: on big databases every join costs time per match. `windowed` keeps only
    matches from rowid :cutoff on (the newest)."""
    table = _SOURCES[source]
    fts = f"{table}_fts"
    joins, where = [], [f"{fts} MATCH :match"]
    if windowed:
        where.append(f"{fts}.rowid >= :cutoff")
    by_report = filters["pdu"] is not None or filters["since"] is not None
    by_standard = filters["standard"] is not None or filters["rating"] is not None
    if by_report or filters["kind"] is not None or by_standard:
        joins.append(f"JOIN {table} t ON t.id = {fts}.rowid")
    if by_report:
        joins.append("JOIN reports r ON r.id = t.report_id")
    if filters["pdu"] is not None:
        where.append("instr(lower(r.pdu_name), lower(:pdu)) > 0")
    if filters["since"] is not None:
        where.append("r.fieldwork_month >= :since")
    if filters["kind"] is not None and source == "finding":
        where.append("t.kind = :kind")
    if by_standard:
        joins.append("JOIN standards s ON s.report_id = t.report_id AND s.code = t.section")
    if filters["standard"] is not None:
        where.append(
            "(s.code = :standard OR substr(lower(s.name), 1, length(:standard)) = lower(:standard))"
        )
    if filters["rating"] is not None:
        where.append("lower(s.rating) = lower(:rating)")
    return f"SELECT {select} FROM {fts} {' '.join(joins)} WHERE {' AND '.join(where)}"


def _searched_sources(filters: dict) -> list[str]:
    """Recommendations have no kind but their own and belong to no standard."""
    kind = filters["kind"]
    sources = [] if kind == "recommendation" else ["finding"]
    if kind in (None, "recommendation") and filters["standard"] is None and filters["rating"] is None:
        sources.append("recommendation")
    return sources


# Snippets only for the page of hits shown, not for every match.
_FINDING_HITS = """
SELECT f.id, f.report_id, r.pdu, r.fieldwork_started, f.section, f.section_heading, f.kind,
       f.text, snippet(findings_fts, 0, :start, :end, '…', :tokens), f.line, f.page
FROM findings_fts
JOIN findings f ON f.id = findings_fts.rowid
JOIN reports r ON r.id = f.report_id
WHERE findings_fts MATCH :match AND findings_fts.rowid IN (SELECT value FROM json_each(:ids))
"""

_RECOMMENDATION_HITS = """
SELECT c.id, c.report_id, r.pdu, r.fieldwork_started, 'Recommendations', c.addressee,
       'recommendation', c.text, snippet(recommendations_fts, 0, :start, :end, '…', :tokens),
       c.line, c.page
FROM recommendations_fts
JOIN recommendations c ON c.id = recommendations_fts.rowid
JOIN reports r ON r.id = c.report_id
WHERE recommendations_fts MATCH :match
  AND recommendations_fts.rowid IN (SELECT value FROM json_each(:ids))
"""


class Reader:
    """Read-only access. Opens read-only databases too (shared boxes); never writes.

    Every method raises StoreError (one-line message) when the database turns out unusable.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._conn = _connect_read_only(self.path)
        # One query at a time: the TUI searches from worker threads, and sqlite3 must not run
        # two statements on one connection at once. interrupt() stays outside the lock.
        self._lock = threading.RLock()

    def interrupt(self) -> None:
        """Stop a search running on this reader in another thread: it raises SearchInterrupted."""
        self._conn.interrupt()

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def _snapshot(method):
        """Run a public method in one read transaction, so it sees whole reports even while
        another process replaces them (WAL: readers keep their snapshot)."""

        @functools.wraps(method)
        def in_snapshot(self, *args, **kwargs):
            with self._lock:
                if self._conn.in_transaction:  # called from another method of this reader
                    return method(self, *args, **kwargs)
                try:
                    self._conn.execute("BEGIN")
                except sqlite3.DatabaseError as error:
                    raise StoreError(f"{self.path}: {error}") from None
                try:
                    return method(self, *args, **kwargs)
                finally:
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

        from probe.importers.model import (
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
            " chief_inspector, lead_inspector, cases_inspected, interviews, caseload, warnings,"
            " source_format FROM reports WHERE id = ?",
            [report_id],
        )
        if not rows:
            raise StoreError(f"{self.path}: no report with id {report_id}")
        source_name, source_sha256, text_zlib, *headline, warnings, source_format = rows[0]
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
                KeyQuestion, "standard_code, question, percent, page", "key_questions"
            ),
            recommendations=children(
                Recommendation,
                "number, addressee, addressee_type, text, line, page",
                "recommendations",
                order="number, id",
            ),
            findings=children(
                Finding, "section, section_heading, kind, text, line, page", "findings"
            ),
            headings=children(Heading, "title, line, level", "headings"),
            warnings=json.loads(warnings),
            source_format=source_format or "text",
        )

    @_snapshot
    def find_reports(self, name_part: str) -> list[ReportSummary]:
        """Reports whose PDU name contains `name_part`, case-insensitively."""
        rows = self._rows(
            f"SELECT {_SUMMARY_COLUMNS} FROM reports WHERE instr(lower(pdu_name), lower(?)) > 0 "
            "ORDER BY pdu_name COLLATE NOCASE, fieldwork_month, id",
            [name_part],
        )
        return [ReportSummary(*row) for row in rows]

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
        from statistics import median

        own = self._rows(
            "SELECT standard_code, question, percent FROM key_questions "
            "WHERE report_id = ? ORDER BY position",
            [report_id],
        )
        everyone: dict[str, list[int]] = {}
        for question, percent in self._rows(
            "SELECT question, percent FROM key_questions WHERE question IN "
            "(SELECT question FROM key_questions WHERE report_id = ?)",
            [report_id],
        ):
            everyone.setdefault(question, []).append(percent)
        rated = {code for (code,) in self._rows(
            "SELECT code FROM standards WHERE report_id = ? AND rating IS NOT NULL", [report_id]
        )}  # fmt: skip
        lowest: dict[str, int] = {}
        for code, _, percent in own:
            lowest[code] = min(percent, lowest.get(code, percent))
        return [
            QuestionStats(
                standard_code=code,
                question=question,
                percent=percent,
                band=band(percent),
                drives_rating=code in rated and percent == lowest[code],
                median=float(median(everyone[question])),
                rank=1 + sum(other > percent for other in everyone[question]),
                of=len(everyone[question]),
            )
            for code, question, percent in own
        ]

    @_snapshot
    def ratings_matrix(self) -> RatingsMatrix:
        """Every report's ratings, one column per rated standard name (2.6 Outcomes, never
        rated, has no column). Columns follow report order, merging 2021 and 2024 layouts."""
        ratings: dict[int, dict[str, str | None]] = {}
        layouts: list[list[str]] = []
        for report_id, name, rating in self._rows(
            "SELECT report_id, name, rating FROM standards ORDER BY report_id, position"
        ):
            ratings.setdefault(report_id, {})[name] = rating
        rated = {name for row in ratings.values() for name, value in row.items() if value}
        for row in ratings.values():
            layout = [name for name in row if name in rated]
            if layout not in layouts:
                layouts.append(layout)
        summaries = self.reports()
        return RatingsMatrix(
            columns=_merge_orders(layouts),
            rows=[(summary, ratings.get(summary.id, {})) for summary in summaries],
        )

    @_snapshot
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
        window: int | None = None,
    ) -> SearchResult:
        """Full-text search over findings and recommendations, best first (bm25).

        Ranking and counting cost time per match, so a common word over 10,000 reports takes a
        while: with `window`, only the newest `window` matches of each source are ranked and
        counted (`partial` then says so, and `total` is a lower bound). The TUI shows that
        quick answer first, then the full one.

        Plain queries never fail (see plain_fts_query): typed words match as a phrase, and
        when nothing holds the phrase, as words anywhere in one text (`all_words` is then
        True). raw=True passes FTS5 syntax through and raises QueryError when SQLite rejects
        it. Filters: pdu (part of the name, any case), standard (code such as "2.1", or the start of a name such as "Assessment", read
        from each report's own standards), kind (one of KINDS), rating (of the finding's
        standard in that report), since (fieldwork year or later). Standard and rating filters
        leave out recommendations, which belong to no standard.
        """
        if kind is not None and kind not in KINDS:
            raise QueryError(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
        filters = {
            "kind": kind, "pdu": pdu, "standard": standard, "rating": rating,
            "since": None if since is None else f"{since:04d}",
        }  # fmt: skip
        if raw:
            return self._search(query.strip(), filters, limit, window, raw=True)
        phrase = plain_fts_query(query)
        result = self._search(phrase, filters, limit, window)
        words = plain_fts_query(query, as_phrase=False)
        if result.total == 0 and words != phrase:
            scattered = self._search(words, filters, limit, window)
            if scattered.total:
                return scattered._replace(all_words=True)
        return result

    def _search(
        self, match: str, filters: dict, limit: int, window: int | None, raw: bool = False
    ) -> SearchResult:
        if not match:
            return SearchResult(hits=[], total=0)
        params = {"match": match, "limit": max(limit, 0), **filters}
        ranked, total, partial = [], 0, False
        try:
            for source in _searched_sources(filters):
                fts = f"{_SOURCES[source]}_fts"
                cutoff = window and self._window_cutoff(source, filters, params, window)
                partial = partial or bool(cutoff)
                rows = self._conn.execute(
                    _matches_sql(source, f"'{source}', {fts}.rowid, bm25({fts})", filters,
                                 windowed=bool(cutoff))
                    + " ORDER BY 3, 2 LIMIT :limit",
                    {**params, "cutoff": cutoff},
                ).fetchall()  # fmt: skip
                ranked.extend(rows)
                total += self._conn.execute(
                    _matches_sql(source, "count(*)", filters, windowed=bool(cutoff)),
                    {**params, "cutoff": cutoff},
                ).fetchone()[0]
            ranked = sorted(ranked, key=lambda row: (row[2], row[0], row[1]))[: max(limit, 0)]
            hits = self._hit_details(match, ranked)
        except sqlite3.OperationalError as error:
            if getattr(error, "sqlite_errorname", "") == "SQLITE_INTERRUPT":
                raise SearchInterrupted("search interrupted") from None
            if raw:
                raise QueryError(f"search syntax: {error}") from None
            raise StoreError(f"{self.path}: {error}") from None
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path}: {error}") from None
        return SearchResult(hits=hits, total=total, partial=partial)

    def _window_cutoff(self, source: str, filters: dict, params: dict, window: int) -> int | None:
        """The rowid of the `window`-th newest match, or None when there are no more than that."""
        fts = f"{_SOURCES[source]}_fts"
        row = self._conn.execute(
            _matches_sql(source, f"{fts}.rowid", filters)
            + f" ORDER BY {fts}.rowid DESC LIMIT 1 OFFSET :offset",
            {**params, "offset": window - 1},
        ).fetchone()
        return row[0] if row else None

    def _hit_details(self, match: str, ranked: list[tuple]) -> list[SearchHit]:
        details = {}
        for source, sql in (("finding", _FINDING_HITS), ("recommendation", _RECOMMENDATION_HITS)):
            ids = [row[1] for row in ranked if row[0] == source]
            if not ids:
                continue
            params = {"match": match, "ids": f"[{','.join(map(str, ids))}]", "start": HIGHLIGHT_START,
                      "end": HIGHLIGHT_END, "tokens": SNIPPET_TOKENS}  # fmt: skip
            for row in self._conn.execute(sql, params):
                details[source, row[0]] = row[1:]
        return [
            SearchHit(
                *details[source, hit_id][:8],
                line=details[source, hit_id][8],
                rank=rank,
                page=details[source, hit_id][9],
            )
            for source, hit_id, rank in ranked
        ]


def _merge_orders(layouts: list[list[str]]) -> list[str]:
    """One column order from several: each new name goes right after its predecessor."""
    columns: list[str] = []
    for layout in layouts:
        previous = None
        for name in layout:
            if name not in columns:
                columns.insert(columns.index(previous) + 1 if previous else len(columns), name)
            previous = name
    return columns


def _connect_read_only(path: Path) -> sqlite3.Connection:
    try:
        if not is_sqlite_file(path):
            raise StoreError(f"{path}: not a SQLite database")
    except FileNotFoundError:
        raise StoreError(f"{path}: no such database (`probe --db PATH import FILES` creates one)") from None
    except OSError as error:
        raise StoreError(f"{path}: cannot read it ({error.strerror})") from None
    uri = f"file:{uri_path(path)}?mode=ro"
    try:
        return _open_checked(path, uri)
    except sqlite3.OperationalError as error:
        if not getattr(error, "sqlite_errorname", "").startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY")):
            raise StoreError(f"{path}: {error}") from None
    # A WAL database in a folder we cannot write: SQLite cannot create its -shm file. Read
    # it as an immutable file instead (a write by its owner meanwhile would go unseen).
    try:
        return _open_checked(path, uri + "&immutable=1")
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path}: {error}") from None


def uri_path(path: Path) -> str:
    """The path part of a SQLite file: URI (urllib.parse.quote, without its import cost)."""
    return "".join(_URI_ESCAPES.get(char, char) for char in str(path.resolve()))


_URI_ESCAPES = {"%": "%25", "?": "%3f", "#": "%23"}


def _open_checked(path: Path, uri: str) -> sqlite3.Connection:
    conn = sqlite3.connect(
        uri, uri=True, timeout=BUSY_TIMEOUT_S, check_same_thread=False, isolation_level=None
    )
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
        check_version(path, version, has_tables=has_tables)
    except sqlite3.DatabaseError as error:
        conn.close()
        if isinstance(error, sqlite3.OperationalError):
            raise
        raise StoreError(f"{path}: {error}") from None
    except StoreError:
        conn.close()
        raise
    return conn
