"""Findings of one section of the selected report, and its recommendations by addressee."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import var
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from probe.domain.kinds import KIND_TITLES
from probe.output.text import clean, safe_text
from probe.domain.model import Report
from probe.store.search import SearchHit
from probe.tui.messages import OpenReport
from probe.tui.widgets.hits import FINDING_KEYS, FindingKeys
from probe.tui.widgets.keys import VIM_CURSOR

if TYPE_CHECKING:
    from probe.tui.details import LoadedReport

RECOMMENDATIONS = "Recommendations"


def sections(report: Report) -> list[tuple[str, str]]:
    """(section id, label) for every standard and finding section, then the recommendations."""
    labels = {standard.code: f"{standard.code} {standard.name}" for standard in report.standards}
    for finding in report.findings:
        labels.setdefault(finding.section, finding.section_heading or finding.section)
    return [*labels.items(), (RECOMMENDATIONS, RECOMMENDATIONS)]


Entry = tuple[RenderableType, int | None]  # an option's prompt and source line (None: heading)


def _heading(title: str, count: int) -> Entry:
    return Text.assemble((title, "bold underline"), f" ({count})"), None


def _item(text: str, line: int, bullet: str = "•") -> Entry:
    # A hanging indent under the bullet, and a blank line to set items apart.
    item = Table.grid(padding=(0, 1, 0, 0))
    item.add_column(no_wrap=True)
    item.add_column(ratio=1)
    item.add_row(Text(bullet), safe_text(text))
    return Padding(item, (0, 0, 1, 0)), line


def _note(text: str) -> list[Entry]:
    return [(Text(text, style="dim"), None)]


def as_options(entries: list[Entry]) -> list[Option]:
    """Headings are disabled; an item's id is unique and ends with its source line."""
    return [
        Option(prompt, disabled=True) if line is None else Option(prompt, id=f"{index}:{line}")
        for index, (prompt, line) in enumerate(entries)
    ]


def line_of(option: Option) -> int:
    return int(option.id.rpartition(":")[2])


def finding_entries(report: Report, section: str) -> list[Entry]:
    if section == RECOMMENDATIONS:
        return recommendation_entries(report)
    found = [finding for finding in report.findings if finding.section == section]
    if not found:
        return _note("No findings listed for this section.")
    entries: list[Entry] = []
    for kind, title in KIND_TITLES.items():
        of_kind = [finding for finding in found if finding.kind == kind]
        if of_kind:
            entries.append(_heading(title, len(of_kind)))
            entries.extend(_item(finding.text, finding.line) for finding in of_kind)
    return entries


def recommendation_entries(report: Report) -> list[Entry]:
    if not report.recommendations:
        return _note("This report makes no recommendations.")
    entries: list[Entry] = []
    for addressee, group in groupby(report.recommendations, key=lambda r: r.addressee):
        items = list(group)
        entries.append(_heading(f"{clean(addressee)} should:", len(items)))
        entries.extend(_item(rec.text, rec.line, bullet=f"{rec.number}.") for rec in items)
    return entries


class SectionList(OptionList):
    BINDINGS = VIM_CURSOR


def report_hits(report_id: int, report: Report) -> list[SearchHit]:
    """Every finding, then every recommendation, of `report`, as search would return them."""
    hits = [
        SearchHit(report_id, report.pdu, report.fieldwork_started, f.section, f.section_heading, f.kind, f.text, f.text, f.line, 0.0, f.page, f.anchor, report.source_url)
        for f in report.findings
    ]
    hits += [
        SearchHit(report_id, report.pdu, report.fieldwork_started, RECOMMENDATIONS, r.addressee, "recommendation", r.text, r.text, r.line, 0.0, r.page, r.anchor, report.source_url)
        for r in report.recommendations
    ]
    return hits


def report_shown(report_id: int, report: Report) -> tuple[str, str, list[SearchHit]]:
    """(title, file stem, hits) to export one report's findings and recommendations."""
    title = f"{report.pdu} ({report.fieldwork_started}): findings and recommendations"
    return title, "report", report_hits(report_id, report)


def hit_at(report_id: int, report: Report, line: int) -> SearchHit | None:
    """The finding or recommendation of `report` at `line`."""
    return next((hit for hit in report_hits(report_id, report) if hit.line == line), None)


class FindingList(FindingKeys, OptionList):
    BINDINGS = [*VIM_CURSOR, *FINDING_KEYS]
    report: tuple[int, Report] | None = None  # (id, report) the options come from

    def highlighted_hit(self) -> SearchHit | None:
        option = self.highlighted_option
        if self.report is None or option is None or option.disabled:
            return None
        return hit_at(*self.report, line_of(option))


class FindingsPane(Horizontal):
    """Sections on the left; Enter on a finding opens the report text at it."""

    loaded: var[LoadedReport | None] = var(None, init=False)  # set by the explorer

    def watch_loaded(self, old: LoadedReport | None, new: LoadedReport | None) -> None:
        if new is not None and (old is None or new.report is not old.report):  # not just stats added
            self.show(new.summary.id, new.report)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._report: Report | None = None
        self._report_id: int | None = None

    def compose(self) -> ComposeResult:
        yield SectionList(id="finding-sections")
        yield FindingList(id="finding-items")

    def show(self, report_id: int, report: Report) -> None:
        self._report_id, self._report = report_id, report
        section_list = self.query_one(SectionList)
        section_list.set_options(
            Option(safe_text(label), id=section) for section, label in sections(report)
        )
        section_list.highlighted = 0

    def show_section(self, section: str) -> None:
        section_list = self.query_one(SectionList)
        section_list.highlighted = section_list.get_option_index(section)

    @on(OptionList.OptionHighlighted, "#finding-sections")
    def _section_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        items = self.query_one(FindingList)
        items.report = (self._report_id, self._report)
        items.set_options(as_options(finding_entries(self._report, event.option.id)))
        items.highlighted = next(
            (index for index, option in enumerate(items.options) if not option.disabled), None
        )

    @on(OptionList.OptionSelected, "#finding-sections")
    def _section_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one(FindingList).focus()

    @on(OptionList.OptionSelected, "#finding-items")
    def _finding_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(OpenReport(self._report_id, line_of(event.option)))
