"""Mangled reports and bad files: the importer warns about what is missing, or says why it refuses."""

from __future__ import annotations

import codecs
import dataclasses
from pathlib import Path

import pytest
from gold import seed_text
from probe.importers import DEFAULT_MAX_BYTES, ReportError, parse_report, read_report
from probe.importers.sanitise import sanitise

WEB = "000_a39e1c12cc83704c"  # 2024 framework, scraped from the web page
PDF = "002_4b2ac3813f356061"  # 2021 framework, converted from the PDF
DATA = Path(__file__).parent / "data"
NOT_A_REPORT = "not an HM Inspectorate of Probation PDU inspection report: "


def without_lines(text: str, first: str, until: str) -> str:
    """The text without its lines from the one starting with `first` to just before `until`."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(first))
    end = next(i for i, line in enumerate(lines) if i > start and line.startswith(until))
    return "\n".join(lines[:start] + lines[end:])


def first_lines(text: str, count: int) -> str:
    return "\n".join(text.split("\n")[:count])


# --- mangled reports made from the seeds ---------------------------------------------------


def test_deleted_standard_section_is_named_and_the_rest_still_imports():
    report = parse_report(
        without_lines(seed_text(WEB), "P 2.3. Implementation", "P 2.4. Reviewing")
    )
    assert (
        "standard 2.3 Implementation and delivery: no section found in the body" in report.warnings
    )
    assert [s.code for s in report.standards] == ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4"]
    assert report.standards[5].rating == "Inadequate"  # still known from the Ratings block
    assert not [f for f in report.findings if f.section == "2.3"]
    assert len(report.findings) == 51 - 4
    assert len(report.key_questions) == 9


def test_removed_ratings_block_takes_ratings_from_the_body_headings():
    report = parse_report(without_lines(seed_text(WEB), "Ratings (Back to top)", "Recommendations"))
    assert report.warnings[:1] == [
        "no Ratings block found; standards and ratings taken from the body headings"
    ]
    for missing in ("'Fieldwork started' month", "score", "overall rating"):
        assert f"no {missing} found in the Ratings block" in report.warnings
    assert (
        "standard 2.1 Assessment: no rating in the Ratings block; took 'Inadequate' from its section"
        in report.warnings
    )
    assert [s.rating for s in report.standards] == ["Requires improvement"] * 3 + ["Inadequate"] * 4
    assert report.standards[3].domain_name == "Service delivery"  # from the body's domain heading
    assert (report.framework, report.overall_rating, report.score_points) == ("2024", None, None)
    assert len(report.findings) == 51


def test_report_cut_off_halfway_names_every_missing_standard_section():
    report = parse_report(first_lines(seed_text(PDF), 300))  # stops inside 1.4
    missing = [w for w in report.warnings if w.endswith("no section found in the body")]
    assert missing == [
        "standard 2.1 Court work: no section found in the body",
        "standard 2.2 Assessment: no section found in the body",
        "standard 2.3 Planning: no section found in the body",
        "standard 2.4 Implementation and delivery: no section found in the body",
        "standard 2.5 Reviewing: no section found in the body",
    ]
    assert "standard 1.4 Information and facilities: no findings found" in report.warnings
    assert report.framework == "2021"
    assert len(report.recommendations) == 11  # everything before the cut is kept


def test_report_cut_inside_the_ratings_block_keeps_what_it_has():
    report = parse_report(first_lines(seed_text(PDF), 120))  # '1.4 ...' has lost its rating
    assert [(s.code, s.rating) for s in report.standards] == [
        ("1.1", "Good"), ("1.2", "Good"), ("1.3", "Requires improvement"), ("1.4", None),
    ]  # fmt: skip
    assert "standard 1.4 Information and facilities: no rating found" in report.warnings
    assert "no Recommendations section found" in report.warnings
    assert (
        "no Background section found: no fieldwork start date, cases inspected, interviews or caseload"
        in report.warnings
    )


def test_report_cut_off_before_the_ratings_is_refused():
    with pytest.raises(ReportError) as refused:
        parse_report(first_lines(seed_text(WEB), 40))
    assert (
        str(refused.value)
        == "report is cut off or incomplete: no ratings and no standard sections found"
    )


def test_missing_key_question_table_is_named():
    lines = seed_text(WEB).split("\n")
    header = lines.index(
        "Key questionPercentage ‘Yes’", lines.index("P 2.3. Implementation and deliveryRating")
    )
    report = parse_report("\n".join(lines[:header] + lines[header + 4 :]))
    assert (
        "standard 2.3 Implementation and delivery: no key-question table found" in report.warnings
    )
    assert [q.standard_code for q in report.key_questions].count("2.3") == 0
    assert len(report.findings) == 51  # the bullets under the table are still read


def test_score_that_disagrees_with_the_ratings_is_flagged():
    report = parse_report(seed_text(WEB).replace("Score 3/21", "Score 5/21"))
    assert "score 5/21 does not equal the sum of standard ratings (3)" in report.warnings


def test_ratings_block_and_body_disagreeing_is_flagged():
    text = seed_text(PDF).replace("2.2 Assessment\n\nGood", "2.2 Assessment\n\nInadequate")
    report = parse_report(text)
    assert (
        "standard 2.2 Assessment: the Ratings block says 'Inadequate' but its section says 'Good'"
        in report.warnings
    )
    assert report.standards[5].rating == "Inadequate"  # the Ratings block is the record


def test_control_characters_and_escapes_are_stripped_without_moving_lines():
    clean = parse_report(seed_text(WEB))
    dirty = parse_report(
        seed_text(WEB)
        .replace("Strengths:", "Strengths:\x1b[31m\x02\x03\x07", 1)
        .replace("Reviewing", "Rev\x00iewing")
    )
    assert (
        dirty.warnings[0]
        == "removed 7 control character(s), escape sequence(s) or invalid character(s)"
    )
    assert dirty.text == clean.text
    assert dirty.source_sha256 == clean.source_sha256
    assert dirty.findings == clean.findings  # same text and same line numbers
    assert not any(ch in dirty.text for ch in "\x00\x02\x03\x07\x1b")


def test_line_separators_become_spaces_and_lone_surrogates_replacement_characters_each_counted():
    text = "Strengths:\u2028Staff\u2029were\ud800 kind\x1b[0m.\nNext"
    assert sanitise(text) == (
        "Strengths: Staff were\ufffd kind.\nNext",
        ["removed 4 control character(s), escape sequence(s) or invalid character(s)"],
    )


def test_line_endings_and_bom_do_not_change_the_report():
    clean = parse_report(seed_text(PDF))
    for variant in (
        "\ufeff" + seed_text(PDF),
        seed_text(PDF).replace("\n", "\r\n"),
        seed_text(PDF).replace("\n", "\r"),
    ):
        report = parse_report(variant)
        assert (report.text, report.source_sha256, report.findings) == (
            clean.text,
            clean.source_sha256,
            clean.findings,
        )
        assert report.warnings == clean.warnings


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty text: nothing to import"),
        (" \n\t\n", "empty text: nothing to import"),
        ("Dear all,\nthe minutes of Tuesday's meeting are attached.\n",
         NOT_A_REPORT + "no 'An inspection of probation services in ...' title and no mention of HM Inspectorate of Probation"),
        ("An inspection of youth offending services in Leeds\nHM Inspectorate of Probation, May 2024\n",
         NOT_A_REPORT + "it names no Probation Delivery Unit (PDU)"),
        ("HM Inspectorate of Probation\nAn inspection of probation services in Gwent PDU\nForeword\nText.\n",
         "report is cut off or incomplete: no ratings and no standard sections found"),
    ],
)  # fmt: skip
def test_text_that_is_not_a_usable_report_is_refused_with_a_reason(text, reason):
    with pytest.raises(ReportError) as refused:
        parse_report(text)
    assert str(refused.value) == reason


def test_report_without_a_title_takes_the_pdu_from_the_recommendations():
    text = seed_text(WEB).replace(
        "An inspection of probation services in Newcastle Upon Tyne PDU", ""
    )
    report = parse_report(text)
    assert report.pdu == "Newcastle upon Tyne PDU"
    assert (
        "no title line 'An inspection of probation services in ...'; PDU name taken from the recommendations"
        in report.warnings
    )


# --- read_report on files ------------------------------------------------------------------


def test_read_report_reads_a_seed_file(tmp_path):
    path = tmp_path / "newcastle.txt"
    path.write_text(seed_text(WEB), encoding="utf-8")
    report = read_report(path)
    assert dataclasses.asdict(report) == dataclasses.asdict(
        parse_report(seed_text(WEB), source_name="newcastle.txt")
    )


def test_read_report_refuses_an_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \r\n\n")
    for name in ("empty.txt", "blank.txt"):
        with pytest.raises(ReportError, match="^empty file$"):
            read_report(tmp_path / name)


def test_read_report_refuses_a_png():
    with pytest.raises(ReportError) as refused:
        read_report(DATA / "pixel.png")
    assert str(refused.value) == "binary file (a PNG image), not report text"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.7\n...", "truncated PDF: it does not end with %%EOF (an unfinished download?)"),
        (
            b"PK\x03\x04rest-of-a-docx",
            "binary file (a ZIP archive (a .docx, .xlsx or .zip file)), not report text",
        ),
        (
            b"An inspection of probation services in Gwent PDU\x00\x00\x01",
            "binary file (it contains NUL bytes), not report text",
        ),
    ],
)
def test_read_report_refuses_other_binary_files(tmp_path, data, reason):
    path = tmp_path / "file.txt"
    path.write_bytes(data)
    with pytest.raises(ReportError) as refused:
        read_report(path)
    assert str(refused.value) == reason


def test_read_report_decodes_cp1252_with_a_warning(tmp_path):
    path = tmp_path / "windows.txt"
    path.write_bytes(seed_text(WEB).encode("cp1252"))
    report = read_report(path)
    assert report.warnings[0] == "not valid UTF-8: decoded as Windows-1252 (cp1252)"
    utf8 = parse_report(seed_text(WEB))
    assert report.findings == utf8.findings  # curly quotes, bullets and NBSP all survive
    assert report.warnings[1:] == utf8.warnings


def test_read_report_decodes_utf16_with_a_bom(tmp_path):
    path = tmp_path / "unicode.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + seed_text(PDF).encode("utf-16-le"))
    report = read_report(path)
    assert report.warnings[0] == "decoded as UTF-16 (the file has a UTF-16 byte order mark)"
    assert report.findings == parse_report(seed_text(PDF)).findings


def test_read_report_refuses_a_text_that_is_not_a_report(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Shopping: eggs, milk, bread.\n", encoding="utf-8")
    with pytest.raises(ReportError, match=f"^{NOT_A_REPORT}"):
        read_report(path)


def test_read_report_refuses_an_oversize_file_naming_size_and_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(seed_text(WEB), encoding="utf-8")
    size = path.stat().st_size
    with pytest.raises(ReportError) as refused:
        read_report(path, max_bytes=10_000)
    assert str(refused.value) == f"file is {size:,} bytes, over the 10,000 bytes limit"
    assert DEFAULT_MAX_BYTES == 5 * 1024 * 1024


def test_read_report_names_a_large_size_in_megabytes(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"x" * (DEFAULT_MAX_BYTES + 1))
    with pytest.raises(ReportError) as refused:
        read_report(path)
    assert (
        str(refused.value)
        == "file is 5.0 MB (5,242,881 bytes), over the 5.0 MB (5,242,880 bytes) limit"
    )


def test_only_a_pdf_is_held_to_the_larger_pdf_limit(tmp_path):
    pdf = Path(__file__).parent / "fixtures" / "published" / "pdf-word" / (
        "county-durham-and-darlington-pdu-inspection-report.pdf"
    )
    assert pdf.stat().st_size > 100_000
    assert read_report(pdf, max_bytes=10_000).pdu == "County Durham and Darlington PDU"
    text = tmp_path / "mentions-pdf.txt"  # '%PDF-' past where a PDF's header may start: text
    text.write_bytes(b"x" * 2_000 + b"%PDF-1.7 " + b"x" * 991)
    with pytest.raises(ReportError) as refused:
        read_report(text, max_bytes=2_000)
    assert str(refused.value) == "file is 3,000 bytes, over the 2,000 bytes limit"


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux's /proc")
def test_a_file_holding_more_than_its_size_says_is_held_to_the_limit():
    """A /proc file says it is empty (st_size 0), like a file still being written to. Its first
    kilobyte, read to look for a PDF header, is already over this limit (once a ValueError)."""
    assert Path("/proc/self/status").stat().st_size == 0
    with pytest.raises(ReportError) as refused:
        read_report(Path("/proc/self/status"), max_bytes=100)
    assert str(refused.value) == "file is over the 100 bytes limit"


def test_a_file_that_cannot_be_read_is_refused_with_the_reason(tmp_path):
    (tmp_path / "report.txt").write_text("text", encoding="utf-8")
    with pytest.raises(ReportError) as refused:
        read_report(tmp_path / "report.txt" / "inside")
    assert str(refused.value) == "cannot read the file: Not a directory"


def test_read_report_handles_crlf_and_bom_files(tmp_path):
    plain = parse_report(seed_text(PDF))
    crlf, bom = tmp_path / "crlf.txt", tmp_path / "bom.txt"
    crlf.write_bytes(seed_text(PDF).replace("\n", "\r\n").encode("utf-8"))
    bom.write_bytes(codecs.BOM_UTF8 + seed_text(PDF).encode("utf-8"))
    for path in (crlf, bom):
        report = read_report(path)
        assert (report.source_sha256, report.findings, report.warnings) == (
            plain.source_sha256,
            plain.findings,
            plain.warnings,
        )


def test_read_report_refuses_a_directory_and_a_missing_file(tmp_path):
    with pytest.raises(ReportError, match="^is a directory, not a report file$"):
        read_report(tmp_path)
    with pytest.raises(ReportError, match="^no such file$"):
        read_report(tmp_path / "missing.txt")


def test_a_percentage_over_100_is_named_not_kept():
    text = seed_text(WEB).replace("keeping other people safe?29%", "keeping other people safe?290%")
    report = parse_report(text)
    assert "line 177: key-question percentage 290% is over 100" in report.warnings
    assert len(report.key_questions) == 11


def test_a_repeated_standard_section_is_named():
    lines = seed_text(WEB).split("\n")
    start = lines.index("P 2.4. ReviewingRating")
    end = lines.index("Further information (Back to top)")
    report = parse_report("\n".join(lines[:end] + lines[start:end] + lines[end:]))
    assert f"standard 2.4: a second section at line {end + 1} was ignored" in report.warnings
    assert len(report.findings) == 51


def test_a_text_with_thousands_of_sections_is_refused_quickly():
    """A hostile file under the size limit: a real report with a heading repeated 100,000 times."""
    text = seed_text(PDF) + "\n2.1 Assessment\n" * 100_000
    with pytest.raises(ReportError) as refused:
        parse_report(text)
    assert str(refused.value) == (
        "100,023 sections, over the 1,000 limit: a PDU report has fewer than a hundred, so this is"
        " not one report probe can read"
    )
