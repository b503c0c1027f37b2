"""How the benchmarks time things: whole processes (wall time and peak RSS), hyperfine, importtime."""

from __future__ import annotations

import json
import os
import platform
import re
import shlex
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    seconds: float
    max_rss_mb: float
    stdout: str


GNU_TIME = "/usr/bin/time"


def run_process(args: list[str], env: dict | None = None) -> Run:
    """Run one process to the end: its wall time and its own peak RSS.

    GNU time reports the peak: a child's ru_maxrss starts from the RSS of the process that
    spawned it (Linux carries it over exec), so this process, which may hold a whole corpus,
    must not be the direct parent; time's own footprint is about 2 MB.
    """
    with tempfile.NamedTemporaryFile("r") as rss, tempfile.TemporaryFile("w+") as out:
        started = time.perf_counter()
        process = subprocess.run(
            [GNU_TIME, "--format", "%M", "--output", rss.name, *args],
            stdout=out, stderr=subprocess.PIPE, env=env, text=True,
        )  # fmt: skip
        seconds = time.perf_counter() - started
        if process.returncode != 0:
            raise RuntimeError(f"{shlex.join(args)} failed: {process.stderr.strip()[-500:]}")
        out.seek(0)
        return Run(seconds, int(rss.read().split()[-1]) / 1024, out.read())


def hyperfine(commands: dict[str, list[str]], runs: int, warmup: int) -> dict[str, float]:
    """Median wall seconds of each command, by name, timed by hyperfine without a shell."""
    with tempfile.NamedTemporaryFile(suffix=".json") as export:
        subprocess.run(
            ["hyperfine", "-N", "--style", "none", "--output", "pipe", "--warmup", str(warmup), "--runs", str(runs),
             "--export-json", export.name,
             *(shlex.join(args) for args in commands.values())],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        results = json.load(open(export.name))["results"]
    return {name: result["median"] for name, result in zip(commands, results)}


def median(values) -> float:
    return statistics.median(values)


def import_time_ms(module: str) -> tuple[float, list[tuple[str, float]]]:
    """`python -X importtime -c 'import MODULE'`: its cumulative import time and the five
    top-level packages that cost most (self time summed per package)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    total, by_package = 0.0, {}
    for line in result.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)", line)
        if not match:
            continue
        self_us, cumulative_us, indent, name = int(match[1]), int(match[2]), match[3], match[4]
        if name == module:
            total = cumulative_us / 1000
        package = name.split(".")[0]
        if package == "probe":
            package = ".".join(name.split(".")[:2])
        by_package[package] = by_package.get(package, 0.0) + self_us / 1000
    top = sorted(by_package.items(), key=lambda item: -item[1])[:5]
    return total, top


def machine() -> dict[str, str]:
    return {
        "cpu": _cpu_model(),
        "cores": str(os.cpu_count()),
        "ram": _ram(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "os": f"{platform.system()} {platform.release()}",
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def tool_version(args: list[str]) -> str:
    try:
        out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return out.splitlines()[0].strip() if out else "unknown"


def commit(repo: Path) -> str:
    """The commit measured, and whether the working tree had changes on top of it."""
    try:
        head = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head} (with uncommitted changes)" if dirty else head
