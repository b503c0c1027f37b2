"""A PDU's history: its inspections side by side, standard by standard, key question by key
question, with what went up and what went down.

PDU names are matched after normalising (case, "&" for "and", a "PDU" suffix, punctuation);
renamed or merged PDUs are linked by the user (probe.settings.pdu_links). The two frameworks
are aligned by meaning (probe.domain.frameworks), key questions by their wording. No SQL here:
this works on report models a Reader gives.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from probe.domain.frameworks import ONLY_IN_2021, aligned_standard
from probe.domain.ratings import rating_order, score_label
from probe.store.analysis import merge_orders

if TYPE_CHECKING:
    from probe.domain.model import Report
    from probe.store.read import ReportSummary

UP, DOWN, SAME = "up", "down", "same"

_PUNCTUATION = re.compile(r"[^\w\s]")
_PDU_SUFFIX = re.compile(r"\s+(pdu|probation delivery unit)$")


def normalise_pdu(name: str) -> str:
    """The form PDU names are matched in: "South Tyneside & Gateshead PDU" and
    "south tyneside and gateshead" are the same PDU."""
    name = name.casefold().replace("&", " and ")
    name = " ".join(_PUNCTUATION.sub(" ", name).split())
    return _PDU_SUFFIX.sub("", name)


def pdu_key(name: str, links: dict[str, str]) -> str:
    """Which PDU a name belongs to: its normalised form, or the one the user linked it to."""
    normal = normalise_pdu(name)
    return links.get(normal, normal)


def matching_pdus(summaries: list[ReportSummary], typed: str, links: dict[str, str]) -> dict[str, list[ReportSummary]]:
    """The PDUs (by key, each with its reports oldest first) that `typed` names: the one it
    names exactly when there is one, else every PDU with a name containing it."""
    groups: dict[str, list[ReportSummary]] = {}
    for summary in sorted(summaries, key=lambda s: (s.fieldwork_month or "", s.id)):
        groups.setdefault(pdu_key(summary.pdu_name, links), []).append(summary)
    exact = pdu_key(typed, links)
    if exact in groups:
        return {exact: groups[exact]}
    part = normalise_pdu(typed)
    return {
        key: reports
        for key, reports in groups.items()
        if any(part in normalise_pdu(report.pdu_name) for report in reports) or part in key
    }


class Inspection(NamedTuple):
    pdu: str  # the name this report gives
    fieldwork_started: str | None
    framework: str


class Row(NamedTuple):
    kind: str  # "overall", "score", "standard" or "question"
    label: str  # "Overall rating", a standard's aligned name, or a key question's wording
    standard: str  # the aligned standard a question belongs to ("" for overall and score)
    values: list[str | None]  # one per inspection, oldest first; None where it was not rated or asked
    changes: list[str]  # one per inspection: UP, DOWN, SAME, or "" (first, or nothing to compare)
    note: str = ""


class History(NamedTuple):
    inspections: list[Inspection]
    rows: list[Row]


def pdu_history(reports: list[Report]) -> History:
    """Reports of one PDU, oldest first, aligned into rows."""
    inspections = [Inspection(r.pdu_name, r.fieldwork_started, r.framework) for r in reports]
    rows = [
        with_changes("overall", "Overall rating", "", [r.overall_rating for r in reports], rating_change),
        score_row(reports),
    ]
    questions = questions_by_standard(reports)
    for name in standard_order(reports):
        ratings = [standard_ratings(report).get(name) for report in reports]
        note = "only in the 2021-23 framework" if name in ONLY_IN_2021 else ""
        rows.append(with_changes("standard", name, "", ratings, rating_change, note))
        for question, percents in questions.get(name, {}).items():
            values = [None if p is None else f"{p}%" for p in percents]
            rows.append(with_changes("question", question, name, values, percent_change))
    return History(inspections, rows)


def standard_ratings(report: Report) -> dict[str, str | None]:
    return {aligned_standard(s.name): s.rating for s in report.standards}


def standard_order(reports: list[Report]) -> list[str]:
    """Aligned standard names in report order, leaving out standards never rated (2.6)."""
    rated = {name for report in reports for name, rating in standard_ratings(report).items() if rating}
    return merge_orders([[name for name in standard_ratings(report) if name in rated] for report in reports])


def questions_by_standard(reports: list[Report]) -> dict[str, dict[str, list[int | None]]]:
    """aligned standard -> key question wording -> its percent in each report (None: not asked)."""
    table: dict[str, dict[str, list[int | None]]] = {}
    for index, report in enumerate(reports):
        names = {s.code: aligned_standard(s.name) for s in report.standards}
        for question in report.key_questions:
            standard = names.get(question.standard_code, question.standard_code)
            percents = table.setdefault(standard, {}).setdefault(question.question, [None] * len(reports))
            percents[index] = question.percent
    return table


def score_row(reports: list[Report]) -> Row:
    """Scores: compared only between reports scored out of the same maximum."""
    values = [score_label(r.score_points, r.score_max, missing=None) for r in reports]

    def change(before: str, after: str) -> str:
        (points_before, max_before), (points_after, max_after) = before.split("/"), after.split("/")
        return "" if max_before != max_after else compare(int(points_after) - int(points_before))

    return with_changes("score", "Score", "", values, change)


def with_changes(kind, label, standard, values, change, note="") -> Row:
    """A row, each value marked against the inspection before it (when both have one)."""
    changes = [""] + [
        change(before, after) if before is not None and after is not None else ""
        for before, after in zip(values, values[1:])
    ]
    return Row(kind, label, standard, values, changes, note)


def rating_change(before: str, after: str) -> str:
    return compare(rating_order(before) - rating_order(after))  # RATINGS are best first


def percent_change(before: str, after: str) -> str:
    return compare(int(after.rstrip("%")) - int(before.rstrip("%")))


def compare(difference: int) -> str:
    return UP if difference > 0 else DOWN if difference < 0 else SAME
