"""`probe check`: is each report consistent with its own numbers?"""

import sys
from typing import Annotated

import typer

from probe.cli.app import AsMarkdown, app, complete_pdu, one_format, reading
from probe.cli.reports import pick_pdu


@app.command()
def check(
    ctx: typer.Context,
    pdu: Annotated[
        str | None,
        typer.Argument(help="A unique part of a PDU's name; every report when left out.", autocompletion=complete_pdu),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON, one object per report.")] = False,
    as_markdown: AsMarkdown = False,
) -> None:
    """Check each report against its own numbers.

    The score must be the sum of the rated standards' points (Outstanding 3, Good 2, Requires
    improvement 1, Inadequate 0). Each rated case-supervision standard must have the rating of
    its lowest key question's band (80%+ Outstanding, 65-79 Good, 50-64 Requires improvement,
    under 50 Inadequate), unless the report explains it by inspectors' judgement or discretion:
    then its sentence is quoted. Values the importer warned about are listed.

    Exit code 0 when everything is consistent or explained, 1 when something is not.

    Examples:

      probe check

      probe check gateshead --json
    """
    from probe.store.checks import check_report

    one_format(as_json, as_markdown)
    with reading(ctx.obj) as reader:
        summaries = pick_pdu(reader, pdu) if pdu else reader.reports()
        results = [check_report(reader.report(summary.id)) for summary in summaries]
    from probe.output import checks

    if as_json:
        checks.print_json(results)
    elif as_markdown:
        from probe.output.markdown import checks_markdown

        typer.echo(checks_markdown(results), nl=False)
    elif sys.stdout.isatty():
        checks.print_table(results)
    else:
        checks.print_tsv(results)
    if any(result.unexplained for result in results):
        raise typer.Exit(1)
