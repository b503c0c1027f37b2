"""Headline facts stated in prose: PDU, region, dates, inspectors, cases, interviews, caseload.

Each function returns the value (or None) and never guesses: where a report can be read two
ways, the rule and its reason are written next to it.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter

from probe.domain.months import MONTH_NUMBER

from .text import MONTH, NUMBER, sentences, squash, to_int

_TITLE = re.compile(
    r"^an?\s+(?:\w+\s+){0,2}?inspection\s+of\s+probation\s+(?:services|delivery)\s+(?:in|for|at)\b\s*:?\s*(.*)$",
    re.IGNORECASE,
)

# The probation regions of England and Wales, as a short name.
REGIONS = (
    "North East", "North West", "Yorkshire and the Humber", "East Midlands", "West Midlands",
    "East of England", "London", "Kent, Surrey and Sussex", "South West", "South Central",
    "Wales", "Greater Manchester",
)  # fmt: skip


# Runs only while the module loads, before mutmut (docs/mutation.md) can switch a mutant on.
def _region_pattern(name: str) -> str:  # pragma: no mutate block
    """'north-east' and 'Yorkshire and Humber' name regions too."""
    first, *rest = name.replace(",", "").split()
    return re.escape(first) + "".join(
        r"(?:[\s,-]+the)?" if word == "the" else r"[\s,-]+" + re.escape(word) for word in rest
    )


def _region_key(words: str) -> str:
    return " ".join(w for w in re.sub(r"[^a-z]+", " ", words.casefold()).split() if w != "the")


_REGION_BY_KEY = {_region_key(name): name for name in REGIONS}
_REGION_WORD = re.compile(r"\sregion\b", re.IGNORECASE)
_REGION_BEFORE = re.compile(
    r"\b(" + "|".join(map(_region_pattern, REGIONS)) + r")(?:\s+probation)?\s*$", re.IGNORECASE
)
# A region named as the PDU's own: the cover line 'The Probation Service – X region', or
# 'one of seven PDUs in the X region'.
_OWN_REGION = re.compile(
    r"(?:probation service\s*[–—-]\s*|pdus?\s+(?:in|within|of)\s+the\s+)$", re.IGNORECASE
)

_COVER_DATE = re.compile(rf"inspectorate of probation,\s*({MONTH}\s+\d{{4}})\b", re.IGNORECASE)
_PUBLISHED = re.compile(r"^published\s*:\s*(.*)$", re.IGNORECASE)
_DATE_VALUE = re.compile(rf"^(?:\d{{1,2}}\s+)?{MONTH}\s+\d{{4}}$", re.IGNORECASE)
_CHIEF_TITLE = re.compile(
    r"^(?:(.+?),\s*)?(?:hm\s+|his majesty's\s+)?chief inspector of probation$", re.IGNORECASE
)
_LEAD = re.compile(
    r"\bled by (?:hm |his majesty's )?inspector ([^,.;]+?)(?:,|\.|;| supported\b| with\b|$)",
    re.IGNORECASE,
)
_LEAD_NAME_FIRST = re.compile(  # 'led by Joy Wilson, HM Inspector'
    r"\bled by ([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,3}),? (?:HM |His Majesty's )?Inspector\b"
)
_DATE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH})(?:\s+(\d{{4}}))?", re.IGNORECASE)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_START_WORD = re.compile(r"\b(?:beginning|commencing|starting|from|between|on)\b", re.IGNORECASE)

_EXPLICIT_CASES = re.compile(
    rf"\bwe\s+(?:inspected|examined|reviewed)\s+(?:a\s+total\s+of\s+)?({NUMBER})\s+cases\b",
    re.IGNORECASE,
)
_CASE_PART = re.compile(
    rf"\b({NUMBER})\s+(?:[a-z-]+\s+){{0,2}}?(?:orders?|releases?|licences?|cases?|sentences?)\b",
    re.IGNORECASE,
)
_WE_INSPECTED = re.compile(r"\bwe\s+(?:inspected|examined|reviewed)\b", re.IGNORECASE)
_PARTS_END = re.compile(
    r",?\s+(?:where|between|during|which|that\s+had\s+(?:started|commenced))\b", re.IGNORECASE
)
# 'four out of 35 were', 'In 20 out of 35 cases', 'out of the 57 cases we inspected'; not
# 'out of 27 relevant cases' or 'out of five PQiP cases', which count a subset.
_OUT_OF = re.compile(
    rf"\bout\s+of\s+(?:the\s+)?({NUMBER})(?:\s+cases)?(?=\s*(?:[,.;:)]|$|were\b|was\b|had\b|have\b|where\b|which\b|that\b|we\b|inspected\b))",
    re.IGNORECASE | re.MULTILINE,
)
_INTERVIEWS = (
    re.compile(
        rf"\b(?:conducted|held|carried\s+out|completed|undertook)\s+({NUMBER})\s+"
        r"(?:[a-z-]+\s+){0,2}?interviews\b",
        re.IGNORECASE,
    ),
    re.compile(rf"\binterviewed\s+({NUMBER})\b", re.IGNORECASE),
    re.compile(rf"\b({NUMBER})\s+interviews\b", re.IGNORECASE),
)  # fmt: skip

# Caseload: plain numbers (not glued to letters: 'population1', '2across'), dates removed first.
_COUNT = re.compile(r"(?<![A-Za-z0-9,.])(\d{1,3}(?:,\d{3})+|\d+)(?![A-Za-z]|[.,]?\d)")
_DATE_TEXT = re.compile(
    rf"\b(?:\d{{1,2}}\s+)?{MONTH}(?:\s+\d{{4}})?\b|\b(?:19|20)\d\d\b", re.IGNORECASE
)
_NOT_CASELOAD = re.compile(
    r"\b(?:region|national|england|wales|population|inspected|interview|feedback|survey|staff|"
    r"practitioner|unpaid work|per\s*cent|days|weeks|months|years|aged\b)|%",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;(]")
_AFTER_BREAK = re.compile(r"[,;()]|\d")
_PEOPLE_AFTER = re.compile(
    r"^\s*(?:people|individuals|cases|of which|of whom|on probation)", re.IGNORECASE
)


def title_pdu(lines: list[str]) -> str | None:
    """'Gwent PDU' from 'An inspection of probation services in Gwent PDU' (or the next line)."""
    for index, line in enumerate(lines):
        match = _TITLE.match(squash(line))
        if not match:
            continue
        if match.group(1):
            return match.group(1)
        following = [squash(s) for s in lines[index + 1 : index + 6] if s.strip()]
        if len(following) > 1 and following[1] == "PDU" and not following[0].endswith("PDU"):
            return f"{following[0]} PDU"  # a cover's large type wrapped the name before 'PDU'
        return following[0] if following else None
    return None


def region(text: str) -> str | None:
    """The PDU's probation region; one named as the PDU's own wins over the first mention."""
    first = None
    for word in _REGION_WORD.finditer(text):  # find 'region' first: a cheap literal search
        before = text[max(0, word.start() - 80) : word.start() + 1]
        match = _REGION_BEFORE.search(before)
        if not match:
            continue
        name = _REGION_BY_KEY.get(_region_key(match.group(1)))
        if name is None:  # a look-alike spelling the case-insensitive match let through
            continue
        if _OWN_REGION.search(before[max(0, match.start() - 40) : match.start()]):
            return name
        first = first or name
    return first


def published(lines: list[str]) -> tuple[str | None, bool]:
    """Publication month as written, and whether an empty 'Published:' label was seen."""
    empty_label = False
    for index, line in enumerate(lines):
        text = squash(line)
        if cover := _COVER_DATE.search(text):
            return squash(cover.group(1)), False
        if label := _PUBLISHED.match(text):
            value = label.group(1) or next(
                (squash(s) for s in lines[index + 1 : index + 3] if s.strip()), ""
            )
            if _DATE_VALUE.match(value):
                return value, False
            empty_label = True
    return None, empty_label


def chief_inspector(lines: list[str]) -> str | None:
    """The name signed above 'HM Chief Inspector of Probation' at the end of the Foreword."""
    for index, line in enumerate(lines):
        if "chief inspector" not in line.casefold():  # cheap filter before the regex
            continue
        match = _CHIEF_TITLE.match(squash(line))
        if not match:
            continue
        if match.group(1):
            return match.group(1)
        name = next(
            (squash(s) for s in reversed(lines[max(0, index - 4) : index]) if s.strip()), ""
        )
        if _looks_like_name(name):
            return name
    return None


def lead_inspector(lines: list[str]) -> str | None:
    for line in lines:
        if "led by" not in line.casefold():  # cheap filter before the regex
            continue
        text = squash(line)
        match = _LEAD.search(text) or _LEAD_NAME_FIRST.search(text)
        if match and _looks_like_name(match.group(1)):
            return match.group(1)
    return None


def _looks_like_name(text: str) -> bool:
    return 0 < len(text) <= 60 and len(text.split()) <= 6 and not any(c.isdigit() for c in text)


def fieldwork_start_date(text: str) -> str | None:
    """ISO date of the first fieldwork day: 'beginning 28 April 2025', 'between 28 November ...'."""
    for sentence in sentences(text):
        if "fieldwork" not in sentence.casefold():
            continue
        start = _START_WORD.search(sentence)
        date = _DATE.search(sentence, start.end() if start else 0)
        if not date:
            continue
        year = date.group(3) or next(iter(_YEAR.findall(sentence[date.end() :])), None)
        if year is None:
            continue
        try:
            day = datetime.date(
                int(year), MONTH_NUMBER[date.group(2).casefold()], int(date.group(1))
            )
        except ValueError:
            continue
        return day.isoformat()
    return None


def cases_inspected(background: str, whole_text: str) -> tuple[int | None, str | None]:
    """Number of cases inspected, and a warning when the report's own numbers disagree.

    'We inspected 35 cases' is taken as stated. Otherwise the Background lists parts ('24
    community orders, nine releases on licence ...') which are added up. If the report then
    repeats a different total in 'N out of TOTAL' statements (at least twice, and more often
    than any other total), the repeated total wins: a sum of parts can miss a part, while a
    total quoted again and again is what the percentages were computed on.
    """
    for sentence in sentences(background):
        if explicit := _EXPLICIT_CASES.search(sentence):
            return to_int(explicit.group(1)), None
    parts_sum = None
    for sentence in sentences(background):
        start = _WE_INSPECTED.search(sentence)
        if not start:
            continue
        listing = _PARTS_END.split(sentence[start.start() :], maxsplit=1)[0]
        parts = [to_int(m.group(1)) for m in _CASE_PART.finditer(listing)]
        if parts and None not in parts:
            parts_sum = sum(parts)
            break
    repeated = _repeated_total(whole_text)
    if parts_sum is None:
        if repeated is None:
            return None, None
        return (
            repeated,
            f"cases inspected: no count in the Background; took {repeated} from the "
            f"report's repeated 'out of {repeated}' totals",
        )
    if repeated is not None and repeated != parts_sum:
        return repeated, (
            f"cases inspected: the Background's parts add up to {parts_sum}, but the report "
            f"repeats {repeated} as the total ('out of {repeated}'); using {repeated}"
        )
    return parts_sum, None


def _repeated_total(text: str) -> int | None:
    # Line by line: a number on the next line is not the total. 'out' is a cheap filter that
    # keeps 'out of' spaced as _OUT_OF allows (a no-break space, two spaces).
    lines = (line for line in text.split("\n") if "out" in line.casefold())
    totals = Counter(to_int(squash(m.group(1))) for line in lines for m in _OUT_OF.finditer(line))
    totals.pop(None, None)
    ranked = totals.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def interviews(background: str) -> int | None:
    for pattern in _INTERVIEWS:
        if match := pattern.search(squash(background)):
            return to_int(match.group(1))
    return None


def caseload(background: str) -> int | None:
    """The PDU's own caseload from the Background.

    Each number is judged by its own clause: the words since the previous number, comma or
    bracket, and the words after it up to the next one. 'caseload' before it counts twice,
    'PDU' once, 'people'/'cases' after it once. Numbers about the region, the population,
    staff, unpaid work or the inspection itself are never the PDU's caseload. Dates are
    removed first, so a year is not read as a count. A number needs a score of 2 to count;
    the highest score wins.
    """
    best, best_score = None, 1
    for sentence in sentences(_DATE_TEXT.sub(" ", background)):
        previous_end = 0
        for match in _COUNT.finditer(sentence):
            before = _CLAUSE_BREAK.split(sentence[previous_end : match.start()])[-1]
            after = _AFTER_BREAK.split(sentence[match.end() : match.end() + 40])[0]
            previous_end = match.end()
            if _NOT_CASELOAD.search(before) or _NOT_CASELOAD.search(after):
                continue
            score = 2 * ("caseload" in before.casefold())
            score += (
                "pdu" in (before + after).casefold() or "this unit" in (before + after).casefold()
            )
            score += bool(_PEOPLE_AFTER.match(after))
            if score > best_score:
                best, best_score = int(match.group(1).replace(",", "")), score
    return best
