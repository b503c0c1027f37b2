"""Every rating reads apart from the others by colour and by word, on any terminal: 16
colours (TERM=screen, linux), 256, truecolor, and none at all (NO_COLOR, vt100)."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from probe.domain.ratings import RATINGS
from probe.tui import render

SGR = re.compile(r"\x1b\[([0-9;]*)m")
# Background colour numbers of the 16-colour palette, by hue (bright variants included).
HUES_16 = {"Outstanding": {42, 102}, "Good": {46, 106, 44, 104},
           "Requires improvement": {43, 103}, "Inadequate": {41, 101}}  # fmt: skip


def shown(chip, color_system: str | None) -> tuple[str, str]:
    """(the SGR codes the terminal receives, the text it shows) for one chip."""
    console = Console(file=io.StringIO(), color_system=color_system, force_terminal=True,
                      no_color=color_system is None, width=40)  # fmt: skip
    console.print(chip, end="")
    out = console.file.getvalue()
    return ";".join(SGR.findall(out)), SGR.sub("", out)


@pytest.mark.parametrize("short", [True, False])
@pytest.mark.parametrize("color_system", ["standard", "256", "truecolor"])
def test_each_rating_has_its_own_colours(color_system, short):
    codes = {value: shown(render.rating(value, short=short), color_system)[0] for value in RATINGS}
    assert all(codes.values())
    assert len(set(codes.values())) == len(RATINGS), codes


def background_16(value: str) -> int:
    codes = {int(code) for code in shown(render.rating(value), "standard")[0].split(";")}
    [background] = codes & (set(range(40, 48)) | set(range(100, 108)))
    return background


def test_sixteen_colours_give_green_cyan_yellow_red_even_on_eight_backgrounds():
    for value in RATINGS:
        assert background_16(value) in HUES_16[value], value
    # The linux console shows bright backgrounds (100-107) as the plain ones (40-47).
    folded = {value: background_16(value) % 60 for value in RATINGS}
    assert len(set(folded.values())) == len(RATINGS), folded


@pytest.mark.parametrize("color_system", [None, "standard", "256", "truecolor"])
def test_each_rating_says_its_word(color_system):
    words = [shown(render.rating(value, short=True), color_system)[1].strip() for value in RATINGS]
    assert words == ["Outst", "Good", "RI", "Inad"]
    long = [shown(render.rating(value), color_system)[1].strip() for value in RATINGS]
    assert long == list(RATINGS)
    if color_system is None:  # NO_COLOR: the words alone, no escape codes at all
        assert not any(shown(render.rating(value), None)[0] for value in RATINGS)
