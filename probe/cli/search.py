"""`probe search`: full-text search over findings and recommendations."""

import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from probe.cli.app import AsMarkdown, app, fail, one_format, reading
from probe.domain.kinds import KINDS, parse_kind
from probe.domain.ratings import RATINGS

if TYPE_CHECKING:
    from probe.store.read import Reader
    from probe.store.search import SearchResult

MAX_LIMIT = 1_000_000  # far more hits than any database holds; SQLite overflows past 2**63


# --rating's choices: the domain's rating words, best first.
Rating = Enum("Rating", {word.casefold().replace(" ", "_"): word for word in RATINGS}, type=str)


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
    kind: Annotated[
        str | None,
        typer.Option(
            help=f"Only this kind of text: {', '.join(KINDS)}"
            " (also as words: 'area for improvement', 'improvement').",
            metavar="KIND",
            autocompletion=lambda: list(KINDS),
        ),
    ] = None,
    rating: Annotated[
        Rating | None,
        typer.Option(case_sensitive=False, help="Only findings of standards rated this."),
    ] = None,
    since: Annotated[
        int | None, typer.Option(min=1990, max=2100, help="Only fieldwork in this year or later.")
    ] = None,
    limit: Annotated[
        int, typer.Option(min=1, max=MAX_LIMIT, help="Show at most this many hits.")
    ] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array of hits.")] = False,
    as_markdown: AsMarkdown = False,
) -> None:
    """Search findings and recommendations, best matches first.

    Words match as a phrase, stemmed: "home visit" also finds "home visits". Quote parts to
    find several phrases anywhere: '"home visits" police'. --raw takes SQLite FTS5 syntax.

    On a terminal hits show as a table; piped, as tab-separated lines (pdu, fieldwork,
    section, section heading, kind, text, and where it is printed: "p. N" in a PDF, the web
    page's address and section, or nothing for a text) with the hit count on stderr. --json
    also gives each hit's line, as `probe similar PDU:LINE` takes it.

    Examples:

      probe search "home visits"

      probe search "domestic abuse" --kind area_for_improvement --since 2024

      probe search --raw 'safeguard* NOT police' --pdu gwent --json
    """
    one_format(as_json, as_markdown)
    if not query.strip():
        fail('nothing to search for: give some words, e.g. probe search "home visits"')
    kind_key = parse_kind(kind) if kind is not None else None
    if kind is not None and kind_key is None:
        fail(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
    filtered = any(value is not None for value in (pdu, standard, kind, rating, since))
    try:
        with reading(ctx.obj) as reader:
            if standard is not None:
                check_standard(reader, standard)
            if pdu is not None and not reader.find_reports(pdu):
                fail(f"no PDU's name contains {pdu!r}: `probe pdus` lists them")
            result = search_until_ctrl_c(
                reader,
                query,
                raw=raw,
                pdu=pdu,
                standard=standard,
                kind=kind_key,
                rating=rating.value if rating else None,
                since=since,
                limit=limit,
            )
            if result.all_words:
                typer.echo(f"probe: {all_words_note(reader, query, filtered)}", err=True)
        print_result(result, as_json=as_json, markdown_title=f"Search: {query}" if as_markdown else None)
    except KeyboardInterrupt:
        raise typer.Exit(130) from None  # 128 + SIGINT, as shells report a Ctrl+C


def search_until_ctrl_c(reader: "Reader", query: str, **options) -> "SearchResult":
    """Ctrl+C stops a running query at SQLite's next check, through `cancelled` (a
    KeyboardInterrupt raised inside SQLite's callback would not come back out of sqlite3),
    and then leaves as the KeyboardInterrupt it is everywhere else."""
    import signal

    from probe.store.search import SearchInterrupted

    pressed = []
    previous = signal.signal(signal.SIGINT, lambda *_: pressed.append(True))
    try:
        result = reader.search(query, cancelled=lambda: bool(pressed), **options)
    except SearchInterrupted:
        raise KeyboardInterrupt from None
    finally:
        signal.signal(signal.SIGINT, previous)
    if pressed:
        raise KeyboardInterrupt
    return result


def print_result(result: "SearchResult", *, as_json: bool, markdown_title: str | None = None) -> None:
    from probe.output import hits

    if as_json:
        hits.print_json(result.hits)
    elif markdown_title is not None:
        from probe.output.markdown import hits_markdown

        typer.echo(hits_markdown(markdown_title, result.hits), nl=False)
        typer.echo(hits.count_line(len(result.hits), result.total), err=True)
    elif sys.stdout.isatty():
        hits.print_table(result.hits, result.total)
    else:
        hits.print_tsv(result.hits)
        typer.echo(hits.count_line(len(result.hits), result.total), err=True)


def check_standard(reader: "Reader", standard: str) -> None:
    """An unknown --standard is a typo to point out, not a reason for zero hits."""
    known = reader.standards()
    wanted = standard.casefold()
    if not any(code == standard or name.casefold().startswith(wanted) for code, name in known):
        names = ", ".join(dict.fromkeys(name for _, name in known))
        fail(f"no standard matches {standard!r}: give a code such as 2.1, or one of {names}")


def all_words_note(reader: "Reader", query: str, filtered: bool) -> str:
    """Why the hits hold the words apart: no text has the phrase, or none the filters let in."""
    showing = "showing texts with all of them"
    if filtered and not reader.search(query, limit=1).all_words:
        return f"no text these filters allow has these words as a phrase (others do); {showing}"
    return f"no text has these words as a phrase; {showing}"
