"""The analysis views at scale: opening the explorer's Themes view and `probe similar`, on a
synthetic corpus (bench/synth.py). Prints a Markdown section for docs/benchmarks.md ("Themes
and similar findings").

    .venv/bin/python -m bench.analysis              # 1,000 reports
    .venv/bin/python -m bench.analysis --size 10000

The corpus and database are bench/run.py's (bench/corpus/N, bench/out/N.db), made here if
missing. Times are medians: the Themes view in process (Textual's pilot, from the key press
until every theme's counts and the first theme's findings are on screen), `probe similar` as
a fresh process, as a user runs it, and its query alone in process.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench import synth

BENCH = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
RUNS = 5
TIMEOUT_S = 60.0


def database(size: int) -> Path:
    db = BENCH / "out" / f"{size}.db"
    if not db.exists():
        corpus = BENCH / "corpus" / str(size)
        synth.write_corpus(corpus, size)
        db.parent.mkdir(exist_ok=True)
        subprocess.run([str(BIN / "probe"), "--db", str(db), "import", str(corpus)], check=True, capture_output=True)
    return db


async def themes_open_s(db: Path) -> float:
    from textual.widgets import OptionList

    from probe.tui.app import ProbeApp
    from probe.tui.screens.themes import ThemesScreen

    app = ProbeApp(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        started = time.perf_counter()
        await pilot.press("T")
        while not (isinstance(app.screen, ThemesScreen) and app.screen.query_one("#theme-hits", OptionList).option_count):
            if time.perf_counter() - started > TIMEOUT_S:
                raise RuntimeError("the Themes view did not fill in time")
            await asyncio.sleep(0.001)
        return time.perf_counter() - started


def a_home_visits_finding(db: Path) -> str:
    """PDU:LINE of the best "home visits" hit: the finding `probe similar` starts from."""
    hits = subprocess.run([str(BIN / "probe"), "--db", str(db), "search", "home visits", "--json", "--limit", "1"],
                          check=True, capture_output=True, text=True).stdout  # fmt: skip
    (hit,) = json.loads(hits)
    return f"{hit['pdu'].removesuffix(' PDU')}:{hit['line']}"


def similar_process_s(db: Path, reference: str) -> float:
    started = time.perf_counter()
    subprocess.run([str(BIN / "probe"), "--db", str(db), "similar", reference], check=True, capture_output=True)
    return time.perf_counter() - started


def similar_query_s(db: Path, reference: str) -> float:
    from probe.store.read import Reader

    pdu, _, line = reference.rpartition(":")
    with Reader(db) as reader:
        (summary,) = [s for s in reader.find_reports(pdu) if s.pdu_name == pdu]
        started = time.perf_counter()
        reader.similar_to_finding(summary.id, int(line))
        return time.perf_counter() - started


def median_of(measure, runs: int = RUNS) -> float:
    measure()  # warm: the page cache and Python's bytecode, as a second use finds them
    return statistics.median(measure() for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.analysis", description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    size = parser.parse_args().size
    db = database(size)
    reference = a_home_visits_finding(db)
    themes = median_of(lambda: asyncio.run(themes_open_s(db)))
    process = median_of(lambda: similar_process_s(db, reference))
    query = median_of(lambda: similar_query_s(db, reference))
    print(f"""## Themes and similar findings

`python -m bench.analysis --size {size}`, on {size:,} synthetic reports. Medians of {RUNS} runs after one warm-up.

| | time | target |
|---|---|---|
| Themes view: `T` pressed until all 17 themes' counts and the first theme's findings show (pilot, in process) | {themes:.2f} s | <= 0.5 s |
| `probe similar {reference}`, whole process | {process:.2f} s | <= 0.3 s |
| ... of which the query (`Reader.similar_to_finding`, in process) | {query * 1000:.0f} ms | |
""")


if __name__ == "__main__":
    main()
