"""The shapes of single lines in an inspection report: headings, labels, bullets, table rows.

Both families are covered by one set of shapes: web scrapes glue labels to values and carry
'(Back to top)' and 'P ' prefixes; PDF conversions use tabs, trailing dots and Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from probe.domain.model import FindingKind
from .text import as_rating, squash

_BACK_TO_TOP = re.compile(r"\s*\(\s*back to top\s*\)\s*$", re.IGNORECASE)
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_STANDARD = re.compile(r"^(?:P\s+)?(\d)\.(\d{1,2})\.?\s*([A-Z].*)$")
_DOMAIN = re.compile(r"^(\d)\.\s*([A-Z][^.:;?!]{2,80})$")
_LABEL = re.compile(
    r"^[*_]*\s*(?:key\s+)?(strengths?|areas?\s+for\s+(?:improvement|development))"
    r"\s*[*_]*\s*:?\s*[*_]*$",
    re.IGNORECASE,
)
# Bullet glyphs: symbols may touch the text; '-', '*' and dashes need a space so that
# '-5' or '*italics*' are not bullets; '1.' / '1)' make numbered items.
# A list number may touch its item's first word ('12.address'): a renderer that sets the marker
# in a box of its own leaves no space character between them.
_BULLET = re.compile(
    r"^\s*(?:([•●◦▪■‣⁃·►➢])\s*|([-*–—])(?:\s+|$)|(\d{1,2})[.)](?:\s+|$|(?=[a-z])))(.*)$"
)
_TABLE_HEADER = re.compile(r"^(?:key\s+questions?|outcomes?)(?:\b|(?=P)).*percentage", re.IGNORECASE)

_HEADER_PART = re.compile(  # the cells of a table header, each on a line of its own
    r"^[*_]*(?:key\s+questions?|outcomes|percentage\b.{0,20}|standard|rating)[*_]*$", re.IGNORECASE
)
_LONGEST_LABEL = 60  # longer lines are never labels or table headers: skip the regex
_LONGEST_HEADER = 100
TOP_TITLES = frozenset(
    {
        "foreword", "ratings", "recommendations", "background", "contents",
        "acknowledgements", "acknowledgments", "further information", "footnotes",
        "endnotes", "glossary", "references", "introduction", "executive summary",
        "methodology", "the role of hm inspectorate of probation",
    }
)  # fmt: skip
TOP_PREFIXES = ("annexe", "annex ", "appendix")
QUOTE_OPENERS = "\"'“‘„«"


@dataclass(frozen=True)
class Bullet:
    text: str  # without the bullet and surrounding whitespace; "" for an empty bullet
    number: int | None  # for numbered items


def heading_text(line: str) -> tuple[str, bool]:
    """Heading text without Markdown or '(Back to top)', and whether that suffix was there."""
    text = _MARKDOWN_HEADING.sub("", squash(line))
    text, suffixes = _BACK_TO_TOP.subn("", text)
    text = text.strip()
    if text.startswith("**") and text.endswith("**") and len(text) > 4:
        text = text[2:-2].strip()
    return text, bool(suffixes)


def is_toc_entry(line: str) -> bool:
    """'Foreword\t3': an entry of a Contents list, ending in a tab and a page number."""
    entry, tab, page = line.rstrip().rpartition("\t")
    return bool(tab) and page.strip().isdecimal() and len(page.strip()) <= 3 and bool(entry.strip())


def is_top_title(title: str) -> bool:
    key = title.casefold().rstrip(":")
    return key in TOP_TITLES or key.startswith(TOP_PREFIXES)


def standard_heading(title: str) -> tuple[str, str] | None:
    """('2.3', 'Implementation and delivery') for 'P 2.3. Implementation and deliveryRating'."""
    match = _STANDARD.match(title)
    if not match:
        return None
    name = re.sub(r"\s*Rating$", "", match.group(3)).strip()
    if not name or len(name) > 80 or name.endswith((".", ":", ";")):
        return None
    return f"{match.group(1)}.{int(match.group(2))}", name


def domain_heading(title: str) -> tuple[int, str] | None:
    """(1, 'Organisational delivery') for '1. Organisational delivery' or '1.Organisational ...'."""
    match = _DOMAIN.match(title)
    return (int(match.group(1)), match.group(2).strip()) if match else None


def label_kind(line: str) -> FindingKind | None:
    """The kind of the list a 'Strengths:' / 'Areas for improvement' label opens."""
    if len(line) > _LONGEST_LABEL:
        return None
    match = _LABEL.match(squash(line))
    if not match:
        return None
    return (
        "strength" if match.group(1).casefold().startswith("strength") else "area_for_improvement"
    )


def bullet(line: str) -> Bullet | None:
    match = _BULLET.match(line)
    if not match:
        return None
    number = int(match.group(3)) if match.group(3) else None
    return Bullet(match.group(4).strip(), number)


def is_table_header(line: str) -> bool:
    if len(line) > _LONGEST_HEADER:
        return False
    return bool(_TABLE_HEADER.match(squash(line.replace("|", " "))))


def is_table_header_part(line: str) -> bool:
    """'Key question' or 'Percentage 'Yes'' on a line of its own: a table header split in two."""
    return bool(_HEADER_PART.match(squash(line)))


def question_row(line: str) -> tuple[str, int] | None:
    """('Does ...?', 66) for a key-question row: tab-separated, glued or a Markdown pipe row."""
    text = line.strip()
    if text.startswith("|"):  # '| Does ...? | 66% |'
        text = " ".join(cell.strip() for cell in text.strip("|").split("|"))
    # Taken apart from the right with string methods: a regex here would backtrack
    # quadratically on long runs of spaces.
    text = text.rstrip("*_ \t")
    if not text.endswith("%"):
        return None
    text = text[:-1].rstrip()
    question = text.rstrip("0123456789")
    digits = text[len(question) :]
    question = question.strip("*_ \t")  # bold marks around it, as around its percentage
    if not 1 <= len(digits) <= 3 or not question:
        return None
    return question, int(digits)


def title_like(title: str) -> bool:
    """Could this line be the heading of an unnumbered section ('Resettlement work')?"""
    return (
        3 <= len(title) <= 80
        and title[0].isupper()
        and title[-1] not in ".,;:?!%)"
        and len(title.split()) <= 12
        and as_rating(title) is None
        and label_kind(title) is None
    )
