"""The whole report text, with its sections alongside for jumping about."""

from __future__ import annotations

from bisect import bisect_right

from rich.padding import Padding
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static, TextArea
from textual.widgets.option_list import Option
from textual.widgets.text_area import Selection

from probe.output.text import clean, place_label, safe_text
from probe.domain.model import Report
from probe.tui.widgets.findings import report_shown
from probe.tui.widgets.keys import VIM_CURSOR


class Contents(OptionList):
    BINDINGS = VIM_CURSOR


class ReportText(TextArea):
    """Read-only text: a cursor to move with, nothing to edit."""

    BINDINGS = [
        *VIM_CURSOR,
        # A reader wants the ends of the report, not of the line (TextArea's default).
        Binding("home,ctrl+home", "text_start", "Top", show=False, id="reader.top"),
        Binding("end,ctrl+end", "text_end", "Bottom", show=False, id="reader.bottom"),
    ]

    _pinned_row: int | None = None  # a row to keep near the top (pin_row)

    def action_text_start(self) -> None:
        self.move_cursor((0, 0))
        self.scroll_home(animate=False)

    def action_text_end(self) -> None:
        self.move_cursor((self.document.line_count - 1, 0))
        self.scroll_end(animate=False)

    def pin_row(self, row: int) -> None:
        """Keep `row` two lines below the top until the cursor leaves it.

        Each new width re-wraps the text and moves every row (the first layouts, the contents
        showing and hiding at narrow sizes), so the scroll is redone after every resize, once
        the text has its size. Queued after a refresh, it also comes after the scroll TextArea
        queues when the selection changes, so it has the last word."""
        self._pinned_row = row
        self.call_after_refresh(self._scroll_to_pinned_row)

    def on_resize(self) -> None:
        if self._pinned_row is not None:
            self.call_after_refresh(self._scroll_to_pinned_row)

    def _scroll_to_pinned_row(self) -> None:
        if self._pinned_row is None:
            return
        if self.cursor_location[0] != self._pinned_row:  # the reader has moved on
            self._pinned_row = None
            return
        offset = self.wrapped_document.location_to_offset((self._pinned_row, 0))
        self.scroll_to(y=max(0, offset.y - 2), animate=False, immediate=True)


SECTIONS = Binding.Group("Sections")  # one footer entry for the pair: "n p Sections"


class ReaderScreen(Screen):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    # Focus the text as the screen composes. Focusing it later raced the automatic focus of
    # the first widget (the contents), which at narrow sizes could leave the contents showing.
    AUTO_FOCUS = "#report-text"

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="reader.back"),
        Binding("t", "toggle_contents", "Contents", id="reader.contents"),
        Binding("n", "next_section(1)", "Next section", group=SECTIONS, id="reader.next"),
        Binding(
            "p", "next_section(-1)", "Previous section", group=SECTIONS, id="reader.previous"
        ),
    ]

    def __init__(self, report_id: int, report: Report, line: int | None = None) -> None:
        super().__init__()
        self._report_id, self._report = report_id, report
        self._line = line
        self._heading_lines = [heading.line for heading in report.headings]
        placed = sorted(
            (item.line, place_label(item.page, item.anchor))
            for item in (*report.findings, *report.recommendations)
            if item.page or item.anchor
        )
        self._placed_lines = [line for line, _ in placed]  # where a page or section is known
        self._places = [place for _, place in placed]

    def shown(self) -> tuple[str, str, list]:
        """(title, file stem, hits) for an export: the report being read."""
        return report_shown(self._report_id, self._report)

    def compose(self) -> ComposeResult:
        report = self._report
        yield Static(id="reader-title")
        with Horizontal():
            yield Contents(
                *(
                    # Padding, not leading spaces: a long title's wrapped lines keep the indent.
                    Option(Padding(safe_text(h.title), (0, 0, 0, 2 * (h.level - 1))), id=str(index))
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
        self._show_section()
        if self._line is not None:
            self.go_to_line(self._line, highlight=True)

    def go_to_line(self, line: int, highlight: bool = False) -> None:
        """Scroll so the 1-based source `line` is near the top; select it to highlight it."""
        text = self.query_one(ReportText)
        row = max(0, min(line - 1, text.document.line_count - 1))
        if highlight:
            text.selection = Selection((row, len(text.document[row])), (row, 0))
        else:
            text.move_cursor((row, 0))
        text.pin_row(row)

    @property
    def cursor_line(self) -> int:
        """The 1-based source line under the cursor."""
        return self.query_one(ReportText).cursor_location[0] + 1

    @property
    def section(self) -> int | None:
        """Index in Report.headings of the section holding the cursor (None: before them all)."""
        index = bisect_right(self._heading_lines, self.cursor_line) - 1
        return index if index >= 0 else None

    @property
    def place(self) -> str | None:
        """Where the finding or recommendation at (or last above) the cursor is printed: its PDF
        page ('p. 12') or its web page section ('#standard-2-3')."""
        index = bisect_right(self._placed_lines, self.cursor_line) - 1
        return self._places[index] if index >= 0 else None

    @on(TextArea.SelectionChanged, "#report-text")
    def _cursor_moved(self) -> None:
        self._show_section()

    def _show_section(self) -> None:
        """The title names the section at the cursor; the contents list highlights it."""
        report, section = self._report, self.section
        title = safe_text(report.pdu, "bold")
        if report.fieldwork_started:
            title.append(f" · {clean(report.fieldwork_started)}")
        if section is not None:
            title.append(" · ")
            title.append(clean(report.headings[section].title), style="italic")
        if place := self.place:
            title.append(f" · {clean(place)}")
        title.no_wrap, title.overflow = True, "ellipsis"
        self.query_one("#reader-title", Static).update(title)
        contents = self.query_one(Contents)
        if not contents.has_focus:  # leave a user browsing the contents where they are
            contents.highlighted = section

    @on(OptionList.OptionSelected, "#contents")
    def _heading_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.go_to_line(self._report.headings[int(event.option.id)].line)
        self.query_one(ReportText).focus()

    @on(events.DescendantFocus)
    def _focus_moved(self, event: events.DescendantFocus) -> None:
        # Narrow terminals show the contents only while it has the focus. Events of focus
        # moving quickly may arrive out of order: follow where the focus is now.
        self.set_class(isinstance(self.focused, Contents), "-contents-open")

    def action_toggle_contents(self) -> None:
        """Between the text and its contents, either way."""
        contents = self.query_one(Contents)
        if contents.has_focus:
            self.query_one(ReportText).focus()
        elif contents.option_count:
            self.add_class("-contents-open")  # shown before it takes the focus
            contents.focus()

    def action_next_section(self, step: int) -> None:
        here = self.cursor_line
        ahead = [line for line in self._heading_lines if (line - here) * step > 0]
        if ahead:
            self.go_to_line(min(ahead, key=lambda line: abs(line - here)))
