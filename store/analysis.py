"""Analysis across reports: how each key question compares, and the ratings of every report."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from probe.domain.frameworks import aligned_standard
from probe.domain.ratings import band

if TYPE_CHECKING:
    from probe.store.read import ReportSummary

Rows = Callable[..., list[tuple]]  # Reader's query function: (sql, params) -> rows


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
    columns: list[str]  # standard names in report order, 2021 and 2024 aligned (aligned_standard)
    rows: list[tuple["ReportSummary", dict[str, str | None]]]  # rating per column name


def key_question_stats(rows: Rows, report_id: int) -> list[QuestionStats]:
    """Each key question of one report, with its band and how it compares across reports."""
    from statistics import median

    own = rows(
        "SELECT standard_code, question, percent FROM key_questions "
        "WHERE report_id = ? ORDER BY position",
        [report_id],
    )
    everyone: dict[str, list[int]] = {}
    for question, percent in rows(
        "SELECT question, percent FROM key_questions WHERE question IN "
        "(SELECT question FROM key_questions WHERE report_id = ?)",
        [report_id],
    ):
        everyone.setdefault(question, []).append(percent)
    rated = {code for (code,) in rows(
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


def ratings_matrix(rows: Rows, summaries: list["ReportSummary"]) -> RatingsMatrix:
    """Every report's ratings, one column per rated standard (2.6 Outcomes, never rated, has
    no column), a standard renamed between frameworks in one column (2021's Staff is 2024's
    Staffing). Columns follow report order, merging 2021 and 2024 layouts."""
    ratings: dict[int, dict[str, str | None]] = {}
    layouts: list[list[str]] = []
    for report_id, name, rating in rows(
        "SELECT report_id, name, rating FROM standards ORDER BY report_id, position"
    ):
        ratings.setdefault(report_id, {})[aligned_standard(name)] = rating
    rated = {name for row in ratings.values() for name, value in row.items() if value}
    for row in ratings.values():
        layout = [name for name in row if name in rated]
        if layout not in layouts:
            layouts.append(layout)
    return RatingsMatrix(
        columns=merge_orders(layouts),
        rows=[(summary, ratings.get(summary.id, {})) for summary in summaries],
    )


def merge_orders(layouts: list[list[str]]) -> list[str]:
    """One column order from several: each new name goes right after its predecessor."""
    columns: list[str] = []
    for layout in layouts:
        previous = None
        for name in layout:
            if name not in columns:
                columns.insert(columns.index(previous) + 1 if previous else len(columns), name)
            previous = name
    return columns
