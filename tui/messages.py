"""Messages widgets post to ask for something beyond themselves; screens and the app act."""

from __future__ import annotations

from textual.message import Message


class OpenReport(Message):
    """Show a report's full text in the reader, optionally at (and highlighting) a line."""

    def __init__(self, report_id: int, line: int | None = None) -> None:
        super().__init__()
        self.report_id = report_id
        self.line = line


class ShowFindings(Message):
    """Show the findings of one section (a standard code, or a heading) of the current report."""

    def __init__(self, section: str) -> None:
        super().__init__()
        self.section = section


class ChooseReport(Message):
    """Make a report the selected one in the explorer."""

    def __init__(self, report_id: int) -> None:
        super().__init__()
        self.report_id = report_id


class LeftTop(Message):
    """Up on a list's first row: whoever owns the list may focus what sits above it."""


class ShowSimilar(Message):
    """Show the findings of other reports most like this one (a SearchHit)."""

    def __init__(self, hit) -> None:
        super().__init__()
        self.hit = hit


class CopyFinding(Message):
    """Copy a finding (a SearchHit) with its citation to the clipboard."""

    def __init__(self, hit) -> None:
        super().__init__()
        self.hit = hit
