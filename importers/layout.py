"""Turn a PDF's pages of visual lines into report text the parser reads, one page number a line.

What a printed page adds is removed here so that it never becomes data: running headers and
footers (the lines that repeat at the top or bottom of most pages, page numbers and "Page 3 of
20" included), the contents list, and footnote texts (moved to the end, under 'Footnotes').
Wrapped lines are joined back into paragraphs and bullets, across page breaks too; table rows
keep their cells apart with tabs. Structural lines (headings, labels, bullets, ratings) always
start a paragraph of their own, whatever the geometry says.

A little over 300 lines: the rules for joining lines and the hyphenation they need read
together, and laid-out text (importers.laid_out) runs the same steps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import lines as shapes
from .pages import FOOTNOTES, is_page_marker, is_structural, running_key, running_keys
from .pdf import Page, VisualLine
from .text import as_rating

_MARGIN = 0.12  # running headers and footers sit in the top and bottom 12% of a page
_DOT_LEADER = re.compile(r"\s*(?:\.\s*){3,}\s*(\d{1,3})$|\s*…+\s*(\d{1,3})$")
_BULLET_GLYPH = re.compile(
    r"^(?:[\uf000-\uf0ff\u25a0-\u25ff\u2700-\u27bf•●◦▪■‣⁃·►➢✓➤]\s*|o\s+)(?=\S)"
)
_FOOTNOTE_START = re.compile(r"^(?:\d{1,2}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d{1,2}\])\s*\S")
_SENTENCE_END = tuple('.?!:;"”’)')
_LINE_PITCH = 1.6  # lines of a paragraph are closer than this many font sizes apart
_WORD = re.compile(r"[A-Za-z]+")
_NOTE_NUMBER = re.compile(r"\d{1,3}[.)]?\s")  # '3. The rating for the standard ...'
# English words that mostly start a hyphenated compound ('short-term', 'cross-grade')
_COMPOUND_HEADS = frozenset(
    [
        "cross",
        "short",
        "long",
        "well",
        "high",
        "low",
        "self",
        "non",
        "co",
        "pre",
        "post",
        "full",
        "part",
        "face",
        "one",
        "two",
        "three",
        "first",
        "joint",
    ]
)
_TOKEN = re.compile(r"[a-z]+(?:-[a-z]+)*")
_BROKEN = re.compile(r"([A-Za-z]+(?:-[A-Za-z]+)*) ?-$")
_LONGEST_BREAK = 80  # characters: no broken word or compound is longer
_NUMBER_HYPHEN = re.compile(r"\d-$")  # '18-25-' / 'year-olds': nobody hyphenates a number


@dataclass
class Paragraph:
    lines: list[VisualLine]
    page: int  # where it starts
    bullet: bool = False
    last_page: int = 0  # where its last line is
    cells: list[str] = field(default_factory=list)  # a table row's cells, wrapped lines joined


def page_text(pages: list[Page]) -> tuple[str, list[int]]:
    """The report text and, for each of its lines, the page it is printed on."""
    sizes = sorted(line.size for page in pages for line in page.lines)
    body_size = sizes[len(sizes) // 2]  # (statistics.median: 40 ms to import)
    running = _running_keys(pages)
    paragraphs: list[Paragraph] = []
    notes: list[Paragraph] = []  # footnote texts, for the end of the text
    for page in pages:
        body = [line for line in _strip_edges(page, running) if not _is_contents_entry(line)]
        body, page_notes = _split_footnotes(body, body_size)
        for line in body:
            _place(paragraphs, line, page.number)
        notes += [Paragraph([note], page.number) for note in _join_notes(page_notes)]
    if notes and not _ends_with_own_notes(paragraphs):
        heading = VisualLine(FOOTNOTES, 0, 0, 0, 0, body_size, body_size)
        paragraphs.append(Paragraph([heading], notes[0].page))
    paragraphs += notes
    texts = [line.text for page in pages for line in page.lines]
    vocabulary = vocabulary_of(texts)
    return _render(paragraphs, vocabulary if hyphenates(texts, vocabulary) else None)


def _ends_with_own_notes(paragraphs: list[Paragraph]) -> bool:
    """The report ends with its own 'Footnotes' heading and numbered notes (web-page reports
    printed): the notes from the foot of its pages go on under it, not under a second one."""
    for paragraph in reversed(paragraphs):
        text = paragraph.lines[0].text.strip()
        if text.casefold() == FOOTNOTES.casefold() and len(paragraph.lines) == 1:
            return True
        if not _NOTE_NUMBER.match(text):
            return False
    return False


def _running_keys(pages: list[Page]) -> set[str]:
    return running_keys([[line.text for line in _edge_lines(page)] for page in pages])


def _edge_lines(page: Page) -> list[VisualLine]:
    top, bottom = page.height * _MARGIN, page.height * (1 - _MARGIN)
    return [line for line in page.lines if line.bottom <= top or line.top >= bottom]


def _strip_edges(page: Page, running: set[str]) -> list[VisualLine]:
    edges = {id(line) for line in _edge_lines(page)}
    return [
        line
        for line in page.lines
        if id(line) not in edges
        or not (running_key(line.text) in running or is_page_marker(line.text))
    ]


def _is_contents_entry(line: VisualLine) -> bool:
    return bool(_DOT_LEADER.search(line.text)) or shapes.is_toc_entry(line.text)


def _split_footnotes(
    body: list[VisualLine], body_size: float
) -> tuple[list[VisualLine], list[VisualLine]]:
    """Footnote texts: smaller lines at the foot of the page, the first starting with a number."""
    start = len(body)
    while start > 0 and body[start - 1].size < body_size * 0.9 and body[start - 1].cells == 1:
        start -= 1
    while start < len(body) and not _FOOTNOTE_START.match(body[start].text):
        start += 1
    return body[:start], body[start:]


def _join_notes(notes: list[VisualLine]) -> list[VisualLine]:
    joined: list[VisualLine] = []
    for note in notes:
        if joined and not _FOOTNOTE_START.match(note.text):
            joined[-1] = _merge(joined[-1], note)
        else:
            joined.append(note)
    return joined


def _merge(first: VisualLine, second: VisualLine) -> VisualLine:
    return VisualLine(
        f"{first.text} {second.text}", first.left, second.right, first.top, second.bottom,
        first.height, first.size, first.cells,
    )  # fmt: skip


def _place(paragraphs: list[Paragraph], line: VisualLine, page: int) -> None:
    """Add one line to the last paragraph or start a new one."""
    last = paragraphs[-1] if paragraphs else None
    if last is not None and last.cells and _wraps_in_cell(last, line, page):
        return
    bullet = bool(_BULLET_GLYPH.match(line.text) or shapes.bullet(line.text))
    if bullet and last is not None and _wrapped_number(last, line):
        bullet = False  # '60) who responded...': a number that wrapped to the line start
    if last is not None and not bullet and _continues(last, line, page):
        last.lines.append(line)
        last.last_page = page
        return
    cells = line.text.split("\t") if line.cells > 1 else []
    paragraphs.append(Paragraph([line], page, bullet, page, cells=cells))


def _wrapped_number(paragraph: Paragraph, line: VisualLine) -> bool:
    """A line starting '60)' or '3.' under the text of a bullet, not under its glyph."""
    item = shapes.bullet(line.text)
    return (
        item is not None
        and item.number is not None
        and not _BULLET_GLYPH.match(line.text)
        and paragraph.bullet
        and line.left > paragraph.lines[0].left + 3
    )


def _wraps_in_cell(row: Paragraph, line: VisualLine, page: int) -> bool:
    """A line wrapped inside one cell of the table row above: added to that cell."""
    previous = row.lines[-1]
    if line.cells > 1 or page != row.last_page or structural(line.text):
        return False
    if min(line.top - previous.top, line.bottom - previous.bottom) > _LINE_PITCH * line.size:
        return False
    for column, left in enumerate(row.lines[0].cell_lefts):
        if abs(line.left - left) < 4:
            if column == 0 and row.cells[0].endswith(_SENTENCE_END):
                return False  # the next row starts, its other cells further down
            row.cells[column] = f"{row.cells[column]} {line.text}"
            row.lines.append(line)
            return True
    return False


def _continues(paragraph: Paragraph, line: VisualLine, page: int) -> bool:
    previous, first = paragraph.lines[-1], paragraph.lines[0]
    if first.cells > 1 or line.cells > 1 or structural(first.text):
        return False
    if structural(line.text) and not (as_rating(line.text) and not line.text[:1].isupper()):
        return False  # a rating word in quotes may be a wrapped word of a sentence
    if abs(line.size - previous.size) > 0.5:
        return False
    if previous.text.endswith((":", "?")) and not line.text[:1].islower():
        return False  # a list or a table's question ends there
    if not _aligned(paragraph, line):
        return False
    if page != paragraph.last_page:  # the first line of a new page: no gap to measure
        indented_under_bullet = paragraph.bullet and line.left > first.left + 3
        return (
            indented_under_bullet
            or not previous.text.endswith(_SENTENCE_END)
            or line.text[:1].islower()
        )
    pitch = min(line.top - previous.top, line.bottom - previous.bottom)
    return pitch < _LINE_PITCH * line.size


def _aligned(paragraph: Paragraph, line: VisualLine) -> bool:
    """A wrapped line starts where the paragraph's other wrapped lines do, or under a bullet's
    text; a first line may be indented."""
    lines = paragraph.lines
    if len(lines) > 1:
        return abs(line.left - lines[1].left) < 6
    if paragraph.bullet:
        return lines[0].left + 3 < line.left < lines[0].left + 40
    return lines[0].left - 40 < line.left < lines[0].left + 6


def _spelled_whole(whole: str, head: int, vocabulary: set[str]) -> bool:
    """The report writes the word unbroken somewhere: 'highlighting', or 'highlighted' for
    'high-' + 'lighting' (the same start, three letters past the break)."""
    stem = whole[: head + 3]
    return whole in vocabulary or any(word.startswith(stem) for word in vocabulary)


def structural(text: str) -> bool:
    return is_structural(text) or shapes.is_table_header(text)


def vocabulary_of(texts: list[str]) -> set[str]:
    """The report's words, casefolded, compounds with their hyphen; the halves of a word broken
    at a line's end ('chal-' / 'lenging') are not words."""
    words: set[str] = set()
    broken = False
    for text in texts:
        tokens = _TOKEN.findall(text.casefold())
        ends_broken = text.endswith("-")
        for token in tokens[int(broken) : len(tokens) - int(ends_broken)]:
            words.update((token, *token.split("-")))
        broken = ends_broken
    return words


def hyphenates(texts: list[str], vocabulary: set[str]) -> bool:
    """Whether the document breaks words at line ends ('chal-' / 'lenging'), as word processors
    with hyphenation on do: then a hyphen ending a line is usually not part of the word."""
    tails, fragments, broken = 0, 0, False
    for text in texts:
        first = _WORD.match(text)
        if broken and first and text[:1].islower():
            tails += 1
            fragments += first.group(0).casefold() not in vocabulary
        broken = bool(_BROKEN.search(text))
    return fragments >= 2 and fragments > 0.3 * tails


def _render(paragraphs: list[Paragraph], vocabulary: set[str] | None) -> tuple[str, list[int]]:
    """One line a paragraph, a blank line after it. `vocabulary` is None when the document does
    not hyphenate words, so every hyphen ending a line is kept."""
    out: list[str] = []
    pages: list[int] = []
    for paragraph in paragraphs:
        out += [_paragraph_text(paragraph, vocabulary), ""]
        pages += [paragraph.page, paragraph.page]
    return "\n".join(out), pages


def _paragraph_text(paragraph: Paragraph, vocabulary: set[str] | None) -> str:
    if paragraph.cells:
        return "\t".join(paragraph.cells)
    text = paragraph.lines[0].text
    for line in paragraph.lines[1:]:
        text = hyphen_join(text, line.text, vocabulary)
    if paragraph.bullet and not shapes.bullet(text):
        text = _BULLET_GLYPH.sub("• ", text, count=1)
    return text


def hyphen_join(text: str, more: str, vocabulary: set[str] | None) -> str:
    """Join a wrapped line. A word broken with a hyphen ('chal-' + 'lenging') is made whole,
    unless the report writes it with the hyphen or its halves are words ('well-' +
    'established'); a soft hyphen always goes. With no vocabulary (a document that does not
    hyphenate words) a hyphen ending a line is kept."""
    if text.endswith("\xad"):
        return text[:-1] + more
    if _NUMBER_HYPHEN.search(text) and more[:1].isalnum():
        return text + more  # the report's own hyphen, after which the line could break
    # Only the end of the text: searching all of a growing paragraph made joining quadratic.
    start = max(0, len(text) - _LONGEST_BREAK)
    broken, tail = _BROKEN.search(text, start), _WORD.match(more)
    if broken is None or tail is None or not more[:1].islower():
        return f"{text} {more}"
    head, rest = broken.group(1), tail.group(0)
    keep = vocabulary is None or _keeps_hyphen(head, rest, vocabulary)
    return f"{text[: broken.start(1)]}{head}{'-' if keep else ''}{more}"


def _keeps_hyphen(head: str, tail: str, vocabulary: set[str]) -> bool:
    """'one-to' + 'one' and 'well' + 'established' keep it; 'chal' + 'lenging' does not."""
    last, whole = head.rsplit("-", 1)[-1], f"{head}{tail}".casefold()
    if whole in vocabulary:
        return False
    # Before the stem guess below, which 'present' would answer for 'pre-' + 'sentence'.
    if f"{head}-{tail}".casefold() in vocabulary:
        return True
    if _spelled_whole(whole, len(head), vocabulary):
        return False
    return (
        last.casefold() in _COMPOUND_HEADS
        or (len(last) > 2 and len(tail) > 3 and {last.casefold(), tail.casefold()} <= vocabulary)
    )
