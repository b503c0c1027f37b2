"""Full-text search: what a user typed -> an FTS5 query, and the ranked, filtered hits.

Plain queries are quoted FTS5 phrases and can never be a syntax error; raw queries pass FTS5
syntax through. Functions take an open connection; Reader (store.read) runs them in a snapshot.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from probe.domain.kinds import KINDS
from probe.domain.text import CONTROL
from probe.store.connection import StoreError

HIGHLIGHT_START = "\x02"  # marks the start of a matched word in SearchHit.snippet
HIGHLIGHT_END = "\x03"  # ... and its end; report text never contains control characters
SNIPPET_TOKENS = 16

# Bounds on one search, so no query can hold a shared box's CPU or memory for long: a common
# prefix* makes SQLite merge the match lists of every word it starts, a long phrase walks
# every match of each of its words.
SEARCH_BUDGET_S = 2.5  # a search still running after this long is stopped
MAX_QUERY_CHARS = 300
MAX_TERMS = 24  # words (and numbers) in one query
MAX_PREFIX_TERMS = 6  # pre* terms in one --raw query
PROGRESS_STEPS = 2_000  # SQLite virtual-machine steps between two looks at the clock
NARROW_IT = "use fewer or longer words and fewer pre* terms, or filter by PDU, year or kind"


class SearchInterrupted(StoreError):
    """A search stopped by Reader.interrupt(): its answer is no longer wanted."""


class QueryError(StoreError):
    """A search query SQLite rejects (only possible with raw=True). str() is one line."""


class SearchTooBig(QueryError):
    """A query over the size limits, or a search stopped after SEARCH_BUDGET_S."""


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
    anchor: str | None = None  # the id of its web page section, when the report came from one
    url: str | None = None  # that web page's address, when the page gave it


class SearchResult(NamedTuple):
    hits: list[SearchHit]  # best first, at most `limit`
    total: int  # number of matches in all, ignoring `limit`
    all_words: bool = False  # no text held the typed words as a phrase: these hold them anywhere
    partial: bool = False  # ranked and counted among the newest `window` matches only: total is
    # then a lower bound (see search)


_QUERY_PART = re.compile(r'"([^"]*)"?|([^"]+)')
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
    for quoted, unquoted in _QUERY_PART.findall(CONTROL.sub(" ", text)):
        words = (quoted or unquoted).split()
        parts = [" ".join(words)] if quoted or as_phrase else words
        phrases.extend(f'"{part}"' for part in parts if _INDEXED.search(part))
    return " ".join(phrases)


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
        where.append("instr(pdu_words(r.pdu_name), :pdu) > 0")
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
       f.text, snippet(findings_fts, 0, :start, :end, '…', :tokens), f.line,
       f.page, f.anchor, r.source_url
FROM findings_fts
JOIN findings f ON f.id = findings_fts.rowid
JOIN reports r ON r.id = f.report_id
WHERE findings_fts MATCH :match AND findings_fts.rowid IN (SELECT value FROM json_each(:ids))
"""

_RECOMMENDATION_HITS = """
SELECT c.id, c.report_id, r.pdu, r.fieldwork_started, 'Recommendations', c.addressee,
       'recommendation', c.text, snippet(recommendations_fts, 0, :start, :end, '…', :tokens),
       c.line, c.page, c.anchor, r.source_url
FROM recommendations_fts
JOIN recommendations c ON c.id = recommendations_fts.rowid
JOIN reports r ON r.id = c.report_id
WHERE recommendations_fts MATCH :match
  AND recommendations_fts.rowid IN (SELECT value FROM json_each(:ids))
"""



def search(
    conn: sqlite3.Connection,
    path: Path,
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
    cancelled: Callable[[], bool] | None = None,
) -> SearchResult:
    """Full-text search over findings and recommendations, best first (bm25).

    Ranking and counting cost time per match, so a common word over 10,000 reports takes a
    while: with `window`, only the newest `window` matches of each source are ranked and
    counted (`partial` then says so, and `total` is a lower bound). The TUI shows that
    quick answer first, then the full one.

    Plain queries never fail (see plain_fts_query): typed words match as a phrase, and
    when nothing holds the phrase, as words anywhere in one text (`all_words` is then
    True). raw=True passes FTS5 syntax through and raises QueryError when SQLite rejects
    it. Filters: pdu (part of the name, compared as store.history.normalise_pdu does), standard (code such as "2.1", or the start of a name such as "Assessment", read
    from each report's own standards), kind (one of KINDS), rating (of the finding's
    standard in that report), since (fieldwork year or later). Standard and rating filters
    leave out recommendations, which belong to no standard.
    """
    if kind is not None and kind not in KINDS:
        raise QueryError(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
    if pdu is not None:
        # PDU names compare as everywhere else: "&" for "and", case and punctuation aside.
        from probe.store.history import normalise_pdu

        conn.create_function("pdu_words", 1, normalise_pdu, deterministic=True)
        pdu = normalise_pdu(pdu)
    filters = {
        "kind": kind, "pdu": pdu, "standard": standard, "rating": rating,
        "since": None if since is None else f"{since:04d}",
    }  # fmt: skip
    check_query_size(query, raw=raw)
    with _time_budget(conn, cancelled or (lambda: False)) as expired:
        try:
            if raw:
                return _search(conn, path, query.strip(), filters, limit, window, raw=True)
            phrase = plain_fts_query(query)
            result = _search(conn, path, phrase, filters, limit, window)
            words = plain_fts_query(query, as_phrase=False)
            if result.total == 0 and words != phrase:
                scattered = _search(conn, path, words, filters, limit, window)
                if scattered.total:
                    return scattered._replace(all_words=True)
            return result
        except SearchInterrupted:
            if expired():
                raise SearchTooBig(
                    f"search stopped after {SEARCH_BUDGET_S:g} s: to narrow it, {NARROW_IT}"
                ) from None
            raise


_TERM = re.compile(r"[^\W_]+\*?")
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})


def check_query_size(query: str, *, raw: bool = False) -> None:
    """Raise SearchTooBig for a query longer, or with more terms, than a search may take on."""
    if len(query) > MAX_QUERY_CHARS:
        raise SearchTooBig(
            f"query too long ({len(query)} characters, at most {MAX_QUERY_CHARS}): {NARROW_IT}"
        )
    terms = [term for term in _TERM.findall(query) if not (raw and term in _OPERATORS)]
    if len(terms) > MAX_TERMS:
        raise SearchTooBig(f"too many words ({len(terms)}, at most {MAX_TERMS}): {NARROW_IT}")
    prefixes = sum(term.endswith("*") for term in terms) if raw else 0
    if prefixes > MAX_PREFIX_TERMS:
        raise SearchTooBig(
            f"too many pre* terms ({prefixes}, at most {MAX_PREFIX_TERMS}): {NARROW_IT}"
        )


@contextmanager
def _time_budget(conn: sqlite3.Connection, cancelled: Callable[[], bool]) -> Iterator:
    """Stop the connection's queries (SQLITE_INTERRUPT) once SEARCH_BUDGET_S has passed or
    `cancelled()` is true; yields a function saying whether the time ran out."""
    deadline = time.monotonic() + SEARCH_BUDGET_S
    expired = False

    def should_stop() -> bool:
        nonlocal expired
        expired = time.monotonic() > deadline
        return expired or cancelled()

    conn.set_progress_handler(should_stop, PROGRESS_STEPS)
    try:
        yield lambda: expired
    finally:
        conn.set_progress_handler(None, PROGRESS_STEPS)


def _search(
    conn: sqlite3.Connection, path: Path, match: str, filters: dict, limit: int, window: int | None, raw: bool = False
) -> SearchResult:
    if not match:
        return SearchResult(hits=[], total=0)
    params = {"match": match, "limit": max(limit, 0), **filters}
    ranked, total, partial = [], 0, False
    try:
        for source in _searched_sources(filters):
            fts = f"{_SOURCES[source]}_fts"
            cutoff = window and _window_cutoff(conn, source, filters, params, window)
            partial = partial or bool(cutoff)
            rows = conn.execute(
                _matches_sql(source, f"'{source}', {fts}.rowid, bm25({fts})", filters,
                             windowed=bool(cutoff))
                + " ORDER BY 3, 2 LIMIT :limit",
                {**params, "cutoff": cutoff},
            ).fetchall()  # fmt: skip
            ranked.extend(rows)
            total += conn.execute(
                _matches_sql(source, "count(*)", filters, windowed=bool(cutoff)),
                {**params, "cutoff": cutoff},
            ).fetchone()[0]
        ranked = sorted(ranked, key=lambda row: (row[2], row[0], row[1]))[: max(limit, 0)]
        hits = hit_details(conn, match, ranked)
    except sqlite3.OperationalError as error:
        if getattr(error, "sqlite_errorname", "") == "SQLITE_INTERRUPT":
            raise SearchInterrupted("search interrupted") from None
        if raw:
            raise QueryError(f"search syntax: {error}") from None
        raise StoreError(f"{path}: {error}") from None
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path}: {error}") from None
    return SearchResult(hits=hits, total=total, partial=partial)

def _window_cutoff(conn: sqlite3.Connection, source: str, filters: dict, params: dict, window: int) -> int | None:
    """The rowid of the `window`-th newest match, or None when there are no more than that."""
    fts = f"{_SOURCES[source]}_fts"
    row = conn.execute(
        _matches_sql(source, f"{fts}.rowid", filters)
        + f" ORDER BY {fts}.rowid DESC LIMIT 1 OFFSET :offset",
        {**params, "offset": window - 1},
    ).fetchone()
    return row[0] if row else None

def hit_details(conn: sqlite3.Connection, match: str, ranked: list[tuple]) -> list[SearchHit]:
    details = {}
    for source, sql in (("finding", _FINDING_HITS), ("recommendation", _RECOMMENDATION_HITS)):
        ids = [row[1] for row in ranked if row[0] == source]
        if not ids:
            continue
        params = {"match": match, "ids": f"[{','.join(map(str, ids))}]", "start": HIGHLIGHT_START,
                  "end": HIGHLIGHT_END, "tokens": SNIPPET_TOKENS}  # fmt: skip
        for row in conn.execute(sql, params):
            details[source, row[0]] = row[1:]
    return [
        SearchHit(*details[source, hit_id][:8], line=details[source, hit_id][8], rank=rank,
                  page=details[source, hit_id][9], anchor=details[source, hit_id][10],
                  url=details[source, hit_id][11])
        for source, hit_id, rank in ranked
    ]
