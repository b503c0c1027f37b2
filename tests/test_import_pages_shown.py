"""Tried as a new user would: the published PDFs in, `probe search "home visits"` gives the
same five findings as the bundled texts, each with the PDF page it is printed on, and `probe
show` gives the page of each recommendation and key question."""

from __future__ import annotations

import json
import shutil

import pypdfium2 as pdfium
from conftest import REPO
from gold import squash

PDFS = REPO / "tests" / "fixtures" / "published" / "pdf-word"


def test_search_gives_each_home_visits_finding_its_page(cli, tmp_path, seeded_db):
    folder = tmp_path / "Downloads"
    shutil.copytree(PDFS, folder)
    db = tmp_path / "p.db"
    assert cli("--db", db, "import", folder).exit_code == 0

    from_pdfs = json.loads(cli("--db", db, "search", "home visits", "--json").stdout)
    from_texts = json.loads(cli("--db", seeded_db, "search", "home visits", "--json").stdout)

    def key(hit):
        return squash(hit["pdu"]).casefold(), hit["section"], squash(hit["text"])

    assert [key(hit) for hit in from_pdfs] == [key(hit) for hit in from_texts]
    assert all(hit["page"] is None for hit in from_texts)
    for hit in from_pdfs:
        document = pdfium.PdfDocument(
            next(folder.glob(f"{hit['pdu'].split()[0].strip(',').casefold()}*"))
        )
        page = squash(document[hit["page"] - 1].get_textpage().get_text_range())
        assert squash(hit["text"])[:40] in page
    rows = [
        line.split("\t") for line in cli("--db", db, "search", "home visits").stdout.splitlines()
    ]
    assert [row[6] for row in rows] == [f"p. {hit['page']}" for hit in from_pdfs]


def test_show_gives_the_page_of_each_recommendation(cli, tmp_path):
    pdf = PDFS / "gwent-pdu-inspection-report.pdf"
    db = tmp_path / "p.db"
    assert cli("--db", db, "import", pdf).exit_code == 0
    shown = cli("--db", db, "show", "gwent").stdout
    document = pdfium.PdfDocument(pdf)
    pages = [squash(document[i].get_textpage().get_text_range()) for i in range(len(document))]
    recommendations = pages.index(next(p for p in pages if "Gwent PDU should:" in p)) + 1
    assert f"(p. {recommendations})" in shown


def test_export_carries_the_source_format_and_every_page(cli, tmp_path):
    pdf = PDFS / "newcastle-upon-tyne-pdu-inspection-report.pdf"
    db = tmp_path / "p.db"
    assert cli("--db", db, "import", pdf).exit_code == 0
    (exported,) = json.loads(cli("--db", db, "export", "--format", "json").stdout)
    assert exported["source_format"] == "pdf"
    for key in ("findings", "key_questions", "recommendations"):
        pages = [item["page"] for item in exported[key]]
        assert pages and all(isinstance(page, int) and page > 1 for page in pages), key
        assert pages == sorted(pages), key
