"""Hold Down in the explorer's PDU list: does the UI ever stall while the details follow?

    python -m bench.held_down DB [--view ratings|questions] [--presses 200] [--rate 30]

Runs `ProbeApp` headless at 120x40 (the list beside the details), shows the view, then a
thread posts Down keys to the app at key-repeat rate, as the terminal driver's input thread
does, whatever the UI is doing. Prints one JSON object:
- stall_s: per Down, the longest the UI thread's event loop went without running anything
  else while that Down was the latest key (a task that sleeps 1 ms measures how late it
  wakes): how long the screen was frozen;
- key_to_cursor_s: per Down, from the key being posted until the list's cursor moved;
- caught_up_s: from the last Down until the details show the report the cursor stopped on.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import threading
import time
from pathlib import Path

TICK_S = 0.001
TIMEOUT_S = 120.0


async def wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT_S
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(TICK_S)


def details_follow(app) -> bool:
    """The panes show the report the list's cursor is on, and nothing is loading."""
    pdus = app.explorer.query_one("#pdu-list")
    loading = any(worker.is_running for worker in app.workers)
    return pdus.current is not None and app.explorer.current == pdus.current and not loading


async def ticker(stalls: list[tuple[float, float]], stop: asyncio.Event) -> None:
    """(when, how late) for every wake-up of a task sleeping TICK_S at a time."""
    while not stop.is_set():
        before = time.perf_counter()
        await asyncio.sleep(TICK_S)
        stalls.append((before, time.perf_counter() - before - TICK_S))


def longest_stall(stalls: list[tuple[float, float]], start: float, end: float) -> float:
    """The longest stall that overlaps [start, end): a stall through several Downs counts for
    each of them, as each key waited through it."""
    return max((late for when, late in stalls if when < end and when + TICK_S + late > start), default=0.0)


def send_downs(app, count: int, interval: float, posted: list[float]) -> None:
    """Post `count` Down keys, one every `interval`, from this thread (like a held key)."""
    from textual import events

    start = time.perf_counter()
    for index in range(count):
        time.sleep(max(0.0, start + index * interval - time.perf_counter()))
        posted.append(time.perf_counter())
        app.post_message(events.Key("down", None))


async def hold_down(db: Path, view: str, presses: int, rate: float) -> dict:
    from probe.tui.app import ProbeApp

    app = ProbeApp(db)
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.explorer.query_one("#pdu-table")
        rows = len(app.explorer.reports)
        # Every row in first: filling the list in batches has its own cost (bench.tui_probe).
        await wait_until(lambda: table.row_count == rows and details_follow(app), "the list")
        app.explorer.action_show_view(view)
        app.explorer.action_show_list()
        await pilot.pause()
        await wait_until(lambda: details_follow(app), f"the {view} view")
        moved: list[float] = []
        app.explorer.watch(table, "cursor_coordinate", lambda: moved.append(time.perf_counter()), init=False)
        stalls: list[tuple[float, float]] = []
        stop = asyncio.Event()
        watching = asyncio.create_task(ticker(stalls, stop))
        posted: list[float] = []
        sender = threading.Thread(target=send_downs, args=(app, presses, 1 / rate, posted))
        sender.start()
        await wait_until(lambda: not sender.is_alive() and table.cursor_row == presses, "every Down")
        await wait_until(lambda: details_follow(app), "the details of the last report")
        caught_up = time.perf_counter() - posted[-1]
        stop.set()
        await watching
    windows = [*posted[1:], float("inf")]
    return {
        "view": view,
        "presses": presses,
        "rate_per_s": rate,
        "stall_s": [longest_stall(stalls, start, end) for start, end in zip(posted, windows)],
        "key_to_cursor_s": [cursor - key for key, cursor in zip(posted, moved)],
        "caught_up_s": caught_up,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    parser.add_argument("--view", choices=("ratings", "questions"), default="ratings")
    parser.add_argument("--presses", type=int, default=200)
    parser.add_argument("--rate", type=float, default=30.0, help="Downs a second (key repeat)")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(hold_down(args.db, args.view, args.presses, args.rate))))


if __name__ == "__main__":
    main()
