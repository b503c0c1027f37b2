"""Make decoded text safe to store and show in a terminal, without moving any line.

Report text ends up in a SQLite file that many users read in their terminals, and the store
marks search hits with \\x02/\\x03. So control characters, ANSI escape sequences and bidi
overrides (which can reorder what a terminal shows) are removed. Line breaks become `\\n`
(CRLF and CR each count as one), so line N means the same line before and after.
"""

from __future__ import annotations

import re

from probe.domain.text import CONTROL

# ESC-led sequences: CSI (colours, cursor moves), OSC (titles, links; never across a line
# break, so a stray ESC cannot swallow lines), and two-character escapes.
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b\n]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
# Unicode line and paragraph separators (str.splitlines() would break lines there), and lone
# surrogates (from undecodable bytes), which cannot be stored as UTF-8.
_SEPARATOR = re.compile(r"[\u2028\u2029]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def sanitise(text: str) -> tuple[str, list[str]]:
    """Return the cleaned text and a warning for anything that was removed."""
    text = text.removeprefix("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, escapes = _ANSI.subn("", text)
    text, controls = CONTROL.subn("", text)
    text, separators = _SEPARATOR.subn(" ", text)
    text, surrogates = _SURROGATE.subn("\ufffd", text)
    removed = escapes + controls + separators + surrogates
    warnings = []
    if removed:
        warnings.append(
            f"removed {removed} control character(s), escape sequence(s) or invalid character(s)"
        )
    return text, warnings
