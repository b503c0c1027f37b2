"""Command palette (Ctrl+P): jump to a PDU, switch view, sort the list."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from probe.domain.months import short_month
from probe.output.text import clean
from probe.tui.screens.explorer import VIEWS
from probe.tui.screens.export import FORMATS
from probe.tui.widgets.pdu_list import SORTS


def highlighted(matcher: Matcher, candidate: str) -> Content:
    """Like Matcher.highlight, but the candidate is plain text, never markup."""
    content = Content(candidate)
    _, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    for offset in offsets:
        content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class ProbeCommands(Provider):
    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app = self.app
        commands = [
            (
                f"Go to {clean(report.pdu)} ({short_month(report.fieldwork_month) or '–'})",
                partial(app.jump_to_report, report.id),
                "Select this PDU and show its ratings",
            )
            for report in app.report_summaries
        ]
        commands += [
            (f"View {title}", partial(app.show_view, view), f"Show the {title.lower()} pane")
            for view, title in VIEWS.items()
        ]
        commands += [
            (f"Sort by {sort.label}", partial(app.sort_reports, name), "Sort the PDU list")
            for name, sort in SORTS.items()
        ]
        commands += [
            ("Search findings", app.action_search, "Full-text search over every report"),
            ("History of the selected PDU", app.action_history, "Every inspection of it, side by side (H)"),
            ("Themes", app.action_themes, "How often recurring themes come up, and their findings (T)"),
            *(
                (f"Export as {label}", partial(app.action_export, fmt), "Write the findings shown to a file (x)")
                for fmt, label in FORMATS.items()
            ),
            ("Read the selected report", app.read_selected_report, "Open the full report text"),
            ("Keys", app.action_help, "Every key probe understands"),
        ]
        return commands

    async def discover(self) -> Hits:
        for title, command, help_text in self._commands():
            yield DiscoveryHit(Content(title), command, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, command, help_text in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, highlighted(matcher, title), command, text=title, help=help_text)
