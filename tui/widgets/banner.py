"""One line that says which report the panes are showing."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from probe.domain.ratings import score_label
from probe.output.text import clean, safe_text
from probe.store.read import ReportSummary
from probe.tui import render


def banner_text(summary: ReportSummary, warnings: list[str]) -> Text:
    # The rating chip goes first, where wrapping cannot split it.
    text = Text.assemble(render.rating(summary.overall_rating), " ")
    text.append(safe_text(summary.pdu, "bold"))
    facts = [
        summary.fieldwork_started or "fieldwork month unknown",
        f"score {score_label(summary.score_points, summary.score_max)}",
        summary.region,
    ]
    text.append(clean("".join(f" · {fact}" for fact in facts if fact)))
    if warnings:  # an incomplete import must not pass for a complete one
        text.append(" · ")
        text.append(render.warnings_label(len(warnings)), style="bold")  # listed in 1 Ratings
    return text


class ReportBanner(Static):
    def show(self, summary: ReportSummary, warnings: list[str]) -> None:
        self.update(banner_text(summary, warnings))

    def show_loading(self, summary: ReportSummary) -> None:
        """The report the cursor is on, while its details are read (its warnings unknown yet)."""
        self.update(banner_text(summary, []).append(" · loading…", style="dim italic"))
