"""`probe history`: a PDU's inspections side by side, as a Rich table (terminal), tab-separated
lines (pipe: a header line of inspections, then one line per row) or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from probe.domain.months import fieldwork_month, short_month

if TYPE_CHECKING:
    from probe.store.history import History, Inspection

MARKS = {"up": " ▲", "down": " ▼", "same": "", "": ""}
MARK_STYLES = {"up": "green", "down": "red"}
FRAMEWORK_LABELS = {"2021": "2021-23 framework", "2024": "2024-25 framework"}


def inspection_label(inspection: Inspection) -> str:
    return short_month(fieldwork_month(inspection.fieldwork_started)) or inspection.fieldwork_started or "?"


def print_json(history: History) -> None:
    import json

    payload = {
        "inspections": [inspection._asdict() for inspection in history.inspections],
        "rows": [row._asdict() for row in history.rows],
    }
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))


def print_tsv(history: History) -> None:
    from probe.output.text import one_line

    typer.echo("\t".join(["kind", "standard", "item", *map(inspection_label, history.inspections)]))
    for row in history.rows:
        cells = [f"{value} ({change})" if change else value or "" for value, change in zip(row.values, row.changes)]
        typer.echo("\t".join(one_line(field) for field in (row.kind, row.standard, row.label, *cells)))


def print_table(history: History) -> None:
    from rich.text import Text

    from probe.output.text import console

    out = console()
    out.print(history_table(history))
    out.print(Text(LEGEND, style="dim"))


LEGEND = (
    "▲ / ▼: better / worse than the inspection before. Standards of the two frameworks are "
    "aligned by meaning (2021-23 Staff is 2024-25 Staffing)."
)


def history_table(history: History):
    """The history as a Rich Table (the CLI prints it; the explorer's History view shows it)."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from probe.output.text import safe_text

    names = dict.fromkeys(inspection.pdu for inspection in history.inspections)
    title = safe_text(" / ".join(names), style="bold")
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, title=title, title_justify="left")
    table.add_column("Standard / key question", ratio=3)
    for inspection in history.inspections:
        table.add_column(f"{inspection_label(inspection)}\n{FRAMEWORK_LABELS.get(inspection.framework, '')}")
    for row in history.rows:
        label = safe_text(row.label, style="" if row.kind == "question" else "bold")
        if row.kind == "question":
            label = Text("  ") + label
        if row.note:
            label.append(f" ({row.note})", style="dim")
        cells = [
            safe_text(value or "–") + Text(MARKS[change], style=MARK_STYLES.get(change, ""))
            for value, change in zip(row.values, row.changes)
        ]
        table.add_row(label, *cells, end_section=row.kind == "score")
    return table
