"""Search hits as a Rich table (terminal), tab-separated lines (pipe) or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from probe.domain.kinds import KIND_LABELS
from probe.domain.months import fieldwork_month, short_month

if TYPE_CHECKING:
    from probe.store.search import SearchHit

def hit_dict(hit: SearchHit) -> dict:
    from probe.output.text import plain_snippet, section_url

    return {
        "pdu": hit.pdu,
        "fieldwork_started": hit.fieldwork_started,
        "section": hit.section,
        "section_heading": hit.section_heading,
        "kind": hit.kind,
        "text": hit.text,
        "snippet": plain_snippet(hit.snippet),
        "line": hit.line,
        "page": hit.page,
        "anchor": hit.anchor,
        "url": section_url(hit.url, hit.anchor),
        "report_id": hit.report_id,
    }


def print_json(hits: list[SearchHit]) -> None:
    import json

    typer.echo(json.dumps([hit_dict(hit) for hit in hits], ensure_ascii=False, indent=2))


def print_tsv(hits: list[SearchHit]) -> None:
    from probe.output.text import one_line, place_label

    for hit in hits:
        fields = (hit.pdu, hit.fieldwork_started, hit.section, hit.section_heading, hit.kind, hit.text)
        place = place_label(hit.page, hit.anchor, hit.url)
        typer.echo("\t".join(one_line(field) for field in (*fields, place)))


def print_table(hits: list[SearchHit], total: int) -> None:
    """Where each hit is (PDU, month, kind, section) beside its snippet: reads at 80 columns."""
    from rich import box
    from rich.table import Table

    from probe.output.text import console, place_label, safe_text, snippet_text

    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    table.add_column("Where", ratio=2)
    table.add_column("Match", ratio=3)
    for hit in hits:
        section = hit.section_heading
        if hit.section != hit.section_heading and hit.kind != "recommendation":
            section = f"{hit.section} {hit.section_heading}"
        where = safe_text(hit.pdu.removesuffix(" PDU"), style="bold")
        kind = KIND_LABELS[hit.kind]
        where.append_text(safe_text(f"\n{short_month(fieldwork_month(hit.fieldwork_started))} · {kind}"))
        where.append_text(safe_text(f"\n{section}", style="italic"))
        if place := place_label(hit.page, hit.anchor):  # the anchor alone: a URL crowds the column
            where.append_text(safe_text(f" · {place}"))
        table.add_row(where, snippet_text(hit.snippet), end_section=True)
    out = console()
    if hits:
        out.print(table)
    out.print(count_line(len(hits), total), markup=False)


def count_line(shown: int, total: int) -> str:
    """ "5 hits", or "20 of 312 hits" when --limit cut the list."""
    count = f"{shown} of {total}" if shown < total else f"{total}"
    return f"{count} hit{'s' if total != 1 else ''}"


# Exports of a list of hits (the explorer's `x`), each with its citation.
HIT_FIELDS = ("pdu", "fieldwork_started", "section", "section_heading", "kind", "text", "snippet", "line", "page", "anchor", "url", "report_id", "citation")


def hit_record(hit: SearchHit) -> dict:
    from probe.output.citation import citation

    return {**hit_dict(hit), "citation": citation(hit)}


def hits_json(hits: list[SearchHit]) -> str:
    import json

    return json.dumps([hit_record(hit) for hit in hits], ensure_ascii=False, indent=2) + "\n"


def hits_csv(hits: list[SearchHit]) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HIT_FIELDS)
    writer.writeheader()
    writer.writerows(hit_record(hit) for hit in hits)
    return buffer.getvalue()
