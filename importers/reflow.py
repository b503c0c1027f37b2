"""Join the hard-wrapped lines of text copied out of a PDF back into paragraphs and bullets.

Text pasted from a PDF viewer or written by `pdftotext` breaks every paragraph at the printed
line ends, and often puts the bullet glyphs of a list in a column of their own ('•' lines) ahead
of the items' text. The parser reads one paragraph or bullet a line, so lines are joined until
something starts a new one: a blank line, a heading or label, a bullet, or a short line ending
a sentence. A column of N glyphs is matched with the N items of the text that follows it, cut at
its N - 1 shortest sentence-ending lines.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from . import lines as shapes
from .layout import hyphen_join, hyphenates, vocabulary_of
from .pages import LONE_GLYPH, glue_marks, is_structural

_PERCENT = re.compile(r"(?:^|\s)\d{1,3}\s*%$")
_SHOULD = re.compile(r"\bshould\s*:$")
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
_SPLIT_WORD = re.compile(r"\b([a-z]{2,}) (?=([a-z]{2,})\b)")  # the tail is not consumed: 'was com pared'
_QUOTES = "\"“‘'"
_REFERS_BACK = re.compile(r"(?:They|This|These|Those|For example|For instance)\b")
_SENTENCE_END = tuple('.?!:;"”’)')
_WRAPPED_SHARE = 0.08  # of lines followed by a line starting in lower case: a wrapped text
_SHORT_LINE = 0.7  # of the usual line length: a line this short may end its paragraph


def looks_wrapped(lines: list[str]) -> bool:
    """Whether paragraphs run over several lines (one paragraph a line has no such breaks)."""
    filled = [line for line in lines if line.strip()]
    breaks = sum(1 for this, after in pairwise(lines) if this.strip() and after[:1].islower())
    return len(filled) > 20 and breaks > _WRAPPED_SHARE * len(filled)


def reflow(lines: list[str], pages: list[int]) -> tuple[list[str], list[int], list[str]]:
    """Paragraphs one a line, a blank line after each; with each line's page, and warnings."""
    width = _usual_length(lines)
    words: set[str] | None = vocabulary_of(lines)
    words = words if hyphenates(lines, words) else None
    out: list[str] = []
    out_pages: list[int] = []
    warnings: list[str] = []
    block: list[tuple[str, int]] = []  # lines of the paragraph (or bullet list) being read
    glyphs = 0  # bullet glyphs seen in a column of their own, waiting for their items

    def close() -> None:
        nonlocal glyphs
        if not block:
            return
        if glyphs and block[0][0][:1].islower() and out[-2:-1] and out[-2].startswith("• "):
            carried = _carried_over(block)  # the end of the bullet a page break cut
            for more, _ in carried:
                out[-2] = hyphen_join(out[-2], more, words)
            del block[: len(carried)]
        items = _split_items(block, glyphs, width, warnings) if glyphs else [block]
        marker = "• " if glyphs else ""
        glyphs = 0
        for item in items:
            text = item[0][0]
            for more, _ in item[1:]:
                text = hyphen_join(text, more, words)
            out.extend([marker + text, ""])
            out_pages.extend([item[0][1]] * 2)
        block.clear()

    table = False  # inside a key-question table: its lines are kept as they are
    for index, (line, page) in enumerate(zip(lines, pages, strict=True)):
        text = line.strip()
        table = _table_goes_on(lines, index) if table else _is_table_header(text)
        if not text:
            close()
        elif table or is_structural(text) or _SHOULD.search(text):
            close()
            out.extend([text, ""])  # a heading, label or table line: a paragraph of its own
            out_pages.extend([page, page])
        elif LONE_GLYPH.match(text):
            close()
            glyphs += 1
        elif (
            shapes.bullet(text)
            and not glyphs
            or block
            and not glyphs
            and _starts_paragraph(block[-1][0], text, width)
        ):
            close()
            block.append((text, page))
        elif block and glyphs and _is_heading_after(block[-1][0], text, width):
            close()  # a heading right after a list whose glyphs stood apart
            out.extend([text, ""])
            out_pages.extend([page, page])
        else:
            block.append((text, page))
            if text.endswith(":") and not glyphs:
                close()
    close()
    compounds = _compounds(vocabulary_of(lines))
    counts = Counter(_LOWER_WORD.findall("\n".join(lines)))
    return [_mend(line, compounds, counts) for line in out], out_pages, warnings


def _mend(line: str, compounds: dict[str, int], counts: Counter) -> str:
    """Undo what the extractor did to words at a line end, and the space it set before a raised
    footnote mark ('assessments. [2]'; a mark is always printed against its word)."""
    line = glue_marks(_rehyphenate(line, compounds))
    return _SPLIT_WORD.sub(lambda match: _rejoined(match, counts), line)


def _rejoined(match: re.Match, counts: Counter) -> str:
    """'com pared': two halves found nowhere else in the report, of a word found in it. The
    match is the head and its space; the tail follows it."""
    head, tail = match.group(1), match.group(2)
    whole = counts[head] == counts[tail] == 1 and counts[head + tail] > 0
    return head if whole else match.group(0)


def _compounds(words: set[str]) -> dict[str, int]:
    """Where the hyphen goes back into a compound the extractor joined at a line end
    ('offencerelated' for 'offence-related'): each compound of the report, written without
    one of its hyphens, with that hyphen's position."""
    joined: dict[str, int] = {}
    for word in words:
        at = word.find("-")
        while at > 0:
            joined.setdefault(word[:at] + word[at + 1 :], at)
            at = word.find("-", at + 1)
    return joined


def _rehyphenate(line: str, compounds: dict[str, int]) -> str:
    def restore(match: re.Match) -> str:
        word = match.group(0)
        at = compounds.get(word.casefold())
        return word if at is None else f"{word[:at]}-{word[at:]}"

    return _WORD.sub(restore, line) if compounds else line


def _carried_over(block: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The lines up to the first that ends a sentence: the rest of an item from the page before."""
    for index, (text, _) in enumerate(block):
        if text.endswith(_SENTENCE_END):
            return block[: index + 1]
    return block


def _is_heading_after(previous: str, text: str, width: int) -> bool:
    title, _ = shapes.heading_text(text)
    return (
        previous.endswith(_SENTENCE_END)
        and shapes.title_like(title)
        and len(text) < _SHORT_LINE * width
    )


def _is_table_header(text: str) -> bool:
    return shapes.is_table_header(text) or shapes.is_table_header_part(text)


def _table_goes_on(lines: list[str], index: int) -> bool:
    """A key-question table holds header parts, percentages, and questions wrapped over a few
    lines: it goes on while a line ending in '?' comes before any line ending a sentence."""
    text = lines[index].strip()
    if not text or _is_table_header(text) or _PERCENT.match(text):
        return True
    ahead = [line.strip() for line in lines[index : index + 8] if line.strip()][:4]
    for line in ahead:
        if line.endswith("?") or _PERCENT.search(line):
            return True
        if line.endswith((".", ":")) or is_structural(line):
            return False
    return False


def _usual_length(lines: list[str]) -> int:
    """The length of a full printed line: the median of the longer lines."""
    lengths = sorted(len(line.strip()) for line in lines if len(line.strip()) >= 40)
    return lengths[len(lengths) // 2] if lengths else 80


def _last_line_length(text: str, width: int) -> int:
    """How far the last printed line of `text` reaches: extractors sometimes put two or three
    printed lines on one line of text."""
    return len(text) if len(text) <= width * 1.1 else (len(text) - 1) % width + 1


def _starts_paragraph(previous: str, text: str, width: int) -> bool:
    """A line well short of the usual length ends its paragraph (or is a title of its own),
    unless the next line carries on in lower case."""
    return not text[:1].islower() and _last_line_length(previous, width) < _SHORT_LINE * width


def _quotes_on(text: str, following: str) -> bool:
    """A quoted testimony after the item that introduces it with ':' is part of that item."""
    return text.endswith(":") and following[:1] in _QUOTES


def _split_items(block, count: int, width: int, warnings: list[str]) -> list[list]:
    """Cut the text under a column of `count` bullet glyphs into `count` items, at the
    shortest lines that end a sentence before a line starting a new one."""
    candidates = [
        index
        for index in range(len(block) - 1)
        if block[index][0].endswith(_SENTENCE_END)
        and not block[index + 1][0][:1].islower()
        and not _quotes_on(block[index][0], block[index + 1][0])
    ]
    by_shortness = sorted(
        candidates,
        key=lambda i: (_REFERS_BACK.match(block[i + 1][0]) is not None, _last_line_length(block[i][0], width)),
    )  # a sentence opening with a word that points back ('They ...') goes on the item before
    cuts = sorted(by_shortness[: count - 1])
    if len(cuts) < count - 1:
        warnings.append(
            f"page {block[0][1]}: {count} bullets but only {len(cuts) + 1} items found under them"
        )
    items, start = [], 0
    for cut in cuts:
        items.append(block[start : cut + 1])
        start = cut + 1
    items.append(block[start:])
    return items
