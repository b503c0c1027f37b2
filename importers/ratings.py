"""Read the Ratings block: fieldwork month, score, overall rating, domains and standard ratings.

Web scrapes glue each label to its value ('Overall ratingInadequate', 'P 2.1 AssessmentInadequate',
'Fieldwork started April 2025Score 3/21'); PDF conversions put the value on a later line
('1.1 Leadership' / blank / 'Good'). One pass handles both: a label without a value waits for
the next rating word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import lines as shapes
from .text import MONTH, as_rating, split_rating, squash

_FIELDWORK = re.compile(  # the month, also when a day comes first: 'started 6 March 2023'
    rf"fieldwork\s+started\s*:?\s*(?:\d{{1,2}}\s+)?({MONTH}\s+\d{{4}})?", re.IGNORECASE
)
_SCORE = re.compile(
    r"(?<![a-z])score\s*:?\s*(?:[*_]*\s*(\d{1,3})\s*(?:/|out of)\s*(\d{1,3})\s*[*_]*)?",
    re.IGNORECASE,
)
_SCORE_VALUE = re.compile(r"^[*_]*\s*(\d{1,3})\s*(?:/|out of)\s*(\d{1,3})\s*[*_]*$")
_MONTH_VALUE = re.compile(rf"^{MONTH}\s+\d{{4}}$", re.IGNORECASE)
_OVERALL = re.compile(r"^overall\s+rating\s*:?\s*(.*)$", re.IGNORECASE)
_GLUED_OVERALL = re.compile(r"^overall\s+rating[a-z]", re.IGNORECASE)


@dataclass(frozen=True)
class RatingRow:
    code: str
    name: str
    rating: str | None


@dataclass
class RatingsBlock:
    fieldwork_started: str | None = None
    score: tuple[int, int] | None = None
    overall_rating: str | None = None
    domains: dict[int, str] = field(default_factory=dict)
    rows: list[RatingRow] = field(default_factory=list)
    other_lines: list[str] = field(default_factory=list)  # e.g. the PDU name PDF blocks repeat
    glued: bool = False  # a label and its value shared a line (the web layout)
    split: bool = False  # a label's value came on a later line (the PDF layout)


def parse_ratings(lines: list[str], start: int, end: int) -> RatingsBlock:
    block = RatingsBlock()
    # What the next value belongs to: "overall", "score", "fieldwork" or a (code, name) row.
    waiting: str | tuple[str, str] | None = None
    for index in range(start + 1, end):
        text, _ = shapes.heading_text(lines[index])
        if not text:
            continue
        rating = as_rating(text)
        if rating and waiting is not None:
            _fill(block, waiting, rating)
            block.split = True
            waiting = None
            continue
        waiting = _read_line(block, text, waiting)
    if waiting is not None:
        _fill(block, waiting, None)
    return block


def _read_line(block: RatingsBlock, text: str, waiting):
    """Take what one line of the block says; return what still waits for a value."""
    fieldwork, score = _FIELDWORK.search(text), _SCORE.search(text)
    if fieldwork or score:
        if fieldwork and fieldwork.group(1):
            block.fieldwork_started = squash(fieldwork.group(1))
        if score and score.group(1):
            block.score = (int(score.group(1)), int(score.group(2)))
        block.glued |= bool(fieldwork and score)
        if score and not score.group(1):
            return "score"
        return "fieldwork" if fieldwork and not fieldwork.group(1) else waiting
    if waiting == "score" and (value := _SCORE_VALUE.match(text)):
        block.score = (int(value.group(1)), int(value.group(2)))
        return None
    if waiting == "fieldwork" and (month := _MONTH_VALUE.match(text)):
        block.fieldwork_started = squash(month.group(0))
        return None
    overall = _OVERALL.match(text)
    if overall:
        rating = as_rating(overall.group(1)) if overall.group(1) else None
        if rating:
            block.overall_rating = rating
            block.glued |= bool(_GLUED_OVERALL.match(text))
            return None
        return "overall"
    standard = shapes.standard_heading(text)
    if standard:
        if isinstance(waiting, tuple):
            _fill(block, waiting, None)
        code, name = standard
        name, rating = split_rating(name)
        if rating:
            block.rows.append(RatingRow(code, name, rating))
            block.glued = True
            return None
        return (code, name)
    domain = shapes.domain_heading(text)
    if domain:
        block.domains[domain[0]] = domain[1]
        return waiting
    block.other_lines.append(text)
    return waiting


def _fill(block: RatingsBlock, waiting, rating: str | None) -> None:
    if waiting == "overall":
        block.overall_rating = rating
    elif isinstance(waiting, tuple):
        block.rows.append(RatingRow(*waiting, rating))
