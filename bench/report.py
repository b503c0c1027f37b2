"""Turn benchmark results into docs/benchmarks.md: figures, ratios and each target MET or NOT MET."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from statistics import median

FINDINGS = Path(__file__).resolve().parent / "findings.md"
SERVE = Path(__file__).resolve().parent / "serve.md"  # written by `python -m bench.serve`


@dataclass(frozen=True)
class Check:
    target: str
    size: int
    measured: str
    limit: str
    met: bool


def limits(size: int) -> dict[str, float]:
    """The targets, which the brief sets at 1,000 and 10,000 reports: sizes up to 1,000 are
    held to the first set, bigger ones to the second."""
    small = size <= 1000
    return {
        "import_per_s": 100,
        "db_ratio": 2.0,
        "search_vs_floor": 1.2 if small else 1.5,
        "first_screen_s": 1.0 if small else 1.5,
        "tui_search_s": 0.050,
        "tui_rss_mb": 200,
    }


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.0095 else f"{seconds * 1000:.1f} ms"


def mb(size_bytes: float) -> str:
    return f"{size_bytes / 1e6:.1f} MB"


def import_rate(result: dict) -> float:
    return result["size"] / median(result["import"]["seconds"])


def db_ratio(result: dict) -> float:
    return result["db_bytes"] / result["source_bytes"]


def first_screen(result: dict) -> tuple[float, str]:
    """The real-terminal figure when tmux ran, else the pilot's."""
    tui = result["tui"]
    if tui["terminal_first_screen_s"]:
        return median(tui["terminal_first_screen_s"]), "real terminal"
    return median(tui["first_screen_pilot_s"]), "pilot"


def checks(results: list[dict], typical: tuple[str, ...]) -> list[Check]:
    found = []
    for result in results:
        size, limit = result["size"], limits(result["size"])
        rate = import_rate(result)
        found.append(Check("import throughput", size, f"{rate:.0f} reports/s", f">= {limit['import_per_s']}", rate >= limit["import_per_s"]))
        ratio = db_ratio(result)
        found.append(Check("database size / source text", size, f"{ratio:.2f}x", f"<= {limit['db_ratio']}x", ratio <= limit["db_ratio"]))
        for query in typical:
            times = result["search"][query]["median_s"]
            vs_floor = times["probe search"] / times["bare Typer floor"]
            found.append(Check(f"`probe search \"{query}\"` / bare-Typer floor", size, f"{vs_floor:.2f}x", f"<= {limit['search_vs_floor']}x", vs_floor <= limit["search_vs_floor"]))
            if size <= 1000:
                vs_utils = times["probe search"] / times["sqlite-utils search"]
                found.append(Check(f"`probe search \"{query}\"` / `sqlite-utils search`", size, f"{vs_utils:.2f}x", "< 1x", vs_utils < 1))
        seconds, how = first_screen(result)
        found.append(Check(f"TUI first screen ({how})", size, ms(seconds), f"<= {ms(limit['first_screen_s'])}", seconds <= limit["first_screen_s"]))
        for query in typical:
            latency = median(result["tui"]["search_s"][query])
            found.append(Check(f"search in the TUI, \"{query}\"", size, ms(latency), f"<= {ms(limit['tui_search_s'])}", latency <= limit["tui_search_s"]))
        rss = result["tui"]["max_rss_mb"]
        found.append(Check("TUI peak RSS", size, f"{rss:.0f} MB", f"<= {limit['tui_rss_mb']} MB", rss <= limit["tui_rss_mb"]))
    return found  # fmt: skip


def markdown(context: dict, results: list[dict], startup: dict, queries, typical) -> str:
    found = checks(results, typical)
    parts = [
        "# Benchmarks",
        f"Written by `{context['command'].strip()}` on {context['date']} ({context['minutes']:.0f} min), "
        "on synthetic corpora made from the five bundled reports (`bench/synth.py`: new PDU names, "
        "key-question percentages, ratings, scores and fieldwork dates; each file marked synthetic). "
        "Run it again rather than editing this file; the findings at the end come from "
        "`bench/findings.md`.",
        "## Summary",
        summary(results, found, typical, context["machine"]),
        "## Machine",
        machine_table(context),
        "## Targets",
        targets_table(found),
        "## Import and database size",
        import_table(results, context["repeats"]["imports"]),
        "## Search as a fresh process",
        search_section(results, queries, context["repeats"]),
        "## The TUI",
        tui_section(results, queries, context["repeats"]),
        "## Start-up: `python -X importtime`",
        startup_table(startup),
    ]
    if SERVE.exists():
        parts.append(SERVE.read_text().strip())
    parts += ["## How it is measured", METHOD]
    if FINDINGS.exists():
        parts.append(FINDINGS.read_text().strip())
    return "\n\n".join(parts) + "\n"


def summary(results: list[dict], found: list[Check], typical, machine: dict) -> str:
    largest = max(results, key=lambda result: result["size"])
    size, query = largest["size"], typical[0]
    times = largest["search"][query]["median_s"]
    seconds, how = first_screen(largest)
    met = sum(check.met for check in found)
    missed = [f"{check.target} at {check.size:,}" for check in found if not check.met]
    lines = [
        f"At {size:,} reports ({mb(largest['source_bytes'])} of text, {largest['size'] // 5:,} copies of "
        f"each bundled report re-dressed) on a {machine['cores']}-core {machine['cpu']}: `probe import` stores {import_rate(largest):.0f} reports/s; the "
        f"database is {db_ratio(largest):.2f}x the size of the text; `probe search \"{query}\"` "
        f"takes {ms(times['probe search'])} as a fresh process ({times['probe search'] / times['bare Typer floor']:.2f}x "
        f"a bare Typer command running one FTS query, {times['probe search'] / times['sqlite-utils search']:.2f}x "
        f"`sqlite-utils search`, {times['probe search'] / times['rg -i']:.1f}x `rg -i` over the text files); "
        f"the TUI shows its first screen in {ms(seconds)} ({how}), answers a search in "
        f"{ms(median(largest['tui']['search_s'][query]))} and peaks at {largest['tui']['max_rss_mb']:.0f} MB.",
        f"{met} of {len(found)} target checks are met."
        + (f" Not met: {'; '.join(missed)}." if missed else ""),
    ]
    return "\n".join(lines)


def machine_table(context: dict) -> str:
    machine, tools = context["machine"], context["tools"]
    rows = [
        ("CPU", machine["cpu"]), ("Cores", machine["cores"]), ("RAM", machine["ram"]),
        ("OS", machine["os"]), ("Python", machine["python"]), ("SQLite", machine["sqlite"]),
        *((name, version) for name, version in tools.items()),
        ("probe commit", context["commit"]),
        ("Seed", str(context["seed"])),
        ("Load average (1 min) at start, end", ", ".join(f"{load:.2f}" for load in context["load"])),
    ]  # fmt: skip
    return table(("", ""), rows)


def targets_table(found: list[Check]) -> str:
    rows = [
        (check.target, f"{check.size:,}", check.measured, check.limit, "MET" if check.met else "**NOT MET**")
        for check in found
    ]
    return table(("Target", "Reports", "Measured", "Limit", ""), rows)


def import_table(results: list[dict], runs: int) -> str:
    rows = []
    for result in results:
        seconds = median(result["import"]["seconds"])
        rows.append((
            f"{result['size']:,}", mb(result["source_bytes"]), f"{seconds:.1f} s",
            f"{import_rate(result):.0f}", f"{result['import']['max_rss_mb']:.0f} MB",
            mb(result["db_bytes"]), f"{db_ratio(result):.2f}x",
        ))  # fmt: skip
    header = ("Reports", "Source text", f"`probe import` (median of {runs})", "Reports/s", "Peak RSS", "Database", "Database / text")
    return table(header, rows)


def search_section(results: list[dict], queries, repeats: dict) -> str:
    blocks = [
        f"Median wall time of {repeats['search_runs']} runs after {repeats['warmup']} warm-up runs "
        "(hyperfine, output piped), and the ratio of probe's time to each tool's. Peak RSS from "
        "one more run."
    ]
    for result in results:
        rows = []
        for query in queries:
            times = result["search"][query]["median_s"]
            rss = result["search"][query]["max_rss_mb"]
            probe = times["probe search"]
            rows.append((
                f"`{query}`",
                *(f"{ms(seconds)}" + ("" if name == "probe search" else f" ({probe / seconds:.2f}x)")
                  for name, seconds in times.items()),
                f"{rss['probe search']:.0f} MB",
            ))  # fmt: skip
        names = list(results[0]["search"][queries[0]]["median_s"])
        blocks.append(f"**{result['size']:,} reports**\n\n" + table(("Query", *names, "probe peak RSS"), rows))
    return "\n\n".join(blocks)


VIEW_NAMES = {"ratings": "Ratings", "questions": "Key questions"}
HELD_DOWN = (
    "Holding Down (`bench/held_down.py`): 200 Downs posted at 30 a second from a thread, as a "
    "terminal's key repeat arrives, at 120x40 with the details beside the list, every row in."
)


def spread(timings: list[float]) -> str:
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"{ms(median(timings))} / {ms(p95)} / {ms(max(timings))}"


def moves_cell(timings: list[float]) -> str:
    return f"{ms(median(timings))} ({ms(max(timings))})"


def tui_section(results: list[dict], queries, repeats: dict) -> str:
    intro = (
        f"{repeats['tui_processes']} fresh processes per size, each driving `ProbeApp` with "
        f"Textual's pilot at 80x24 and searching each query {repeats['tui_searches']} times; "
        f"{repeats['terminal_runs']} runs of `probe --db DB` in an 80x24 tmux window. Medians."
    )
    first = []
    for result in results:
        tui = result["tui"]
        terminal = tui["terminal_first_screen_s"]
        first.append((
            f"{result['size']:,}", ms(median(terminal)) if terminal else "–",
            ms(median(tui["first_screen_pilot_s"])), f"{tui['max_rss_mb']:.0f} MB",
        ))  # fmt: skip
    moves = [
        (
            f"{result['size']:,}", ms(median(result["tui"]["all_rows_pilot_s"])),
            *(moves_cell(result["tui"][name]) for name in ("cursor_move_filling_s", "cursor_move_s")),
        )
        for result in results
        if "all_rows_pilot_s" in result["tui"]  # results from before the list filled in batches
    ]  # fmt: skip
    held = [
        (
            f"{result['size']:,}", VIEW_NAMES[run["view"]], spread(run["stall_s"]),
            spread(run["key_to_cursor_s"]), ms(run["caught_up_s"]),
        )
        for result in results
        for run in result["tui"].get("held_down", [])  # results from before it was measured
    ]  # fmt: skip
    searches = []
    for result in results:
        for query in queries:
            searches.append((
                f"{result['size']:,}", f"`{query}`", ms(median(result["tui"]["search_s"][query])),
                ms(median(result["tui"]["search_final_s"][query])),
                ms(median(result["tui"]["reader_search_s"][query])),
            ))  # fmt: skip
    return "\n\n".join([
        intro,
        table(("Reports", "First screen, real terminal", "First screen, pilot", "Peak RSS"), first),
        *([table(("Reports", "Every row in the PDU list, pilot", "Down while the list fills, median (max)", "Down after, median (max)"), moves)] if moves else []),
        *([HELD_DOWN, table(("Reports", "View", "UI stalled per Down, median / p95 / max", "Down to the cursor moved, median / p95 / max", "Last Down to its details shown"), held)] if held else []),
        table(("Reports", "Query", "Last keystroke to first results shown", "... to the search finished", "`Reader.search` alone, fully ranked"), searches),
    ])  # fmt: skip


def startup_table(startup: dict) -> str:
    rows = [
        (f"`{module}`", f"{total:.0f} ms", ", ".join(f"{name} {cost:.0f} ms" for name, cost in top))
        for module, (total, top) in startup.items()
    ]
    return table(("Module", "Import time", "Largest (self time by package)"), rows)


def table(header, rows) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


METHOD = """\
- **Corpus**: `bench/synth.py` rewrites each bundled report as many synthetic PDUs
  ("Synthetic 00042 Glenford PDU"): the PDU name wherever the report names it, every key-question
  percentage, the ratings (domain-two standards by the band of their lowest percentage),
  a score that adds up, an overall rating, and fieldwork and publication dates. The first line
  says the file is synthetic. The real importer reads every one without a warning
  (`tests/test_bench.py`). Finding text is the bundled reports' own, so each finding appears
  in a fifth of the corpus: search hit counts grow with the corpus as they would with real
  reports that share phrasing.
- **Import**: `probe --db NEW.db import bench/corpus/N/` as a fresh process; wall time and the
  process's own peak RSS (`os.wait4`). Database size includes any `-wal` file left.
- **Search**: `probe search QUERY` (TSV output, as when piped), a bare Typer command that opens
  the database and runs one FTS5 query (`bench/floor.py`), `sqlite-utils search DB findings
  QUERY --limit 20` and `rg -i QUERY` over the text files, timed by hyperfine with
  `--output=pipe` (rg would stop at the first match when writing to /dev/null).
- **TUI**: `bench/tui_probe.py` in a fresh process: first screen is from the parent's clock
  just before starting the process until the PDU list holds every row; search latency is from
  the query's last keystroke (the rest typed and its search finished) until the search screen
  shows results for the whole query, so it includes the debounce, the `Reader.search` call in
  a worker thread and filling the result list; "search finished" waits for the search worker
  to end (the screen first shows an answer ranked among the newest matches, then the fully
  ranked one). `Reader.search` alone is the fully ranked call (limit 50) in the same process. The real-terminal first screen polls
  `tmux capture-pane` every 10 ms until the first PDU and the report count are on screen.
- **Targets** are checked on the typical queries; the stress query (a word in almost every
  finding's paragraph) is shown for scale.
"""
