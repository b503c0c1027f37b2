"""Text helpers shared by the CLI and the TUI.

Report text is data, never markup: it goes into `rich.text.Text` as plain text, with control
characters (escape sequences included) removed, so nothing in a report can style, link or
move the terminal.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from probe.domain.text import CONTROL
from probe.store.search import HIGHLIGHT_END, HIGHLIGHT_START

if TYPE_CHECKING:
    from rich.text import Text

MATCH_STYLE = "bold underline"  # still visible under NO_COLOR

_WHITESPACE = re.compile(r"\s+")
_MARKERS = re.compile(f"[{HIGHLIGHT_START}{HIGHLIGHT_END}]")


def clean(value: object) -> str:
    """A value as printable text: None becomes "", control characters are dropped."""
    return "" if value is None else CONTROL.sub("", str(value))


def one_line(value: object) -> str:
    """clean(), with tabs and newlines folded to single spaces (for tables and TSV)."""
    return _WHITESPACE.sub(" ", clean(value)).strip()


def safe_text(value: object, style: str = "") -> Text:
    """Report text as a Text that can never be read as markup."""
    from rich.text import Text  # lazily: piped CLI output needs no Rich

    return Text(clean(value), style=style)


def snippet_text(snippet: str) -> Text:
    """A search snippet as Text, the matched words (between the HIGHLIGHT markers) styled."""
    from rich.text import Text

    text = Text()
    matched = False
    for part in re.split(f"([{HIGHLIGHT_START}{HIGHLIGHT_END}])", snippet):
        if part in (HIGHLIGHT_START, HIGHLIGHT_END):
            matched = part == HIGHLIGHT_START
        elif part:
            text.append(_WHITESPACE.sub(" ", clean(part)), style=MATCH_STYLE if matched else "")
    return text


def plain_snippet(snippet: str) -> str:
    """A search snippet without its HIGHLIGHT markers, on one line."""
    return one_line(_MARKERS.sub("", snippet))


def page_label(page: int | None) -> str:
    """'p. 12' for an item printed on page 12 of a PDF; '' when the report had no pages."""
    return f"p. {page}" if page else ""


def console(stderr: bool = False):
    """A Rich console that highlights nothing by itself: report text is never styled by guess."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)
