"""Tell the report's family from its content: the source layout and the inspection framework.

Layout ('web' page scrape or 'pdf' conversion) and framework ('2024': 7 standards scored /21;
'2021': 9 rated standards plus unrated 2.6 Outcomes, scored /27) are voted on separately from
several independent signals, so a report missing one signal is still placed, and a warning says
when signals disagree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from . import lines as shapes
from probe.domain.model import Framework, SourceFormat
from .ratings import RatingsBlock
from .structure import Section

_GLUED_ROW = re.compile(r"\?[*_]*\d{1,3}\s*%")
_TAB_ROW = re.compile(r"\?[*_]*\t+[*_]*\d{1,3}\s*%")


def source_format(
    lines: list[str], ratings: RatingsBlock, sections: Iterable[Section]
) -> tuple[SourceFormat, list[str]]:
    web, pdf = [], []
    if any(section.back_to_top for section in sections):
        web.append("'(Back to top)' headings")
    if ratings.glued:
        web.append("labels glued to values in the Ratings block")
    if ratings.split:
        pdf.append("ratings on their own lines")
    rows = [line for line in lines if line.rstrip().endswith("%")]
    if any(_GLUED_ROW.search(row) and not _TAB_ROW.search(row) for row in rows):
        web.append("key-question percentages glued to the question")
    if any(_TAB_ROW.search(row) for row in rows):
        pdf.append("tab-separated key-question tables")
    if any(shapes.is_toc_entry(line) for line in lines):
        pdf.append("a Contents list with page numbers")
    return _vote("format", ("web", web), ("pdf", pdf))


def framework(ratings: RatingsBlock, sections: Iterable[Section]) -> tuple[Framework, list[str]]:
    older, newer = [], []
    score_max = ratings.score[1] if ratings.score else None
    if score_max in (27, 21):
        (older if score_max == 27 else newer).append(f"score out of {score_max}")
    rated = sum(1 for row in ratings.rows if row.rating)
    if rated in (9, 7):
        (older if rated == 9 else newer).append(f"{rated} rated standards")
    names = {s.code: s.title.casefold() for s in sections if s.kind == "standard"}
    names.update({row.code: row.name.casefold() for row in ratings.rows})
    if names.get("2.1") == "court work":
        older.append("2.1 Court work")
    elif names.get("2.1") == "assessment":
        newer.append("2.1 Assessment")
    if {"1.4", "2.5", "2.6"} & names.keys():
        older.append("standards 1.4/2.5/2.6")
    body_domains = [s.title for s in sections if s.kind == "domain"]
    domains = " ".join([*ratings.domains.values(), *body_domains]).casefold()
    if "court work and case supervision" in domains or "organisational delivery" in domains:
        older.append("2021 domain names")
    if "organisational arrangements" in domains or "service delivery" in domains:
        newer.append("2024 domain names")
    return _vote("framework", ("2021", older), ("2024", newer))


def _vote(what: str, first: tuple[str, list[str]], second: tuple[str, list[str]]):
    (a, a_signals), (b, b_signals) = first, second
    if not a_signals and not b_signals:
        return b, [f"no {what} signals found; assuming {b}"]
    winner = a if len(a_signals) > len(b_signals) else b
    warnings = []
    if a_signals and b_signals:
        warnings.append(
            f"{what} signals disagree: {a} ({', '.join(a_signals)}) against "
            f"{b} ({', '.join(b_signals)}); using {winner}"
        )
    return winner, warnings
