"""Parse report files in worker processes: in parallel, and fenced off from the importing one.

A hostile PDF (a decompression bomb, a malformed file that makes pdfium allocate without end)
can at worst take down a worker, which is limited to `MEMORY_LIMIT_MB` of address space;
the file is then refused and the import goes on. A file that keeps a worker busy for more than
`TIME_LIMIT_SECONDS` of CPU time (hundreds of pages packed with text) is refused too: CPU time,
not the clock, so a busy machine does not refuse good files. Workers start by fork, so they
begin at once with probe already loaded.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from probe.domain.model import Report, ReportError

MEMORY_ENV = "PROBE_WORKER_MEMORY_MB"  # to lower the limit on a small box (and in tests)
MEMORY_LIMIT_MB = 1024  # per worker; a 300-page report PDF needs under 200 MB
TIME_ENV = "PROBE_WORKER_SECONDS"  # to lower the time limit (in tests)
TIME_LIMIT_SECONDS = 30.0  # of CPU per file; a 40-page report PDF takes under a second
CRASHED = (
    "the reader ran out of its memory limit or crashed on this file "
    "(a decompression bomb or a malformed PDF?)"
)



class _TooSlow(Exception):
    """Raised in a worker by SIGPROF when a file has used up its CPU time."""


Parsed = tuple[Path, Report | str]  # the report, or why the file was refused


class Parsing:
    """Files being parsed by worker processes, which start at once: iterate for each file's
    result, in the order given. All files are handed to the workers before the constructor
    returns, so no thread (a progress bar's) runs while workers are forked. Closing it (or
    leaving its `with` block) stops the files not yet started."""

    def __init__(self, paths: list[Path], max_bytes: int) -> None:
        self._paths, self._max_bytes = paths, max_bytes
        self._pool = _pool(min(len(paths), os.cpu_count() or 1)) if paths else None
        self._futures = [self._pool.submit(parse_one, str(path), max_bytes) for path in paths]

    def __iter__(self) -> Iterator[Parsed]:
        try:
            for index, (path, future) in enumerate(zip(self._paths, self._futures, strict=True)):
                try:
                    yield path, future.result()
                except BrokenProcessPool:
                    # One file killed a worker, and the pool with it: read the rest one by one
                    # in fresh workers, so only the file that did it is refused.
                    rest = self._paths[index:]
                    yield from ((path, _alone(path, self._max_bytes)) for path in rest)
                    return
        finally:
            self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    def __enter__(self) -> Parsing:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _alone(path: Path, max_bytes: int) -> Report | str:
    with _pool(1) as pool:
        try:
            return pool.submit(parse_one, str(path), max_bytes).result()
        except BrokenProcessPool:
            return CRASHED


def _pool(workers: int) -> ProcessPoolExecutor:
    import multiprocessing

    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_limit_worker,
    )


def _limit_worker() -> None:
    import resource
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the importing process's to handle
    signal.signal(signal.SIGPROF, _out_of_time)
    _load_readers()
    wanted = int(os.environ.get(MEMORY_ENV) or MEMORY_LIMIT_MB) * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _load_readers() -> None:
    """Import every reader now, so that the time limit counts reading a file, not loading
    pdfium or the HTML parser (a second of CPU on a busy machine)."""
    import pypdfium2.raw  # noqa: F401
    import selectolax.lexbor  # noqa: F401

    from probe.importers import html, layout, pdf, reflow  # noqa: F401


_ran_out = False  # set in a worker when SIGPROF says its file has used up its CPU time


def _out_of_time(signum, frame) -> None:
    global _ran_out
    _ran_out = True
    raise _TooSlow


def _time_limit() -> float:
    return float(os.environ.get(TIME_ENV) or TIME_LIMIT_SECONDS)


def parse_one(path: str, max_bytes: int) -> Report | str:
    """One file read and parsed (in a worker): the report, or the one-line reason it was refused."""
    import signal

    from probe.importers import read_report

    global _ran_out
    limit = _time_limit()
    too_slow = f"reading it took more than {limit:g} s of CPU time; is it one PDU report?"
    _ran_out = False
    signal.setitimer(signal.ITIMER_PROF, limit)  # counts this process's CPU time only
    try:
        try:
            return read_report(Path(path), max_bytes)
        finally:  # inside the outer try: the signal may come while the timer is being stopped
            signal.setitimer(signal.ITIMER_PROF, 0)
    except _TooSlow:
        return too_slow
    except MemoryError:
        return CRASHED
    except Exception as error:
        # The signal may come inside a call that wraps what it raises: a ctypes call into
        # pdfium (ctypes.ArgumentError), or the importer's own net (ReportError).
        if _ran_out:
            return too_slow
        if isinstance(error, ReportError):
            return str(error)
        raise
