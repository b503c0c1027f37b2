"""Read the body sections: findings, key-question tables and the rating under each heading.

Finding text is kept exactly as printed apart from the bullet and the whitespace around it:
curly quotes stay curly (as the gold standard keeps them), and footnote markers ('[2]', '³')
and Markdown ('*...*') stay too. Key questions, by contrast, get straight quotes and collapsed
whitespace, because they are compared across reports.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from . import lines as shapes
from probe.domain.model import Finding, FindingKind, KeyQuestion
from .structure import Section
from .text import as_rating, split_rating, squash, straight_quotes

PlaceOf = Callable[[int], dict] | None  # where a line (0-based) is printed: page, anchor
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


def key_questions(
    lines: list[str], section: Section, place_of: PlaceOf = None
) -> tuple[list[KeyQuestion], list[str]]:
    """Rows of the section's key-question tables, and warnings.

    A row may be one line ('question?<tab or nothing>NN%'), or, after a table header, spread
    over lines as a PDF extractor lays it out: the question wrapped over several lines with
    its percentage on any of them, on a line of its own, or all percentages after all the
    questions. Questions end with '?', so fragments and percentages are paired in order.
    """
    questions: list[KeyQuestion] = []
    warnings: list[str] = []
    table: _Table | None = None
    code = section.code or section.title
    index = section.start + 1
    while index < section.end:
        line = lines[index]
        header_lines = _table_header(lines, index, section.end)
        if header_lines:
            if table:
                questions += table.rows(code, warnings, place_of)
            table, index = _Table(index), index + header_lines
            continue
        if line.strip() and not (table and table.takes(line, index)):
            if table:
                questions += table.rows(code, warnings, place_of)
                table = None
            row = _question_row(line) if not shapes.bullet(line) else None
            if row and row[0].endswith("?"):
                questions += _checked(code, row[0], row[1], index, warnings, place_of)
        index += 1
    if table:
        questions += table.rows(code, warnings, place_of)
    return questions, warnings


def _table_header(lines: list[str], index: int, end: int) -> int:
    """How many lines the key-question table header at `index` takes: 0, 1, or 2 when its
    cells were put on lines of their own ('Key question' / 'Percentage 'Yes'')."""
    line = lines[index]
    if shapes.is_table_header(line):
        return 1
    if shapes.is_table_header_part(line) and not _PERCENT_HEADER.match(squash(line)):
        following = next((j for j in range(index + 1, end) if lines[j].strip()), None)
        if following is not None and _PERCENT_HEADER.match(squash(lines[following])):
            return following - index + 1
    return 0


_PERCENT_HEADER = re.compile(r"^[*_]*percentage\b", re.IGNORECASE)
_MARKDOWN_RULE = re.compile(r"^\|?[\s:|-]*-[\s:|-]*$")
_PERCENT = re.compile(r"^[*_]*(\d{1,3})\s*%[*_]*$")
_TABLE_CELL = 100  # a line this long, ending in '.', is the prose after a table


def _is_prose(text: str) -> bool:
    """A long line or a sentence: no question fragment or percentage looks like that."""
    if text.endswith("?") or _PERCENT.search(text[-6:].strip()):
        return False
    return len(text) > _TABLE_CELL or text.endswith(".")


def _between_words(cell: str) -> list[str]:
    """'... other 14% people?': the row's percentage read in between the lines of its wrapped
    question, as an extractor does when the cell sits level with the gap between them."""
    before, percent, after = (*_MID_PERCENT.split(cell, maxsplit=1), "", "")[:3]
    return [before, f"{percent}%", after] if percent else [cell]


def _question_row(line: str) -> tuple[str, int] | None:
    """'question?<tab>NN%', or its percentage read in between the question's lines."""
    row = shapes.question_row(line)
    if row is None and len(parts := _between_words(line.strip())) == 3:
        return f"{parts[0]} {parts[2]}", int(parts[1][:-1])
    return row


_MID_PERCENT = re.compile(r"(?<=[a-z,]) (\d{1,3})% (?=[a-z])")


class _Table:
    """Question fragments and percentages after a header, paired when the table ends."""

    def __init__(self, start: int) -> None:
        self.start = start
        self.questions: list[str] = []
        self.lines: list[int] = []  # where each question starts
        self.open = False  # the last question has not reached its '?' yet
        self.percents: list[int] = []

    def takes(self, line: str, index: int) -> bool:
        text = line.strip()
        if _MARKDOWN_RULE.match(text):
            return True
        title, _ = shapes.heading_text(line)
        if shapes.bullet(line) or shapes.label_kind(line) or shapes.standard_heading(title):
            return False
        balanced = not self.open and len(self.questions) == len(self.percents)
        if balanced and self.questions and _is_prose(text):
            return False  # the paragraph after the table
        row = shapes.question_row(line)
        cells = [row[0], f"{row[1]}%"] if row else text.split("\t")
        for cell in (part.strip() for cell in cells for part in _between_words(cell)):
            percent = _PERCENT.match(cell)
            if percent:
                self.percents.append(int(percent.group(1)))
            elif cell:
                self._fragment(cell, index)
        return True

    def _fragment(self, cell: str, index: int) -> None:
        cell = cell.strip("*_ ")
        if self.open:
            self.questions[-1] += f" {cell}"
        else:
            self.questions.append(cell)
            self.lines.append(index)
        self.open = not cell.endswith("?")

    def rows(self, code: str, warnings: list[str], place_of: PlaceOf) -> list[KeyQuestion]:
        if len(self.questions) != len(self.percents):
            warnings.append(
                f"line {self.start + 1}: key-question table has {len(self.questions)} "
                f"question(s) but {len(self.percents)} percentage(s); paired them in order"
            )
        found = []
        for question, percent, index in zip(self.questions, self.percents, self.lines, strict=False):
            found += _checked(code, question, percent, index, warnings, place_of)
        return found


def _checked(
    code: str, question: str, percent: int, index: int, warnings: list[str], place_of: PlaceOf
) -> list[KeyQuestion]:
    if percent > 100:
        warnings.append(f"line {index + 1}: key-question percentage {percent}% is over 100")
        return []
    place = place_of(index) if place_of else {}
    return [KeyQuestion(code, squash(straight_quotes(question)), percent, **place)]


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
