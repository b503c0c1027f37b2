"""Facts from a report's Background and text (importers/facts, importers/text), on hand-made sentences."""

from __future__ import annotations

import pytest
from probe.importers.facts import cases_inspected
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
