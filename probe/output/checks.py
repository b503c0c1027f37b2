"""`probe check` results: a Rich table (terminal), tab-separated lines (pipe) or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from probe.store.checks import ReportCheck

COLUMNS = ("PDU", "Fieldwork", "Check", "Expected", "Found", "Status", "Note")  # Markdown, TSV
# The columns of a check's line on a terminal, after its name: (index in Check, heading).
HEADINGS = ((1, "Expected"), (2, "Found"), (3, "Status"))
STATUS_STYLES = {"consistent": "green", "explained": "yellow", "unexplained": "bold red", "warning": "magenta"}


def rows(results: list[ReportCheck]) -> list[tuple]:
    return [
        (result.pdu, result.fieldwork_started or "", *check[:4], note_with_line(check))
        for result in results
        for check in result.checks
    ]


def note_with_line(check) -> str:
    return f"{check.note} (line {check.line})" if check.line else check.note


def print_json(results: list[ReportCheck]) -> None:
    import json

    payload = [
        {
            "pdu": result.pdu,
            "fieldwork_started": result.fieldwork_started,
            "unexplained": result.unexplained,
            "checks": [check._asdict() for check in result.checks],
        }
        for result in results
    ]
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))


def print_tsv(results: list[ReportCheck]) -> None:
    from probe.output.text import one_line

    for row in rows(results):
        typer.echo("\t".join(one_line(field) for field in row))


def print_table(results: list[ReportCheck]) -> None:
    """Each report under its name; each check on a line (check, expected, found, status) with
    its note indented below it across the whole width, so nothing is cut at 80 columns."""
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    from probe.output.text import console, safe_text

    out = console()
    checks = [check for result in results for check in result.checks]
    widths = [max([len(name), *(len(check[index]) for check in checks)]) for index, name in HEADINGS]
    for number, result in enumerate(results):
        if number:
            out.print()
        out.print(Text.assemble(safe_text(result.pdu, "bold"), " · ", safe_text(result.fieldwork_started or "fieldwork month unknown")))
        for check in result.checks:
            row = Table.grid(padding=(0, 2), expand=True)
            row.add_column(ratio=1, overflow="fold")
            for width in widths:
                row.add_column(width=width, no_wrap=True)
            row.add_row(safe_text(check.check), safe_text(check.expected), safe_text(check.found),
                        safe_text(check.status, style=STATUS_STYLES[check.status]))  # fmt: skip
            out.print(Padding(row, (0, 0, 0, 2)))
            if note := note_with_line(check):
                out.print(Padding(safe_text(note, style="dim"), (0, 0, 0, 6)))
