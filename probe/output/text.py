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


def place_label(page: int | None, anchor: str | None = None, url: str | None = None) -> str:
    """Where an item is printed, to cite it: 'p. 12' on page 12 of a PDF; on a web page, its
    section's address, 'https://.../gwent-pdu/#standard-2-3' (or '#standard-2-3' without the
    page's address); '' when the report had neither."""
    if page:
        return f"p. {page}"
    return f"{url or ''}#{anchor}" if anchor else ""


def section_url(url: str | None, anchor: str | None) -> str | None:
    """A web page section's full address, when both the page's address and the anchor are known."""
    return f"{url}#{anchor}" if url and anchor else None


def console(stderr: bool = False):
    """A Rich console that highlights nothing by itself: report text is never styled by guess."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)
