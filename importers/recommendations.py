"""Read the Recommendations section: numbered items grouped under '<addressee> should:' lines."""

from __future__ import annotations

import re

from . import lines as shapes
from probe.domain.model import AddresseeType, Recommendation
from .structure import Section
from .text import squash

_SHOULD = re.compile(r"^(.{2,150}?)\s+should\s*:?$", re.IGNORECASE)
# The addressee line run into the paragraph before it ('... services. Gwent PDU should:'),
# as a renderer with little space between paragraphs lays them out.
_SHOULD_ENDING = re.compile(r"[.!?]\s+([A-Z][^.!?]{1,150}?)\s+should\s*:$")


def recommendations(
    lines: list[str], section: Section, pdu_name: str
) -> tuple[list[Recommendation], list[str]]:
    found: list[Recommendation] = []
    warnings: list[str] = []
    addressee: str | None = None
    restarted: str | None = None  # the addressee whose list started again at 1
    last_line = -1
    for index in range(section.start + 1, section.end):
        text = squash(lines[index])
        if not text:
            continue
        if should := _SHOULD.match(text) or _SHOULD_ENDING.search(text):
            addressee = should.group(1)
            continue
        item = shapes.bullet(lines[index])
        if item and item.text:
            number = item.number if item.number is not None else len(found) + 1
            if found and number == 1 and addressee != found[-1].addressee:
                restarted = restarted or addressee  # each list numbered from 1, as a browser does
            if restarted:
                number = found[-1].number + 1
            if addressee is None:
                warnings.append(
                    f"recommendation {number} has no '<addressee> should:' line above it"
                )
            kind = addressee_type(addressee or "", pdu_name)
            found.append(Recommendation(number, addressee or "", kind, item.text, index + 1))
            last_line = index
        elif found and index == last_line + 1 and text[0].islower():
            previous = found[-1]  # a wrapped line of the item above
            found[-1] = Recommendation(
                previous.number, previous.addressee, previous.addressee_type,
                f"{previous.text} {text}", previous.line,
            )  # fmt: skip
            last_line = index
    if restarted:
        warnings.append(
            f"the recommendations to {restarted} start again at 1; numbered on from the list above"
        )
    numbers = [r.number for r in found]
    if numbers and numbers != list(range(1, len(numbers) + 1)):
        warnings.append(
            f"recommendations are numbered {', '.join(map(str, numbers))}, not 1 to {len(numbers)}"
        )
    return found, warnings


def addressee_type(addressee: str, pdu_name: str) -> AddresseeType:
    folded = addressee.casefold()
    if not folded or "pdu" in folded.split() or (pdu_name and pdu_name.casefold() in folded):
        return "pdu"
    if re.search(r"\bregion(?:al)?\b", folded):
        return "region"
    return "hmpps"
