"""Datasette hooks for `probe serve`, registered by probe/serve.py (never as an entry point,
so a plain `datasette` run elsewhere is unchanged).

The canned queries in metadata.yaml call probe's own Python through SQL functions, so the
browser and the terminal share one definition of search, bands, medians and framework columns.
"""

from __future__ import annotations

import statistics

from datasette import hookimpl
from markupsafe import Markup, escape

from probe.domain.frameworks import aligned_standard
from probe.domain.ratings import band
from probe.store.search import plain_fts_query

DATABASE = "probe"  # the database's name in Datasette, whatever its file is called
MARK = ("<mark>", "</mark>")  # what the search query's snippet() puts around a matched word


def fts_phrase(query: str | None) -> str:
    """`probe search`'s first try: the typed words as one stemmed phrase."""
    return plain_fts_query(query or "")


def fts_words(query: str | None) -> str:
    """`probe search`'s fall-back: every typed word, anywhere in the text."""
    return plain_fts_query(query or "", as_phrase=False)


def percent_band(percent: int | None) -> str | None:
    return None if percent is None else band(percent)


class Median:
    """SQL aggregate probe_median(x): the median as the terminal computes it."""

    def __init__(self) -> None:
        self.values: list[float] = []

    def step(self, value) -> None:
        if value is not None:
            self.values.append(value)

    def finalize(self) -> float | None:
        return float(statistics.median(self.values)) if self.values else None


@hookimpl
def prepare_connection(conn, database):
    if database != DATABASE:
        return  # Datasette's own _internal database is written to: leave it alone
    # Nothing writes to the reports through the server: not a query, not a plugin.
    conn.execute("PRAGMA query_only = 1")
    conn.create_function("probe_phrase", 1, fts_phrase, deterministic=True)
    conn.create_function("probe_words", 1, fts_words, deterministic=True)
    conn.create_function("probe_column", 1, aligned_standard, deterministic=True)
    conn.create_function("probe_band", 1, percent_band, deterministic=True)
    conn.create_aggregate("probe_median", 1, Median)


@hookimpl
def render_cell(value, column, table, database):
    """Search snippets with their matched words highlighted; the text itself stays escaped."""
    if database != DATABASE or table is not None or column != "snippet" or not isinstance(value, str):
        return None
    html = str(escape(value))
    for tag in MARK:
        html = html.replace(str(escape(tag)), tag)
    return Markup(html)
