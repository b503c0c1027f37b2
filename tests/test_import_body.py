"""A section's body (importers/body), on hand-made lines: its bullets and the lines that carry
them on, and whether it says the standard is not rated."""

from __future__ import annotations

import pytest
from probe.importers.body import BodyRating, body_rating, findings, key_questions
from probe.importers.structure import Section

OUTCOMES = [
    "2.6 Outcomes",
    "We looked at the outcomes for people on probation.",
    "Most had stayed in settled accommodation.",
    "Fewer had kept a job.",
    "Drug use had fallen in half of the cases.",  # the fourth line: no rating under the heading
]


def test_a_bullet_goes_on_with_a_quote_it_introduces_or_a_wrapped_line_right_under_it():
    lines = [
        "•\tThe last bullet of the section above.",
        "1.1 Leadership",
        "Strengths:",
        "•\tStaff told us:",
        "“We feel supported by our managers.”",  # quoted, after a ':'
        "•\tManagers knew the cases.",
        "“We were listened to.”",  # quoted, but not introduced: not part of the bullet
        "•\tRisk was assessed",
        "well in most",  # wrapped: right under, in lower case
        "cases.",
        "•\tPlans were reviewed",
        "",
        "and updated.",  # in lower case, but a line further down
        "•\tWork with partners",
        "Was strong.",  # right under, but in upper case
        "•",  # an empty bullet: no finding, and nothing to carry on
        "staff were keen.",
    ]  # fmt: skip
    section = Section("standard", "Leadership", 1, len(lines), code="1.1")
    assert [(f.kind, f.text, f.line) for f in findings(lines, section)] == [
        ("strength", "Staff told us: “We feel supported by our managers.”", 4),
        ("strength", "Managers knew the cases.", 6),
        ("strength", "Risk was assessed well in most cases.", 8),
        ("strength", "Plans were reviewed", 11),
        ("strength", "Work with partners", 14),
    ]


def test_a_section_saying_it_is_not_rated_further_down_is_unrated():
    lines = [*OUTCOMES, "We do not currently rate this standard."]
    assert body_rating(lines, Section("standard", "Outcomes", 0, len(lines), code="2.6")) == BodyRating(None, True)


def test_only_the_section_itself_can_say_it_is_not_rated():
    lines = ["2.5 Statutory victim work", "Victim work is not rated.", *OUTCOMES]
    outcomes = Section("standard", "Outcomes", 2, len(lines), code="2.6")
    assert body_rating(lines, outcomes) == BodyRating(None, False)


WRAPPED = "Does assessment focus sufficiently on keeping other people safe, given all that is known of the risk"
LONG = "Does planning focus sufficiently on reducing reoffending and supporting desistance, with the services that the person needs?"
LEVEL = "Does assessment draw enough on what other agencies know, such as the police and children's services, of the risk the person may pose to"


def test_a_table_spread_over_lines_takes_long_question_lines_and_ends_at_prose():
    """A line over 100 characters, or one ending with '.', is the prose after a table, unless
    it ends with '?' or its percentage: then it is a question's (first) line."""
    lines = [
        "2.2 Assessment",
        "Key question\tPercentage 'Yes'",
        "Does assessment focus sufficiently on engaging the person on probation?",
        "77%",
        LONG,  # a question over 100 characters: ends with '?'
        "91%",
        WRAPPED,  # 100 characters: not yet prose
        "posed to children?",
        "60%",
        f"{LEVEL}\t\t\t64%",  # its percentage level with its first line
        "others?",
        "Staff said so.",  # a sentence: the table has ended
        "Most assessments were good.",
    ]  # fmt: skip
    assert [len(LONG), len(WRAPPED), len(lines[9])] == [124, 100, 141]
    questions, warnings = key_questions(lines, Section("standard", "Assessment", 0, len(lines), code="2.2"))
    assert [(q.standard_code, q.question, q.percent) for q in questions] == [
        ("2.2", "Does assessment focus sufficiently on engaging the person on probation?", 77),
        ("2.2", LONG, 91),
        ("2.2", f"{WRAPPED} posed to children?", 60),
        ("2.2", f"{LEVEL} others?", 64),
    ]
    assert warnings == []


def test_a_rule_under_the_header_is_skipped_and_a_bullet_ends_the_table():
    lines = [
        "2.2 Assessment",
        "| Key question | Percentage 'Yes' |",
        "|---|---|",  # a converter's rule under the header: the rows spread over lines still follow
        "Does assessment focus sufficiently on engaging the",
        "person on probation?",
        "77%",
        "•\tStaff reviewed plans when the risk changed in most",  # a bullet wrapped over two lines
        "of the cases we looked at",
        "•\tWhy were only 45% of cases reviewed when the risk changed?",  # a bullet is no table row
    ]  # fmt: skip
    questions, warnings = key_questions(lines, Section("standard", "Assessment", 0, len(lines), code="2.2"))
    assert [(q.question, q.percent) for q in questions] == [
        ("Does assessment focus sufficiently on engaging the person on probation?", 77)
    ]
    assert warnings == []


FIRST_LINE = "Does planning focus sufficiently on reducing reoffending and supporting desistance, with the services and"


def test_questions_then_percentages_pair_in_order_whatever_lines_they_share():
    lines = [
        "2.3 Planning",
        "Key question\tPercentage 'Yes'",
        "Does planning focus sufficiently on engaging the person on probation?",
        FIRST_LINE,  # over 100 characters, but a question still waits for its percentage
        "the help the person needs?",
        "77 %\tDoes planning focus sufficiently on keeping other people safe?",  # tab-separated cells
        "83%",
        "74%",
    ]  # fmt: skip
    assert len(FIRST_LINE) > 100
    questions, warnings = key_questions(lines, Section("standard", "Planning", 0, len(lines), code="2.3"))
    assert [(q.question, q.percent) for q in questions] == [
        ("Does planning focus sufficiently on engaging the person on probation?", 77),
        (f"{FIRST_LINE} the help the person needs?", 83),
        ("Does planning focus sufficiently on keeping other people safe?", 74),
    ]
    assert warnings == []


def test_bold_marks_around_a_question_are_dropped():
    lines = [
        "2.2 Assessment",
        "Key question",  # the header's cells on lines of their own
        "Percentage 'Yes'",
        "**Does assessment focus sufficiently on engaging the person on probation?**",
        "**77%**",
        "Is the risk managed under the arrangements of Chapter",
        "XI of the Criminal Justice Act 2003?",  # only '*', '_' and spaces are taken off
        "64%",
    ]  # fmt: skip
    questions, warnings = key_questions(lines, Section("standard", "Assessment", 0, len(lines), code="2.2"))
    assert [(q.question, q.percent) for q in questions] == [
        ("Does assessment focus sufficiently on engaging the person on probation?", 77),
        ("Is the risk managed under the arrangements of Chapter XI of the Criminal Justice Act 2003?", 64),
    ]
    assert warnings == []


def test_a_table_short_of_percentages_is_paired_in_order_and_named_by_its_header_line():
    lines = [
        "2.4 Implementation and delivery",
        "",
        "Key question\tPercentage 'Yes'",  # line 3
        "Does implementation and delivery focus sufficiently on engaging the person on probation?",
        "Does implementation and delivery focus sufficiently on keeping other people safe?",
        "68%",
    ]  # fmt: skip
    section = Section("standard", "Implementation and delivery", 0, len(lines), code="2.4")
    questions, warnings = key_questions(lines, section)
    assert [(q.question, q.percent) for q in questions] == [
        ("Does implementation and delivery focus sufficiently on engaging the person on probation?", 68)
    ]
    assert warnings == ["line 3: key-question table has 2 question(s) but 1 percentage(s); paired them in order"]


def test_each_table_of_a_section_is_read_and_checked_in_turn():
    header = "Key question\tPercentage 'Yes'"
    lines = [
        "Does planning focus sufficiently on keeping other people safe?\t74%",  # the section above's
        "2.4 Implementation and delivery",
        header,  # line 3
        "Does implementation and delivery focus sufficiently on engaging the person on probation?",
        "Does implementation and delivery focus sufficiently on keeping other people safe?",
        "68%",
        header,
        "Is sufficient attention given to supporting desistance?",
        "71%",
        header,
        "Is sufficient attention given to keeping other people safe?",
        "59%",
    ]  # fmt: skip
    section = Section("standard", "Implementation and delivery", 1, len(lines), code="2.4")
    questions, warnings = key_questions(lines, section, lambda index: {"page": 10 + index, "anchor": None})
    assert [(q.standard_code, q.question, q.percent, q.page) for q in questions] == [
        ("2.4", "Does implementation and delivery focus sufficiently on engaging the person on probation?", 68, 13),
        ("2.4", "Is sufficient attention given to supporting desistance?", 71, 17),
        ("2.4", "Is sufficient attention given to keeping other people safe?", 59, 20),
    ]
    assert warnings == ["line 3: key-question table has 2 question(s) but 1 percentage(s); paired them in order"]


def test_a_row_outside_a_table_is_read_on_its_own_and_placed_on_its_page():
    lines = [
        "2.2 Assessment",
        "Does assessment focus sufficiently on engaging the person on probation?\t77%",  # no header above
        "Does assessment focus sufficiently on keeping other people safe?101%",
        "**Does assessment focus sufficiently on supporting the person's desistance?**\t**68%**",
    ]  # fmt: skip
    section = Section("standard", "Assessment", 0, len(lines), code="2.2")
    questions, warnings = key_questions(lines, section, lambda index: {"page": 10 + index, "anchor": None})
    assert [(q.question, q.percent, q.page) for q in questions] == [
        ("Does assessment focus sufficiently on engaging the person on probation?", 77, 11),
        ("Does assessment focus sufficiently on supporting the person's desistance?", 68, 13),  # bold marks go
    ]
    assert warnings == ["line 3: key-question percentage 101% is over 100"]


def test_a_row_s_percentage_read_between_the_words_of_a_question_naming_a_percentage_is_the_first():
    lines = [
        "2.2 Assessment",
        "Does the plan address 66% at least 50% of the needs found?",  # 66%: level with the wrap
        "Key question\tPercentage 'Yes'",
        "Does the plan address 71% at least 50% of the risks found?",
    ]  # fmt: skip
    questions, warnings = key_questions(lines, Section("standard", "Assessment", 0, len(lines), code="2.2"))
    assert [(q.question, q.percent) for q in questions] == [
        ("Does the plan address at least 50% of the needs found?", 66),
        ("Does the plan address at least 50% of the risks found?", 71),
    ]
    assert warnings == []


def test_a_key_question_cell_without_the_percentage_cell_under_it_is_no_header():
    lines = [
        "2.2 Assessment",
        "Key question",  # no 'Percentage' line follows: not a header
        "Does assessment focus sufficiently on engaging the person on probation?\t77%",
        "Key question",  # ... nor at the section's end
    ]  # fmt: skip
    questions, warnings = key_questions(lines, Section("standard", "Assessment", 0, len(lines), code="2.2"))
    assert [(q.question, q.percent) for q in questions] == [
        ("Does assessment focus sufficiently on engaging the person on probation?", 77)
    ]
    assert warnings == []


@pytest.mark.parametrize(
    ("under_heading", "rating"),
    [(["Leaders had a clear vision.", "Staff knew it.", "Most were trained.", "Good"], BodyRating("Good", False)),
     (["Leaders had a clear vision.", "Staff knew it.", "Most were trained.", "Few left.", "Good"],
      BodyRating(None, False)),  # looked for on the first four lines only
     (["Staff morale was good.", "It was good"], BodyRating(None, False)),  # a sentence, not glued to it
     (["**Good**"], BodyRating("Good", False)), (["'Good'"], BodyRating("Good", False)),  # in bold, in quotes
     (["•\tLeaders had a clear vision.", "Good"], BodyRating(None, False)),  # the list has begun
     (["Key question\tPercentage 'Yes'", "Good"], BodyRating(None, False)),  # ... or a table
     (["Strengths:", "Good"], BodyRating(None, False))],
)  # fmt: skip
def test_a_standard_s_rating_is_a_line_of_its_own_before_its_lists_and_tables(under_heading, rating):
    lines = ["1.1 Leadership", *under_heading]
    assert body_rating(lines, Section("standard", "Leadership", 0, len(lines), code="1.1")) == rating
