"""Small text helpers the importer modules share: whitespace, quotes, ratings, numbers, dates."""

from __future__ import annotations

import re

from probe.domain.months import MONTHS
from probe.domain.ratings import RATINGS

_QUOTES = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"'}
)

MONTH = "(?:" + "|".join(MONTHS) + ")"

_RATING_BY_KEY = {rating.casefold(): rating for rating in RATINGS}
_RATING_WORD = r"(?:outstanding|good|requires\s+improvement|inadequate)"
_RATING_ONLY = re.compile(rf"^[*_'‘’\"]*({_RATING_WORD})[*_'‘’\".]*$", re.IGNORECASE)
_RATING_AT_END = re.compile(rf"({_RATING_WORD})[*_]*$", re.IGNORECASE)

_UNITS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)  # fmt: skip
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
NUMBER_WORDS = {word: value for value, word in enumerate(_UNITS)}
NUMBER_WORDS.update({word: 20 + 10 * index for index, word in enumerate(_TENS)})
_TENS_PATTERN = "|".join(_TENS)
_UNITS_PATTERN = "|".join(sorted(_UNITS[1:], key=len, reverse=True))
_WORDS = rf"(?:{_TENS_PATTERN})(?:[- ](?:{_UNITS_PATTERN}))?|{_UNITS_PATTERN}"
NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{_WORDS})"
"""A count as reports write it: 1,334 or 35 or 'nine' or 'twenty-four'."""


def squash(text: str) -> str:
    """Collapse whitespace runs (including no-break spaces) to one space and trim."""
    return " ".join(text.split())  # str.split() splits on U+00A0 and U+202F too


def straight_quotes(text: str) -> str:
    return text.translate(_QUOTES)


def canonical_rating(word: str) -> str:
    return _RATING_BY_KEY[squash(word).casefold()]


def as_rating(text: str) -> str | None:
    """The rating if `text` is nothing but a rating word (any casing, quotes or bold allowed)."""
    match = _RATING_ONLY.match(squash(text))
    return canonical_rating(match.group(1)) if match else None


def split_rating(text: str) -> tuple[str, str | None]:
    """Split off a rating glued to the end: 'LeadershipGood' -> ('Leadership', 'Good')."""
    match = _RATING_AT_END.search(text)
    if not match:
        return text, None
    return text[: match.start()].rstrip(), canonical_rating(match.group(1))


def to_int(token: str) -> int | None:
    """'1,334' -> 1334, 'nine' -> 9, 'twenty-four' -> 24; None for anything else."""
    token = token.casefold().strip()
    if token.replace(",", "").isdecimal():
        return int(token.replace(",", ""))
    parts = re.split(r"[- ]", token)
    if not parts or any(part not in NUMBER_WORDS for part in parts):
        return None
    return sum(NUMBER_WORDS[part] for part in parts)


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences (good enough for the Background's plain prose)."""
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9‘“'\"(])", squash(paragraph)) if s]
