"""`probe serve` under a running import: how long the canned search takes per request.

    .venv/bin/python -m bench.serve                  # 300 synthetic reports imported meanwhile
    .venv/bin/python -m bench.serve --reports 100

Starts `probe serve` on a database of the five bundled reports, times the "Search findings"
query for "home visits" through the JSON API with no import running, then again, request after
request, while `probe import` adds synthetic reports (bench/synth.py) to the same database.
Writes bench/serve.md, which `python -m bench` includes in docs/benchmarks.md, and puts the same
section into docs/benchmarks.md now.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench import measure, synth

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUT = BENCH / "out" / "serve"
SECTION = BENCH / "serve.md"
BENCHMARKS = REPO / "docs" / "benchmarks.md"
HEADING = "## `probe serve`: search while an import runs"
LIMIT_MS = 100.0
QUERY = "home visits"
IDLE_REQUESTS = 50
START_TIMEOUT_S = 60


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.serve", description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=300, help="synthetic reports imported meanwhile")
    args = parser.parse_args()
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    corpus = synth.write_corpus(BENCH / "corpus" / "serve" / str(args.reports), args.reports)
    db = OUT / "probe.db"
    probe(["--db", str(db), "import", "--bundled"])
    server, url = start_server(db)
    try:
        search = f"{url}probe/search.json?q={QUERY.replace(' ', '+')}&_shape=objects"
        idle = [timed_request(search)[0] for _ in range(IDLE_REQUESTS)]
        during, first_hits, last_hits, import_s = timed_during_import(search, db, corpus[0].parent)
    finally:
        server.terminate()
        server.wait(timeout=15)
    section = markdown(args.reports, idle, during, first_hits, last_hits, import_s)
    SECTION.write_text(section + "\n")
    BENCHMARKS.write_text(with_section(BENCHMARKS.read_text(), section))
    print(f"bench: wrote {SECTION.relative_to(REPO)} and its section of {BENCHMARKS.relative_to(REPO)}")


def probe(args: list[str]) -> None:
    result = subprocess.run([sys.executable, "-m", "probe", *args], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"bench: probe {' '.join(args)} failed: {result.stderr.strip()}")


def start_server(db: Path) -> tuple[subprocess.Popen, str]:
    """`probe serve --port 0`, once it answers; its URL from the line it prints."""
    server = subprocess.Popen(
        [sys.executable, "-m", "probe", "--db", str(db), "serve", "--port", "0"],
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    line = server.stderr.readline()  # "probe: serving ... at http://127.0.0.1:PORT/ ..."
    found = re.search(r"http://\S+/", line)
    if not found:
        server.kill()
        sys.exit(f"bench: probe serve did not start: {line.strip()}")
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        try:
            urllib.request.urlopen(f"{found.group(0)}-/versions.json", timeout=5).close()
            return server, found.group(0)
        except OSError:
            if time.monotonic() > deadline:
                server.kill()
                sys.exit("bench: probe serve did not answer within a minute")
            time.sleep(0.1)


def timed_request(url: str) -> tuple[float, int]:
    """One request, as a browser makes it (a new connection): milliseconds, and the number of
    matches (the query shows the best 100)."""
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        answer = json.load(response)
    elapsed = (time.perf_counter() - started) * 1000
    if answer.get("error"):
        sys.exit(f"bench: the search failed: {answer['error']}")
    return elapsed, answer["rows"][0]["total"] if answer["rows"] else 0


def timed_during_import(url: str, db: Path, corpus: Path) -> tuple[list[float], int, int, float]:
    """Requests back to back for as long as `probe import CORPUS` runs."""
    times, hits = [], []
    started = time.monotonic()
    importer = subprocess.Popen(
        [sys.executable, "-m", "probe", "--db", str(db), "import", str(corpus)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    while importer.poll() is None:
        elapsed, rows = timed_request(url)
        times.append(elapsed)
        hits.append(rows)
    import_s = time.monotonic() - started
    if importer.returncode != 0 or not times:
        sys.exit(f"bench: the import failed (exit {importer.returncode}) or outran every request")
    return times, hits[0], hits[-1], import_s


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def figures(times: list[float]) -> list[str]:
    return [
        f"{len(times)}",
        f"{statistics.median(times):.1f} ms",
        f"{percentile(times, 0.95):.1f} ms",
        f"{max(times):.1f} ms",
        f"{sum(t <= LIMIT_MS for t in times)} of {len(times)}",
    ]


def markdown(reports: int, idle, during, first_hits: int, last_hits: int, import_s: float) -> str:
    machine = measure.machine()
    rows = [
        ["no import running", *figures(idle)],
        [f"`probe import` of {reports} reports running", *figures(during)],
    ]
    header = ["", "requests", "median", "95th percentile", "slowest", f"within {LIMIT_MS:.0f} ms"]
    table = "\n".join(
        "| " + " | ".join(row) + " |" for row in [header, ["---"] * len(header), *rows]
    )
    met = "MET" if max(during) <= LIMIT_MS else "NOT MET"
    return "\n\n".join([
        HEADING,
        f"Written by `python -m bench.serve --reports {reports}` on {datetime.date.today()}, "
        f"{machine['cpu']}, {machine['cores']} cores, Python {machine['python']}, SQLite {machine['sqlite']}, load {os.getloadavg()[0]:.2f} at the end. "
        f"The canned search for \"{QUERY}\" "
        "(`/probe/search.json?q=home+visits`, the same ranking and snippets as `probe search`), "
        "one new connection per request as a browser makes it, timed at the client. "
        f"Target: every request within {LIMIT_MS:.0f} ms while an import runs: **{met}**.",
        table,
        f"The import took {import_s:.1f} s; the server saw it as it went: the first request "
        f"during it found {first_hits} matches, the last {last_hits} (the synthetic reports are "
        "re-dressed copies of the bundled ones, each with its own home-visit findings; the "
        "query shows the best 100).",
    ])


def with_section(document: str, section: str) -> str:
    """`document` with its `probe serve` section replaced, or added before the method notes."""
    if HEADING in document:
        start = document.index(HEADING)
        following = document.find("\n## ", start + len(HEADING))
        end = len(document) if following < 0 else following + 1
        return document[:start] + section + "\n\n" + document[end:].lstrip("\n")
    anchor = document.find("## How it is measured")
    if anchor < 0:
        return document.rstrip("\n") + "\n\n" + section + "\n"
    return document[:anchor] + section + "\n\n" + document[anchor:]


if __name__ == "__main__":
    main()
