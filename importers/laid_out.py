"""Text laid out in columns, as `pdftotext -layout` writes a PDF: read with the PDF's geometry.

Such text keeps each printed line, and where on the line each piece of it stood, as columns of
a fixed-pitch grid: the body indented, a bullet's glyph apart from its text, a table's cells side
by side with runs of spaces between them, the running header and footer on lines of their own,
a form feed between pages. Each row becomes a visual line whose cells start at their column, so
the PDF layout step (`importers.layout`) reads it as it reads a PDF: running headers and footers,
bullets and hanging indents, table rows with cells wrapped over lines, paragraphs across pages.
"""

from __future__ import annotations

import re
from statistics import median

from .pages import glue_marks, raise_marks
from .pdf import LIST_MARKER, Page, VisualLine

_CELL = re.compile(r"\S+(?: {1,2}\S+)*")  # three spaces or more part two cells
_GAP = re.compile(r"\S {3,}\S")
_GOES_ON = re.compile(r"(?:,|\b(?:and|or|of|the|in|to|for|with))$")  # no line ends a paragraph so
_SENTENCE_ENDED = re.compile(r"[.?!][’”)]?(?:\d{1,2}|\[\d{1,2}\])?$")  # marks may follow
_LAID_OUT_SHARE = 0.15  # of filled lines indented or holding a wide gap: laid-out text
_COLUMN = 2.5  # points per column: narrower than a character, so that the grid's rounding (a
# page's indents may sit a column or two off the next page's) stays within the layout step's
# tolerance for lines of one paragraph
_ROW = 12.0  # points per row: a body line's pitch
_SIZE = 10.0  # the font size every row is given: the grid keeps no sizes
_SMALL = 8.0  # ... but a row longer than a full line of body text is set smaller (a footnote)
_FULL_LINE = 1.25  # times the usual full line: more characters than the body's width holds
_SHORT = 0.85  # of where full lines end: a line ending before this ends its paragraph


def looks_laid_out(text: str) -> bool:
    """Pages with form feeds, and many lines indented or holding a wide gap between columns."""
    if "\f" not in text:
        return False
    filled = [line for line in text.split("\n") if line.strip()]
    spaced = sum(1 for line in filled if line.startswith("   ") or _GAP.search(line))
    return len(filled) > 20 and spaced > _LAID_OUT_SHARE * len(filled)


def laid_out_pages(text: str) -> list[Page]:
    """Each form-feed page as visual lines on the character grid."""
    rows = [_centred_cells([row.rstrip() for row in page.split("\n")]) for page in text.split("\f")]
    full = _full_line([row for page in rows for row in page])
    pages = [_page(number, page, full) for number, page in enumerate(rows, start=1)]
    return [page for page in pages if page.lines]


def _centred_cells(rows: list[str]) -> list[str]:
    """A table cell set level with the gap between the two lines of the wrapped cell beside it
    (cells centred vertically) goes on the first line's row, so the row reads as one."""
    kept: list[str] = []
    for index, row in enumerate(rows):
        following = rows[index + 1] if index + 1 < len(rows) else ""
        if kept and _beside_a_wrap(kept[-1], row, following):
            kept[-1] = kept[-1].ljust(_indent(row)) + row.lstrip()
        else:
            kept.append(row)
    return kept


def _beside_a_wrap(above: str, row: str, below: str) -> bool:
    if not (above.strip() and below.strip()) or len(_CELL.findall(row)) != 1:
        return False
    wrapped = _indent(above) == _indent(below)  # the wrapped cell's two lines
    return wrapped and _indent(row) > max(len(above), len(below))  # right of where both end


def _indent(row: str) -> int:
    return len(row) - len(row.lstrip())


def _full_line(rows: list[str]) -> tuple[float, float]:
    """How long a full line of body text is, and where it ends: the medians of the longer
    single-cell rows (a justified paragraph's lines all end there but its last)."""
    single = [row for row in rows if len(_CELL.findall(row)) == 1]
    longest = max((len(row.strip()) for row in single), default=0)
    longer = [row for row in single if len(row.strip()) > longest / 2] or ["x" * 80]
    return median(len(row.strip()) for row in longer), median(len(row) for row in longer)


def _page(number: int, rows: list[str], full: tuple[float, float]) -> Page:
    """A short line of text before one starting in upper case, or before a short one introducing
    a list (' should:'), ends its paragraph: it is set a row lower, as the space between
    paragraphs would set it in the PDF."""
    lines: list[VisualLine] = []
    gaps = 0
    for index, row in enumerate(rows):
        if not row.strip():
            continue
        line = _line(index + gaps, row, full[0])
        if lines and _note_goes_on(lines[-1], line):
            line.size = _SMALL
        lines.append(line)
        following = rows[index + 1] if index + 1 < len(rows) else ""
        gaps += _ends_paragraph(row, following, full[1])
    return Page(number, (len(rows) + gaps) * _ROW, _raise_marks(lines))


def _raise_marks(lines: list[VisualLine]) -> list[VisualLine]:
    """Footnote marks the grid cannot show raised ('POs3' for 'POs³'): see pages.raise_marks."""
    notes = [line.text for line in lines if line.size == _SMALL]
    body = [line for line in lines if line.size != _SMALL]
    for line, text in zip(body, raise_marks([line.text for line in body], notes), strict=True):
        line.text = text
    return lines


def _note_goes_on(previous: VisualLine, line: VisualLine) -> bool:
    """The last, shorter, line of a footnote set small: right under it, where it starts."""
    touching = line.top - previous.top <= _ROW
    return previous.size == _SMALL and line.cells == 1 and touching and line.left == previous.left


def _ends_paragraph(row: str, following: str, edge: float) -> bool:
    if len(_CELL.findall(row)) != 1 or len(_CELL.findall(following)) != 1:
        return False
    following = following.lstrip()
    if len(row) < _SHORT * edge:
        return following[:1].isupper() and not _GOES_ON.search(row)
    introduces = following.endswith(":") and len(following) < _SHORT * edge
    return introduces and _SENTENCE_ENDED.search(row) is not None


def _line(index: int, row: str, full: float) -> VisualLine:
    # U+2010: the hyphen a typesetter adds to break a word, as the PDF reader reads it
    cells = [(m.start(), glue_marks(m.group(0).replace("\u2010", "-"))) for m in _CELL.finditer(row)]
    if len(cells) > 1 and LIST_MARKER.match(cells[0][1]):  # a bullet or number, not a cell
        cells[:2] = [(cells[0][0], f"{cells[0][1]} {cells[1][1]}")]
    left, right = cells[0][0], len(row)
    size = _SMALL if len(cells) == 1 and right - left > _FULL_LINE * full else _SIZE
    top = index * _ROW
    return VisualLine(
        text="\t".join(text for _, text in cells),
        left=left * _COLUMN,
        right=right * _COLUMN,
        top=top,
        bottom=top + _SIZE,
        height=_SIZE,
        size=size,
        cells=len(cells),
        cell_lefts=tuple(start * _COLUMN for start, _ in cells),
    )
