"""The gold standard (tests/gold/, copied from shared/gold) and how to compare against it.

Each gold file says field by field what a correct importer extracts from one bundled report.
Comparison follows SCHEMA.md's "suggested matching": whitespace runs (including U+00A0 and
U+202F) collapse to one space and ends are trimmed; everything else must be equal.
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from pathlib import Path

GOLD_DIR = Path(__file__).parent / "gold"
STEMS = sorted(p.stem for p in GOLD_DIR.glob("*.json"))

TOP_LEVEL_FIELDS = (
    "pdu", "region", "framework", "published", "fieldwork_started", "fieldwork_start_date",
    "score_points", "score_max", "overall_rating", "chief_inspector", "lead_inspector",
    "cases_inspected", "interviews", "caseload",
)  # fmt: skip
STANDARD_FIELDS = ("code", "name", "domain", "domain_name", "rating")
KEY_QUESTION_FIELDS = ("standard_code", "question", "percent")
RECOMMENDATION_FIELDS = ("number", "addressee", "addressee_type", "text")
FINDING_FIELDS = ("section", "section_heading", "kind", "text")

_WHITESPACE = re.compile(r"[\s\u00a0\u202f]+")


_CACHES = []


def cached(function):
    """functools.cache for tests, emptied while mutmut runs (see conftest):
    mutmut runs only the tests that called a mutated function, in processes forked after a
    clean run, so a result cached there would hide the mutant."""
    function = functools.cache(function)
    _CACHES.append(function)
    return function


def clear_caches() -> None:
    for function in _CACHES:
        function.cache_clear()


def squash(value):
    """Collapse whitespace runs to one space and trim; other values pass through."""
    if isinstance(value, str):
        return _WHITESPACE.sub(" ", value).strip()
    return value


def load(stem: str) -> dict:
    return json.loads((GOLD_DIR / f"{stem}.json").read_text(encoding="utf-8"))


def seed_text(stem: str) -> str:
    """The bundled copy of the seed report the gold file describes."""
    return resources.files("probe.corpus").joinpath(f"{stem}.txt").read_text(encoding="utf-8")


def _pick(item: dict, fields: tuple[str, ...]) -> dict:
    return {name: squash(item.get(name)) for name in fields}


def _finding_text(item: dict) -> str:
    # SCHEMA.md: an importer may append a bullet's quoted testimony with one space between.
    text = item["text"]
    if item.get("continuation"):
        text = f"{text} {item['continuation']}"
    return squash(text)


def expected(stem: str) -> dict:
    """The gold values in the shape of `probe export --format json`, squashed for comparison."""
    gold = load(stem)
    result = _pick(gold, TOP_LEVEL_FIELDS)
    result["standards"] = [_pick(s, STANDARD_FIELDS) for s in gold["standards"]]
    result["key_questions"] = [_pick(q, KEY_QUESTION_FIELDS) for q in gold["key_questions"]]
    result["recommendations"] = [_pick(r, RECOMMENDATION_FIELDS) for r in gold["recommendations"]]
    result["findings"] = [
        {**_pick(f, FINDING_FIELDS), "text": _finding_text(f)} for f in gold["findings"]
    ]
    return result


def comparable(exported: dict) -> dict:
    """An exported (or model-derived) report reduced to the gold fields, squashed the same way."""
    result = _pick(exported, TOP_LEVEL_FIELDS)
    for key, fields in (
        ("standards", STANDARD_FIELDS),
        ("key_questions", KEY_QUESTION_FIELDS),
        ("recommendations", RECOMMENDATION_FIELDS),
        ("findings", FINDING_FIELDS),
    ):
        result[key] = [_pick(item, fields) for item in exported.get(key, [])]
    return result


def gold_report(stem: str):
    """A Report built straight from the gold file, for store tests that need exact values."""
    import hashlib

    from probe.domain.model import Finding, Heading, KeyQuestion, Recommendation, Report, Standard

    gold = load(stem)
    text = seed_text(stem)

    def items(kind, key: str, fields: tuple[str, ...]):
        return [kind(**{name: item[name] for name in fields}) for item in gold[key]]

    return Report(
        source_name=gold["source_file"],
        source_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        text=text,
        format=gold["format"],
        framework=gold["framework"],
        **{name: gold[name] for name in TOP_LEVEL_FIELDS if name != "framework"},
        standards=items(Standard, "standards", STANDARD_FIELDS),
        key_questions=items(KeyQuestion, "key_questions", KEY_QUESTION_FIELDS),
        recommendations=items(Recommendation, "recommendations", (*RECOMMENDATION_FIELDS, "line")),
        findings=[
            Finding(f["section"], f["section_heading"], f["kind"], _finding_text(f), f["line"])
            for f in gold["findings"]
        ],
        headings=[Heading(s["name"], s["body_heading_line"], 2) for s in gold["standards"]],
    )
