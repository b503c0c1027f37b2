"""SVG snapshots of the explorer at 80x24 and 120x40 (update: pytest --snapshot-update).

The database holds the five bundled reports, so every screen shows fixed, real data. Most are
in truecolor; the `sixteen_colours` ones show what a 16-colour terminal (TERM=screen, linux)
receives.
"""

from __future__ import annotations

import io
from pathlib import Path

from rich.color import ColorSystem
from rich.console import Console
from rich.segment import Segment, Segments
from rich.style import Style

import probe.tui.app
from probe.tui.app import ProbeApp
from tui_fixtures import corpus_db, details_shown  # noqa: F401 (fixture)

NARROW = (80, 24)
WIDE = (120, 40)
GWENT = ["j"]  # second in the list sorted by name


def pressing(*keys: str):
    """Press the keys, each once the report's details it led to have loaded (in a worker
    thread): the next key may act on them."""

    async def press_and_wait(pilot) -> None:
        await pilot.pause()  # run_before runs as soon as the app starts
        await details_shown(pilot)
        for key in keys:
            await pilot.press(key)
            await details_shown(pilot)

    return press_and_wait


async def search_home_visits(pilot) -> None:
    await pilot.press("slash", *"home", "space", *"visits")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_first_home_visits_hit(pilot) -> None:
    await search_home_visits(pilot)
    await pilot.press("enter")
    await pilot.pause()


def test_list_at_80x24(snap_compare, corpus_db):
    assert snap_compare(ProbeApp(corpus_db), run_before=pressing(*GWENT), terminal_size=NARROW)


def test_gwent_ratings_at_80x24(snap_compare, corpus_db):
    assert snap_compare(ProbeApp(corpus_db), run_before=pressing(*GWENT, "enter"), terminal_size=NARROW)


def test_gwent_key_questions_at_80x24(snap_compare, corpus_db):
    assert snap_compare(ProbeApp(corpus_db), run_before=pressing(*GWENT, "enter", "2"), terminal_size=NARROW)


def test_gwent_ratings_at_120x40(snap_compare, corpus_db):
    assert snap_compare(ProbeApp(corpus_db), run_before=pressing(*GWENT), terminal_size=WIDE)


def test_gwent_key_questions_at_120x40(snap_compare, corpus_db):
    assert snap_compare(ProbeApp(corpus_db), run_before=pressing(*GWENT, "2"), terminal_size=WIDE)


def test_gwent_findings_at_120x40(snap_compare, corpus_db):
    press = [*GWENT, "3", "j", "j", "j", "enter"]  # 2.1 Assessment
    assert snap_compare(ProbeApp(corpus_db), run_before=pressing(*press), terminal_size=WIDE)


def test_compare_matrix_at_120x40(snap_compare, corpus_db):
    assert snap_compare(ProbeApp(corpus_db), run_before=pressing(*GWENT, "4"), terminal_size=WIDE)


def test_search_results_at_120x40(snap_compare, corpus_db):
    app = ProbeApp(corpus_db)
    assert snap_compare(app, run_before=search_home_visits, terminal_size=WIDE)


def test_reader_at_a_finding_at_80x24(snap_compare, corpus_db):
    app = ProbeApp(corpus_db)
    assert snap_compare(app, run_before=open_first_home_visits_hit, terminal_size=NARROW)


def test_help_at_80x24(snap_compare, corpus_db):
    assert snap_compare(ProbeApp(corpus_db), run_before=pressing("question_mark"), terminal_size=NARROW)


def test_list_beside_details_at_100x30(snap_compare, corpus_db):
    assert snap_compare(ProbeApp(corpus_db), run_before=pressing(*GWENT), terminal_size=(100, 30))


def test_compare_matrix_scrolled_right_at_80x24(snap_compare, corpus_db):
    press = [*GWENT, "4", *["right"] * 8]  # to the last standards; PDU and month stay
    assert snap_compare(ProbeApp(corpus_db), run_before=pressing(*press), terminal_size=NARROW)


def test_reader_contents_at_80x24(snap_compare, corpus_db):
    press = [*GWENT, "r", "n", "n", "n", "t"]
    assert snap_compare(ProbeApp(corpus_db), run_before=pressing(*press), terminal_size=NARROW)


def test_gwent_ratings_at_160x48(snap_compare, corpus_db):
    assert snap_compare(ProbeApp(corpus_db), run_before=pressing(*GWENT), terminal_size=(160, 48))


def test_compare_matrix_at_160x48(snap_compare, corpus_db):
    # Every standard on screen, and the PDU names whole.
    assert snap_compare(ProbeApp(corpus_db), run_before=pressing(*GWENT, "4"), terminal_size=(160, 48))


class SixteenColours(ProbeApp):
    """The explorer as a 16-colour terminal shows it: every colour downgraded to the 16 ANSI
    colours the way Rich does when it writes to such a terminal, drawn in the screenshot's
    ANSI palette."""

    # Textual reads CSS_PATH relative to the module of the class that sets it: here, this one.
    CSS_PATH = [Path(probe.tui.app.__file__).parent / path for path in ProbeApp.CSS_PATH]

    def export_screenshot(self, *, title: str | None = None, simplify: bool = False) -> str:
        width, height = self.size
        console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                          color_system="truecolor", record=True, legacy_windows=False, safe_box=False)  # fmt: skip
        screen = self.screen._compositor.render_update(full=True, screen_stack=self._background_screens)
        console.print(Segments(_sixteen(segment) for segment in console.render(screen)))
        return console.export_svg(title=title or self.title)


def _sixteen(segment: Segment) -> Segment:
    style = segment.style
    if style is None or segment.control:
        return segment
    colours = {
        name: colour.downgrade(ColorSystem.STANDARD)
        for name, colour in (("color", style.color), ("bgcolor", style.bgcolor))
        if colour is not None
    }
    return Segment(segment.text, style + Style(**colours) if colours else style)


def test_gwent_ratings_in_sixteen_colours_at_80x24(snap_compare, corpus_db):
    app = SixteenColours(corpus_db)
    assert snap_compare(app, run_before=pressing(*GWENT, "enter"), terminal_size=NARROW)


def test_gwent_ratings_in_sixteen_colours_at_160x48(snap_compare, corpus_db):
    assert snap_compare(SixteenColours(corpus_db), run_before=pressing(*GWENT), terminal_size=(160, 48))
