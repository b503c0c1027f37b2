"""Read the text layer of a PDF with pdfium: each page as visual lines with their geometry.

pdfium's text rectangles are runs of text on one line; runs that share a line are merged into
one `VisualLine`, with a tab where a wide gap separates them (a table's columns, a contents
entry's page number). Geometry stays on each line so the layout step can tell paragraphs,
bullets, headings, running headers and footnotes apart. No OCR: a page without a text layer
gives no lines, and a document with hardly any text is refused as a scan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .limits import MAX_PDF_PAGES
from probe.domain.model import ReportError

_EOF_WITHIN = 2048  # a complete PDF ends with %%EOF, give or take a little trailing junk
_MIN_CHARS_PER_PAGE = 200  # a report page holds 1,500-3,000 characters; a scan holds none
_COLUMN_GAP = 0.6  # a gap wider than this many line heights separates two cells
LIST_MARKER = re.compile(r"^(?:[^\w\s]|\d{1,2}[.)]|[a-z][.)]|o)$")
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_CLOSING = frozenset(".,;:!?)]’”")
_WORD_GAP = 0.15  # a gap wider than this many font sizes separates two words
_MARK_GAP = 0.4  # ... or a word and a superscript footnote mark
_MADE_UP_SIZE = 1.0  # pdfium gives the spaces it makes up between words this font size


@dataclass
class VisualLine:
    text: str  # cells joined by a tab
    left: float
    right: float
    top: float  # distance from the top of the page, in points (grows downwards)
    bottom: float
    height: float  # of the tallest text run
    size: float  # font size of the line's longest run, in points
    cells: int = 1
    cell_lefts: tuple[float, ...] = ()  # where each cell starts, for table rows


@dataclass
class Page:
    number: int  # 1-based, as printed by a viewer
    height: float
    lines: list[VisualLine]


def read_pdf(data: bytes) -> list[Page]:
    """The pages of a PDF document, or a one-line ReportError for anything unreadable."""
    import pypdfium2 as pdfium

    if b"%%EOF" not in data[-_EOF_WITHIN:]:
        raise ReportError("truncated PDF: it does not end with %%EOF (an unfinished download?)")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise ReportError(_open_failure(str(error))) from None
    try:
        count = len(document)
        if count > MAX_PDF_PAGES:
            raise ReportError(
                f"PDF has {count:,} pages, over the {MAX_PDF_PAGES} page limit for one report"
            )
        if count == 0:
            raise ReportError("PDF has no pages")
        pages = [_read_page(document, index) for index in range(count)]
    except pdfium.PdfiumError as error:
        raise ReportError(f"corrupt PDF: {error}") from None
    finally:
        document.close()
    chars = sum(len(line.text) for page in pages for line in page.lines)
    if chars < _MIN_CHARS_PER_PAGE * min(count, 3):
        raise ReportError(
            "PDF has no text layer (a scanned document?); probe reads text, it does no OCR"
        )
    return pages


def _open_failure(message: str) -> str:
    if "password" in message.casefold():
        return "PDF is password-protected; save an unprotected copy first"
    if "security" in message.casefold():
        return "PDF uses an unsupported security handler (encrypted)"
    return "corrupt or truncated PDF: pdfium cannot open it"


def _read_page(document, index: int) -> Page:
    page = document[index]
    try:
        _, height = page.get_size()
        textpage = page.get_textpage()
        try:
            runs = [
                (height - top, height - bottom, left, right, text, size)
                for left, bottom, right, top, text, size in _runs(textpage)
                if text.strip()
            ]
        finally:
            textpage.close()
    finally:
        page.close()
    return Page(index + 1, height, _lines(runs))


def _runs(textpage) -> list[tuple[float, float, float, float, str, float]]:
    """Each text rectangle pdfium finds, with its text and font size. A rectangle's text is the
    page text from its first character to the next rectangle's (pdfium makes rectangles from
    the characters in order): one lookup each, where asking for the text inside a rectangle
    scans the whole page every time."""
    import pypdfium2.raw as pdfium_c

    rects = [textpage.get_rect(number) for number in range(textpage.count_rects())]
    starts = _increasing([_first_char(textpage, rect) for rect in rects])
    full = textpage.get_text_range()
    runs = []
    for number, (rect, start) in enumerate(zip(rects, starts, strict=True)):
        end = starts[number + 1] if number + 1 < len(starts) else len(full)
        if start is None or end is None:
            text, size = textpage.get_text_bounded(*rect), _probed_size(textpage, rect)
        else:
            raw = full[start:end]
            text = raw.replace("\r", "").replace("\n", " ")
            size = _run_size(textpage, raw, start) or _probed_size(textpage, rect)
        runs.append((*rect, text.replace("\ufffe", "-"), size))
    return runs


def _run_size(textpage, raw: str, start: int) -> float:
    """The font size of a run's text: the largest of its first, middle and last letters, as a
    run may begin with a superscript footnote mark ('[1] for assessment'); 0 when it has none.
    Spaces are not asked: pdfium gives those it makes up between words a size of 1."""
    import pypdfium2.raw as pdfium_c

    letters = [index for index, char in enumerate(raw) if not char.isspace()]
    if not letters:
        return 0.0
    probes = {letters[0], letters[len(letters) // 2], letters[-1]}
    return max(pdfium_c.FPDFText_GetFontSize(textpage.raw, start + index) for index in probes)


def _probed_size(textpage, rect) -> float:
    """The font size of the text inside the rectangle, asked at three points across it: the
    largest, as the first may land on a footnote mark or a made-up space (size 1)."""
    import pypdfium2.raw as pdfium_c

    left, bottom, right, top = rect
    sizes = [0.0]
    for x in (left + 1, (left + right) / 2, right - 1):
        index = textpage.get_index(x, (top + bottom) / 2, 3, (top - bottom) / 2)
        if index is not None and index >= 0:
            sizes.append(pdfium_c.FPDFText_GetFontSize(textpage.raw, index))
    return max(sizes) if max(sizes) > _MADE_UP_SIZE else top - bottom


def _increasing(starts: list[int | None]) -> list[int | None]:
    """Start indexes that do not follow the previous one were found on a neighbouring line:
    those rectangles are read the slow way."""
    last = -1
    checked: list[int | None] = []
    for start in starts:
        good = start is not None and start > last
        checked.append(start if good else None)
        last = start if good else last
    return checked


def _first_char(textpage, rect) -> int | None:
    """The index of the rectangle's first character, checked: it must start where the
    rectangle does (a superscript or a tight line above can be nearer the point asked)."""
    left, bottom, _, top = rect
    index = textpage.get_index(left + 0.5, (top + bottom) / 2, 1.0, (top - bottom) / 2)
    if index is None or index < 0:
        return None
    char_left, char_bottom, _, char_top = textpage.get_charbox(index)
    inside = abs(char_left - left) < 1.0 and bottom - 1 <= char_bottom and char_top <= top + 1
    return index if inside else None


def _lines(runs: list[tuple]) -> list[VisualLine]:
    """Merge runs that share most of their height into visual lines: a superscript footnote
    mark or a bullet glyph joins the line it sits on."""
    runs.sort(key=lambda run: (run[0], run[2]))
    groups: list[list[tuple]] = []
    for run in runs:
        group = groups[-1] if groups else None
        if group and any(_overlap(run, other) or _cell_beside(run, other) for other in group):
            group.append(run)
        else:
            groups.append([run])
    return [_line(sorted(group, key=lambda run: run[2])) for group in groups]


def _overlap(run: tuple, other: tuple) -> bool:
    shared = min(run[1], other[1]) - max(run[0], other[0])
    return shared > 0.4 * min(run[1] - run[0], other[1] - other[0])


def _cell_beside(run: tuple, other: tuple) -> bool:
    """A table cell set lower than the wrapped cell beside it (centred in its row): it shares
    less of the height, but stands a column's gap to the right."""
    height = min(run[1] - run[0], other[1] - other[0])
    shared = min(run[1], other[1]) - max(run[0], other[0])
    return shared > 0.2 * height and run[2] - other[3] > _COLUMN_GAP * height


def _word_gap(size: float, previous_size: float) -> float:
    """The least gap that is a space: a smaller run (a footnote mark) is glued to its word."""
    return (_MARK_GAP if size < 0.85 * previous_size else _WORD_GAP) * max(size, previous_size)


def _line(group: list[tuple]) -> VisualLine:
    height = max(bottom - top for top, bottom, *_ in group)
    cells: list[str] = [""]
    lefts = [group[0][2]]
    previous = None
    for run in group:
        left, text = run[2], run[4]
        gap = left - previous[3] if previous else 0.0
        if gap > _COLUMN_GAP * height:
            cells.append("")
            lefts.append(left)
        elif previous and _is_mark(run, previous):
            text = text.strip().translate(SUPERSCRIPT)  # a footnote mark, glued to its word
        elif cells[-1] and _spaced(gap, run, previous) and not cells[-1].endswith(" "):
            cells[-1] += " "
        # pdfium's mark for a hyphen ending a line; U+2010 is the hyphen a typesetter adds
        cells[-1] += text.replace("\x02", "-").replace("\u2010", "-")
        previous = run
    texts = [" ".join(cell.split()) for cell in cells]
    if len(texts) > 1 and LIST_MARKER.match(texts[0]):  # a bullet or number, not a cell
        texts[:2] = [f"{texts[0]} {texts[1]}"]
        del lefts[1]
    return VisualLine(
        text="\t".join(texts),
        left=group[0][2],
        right=max(run[3] for run in group),
        top=min(run[0] for run in group),
        bottom=max(run[1] for run in group),
        height=height,
        size=max(group, key=lambda run: len(run[4].strip()))[5],
        cells=len(texts),
        cell_lefts=tuple(lefts),
    )


def _is_mark(run: tuple, previous: tuple) -> bool:
    """Digits set smaller and higher than the word before them: a footnote mark."""
    _, bottom, _, _, text, size = run
    raised = bottom < previous[1] - 0.15 * (previous[1] - previous[0])
    return text.strip().isdecimal() and size < 0.85 * previous[5] and raised


def _spaced(gap: float, run: tuple, previous: tuple | None) -> bool:
    """Whether a gap between two runs is a space: not before closing punctuation, and only a
    wide one after a footnote mark."""
    if previous is None or run[4][:1] in _CLOSING:
        return False
    return gap > _word_gap(run[5], previous[5])
