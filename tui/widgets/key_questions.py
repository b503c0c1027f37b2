"""The selected report's key questions: percent, bar, band, and how it compares across reports."""

from __future__ import annotations

from itertools import groupby

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from probe.display import safe_text
from probe.importers.model import Report
from probe.store.read import QuestionStats
from probe.tui import render

QUESTION_INDENT = 7
DRIVES = "▶"
LEGEND = Text.assemble(
    (DRIVES, "bold"),
    " lowest percent of its standard: drives the rating. "
    "Median and rank: across all reports.",
    style="dim",
)


def _median(value: float) -> str:
    return f"{value:g}"


def _stats_row(stats: QuestionStats, band_width: int) -> Table:
    row = Table.grid(padding=(0, 1))
    row.add_column(width=1)
    row.add_column(width=4, justify="right")
    row.add_column(width=10)
    row.add_column(width=band_width)
    row.add_column()
    row.add_row(
        Text(DRIVES, style="bold") if stats.drives_rating else Text(""),
        Text(f"{stats.percent}%", style="bold"),
        render.bar(stats.percent),
        render.rating(stats.band),
        Text(f"median {_median(stats.median)} · rank {stats.rank}/{stats.of}"),
    )
    return row


def _standard_heading(code: str, report: Report) -> Table:
    standard = next((s for s in report.standards if s.code == code), None)
    heading = Table.grid(expand=True, padding=(0, 1))
    heading.add_column(ratio=1)
    heading.add_column(justify="right")
    name = safe_text(f"{code} {standard.name}" if standard else code, "bold underline")
    heading.add_row(name, render.rating(standard.rating) if standard else Text(""))
    return heading


def key_question_table(report: Report, stats: list[QuestionStats]) -> RenderableType:
    if not stats:
        return Text("This report has no key-question tables.")
    band_width = max(render.rating(item.band).cell_len for item in stats)
    parts: list[RenderableType] = [LEGEND, Text("")]
    for code, questions in groupby(stats, key=lambda item: item.standard_code):
        parts.append(_standard_heading(code, report))
        for item in questions:
            parts.append(_stats_row(item, band_width))
            parts.append(Padding(safe_text(item.question), (0, 0, 0, QUESTION_INDENT)))
        parts.append(Text(""))
    return Group(*parts)


class KeyQuestionsPane(VerticalScroll):
    """Scrolls; the content is re-flowed to the pane's width."""

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
    ]

    def compose(self):
        yield Static(id="questions-body")

    def show(self, report: Report, stats: list[QuestionStats]) -> None:
        self.query_one("#questions-body", Static).update(key_question_table(report, stats))
        self.scroll_home(animate=False)
