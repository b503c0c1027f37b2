"""The domain vocabulary the views share: month forms, the order of ratings, score labels."""

from __future__ import annotations

import pytest

from probe.domain.months import short_month
from probe.domain.ratings import rating_order, score_label


@pytest.mark.parametrize(
    ("month", "shown"),
    [
        ("2025-09", "Sep 2025"), ("2025-01", "Jan 2025"), ("2022-12", "Dec 2022"),
        # Anything that is not a year and a month 1-12 is shown as it is.
        ("2025-13", "2025-13"), ("2025-00", "2025-00"), ("2025-09-01", "2025-09-01"), ("Spring 2025", "Spring 2025"),
        (None, ""),
    ],
)  # fmt: skip
def test_short_month_shortens_a_fieldwork_month_and_nothing_else(month, shown):
    assert short_month(month) == shown


def test_ratings_sort_best_first_and_unrated_last():
    ratings = [None, "Requires improvement", "Outstanding", "Not rated", "Inadequate", "Good"]
    assert sorted(ratings, key=rating_order) == [
        "Outstanding", "Good", "Requires improvement", "Inadequate", None, "Not rated",
    ]  # fmt: skip


def test_a_score_needs_both_its_points_and_its_maximum():
    assert [score_label(15, 27), score_label(0, 21, missing="")] == ["15/27", "0/21"]
    assert [score_label(None, None), score_label(15, None), score_label(None, 27)] == ["–", "–", "–"]
    assert score_label(None, None, missing="") == ""


def test_a_file_name_is_stored_on_one_line_without_control_characters():
    from probe.domain.text import safe_name

    assert safe_name("Gwent  PDU\r\n report\x1b[31m\u202e.pdf\t") == "Gwent PDU report[31m.pdf"
