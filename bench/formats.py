"""Importing published reports: PDF extraction against `pdftotext`, one 20-page PDF, a
folder of 100 mixed PDF, web-page and text reports, and a corpus of 1,000 synthetic report PDFs
(bench/pdf_corpus.py), each checked against the same report read from its text. Prints a
Markdown section for docs/benchmarks.md ("Importing PDFs and web pages").

    .venv/bin/python -m bench.formats            # needs pdftotext (poppler-utils) on PATH
    .venv/bin/python -m bench.formats --pdfs 0   # without the synthetic PDF corpus

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


def main(pdfs: int) -> None:
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
        (work / "empty").mkdir()
        empty = median_time(lambda: probe_import(work / "none.db", work / "empty"))
        folder = work / "mixed"
        folder.mkdir()
        distinct = mixed_folder(folder)
        mixed = median_time(lambda: probe_import(work / "mixed.db", folder), repeats=3)
    corpus = synthetic_pdfs(pdfs) if pdfs else ""
    print(f"""## Importing PDFs and web pages

`python -m bench.formats`, on the published-form fixtures (tests/fixtures/published). Medians;
each `probe import` is a fresh process writing a fresh database.

| | time | target |
|---|---|---|
| `pdftotext` on a {page_count}-page report PDF (poppler, C++) | {pdftotext * 1000:.0f} ms | reference |
| probe reading that PDF into a report, in process (pdfium text + layout + parse) | {extract * 1000:.0f} ms ({extract / pdftotext:.1f}x pdftotext) | |
| `probe import` of that PDF, whole process | {one:.2f} s | <= 0.3 s |
| ... starting probe and opening the database, with nothing to read | {empty:.2f} s | |
| `probe import` of a folder of {FOLDER_SIZE} files ({distinct} distinct PDFs, web pages and texts, repeated) | {mixed:.1f} s | <= 20 s |
{corpus}""")


def synthetic_pdfs(count: int) -> str:
    """Import `count` synthetic report PDFs, and compare each stored report with the same
    report read from its synthetic text: a table row, and a line on what differed."""
    from bench import synth
    from bench.pdf_corpus import write_pdf_corpus

    folder = REPO / "bench" / "corpus" / f"pdf-{count}"
    write_pdf_corpus(folder, count)
    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "pdfs.db"
        seconds = median_time(lambda: probe_import(db, folder), repeats=1)
        differing = _differing(db, synth.corpus(count))
    verdict = (
        f"all {count} match" if not differing else f"{len(differing)} of {count} differ: {'; '.join(differing[:5])}"
    )
    return (
        f"| `probe import` of {count} synthetic report PDFs (bench/pdf_corpus.py) | {seconds:.0f} s"
        f" ({count / seconds:.0f} reports/s) | |\n\n"
        f"Each stored PDF's report against the same synthetic report read from its text (PDU, "
        f"fieldwork, score, overall rating, every standard's rating, every key question and "
        f"percentage, every recommendation, every finding with its section and kind): {verdict}.\n"
    )


def _differing(db: Path, synthetics) -> list[str]:
    from probe.importers import parse_report
    from probe.store.migrations import open_reader

    reader = open_reader(db)
    stored = {summary.pdu_name: summary.id for summary in reader.reports()}
    differing = []
    for synthetic in synthetics:
        expected = _core(parse_report(synthetic.text, synthetic.file_name))
        report_id = stored.get(synthetic.pdu_name)
        found = _core(reader.report(report_id)) if report_id else None
        if found != expected:
            parts = [key for key in expected if found is None or found[key] != expected[key]]
            differing.append(f"{synthetic.file_name} ({', '.join(parts)})")
    return differing


def _core(report) -> dict:
    """The values compared, with whitespace runs as one space (a PDF keeps no double spaces
    or no-break spaces), as the tests compare with gold."""
    return {
        "pdu": report.pdu,
        "fieldwork": report.fieldwork_started,
        "score": (report.score_points, report.score_max, report.overall_rating),
        "standards": [(s.code, s.rating) for s in report.standards],
        "key questions": [(q.standard_code, _squash(q.question), q.percent) for q in report.key_questions],
        "recommendations": [(r.number, r.addressee, _squash(r.text)) for r in report.recommendations],
        "findings": [(f.section, f.kind, _squash(f.text)) for f in report.findings],
    }


def _squash(text: str) -> str:
    return " ".join(text.split())


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench.formats")
    parser.add_argument("--pdfs", type=int, default=1000, help="synthetic PDFs to import (0: none)")
    main(parser.parse_args().pdfs)
