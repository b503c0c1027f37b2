"""The selected report's standard ratings, grouped by domain."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from probe.display import clean, safe_text
from probe.importers.model import Report, Standard
from probe.tui import render
from probe.tui.messages import ShowFindings
from probe.tui.widgets.keys import VIM_CURSOR


def _standard_row(standard: Standard, name_width: int) -> Text:
    """Code, name, then the rating in a column of its own (plain Text: cheap to lay out)."""
    rating = render.rating(standard.rating)
    if standard.rating is None:
        rating = Text("not rated", style="dim")
    name = clean(standard.name)
    return Text.assemble(f"{clean(standard.code):<4} {name:<{name_width}} ", rating)


def _domain_heading(standard: Standard) -> Text:
    return Text.assemble(
        (f"Domain {standard.domain} · ", "bold"), safe_text(standard.domain_name, "bold")
    )


class RatingsPane(OptionList):
    """One option per standard; Enter shows that standard's findings."""

    BINDINGS = VIM_CURSOR

    def show(self, report: Report) -> None:
        options: list[Option] = []
        name_width = max((len(clean(s.name)) for s in report.standards), default=0) + 1
        domain = None
        for standard in report.standards:
            if standard.domain != domain:
                domain = standard.domain
                options.append(Option(_domain_heading(standard), disabled=True))
            options.append(Option(_standard_row(standard, name_width), id=standard.code))
        if not options:
            options.append(Option(Text("This report has no standard ratings."), disabled=True))
        self.set_options(options)
        self.highlighted = next(
            (index for index, option in enumerate(options) if not option.disabled), None
        )

    @on(OptionList.OptionSelected)
    def _show_findings(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(ShowFindings(event.option.id))
