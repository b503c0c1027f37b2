"""A finding quoted with where it comes from, for pasting into notes, emails and papers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from probe.domain.kinds import KIND_LABELS
from probe.output.text import one_line, place_label

if TYPE_CHECKING:
    from probe.store.search import SearchHit


def where(hit: SearchHit) -> str:
    """Where a hit sits in its report: '2.3 Implementation and delivery', 'Diversity and
    inclusion', or 'Recommendation to Gwent PDU'."""
    if hit.kind == "recommendation":
        return f"Recommendation to {hit.section_heading}"
    if hit.section == hit.section_heading or not hit.section_heading:
        return hit.section
    return f"{hit.section} {hit.section_heading}"


def citation(hit: SearchHit) -> str:
    """The reference alone: 'HM Inspectorate of Probation, Gwent PDU inspection (fieldwork
    September 2025), 2.3 Implementation and delivery, area for improvement, page 12', or the
    section's address in place of the page for a report read from its web page."""
    inspection = f"{hit.pdu} inspection" + (f" (fieldwork {hit.fieldwork_started})" if hit.fieldwork_started else "")
    parts = ["HM Inspectorate of Probation", inspection, where(hit)]
    if hit.kind != "recommendation":
        parts.append(KIND_LABELS[hit.kind])
    if hit.page:
        parts.append(f"page {hit.page}")
    elif hit.anchor:
        parts.append(place_label(None, hit.anchor, hit.url))
    return one_line(", ".join(parts))


def quoted(hit: SearchHit) -> str:
    """The finding in quotes, then its citation on the next line."""
    return f"“{one_line(hit.text)}”\n— {citation(hit)}."
