"""The importer against the gold standard: every field of every bundled report."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest
from gold import STEMS, cached, comparable, expected, load, seed_text
from probe.importers import parse_report
from probe.domain.model import Report

LISTS = ("standards", "key_questions", "recommendations", "findings")
TOP_LEVEL = (
    "pdu", "region", "framework", "published", "fieldwork_started", "fieldwork_start_date",
    "score_points", "score_max", "overall_rating", "chief_inspector", "lead_inspector",
    "cases_inspected", "interviews", "caseload",
)  # fmt: skip


@cached
def parsed(stem: str) -> Report:
    return parse_report(seed_text(stem), source_name=f"{stem}.txt")


@cached
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


def test_headings_give_the_reader_sections_and_standards_with_their_lines():
    report = parsed("002_4b2ac3813f356061")
    lines = report.text.split("\n")
    headings = [(h.title, h.level) for h in report.headings]
    assert headings[3:9] == [
        ("Foreword", 1), ("Ratings", 1), ("Recommendations", 1), ("Background", 1),
        ("1. Organisational delivery", 1), ("1.1 Leadership", 2),
    ]  # fmt: skip
    assert ("Resettlement work", 2) in headings and ("2.6 Outcomes", 2) in headings
    assert [h.title for h in report.headings if h.level == 2 and h.title[0].isdigit()] == [
        f"{s.code} {s.name}" for s in report.standards
    ]
    for heading in report.headings:  # each line holds its heading (codes printed '1.1.')
        assert heading.title.split(" ", 1)[-1] in lines[heading.line - 1]


def test_importing_the_package_stays_light():
    code = (
        "import sys, probe.importers; "
        "heavy = {'textual', 'sqlite_utils', 'rich', 'typer'} & set(sys.modules); "
        "print(sorted(heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
