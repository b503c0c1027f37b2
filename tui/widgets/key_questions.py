"""The selected report's key questions: percent, bar, band, and how it compares across reports.

A question's band is probe's reading of its percent, not a rating: the Inspectorate rates the
standard, usually at the band of its lowest question, sometimes (inspectors' judgement) not.
"""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.reactive import var
from textual.widgets import Static

from probe.output.text import safe_text
from probe.domain.model import Report, Standard
from probe.domain.ratings import RATINGS
from probe.store.analysis import QuestionStats
from probe.tui import render

if TYPE_CHECKING:
    from probe.tui.details import LoadedReport

QUESTION_INDENT = 7
DRIVES = "▶"
LEGEND = Text.assemble(
    (DRIVES, "bold"),
    " lowest question of a rated standard. The standard's rating follows the band of its "
    "lowest question (80%+ Outstanding, 65-79% Good, 50-64% Requires improvement, under 50% "
    "Inadequate) unless inspectors used their judgement. Median and rank: across all reports.",
    style="dim",
)


def _median(value: float) -> str:
    return f"{value:g}"


def _stats_row(stats: QuestionStats, drives: bool) -> Table:
    row = Table.grid(padding=(0, 1))
    row.add_column(width=1)
    row.add_column(width=4, justify="right")
    row.add_column(width=10)
    row.add_column(ratio=1)
    # The band in plain words, set apart from the coloured chips that are the Inspectorate's.
    facts = Text.assemble(
        ("band ", "dim"),
        stats.band,
        (f" · median {_median(stats.median)} · rank {stats.rank}/{stats.of}", "dim"),
    )
    row.add_row(
        Text(DRIVES, style="bold") if drives else Text(""),
        Text(f"{stats.percent}%", style="bold"),
        render.bar(stats.percent),
        facts,
    )
    return row


def judgement_note(standard: Standard | None, questions: list[QuestionStats]) -> Text | None:
    """Says when a standard's rating is not the band of its lowest question."""
    if standard is None or standard.rating not in RATINGS:
        return None
    lowest = min(questions, key=lambda item: item.percent)
    if lowest.band == standard.rating or lowest.band not in RATINGS:
        return None
    above = RATINGS.index(standard.rating) < RATINGS.index(lowest.band)
    return Text(
        f"rated {standard.rating}: {'above' if above else 'below'} the band of its lowest "
        "question (inspectors' judgement)",
        style="italic",
    )


def _standard_heading(code: str, standard: Standard | None) -> Table:
    heading = Table.grid(expand=True, padding=(0, 1))
    heading.add_column(ratio=1)
    heading.add_column(justify="right")
    name = safe_text(f"{code} {standard.name}" if standard else code, "bold underline")
    if standard is None:
        chip = Text("")
    elif standard.rating is None:
        chip = Text("not rated", style="dim")
    else:
        chip = render.rating(standard.rating)
    heading.add_row(name, chip)
    return heading


def key_question_table(report: Report, stats: list[QuestionStats]) -> RenderableType:
    if not stats:
        return Text("This report has no key-question tables.")
    standards = {standard.code: standard for standard in report.standards}
    parts: list[RenderableType] = [LEGEND, Text("")]
    for code, group in groupby(stats, key=lambda item: item.standard_code):
        questions = list(group)
        standard = standards.get(code)
        rated = standard is not None and standard.rating is not None
        parts.append(_standard_heading(code, standard))
        note = judgement_note(standard, questions)
        if note is not None:
            parts.append(note)
        for item in questions:
            parts.append(_stats_row(item, drives=rated and item.drives_rating))
            parts.append(Padding(safe_text(item.question), (0, 0, 0, QUESTION_INDENT)))
        parts.append(Text(""))
    return Group(*parts)


class KeyQuestionsPane(VerticalScroll):
    """Scrolls; the content is re-flowed to the pane's width."""

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False, id="cursor.down"),
        Binding("k", "scroll_up", "Up", show=False, id="cursor.up"),
    ]

    loaded: var[LoadedReport | None] = var(None, init=False)  # set by the explorer

    def compose(self):
        yield Static(id="questions-body")

    def watch_loaded(self, loaded: LoadedReport | None) -> None:
        if loaded is None:
            return
        if loaded.stats is None:  # the explorer is reading them
            self.query_one("#questions-body", Static).update(Text("Loading key questions…"))
        else:
            self.show(loaded.report, loaded.stats)

    def show(self, report: Report, stats: list[QuestionStats]) -> None:
        self.query_one("#questions-body", Static).update(key_question_table(report, stats))
        self.scroll_home(animate=False)
