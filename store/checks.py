"""Is a report consistent with its own numbers? The checks behind `probe check`.

From one report's own data: its score against the points of its rated standards, each rated
case-supervision standard's rating against the band of its lowest key question (and, where they
differ, the report's own sentence explaining why), and the values its importer warned about.
Plain functions over the report model: no SQL, no I/O.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from probe.domain.ratings import BAND_RULE, POINTS, band, rating_order, score_label

if TYPE_CHECKING:
    from probe.domain.model import Report, Standard

CONSISTENT, EXPLAINED, UNEXPLAINED, WARNING = "consistent", "explained", "unexplained", "warning"
CASE_SUPERVISION_DOMAIN = 2  # the standards rated from key-question percentages

# Inspectors state their judgement in these words ("professional discretion", "professional
# judgement ... was applied to uplift"); "judged satisfactory" describes every case, so
# "judged" does not count.
_JUDGEMENT = re.compile(r"\b(judge?ments?|discretion)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z'‘\"“])")


class Check(NamedTuple):
    check: str  # "score", "2.1 Court work", "import"
    expected: str  # what the report's own numbers give
    found: str  # what the report states
    status: str  # CONSISTENT, EXPLAINED, UNEXPLAINED or WARNING
    note: str  # the report's explaining sentence, the mismatch, or the warning
    line: int | None = None  # the line of the explaining sentence


class ReportCheck(NamedTuple):
    pdu: str
    fieldwork_started: str | None
    checks: list[Check]

    @property
    def unexplained(self) -> bool:
        return any(check.status == UNEXPLAINED for check in self.checks)


def check_report(report: Report) -> ReportCheck:
    checks = [score_check(report)]
    checks += [band_check(report, standard) for standard in banded_standards(report)]
    checks += [Check("import", "", "", WARNING, warning) for warning in report.warnings]
    return ReportCheck(report.pdu_name, report.fieldwork_started, checks)


def score_check(report: Report) -> Check:
    """The score must be the points of the rated standards, out of 3 for each of them."""
    rated = [standard.rating for standard in report.standards if standard.rating in POINTS]
    expected = score_label(sum(POINTS[rating] for rating in rated), 3 * len(rated))
    found = score_label(report.score_points, report.score_max)
    if report.score_points is None:
        return Check("score", expected, found, WARNING, "the report states no score")
    if found == expected:
        return Check("score", expected, found, CONSISTENT, "sum of the standards' points")
    return Check("score", expected, found, UNEXPLAINED, "the score is not the sum of the standards' points")


def banded_standards(report: Report) -> list[Standard]:
    """The rated case-supervision standards that have key questions to band."""
    asked = {question.standard_code for question in report.key_questions}
    return [
        standard
        for standard in report.standards
        if standard.domain == CASE_SUPERVISION_DOMAIN and standard.rating and standard.code in asked
    ]


def band_check(report: Report, standard: Standard) -> Check:
    """A standard's rating against the band of its lowest key question (BAND_RULE)."""
    lowest = min(q.percent for q in report.key_questions if q.standard_code == standard.code)
    expected = band(lowest)
    name = f"{standard.code} {standard.name}"
    if standard.rating == expected:
        return Check(name, expected, standard.rating, CONSISTENT, f"lowest key question {lowest}%")
    direction = "uplift" if rating_order(standard.rating) < rating_order(expected) else "downgrade"
    explanation = judgement_sentence(report, standard)
    if explanation is None:
        note = f"{direction}: lowest key question {lowest}% is {expected} ({BAND_RULE}); the report gives no reason"
        return Check(name, expected, standard.rating, UNEXPLAINED, note)
    line, sentence = explanation
    return Check(name, expected, standard.rating, EXPLAINED, f"{direction}: {sentence}", line)


def judgement_sentence(report: Report, standard: Standard) -> tuple[int, str] | None:
    """The first sentence in the standard's own section that speaks of inspectors' judgement
    or discretion, with its line; None when the section has none (or cannot be found)."""
    lines = report.text.splitlines()
    first, end = section_lines(report, standard.code)
    for number in range(first, min(end, len(lines) + 1)):
        for sentence in _SENTENCE_END.split(lines[number - 1].strip()):
            if _JUDGEMENT.search(sentence):
                return number, sentence
    return None


def section_lines(report: Report, code: str) -> tuple[int, int]:
    """The 1-based lines from a standard's heading up to (not including) the next heading;
    (0, 0) when the report has no heading for it."""
    headings = sorted(report.headings, key=lambda heading: heading.line)
    for index, heading in enumerate(headings):
        if heading.title.split(" ", 1)[0].rstrip(".") == code:
            following = headings[index + 1].line if index + 1 < len(headings) else 1 << 31
            return heading.line, following
    return 0, 0
