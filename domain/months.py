"""Month names as reports write them, and the sortable "YYYY-MM" form the store keeps."""

from __future__ import annotations

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
MONTH_NUMBER = {name.casefold(): number for number, name in enumerate(MONTHS, start=1)}


def fieldwork_month(fieldwork_started: str | None) -> str | None:
    """ "April 2025" -> "2025-04"; None when it is not a month and a year."""
    words = (fieldwork_started or "").split()
    if len(words) != 2 or words[0].casefold() not in MONTH_NUMBER or not words[1].isdigit():
        return None
    return f"{words[1]}-{MONTH_NUMBER[words[0].casefold()]:02d}"


def published_month(published: str | None) -> str | None:
    """ "10 February 2026" or "February 2026" -> "2026-02": the month a date as written falls in."""
    return fieldwork_month(" ".join((published or "").split()[-2:]))


def short_month(month: str | None) -> str:
    """ "2025-09" (a fieldwork_month) -> "Sep 2025", to keep tables narrow; "" for None."""
    year, _, number = (month or "").partition("-")
    if not number.isdigit() or not 1 <= int(number) <= 12:
        return month or ""
    return f"{MONTHS[int(number) - 1][:3]} {year}"
