"""`probe import`: files and folders (or the bundled reports) into a database, with one line for
every file that is not imported as it is, a summary, and a progress bar on a terminal."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from probe.cli.app import app, database_path, fail
from probe.importers import DEFAULT_MAX_BYTES
from probe.output.text import console, one_line

if TYPE_CHECKING:  # imported when used: a database that cannot be written ends it before them
    from probe.ingest import FileOutcome, Listed


@app.command("import")
def import_(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Report files (PDF, web page or text), or folders to search."),
    ] = None,
    bundled: Annotated[
        bool, typer.Option(help="Also import (or refresh) the reports bundled with probe.")
    ] = False,
    max_bytes: Annotated[
        int, typer.Option(min=1, help="Refuse text and web pages bigger than this (PDFs: 50 MB).")
    ] = DEFAULT_MAX_BYTES,
    force: Annotated[
        bool,
        typer.Option(help="Replace a stored report even with a text that holds less of it."),
    ] = False,
) -> None:
    """Import reports: PDF files, saved web pages and text, told apart by their content.

    Folders are searched recursively (hidden files and folders are left out). A report already
    stored with the same text is left unchanged; a new text of the same inspection (same PDU
    and fieldwork month) replaces it, unless it holds fewer standards, key questions,
    recommendations or findings (a cut-off copy, say): --force replaces anyway. Of one
    inspection's PDF, web page and text, the PDF is kept, then the web page. Every file
    that is refused or skipped gets one line saying why, and the exit code is 1 when anything
    was refused or nothing could be imported. Each replaced report, and each report the
    importer had warnings about, gets a line too.

    Examples: probe import ~/Downloads/reports    probe --db shared.db import --bundled
    """
    from probe.store.connection import StoreError

    if not paths and not bundled:
        fail("name report files or folders to import, or pass --bundled")
    missing = [path for path in paths or [] if not path.exists() and not path.is_symlink()]
    if missing and len(missing) == len(paths or []) and not bundled:
        # Nothing named is there: say so once, before a database is opened or made.
        fail(f"no such file or folder: {', '.join(shown(path) for path in missing)}")
    try:
        code = run_import(database_path(ctx.obj), paths or [], max_bytes, force=force, bundled=bundled)
    except StoreError as error:
        fail(str(error))
    raise typer.Exit(code)


def shown(path: Path) -> str:
    """A file name as it may reach a terminal: no escape sequences, no line breaks."""
    return one_line(str(path))


OUTCOMES = ("imported", "unchanged", "replaced", "kept", "refused", "skipped")
WARNINGS_SHOWN = 5  # per file: the line stays readable; `probe show` has the stored ones
SHOWN_WHEN_ANY = ("kept", "skipped")  # left out of the summary when there are none


def run_import(
    db_path: Path, paths: list[Path], max_bytes: int, *, force: bool, bundled: bool
) -> int:
    """Import, print what happened, and return the exit code: 1 when anything was refused or
    nothing could be imported."""
    from probe.ingest import (
        bundled_reports,
        import_bundled,
        report_files,
        start_parsing,
        store_files,
    )
    from probe.store.connection import StoreError

    listed = list(report_files(paths))
    counts: Counter[str] = Counter()
    notes: list[str] = []
    with start_parsing(listed, max_bytes) as parsing:
        # The workers parse while the database is opened. Opening it still comes before any
        # report is stored: a database that cannot be written ends the import untouched.
        from probe.store.write import batched, open_db, remove_if_unused

        created = not db_path.exists()
        db = open_db(db_path)
        shipped = list(bundled_reports()) if bundled else []
        try:
            with batched(db) as batch:
                outcomes = _chain(
                    import_bundled(batch, shipped, force=force),
                    store_files(batch, listed, parsing, force=force),
                )
                for result in _with_progress(outcomes, len(shipped) + len(listed)):
                    counts[result.outcome] += 1
                    notes.extend(outcome_notes(result))
        except StoreError as error:
            raise StoreError(f"import stopped after {counts.total()} files: {error}") from None
        finally:
            db.close()
    for line in notes:
        typer.echo(line, err=True)
    shown = [outcome for outcome in OUTCOMES if outcome not in SHOWN_WHEN_ANY or counts[outcome]]
    typer.echo(", ".join(f"{counts[outcome]} {outcome}" for outcome in shown))
    stored = counts["imported"] + counts["unchanged"] + counts["replaced"] + counts["kept"]
    if not stored:
        typer.echo(f"probe: {_nothing_found(paths, listed)}", err=True)
        if created:
            remove_if_unused(db_path)
    return 1 if counts["refused"] or not stored else 0


def _chain(*parts: Iterable[FileOutcome]) -> Iterator[FileOutcome]:
    for part in parts:
        yield from part


def _nothing_found(paths: list[Path], listed: list[Listed]) -> str:
    where = ", ".join(shown(path) for path in paths)
    if not listed:
        return f"nothing to import: no files in {where} (hidden files are not read)"
    return f"nothing imported from {where}: no file there is an inspection report probe can read"


def outcome_notes(result: FileOutcome) -> list[str]:
    """The lines worth a user's eye about one file: why it was refused or skipped, what it
    replaced, and what the importer could not find in it."""
    if result.outcome in ("refused", "skipped", "kept"):
        return [f"{shown(result.path)}: {one_line(result.reason)}"]
    report, notes = result.report, []
    if result.outcome == "replaced":
        notes.append(
            f"{shown(result.path)}: replaced the stored {report.pdu} ({report.fieldwork_started})"
        )
    if report.warnings and result.outcome != "unchanged":
        count = len(report.warnings)
        warnings = "; ".join(one_line(warning) for warning in report.warnings[:WARNINGS_SHOWN])
        if count > WARNINGS_SHOWN:
            warnings += f"; and {count - WARNINGS_SHOWN} more (probe show lists them)"
        notes.append(f"{shown(result.path)}: {count} warning{'s' if count != 1 else ''}: {warnings}")
    return notes


def _with_progress(outcomes: Iterator[FileOutcome], total: int) -> Iterator[FileOutcome]:
    """A progress bar on stderr when it is a terminal (files done / total, the file being
    stored, files a second); the outcomes untouched otherwise."""
    if not sys.stderr.isatty():
        yield from outcomes
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (
        TextColumn("Importing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TextColumn("{task.description}", markup=False),
    )
    with Progress(*columns, console=console(stderr=True), transient=True) as progress:
        task = progress.add_task("", total=total, rate="")
        for result in outcomes:
            speed = progress.tasks[0].speed
            rate = f"{speed:.1f} files/s" if speed else ""
            progress.update(task, advance=1, description=one_line(result.path.name), rate=rate)
            yield result
