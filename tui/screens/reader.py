"""The whole report text, with its sections alongside for jumping about."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static, TextArea
from textual.widgets.option_list import Option
from textual.widgets.text_area import Selection

from probe.display import clean, safe_text
from probe.importers.model import Report
from probe.tui.widgets.keys import VIM_CURSOR


class Contents(OptionList):
    BINDINGS = VIM_CURSOR


class ReportText(TextArea):
    """Read-only text: a cursor to move with, nothing to edit."""

    BINDINGS = VIM_CURSOR


class ReaderScreen(Screen):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("t", "toggle_contents", "Contents"),
        Binding("n", "next_section(1)", "Next section", show=False),
        Binding("p", "next_section(-1)", "Previous section", show=False),
    ]

    def __init__(self, report: Report, line: int | None = None) -> None:
        super().__init__()
        self._report = report
        self._line = line

    def compose(self) -> ComposeResult:
        report = self._report
        title = safe_text(report.pdu, "bold")
        if report.fieldwork_started:
            title.append(f" · {clean(report.fieldwork_started)}")
        title.append(" · full report")
        yield Static(title, id="reader-title")
        with Horizontal():
            yield Contents(
                *(
                    Option(safe_text(("  " * (h.level - 1)) + h.title), id=str(index))
                    for index, h in enumerate(report.headings)
                ),
                id="contents",
            )
            yield ReportText(
                clean(report.text),
                read_only=True,
                soft_wrap=True,
                show_line_numbers=False,
                id="report-text",
            )
        yield Footer()

    def on_mount(self) -> None:
        text = self.query_one(ReportText)
        text.focus()
        if self._line is not None:
            self.call_after_refresh(self.go_to_line, self._line, True)

    def go_to_line(self, line: int, highlight: bool = False) -> None:
        """Scroll so the 1-based source `line` is near the top; select it to highlight it."""
        text = self.query_one(ReportText)
        row = max(0, min(line - 1, text.document.line_count - 1))
        if highlight:
            text.selection = Selection((row, len(text.document[row])), (row, 0))
        else:
            text.move_cursor((row, 0))
        offset = text.wrapped_document.location_to_offset((row, 0))
        text.scroll_to(y=max(0, offset.y - 2), animate=False)

    @property
    def cursor_line(self) -> int:
        """The 1-based source line under the cursor."""
        return self.query_one(ReportText).cursor_location[0] + 1

    @on(OptionList.OptionSelected, "#contents")
    def _heading_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.go_to_line(self._report.headings[int(event.option.id)].line)
        self.query_one(ReportText).focus()

    def action_toggle_contents(self) -> None:
        self.toggle_class("-contents-toggled")

    def action_next_section(self, step: int) -> None:
        lines = [heading.line for heading in self._report.headings]
        here = self.cursor_line
        ahead = [line for line in lines if (line - here) * step > 0]
        if ahead:
            self.go_to_line(min(ahead, key=lambda line: abs(line - here)))
