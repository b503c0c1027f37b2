"""One report, and the list of reports, for a terminal (Rich) or a pipe (tab-separated)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from probe.domain.ratings import score_label
from probe.output.text import console, one_line, place_label, safe_text

if TYPE_CHECKING:
    from probe.domain.model import Report
    from probe.store.analysis import QuestionStats
    from probe.store.read import ReportSummary


def summary_row(summary: ReportSummary) -> tuple[str, ...]:
    return (
        summary.pdu_name,
        summary.region or "",
        summary.fieldwork_started or "",
        summary.overall_rating or "",
        score_label(summary.score_points, summary.score_max, missing=""),
    )


def print_summaries_tsv(summaries: list[ReportSummary]) -> None:
    for summary in summaries:
        typer.echo("\t".join(one_line(field) for field in summary_row(summary)))


SUMMARY_COLUMNS = ("PDU", "Region", "Fieldwork", "Rating", "Score")


def print_summaries_table(summaries: list[ReportSummary]) -> None:
    """A table as wide as its longest values; on a narrower terminal without Region, and
    narrower still one report per block, rather than every column cut to a few letters."""
    from rich import box
    from rich.table import Table

    out = console()
    rows = [[one_line(field) for field in summary_row(summary)] for summary in summaries]
    for dropped in ((), ("Region",)):
        shown = [i for i, name in enumerate(SUMMARY_COLUMNS) if name not in dropped]
        cells = [[SUMMARY_COLUMNS[i] for i in shown], *([row[i] for i in shown] for row in rows)]
        if table_width(cells) <= out.width:
            table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
            for i in shown:
                table.add_column(SUMMARY_COLUMNS[i], justify="right" if i == 4 else "left")
            for row in rows:
                table.add_row(*(safe_text(row[i]) for i in shown))
            out.print(table)
            return
    from rich.padding import Padding

    for pdu, region, fieldwork, rating, score in rows:
        out.print(safe_text(pdu, style="bold"))
        facts = " · ".join(fact for fact in (fieldwork, rating, score, region) if fact)
        out.print(Padding(safe_text(facts), (0, 0, 0, 2)))


def table_width(rows: list[list[str]]) -> int:
    """Width of a SIMPLE_HEAD table without edge padding: the columns, 3 between each (padding
    and a blank rule), and its blank edges."""
    from rich.cells import cell_len

    widths = [max(cell_len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return sum(widths) + 3 * (len(widths) - 1) + 2


def print_report(report: Report, stats: list[QuestionStats]) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    out = console()
    out.print(safe_text(report.pdu, style="bold"))
    facts = [
        ("Region", report.region),
        ("Fieldwork", report.fieldwork_started),
        ("Published", report.published),
        ("Overall", f"{report.overall_rating or '?'} ({score_label(report.score_points, report.score_max, missing='')})"),
        ("Framework", report.framework),
        ("Web page", report.source_url),  # each item below gives its section's #anchor on it
    ]  # fmt: skip
    for label, value in facts:
        if value:
            out.print(Text(f"{label + ':':<11}") + safe_text(value))

    ratings = Table(title="Ratings", box=box.SIMPLE_HEAD, pad_edge=False, title_justify="left")
    for name in ("Standard", "Name", "Rating"):
        ratings.add_column(name)
    for standard in report.standards:
        ratings.add_row(
            safe_text(standard.code), safe_text(standard.name), safe_text(standard.rating or "-")
        )
    out.print(ratings)

    questions = Table(title="Key questions", box=box.SIMPLE_HEAD, pad_edge=False, title_justify="left")
    placed = _place_column(report)
    for name in ("Std", "Question", "%", "Median", *placed):
        questions.add_column(name, justify="right" if name in ("%", "Median") else "left")
    for stat, question in zip(stats, report.key_questions, strict=False):
        page = [safe_text(place_label(question.page, question.anchor))] if placed else []
        questions.add_row(
            safe_text(stat.standard_code),
            safe_text(stat.question),
            safe_text(f"{stat.percent}{' *' if stat.drives_rating else ''}"),
            safe_text(f"{stat.median:g}"),
            *page,
        )
    out.print(questions)
    # A grid, not a hand-placed line break: it wraps at any width, under its own indent.
    footnote = Table.grid(padding=(0, 1))
    footnote.add_column()
    footnote.add_column()
    footnote.add_row(
        Text("*", style="dim"),
        Text(
            "the lowest of its rated standard: the rating follows its band unless inspectors "
            "used their judgement. Median: across every report asking the same question.",
            style="dim",
        ),
    )
    out.print(footnote)

    out.print(Text("\nRecommendations", style="italic"))
    addressee = None
    recommendations = Table.grid(padding=(0, 1))
    recommendations.add_column(justify="right")
    recommendations.add_column()
    for recommendation in report.recommendations:
        if recommendation.addressee != addressee:
            addressee = recommendation.addressee
            recommendations.add_row("", safe_text(f"{addressee} should:", style="bold"))
        place = place_label(recommendation.page, recommendation.anchor)
        page = f" ({place})" if place else ""
        recommendations.add_row(f"{recommendation.number}.", safe_text(recommendation.text + page))
    out.print(recommendations)

    if report.warnings:
        out.print(Text("\nImport warnings (what probe could not find or check)", style="italic"))
        warnings = Table.grid(padding=(0, 1))
        warnings.add_column()
        warnings.add_column()
        for warning in report.warnings:
            warnings.add_row(" !", safe_text(warning))
        out.print(warnings)


def _place_column(report: Report) -> tuple[str, ...]:
    """The key-question table's last column: the PDF page, the web page section, or none."""
    if any(question.page for question in report.key_questions):
        return ("Page",)
    return ("Anchor",) if any(question.anchor for question in report.key_questions) else ()
