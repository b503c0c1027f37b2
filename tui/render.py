"""Rating chips, bars and scores as Rich `Text` for the TUI.

Report text itself goes through `probe.output.text` (shared with the CLI): `safe_text` and `clean`
keep it literal, so brackets and markup-like text stay plain text and control characters never
reach the terminal.
"""

from __future__ import annotations

from rich.text import Text

from probe.domain.ratings import RATINGS
from probe.output.text import clean

# Backgrounds chosen so that terminals of 16 colours (TERM=screen, linux) still get four
# different hues, green, cyan, yellow and red, even where bright backgrounds fold to the 8
# plain ones (the linux console); 256-colour and truecolor terminals get these shades.
RATING_STYLES = {
    "Outstanding": "bold #0b3d0b on #7ee07e",
    "Good": "bold #0b2a3d on #70c0e8",
    "Requires improvement": "bold #3d2a00 on #f0c85a",
    "Inadequate": "bold #ffffff on #c82828",
}
SHORT_RATINGS = {
    "Outstanding": "Outst",
    "Good": "Good",
    "Requires improvement": "RI",
    "Inadequate": "Inad",
}
NOT_RATED = "–"
# Short chips share one width, so a column of them (and its "–" marks) lines up.
SHORT_WIDTH = max(len(label) for label in SHORT_RATINGS.values()) + 1


def rating(value: str | None, *, short: bool = False) -> Text:
    """A rating as a coloured chip that also says the word, so it reads without colour.

    Tables showing chips set `cursor_foreground_priority="renderable"`: the chip keeps its
    own dark-on-light colours on the cursor row instead of taking the cursor's text colour.
    """
    if value not in RATING_STYLES:
        label = NOT_RATED if value is None else clean(value)
        return Text(label.center(SHORT_WIDTH) if short else label, style="dim")
    label = SHORT_RATINGS[value].center(SHORT_WIDTH) if short else f" {value} "
    # A styled span, not a base style, so table cells do not stretch the colour.
    return Text.assemble((label, RATING_STYLES[value]))


def bar(percent: int, width: int = 10) -> Text:
    """A percentage as a bar of `width` cells; the number is shown next to it elsewhere."""
    filled = round(max(0, min(percent, 100)) * width / 100)
    return Text.assemble(("█" * filled, "bold"), ("░" * (width - filled), "dim"))


def warnings_label(count: int) -> str:
    """'⚠ 2 import warnings': the importer missed parts of a report."""
    return f"⚠ {count} import warning{'' if count == 1 else 's'}"
