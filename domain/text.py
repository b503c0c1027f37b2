"""Characters that must never reach a terminal or the database from report text."""

from __future__ import annotations

import re

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""C0 and C1 controls except tab and newline; bidi embeddings, overrides and isolates (which can
reorder what a terminal shows)."""


def safe_name(name: str) -> str:
    """A file name as it may be stored and shown: no control characters, one line."""
    return " ".join(CONTROL.sub("", name).split())
