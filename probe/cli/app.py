"""The `probe` Typer app, its global options, and what every command shares: the database,
one-line failures, the console. Each command lives in its own module of this package and its
output in probe.output.

Imports are lazy so that `probe search` loads typer, sqlite3 and the read API (and Rich only
when printing to a terminal), never textual or sqlite_utils.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from probe.paths import DB_ENV, default_db_path

if TYPE_CHECKING:
    from probe.store.read import Reader

app = typer.Typer(
    name="probe",
    help="""Explore HM Inspectorate of Probation inspection reports on Probation Delivery
Units (PDUs) in England and Wales.

Run `probe` alone to open the explorer (TUI). On first use probe builds its database from the
five bundled reports; `probe import` adds more.

Examples:

  probe search "home visits"

  probe search risk --standard Assessment --rating Inadequate --since 2024

  probe show gwent

  probe export --format csv --out ratings.csv
""",
    rich_markup_mode=None,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


# The read commands' Markdown output, beside --json: report text is escaped (probe.output.markdown).
AsMarkdown = Annotated[bool, typer.Option("--markdown", "--md", help="Print Markdown, e.g. to paste into notes.")]


def one_format(as_json: bool, as_markdown: bool) -> None:
    if as_json and as_markdown:
        fail("--json and --markdown: choose one")


def fail(message: str) -> NoReturn:
    """One plain line on stderr, exit code 1: how every error ends."""
    typer.echo(f"probe: {message}", err=True)
    raise typer.Exit(1)


def database_path(db: Path | None) -> Path:
    """--db (or PROBE_DB) as given; otherwise the default database, built from the bundled
    reports the first time."""
    if db is not None:
        return db
    path = default_db_path()
    if not path.exists():
        typer.echo(f"probe: first run: building {path} from the bundled reports", err=True)
        from probe.domain.model import ReportError
        from probe.ingest import bundled_reports
        from probe.store.connection import StoreError
        from probe.store.write import build_database

        try:
            build_database(path, bundled_reports())
        except (StoreError, ReportError, OSError) as error:
            fail(f"cannot build {path}: {error}")
    return path


@contextmanager
def reading(db: Path | None) -> Iterator["Reader"]:
    """A Reader on the database; any StoreError while reading ends as one line."""
    from probe.store.connection import StoreError
    from probe.store.migrations import open_reader

    try:
        with open_reader(database_path(db)) as reader:
            yield reader
    except StoreError as error:  # QueryError included
        fail(str(error))


def complete_pdu(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion for PDU names: quietly nothing when the database cannot be read."""
    from probe.store.connection import StoreError
    from probe.store.read import Reader

    try:
        with Reader(database_path(ctx.parent.params.get("db") if ctx.parent else None)) as reader:
            names = {summary.pdu_name for summary in reader.find_reports(incomplete)}
    except (StoreError, typer.Exit):
        return []
    return sorted(names)


@app.callback(invoke_without_command=True)
def main_options(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            envvar=DB_ENV,
            dir_okay=False,
            help="Database file. Default: $XDG_DATA_HOME/probe/probe.db.",
            show_default=False,
        ),
    ] = None,
) -> None:
    ctx.obj = db
    if ctx.invoked_subcommand is None:
        open_tui(db)


@app.command()
def tui(ctx: typer.Context) -> None:
    """Open the explorer (the same as `probe` alone)."""
    open_tui(ctx.obj)


def open_tui(db: Path | None) -> None:
    from probe.tui.app import run  # run() turns an unusable database into one line, exit 1

    run(database_path(db))
