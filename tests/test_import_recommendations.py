"""The Recommendations section (importers/recommendations), on hand-made lines."""

from __future__ import annotations

from probe.importers.recommendations import recommendations
from probe.importers.structure import Section


def test_a_recommendation_before_any_addressee_line_is_named():
    lines = [
        "Recommendations",
        "1. ensure that risk assessments are reviewed when circumstances change",
        "Gwent PDU should:",
        "2. improve the quality of home visits",
    ]  # fmt: skip
    found, warnings = recommendations(lines, Section("top", "Recommendations", 0, len(lines)), "Gwent PDU")
    assert [(r.number, r.addressee, r.addressee_type, r.line) for r in found] == [
        (1, "", "pdu", 2),  # the report's own PDU, as nothing says otherwise
        (2, "Gwent PDU", "pdu", 4),
    ]
    assert warnings == ["recommendation 1 has no '<addressee> should:' line above it"]


def test_lists_numbered_from_1_for_each_addressee_are_numbered_on():
    lines = [
        "Recommendations",
        "Gwent PDU's leaders should:",  # the PDU by its name
        "1. ensure that risk assessments are reviewed",
        "when circumstances change and",  # wrapped lines of the item
        "a month has passed",
        "The PDU head should:",
        "1. review the caseloads of practitioners",
        "The Probation Service should:",
        "1. provide enough interpreters",
        "",
        "and more besides",  # lower case, but not right under an item
        "2. set up a regional training plan",
    ]  # fmt: skip
    found, warnings = recommendations(lines, Section("top", "Recommendations", 0, len(lines)), "Gwent PDU")
    assert [(r.number, r.addressee, r.addressee_type, r.text) for r in found] == [
        (1, "Gwent PDU's leaders", "pdu", "ensure that risk assessments are reviewed when circumstances change and a month has passed"),
        (2, "The PDU head", "pdu", "review the caseloads of practitioners"),
        (3, "The Probation Service", "hmpps", "provide enough interpreters"),
        (4, "The Probation Service", "hmpps", "set up a regional training plan"),
    ]  # fmt: skip
    assert warnings == ["the recommendations to The PDU head start again at 1; numbered on from the list above"]
