"""The selected report's standard ratings, grouped by domain, and what the importer missed."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from typing import TYPE_CHECKING

from textual import on
from textual.reactive import var
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from probe.output.text import safe_text
from probe.domain.model import Report, Standard
from probe.tui import render
from probe.tui.messages import ShowFindings
from probe.tui.widgets.keys import VIM_CURSOR

if TYPE_CHECKING:
    from probe.tui.details import LoadedReport

WARNING_ID = "warning:"  # option ids of import warnings: nothing to open


def _rating_chip(standard: Standard) -> Text:
    if standard.rating is None:
        return Text("not rated", style="dim")
    return render.rating(standard.rating)


def consistency_marks(report: Report) -> dict[str, Text]:
    """A line for each standard whose rating is not its lowest key question's band (`probe check`)."""
    from probe.store.checks import CONSISTENT, EXPLAINED, band_check, banded_standards

    checks = {standard.code: band_check(report, standard) for standard in banded_standards(report)}
    return {
        code: Text(f"≠ key questions say {check.expected}: {check.status}", style="italic" if check.status == EXPLAINED else "bold red")
        for code, check in checks.items()
        if check.status != CONSISTENT
    }


def _standard_row(standard: Standard, rating_width: int, mark: Text | None = None) -> Table:
    """Code, name (wraps if it must) over any consistency mark, then the rating, never split."""
    row = Table.grid(padding=(0, 1), expand=True)
    row.add_column(width=4, no_wrap=True)
    row.add_column(ratio=1)
    row.add_column(width=rating_width, no_wrap=True)
    name = safe_text(standard.name)
    if mark is not None:
        name.append_text(Text("\n") + mark)
    row.add_row(safe_text(standard.code), name, _rating_chip(standard))
    return row


def _domain_heading(standard: Standard) -> Text:
    return Text.assemble(
        (f"Domain {standard.domain} · ", "bold"), safe_text(standard.domain_name, "bold")
    )


def _warning_options(warnings: list[str]) -> list[Option]:
    """Selectable, so the cursor reaches them (and scrolls them into view) on any terminal."""
    heading = Text.assemble(
        (render.warnings_label(len(warnings)), "bold"),
        ": the importer could not read all of this report, so some of it may be missing.",
    )
    return [
        Option(Text(""), disabled=True),
        Option(heading, disabled=True),
        *(
            Option(Text.assemble("• ", safe_text(warning)), id=f"{WARNING_ID}{index}")
            for index, warning in enumerate(warnings)
        ),
    ]


class RatingsPane(OptionList):
    """One option per standard; Enter shows that standard's findings."""

    BINDINGS = VIM_CURSOR
    loaded: var[LoadedReport | None] = var(None, init=False)  # set by the explorer

    def watch_loaded(self, old: LoadedReport | None, new: LoadedReport | None) -> None:
        if new is not None and (old is None or new.report is not old.report):  # not just stats added
            self.show(new.report)

    def show(self, report: Report) -> None:
        options: list[Option] = []
        rating_width = max((_rating_chip(s).cell_len for s in report.standards), default=0)
        domain, marks = None, consistency_marks(report)
        for standard in report.standards:
            if standard.domain != domain:
                domain = standard.domain
                options.append(Option(_domain_heading(standard), disabled=True))
            options.append(Option(_standard_row(standard, rating_width, marks.get(standard.code)), id=standard.code))
        if not options:
            options.append(Option(Text("This report has no standard ratings."), disabled=True))
        if report.warnings:
            options.extend(_warning_options(report.warnings))
        self.set_options(options)
        self.highlighted = next(
            (index for index, option in enumerate(options) if not option.disabled), None
        )

    @on(OptionList.OptionSelected)
    def _show_findings(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if not event.option.id.startswith(WARNING_ID):
            self.post_message(ShowFindings(event.option.id))
