"""A section's body (importers/body), on hand-made lines: its bullets and the lines that carry
them on, and whether it says the standard is not rated."""

from __future__ import annotations

from probe.importers.body import BodyRating, body_rating, findings
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
        "1.1 Leadership",
        "Strengths:",
        "•\tStaff told us:",
        "“We feel supported by our managers.”",  # quoted, after a ':'
        "•\tManagers knew the cases.",
        "“We were listened to.”",  # quoted, but not introduced: not part of the bullet
        "•\tRisk was assessed",
        "well in most cases.",  # wrapped: right under, in lower case
        "•\tPlans were reviewed",
        "",
        "and updated.",  # in lower case, but a line further down
        "•\tWork with partners",
        "Was strong.",  # right under, but in upper case
    ]  # fmt: skip
    section = Section("standard", "Leadership", 0, len(lines), code="1.1")
    assert [(f.kind, f.text, f.line) for f in findings(lines, section)] == [
        ("strength", "Staff told us: “We feel supported by our managers.”", 3),
        ("strength", "Managers knew the cases.", 5),
        ("strength", "Risk was assessed well in most cases.", 7),
        ("strength", "Plans were reviewed", 9),
        ("strength", "Work with partners", 12),
    ]


def test_a_section_saying_it_is_not_rated_further_down_is_unrated():
    lines = [*OUTCOMES, "We do not currently rate this standard."]
    assert body_rating(lines, Section("standard", "Outcomes", 0, len(lines), code="2.6")) == BodyRating(None, True)


def test_only_the_section_itself_can_say_it_is_not_rated():
    lines = ["2.5 Statutory victim work", "Victim work is not rated.", *OUTCOMES]
    outcomes = Section("standard", "Outcomes", 2, len(lines), code="2.6")
    assert body_rating(lines, outcomes) == BodyRating(None, False)
