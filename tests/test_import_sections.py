"""Cutting a report into sections by its headings (importers/structure.py), on small texts."""

from __future__ import annotations

import pytest
from probe.importers.structure import find_sections


def sections_of(text: str) -> list[tuple[str, str, int, int]]:
    return [(s.kind, s.title, s.start, s.end) for s in find_sections(text.split("\n"))]


@pytest.mark.parametrize(
    "ender",
    ["- Staff were positive about their managers.", "Strengths:"],
    ids=["a bullet", "a label"],
)
def test_a_bullet_or_a_label_ends_the_ratings_block(ender):
    text = (
        f"Ratings\nP 1.1 LeadershipGood\n{ender}\n"
        "Work with young adults\nStrengths:\n- The team was new.\nRecommendations"
    )
    assert sections_of(text) == [
        ("top", "Ratings", 0, 3),
        ("unnumbered", "Work with young adults", 3, 6),
        ("top", "Recommendations", 6, 7),
    ]


def test_a_domain_heading_can_end_the_ratings_block():
    """A web report whose Ratings block runs straight into the body's first domain."""
    text = (
        "Ratings (Back to top)\nFieldwork started April 2025Score 3/3\n"
        "1. Organisational arrangements and activity\nP 1.1 LeadershipGood\n"
        "1. Organisational arrangements and activity (Back to top)\nP 1.1. LeadershipRating"
    )
    assert sections_of(text) == [
        ("top", "Ratings", 0, 4),
        ("domain", "Organisational arrangements and activity", 4, 5),
        ("standard", "Leadership", 5, 6),
    ]


def test_an_indented_line_never_heads_a_list():
    text = " Indented by one space\nStrengths:\n- One.\nWork with young adults\nStrengths:\n- Two."
    assert sections_of(text) == [("unnumbered", "Work with young adults", 3, 6)]


def test_a_heading_over_a_key_question_table_does_not_head_a_list():
    text = "Court work\nDoes assessment focus on engagement?66%\nStrengths:\n- The team was new."
    assert sections_of(text) == []


def test_a_standard_code_repeated_after_the_ratings_rows_starts_the_body():
    text = "Ratings\n1.1 LeadershipGood\n1.2 StaffGood\n1.1 Leadership\nGood\nRecommendations"
    assert sections_of(text) == [
        ("top", "Ratings", 0, 3),
        ("standard", "Leadership", 3, 5),
        ("top", "Recommendations", 5, 6),
    ]


def test_numbered_list_items_are_not_domain_headings():
    text = (
        "Work with young adults\nStrengths:\n1. Leaders were visible\n2. Staff were positive\n"
        "3. Partners were engaged"
    )
    assert sections_of(text) == [("unnumbered", "Work with young adults", 0, 5)]


@pytest.mark.parametrize(
    "text",
    ["Court work\n- Reports were quick.\nStrengths:\n- The team was new.", "Court work\nThe court team was small."],
    ids=["a bullet before the label", "no label before the end"],
)
def test_a_plain_line_heads_a_list_only_when_a_label_comes_first(text):
    assert sections_of(text) == []
