"""The importer at its edges: exact line numbers, the top percentage, ties between family
signals, and Unicode line separators. Each test here was written against a one-line fault
planted in importers/ that the rest of the suite let through."""

from __future__ import annotations

import codecs
import dataclasses


import pytest

from gold import STEMS, cached, load, seed_text
from probe.importers import ReportError, parse_report, read_report
from probe.importers.detect import framework, source_format
from probe.importers.ratings import RatingRow, RatingsBlock, parse_ratings
from probe.importers.structure import Section

WEB = "000_a39e1c12cc83704c"


@cached
def parsed(stem: str):
    return parse_report(seed_text(stem), source_name=f"{stem}.txt")


@pytest.mark.parametrize("stem", STEMS)
def test_finding_lines_match_gold(stem):
    assert [f.line for f in parsed(stem).findings] == [f["line"] for f in load(stem)["findings"]]


@pytest.mark.parametrize("stem", STEMS)
def test_recommendation_lines_match_gold(stem):
    gold = load(stem)["recommendations"]
    assert [r.line for r in parsed(stem).recommendations] == [r["line"] for r in gold]


def test_a_key_question_at_100_percent_is_kept():
    text = seed_text(WEB).replace("keeping other people safe?29%", "keeping other people safe?100%")
    report = parse_report(text)
    want = [100 if q.percent == 29 else q.percent for q in parsed(WEB).key_questions]  # the one 29%
    assert [q.percent for q in report.key_questions] == want and want.count(100) == 1
    assert not [w for w in report.warnings if "percentage" in w]


def test_a_key_question_at_101_percent_is_named_not_kept():
    text = seed_text(WEB).replace("keeping other people safe?29%", "keeping other people safe?101%")
    report = parse_report(text)
    assert "line 177: key-question percentage 101% is over 100" in report.warnings
    assert len(report.key_questions) == 11


def seven_rated_rows() -> list[RatingRow]:
    return [RatingRow(code, "Name", "Good") for code in ("1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4")]


# A tie goes the way no signal at all goes: to the 2024 framework and the PDF layout.
def test_a_framework_tie_goes_to_2024_and_says_so():
    ratings = RatingsBlock(score=(10, 27), rows=seven_rated_rows())  # one signal each way
    assert framework(ratings, []) == (
        "2024",
        ["framework signals disagree: 2021 (score out of 27) against 2024 (7 rated standards); using 2024"],
    )


def test_a_layout_tie_goes_to_pdf_and_says_so():
    ratings = RatingsBlock(glued=True, split=True)  # one signal each way
    assert source_format([], ratings, []) == (
        "pdf",
        ["format signals disagree: web (labels glued to values in the Ratings block) against "
         "pdf (ratings on their own lines); using pdf"],
    )  # fmt: skip


def test_key_question_rows_and_a_contents_list_are_layout_signals():
    glued = "How well is risk of harm assessed?54% "  # trailing space: still a row ending in '%'
    assert source_format([glued, "Foreword\t3"], RatingsBlock(), []) == (
        "pdf",
        ["format signals disagree: web (key-question percentages glued to the question) against "
         "pdf (a Contents list with page numbers); using pdf"],
    )  # fmt: skip
    rows = ["Of the cases seen weekly: 54%", "How well is risk of harm assessed?\t54%"]  # no glued question
    assert source_format(rows, RatingsBlock(), []) == ("pdf", [])


def test_the_ratings_block_reads_only_its_own_lines_and_keeps_a_stray_rating_word():
    lines = [
        "Newcastle upon Tyne PDU",  # before the block
        "Ratings (Back to top)",
        "Good",  # nothing waits for a rating here: a line of the block like any other
        "Fieldwork started April 2025Score 3/21",
        "Overall ratingInadequate",
        "P 1.1 LeadershipRequires improvement",
    ]  # fmt: skip
    assert parse_ratings(lines, 1, len(lines)) == RatingsBlock(
        fieldwork_started="April 2025", score=(3, 21), overall_rating="Inadequate",
        rows=[RatingRow("1.1", "Leadership", "Requires improvement")], other_lines=["Good"], glued=True,
    )  # fmt: skip


def test_ratings_on_their_own_lines_are_the_pdf_layout_and_fill_what_waits_for_them():
    lines = [
        "Ratings",
        "South Tyneside and Gateshead",
        "Fieldwork started October 2022",
        "Score **15/27**",
        "Overall rating",
        "Good",  # the overall rating's
        "Good",  # nothing waits for this one
        "1. Organisational delivery",
        "1.1 Leadership",
        "Requires improvement",
    ]  # fmt: skip
    assert parse_ratings(lines, 0, len(lines)) == RatingsBlock(
        fieldwork_started="October 2022", score=(15, 27), overall_rating="Good",
        domains={1: "Organisational delivery"}, rows=[RatingRow("1.1", "Leadership", "Requires improvement")],
        other_lines=["South Tyneside and Gateshead", "Good"], split=True,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("lines", "block"),
    [
        (["Overall ratingGood", "Fieldwork started April 2025", "Good", "Score 3/21"],  # glued once, first
         RatingsBlock(fieldwork_started="April 2025", score=(3, 21), overall_rating="Good", other_lines=["Good"],
                      glued=True)),
        (["Fieldwork started April 2025Score 3/21", "Overall rating: Good"],
         RatingsBlock(fieldwork_started="April 2025", score=(3, 21), overall_rating="Good", glued=True)),
        (["1.1 Leadership", "1.2 Staff", "Good"],  # a standard with no rating before the next
         RatingsBlock(rows=[RatingRow("1.1", "Leadership", None), RatingRow("1.2", "Staff", "Good")], split=True)),
        (["1.1 Leadership Good"],  # a rating after a space on the standard's line: the name without the space
         RatingsBlock(rows=[RatingRow("1.1", "Leadership", "Good")], glued=True)),
    ],
)  # fmt: skip
def test_one_glued_label_makes_the_block_glued_and_a_row_left_waiting_has_no_rating(lines, block):
    assert parse_ratings(["Ratings", *lines], 0, len(lines) + 1) == block


def test_every_framework_signal_is_named_when_signals_disagree():
    older = RatingsBlock(
        score=(10, 27), domains={2: "Court work and case supervision"},
        rows=[RatingRow("2.1", "Court work", "Good"), RatingRow("1.4", "Facilities", "Good"),
              *[RatingRow(f"2.{n}", "Name", "Good") for n in range(2, 9)]],
    )  # fmt: skip
    assert framework(older, [Section("domain", "Service delivery", 0)]) == (
        "2021",
        ["framework signals disagree: 2021 (score out of 27, 9 rated standards, 2.1 Court work, "
         "standards 1.4/2.5/2.6, 2021 domain names) against 2024 (2024 domain names); using 2021"],
    )  # fmt: skip
    newer = RatingsBlock(
        score=(10, 21), domains={1: "Organisational arrangements and activity"},
        rows=[RatingRow(code, "Name", "Good") for code in ("1.1", "1.2", "1.3", "2.2", "2.3", "2.4")]
        + [RatingRow("2.1", "Assessment", "Good")],
    )  # fmt: skip
    sections = [Section("domain", "Organisational delivery", 0), Section("standard", "Outcomes", 5, code="2.6")]
    assert framework(newer, sections) == (
        "2024",
        ["framework signals disagree: 2021 (standards 1.4/2.5/2.6, 2021 domain names) against 2024 (score "
         "out of 21, 7 rated standards, 2.1 Assessment, 2024 domain names); using 2024"],
    )  # fmt: skip


@pytest.mark.parametrize(
    ("code", "family"),
    [("1.4", ("2021", [])), ("2.5", ("2021", [])), ("2.6", ("2021", [])),  # only the 2021 framework has them
     ("1.3", ("2024", ["no framework signals found; assuming 2024"]))],
)  # fmt: skip
def test_a_standard_only_the_2021_framework_has_is_a_signal(code, family):
    assert framework(RatingsBlock(rows=[RatingRow(code, "Name", None)]), []) == family


def test_one_signal_more_wins_over_a_tie():
    ratings = RatingsBlock(score=(10, 27), rows=seven_rated_rows()[:1] * 9)  # 27 and nine rated
    assert framework(ratings, [])[0] == "2021"


def test_bullets_of_a_section_without_a_number_are_findings_only_under_its_own_label():
    heading = "Diversity and inclusion (Back to top)\n\nStrengths:\n"
    text = seed_text(WEB)
    assert text.count(heading) == 1
    start = text.index(heading)
    body, after = text[start:].split("Areas for improvement:\n", 1)  # the section's second label
    before = text[:start]
    plain = [(f.section, f.kind, f.text) for f in parsed(WEB).findings]
    diversity = [finding for finding in plain if finding[0] == "Diversity and inclusion"]
    assert len(diversity) == 6

    def findings(text: str) -> list[tuple]:
        return [(f.section, f.kind, f.text) for f in parse_report(text).findings]

    unlabelled = body.replace("Strengths:\n", "")
    assert findings(before + unlabelled + after) == [f for f in plain if f not in diversity]
    # a label with nothing under it closing the section above is not this section's
    assert findings(before + "Strengths:\n" + unlabelled + after) == [f for f in plain if f not in diversity]
    # its one label right under its heading: all six are strengths
    right_under = body.replace("(Back to top)\n\n", "(Back to top)\n")
    strengths = [(s, "strength" if s == "Diversity and inclusion" else kind, text) for s, kind, text in plain]
    assert findings(before + right_under + after) == strengths


def test_unicode_line_separators_do_not_move_lines():
    plain = parsed(WEB)
    first = plain.findings[0]
    words = first.text.split(" ")
    separated = " ".join(words[:3]) + "\u2028" + " ".join(words[3:5]) + "\u2029" + " ".join(words[5:])
    report = parse_report(seed_text(WEB).replace(first.text, separated, 1))
    assert report.text.count("\n") == plain.text.count("\n")
    assert [f.line for f in report.findings] == [f.line for f in plain.findings]
    assert report.findings[0].text == first.text  # each separator became a space
    assert report.text.split("\n")[first.line - 1] == plain.text.split("\n")[first.line - 1]


@pytest.mark.parametrize(
    ("size", "limit", "message"),
    [
        (1024 * 1024, 1024 * 1024 - 1, "file is 1.0 MB (1,048,576 bytes), over the 1,048,575 bytes limit"),
        (100 * 1024 * 1024 + 1, 100 * 1024 * 1024,
         "file is 100.0 MB (104,857,601 bytes), over the 100.0 MB (104,857,600 bytes) limit"),
    ],
)  # fmt: skip
def test_sizes_switch_to_megabytes_at_one_mebibyte(tmp_path, size, limit, message):
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(size)  # sparse: nothing is written
    with pytest.raises(ReportError) as refused:
        read_report(path, max_bytes=limit)
    assert str(refused.value) == message


def test_a_broken_utf16_file_is_named(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "Report".encode("utf-16-le") + b"\x00\xd8")  # lone surrogate
    with pytest.raises(ReportError) as refused:
        read_report(path)
    assert str(refused.value) == "binary file (a broken UTF-16 text), not report text"


def test_a_file_of_exactly_the_limit_is_read_whole(tmp_path):
    path = tmp_path / "exact.txt"
    path.write_text(seed_text(WEB), encoding="utf-8")
    report = read_report(path, max_bytes=path.stat().st_size)
    assert report == read_report(path)
    assert report.text == seed_text(WEB)


PDF = "002_4b2ac3813f356061"


def test_a_recommendation_wrapped_onto_two_lines_is_one_whole_item():
    """Its number, addressee and first line stay those of the item; the lines after it keep theirs."""
    text = seed_text(PDF).replace(
        "3. improve contingency planning and delivery on medium and high-risk cases",
        "3. improve contingency planning and delivery\non medium and high-risk cases",
    )
    wrapped, plain = parse_report(text).recommendations, parsed(PDF).recommendations
    shifted = [dataclasses.replace(r, line=r.line + 1) if r.line > 165 else r for r in plain]
    assert wrapped == shifted


def test_recommendations_out_of_sequence_are_named():
    text = seed_text(PDF).replace("7. ensure that PSOs", "12. ensure that PSOs")
    report = parse_report(text)
    assert [r.number for r in report.recommendations] == [1, 2, 3, 4, 5, 6, 12, 8, 9, 10, 11]
    assert "recommendations are numbered 1, 2, 3, 4, 5, 6, 12, 8, 9, 10, 11, not 1 to 11" in report.warnings


def test_a_recommendation_without_a_number_takes_its_place_in_the_list():
    text = seed_text(PDF).replace("7. ensure that PSOs", "• ensure that PSOs")
    report = parse_report(text)
    assert [r.number for r in report.recommendations] == list(range(1, 12))
    assert not [w for w in report.warnings if "numbered" in w]
