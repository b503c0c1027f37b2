"""Rating words, the points the score gives them, and the bands of key-question percentages."""

from __future__ import annotations

RATINGS = ("Outstanding", "Good", "Requires improvement", "Inadequate")
"""Rating words, best first."""

POINTS = {"Outstanding": 3, "Good": 2, "Requires improvement": 1, "Inadequate": 0}
"""What each rating adds to a report's score (its score is out of 3 x the rated standards)."""

BAND_FLOORS = ((80, "Outstanding"), (65, "Good"), (50, "Requires improvement"), (0, "Inadequate"))
"""The lowest percent of each band, best first: a case-supervision standard's rating follows the
band of its lowest key question unless inspectors use their judgement."""

BAND_RULE = "80%+ Outstanding, 65-79 Good, 50-64 Requires improvement, under 50 Inadequate"


def band(percent: int) -> str:
    """The rating band of a key-question percent."""
    for floor, rating in BAND_FLOORS:
        if percent >= floor:
            return rating
    return RATINGS[-1]


def rating_order(value: str | None) -> int:
    """Sort key: best rating first, unrated last."""
    return RATINGS.index(value) if value in RATINGS else len(RATINGS)


def score_label(points: int | None, maximum: int | None, missing: str = "–") -> str:
    """ "15/27", or `missing` when the report gives no score."""
    return missing if points is None or maximum is None else f"{points}/{maximum}"
