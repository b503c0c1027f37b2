"""A report read from its web page keeps, for each finding, key question and recommendation, the
id of the page section it sits under, and the page's own address: `probe search` (table, TSV,
JSON), `probe show`, `probe export`, citations and the explorer's reader give it, so a user can
link to the section of the published page."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import REPO
from gold import squash
from probe.importers import read_report
from probe.store.write import build_database

PUBLISHED = REPO / "tests" / "fixtures" / "published"
WEB_PAGES = sorted([*PUBLISHED.glob("web-curl/*.html"), *PUBLISHED.glob("web-saved/*.html"),
                    *PUBLISHED.glob("renamed/*.html")])  # fmt: skip
GWENT_PAGE = PUBLISHED / "web-curl" / "gwent-pdu.html"
GWENT_URL = "https://hmiprobation.justiceinspectorates.gov.uk/inspections/gwent-pdu/"


def texts_under_ids(page: Path) -> dict[str, str]:
    """Read apart from the importer: in document order, the text of every list item and table
    cell, gathered under the id of the last heading before it that has one."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(page.read_bytes())
    under: dict[str, list[str]] = {}
    current = None
    for node in tree.css("h1, h2, h3, h4, h5, h6, li, td"):
        if node.tag.startswith("h") and node.attributes.get("id"):
            current = node.attributes["id"]
        elif node.tag in ("li", "td"):
            under.setdefault(current, []).append(squash(node.text(deep=True)))
    return {anchor: " | ".join(texts) for anchor, texts in under.items()}


def section_id(section: str) -> str:
    """The ids the fixture pages give their sections: 'standard-2-3', 'diversity-and-inclusion'."""
    if section[:1].isdigit():
        return "standard-" + section.replace(".", "-")
    return section.casefold().replace(" ", "-")


@pytest.mark.parametrize("page", WEB_PAGES, ids=[page.name[:40] for page in WEB_PAGES])
def test_each_item_of_a_web_page_is_under_the_section_its_anchor_names(page):
    report = read_report(page)
    under = texts_under_ids(page)
    items = [*report.findings, *report.recommendations]
    assert items and report.key_questions
    for item in items:
        opening = squash(item.text)[:30]
        assert opening in under[item.anchor], (item.anchor, opening)
    for question in report.key_questions:
        assert question.anchor == "standard-" + question.standard_code.replace(".", "-")
        assert question.page is None
    assert all(f.anchor == section_id(f.section) for f in report.findings)
    assert {r.anchor for r in report.recommendations} == {"recommendations"}
    slug = page.stem if page.parent.name != "web-saved" else None
    if slug:
        assert report.source_url == f"https://hmiprobation.justiceinspectorates.gov.uk/inspections/{slug}/"


def test_gwent_web_page_gives_the_anchor_and_address_of_each_item():
    report = read_report(GWENT_PAGE)
    assert report.source_url == GWENT_URL

    def anchor_of(opening: str) -> str:
        (finding,) = [f for f in report.findings if f.text.startswith(opening)]
        return finding.anchor

    assert anchor_of("Only 20 out of 48 home visits") == "standard-2-3"
    assert anchor_of("The head of PDU had been in post") == "standard-1-1"
    assert anchor_of("An SPO was assigned the responsibility") == "diversity-and-inclusion"
    assert [(q.standard_code, q.percent, q.anchor) for q in report.key_questions[:4]] == [
        ("2.1", 72, "standard-2-1"), ("2.1", 68, "standard-2-1"), ("2.1", 28, "standard-2-1"),
        ("2.2", 74, "standard-2-2"),
    ]  # fmt: skip
    assert [r.anchor for r in report.recommendations] == ["recommendations"] * 6


def test_a_saved_page_takes_its_address_from_the_page_and_a_pdf_or_text_has_none():
    saved = next(PUBLISHED.glob("web-saved/*Gwent*.html"))
    assert read_report(saved).source_url == GWENT_URL
    pdf = read_report(PUBLISHED / "pdf-word" / "gwent-pdu-inspection-report.pdf")
    assert pdf.source_url is None and all(f.anchor is None and f.page for f in pdf.findings)
    text = read_report(REPO / "probe" / "corpus" / "004_354d18e338058cf9.txt")
    assert text.source_url is None
    assert all(f.anchor is None and f.page is None for f in text.findings)


def page_without_address(tmp_path: Path) -> Path:
    html = GWENT_PAGE.read_text(encoding="utf-8")
    canonical = f'<link rel="canonical" href="{GWENT_URL}">'
    assert canonical in html
    page = tmp_path / "gwent.html"
    page.write_text(html.replace(canonical, ""), encoding="utf-8")
    return page


def test_a_page_without_its_address_still_gives_anchors(tmp_path):
    report = read_report(page_without_address(tmp_path))
    assert report.source_url is None
    assert [r.anchor for r in report.recommendations] == ["recommendations"] * 6


@pytest.fixture
def web_db(cli, tmp_path) -> Path:
    folder = tmp_path / "Downloads"
    shutil.copytree(PUBLISHED / "web-curl", folder)
    db = tmp_path / "web.db"
    assert cli("--db", db, "import", folder).exit_code == 0
    return db


def test_search_gives_each_home_visits_finding_its_section_address(cli, web_db, seeded_db):
    from_pages = json.loads(cli("--db", web_db, "search", "home visits", "--json").stdout)
    from_texts = json.loads(cli("--db", seeded_db, "search", "home visits", "--json").stdout)

    def key(hit):
        return hit["pdu"], hit["section"], squash(hit["text"])

    assert [key(hit) for hit in from_pages] == [key(hit) for hit in from_texts]
    assert all(hit["anchor"] is None and hit["url"] is None for hit in from_texts)
    for hit in from_pages:
        assert hit["anchor"] == section_id(hit["section"])
        assert hit["page"] is None
        slug = squash(hit["pdu"]).casefold().replace(",", "").replace(" ", "-")
        assert hit["url"] == (
            f"https://hmiprobation.justiceinspectorates.gov.uk/inspections/{slug}/#{hit['anchor']}"
        )
    assert [h["anchor"] for h in from_pages if h["pdu"] == "Gwent PDU"] == ["standard-2-3"]
    rows = [line.split("\t") for line in cli("--db", web_db, "search", "home visits").stdout.splitlines()]
    assert [row[6] for row in rows] == [hit["url"] for hit in from_pages]


def test_search_table_shows_the_anchor(web_db, capsys):
    from probe.output.hits import print_table
    from probe.store.read import Reader

    with Reader(web_db) as reader:
        result = reader.search("home visits", pdu="gwent")
    print_table(result.hits, result.total)
    table = capsys.readouterr().out
    assert "delivery · #standard-2-3" in table and "https:" not in table  # a URL would crowd it


def test_show_gives_the_page_address_and_each_section_anchor(cli, web_db):
    shown = cli("--db", web_db, "show", "gwent").stdout
    assert f"Web page: {GWENT_URL}" in squash(shown)
    assert shown.count("(#recommendations)") == 6
    questions = [line for line in shown.splitlines() if "Does assessment focus" in line]
    assert len(questions) == 3 and all(line.rstrip().endswith("#standard-2-1") for line in questions)


def test_export_carries_the_page_address_and_every_anchor(cli, web_db):
    exported = json.loads(cli("--db", web_db, "export", "--format", "json").stdout)
    gwent = next(report for report in exported if report["pdu"] == "Gwent PDU")
    assert gwent["source_format"] == "html" and gwent["source_url"] == GWENT_URL
    for key in ("findings", "key_questions", "recommendations"):
        assert all(item["anchor"] and item["page"] is None for item in gwent[key]), key
    assert gwent["recommendations"][0]["anchor"] == "recommendations"


def test_a_citation_gives_the_section_address(web_db):
    from probe.output.citation import citation
    from probe.store.read import Reader

    with Reader(web_db) as reader:
        (hit,) = [h for h in reader.search("home visits").hits if h.pdu == "Gwent PDU"]
    assert citation(hit) == (
        "HM Inspectorate of Probation, Gwent PDU inspection (fieldwork September 2025), "
        f"2.3 Implementation and delivery, finding, {GWENT_URL}#standard-2-3"
    )


def test_a_stored_page_without_its_address_shows_the_bare_anchor(cli, tmp_path):
    db = tmp_path / "p.db"
    build_database(db, [read_report(page_without_address(tmp_path))])
    rows = [line.split("\t") for line in cli("--db", db, "search", "home visits").stdout.splitlines()]
    assert [row[6] for row in rows] == ["#standard-2-3"]
    shown = cli("--db", db, "show", "gwent").stdout
    assert "Web page:" not in shown and shown.count("(#recommendations)") == 6


def test_the_explorer_search_names_the_section_of_a_web_page_hit(web_db):
    from probe.store.read import Reader
    from probe.tui.screens.search import hit_prompt

    with Reader(web_db) as reader:
        (hit,) = reader.search("home visits", pdu="gwent").hits
    heading = hit_prompt(hit).plain.splitlines()[0]
    assert heading == "Gwent PDU  September 2025 · 2.3 Implementation and delivery · finding · #standard-2-3"
