"""`probe history`: every inspection of one PDU, oldest first, and what changed."""

import sys
from typing import Annotated

import typer

from probe.cli.app import AsMarkdown, app, complete_pdu, fail, one_format, reading


@app.command()
def history(
    ctx: typer.Context,
    pdu: Annotated[str, typer.Argument(help="A PDU's name, or a unique part of it.", autocompletion=complete_pdu)],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON: the inspections and the rows.")] = False,
    as_markdown: AsMarkdown = False,
) -> None:
    """Show every inspection of one PDU, oldest first: overall rating, score, each standard and
    each key question, marked up or down against the inspection before.

    The 2021-23 and 2024-25 frameworks are aligned by meaning (2021-23 "Staff" is 2024-25
    "Staffing"; "Information and facilities", "Court work" and "Outcomes" exist only in
    2021-23); key questions by their wording. PDU names match after normalising case, "&" and
    "and", a "PDU" suffix and punctuation. Link a renamed or merged PDU's names in
    ~/.config/probe/pdus.toml ($XDG_CONFIG_HOME/probe/pdus.toml):

      [links]

      "County Durham and Darlington" = ["Durham Tees Valley"]

    Example: probe history gwent
    """
    from probe.settings import SettingsError, pdu_links
    from probe.store.history import matching_pdus, pdu_history

    one_format(as_json, as_markdown)
    try:
        links = pdu_links()
    except SettingsError as error:
        fail(str(error))
    with reading(ctx.obj) as reader:
        groups = matching_pdus(reader.reports(), pdu, links)
        if not groups:
            fail(f"no PDU matches {pdu!r}; `probe pdus` lists them")
        if len(groups) > 1:
            names = sorted(group[-1].pdu_name for group in groups.values())
            fail(f"{pdu!r} matches {len(names)} PDUs: {'; '.join(names)}")
        (summaries,) = groups.values()
        result = pdu_history([reader.report(summary.id) for summary in summaries])
    from probe.output import history as output

    if as_json:
        output.print_json(result)
    elif as_markdown:
        from probe.output.markdown import history_markdown

        typer.echo(history_markdown(result), nl=False)
    elif sys.stdout.isatty():
        output.print_table(result)
    else:
        output.print_tsv(result)
