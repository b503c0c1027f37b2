"""`probe themes`: how often recurring inspection themes come up, and each theme's matches."""

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from probe.cli.app import AsMarkdown, app, fail, one_format, reading

if TYPE_CHECKING:
    from probe.settings import Theme


@app.command()
def themes(
    ctx: typer.Context,
    theme: Annotated[
        str | None, typer.Argument(help="A theme's name, or a unique part of it: list its matches.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="With a theme: show at most this many matches.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    as_markdown: AsMarkdown = False,
) -> None:
    """Count recurring inspection themes across reports, or list one theme's matches.

    Each theme is a saved search (SQLite FTS5 syntax, as `probe search --raw` takes it) over
    findings and recommendations. For each: how many matches of each kind, how many PDUs, and
    how many reports of each overall rating and framework have a match. The list ships with
    probe (probe/themes.toml); add or change themes in ~/.config/probe/themes.toml
    ($XDG_CONFIG_HOME/probe/themes.toml):

      [[theme]]

      name = "Home visits"

      query = '"home visit" OR "doorstep visit"'

    Examples:

      probe themes

      probe themes "domestic abuse" --limit 50
    """
    from probe.settings import SettingsError
    from probe.settings import themes as load_themes

    one_format(as_json, as_markdown)
    try:
        every_theme = load_themes()
    except SettingsError as error:
        fail(str(error))
    if theme is not None:
        show_matches(ctx, pick_theme(every_theme, theme), limit, as_json, as_markdown)
        return
    with reading(ctx.obj) as reader:
        results = list(zip(every_theme, reader.theme_counts([each.query for each in every_theme]), strict=True))
    from probe.output import themes as output

    if as_json:
        output.print_json(results)
    elif as_markdown:
        from probe.output.markdown import themes_markdown

        typer.echo(themes_markdown(results), nl=False)
    elif sys.stdout.isatty():
        output.print_table(results)
    else:
        output.print_tsv(results)


def pick_theme(every_theme: list["Theme"], name_part: str) -> "Theme":
    """The theme named exactly (any case), or the one theme whose name contains `name_part`."""
    wanted = name_part.casefold()
    exact = [each for each in every_theme if each.name.casefold() == wanted]
    matches = exact or [each for each in every_theme if wanted in each.name.casefold()]
    if len(matches) == 1:
        return matches[0]
    names = "; ".join(each.name for each in (matches or every_theme))
    fail(f"{name_part!r} matches {len(matches)} themes: {names}" if matches else f"no theme matches {name_part!r}: {names}")


def show_matches(ctx: typer.Context, theme: "Theme", limit: int, as_json: bool, as_markdown: bool) -> None:
    """A theme's matches: the hits `probe search --raw QUERY` gives."""
    with reading(ctx.obj) as reader:
        result = reader.search(theme.query, raw=True, limit=limit)
    from probe.output import hits

    if as_json:
        hits.print_json(result.hits)
    elif as_markdown:
        from probe.output.markdown import hits_markdown

        typer.echo(hits_markdown(f"Theme: {theme.name} ({theme.query})", result.hits), nl=False)
    elif sys.stdout.isatty():
        hits.print_table(result.hits, result.total)
    else:
        hits.print_tsv(result.hits)
        typer.echo(f"{theme.name} ({theme.query}): {hits.count_line(len(result.hits), result.total)}", err=True)
