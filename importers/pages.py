"""What a printed page adds around the report: running headers and footers and page numbers.

Shared by the PDF reader (which knows where each line sits on the page) and text pasted from a
PDF (form feeds between pages, the running title and a page number between paragraphs).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from . import lines as shapes
from .text import as_rating, squash

if TYPE_CHECKING:
    from probe.domain.model import Report

_PAGE_MARKER = re.compile(
    r"^(?:page\s*)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:of|/)\s*\d{1,4})?\.?$", re.IGNORECASE
)
_DIGITS = re.compile(r"\d+")
_NOTE_START = re.compile(r"^(?:\d{1,2}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s+[A-Z]")
FOOTNOTES = "Footnotes"  # the heading footnote texts are moved under, at the end
LONE_GLYPH = re.compile(r"^\s*[•●◦▪■‣⁃·►➢\uf0b7\uf0a7–—-]\s*$")  # a bullet set apart from its text
_EDGE_LINES = 3  # of a text page's first and last lines, which may be a running header/footer
_RUNNING_SHARE = 0.4  # repeated at the edge of this share of pages: running text
_SENTENCE_END = tuple('.?!:;"”’)')
_GLUED_FOOTER = re.compile(r"(?<=[a-z])Page \d{1,4} of \d{1,4}$")
_BROKEN_AT_FOOTER = "\u00ad"  # a soft hyphen: the line ends inside a word
_NOTE_NUMBER = re.compile(r"^(\d{1,2})\s")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SPACED_MARK = re.compile(r"(?<=[A-Za-z.,;:)”’])\s+(\[\d{1,2}\])")


def glue_marks(text: str) -> str:
    """Take away the space an extractor set before a raised footnote mark ('assessments. [2]'):
    a mark is always printed against its word."""
    return _SPACED_MARK.sub(r"\1", text)


def running_key(text: str) -> str:
    """A line with its numbers blanked: 'Page 3 of 20' and 'Page 4 of 20' are the same line."""
    return _DIGITS.sub("#", squash(text).casefold())


def is_page_marker(text: str) -> bool:
    """'12', 'Page 3 of 20', '3/20', 'iv': a page number and nothing else."""
    return bool(_PAGE_MARKER.match(squash(text)))


def running_keys(edges: list[list[str]]) -> set[str]:
    """Keys of lines found at the edges of enough pages to be running headers or footers."""
    counts: Counter[str] = Counter()
    for page in edges:
        counts.update({running_key(text) for text in page if not is_structural(text)})
    needed = max(2, _RUNNING_SHARE * len(edges))
    return {key for key, count in counts.items() if key and count >= needed}


def split_pages(text: str) -> tuple[str, list[int]] | None:
    """Text with form feeds (pasted or converted from a PDF): running headers, footers and page
    numbers removed, a paragraph broken by a page joined again. None when there is no form feed.
    Returns the text and the page of each line."""
    if "\f" not in text:
        return None
    pages = [_unglued_footer(page.split("\n")) for page in text.split("\f")]
    edges = [_edge_texts(page) for page in pages]
    running_keys_found = running_keys(edges)
    out: list[str] = []
    numbers: list[int] = []
    kept_once: set[str] = set()  # the first copy of a running line stays: it may be the title
    notes: list[tuple[str, int]] = []  # footnote texts, for the end
    for number, (page, edge) in enumerate(zip(pages, edges, strict=True), start=1):
        kept = []
        for line in page:
            key = running_key(line)
            running = line in edge and (key in running_keys_found or is_page_marker(line))
            if running and (is_page_marker(line) or key in kept_once):
                continue
            if running:
                kept_once.add(key)
            kept.append(line)
        while kept and not kept[0].strip():
            kept.pop(0)
        if kept and notes and _note_goes_on(notes[-1][0], kept[0]):
            notes[-1] = (f"{notes[-1][0].rstrip()} {kept.pop(0).strip()}", notes[-1][1])
        kept, page_notes = _split_notes(kept)
        kept = raise_marks(kept, page_notes)
        notes += [(line, number) for line in page_notes]
        while kept and not kept[-1].strip():
            kept.pop()
        if kept and out and _continues(out, kept[0]):
            last = max(i for i, line in enumerate(out) if line.strip())
            broken = out[last].endswith(_BROKEN_AT_FOOTER)  # the word goes on, unspaced
            joint = "" if broken else " "
            out[last] = f"{out[last].rstrip().removesuffix(_BROKEN_AT_FOOTER)}{joint}{kept.pop(0).strip()}"
            del out[last + 1 :], numbers[last + 1 :]
        out += kept
        numbers += [number] * len(kept)
    if notes:
        out += ["", FOOTNOTES, "", *(line for line, _ in notes)]
        numbers += [notes[0][1]] * 3 + [page for _, page in notes]
    return "\n".join(out), numbers


def _unglued_footer(page: list[str]) -> list[str]:
    """pdftotext glues the footer to a line ending in a broken word when it drops the word's
    hyphen ('They were often parPage 18 of 19'): the footer goes to a line of its own, and the
    line is marked as ending inside a word, to be joined to the next page's first line."""
    filled = [index for index, line in enumerate(page) if line.strip()]
    last = filled[-1] if filled else None
    glued = _GLUED_FOOTER.search(page[last]) if last is not None else None
    if glued is None:
        return page
    return [*page[:last], page[last][: glued.start()] + _BROKEN_AT_FOOTER, glued.group(0), *page[last + 1 :]]


def raise_marks(lines: list[str], notes: list[str]) -> list[str]:
    """A digit glued to a word is a footnote mark when a footnote of that number is printed at
    the foot of the same page (text cannot show it raised): 'POs3' is 'POs³'."""
    numbers = {match.group(1) for note in notes if (match := _NOTE_NUMBER.match(note.strip()))}
    if not numbers:
        return lines
    mark = re.compile(rf"(?<=[A-Za-z])({'|'.join(sorted(numbers))})(?=[\s.,;:)]|$)")
    return [mark.sub(lambda match: match.group(1).translate(_SUPERSCRIPT), line) for line in lines]


def _note_goes_on(note: str, line: str) -> bool:
    """A footnote broken off at the foot of the last page carries on at the top of this one."""
    return not note.rstrip().endswith(_SENTENCE_END) and line.strip()[:1].islower()


def _split_notes(lines: list[str]) -> tuple[list[str], list[str]]:
    """Footnote texts at the foot of a page ('5 The rating for the standard ...'): the last
    lines, from one starting with a footnote number, that only start new notes or carry on."""
    start = len(lines)
    for index in range(len(lines) - 1, -1, -1):
        text = lines[index].strip()
        if not text or text[:1].islower():
            continue
        if not _NOTE_START.match(text) or shapes.bullet(text):
            break
        start = index
    return lines[:start], [line for line in lines[start:] if line.strip()]


def _edge_texts(page: list[str]) -> set[str]:
    filled = [line for line in page if line.strip() and not LONE_GLYPH.match(line)]
    return set(filled[:_EDGE_LINES] + filled[-_EDGE_LINES:])


def _continues(out: list[str], line: str) -> bool:
    """The first line of a page carries on the sentence the last page broke off."""
    previous = next((text for text in reversed(out) if text.strip()), "")
    if not previous or is_structural(previous) or shapes.bullet(line):
        return False
    if previous.rstrip().endswith("%"):  # a table's percentage: the question goes on instead
        return False
    return line.strip()[:1].islower() and not previous.rstrip().endswith(_SENTENCE_END)


def is_structural(text: str) -> bool:
    """Headings, labels and ratings: never running text, and never joined to a paragraph."""
    title, _ = shapes.heading_text(text)
    return bool(
        shapes.label_kind(text)
        or as_rating(text)
        or shapes.standard_heading(title)
        or shapes.domain_heading(title)
        or shapes.is_top_title(title)
    )


def place_lookup(pages: list[int] | None, anchors: list[str | None] | None = None):
    """A function giving where a (0-based) line is printed, as the model's `page` and `anchor`
    fields (the PDF page; the web page's section id), or None for a text with neither."""
    if not pages and not anchors:
        return None

    def place_of(index: int) -> dict:
        return {"page": _item(pages, index), "anchor": _item(anchors, index)}

    return place_of


def _item(values: list | None, index: int):
    return values[index] if values and 0 <= index < len(values) else None


def add_places(report: Report, place_of) -> None:
    """Give each finding and recommendation the place its (1-based) line is printed at."""
    report.findings = [replace(item, **place_of(item.line - 1)) for item in report.findings]
    report.recommendations = [
        replace(item, **place_of(item.line - 1)) for item in report.recommendations
    ]
