"""Time the TUI from inside its own process; run by bench.run as a fresh process each time.

    python -m bench.tui_probe DB --started MONOTONIC --rows N --query Q [--query Q ...] --runs R

Prints one JSON object:
- first_screen_s: from --started (the parent's time.monotonic() just before it started this
  process; CLOCK_MONOTONIC is system-wide) until the PDU list shows its first screenful of rows
  and counts all N reports, at 80x24 (the rest of the rows go in, in batches, after that);
- all_rows_s: the same until the PDU list holds all N rows;
- cursor_move_s: per Down in the PDU list, from the cursor moving until the details show the next
  report (read in a worker thread; bench.held_down measures how long the UI itself stalls);
- cursor_move_filling_s: the same, right after the first screen, while the rest of the rows
  are still going into the list a batch at a time;
- tui_search_s: per query, from the last keystroke of the query (the rest already typed and
  its search finished) until the search screen shows results for the whole query: debounce,
  the Reader.search call in its worker thread and filling the result list all included;
- tui_search_final_s: the same until the search worker has finished (when the screen shows
  a quick partial answer first, this is when the fully ranked one is shown);
- reader_search_s: per query, the bare in-process Reader.search call the TUI makes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from pathlib import Path

POLL_S = 0.001
TIMEOUT_S = 60.0
MOVES = 20


async def wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT_S
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(POLL_S)


def first_screen_shown(app, rows: int) -> bool:
    from textual.css.query import NoMatches

    try:
        status = str(app.query_one("#pdu-status").content)
    except NoMatches:
        return False
    return row_count(app) >= min(rows, app.size.height) and f"{rows} reports" in status


def row_count(app) -> int:
    from textual.css.query import NoMatches

    try:
        return app.query_one("#pdu-table").row_count
    except NoMatches:
        return 0


async def cursor_moves(app, count: int) -> list[float]:
    table = app.query_one("#pdu-table")
    timings = []
    for _ in range(count):
        showing = app.explorer.current
        before = time.perf_counter()
        table.action_cursor_down()  # what Down is bound to
        await wait_until(lambda: app.explorer.current is not showing, "the next report")
        timings.append(time.perf_counter() - before)
    return timings


async def drive(db: Path, started: float, rows: int, queries: list[str], runs: int) -> dict:
    from textual import events
    from textual.widgets import Input

    from probe.tui.app import ProbeApp

    app = ProbeApp(db)
    first: dict[str, list[float]] = {query: [] for query in queries}
    final: dict[str, list[float]] = {query: [] for query in queries}
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(lambda: first_screen_shown(app, rows), "the first screen")
        first_screen = time.monotonic() - started
        moves_filling = await cursor_moves(app, MOVES)
        await wait_until(lambda: row_count(app) >= rows, f"{rows} rows in the PDU list")
        all_rows = time.monotonic() - started
        moves = await cursor_moves(app, MOVES)
        await pilot.press("slash")
        search_input = app.screen.query_one(Input)
        status = app.screen.query_one("#search-status")

        def showing(text: str):
            return lambda: f"“{text}”" in str(status.content)

        def searching_done() -> bool:
            return not any(worker.group == "search" and worker.is_running for worker in app.workers)

        for _ in range(runs):
            for query in queries:
                search_input.value = query[:-1]
                search_input.cursor_position = len(query) - 1  # where the next key types
                await wait_until(showing(query[:-1]), f"results for {query[:-1]!r}")
                # Let every search for the prefix finish: a keystroke during one makes two
                # threads share the screen's Reader (see bench/findings.md).
                await wait_until(searching_done, "the search worker to finish")
                before = time.perf_counter()
                # The key as the terminal driver would deliver it; pilot.press would add its
                # own waits for the app to go idle to the figure.
                search_input.post_message(events.Key(query[-1], query[-1]))
                await wait_until(showing(query), f"results for {query!r}")
                first[query].append(time.perf_counter() - before)
                await asyncio.sleep(POLL_S)  # the worker may not have been marked running yet
                await wait_until(searching_done, f"the search for {query!r} to finish")
                final[query].append(time.perf_counter() - before)
    return {"first_screen_s": first_screen, "all_rows_s": all_rows, "cursor_move_s": moves, "cursor_move_filling_s": moves_filling, "tui_search_s": first, "tui_search_final_s": final}


def reader_search_times(db: Path, queries: list[str], runs: int) -> dict[str, list[float]]:
    from probe.store.read import Reader
    from probe.tui.screens.search import LIMIT

    timings: dict[str, list[float]] = {query: [] for query in queries}
    with Reader(db) as reader:
        for _ in range(runs):
            for query in queries:
                before = time.perf_counter()
                reader.search(query, limit=LIMIT)
                timings[query].append(time.perf_counter() - before)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    parser.add_argument("--started", type=float, required=True)
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--query", action="append", required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    result = asyncio.run(drive(args.db, args.started, args.rows, args.query, args.runs))
    result["reader_search_s"] = reader_search_times(args.db, args.query, args.runs)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
