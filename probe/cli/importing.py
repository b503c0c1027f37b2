"""`probe import`: report files and folders into the database."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from probe.cli.app import app, database_path, fail
from probe.importers import DEFAULT_MAX_BYTES


@app.command("import")
def import_(
    ctx: typer.Context,
    paths: Annotated[
        list[Path], typer.Argument(help="Report files, or folders to search for *.txt files.")
    ],
    max_bytes: Annotated[
        int, typer.Option(min=1, help="Refuse files bigger than this.")
    ] = DEFAULT_MAX_BYTES,
    force: Annotated[
        bool,
        typer.Option(help="Replace a stored report even with a text that holds less of it."),
    ] = False,
) -> None:
    """Import report text files; folders are searched recursively for *.txt files.

    A report already stored with the same text is left unchanged; a new text of the same
    inspection (same PDU and fieldwork month) replaces it, unless it holds fewer standards,
    key questions, recommendations or findings (a cut-off copy, say): --force replaces anyway.
    Files that are not reports are refused, one line each, and the exit code is 1. Each
    replaced report, and each report the importer had warnings about, gets a line too.

    Example: probe import ~/downloads/reports
    """
    from collections import Counter

    from probe.store.connection import StoreError
    from probe.store.write import open_db

    path = database_path(ctx.obj)
    try:
        db = open_db(path)
    except StoreError as error:
        fail(str(error))
    from probe.ingest import import_files, report_files

    files = list(report_files(paths))
    counts: Counter[str] = Counter()
    notes = []
    try:
        for result in with_progress(import_files(db, files, max_bytes, force=force), len(files)):
            counts[result.outcome] += 1
            notes.extend(outcome_notes(result))
    except StoreError as error:
        fail(f"import stopped after {counts.total()} files: {error}")
    finally:
        db.close()
    for line in notes:
        typer.echo(line, err=True)
    outcomes = ("imported", "unchanged", "replaced", "refused")
    typer.echo(", ".join(f"{counts[outcome]} {outcome}" for outcome in outcomes))
    if counts["refused"]:
        raise typer.Exit(1)


def outcome_notes(result) -> list[str]:
    """The lines worth a user's eye about one file: why it was refused, what it replaced, and
    what the importer could not find in it."""
    from probe.output.text import one_line

    if result.outcome == "refused":
        return [f"{result.path}: {one_line(result.reason)}"]
    report, notes = result.report, []
    if result.outcome == "replaced":
        notes.append(f"{result.path}: replaced the stored {report.pdu} ({report.fieldwork_started})")
    if report.warnings and result.outcome != "unchanged":
        count = len(report.warnings)
        warnings = "; ".join(one_line(warning) for warning in report.warnings)
        notes.append(f"{result.path}: {count} warning{'s' if count != 1 else ''}: {warnings}")
    return notes


def with_progress(items, total: int):
    """A progress bar on stderr when it is a terminal; the items untouched otherwise."""
    if not sys.stderr.isatty():
        return items
    from rich.progress import track

    from probe.output.text import console

    return track(items, total=total, description="Importing", console=console(stderr=True), transient=True)
