"""The shapes of single lines (probe.importers.lines): headings, contents entries, top titles."""

from __future__ import annotations

import pytest

from probe.importers.lines import (
    Bullet,
    bullet,
    domain_heading,
    heading_text,
    is_table_header,
    is_table_header_part,
    is_toc_entry,
    is_top_title,
    label_kind,
    question_row,
    standard_heading,
    title_like,
)


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("## Leadership (Back to top)", ("Leadership", True)),
        ("**Leadership**", ("Leadership", False)),  # bold marks around the whole heading go
        ("**A**", ("A", False)),
        ("****", ("****", False)),  # a rule of asterisks is no bold heading
        ("**Leadership** and staff", ("**Leadership** and staff", False)),
    ],
)  # fmt: skip
def test_a_heading_s_text_is_without_markdown_bold_marks_or_back_to_top(line, heading):
    assert heading_text(line) == heading


@pytest.mark.parametrize(
    ("line", "entry"),
    [
        ("Foreword\t3", True),
        ("1.1\tLeadership\t12", True),  # the page number is after the last tab
        ("Foreword\t3\t", True),  # a tab after the page number
        ("Annexe 1\t123", True),
        ("Annexe 1\t1234", False),  # no report runs to four figures of pages
        ("\t3", False),  # no entry before the page number
        ("Foreword\tthree", False),
    ],
)  # fmt: skip
def test_a_contents_entry_ends_in_a_tab_and_a_page_number_of_up_to_three_figures(line, entry):
    assert is_toc_entry(line) is entry


@pytest.mark.parametrize(
    ("title", "top"),
    [("Foreword:", True), ("RECOMMENDATIONS", True), ("Annexe 2: Inspection methodology", True),
     (":Foreword", False), ("Leadership", False)],
)  # fmt: skip
def test_a_top_title_is_known_whatever_its_case_and_a_colon_after_it(title, top):
    assert is_top_title(title) is top


@pytest.mark.parametrize(
    ("title", "standard"),
    [
        ("2.3 Implementation and delivery", ("2.3", "Implementation and delivery")),
        ("P 2.03. Implementation and deliveryRating", ("2.3", "Implementation and delivery")),
        ("1.1 " + "A" * 80, ("1.1", "A" * 80)),
        ("1.1 " + "A" * 81, None),  # too long for a standard's name
        ("1.1 Rating", None),  # no name left
        ("1.1 Staff said so.", None),  # a sentence, a label or a list's lead-in
        ("1.1 Staff said:", None),
        ("1.1 Staff said;", None),
    ],
)  # fmt: skip
def test_a_standard_heading_is_a_number_and_a_name_of_up_to_80_characters_not_ending_a_sentence(title, standard):
    assert standard_heading(title) == standard


@pytest.mark.parametrize(
    ("title", "domain"),
    [("1. Organisational delivery", (1, "Organisational delivery")), ("2.Service delivery", (2, "Service delivery")),
     ("1. Org", (1, "Org")), ("1. Or", None), ("1. Organisational delivery.", None), ("1. staff", None)],
)  # fmt: skip
def test_a_domain_heading_is_a_number_and_a_capitalised_name(title, domain):
    assert domain_heading(title) == domain


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Strengths:", "strength"),
        ("**Key strength**", "strength"),
        ("Areas for improvement", "area_for_improvement"),
        ("_Area for development:_", "area_for_improvement"),
        ("Strengths:" + " " * 50, "strength"),  # 60 characters, trailing spaces and all
        ("Strengths:" + " " * 51, None),  # longer lines are never labels
        ("Strengths of the PDU", None),
    ],
)  # fmt: skip
def test_a_label_opens_a_list_of_strengths_or_of_areas_for_improvement(line, kind):
    assert label_kind(line) == kind


@pytest.mark.parametrize(
    ("line", "item"),
    [
        ("• Staff were kind", Bullet("Staff were kind", None)),
        ("  ●Staff were kind  ", Bullet("Staff were kind", None)),  # a symbol may touch the text
        ("- Staff were kind", Bullet("Staff were kind", None)),
        ("–", Bullet("", None)),
        ("12. Staff were kind", Bullet("Staff were kind", 12)),
        ("3) Staff were kind", Bullet("Staff were kind", 3)),
        ("12.address the gaps", Bullet("address the gaps", 12)),  # a number may touch a lower-case word
        ("-5 degrees", None),
        ("*italics*", None),
        ("123. Staff", None),
        ("12.Staff", None),
        ("1.1 Leadership", None),
    ],
)  # fmt: skip
def test_a_bullet_is_a_glyph_or_a_list_number_before_its_text(line, item):
    assert bullet(line) == item


@pytest.mark.parametrize(
    ("line", "header"),
    [
        ("Key question\tPercentage 'Yes'", True),
        ("| Key questions | Percentage |", True),
        ("Outcomes   percentage", True),
        ("Key questionPercentage 'Yes'", True),  # glued cells
        ("Key question" + " " * 78 + "Percentage", True),  # 100 characters
        ("Key question" + " " * 79 + "Percentage", False),  # longer lines are never headers
        ("Key question", False),
        ("Percentage of cases", False),
    ],
)  # fmt: skip
def test_a_table_header_names_the_questions_then_the_percentage(line, header):
    assert is_table_header(line) is header


@pytest.mark.parametrize(
    ("line", "part"),
    [("Key question", True), ("**Key questions**", True), ("Outcomes", True), ("Percentage 'Yes'", True),
     ("Standard", True), ("Rating", True), ("Percentage of cases where it was done", False),
     ("Key question Percentage", False), ("Our key questions", False)],
)  # fmt: skip
def test_a_table_header_s_cell_on_a_line_of_its_own(line, part):
    assert is_table_header_part(line) is part


@pytest.mark.parametrize(
    ("line", "row"),
    [
        ("Does it?\t66%", ("Does it?", 66)),
        ("  Does it?66%  ", ("Does it?", 66)),
        ("| Does it? | 66% |", ("Does it?", 66)),
        ("Does it? **100 %**", ("Does it?", 100)),
        ("Does it?\t7%", ("Does it?", 7)),
        ("Does it?\t1000%", None),
        ("Does it?\t%", None),
        ("66%", None),
        ("Does it?\t66", None),
        ("|X-ray results checked?|66%|", ("X-ray results checked?", 66)),  # pipes without spaces
        ("Was the risk level X\t66%", ("Was the risk level X", 66)),
        ("Was the risk level X66%", ("Was the risk level X", 66)),
        ("Does it?\t66%X", None),
        ("**Does it?**\t**66%**", ("Does it?", 66)),
        ("**66%**", None),
    ],
)  # fmt: skip
def test_a_key_question_row_is_a_question_then_its_percentage(line, row):
    assert question_row(line) == row


@pytest.mark.parametrize(
    ("title", "like"),
    [
        ("Resettlement work", True),
        ("Service X", True),
        ("Res", True),
        ("Re", False),
        ("A" * 80, True),
        ("A" * 81, False),
        ("Twelve words " + "w " * 9 + "end", True),
        ("Thirteen words " + "w " * 10 + "end", False),
        ("resettlement work", False),
        *[(f"Resettlement work{mark}", False) for mark in ".,;:?!%)"],
        ("Good", False),
        ("Strengths", False),
    ],
)  # fmt: skip
def test_a_title_like_line_is_short_capitalised_and_no_sentence_rating_or_label(title, like):
    assert title_like(title) is like
