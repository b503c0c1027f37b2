"""`--markdown` on the read commands (show, search, check, history), on the bundled reports."""

from __future__ import annotations

import json
import re

import pytest

from gold import load
from tui_fixtures import GWENT


def run(cli, db, *args) -> str:
    result = cli("--db", db, *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_search_markdown_quotes_each_hit_with_its_citation(cli, seeded_db):
    hits = json.loads(run(cli, seeded_db, "search", "home visits", "--json"))
    lines = run(cli, seeded_db, "search", "home visits", "--markdown").splitlines()
    assert lines[:2] == ["# Search: home visits", ""]
    citations = [line for line in lines if line.startswith("  — ")]
    assert [int(re.search(r"\(line (\d+)\)$", line)[1]) for line in citations] == [hit["line"] for hit in hits]
    gwent = next(line for line in citations if "Gwent PDU" in line)
    assert gwent == (
        "  — HM Inspectorate of Probation, Gwent PDU inspection (fieldwork September 2025), "
        "2.3 Implementation and delivery, finding (line 229)"
    )


def test_check_markdown_is_the_table(cli, seeded_db):
    doc = run(cli, seeded_db, "check", "gateshead", "--md")
    assert doc.startswith("# Consistency checks\n\n| PDU | Fieldwork | Check | Expected | Found | Status | Note |\n")
    assert (
        "| South Tyneside and Gateshead | October 2022 | 2.1 Court work | Good | Outstanding | explained | uplift: We used "
        "professional discretion to upgrade the score for court work from 'Good' to 'Outstanding'. (line 374) |"
    ) in doc


def test_history_markdown_has_a_column_per_inspection(cli, seeded_db):
    gold = load(GWENT)
    doc = run(cli, seeded_db, "history", "gwent", "--markdown").splitlines()
    assert doc[:4] == ["# Gwent", "", "| Standard / key question | Sep 2025 |", "|---|---|"]
    assert f"| Score | {gold['score_points']}/{gold['score_max']} |" in doc
    for question in gold["key_questions"]:
        assert f"| · {question['question']} | {question['percent']}% |" in doc


def test_show_markdown_is_the_reports_document(cli, seeded_db):
    gold = load(GWENT)
    doc = run(cli, seeded_db, "show", "gwent", "--markdown")
    assert doc in run(cli, seeded_db, "export", "--format", "md").split("\n---\n\n")
    assert f"| {gold['standards'][0]['code']} | {gold['standards'][0]['name']} | {gold['standards'][0]['rating']} |" in doc


def test_themes_markdown_counts_as_the_themes_table_does(cli, seeded_db):
    doc = run(cli, seeded_db, "themes", "--markdown").splitlines()
    assert doc[2].startswith("| Theme | Matches | PDUs | Strengths |")
    # the counts of tests/test_themes.py and the explorer's Themes view
    assert "| Home visits | 5 | 4 | 2 | 1 | 2 | 0 | 0 | 1 | 1 | 2 | 2 | 2 |" in doc
    matches = run(cli, seeded_db, "themes", "home visits", "--markdown").splitlines()
    assert matches[0] == '# Theme: Home visits ("home visit")'
    assert sum(line.startswith("- ") for line in matches) == 5


def test_similar_markdown_lists_the_same_findings_as_json(cli, seeded_db):
    found = json.loads(run(cli, seeded_db, "similar", "gwent:229", "--limit", "3", "--json"))
    doc = run(cli, seeded_db, "similar", "gwent:229", "--limit", "3", "--md").splitlines()
    assert doc[0] == f"# Findings like: {found['finding']}"
    lines = [int(re.search(r"\(line (\d+)\)$", line)[1]) for line in doc if line.startswith("  — ")]
    assert lines == [hit["line"] for hit in found["hits"]] == [467, 286, 466]


@pytest.mark.parametrize(
    "command", [["search", "home visits"], ["check"], ["history", "gwent"], ["themes"], ["similar", "gwent:229"]]
)
def test_json_and_markdown_together_is_one_line(cli, seeded_db, command):
    result = cli("--db", seeded_db, *command, "--json", "--markdown")
    assert (result.exit_code, result.stderr) == (1, "probe: --json and --markdown: choose one\n")
