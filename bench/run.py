"""Run every benchmark at each corpus size and write docs/benchmarks.md.

    .venv/bin/python -m bench                      # 1,000 and 10,000 reports (about 8 minutes)
    .venv/bin/python -m bench --sizes 1000,10000
    .venv/bin/python -m bench --quick              # 1,000 reports, fewer repeats (about a minute)
    .venv/bin/python -m bench --from-results       # rewrite docs/benchmarks.md from the last run

Corpora go to bench/corpus/N/ and databases to bench/out/ (both gitignored); a corpus is
reused while the generator and the bundled reports are unchanged.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from bench import measure, report, synth, terminal

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
BIN = Path(sys.executable).parent

# Search queries: two a user would type, and one word in every finding's neighbourhood (a
# stress case: it matches about 40 findings in every report).
TYPICAL_QUERIES = ("home visits", "risk of harm")
STRESS_QUERY = "probation"
QUERIES = (*TYPICAL_QUERIES, STRESS_QUERY)


@dataclass(frozen=True)
class Repeats:
    imports: int  # fresh imports of the whole corpus
    search_runs: int  # hyperfine runs per command (after warmup)
    warmup: int
    tui_processes: int  # fresh TUI processes (first screen, in-process search, RSS)
    tui_searches: int  # searches per query in each TUI process
    terminal_runs: int  # `probe` started in a real (tmux) terminal


FULL = Repeats(imports=3, search_runs=10, warmup=2, tui_processes=3, tui_searches=5, terminal_runs=3)
QUICK = Repeats(imports=1, search_runs=3, warmup=1, tui_processes=1, tui_searches=2, terminal_runs=1)


PACKAGES = ("probe", "importers", "store", "tui")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", help="corpus sizes, comma-separated (default 1000,10000; quick 1000)")
    parser.add_argument("--quick", action="store_true", help="fewer repeats, for a first look")
    parser.add_argument("--out", type=Path, help="where to write the results (default docs/benchmarks.md; quick: bench/out/benchmarks.md)")
    parser.add_argument("--seed", type=int, default=synth.SEED)
    parser.add_argument("--from-results", action="store_true", help="rewrite the results file from the last run's bench/out/results.json (after editing bench/findings.md)")
    args = parser.parse_args()
    out = args.out or (BENCH / "out" / "benchmarks.md" if args.quick else REPO / "docs" / "benchmarks.md")
    saved = BENCH / "out" / ("results-quick.json" if args.quick else "results.json")
    if args.from_results:
        results = json.loads(saved.read_text())
    else:
        results = measure_all(args)
        saved.write_text(json.dumps(results, indent=2))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        report.markdown(results["context"], results["sizes"], results["startup"], QUERIES, TYPICAL_QUERIES)
    )
    print(f"bench: wrote {out}")


def measure_all(args) -> dict:
    repeats = QUICK if args.quick else FULL
    sizes = [int(size) for size in (args.sizes or ("1000" if args.quick else "1000,10000")).split(",")]
    for tool in ("hyperfine", "rg", measure.GNU_TIME):
        if shutil.which(tool) is None:
            sys.exit(f"bench: {tool} is not installed (Debian packages hyperfine, ripgrep, time)")
    (BENCH / "out").mkdir(exist_ok=True)
    # pip compiles a package's bytecode when it installs it; an editable checkout (and this
    # machine, with PYTHONDONTWRITEBYTECODE set) would otherwise recompile probe at every start.
    subprocess.run([sys.executable, "-m", "compileall", "-q", *(str(REPO / d) for d in PACKAGES)], check=True)
    started, load_before = time.monotonic(), os.getloadavg()[0]
    try:
        results = [bench_size(size, args.seed, repeats) for size in sizes]
    except RuntimeError as error:  # a measured command failed: say which, in one line
        sys.exit(f"bench: {error}")
    startup = {
        "probe.cli (search path)": measure.import_time_ms("probe.cli"),
        "probe.tui.app": measure.import_time_ms("probe.tui.app"),
    }
    context = {
        "date": datetime.date.today().isoformat(),
        "machine": measure.machine(),
        "tools": {
            "hyperfine": measure.tool_version(["hyperfine", "--version"]),
            "ripgrep": measure.tool_version(["rg", "--version"]),
            "sqlite-utils": measure.tool_version([str(BIN / "sqlite-utils"), "--version"]),
            "tmux": measure.tool_version(["tmux", "-V"]),
        },
        "commit": measure.commit(REPO),
        "repeats": asdict(repeats),
        "seed": args.seed,
        "minutes": (time.monotonic() - started) / 60,
        # Other work on the machine slows every figure; the 1-minute load says how much there was.
        "load": (load_before, os.getloadavg()[0]),
        "command": "python -m bench " + " ".join(sys.argv[1:]),
    }
    return {"context": context, "sizes": results, "startup": startup}


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def bench_size(size: int, seed: int, repeats: Repeats) -> dict:
    log(f"{size} reports: corpus")
    corpus = BENCH / "corpus" / str(size)
    files = synth.write_corpus(corpus, size, seed)
    db = BENCH / "out" / f"{size}.db"
    result = {"size": size, "source_bytes": sum(file.stat().st_size for file in files)}
    log(f"{size} reports: import x{repeats.imports}")
    result["import"] = bench_import(corpus, db, repeats.imports)
    result["db_bytes"] = sum(
        path.stat().st_size for path in (db, Path(f"{db}-wal")) if path.exists()
    )
    log(f"{size} reports: search")
    result["search"] = bench_search(corpus, db, repeats)
    log(f"{size} reports: TUI")
    result["tui"] = bench_tui(db, size, repeats)
    return result


def bench_import(corpus: Path, db: Path, runs: int) -> dict:
    times, rss = [], []
    for _ in range(runs):
        for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            path.unlink(missing_ok=True)
        run = measure.run_process([str(BIN / "probe"), "--db", str(db), "import", str(corpus)])
        times.append(run.seconds)
        rss.append(run.max_rss_mb)
    return {"seconds": times, "max_rss_mb": max(rss)}


def search_commands(corpus: Path, db: Path, query: str) -> dict[str, list[str]]:
    return {
        "probe search": [str(BIN / "probe"), "--db", str(db), "search", query],
        "bare Typer floor": [sys.executable, str(BENCH / "floor.py"), str(db), query],
        "sqlite-utils search": [str(BIN / "sqlite-utils"), "search", str(db), "findings", query, "--limit", "20"],
        "rg -i": ["rg", "-i", query, str(corpus)],
    }  # fmt: skip


def bench_search(corpus: Path, db: Path, repeats: Repeats) -> dict:
    by_query = {}
    for query in QUERIES:
        commands = search_commands(corpus, db, query)
        medians = measure.hyperfine(commands, repeats.search_runs, repeats.warmup)
        rss = {name: measure.run_process(args).max_rss_mb for name, args in commands.items()}
        by_query[query] = {"median_s": medians, "max_rss_mb": rss}
    return by_query


HELD_DOWN_VIEWS = ("ratings", "questions")  # the cheapest details and the dearest


def held_down(db: Path, view: str) -> dict:
    """200 Downs at key-repeat rate in the explorer showing `view` (bench/held_down.py)."""
    run = measure.run_process([sys.executable, "-m", "bench.held_down", str(db), f"--view={view}"])
    return json.loads(run.stdout)


def bench_tui(db: Path, size: int, repeats: Repeats) -> dict:
    first_screens, all_rows, rss = [], [], []
    moves: dict[str, list[float]] = {"cursor_move_s": [], "cursor_move_filling_s": []}
    searches: dict[str, list[float]] = {query: [] for query in QUERIES}
    finals: dict[str, list[float]] = {query: [] for query in QUERIES}
    reader: dict[str, list[float]] = {query: [] for query in QUERIES}
    for _ in range(repeats.tui_processes):
        args = [sys.executable, "-m", "bench.tui_probe", str(db), "--rows", str(size),
                "--runs", str(repeats.tui_searches), *(f"--query={q}" for q in QUERIES)]  # fmt: skip
        run = measure.run_process([*args, "--started", str(time.monotonic())])
        probe = json.loads(run.stdout)
        first_screens.append(probe["first_screen_s"])
        all_rows.append(probe["all_rows_s"])
        for name, timings in moves.items():
            timings += probe[name]
        rss.append(run.max_rss_mb)
        for query in QUERIES:
            searches[query] += probe["tui_search_s"][query]
            finals[query] += probe["tui_search_final_s"][query]
            reader[query] += probe["reader_search_s"][query]
    result = {
        "first_screen_pilot_s": first_screens,
        "all_rows_pilot_s": all_rows,
        **moves,
        "max_rss_mb": max(rss),
        "search_s": searches,
        "search_final_s": finals,
        "reader_search_s": reader,
        "terminal_first_screen_s": [],
        "held_down": [held_down(db, view) for view in HELD_DOWN_VIEWS],
    }
    if terminal.available():
        with terminal.Terminal() as term:
            for _ in range(repeats.terminal_runs):
                result["terminal_first_screen_s"].append(
                    term.first_screen(terminal.probe_command(db), "Synthetic 00001", f"{size} reports")
                )
    return result


if __name__ == "__main__":
    main()
