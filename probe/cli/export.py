"""`probe export`: every report as JSON or Markdown, or the ratings of every report as CSV."""

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from probe.cli.app import app, database_path, fail, reading


class ExportFormat(str, Enum):
    json = "json"
    csv = "csv"
    md = "md"


# --out's suffix -> the format written when --format is not given
SUFFIX_FORMATS = {".csv": ExportFormat.csv, ".md": ExportFormat.md, ".markdown": ExportFormat.md}


@app.command()
def export(
    ctx: typer.Context,
    format: Annotated[
        ExportFormat | None,
        typer.Option("--format", "-f", help="json, csv or md (Markdown); by default from --out's suffix, else json."),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", dir_okay=False, help="Write here, not stdout.")
    ] = None,
) -> None:
    """Export every report.

    JSON: an array with one object per report: the headline fields (pdu, region, framework,
    published, fieldwork_started, fieldwork_start_date, score_points, score_max,
    overall_rating, chief_inspector, lead_inspector, cases_inspected, interviews, caseload,
    source_name, format (the text's layout: pdf or web), source_format (the file imported:
    pdf, html or text), warnings) and the lists standards, key_questions, recommendations,
    findings (in report order) and headings.

    CSV: one row per report: the headline fields, then one column per standard
    ("Leadership", "Staffing", ...) holding that report's rating, empty when the report's
    framework has no such standard. Standards that one framework renamed share a column
    (2021's "Staff" is under "Staffing").

    Markdown: each report as a document (facts, ratings, key questions, recommendations,
    findings by section with their line in the report), separated by rules.
    """
    from probe.output.export import database_files, ratings_csv, reports_json, write_atomically
    from probe.output.markdown import reports_markdown

    if format is None:
        format = SUFFIX_FORMATS.get(out.suffix.casefold() if out else "", ExportFormat.json)
    db = database_path(ctx.obj)
    if out is not None and any(_same_file(out, path) for path in database_files(db)):
        fail(f"--out {out} is the database {db} or one of its files; choose another path")
    with reading(db) as reader:
        exporters = {ExportFormat.json: reports_json, ExportFormat.csv: ratings_csv, ExportFormat.md: reports_markdown}
        chunks = exporters[format](reader)
        if out is None:
            for chunk in chunks:
                sys.stdout.write(chunk)
            return
        try:
            write_atomically(out, chunks)
        except OSError as error:
            fail(f"cannot write {out}: {error.strerror or error}")


def _same_file(one: Path, other: Path) -> bool:
    """The same path once symlinks and relative parts are resolved, or one file by two names."""
    if one.resolve() == other.resolve():
        return True
    try:
        return one.samefile(other)
    except OSError:  # either does not exist
        return False
