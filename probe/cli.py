"""The `probe` command line.

Render only: data comes from probe.store. Imports are lazy so that `probe search` loads typer,
sqlite3 and the read API (and Rich only when printing to a terminal), never textual or
sqlite_utils.
"""

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from probe.importers import DEFAULT_MAX_BYTES
from probe.paths import DB_ENV, default_db_path

if TYPE_CHECKING:
    from probe.importers.model import Report
    from probe.store.read import Reader, SearchHit

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


class Kind(str, Enum):
    strength = "strength"
    improvement = "improvement"
    finding = "finding"
    recommendation = "recommendation"


class Rating(str, Enum):
    outstanding = "Outstanding"
    good = "Good"
    requires_improvement = "Requires improvement"
    inadequate = "Inadequate"


class ExportFormat(str, Enum):
    json = "json"
    csv = "csv"


KIND_NAMES = {"improvement": "area_for_improvement"}  # CLI word -> store kind
KIND_LABELS = {"area_for_improvement": "improvement"}  # the --kind words


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
        from probe.importers.model import ReportError
        from probe.ingest import bundled_reports
        from probe.store.read import StoreError
        from probe.store.write import build_database

        try:
            build_database(path, bundled_reports())
        except (StoreError, ReportError, OSError) as error:
            fail(f"cannot build {path}: {error}")
    return path


@contextmanager
def reading(db: Path | None) -> Iterator["Reader"]:
    """A Reader on the database; any StoreError while reading ends as one line."""
    from probe.store.read import Reader, StoreError

    try:
        with Reader(database_path(db)) as reader:
            yield reader
    except StoreError as error:  # QueryError included
        fail(str(error))


def console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def complete_pdu(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion for PDU names: quietly nothing when the database cannot be read."""
    from probe.store.read import Reader, StoreError

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


@app.command()
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Words to find, matched as a phrase.")],
    raw: Annotated[
        bool, typer.Option("--raw", help="Pass FTS5 syntax through: AND, OR, NOT, NEAR, pre*.")
    ] = False,
    pdu: Annotated[str | None, typer.Option(help="Only PDUs whose name contains this.")] = None,
    standard: Annotated[
        str | None, typer.Option(help="Standard code (2.1) or name (Assessment).")
    ] = None,
    kind: Annotated[Kind | None, typer.Option(help="Only this kind of finding.")] = None,
    rating: Annotated[
        Rating | None,
        typer.Option(case_sensitive=False, help="Only findings of standards rated this."),
    ] = None,
    since: Annotated[
        int | None, typer.Option(min=1990, max=2100, help="Only fieldwork in this year or later.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many hits.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array of hits.")] = False,
) -> None:
    """Search findings and recommendations, best matches first.

    Words match as a phrase, stemmed: "home visit" also finds "home visits". Quote parts to
    find several phrases anywhere: '"home visits" police'. --raw takes SQLite FTS5 syntax.

    On a terminal hits show as a table; piped, as tab-separated lines (pdu, fieldwork,
    section, section heading, kind, text) with the hit count on stderr.

    Examples:

      probe search "home visits"

      probe search "domestic abuse" --kind improvement --since 2024

      probe search --raw 'safeguard* NOT police' --pdu gwent --json
    """
    if not query.strip():
        fail('nothing to search for: give some words, e.g. probe search "home visits"')
    with reading(ctx.obj) as reader:
        if standard is not None:
            check_standard(reader, standard)
        result = reader.search(
            query,
            raw=raw,
            pdu=pdu,
            standard=standard,
            kind=KIND_NAMES.get(kind.value, kind.value) if kind else None,
            rating=rating.value if rating else None,
            since=since,
            limit=limit,
        )
    if result.all_words:
        typer.echo("probe: no text has these words as a phrase; showing texts with all of them", err=True)
    if as_json:
        import json

        typer.echo(json.dumps([hit_dict(hit) for hit in result.hits], ensure_ascii=False, indent=2))
    elif sys.stdout.isatty():
        print_hits_table(result.hits, result.total)
    else:
        print_hits_tsv(result.hits)
        typer.echo(hits_line(len(result.hits), result.total), err=True)


def check_standard(reader: "Reader", standard: str) -> None:
    """An unknown --standard is a typo to point out, not a reason for zero hits."""
    known = reader.standards()
    wanted = standard.casefold()
    if not any(code == standard or name.casefold().startswith(wanted) for code, name in known):
        names = ", ".join(dict.fromkeys(name for _, name in known))
        fail(f"no standard matches {standard!r}: give a code such as 2.1, or one of {names}")


def hit_dict(hit: "SearchHit") -> dict:
    from probe.display import plain_snippet

    return {
        "pdu": hit.pdu,
        "fieldwork_started": hit.fieldwork_started,
        "section": hit.section,
        "section_heading": hit.section_heading,
        "kind": hit.kind,
        "text": hit.text,
        "snippet": plain_snippet(hit.snippet),
        "line": hit.line,
        "report_id": hit.report_id,
    }


def print_hits_tsv(hits: list["SearchHit"]) -> None:
    from probe.display import one_line

    for hit in hits:
        fields = (hit.pdu, hit.fieldwork_started, hit.section, hit.section_heading, hit.kind, hit.text)
        typer.echo("\t".join(one_line(field) for field in fields))


def print_hits_table(hits: list["SearchHit"], total: int) -> None:
    """Where each hit is (PDU, month, kind, section) beside its snippet: reads at 80 columns."""
    from rich import box
    from rich.table import Table

    from probe.display import safe_text, snippet_text

    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    table.add_column("Where", ratio=2)
    table.add_column("Match", ratio=3)
    for hit in hits:
        section = hit.section_heading
        if hit.section != hit.section_heading and hit.kind != "recommendation":
            section = f"{hit.section} {hit.section_heading}"
        where = safe_text(hit.pdu.removesuffix(" PDU"), style="bold")
        kind = KIND_LABELS.get(hit.kind, hit.kind)
        where.append_text(safe_text(f"\n{short_month(hit.fieldwork_started)} · {kind}"))
        where.append_text(safe_text(f"\n{section}", style="italic"))
        table.add_row(where, snippet_text(hit.snippet), end_section=True)
    out = console()
    if hits:
        out.print(table)
    out.print(hits_line(len(hits), total), markup=False)


def hits_line(shown: int, total: int) -> str:
    """ "5 hits", or "20 of 312 hits" when --limit cut the list."""
    count = f"{shown} of {total}" if shown < total else f"{total}"
    return f"{count} hit{'s' if total != 1 else ''}"


def short_month(month: str | None) -> str:
    """ "September 2025" -> "Sep 2025", to keep tables narrow."""
    if not month or " " not in month:
        return month or ""
    name, year = month.split(" ", 1)
    return f"{name[:3]} {year}"


@app.command()
def pdus(ctx: typer.Context) -> None:
    """List every report: PDU, region, fieldwork month, overall rating and score."""
    with reading(ctx.obj) as reader:
        summaries = reader.reports()
    rows = [
        (
            summary.pdu_name,
            summary.region or "",
            summary.fieldwork_started or "",
            summary.overall_rating or "",
            score(summary.score_points, summary.score_max),
        )
        for summary in summaries
    ]
    if not sys.stdout.isatty():
        from probe.display import one_line

        for row in rows:
            typer.echo("\t".join(one_line(field) for field in row))
        return
    from rich import box
    from rich.table import Table

    from probe.display import safe_text

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for name in ("PDU", "Region", "Fieldwork", "Rating", "Score"):
        table.add_column(name, justify="right" if name == "Score" else "left")
    for row in rows:
        table.add_row(*(safe_text(field) for field in row))
    console().print(table)


def score(points: int | None, maximum: int | None) -> str:
    return "" if points is None else f"{points}/{maximum}"


@app.command()
def show(
    ctx: typer.Context,
    pdu: Annotated[
        str,
        typer.Argument(
            help="A unique part of the PDU's name, any case.", autocompletion=complete_pdu
        ),
    ],
) -> None:
    """Show one PDU's latest report: ratings, key questions and recommendations.

    Example: probe show durham
    """
    with reading(ctx.obj) as reader:
        summary = pick_report(reader, pdu)
        report = reader.report(summary.id)
        stats = reader.key_question_stats(summary.id)
    print_report(report, stats)


def pick_report(reader: "Reader", name_part: str):
    """The latest report of the one PDU whose name contains `name_part` (an exact name wins)."""
    matches = reader.find_reports(name_part)
    names = sorted({summary.pdu_name for summary in matches})
    exact = [name for name in names if name.casefold() == name_part.casefold()]
    if exact:
        names = exact
    if not names:
        fail(f"no PDU matches {name_part!r}; `probe pdus` lists them")
    if len(names) > 1:
        fail(f"{name_part!r} matches {len(names)} PDUs: {'; '.join(names)}")
    return [summary for summary in matches if summary.pdu_name == names[0]][-1]


def print_report(report: "Report", stats) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from probe.display import safe_text

    out = console()
    out.print(safe_text(report.pdu, style="bold"))
    facts = [
        ("Region", report.region),
        ("Fieldwork", report.fieldwork_started),
        ("Published", report.published),
        ("Overall", f"{report.overall_rating or '?'} ({score(report.score_points, report.score_max)})"),
        ("Framework", report.framework),
    ]  # fmt: skip
    for label, value in facts:
        if value:
            out.print(Text(f"{label + ':':<11}") + safe_text(value))

    ratings = Table(title="Ratings", box=box.SIMPLE_HEAD, pad_edge=False, title_justify="left")
    for name in ("Standard", "Name", "Rating"):
        ratings.add_column(name)
    for standard in report.standards:
        ratings.add_row(
            safe_text(standard.code), safe_text(standard.name), safe_text(standard.rating or "-")
        )
    out.print(ratings)

    questions = Table(title="Key questions", box=box.SIMPLE_HEAD, pad_edge=False, title_justify="left")
    for name in ("Std", "Question", "%", "Median"):
        questions.add_column(name, justify="right" if name in ("%", "Median") else "left")
    for stat in stats:
        questions.add_row(
            safe_text(stat.standard_code),
            safe_text(stat.question),
            safe_text(f"{stat.percent}{' *' if stat.drives_rating else ''}"),
            safe_text(f"{stat.median:g}"),
        )
    out.print(questions)
    out.print(
        Text(
            "* the lowest of its rated standard: the rating follows its band unless inspectors\n"
            "  used their judgement. Median: across every report asking the same question.",
            style="dim",
        )
    )

    out.print(Text("\nRecommendations", style="italic"))
    addressee = None
    recommendations = Table.grid(padding=(0, 1))
    recommendations.add_column(justify="right")
    recommendations.add_column()
    for recommendation in report.recommendations:
        if recommendation.addressee != addressee:
            addressee = recommendation.addressee
            recommendations.add_row("", safe_text(f"{addressee} should:", style="bold"))
        recommendations.add_row(f"{recommendation.number}.", safe_text(recommendation.text))
    out.print(recommendations)

    if report.warnings:
        out.print(Text("\nImport warnings (what probe could not find or check)", style="italic"))
        warnings = Table.grid(padding=(0, 1))
        warnings.add_column()
        warnings.add_column()
        for warning in report.warnings:
            warnings.add_row(" !", safe_text(warning))
        out.print(warnings)


@app.command()
def export(
    ctx: typer.Context,
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="json or csv.")] = (
        ExportFormat.json
    ),
    out: Annotated[
        Path | None, typer.Option("--out", "-o", dir_okay=False, help="Write here, not stdout.")
    ] = None,
) -> None:
    """Export every report.

    JSON: an array with one object per report: the headline fields (pdu, region, framework,
    published, fieldwork_started, fieldwork_start_date, score_points, score_max,
    overall_rating, chief_inspector, lead_inspector, cases_inspected, interviews, caseload,
    source_name, format, warnings) and the lists standards, key_questions, recommendations,
    findings (in report order) and headings.

    CSV: one row per report: the headline fields, then one column per standard name
    ("Leadership", "Staff", "Staffing", ...) holding that report's rating, empty when the
    report's framework has no such standard.
    """
    with reading(ctx.obj) as reader:
        if format is ExportFormat.json:
            import json

            text = json.dumps(
                [report_dict(reader.report(s.id)) for s in reader.reports()],
                ensure_ascii=False,
                indent=2,
            )
        else:
            text = ratings_csv(reader)
    if out is None:
        typer.echo(text, nl=format is ExportFormat.json)
        return
    try:
        out.write_text(text + ("\n" if format is ExportFormat.json else ""), encoding="utf-8")
    except OSError as error:
        fail(f"cannot write {out}: {error.strerror}")


EXPORT_FIELDS = (
    "pdu", "region", "framework", "published", "fieldwork_started", "fieldwork_start_date",
    "score_points", "score_max", "overall_rating", "chief_inspector", "lead_inspector",
    "cases_inspected", "interviews", "caseload", "source_name", "format",
)  # fmt: skip


def report_dict(report: "Report") -> dict:
    from dataclasses import asdict

    full = asdict(report)
    listed = ("standards", "key_questions", "recommendations", "findings", "headings")
    return {
        **{name: full[name] for name in EXPORT_FIELDS},
        "warnings": report.warnings,
        **{name: full[name] for name in listed},
    }


def ratings_csv(reader: "Reader") -> str:
    import csv
    import io

    matrix = reader.ratings_matrix()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([*EXPORT_FIELDS, *matrix.columns])
    for summary, ratings in matrix.rows:
        full = report_dict(reader.report(summary.id))
        writer.writerow(
            [*(full[name] for name in EXPORT_FIELDS), *(ratings.get(c) for c in matrix.columns)]
        )
    return buffer.getvalue()


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option(help="Address to listen on. Anything but loopback shares the data.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port; 0 picks a free one.")] = 8001,
) -> None:
    """Open the database to web browsers, read-only, with Datasette.

    Search ranked as `probe search` ranks it, the ratings of every report, a key question
    across reports and one PDU's report; every table with facets, and CSV and JSON export.
    Reports imported while it runs show up at the next page. Needs the optional extra:
    pip install 'hmip-probe[serve]'.

    Example: probe serve --port 8001, then open http://127.0.0.1:8001/
    """
    from probe.serve import ServeError, require_extra, run

    try:
        require_extra()  # before building a first database it could not show
        run(database_path(ctx.obj), host, port, announce=lambda line: typer.echo(f"probe: {line}", err=True))
    except ServeError as error:
        fail(str(error))


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

    from probe.store.read import StoreError
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
    from probe.display import one_line

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

    return track(items, total=total, description="Importing", console=console(stderr=True), transient=True)


def main() -> None:
    try:
        app(prog_name="probe")
    except BrokenPipeError:
        # `probe search ... | head`: the reader has all it wants; not an error.
        sys.stderr.close()
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
