"""The importer against the gold standard: every field of every bundled report."""

from __future__ import annotations

import dataclasses
from functools import cache

import pytest
from gold import STEMS, comparable, expected, load, seed_text
from probe.importers import parse_report
from probe.importers.model import Report

LISTS = ("standards", "key_questions", "recommendations", "findings")
TOP_LEVEL = (
    "pdu", "region", "framework", "published", "fieldwork_started", "fieldwork_start_date",
    "score_points", "score_max", "overall_rating", "chief_inspector", "lead_inspector",
    "cases_inspected", "interviews", "caseload",
)  # fmt: skip


@cache
def parsed(stem: str) -> Report:
    return parse_report(seed_text(stem), source_name=f"{stem}.txt")


@cache
def got(stem: str) -> dict:
    return comparable(dataclasses.asdict(parsed(stem)))


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize("field", TOP_LEVEL)
def test_top_level_field_matches_gold(stem, field):
    assert got(stem)[field] == expected(stem)[field]


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize("section", LISTS)
def test_list_matches_gold_item_by_item(stem, section):
    ours, gold = got(stem)[section], expected(stem)[section]
    for index, (mine, theirs) in enumerate(zip(ours, gold, strict=False)):
        assert mine == theirs, f"{section}[{index}] differs"
    assert len(ours) == len(gold), f"{section}: {len(ours)} items, gold has {len(gold)}"


@pytest.mark.parametrize("stem", STEMS)
def test_format_matches_gold(stem):
    assert parsed(stem).format == load(stem)["format"]
