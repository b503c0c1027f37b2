"""`probe similar`: the findings most like one, as a Rich table (terminal), tab-separated lines
(pipe: the finding's reference PDU:LINE first) or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from probe.store.similar import Similar


def reference(hit) -> str:
    """What `probe similar` takes to start from this finding: "Gwent:212"."""
    return f"{hit.pdu.removesuffix(' PDU')}:{hit.line}"


def print_json(source: str, result: Similar) -> None:
    import json

    from probe.output.hits import hit_dict

    payload = {
        "finding": source,
        "terms": result.terms,
        "hits": [{**hit_dict(hit), "reference": reference(hit)} for hit in result.hits],
    }
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))


def print_tsv(result: Similar) -> None:
    from probe.output.text import one_line

    for hit in result.hits:
        fields = (reference(hit), hit.fieldwork_started, hit.section, hit.section_heading, hit.kind, hit.text)
        typer.echo("\t".join(one_line(field) for field in fields))
    typer.echo(f"searched for: {' '.join(result.terms) or '(no words shared with other findings)'}", err=True)


def print_table(source: str, result: Similar) -> None:
    from rich.text import Text

    from probe.output.hits import print_table as print_hits
    from probe.output.text import console, safe_text

    out = console()
    out.print(Text("Like: ", style="bold") + safe_text(source))
    out.print(Text(f"searched for: {' '.join(result.terms) or '(no words shared with other findings)'}", style="dim"))
    print_hits(result.hits, len(result.hits))
    if result.hits:
        out.print(safe_text("Start from one of them: probe similar " + " | ".join(map(reference, result.hits)), style="dim"))
