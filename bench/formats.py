"""Importing published reports: PDF extraction against `pdftotext`, one 20-page PDF, and a
folder of 100 mixed PDF, web-page and text reports. Prints a Markdown section for
docs/benchmarks.md ("Importing PDFs and web pages").

    .venv/bin/python -m bench.formats            # needs pdftotext (poppler-utils) on PATH

The files are the published-form fixtures (tests/fixtures/published). Times are the median of
several runs, each `probe import` a fresh process into a fresh database, as a user runs it.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PUBLISHED = REPO / "tests" / "fixtures" / "published"
PDF = PUBLISHED / "pdf-browser" / "leicester-leicestershire-and-rutland-pdu.pdf"  # 20 pages
FOLDER_SIZE = 100
REPEATS = 5


def median_time(run, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def probe_import(db: Path, *paths: Path) -> None:
    db.unlink(missing_ok=True)
    command = [sys.executable, "-m", "probe", "--db", str(db), "import", *map(str, paths)]
    subprocess.run(command, check=False, capture_output=True)


def mixed_folder(folder: Path) -> int:
    """100 files: the fixtures' PDFs, web pages and pasted texts, repeated under new names."""
    sources = sorted(
        path
        for kind in ("pdf-word", "pdf-browser", "web-curl", "web-saved", "pasted-text")
        for path in (PUBLISHED / kind).iterdir()
        if path.is_file()
    )
    for number in range(FOLDER_SIZE):
        source = sources[number % len(sources)]
        shutil.copy(source, folder / f"{number:03d}-{source.name}")
    return len(sources)


def in_process_pdf() -> float:
    from probe.importers import read_report

    read_report(PDF)  # load pdfium and the parser once, as the worker does before its first file
    return median_time(lambda: read_report(PDF), repeats=REPEATS * 2)


def main() -> None:
    if shutil.which("pdftotext") is None:
        sys.exit("bench.formats: pdftotext (poppler-utils) is needed as the reference")
    pages = subprocess.run(["pdfinfo", str(PDF)], capture_output=True, text=True, check=True).stdout
    page_count = next(line.split()[-1] for line in pages.splitlines() if line.startswith("Pages"))
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        pdftotext = median_time(
            lambda: subprocess.run(["pdftotext", str(PDF), str(work / "out.txt")], check=True)
        )
        extract = in_process_pdf()
        one = median_time(lambda: probe_import(work / "one.db", PDF))
        empty = median_time(lambda: probe_import(work / "none.db", work / "missing"))
        folder = work / "mixed"
        folder.mkdir()
        distinct = mixed_folder(folder)
        mixed = median_time(lambda: probe_import(work / "mixed.db", folder), repeats=3)
    print(f"""## Importing PDFs and web pages

`python -m bench.formats`, on the published-form fixtures (tests/fixtures/published). Medians;
each `probe import` is a fresh process writing a fresh database.

| | time | target |
|---|---|---|
| `pdftotext` on a {page_count}-page report PDF (poppler, C++) | {pdftotext * 1000:.0f} ms | reference |
| probe reading that PDF into a report, in process (pdfium text + layout + parse) | {extract * 1000:.0f} ms ({extract / pdftotext:.1f}x pdftotext) | |
| `probe import` of that PDF, whole process | {one:.2f} s | <= 0.3 s |
| ... of which starting probe and opening the database | {empty:.2f} s | |
| `probe import` of a folder of {FOLDER_SIZE} files ({distinct} distinct PDFs, web pages and texts, repeated) | {mixed:.1f} s | <= 20 s |
""")


if __name__ == "__main__":
    main()
