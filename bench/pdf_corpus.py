"""Synthetic PDF corpora: the synthetic reports of bench/synth.py as the Inspectorate's PDFs.

Each synthetic report is laid out as a Word document the way the published-form fixtures are
(tests/fixtures/publishing/word.py: cover, contents with dot leaders, running header, page-number
footer, real tables, bullet lists, footnotes) and turned into PDF by LibreOffice, many documents
per `soffice` run. The document takes its values from the synthetic report (PDU name,
percentages, ratings, score, dates) and everything else from the bundled report it was made
from. The contents page's numbers are those of that bundled report's own rendering: the
synthetic copies differ from it only in names and numbers.

    .venv/bin/pip install -c constraints.txt python-docx    # the one part of the fixtures extra used
    .venv/bin/python -m bench.pdf_corpus 1000                # bench/corpus/pdf-1000/ (needs soffice, pdftotext)

A corpus is reused while the generators and the bundled reports are unchanged.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench import synth
from probe.domain.months import MONTHS

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
FIXTURES = REPO / "tests" / "fixtures"
GOLD = REPO / "tests" / "gold"
DOCUMENTS_PER_RUN = 50  # documents converted by one soffice process
CONVERTERS = 2  # soffice processes at once

sys.path.insert(0, str(FIXTURES))
from publishing import word  # noqa: E402
from publishing.model import read_report  # noqa: E402

# The bullet glyph and footer of each bundled report's Word PDF, as in make_published.py.
from make_published import PUBLISHED  # noqa: E402


def write_pdf_corpus(directory: Path, count: int, seed: int = synth.SEED) -> list[Path]:
    """`count` synthetic report PDFs in `directory` (reused when up to date)."""
    directory = Path(directory)

    def write() -> None:
        with tempfile.TemporaryDirectory() as tmp:
            documents = Path(tmp) / "docx"
            documents.mkdir()
            pages: dict[str, dict[str, int]] = {}
            for synthetic in synth.corpus(count, seed):
                report, page_of = _layout(synthetic)
                if synthetic.source_name not in pages:
                    pages[synthetic.source_name] = _heading_pages(report, page_of, Path(tmp))
                docx = documents / synthetic.file_name.replace(".txt", ".docx")
                word.build_docx(report, pages[synthetic.source_name], page_of).save(docx)
            _convert_all(sorted(documents.glob("*.docx")), directory, Path(tmp))

    stamp = f"{count} {seed} {_generator_hash()}"
    return synth.reused_or_written(directory, count, ".pdf", stamp, write)


def _layout(synthetic: synth.Synthetic):
    """The synthetic report as the fixtures' typed blocks, and whether its footer says 'of M'."""
    stem = synthetic.source_name.removesuffix(".txt")
    _, _, glyph, page_of = PUBLISHED[stem]
    gold = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))
    values = _values(gold, synthetic)
    body = synthetic.text.split("\n\n", 1)[1]  # without the marker: the lines gold numbers
    published = f"{MONTHS[synthetic.published.month - 1]} {synthetic.published.year}"
    return read_report(values, body, published, synthetic.published.isoformat(), glyph), page_of


def _values(gold: dict, synthetic: synth.Synthetic) -> dict:
    """The bundled report's gold with the synthetic report's name and numbers."""
    old_name = gold["pdu_name_normalised"]
    words = r"\s+".join(re.escape(word) for word in old_name.split())
    pattern = re.compile(rf"\b{words}\b", re.IGNORECASE)
    values = _renamed(copy.deepcopy(gold), pattern, synthetic.pdu_name)
    percents = iter(synthetic.percents)
    for question in values["key_questions"]:
        question["percent"] = next(percents)
    for standard in values["standards"]:
        standard["rating"] = synthetic.ratings.get(standard["code"], standard["rating"])
    values["pdu"] = f"{synthetic.pdu_name} PDU"
    values["pdu_name_normalised"] = synthetic.pdu_name
    values["region"] = values["region"] or synth.FALLBACK_REGION
    values["score_points"] = synthetic.score_points
    values["overall_rating"] = synthetic.overall_rating
    values["fieldwork_started"] = synthetic.fieldwork_started
    return values


def _renamed(value, pattern: re.Pattern, name: str):
    if isinstance(value, str):
        return pattern.sub(name, value)
    if isinstance(value, list):
        return [_renamed(item, pattern, name) for item in value]
    if isinstance(value, dict):
        return {key: _renamed(item, pattern, name) for key, item in value.items()}
    return value


def _heading_pages(report, page_of: bool, tmp: Path) -> dict[str, int]:
    """Each top-level heading's page, from a first rendering (as word.render_pdf finds them)."""
    first = tmp / "first"
    first.mkdir(exist_ok=True)
    docx = first / "report.docx"
    word.build_docx(report, {}, page_of).save(docx)
    pdf = word._convert(docx, first)
    headings = [block.text for block in report.blocks if block.kind == "h1"]
    return word._heading_pages(pdf, headings)


def _convert_all(documents: list[Path], out: Path, tmp: Path) -> None:
    """Each converter takes every CONVERTERS-th document, with its own LibreOffice profile
    (two soffice processes cannot share one)."""

    def convert_share(number: int) -> None:
        share = documents[number::CONVERTERS]
        for start in range(0, len(share), DOCUMENTS_PER_RUN):
            _convert(share[start : start + DOCUMENTS_PER_RUN], out, tmp / f"profile{number}")

    with ThreadPoolExecutor(CONVERTERS) as pool:
        list(pool.map(convert_share, range(CONVERTERS)))


def _convert(documents: list[Path], out: Path, profile: Path) -> None:
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", "pdf", "--outdir", str(out), *map(str, documents)],
        check=True, capture_output=True, timeout=3600,
    )  # fmt: skip


def _generator_hash() -> str:
    digest = hashlib.sha256(synth._generator_hash().encode())
    for module in (Path(__file__), Path(word.__file__), FIXTURES / "publishing" / "model.py"):
        digest.update(module.read_bytes())
    return digest.hexdigest()[:16]


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        raise SystemExit("needs LibreOffice (soffice) and poppler's pdftotext on PATH")
    folder = BENCH / "corpus" / f"pdf-{count}"
    print(f"{len(write_pdf_corpus(folder, count))} PDFs in {folder}")


if __name__ == "__main__":
    main()
