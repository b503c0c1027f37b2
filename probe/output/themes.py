"""`probe themes`: how often each theme comes up, as a Rich table (terminal), tab-separated
lines under a header line (pipe) or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from probe.domain.ratings import RATINGS

if TYPE_CHECKING:
    from probe.settings import Theme
    from probe.store.themes import ThemeCounts

KIND_COLUMNS = (
    ("strength", "Strengths"), ("area_for_improvement", "Improvements"), ("finding", "Other findings"),
    ("recommendation", "Recommendations"),
)  # fmt: skip
RATING_COLUMNS = tuple((rating, rating) for rating in RATINGS)
FRAMEWORK_COLUMNS = (("2021", "2021-23"), ("2024", "2024-25"))
HEADER = ("Theme", "Matches", "PDUs", *(label for _, label in KIND_COLUMNS + RATING_COLUMNS + FRAMEWORK_COLUMNS))
# Narrow headers for the terminal table (explained under it): it has to fit 80 columns.
SHORT_HEADER = ("Hits", "PDUs", "Str", "AfI", "Oth", "Rec", "Out", "Good", "RI", "Inad", "2021", "2024")


def row(theme: Theme, counts: ThemeCounts) -> tuple[str, ...]:
    return (
        theme.name,
        str(counts.total),
        str(counts.pdus),
        *(str(counts.by_kind.get(kind, 0)) for kind, _ in KIND_COLUMNS),
        *(str(counts.by_rating.get(rating, 0)) for rating, _ in RATING_COLUMNS),
        *(str(counts.by_framework.get(framework, 0)) for framework, _ in FRAMEWORK_COLUMNS),
    )


def print_json(results: list[tuple[Theme, ThemeCounts]]) -> None:
    import json

    payload = [{**theme._asdict(), **counts._asdict()} for theme, counts in results]
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))


def print_tsv(results: list[tuple[Theme, ThemeCounts]]) -> None:
    from probe.output.text import one_line

    typer.echo("\t".join(HEADER))
    for theme, counts in results:
        typer.echo("\t".join(one_line(field) for field in row(theme, counts)))


def print_table(results: list[tuple[Theme, ThemeCounts]]) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from probe.output.text import console, safe_text

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 0, 0, 1), expand=True)
    table.add_column("Theme", ratio=1)
    for label in SHORT_HEADER:
        table.add_column(label, justify="right")
    for theme, counts in results:
        name, *numbers = row(theme, counts)
        table.add_row(safe_text(name, style="bold"), *numbers)
    out = console()
    out.print(table)
    out.print(Text(
        "Hits: findings and recommendations, as `probe search --raw QUERY` counts them:\n"
        "strengths, areas for improvement, other findings, recommendations. PDUs: PDUs with a hit.\n"
        "Outstanding ... Inadequate, 2021-23 / 2024-25 framework: reports with a hit.\n"
        "`probe themes NAME` lists a theme's hits.", style="dim"))  # fmt: skip
