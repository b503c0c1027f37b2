"""The reports as the Inspectorate publishes them (tests/fixtures/published: Word and browser
PDFs, WordPress pages as curl fetches and a browser saves them, text pasted from a PDF, and
renamed copies with changed numbers) give exactly the expected values: every core value, in
order, nothing extra. Junk files are refused."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from conftest import REPO
from gold import comparable, squash
from probe.importers import read_report
from probe.domain.model import ReportError

PUBLISHED = REPO / "tests" / "fixtures" / "published"
MANIFEST = json.loads((PUBLISHED / "MANIFEST.json").read_text(encoding="utf-8"))
CORE = ("pdu", "framework", "fieldwork_started", "score_points", "score_max", "overall_rating")
LISTS = ("standards", "key_questions", "recommendations", "findings")


def _ids(entries):
    return [Path(entry["file"]).name[:48] for entry in entries]


# Known differences, each failing the test if it goes away (strict), so the list stays true.
# pdftotext (without -layout) puts a list's bullet glyphs in a column of their own, so where one
# item ends must be guessed from the text: the line ending a sentence that is shortest (a line
# that joins the printed lines of a hyphenated word gives only a guess at its last one). Where
# the line ending an item is as full as one ending a sentence inside it, the count of glyphs
# does not say which it is. pdftotext also drops the hyphen of a compound broken at a line end
# ('offencerelated'), put back only if the report spells it elsewhere.
CUT = "pdftotext's text: where an item under a column of bullet glyphs ends is guessed wrong"
KNOWN = {
    "leicester-leicestershire-and-rutland-pdu.txt": CUT + " once (1.4); 'twothirds', spelled only once",
    "newcastle-upon-tyne-pdu.txt": CUT + " once (2.2); 'offencerelated' and 'com pared', spelled only once",
    "county-durham-and-darlington-pdu.txt": CUT + " three times (1.1, 1.2, Diversity and inclusion)",
    "gwent-pdu.txt": CUT + " twice (Diversity and inclusion, 2.4)",
}  # fmt: skip


def _with_known(entries):
    return [
        pytest.param(entry, marks=pytest.mark.xfail(reason=KNOWN[name], strict=True))
        if (name := Path(entry["file"]).name) in KNOWN
        else entry
        for entry in entries
    ]


def _expected(entry) -> dict:
    gold = json.loads((REPO / entry["expected"]).read_text(encoding="utf-8"))
    for finding in gold["findings"]:  # SCHEMA.md: a quoted testimony is appended to its bullet
        if finding.get("continuation"):
            finding["text"] = f"{finding['text']} {finding['continuation']}"
    return comparable(gold)


@pytest.mark.parametrize("entry", _with_known(MANIFEST["reports"]), ids=_ids(MANIFEST["reports"]))
def test_a_published_report_gives_the_expected_values(entry):
    report = read_report(REPO / entry["file"])
    _assert_gives(report, _expected(entry))
    assert report.source_format == entry["format"]
    assert report.format == ("web" if entry["format"] == "html" else "pdf")  # each text is a PDF's
    assert not [w for w in report.warnings if "signals" in w]  # a PDF or web page says its family


# The findings of each pdftotext text that KNOWN's faults change (indices into the gold list);
# every other value must be the gold one.
PDFTOTEXT_FAULTY_FINDINGS = {
    "newcastle-upon-tyne-pdu.txt": [38, 39, 40, 41, 50],
    "county-durham-and-darlington-pdu.txt": [1, 2, 3, 4, 5, 24, 25, 51, 52],
    "leicester-leicestershire-and-rutland-pdu.txt": [19, 36, 37],
    "gwent-pdu.txt": [29, 46, 47, 48, 49, 50, 72, 73],
}  # fmt: skip
PASTED = [entry for entry in MANIFEST["reports"] if Path(entry["file"]).name in PDFTOTEXT_FAULTY_FINDINGS]


@pytest.mark.parametrize("entry", PASTED, ids=_ids(PASTED))
def test_pdftotext_text_gives_every_value_but_its_known_faults(entry):
    """The xfails above hide which values a pdftotext text gets right: all but a few findings."""
    got = comparable(dataclasses.asdict(read_report(REPO / entry["file"])))
    want = _expected(entry)
    assert {field: got[field] for field in CORE} == {field: want[field] for field in CORE}
    for field in ("standards", "key_questions", "recommendations"):
        assert got[field] == want[field], field
    assert len(got["findings"]) == len(want["findings"])
    faulty = [index for index, pair in enumerate(zip(got["findings"], want["findings"])) if pair[0] != pair[1]]
    assert faulty == PDFTOTEXT_FAULTY_FINDINGS[Path(entry["file"]).name]


UNSEEN = {  # tests/fixtures/unseen/README.md: LibreOffice Writer/Web's PDFs, and their -layout text
    "county-durham-and-darlington-pdu-libreoffice-web.pdf": "tests/gold/001_c108ea69334e75e0.json",
    "gwent-pdu-libreoffice-web.pdf": "tests/gold/004_354d18e338058cf9.json",
    "county-durham-and-darlington-pdu-libreoffice-web.layout.txt": "tests/gold/001_c108ea69334e75e0.json",
    "gwent-pdu-libreoffice-web.layout.txt": "tests/gold/004_354d18e338058cf9.json",
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(UNSEEN))
def test_a_report_rendered_another_way_gives_the_expected_values(name):
    report = read_report(REPO / "tests" / "fixtures" / "unseen" / name)
    _assert_gives(report, _expected({"expected": UNSEEN[name]}))


def _assert_gives(report, want: dict) -> None:
    got = comparable(dataclasses.asdict(report))
    for field in CORE:
        assert got[field] == want[field], field
    for field in LISTS:
        assert len(got[field]) == len(want[field]), field
        for index, (item, wanted) in enumerate(zip(got[field], want[field], strict=True)):
            assert item == wanted, f"{field}[{index}]"


@pytest.mark.parametrize(
    "entry", [e for e in MANIFEST["reports"] if e["format"] == "pdf"],
    ids=_ids([e for e in MANIFEST["reports"] if e["format"] == "pdf"]),
)  # fmt: skip
def test_each_item_of_a_pdf_has_the_page_it_is_printed_on(entry):
    """The page of each finding is the PDF page whose text holds the finding's first words."""
    import pypdfium2 as pdfium

    report = read_report(REPO / entry["file"])
    document = pdfium.PdfDocument(REPO / entry["file"])
    pages = [squash(document[i].get_textpage().get_text_range()) for i in range(len(document))]
    items = [*report.findings, *report.recommendations]
    assert items and all(item.page for item in items)
    for item in items:
        opening = squash(item.text)[:40]
        assert opening in pages[item.page - 1], (item.page, opening)
    assert [f.page for f in report.findings] == sorted(f.page for f in report.findings)
    assert report.key_questions and all(question.page for question in report.key_questions)


@pytest.mark.parametrize(
    "entry", [e for e in MANIFEST["reports"] if e["format"] == "pdf"],
    ids=_ids([e for e in MANIFEST["reports"] if e["format"] == "pdf"]),
)  # fmt: skip
def test_a_sentence_with_a_footnote_mark_is_one_paragraph(entry):
    """Each 'Our rating⁷ for planning is based on ... judged satisfactory against three key
    questions:' is one paragraph, however its lines break: the footnote mark must not make its
    first line look like text of another size (pdfium sizes the spaces it makes up at 1 pt)."""
    report = read_report(REPO / entry["file"])
    paragraphs = [" ".join(p.split()) for p in report.text.split("\n\n")]
    intros = [p for p in paragraphs if p.startswith("Our rating")]
    assert len(intros) == len([q for q in report.standards if q.domain == 2 and q.rating])
    assert all(p.endswith(":") and "satisfactory against" in p for p in intros), intros


@pytest.mark.parametrize("entry", MANIFEST["reports"], ids=_ids(MANIFEST["reports"]))
def test_footnotes_are_under_one_heading(entry):
    """Notes from the foot of a PDF's pages go at the end under 'Footnotes', or, when the report
    ends with its own 'Footnotes' (a web-page report printed), on under that one."""
    lines = read_report(REPO / entry["file"]).text.split("\n")
    assert [line for line in lines if line.strip().casefold() == "footnotes"] in ([], ["Footnotes"])


NOT_A_REPORT = "not an HM Inspectorate of Probation PDU inspection report: "
NOTHING_OF_A_REPORT = (
    NOT_A_REPORT + "no ratings, no standards and no 'An inspection of probation services in ...'"
    " title (a news item, an annual or thematic report, a list of reports?)"
)
JUNK_MESSAGES = {
    "password-protected.pdf": "PDF is password-protected; save an unprotected copy first",
    "scanned-no-text-layer.pdf": "PDF has no text layer (a scanned document?); probe reads text, it does no OCR",
    "truncated.pdf": "truncated PDF: it does not end with %%EOF (an unfinished download?)",
    "corrupt.pdf": "corrupt or truncated PDF: pdfium cannot open it",
    "five-thousand-pages.pdf": "PDF has 5,000 pages, over the 300 page limit for one report",
    "decompression-bomb.pdf": "PDF has no text layer (a scanned document?); probe reads text, it does no OCR",
    "youth-justice-inspection.pdf": NOT_A_REPORT + "it names no Probation Delivery Unit (PDU)",
    "regional-annual-report.pdf": NOTHING_OF_A_REPORT,
    "news-item.pdf": NOTHING_OF_A_REPORT,
    "news-item.html": NOTHING_OF_A_REPORT,
    "site-home-page.html": NOTHING_OF_A_REPORT,
    "other-site-page.html": NOT_A_REPORT + "no 'An inspection of probation services in ...' title and no"
    " mention of HM Inspectorate of Probation",
}  # fmt: skip


@pytest.mark.parametrize("entry", MANIFEST["junk"], ids=_ids(MANIFEST["junk"]))
def test_junk_is_refused_saying_why(entry):
    with pytest.raises(ReportError) as error:
        read_report(REPO / entry["file"])
    assert str(error.value) == JUNK_MESSAGES[Path(entry["file"]).name]


LAID_OUT = [e for e in MANIFEST["reports"] if "from_pdf" in e]


@pytest.mark.parametrize("entry", LAID_OUT, ids=_ids(LAID_OUT))
def test_each_item_of_layout_text_has_the_page_it_is_printed_on(entry):
    """`pdftotext -layout` text keeps its PDF's pages apart with form feeds: each finding and
    recommendation gets the page whose text holds its first words, as its PDF gives it."""
    text = (REPO / entry["file"]).read_text(encoding="utf-8")
    pages = [squash(page) for page in text.split("\f")]
    report = read_report(REPO / entry["file"])
    pdf = read_report(REPO / entry["from_pdf"])
    items = [*report.findings, *report.recommendations]
    assert items and all(item.page for item in items)
    for item in items:
        opening = squash(item.text)[:30]
        assert opening in pages[item.page - 1], (item.page, opening)
    assert [f.page for f in report.findings] == [f.page for f in pdf.findings]
    assert [q.page for q in report.key_questions] == [q.page for q in pdf.key_questions]
    assert report.source_format == "text" and report.format == "pdf"
    assert not [w for w in report.warnings if "signals" in w]  # laid out as a PDF: no vote on it


@pytest.mark.parametrize(
    ("code", "message"),
    [("FPDF_ERR_PASSWORD", "PDF is password-protected; save an unprotected copy first"),
     ("FPDF_ERR_SECURITY", "PDF uses an unsupported security handler (encrypted)"),
     ("FPDF_ERR_FORMAT", "corrupt or truncated PDF: pdfium cannot open it"),
     ("FPDF_ERR_FILE", "corrupt or truncated PDF: pdfium cannot open it")],
)  # fmt: skip
def test_a_pdf_pdfium_cannot_open_is_refused_saying_why(code, message):
    """pdfium's own words for each failure (pypdfium2's table), as PdfDocument raises them."""
    import pypdfium2.internal as pdfium_i
    import pypdfium2.raw as pdfium_c
    from probe.importers.pdf import _open_failure

    pdfium_says = f"Failed to load document (PDFium: {pdfium_i.ErrorToStr[getattr(pdfium_c, code)]})."
    assert _open_failure(pdfium_says) == message
