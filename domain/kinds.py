"""The kinds of text probe searches, and the words it shows for them everywhere.

The stored value (and the JSON/TSV field) is the key; people read the label, and may type the
key, the label or a short alias wherever a kind is asked for.
"""

from __future__ import annotations

KINDS = ("strength", "area_for_improvement", "finding", "recommendation")

KIND_LABELS = {
    "strength": "strength",
    "area_for_improvement": "area for improvement",
    "finding": "finding",
    "recommendation": "recommendation",
}
KIND_TITLES = {
    "strength": "Strengths",
    "area_for_improvement": "Areas for improvement",
    "finding": "Findings",
    "recommendation": "Recommendations",
}
_ALIASES = {"improvement": "area_for_improvement", "areas for improvement": "area_for_improvement"}


def parse_kind(word: str) -> str | None:
    """The kind a person meant ("improvement", "Area for improvement", "strengths"...), or None."""
    key = " ".join(word.replace("_", " ").casefold().split())
    for kind, label in KIND_LABELS.items():
        if key in (label, f"{label}s"):
            return kind
    return _ALIASES.get(key)
