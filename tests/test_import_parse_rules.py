"""How parse_report reads a report's sections into the model: which bullets are findings,
heading levels, where the front matter ends, the Background, standard order, a file's stated
layout. Each test was written against a one-line fault planted in importers/parse.py."""

from __future__ import annotations

import pytest
from gold import cached, load, seed_text
from probe.importers import parse_report

WEB = "000_a39e1c12cc83704c"  # 2024 framework, scraped from the web page
PDF = "002_4b2ac3813f356061"  # 2021 framework, converted from the PDF


@cached
def parsed(stem: str):
    return parse_report(seed_text(stem), source_name=f"{stem}.txt")


def test_a_back_to_top_section_gives_findings_only_under_its_own_labels():
    """Bullets count as findings in an unnumbered section only when a Strengths/Areas label
    sits between its heading and its end: the one right under the heading counts, labels
    before the heading (even on the line just above it) do not."""
    added = (
        "Partnership work (Back to top)\nStrengths:\n  • Partners met every month.\n\n"
        "Court work (Back to top)\nAreas for improvement:\n"
        "Useful links (Back to top)\n  • The data annexe lists every partner.\n\n"
    )
    domain = "2. Service delivery (Back to top)"
    report = parse_report(seed_text(WEB).replace(domain, added + domain))
    new = {"Partnership work", "Court work", "Useful links"}
    found = [(f.section, f.section_heading, f.kind, f.text) for f in report.findings if f.section in new]
    assert found == [("Partnership work", "Partnership work", "strength", "Partners met every month.")]
    assert len(report.findings) == len(load(WEB)["findings"]) + 1


def test_sections_before_the_first_domain_and_after_the_last_are_top_level_headings():
    key_facts = "Key facts (Back to top)\nThe PDU covers one city.\n\n"
    report = parse_report(seed_text(WEB).replace("Foreword (Back to top)", key_facts + "Foreword (Back to top)"))
    assert [(h.title, h.level) for h in report.headings] == [
        ("Key facts", 1), ("Foreword", 1), ("Ratings", 1), ("Recommendations", 1), ("Background", 1),
        ("1. Organisational arrangements and activity", 1), ("1.1 Leadership", 2), ("1.2 Staffing", 2),
        ("1.3 Services", 2), ("Diversity and inclusion", 2), ("2. Service delivery", 1),
        ("2.1 Assessment", 2), ("2.2 Planning", 2), ("2.3 Implementation and delivery", 2),
        ("2.4 Reviewing", 2), ("Further information", 1),
    ]  # fmt: skip


CITED = "A thematic inspection (HM Inspectorate of Probation, March 2023) found the same."


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("P 1.1. LeadershipRating", f"{CITED}\n\nP 1.1. LeadershipRating"),  # under the first domain
        # no domain headings in the body: the front matter ends at the first standard
        ("1. Organisational arrangements and activity (Back to top)\n\nP 1.1. LeadershipRating\n",
         f"P 1.1. LeadershipRating\n{CITED}\n"),
    ],
    ids=["under a domain heading", "under a standard heading"],
)  # fmt: skip
def test_a_report_cited_in_the_body_does_not_give_the_publication_date(old, new):
    text = seed_text(WEB)
    assert old in text
    report = parse_report(text.replace(old, new))
    assert report.published is None
    assert report.warnings[0] == "'Published:' label has no date"


def test_the_first_line_under_the_background_heading_is_read():
    text = seed_text(WEB).replace("Background (Back to top)\n\n", "Background (Back to top)\n")
    report = parse_report(text)
    gold = load(WEB)
    assert (report.fieldwork_start_date, report.interviews, report.caseload) == (
        gold["fieldwork_start_date"], gold["interviews"], gold["caseload"],
    )  # fmt: skip
    assert report.warnings == parsed(WEB).warnings


def test_standards_are_in_the_order_of_their_numbers_not_their_text():
    row = "P 2.4 ReviewingInadequate"
    text = seed_text(WEB).replace(row, f"{row}\nP 2.10 Partnership workGood")
    report = parse_report(text)
    assert [s.code for s in report.standards] == ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "2.10"]


def test_text_given_without_a_name_is_named_text():
    assert parse_report(seed_text(WEB)).source_name == "<text>"


def test_the_family_a_file_states_wins_over_the_texts_signals():
    """The layout a file states (a web page, a PDF) is taken as it is, whatever the text suggests."""
    report = parse_report(seed_text(PDF), layout="web")
    assert report.format == "web"
    assert report.warnings == parsed(PDF).warnings
