"""Reports as Markdown (`probe export --format md`): report text is escaped, so nothing in a
report can become a heading, a link or a table column."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from probe.domain.kinds import KIND_TITLES
from probe.domain.ratings import score_label
from probe.output.text import one_line

if TYPE_CHECKING:
    from collections.abc import Iterator

    from probe.domain.model import Report
    from probe.settings import Theme
    from probe.store.checks import ReportCheck
    from probe.store.history import History
    from probe.store.read import Reader
    from probe.store.search import SearchHit
    from probe.store.themes import ThemeCounts

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!~])")


def inline(value: object) -> str:
    """Text on one line with every Markdown character escaped."""
    return _SPECIAL.sub(r"\\\1", one_line(value))


def table(header: tuple[str, ...], rows: list[tuple]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(inline(cell) for cell in row) + " |" for row in rows]
    return lines


def report_markdown(report: Report) -> str:
    facts = (
        ("Region", report.region), ("Framework", report.framework), ("Fieldwork started", report.fieldwork_started),
        ("Published", report.published), ("Overall rating", report.overall_rating),
        ("Score", score_label(report.score_points, report.score_max, missing="")), ("Source", report.source_name),
    )  # fmt: skip
    lines = [f"# {inline(report.pdu)}", ""]
    lines += [f"- **{label}:** {inline(value)}" for label, value in facts if value]
    lines += ["", "## Ratings", ""]
    lines += table(("Standard", "Name", "Rating"), [(s.code, s.name, s.rating or "not rated") for s in report.standards])
    lines += ["", "## Key questions", ""]
    lines += table(("Standard", "Key question", "% yes"), [(q.standard_code, q.question, f"{q.percent}%") for q in report.key_questions])
    lines += ["", "## Recommendations"] + recommendation_lines(report)
    lines += ["", "## Findings"] + finding_lines(report)
    if report.warnings:
        lines += ["", "## Import warnings", ""] + [f"- {inline(warning)}" for warning in report.warnings]
    return "\n".join(lines) + "\n"


def recommendation_lines(report: Report) -> list[str]:
    lines, addressee = [], None
    for recommendation in report.recommendations:
        if recommendation.addressee != addressee:
            addressee = recommendation.addressee
            lines += ["", f"**{inline(addressee)} should:**", ""]
        lines.append(f"{recommendation.number}. {inline(recommendation.text)}")
    return lines


def finding_lines(report: Report) -> list[str]:
    """Findings under their section, then their kind, each with its line in the report."""
    lines, section, kind = [], None, None
    for finding in report.findings:
        if finding.section != section:
            section, kind = finding.section, None
            title = finding.section_heading if finding.section == finding.section_heading else f"{finding.section} {finding.section_heading}"
            lines += ["", f"### {inline(title)}"]
        if finding.kind != kind:
            kind = finding.kind
            lines += ["", f"**{KIND_TITLES[kind]}**", ""]
        lines.append(f"- {inline(finding.text)} (line {finding.line})")
    return lines


def reports_markdown(reader: Reader) -> Iterator[str]:
    """Every report's document, separated by rules, one report at a time."""
    for index, summary in enumerate(reader.reports()):
        yield ("\n---\n\n" if index else "") + report_markdown(reader.report(summary.id))


def hits_markdown(title: str, hits: list[SearchHit]) -> str:
    """A list of findings under a heading, each quoted with its citation and line in the report."""
    from probe.output.citation import citation

    lines = [f"# {inline(title)}", ""]
    lines += [f"- {inline(hit.text)}  \n  — {inline(citation(hit))} (line {hit.line})" for hit in hits]
    if not hits:
        lines.append("No findings.")
    return "\n".join(lines) + "\n"


def checks_markdown(results: list[ReportCheck]) -> str:
    """`probe check --markdown`: the table the terminal shows."""
    from probe.output.checks import COLUMNS, rows

    return "\n".join(["# Consistency checks", "", *table(COLUMNS, rows(results))]) + "\n"


def history_markdown(history: History) -> str:
    """`probe history --markdown`: one column per inspection, changes marked ▲ / ▼."""
    from probe.output.history import LEGEND, MARKS, inspection_label

    names = " / ".join(dict.fromkeys(inspection.pdu for inspection in history.inspections))
    header = ("Standard / key question", *map(inspection_label, history.inspections))
    rows = [
        (
            ("· " if row.kind == "question" else "") + row.label + (f" ({row.note})" if row.note else ""),
            *((value or "–") + MARKS[change] for value, change in zip(row.values, row.changes)),
        )
        for row in history.rows
    ]
    return "\n".join([f"# {inline(names)}", "", *table(header, rows), "", inline(LEGEND)]) + "\n"


def themes_markdown(results: list[tuple[Theme, ThemeCounts]]) -> str:
    """`probe themes --markdown`: the counts, one row per theme, with the full column names."""
    from probe.output.themes import HEADER, row

    return "\n".join(["# Themes", "", *table(HEADER, [row(theme, counts) for theme, counts in results])]) + "\n"
