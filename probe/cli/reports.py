"""`probe pdus` and `probe show`: the reports in the database, and one report."""

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from probe.cli.app import AsMarkdown, app, complete_pdu, fail, reading

if TYPE_CHECKING:
    from probe.store.read import Reader, ReportSummary


@app.command()
def pdus(ctx: typer.Context) -> None:
    """List every report: PDU, region, fieldwork month, overall rating and score."""
    from probe.output import reports

    with reading(ctx.obj) as reader:
        summaries = reader.reports()
    if sys.stdout.isatty():
        reports.print_summaries_table(summaries)
    else:
        reports.print_summaries_tsv(summaries)


@app.command()
def show(
    ctx: typer.Context,
    pdu: Annotated[
        str,
        typer.Argument(
            help="A unique part of the PDU's name, any case.", autocompletion=complete_pdu
        ),
    ],
    as_markdown: AsMarkdown = False,
) -> None:
    """Show one PDU's latest report: ratings, key questions and recommendations.

    --markdown prints the whole report as `probe export --format md` does (with its findings).

    Example: probe show durham
    """
    with reading(ctx.obj) as reader:
        summary = pick_report(reader, pdu)
        report = reader.report(summary.id)
        stats = reader.key_question_stats(summary.id)
    if as_markdown:
        from probe.output.markdown import report_markdown

        typer.echo(report_markdown(report), nl=False)
        return
    from probe.output.reports import print_report

    print_report(report, stats)


def pick_report(reader: "Reader", name_part: str) -> "ReportSummary":
    """The latest report of the one PDU whose name contains `name_part` (an exact name wins)."""
    return pick_pdu(reader, name_part)[-1]


def pick_pdu(reader: "Reader", name_part: str) -> list["ReportSummary"]:
    """Every report, oldest first, of the one PDU whose name contains `name_part` (an exact
    name wins). Case, "&" for "and", punctuation and the " PDU" that printed names end in do
    not count (store.history.normalise_pdu)."""
    from probe.store.history import normalise_pdu

    if not normalise_pdu(name_part):
        fail("no PDU name given: give part of one, e.g. probe show gwent")
    matches = reader.find_reports(name_part)
    names = sorted({summary.pdu_name for summary in matches})
    exact = [name for name in names if normalise_pdu(name) == normalise_pdu(name_part)]
    if exact:
        names = exact
    typed = " ".join(name_part.split())
    if not names:
        fail(f"no PDU matches {typed!r}; `probe pdus` lists them")
    if len(names) > 1:
        fail(f"{typed!r} matches {len(names)} PDUs: {'; '.join(names)}")
    return [summary for summary in matches if summary.pdu_name == names[0]]
