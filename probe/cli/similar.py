"""`probe similar`: the findings of other reports most like one finding (or some text)."""

import re
import sys
from typing import Annotated

import typer

from probe.cli.app import AsMarkdown, app, fail, one_format, reading
from probe.cli.reports import pick_report

_LINE_ALONE = re.compile(r":\s*\d+")  # a line with no PDU before it
_REFERENCE = re.compile(r"^(?P<pdu>.*\S):(?P<line>\d+)$")


@app.command()
def similar(
    ctx: typer.Context,
    finding: Annotated[
        str, typer.Argument(help="PDU:LINE (a finding of the PDU's latest report, e.g. gwent:212), or any text.")
    ],
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many findings.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON: the finding, the words searched, the hits.")] = False,
    as_markdown: AsMarkdown = False,
) -> None:
    """Find what inspectors said most like a finding, in other reports, best first.

    Ranks with BM25 over the finding's most distinctive words (those fewest findings share);
    no model, nothing downloaded. Give a finding as PDU:LINE, its line in the report (the
    `line` of `probe search --json`; piped, `probe similar` prints each hit's PDU:LINE first),
    or give any text.

    Examples:

      probe similar gwent:212

      probe similar "home visits were not completed" --limit 5
    """
    one_format(as_json, as_markdown)
    if not any(character.isalnum() for character in finding) or _LINE_ALONE.fullmatch(finding.strip()):
        fail("give a finding as PDU:LINE (e.g. gwent:212) or some words to match")
    reference = _REFERENCE.match(finding.strip())
    with reading(ctx.obj) as reader:
        if reference:
            summary = pick_report(reader, reference["pdu"])
            found = reader.similar_to_finding(summary.id, int(reference["line"]), limit)
            if found is None:
                fail(f"no finding of {summary.pdu_name} ({summary.fieldwork_started}) starts at line {reference['line']}")
            source, result = found
        else:
            source, result = finding, reader.similar_to_text(finding, limit)
    from probe.output import similar as output

    if as_json:
        output.print_json(source, result)
    elif as_markdown:
        from probe.output.markdown import hits_markdown

        typer.echo(hits_markdown(f"Findings like: {source}", result.hits), nl=False)
    elif sys.stdout.isatty():
        output.print_table(source, result)
    else:
        output.print_tsv(result)
