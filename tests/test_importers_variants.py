"""Layout variants real reports have: the same report, differently typeset, must parse the same.

Each variant rewrites a seed the way other reports (or other converters) print it, then checks
the result against that seed's gold values.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from gold import comparable, expected, seed_text
from probe.importers import parse_report

WEB = "000_a39e1c12cc83704c"
PDF = "002_4b2ac3813f356061"
GWENT = "004_354d18e338058cf9"
# Named sections and body standard headings (whose codes end in a dot) in the PDF seed.
PDF_HEADINGS = (
    r"^(Foreword|Ratings|Recommendations|Background|\d\.\d\. .*|Resettlement work"
    r"|Diversity and inclusion|Feedback from people on probation)$"
)


def sub(pattern: str, replacement: str):
    return lambda text: re.sub(pattern, replacement, text, flags=re.MULTILINE)


def replace(*pairs: str):
    def rewrite(text: str) -> str:
        for old, new in zip(pairs[::2], pairs[1::2], strict=True):
            text = text.replace(old, new)
        return text

    return rewrite


VARIANTS = {
    "bullets '-'": (WEB, replace("•", "-")),
    "bullets '*'": (WEB, replace("•", "*")),
    "bullets en dash": (WEB, replace("•", "–")),
    "bullets '▪'": (WEB, replace("•", "▪")),
    "bullet glyph touching the text": (WEB, replace("• ", "•")),
    "PDF with '•' bullets": (PDF, sub(r"^( ?)- ", r"\1• ")),
    "labels without colon, trailing NBSP": (
        WEB,
        replace("Areas for improvement:", "Areas for improvement\u00a0"),
    ),
    "labels in other casing": (PDF, sub(r"^Strengths:$", "STRENGTHS")),
    "labels in bold": (PDF, replace("Strengths:", "**Strengths:**")),
    "rating words in title case": (WEB, replace("Requires improvement", "Requires Improvement")),
    "rating words in capitals": (
        WEB,
        replace(
            "ratingInadequate", "ratingINADEQUATE", "AssessmentInadequate", "AssessmentINADEQUATE"
        ),
    ),
    "headings without 'P '": (WEB, sub(r"^P (\d)", r"\1")),
    "headings all with trailing dots": (WEB, sub(r"^P (\d\.\d) ", r"P \1. ")),
    "PDF headings without trailing dots": (PDF, sub(r"^(\d\.\d)\. ", r"\1 ")),
    "PDF headings with '(Back to top)'": (PDF, sub(PDF_HEADINGS, r"\1 (Back to top)")),
    "PDF headings as Markdown": (PDF, sub(PDF_HEADINGS, r"## \1")),
    "web labels on their own lines": (
        WEB,
        replace(
            "Overall ratingInadequate",
            "Overall rating\n\nInadequate",
            "April 2025Score",
            "April 2025\nScore",
        ),
    ),
    "web percentages after a tab": (WEB, sub(r"\?(\d+%)$", "?\t\\1")),
    "PDF percentages glued": (PDF, sub(r"\?\t(\d+%)$", r"?\1")),
    "PDF percentages in bold": (PDF, sub(r"\t(\d+%)$", r"\t**\1**")),
    "blank and single-space lines inside lists": (WEB, sub(r"^(  • .*)$", "\\1\n \n")),
    "footnote body between two lists": (
        WEB,
        replace(
            "Areas for improvement:\n\n  • The vision",
            "[1] A footnote body.\n\nAreas for improvement:\n\n  • The vision",
        ),
    ),
    "ratings labels with colons": (
        PDF,
        replace(
            "Overall rating\n",
            "Overall rating:\n",
            "Fieldwork started October",
            "Fieldwork started: October",
        ),
    ),
    "CRLF line ends": (GWENT, replace("\n", "\r\n")),
    "findings as a numbered list": (WEB, lambda text: _number_bullets(text)),
    "key-question tables as Markdown pipe tables": (PDF, lambda text: _pipe_tables(text)),
    "fieldwork month on the line after its label": (
        PDF,
        replace("started October", "started\n\nOctober"),
    ),
    "lead inspector named before the title": (
        WEB,
        replace("led by HM Inspector Joy Wilson,", "led by Joy Wilson, HM Inspector,"),
    ),
}


def _pipe_tables(text: str) -> str:
    """Tab tables as a PDF-to-Markdown converter writes them: '| Question? | 77% |'."""
    text = re.sub(r"^(Key question|Outcomes)\t(.*)$", r"| \1 | \2 |\n|---|---|", text, flags=re.M)
    return re.sub(r"^(.*\?)\t(\d+%)$", r"| \1 | \2 |", text, flags=re.MULTILINE)


def _number_bullets(text: str) -> str:
    """Number each run of '•' bullets 1, 2, 3 ... as a word processor's numbered list would."""
    out, number = [], 0
    for line in text.split("\n"):
        if line.startswith("  • "):
            number += 1
            line = f"  {number}. {line[4:]}"
        elif line.strip():
            number = 0
        out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("variant", VARIANTS)
def test_variant_parses_like_the_seed(variant):
    stem, rewrite = VARIANTS[variant]
    text = rewrite(seed_text(stem))
    assert text != seed_text(stem), "the variant must change the text"
    report = parse_report(text)
    got, gold = comparable(dataclasses.asdict(report)), expected(stem)
    for field in gold:
        assert got[field] == gold[field], field


def test_any_heading_followed_by_strengths_lists_is_a_section():
    text = seed_text(PDF).replace(
        "Diversity and inclusion\n",
        "Work with young adults\n\nThe PDU ran a young adults team.\n\nStrengths:\n\n- The team was new.\n\n"
        "Areas for improvement\n\n- Referrals were slow.\n\nDiversity and inclusion\n",
    )
    report = parse_report(text)
    added = [
        (f.section, f.section_heading, f.kind, f.text)
        for f in report.findings
        if f.section == "Work with young adults"
    ]
    assert added == [
        ("Work with young adults", "Work with young adults", "strength", "The team was new."),
        (
            "Work with young adults",
            "Work with young adults",
            "area_for_improvement",
            "Referrals were slow.",
        ),
    ]
    assert len(report.findings) == 94 + 2
    assert [h.title for h in report.headings if h.title == "Work with young adults"] == [
        "Work with young adults"
    ]


def test_recommendations_for_the_probation_service_are_hmpps():
    text = seed_text(PDF).replace(
        "HM Prison and Probation Service should:", "The Probation Service should:"
    )
    recs = parse_report(text).recommendations
    assert [(r.number, r.addressee, r.addressee_type) for r in recs[7:]] == [
        (n, "The Probation Service", "hmpps") for n in range(8, 12)
    ]


def test_wrapped_bullet_and_recommendation_lines_are_joined():
    text = (
        seed_text(PDF)
        .replace(
            "- Middle and senior managers in the PDU were visible, accessible and willing to listen.",
            "- Middle and senior managers in the PDU were visible,\naccessible and willing to listen.",
        )
        .replace(
            "3. improve contingency planning and delivery on medium and high-risk cases",
            "3. improve contingency planning and delivery\non medium and high-risk cases",
        )
    )
    report = parse_report(text)
    gold = expected(PDF)
    assert [f.text for f in report.findings] == [f["text"] for f in gold["findings"]]
    assert [r.text for r in report.recommendations] == [r["text"] for r in gold["recommendations"]]


def test_seeds_need_no_guesswork_about_their_family():
    for stem in (WEB, PDF, GWENT):
        warnings = parse_report(seed_text(stem)).warnings
        assert not [w for w in warnings if "signals" in w], stem


def test_disagreeing_family_signals_are_reported():
    text = sub(r"\?(\d+%)$", "?\t\\1")(seed_text(WEB))
    report = parse_report(text)
    assert report.format == "web"
    assert (
        "format signals disagree: web ('(Back to top)' headings, labels glued to values in the "
        "Ratings block) against pdf (tab-separated key-question tables); using web"
    ) in report.warnings


@pytest.mark.parametrize(
    ("sentence", "region"),
    [
        ("one of five PDUs in the Yorkshire and Humber region.", "Yorkshire and the Humber"),
        ("one of five PDUs in the Yorkshire and the Humber region.", "Yorkshire and the Humber"),
        (
            "one of nine PDUs in the kent, surrey and sussex probation region.",
            "Kent, Surrey and Sussex",
        ),
        ("one of six PDUs in the North-West region.", "North West"),
    ],
)
def test_region_names_are_normalised(sentence, region):
    text = seed_text(GWENT).replace(
        "The Gwent safeguarding board", f"Gwent PDU is {sentence} The Gwent safeguarding board"
    )
    assert parse_report(text).region == region


def test_the_pdus_own_region_wins_over_an_earlier_mention():
    text = seed_text(GWENT).replace(
        "The Gwent safeguarding board",
        "Staff had moved from the South West region. Gwent is one of the PDUs in the Wales region. "
        "The Gwent safeguarding board",
    )
    assert parse_report(text).region == "Wales"


def test_fieldwork_month_is_read_when_the_ratings_block_gives_a_day():
    text = seed_text(WEB).replace("Fieldwork started April 2025", "Fieldwork started: 28 April 2025")
    assert parse_report(text).fieldwork_started == "April 2025"


def test_cases_examined_count_as_cases_inspected():
    text = seed_text(PDF).replace("We inspected 35 cases", "We examined 35 cases")
    assert parse_report(text).cases_inspected == 35


def test_a_section_intro_of_several_paragraphs_still_opens_the_section():
    intro = "User Voice, working with HM Inspectorate of Probation, had contact with 93 people"
    text = seed_text(PDF).replace(intro, f"First paragraph.\n\nSecond paragraph.\n\n{intro}")
    sections = {f.section for f in parse_report(text).findings}
    assert "Feedback from people on probation" in sections
