"""Read the body sections: findings, key-question tables and the rating under each heading.

Finding text is kept exactly as printed apart from the bullet and the whitespace around it:
curly quotes stay curly (as the gold standard keeps them), and footnote markers ('[2]', '³')
and Markdown ('*...*') stay too. Key questions, by contrast, get straight quotes and collapsed
whitespace, because they are compared across reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lines as shapes
from probe.domain.model import Finding, FindingKind, KeyQuestion
from .structure import Section
from .text import as_rating, split_rating, squash, straight_quotes

_RATING_LOOKAHEAD = 4  # non-blank lines after a standard heading that may hold its rating
_UNRATED = re.compile(
    r"\b(?:do not|does not|don't)\s+(?:currently\s+)?rate\b|\bnot\s+rated\b|\bunrated\b",
    re.IGNORECASE,
)
_GLUED_RATING = re.compile(r"(?:\S|\.\s)(Outstanding|Good|Requires [Ii]mprovement|Inadequate)$")


@dataclass(frozen=True)
class BodyRating:
    rating: str | None
    unrated: bool  # the section says the standard is not rated (2.6 Outcomes)


def findings(lines: list[str], section: Section) -> list[Finding]:
    """Bullets of a section, in order; bullets before any Strengths/Areas label are 'finding's."""
    name = section.code or section.title
    kind: FindingKind = "finding"
    found: list[Finding] = []
    last: int | None = None  # index in `found` of a bullet that text may still be added to
    last_line = -1
    for index in range(section.start + 1, section.end):
        line = lines[index]
        text = line.strip()
        if not text:
            continue
        if label := shapes.label_kind(line):
            kind, last = label, None
            continue
        item = shapes.bullet(line)
        if item and not shapes.question_row(line):
            last = None
            if item.text:
                found.append(Finding(name, section.title, kind, item.text, index + 1))
                last, last_line = len(found) - 1, index
            continue
        if last is not None and _continues(found[last].text, text, index - last_line):
            previous = found[last]
            found[last] = Finding(
                previous.section, previous.section_heading, previous.kind,
                f"{previous.text} {text}", previous.line,
            )  # fmt: skip
            last_line = index
            continue
        last = None
    return found


def _continues(bullet_text: str, text: str, distance: int) -> bool:
    """A quoted testimony after a bullet ending in ':', or a wrapped line right under a bullet."""
    if bullet_text.endswith(":") and text[0] in shapes.QUOTE_OPENERS:
        return True
    return distance == 1 and text[0].islower()


def key_questions(lines: list[str], section: Section) -> tuple[list[KeyQuestion], list[str]]:
    """Rows of the section's key-question table ('question?<tab or nothing>NN%'), and warnings."""
    questions, warnings = [], []
    in_table = False
    for index in range(section.start + 1, section.end):
        line = lines[index]
        if not line.strip():
            continue
        if shapes.is_table_header(line):
            in_table = True
            continue
        row = shapes.question_row(line) if not shapes.bullet(line) else None
        if row and (in_table or row[0].endswith("?")):
            if row[1] > 100:
                warnings.append(f"line {index + 1}: key-question percentage {row[1]}% is over 100")
            else:
                question = squash(straight_quotes(row[0]))
                questions.append(KeyQuestion(section.code or section.title, question, row[1]))
            continue
        in_table = False
    return questions, warnings


def body_rating(lines: list[str], section: Section) -> BodyRating:
    """The rating printed under a standard's heading: alone on a line, or glued to the statement."""
    seen = 0
    for index in range(section.start + 1, section.end):
        text = squash(lines[index])
        if not text:
            continue
        if _UNRATED.search(text):
            return BodyRating(None, True)
        if shapes.label_kind(text) or shapes.bullet(lines[index]) or shapes.is_table_header(text):
            break
        rating = as_rating(text)
        if rating is None and _GLUED_RATING.search(text):
            rating = split_rating(text)[1]
        if rating:
            return BodyRating(rating, False)
        seen += 1
        if seen >= _RATING_LOOKAHEAD:
            break
    return BodyRating(None, _says_unrated(lines, section))


def _says_unrated(lines: list[str], section: Section) -> bool:
    return any(_UNRATED.search(lines[i]) for i in range(section.start + 1, section.end))
