"""Text pasted or converted from a PDF: form feeds between pages, a running title at the top of
each page and a page number at the foot, sometimes a sentence broken by the page. It must parse
to the same values as the bundled text, and each item gets the page it was on."""

from __future__ import annotations

import dataclasses
import json
import textwrap

import pytest
from conftest import REPO
from gold import STEMS, comparable, expected, load, seed_text, squash
from probe.importers import read_report
from probe.importers.reading import parse_document

LINES_PER_PAGE = 37


def paginate(text: str) -> tuple[str, list[int]]:
    """The text cut into pages with a running title and 'Page N' footer; a long paragraph at a
    page's end is broken mid-sentence over the break. Also returns each source line's page."""
    pages, current, page_of = [], [], []
    for line in text.split("\n"):
        page_of.append(len(pages) + 1)  # where the line starts
        if len(current) >= LINES_PER_PAGE and len(line) > 200 and " the " in line:
            head, tail = line.split(" the ", 1)
            pages.append([*current, head])
            current = [f"the {tail}"]
        else:
            current.append(line)
        if len(current) >= LINES_PER_PAGE + 20:
            pages.append(current)
            current = []
    pages.append(current)
    title = "Inspection of probation services: a PDU"
    out = [
        f"{title}\n\n" + "\n".join(page) + f"\n\nPage {n} of {len(pages)}"
        for n, page in enumerate(pages, 1)
    ]
    return "\f".join(out), page_of


@pytest.mark.parametrize("stem", STEMS)
def test_pasted_pdf_text_parses_like_the_bundled_text(stem):
    pasted, _ = paginate(seed_text(stem))
    assert pasted.count("\f") >= 3
    assert any(page.split("\n\n", 1)[1].startswith("the ") for page in pasted.split("\f"))
    report = parse_document(pasted.encode("utf-8"), "pasted.txt")
    assert comparable(dataclasses.asdict(report)) == expected(stem)
    assert report.source_format == "text"
    assert report.format == load(stem)["format"]  # told from the content: pages are no sign of a PDF
    assert report.text.count("Inspection of probation services: a PDU") == 1  # the first kept
    assert "Page 2 of" not in report.text


@pytest.mark.parametrize("stem", STEMS)
def test_pasted_pdf_text_gives_each_finding_its_page(stem):
    pasted, page_of = paginate(seed_text(stem))
    report = parse_document(pasted.encode("utf-8"), "pasted.txt")
    plain = parse_document(seed_text(stem).encode("utf-8"), "plain.txt")
    for paged, original in zip(report.findings, plain.findings, strict=True):
        assert paged.page == page_of[original.line - 1]
    for paged, original in zip(report.recommendations, plain.recommendations, strict=True):
        assert paged.page == page_of[original.line - 1]
    assert all(finding.page is None for finding in plain.findings)


def test_a_web_page_copied_with_its_lines_wrapped_keeps_its_family_and_the_reflow_warnings():
    """Text wrapped at 90 columns into pages of 45 lines, as a PDF printed from the web page
    would paste: joined back into paragraphs, and still told a web page by its content."""
    lines = [part for line in seed_text(STEMS[0]).split("\n") for part in textwrap.wrap(line, 90) or [""]]
    glyphs = ["•", "•", "Only one item stands under these two glyphs."]  # the reflow warns of it
    pages = ["\n".join(lines[:45]), "\n".join([*glyphs, *lines[45:90]]), "\n".join(lines[90:])]
    report = parse_document("\f".join(pages).encode("utf-8"), "wrapped.txt")
    assert load(STEMS[0])["format"] == "web" and report.format == "web"
    assert "page 2: 2 bullets but only 1 items found under them" in report.warnings
    assert [f.text for f in report.findings][:3] == [f["text"] for f in load(STEMS[0])["findings"]][:3]


PDFTOTEXT = REPO / "tests" / "fixtures" / "published" / "pasted-text"


@pytest.mark.parametrize(
    ("name", "stem", "opening"),
    [
        # 'one-to-' ends a line in the PDF; pdftotext drops that hyphen: 'one-toone'
        ("south-tyneside-and-gateshead-pdu.txt", STEMS[2], "The Personality Disorder Pathway provided probation"),
        # the quoted testimony under its bullet's ':' is not an item of its own
        ("south-tyneside-and-gateshead-pdu.txt", STEMS[2], "There were positive responses"),
        ("county-durham-and-darlington-pdu.txt", STEMS[1], "Male and female reporting hubs"),
    ],
)  # fmt: skip
def test_pdftotext_text_gives_the_finding_as_gold_has_it(name, stem, opening):
    """The parts of pdftotext's text the reader rebuilds from structure: a compound the report
    spells with its hyphen elsewhere gets back the hyphen pdftotext dropped at a line end, and a
    testimony stays with the bullet that introduces it."""
    gold = json.loads((REPO / "tests" / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
    wanted = next(f for f in gold["findings"] if f["text"].startswith(opening))
    text = " ".join([wanted["text"], wanted.get("continuation", "")]).strip()
    report = read_report(PDFTOTEXT / name)
    got = [f.text for f in report.findings if f.text.startswith(opening)]
    assert [squash(t) for t in got] == [squash(text)]


PASTED = REPO / "tests" / "fixtures" / "published" / "pasted-text"


def test_a_footer_pdftotext_glued_into_a_broken_word_is_taken_out_and_the_word_made_whole():
    text = (PASTED / "gwent-pdu.txt").read_text(encoding="utf-8")
    assert "They were often parPage 18 of 19\n" in text  # as pdftotext wrote it
    report = parse_document(text.encode("utf-8"), "gwent-pdu.txt")
    (finding,) = [f for f in report.findings if "skilful in discussing enforcement" in f.text]
    assert "They were often particularly skilful in discussing enforcement" in finding.text
    assert finding.page == 18 and finding.section == "2.4"
    assert not any("Page 18" in f.text for f in report.findings)


def test_a_digit_glued_to_a_word_is_a_footnote_mark_when_its_footnote_is_on_the_page():
    text = (PASTED / "south-tyneside-and-gateshead-pdu.txt").read_text(encoding="utf-8")
    assert "qualified POs3." in text
    report = parse_document(text.encode("utf-8"), "south-tyneside-and-gateshead-pdu.txt")
    assert any(f.text.endswith("less effective than work by qualified POs³.") for f in report.findings)
    assert not any("POs3" in f.text for f in report.findings)
