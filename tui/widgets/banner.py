"""The line (two at most, at 80 columns) that says which report the panes are showing."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from probe.domain.ratings import score_label
from probe.output.text import clean, safe_text
from probe.store.read import ReportSummary
from probe.tui import render

SEPARATOR = " · "


def banner_parts(summary: ReportSummary, warnings: list[str]) -> list[Text]:
    """What the banner says, part by part; a line only ever breaks between two parts."""
    # The rating chip goes first, beside the PDU's name.
    parts = [Text.assemble(render.rating(summary.overall_rating), " ", safe_text(summary.pdu, "bold"))]
    facts = [
        summary.fieldwork_started or "fieldwork month unknown",
        f"score {score_label(summary.score_points, summary.score_max)}",
        summary.region,
    ]
    parts += [Text(clean(fact)) for fact in facts if fact]
    if warnings:  # an incomplete import must not pass for a complete one
        parts.append(Text(render.warnings_label(len(warnings)), style="bold"))  # listed in 1 Ratings
    return parts


def fitted(parts: list[Text], width: int) -> Text:
    """The parts joined by " · ", a new line started where the next part would not fit, so
    "North East" or "score 3/21" is never cut in two (a part wider than a line still wraps)."""
    text, used = Text(), 0
    for part in parts:
        if used and used + len(SEPARATOR) + part.cell_len > width:
            text.append("\n")
            used = 0
        elif used:
            text.append(SEPARATOR)
            used += len(SEPARATOR)
        text.append_text(part)
        used += part.cell_len
    return text


class ReportBanner(Static):
    _parts: list[Text] = []

    def show(self, summary: ReportSummary, warnings: list[str]) -> None:
        self._fit(banner_parts(summary, warnings))

    def show_loading(self, summary: ReportSummary) -> None:
        """The report the cursor is on, while its details are read (its warnings unknown yet)."""
        self._fit([*banner_parts(summary, []), Text("loading…", style="dim italic")])

    def show_message(self, message: str) -> None:
        self._fit([Text(message)])

    def on_resize(self) -> None:
        if self._parts:
            self._fit(self._parts)

    def _fit(self, parts: list[Text]) -> None:
        self._parts = parts
        width = self.content_size.width or self.app.size.width - self.styles.gutter.width
        self.update(fitted(parts, width))
