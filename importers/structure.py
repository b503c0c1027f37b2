"""Cut a report into sections by its headings.

Kinds of section:
  "top"         a named top-level section (Foreword, Ratings, Recommendations, Background, ...)
  "domain"      '1. Organisational delivery' and the like, in the body
  "standard"    '1.1. Leadership', 'P 2.3 Implementation and deliveryRating'
  "unnumbered"  any other heading marked '(Back to top)' or followed by Strengths/Areas lists
                (Diversity and inclusion, Resettlement work, Feedback from people on probation)

The Ratings block repeats domain and standard headings as rating rows, so inside it they do not
start sections; it ends at the next top-level heading, a repeated standard code, or anything a
ratings block never holds (a bullet, a label, a paragraph).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import lines as shapes
from .text import squash

_LOOKAHEAD_LINES = 5  # non-blank lines between a heading and its first Strengths/Areas label
_PARAGRAPH = 120  # a line this long is prose, never part of a ratings block


@dataclass
class Section:
    kind: str  # "top", "domain", "standard" or "unnumbered"
    title: str  # heading text without code, 'Rating' or '(Back to top)'
    start: int  # 0-based index of the heading line
    end: int = 0  # index just past the section's last line
    code: str | None = None  # standards only: "2.3"
    domain: int | None = None  # domains and standards
    back_to_top: bool = False  # the heading carried the web page's '(Back to top)' link


def find_sections(lines: list[str]) -> list[Section]:
    sections: list[Section] = []
    in_ratings = False
    ratings_codes: set[str] = set()
    previous = ""  # the previous non-blank line, raw
    for index, line in enumerate(lines):
        if not line.strip() or shapes.is_toc_entry(line):
            continue
        if len(line) > _PARAGRAPH:  # prose: never a heading, and never inside a ratings block
            in_ratings, previous = False, line
            continue
        title, back_to_top = shapes.heading_text(line)
        if in_ratings:
            if not _ends_ratings(title, back_to_top, line, ratings_codes):
                standard = shapes.standard_heading(title)
                if standard:
                    ratings_codes.add(standard[0])
                previous = line
                continue
            in_ratings = False
        section = _classify(lines, index, line, title, back_to_top, previous)
        previous = line
        if section is None:
            continue
        section.back_to_top = back_to_top
        sections.append(section)
        if section.kind == "top" and section.title.casefold() == "ratings":
            in_ratings, ratings_codes = True, set()
    ends = [following.start for following in sections[1:]] + [len(lines)]
    for section, end in zip(sections, ends, strict=False):  # no sections: nothing to do
        section.end = end
    return sections


def _ends_ratings(title: str, back_to_top: bool, line: str, codes: set[str]) -> bool:
    if back_to_top or shapes.is_top_title(title):
        return True
    standard = shapes.standard_heading(title)
    if standard:
        return standard[0] in codes
    if shapes.domain_heading(title):
        return False
    return bool(shapes.bullet(line) or shapes.label_kind(line))


def _classify(
    lines: list[str], index: int, line: str, title: str, back_to_top: bool, previous: str
) -> Section | None:
    standard = shapes.standard_heading(title)
    if standard:
        code, name = standard
        return Section("standard", name, index, code=code, domain=int(code.split(".")[0]))
    domain = shapes.domain_heading(title)
    if domain and not _is_list_item(line, previous):
        return Section("domain", domain[1], index, domain=domain[0])
    if shapes.is_top_title(title):
        return Section("top", title.rstrip(":"), index)
    if back_to_top and title:
        return Section("unnumbered", title, index)
    if _may_head_a_list(line, title) and _followed_by_label(lines, index):
        return Section("unnumbered", title, index)
    return None


def _may_head_a_list(line: str, title: str) -> bool:
    """A plain, unindented, title-like line that is not a table header or row."""
    return (
        shapes.title_like(title)
        and not line[:1].isspace()
        and "\t" not in line
        and not shapes.is_table_header(line)
        and not shapes.is_table_header_part(line)
        and not shapes.question_row(line)
    )


def _is_list_item(line: str, previous: str) -> bool:
    """'2. Staff were positive' after 'Strengths:' or after item 1 is a numbered item."""
    if line[:1].isspace():
        return True  # headings are never indented; list items often are
    if squash(previous).endswith(":"):
        return True
    item, before = shapes.bullet(line), shapes.bullet(previous)
    return bool(item and before and before.number is not None and before.number + 1 == item.number)


def _followed_by_label(lines: list[str], index: int) -> bool:
    seen = 0
    for line in (lines[j] for j in range(index + 1, len(lines))):
        if not line.strip():
            continue
        if shapes.label_kind(line):
            return True
        title, back_to_top = shapes.heading_text(line)
        if back_to_top or shapes.bullet(line) or shapes.standard_heading(title):
            return False
        if title.endswith(("?", "%")):  # a key-question table, not a list
            return False
        seen += 1
        if seen >= _LOOKAHEAD_LINES:
            return False
    return False
