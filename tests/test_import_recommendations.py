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
    assert [(r.number, r.addressee, r.line) for r in found] == [(1, "", 2), (2, "Gwent PDU", 4)]
    assert warnings == ["recommendation 1 has no '<addressee> should:' line above it"]
