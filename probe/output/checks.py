"""`probe check` results: a Rich table (terminal), tab-separated lines (pipe) or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from probe.store.checks import ReportCheck

COLUMNS = ("PDU", "Fieldwork", "Check", "Expected", "Found", "Status", "Note")
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
    from rich import box
    from rich.table import Table

    from probe.output.text import console, safe_text

    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    for name in COLUMNS:
        table.add_column(name, ratio=4 if name == "Note" else None)
    for row in rows(results):
        *fields, status, note = row
        table.add_row(
            *(safe_text(field) for field in fields),
            safe_text(status, style=STATUS_STYLES[status]),
            safe_text(note),
        )
    console().print(table)
