"""Facts from a report's Background and text (importers/facts, importers/text), on hand-made
sentences: one rule at a time."""

from __future__ import annotations

import pytest
from probe.importers.facts import (
    caseload, cases_inspected, chief_inspector, fieldwork_start_date, published, title_pdu,
)  # fmt: skip
from probe.importers.text import to_int

BACKGROUND = "We inspected 20 community orders and 10 releases on licence."  # parts: 30 cases
FOUR_OUT_OF_35 = "In four out of 35 cases, plans were reviewed."
SEVEN_OUT_OF_40 = "Seven out of 40 were seen weekly."


@pytest.mark.parametrize(
    ("text", "cases"),
    [
        ([FOUR_OUT_OF_35] * 2, 35),  # repeated: the total the percentages were taken on
        ([FOUR_OUT_OF_35] * 2 + [SEVEN_OUT_OF_40], 35),  # more often than any other
        ([FOUR_OUT_OF_35], 30),  # once is no repeated total
        ([FOUR_OUT_OF_35, SEVEN_OUT_OF_40] * 2, 30),  # as often as another: neither
        ([FOUR_OUT_OF_35] * 2 + ["We saw them out of", "40.", "Work out of", "40."], 35),  # one line each
    ],
)
def test_a_total_repeated_more_often_than_any_other_wins_over_the_sum_of_the_parts(text, cases):
    warning = None
    if cases != 30:
        warning = (
            f"cases inspected: the Background's parts add up to 30, but the report repeats {cases}"
            f" as the total ('out of {cases}'); using {cases}"
        )
    assert cases_inspected(BACKGROUND, "\n".join([BACKGROUND, *text])) == (cases, warning)


@pytest.mark.parametrize(
    ("token", "number"),
    [("1,334", 1334), ("35", 35), (" Nine ", 9), ("twenty-four", 24), ("twenty four", 24),
     ("35 cases", None), ("many", None), ("1.5", None), ("", None)],
)  # fmt: skip
def test_a_count_is_read_in_figures_with_thousands_commas_or_in_words(token, number):
    assert to_int(token) == number


NO_COUNT = "The PDU supervised about 1,200 people."  # a Background that gives no number of cases
TOOK_35 = "cases inspected: no count in the Background; took 35 from the report's repeated 'out of 35' totals"


@pytest.mark.parametrize(
    ("whole_text", "expected"),
    [
        ("In 20 out of 35 cases, plans were late.", (None, None)),  # once is not a repeated total
        ("In 20 out of 35 cases, plans were late.\nFour out of 35 were women.\n"
         "Three out of 34 were on licence.\nIn nine out of 34 cases, staff changed.", (None, None)),  # a tie
        ("In 20 out of 35 cases, plans were late.\nFour out of 35 were women.\n"
         "In 30 out of 35 cases, staff changed.\nThree out of 34 were on licence.", (35, TOOK_35)),
        # whitespace the text keeps inside 'out of': a no-break space, two spaces
        ("In 20 out\u00a0of 35 cases, plans were late.\nThree out  of 35 were on licence.", (35, TOOK_35)),
    ],
    ids=["once", "a tie", "more often", "spaced"],
)  # fmt: skip
def test_a_total_counts_when_it_is_repeated_more_often_than_any_other(whole_text, expected):
    assert cases_inspected(NO_COUNT, whole_text) == expected


@pytest.mark.parametrize(
    ("background", "start"),
    [
        ("Newcastle is a city. We conducted fieldwork beginning 28 April 2025.", "2025-04-28"),
        # the year only after the last day of the fieldwork
        ("We conducted fieldwork between 28 April and 2 May 2025.", "2025-04-28"),
    ],
    ids=["not the first sentence", "year at the end"],
)
def test_the_fieldwork_start_date_is_found(background, start):
    assert fieldwork_start_date(background) == start


@pytest.mark.parametrize(
    ("background", "count"),
    [
        ("Caseload: 1,334 people.", 1334),  # 'caseload' as the sentence's first word
        # each number is judged by the words since the previous number only
        ("The caseload was 900 with 12 people waiting for a first appointment.", 900),
        # 'caseload' (2) ties 'PDU' + 'people' (1 + 1): the first number stated wins
        ("The PDU supervised 1,334 people, against a caseload target of 1,200.", 1334),
    ],
    ids=["first word", "no break between numbers", "a tie"],
)
def test_the_caseload_is_the_best_scored_number(background, count):
    assert caseload(background) == count


TITLE = "An inspection of probation services in:"


@pytest.mark.parametrize(
    ("lines", "pdu"),
    [
        ([TITLE, "Gwent PDU"], "Gwent PDU"),  # the name is the last line
        ([TITLE, "Gwent", "The Probation Service – Wales region"], "Gwent"),  # as printed
        ([TITLE, "Newcastle upon Tyne", "PDU"], "Newcastle upon Tyne PDU"),  # 'PDU' wrapped to a line of its own
        ([TITLE, "Gwent PDU", "PDU"], "Gwent PDU"),  # a stray 'PDU' is not added twice
    ],
    ids=["one line", "no PDU", "PDU wrapped", "PDU twice"],
)
def test_the_pdu_is_read_from_the_lines_after_the_title(lines, pdu):
    assert title_pdu(lines) == pdu


SIGNED = "HM Chief Inspector of Probation"


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        (["Foreword", "", "Sir Justin Russell CBE QPM KC", "", SIGNED], "Sir Justin Russell CBE QPM KC"),  # six words
        (["Professor Dame Alexandra Montgomery-Featherstonehaugh-Smythe", SIGNED],  # 60 characters
         "Professor Dame Alexandra Montgomery-Featherstonehaugh-Smythe"),
        (["Sir Justin Russell CBE QPM KC OBE", SIGNED], None),  # seven words: a sentence, not a name
        (["", "", "", "", SIGNED], None),  # nothing signed above the title
        ([SIGNED], None),
        (["As chief inspector, I welcome this report.", "Justin Russell", SIGNED], "Justin Russell"),
    ],
    ids=["six words", "60 characters", "seven words", "blank above", "first line", "mentioned before"],
)  # fmt: skip
def test_the_chief_inspector_is_the_name_above_the_title(lines, name):
    assert chief_inspector(lines) == name


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["An inspection of probation services in Gwent PDU", "Published:", "June 2025"], ("June 2025", False)),
        (["HM Inspectorate of Probation, December 2022"], ("December 2022", False)),  # a cover, no label
        (["Published:"], (None, True)),  # the label ends the text
        (["Published:", "", "", "Foreword"], (None, True)),  # nothing within two lines
    ],
    ids=["date on the next line", "cover date", "label last", "nothing after the label"],
)  # fmt: skip
def test_the_publication_date_follows_its_label(lines, expected):
    assert published(lines) == expected
