"""Property-based: whatever is done to a report's text, the importer returns a Report or refuses.

Mutations are made from the seed reports (deleted and swapped blocks of lines, inserted random
characters and bytes, truncation), so most inputs stay close enough to a report to reach deep
into the parser. An internal error also arrives as a ReportError, so the tests check that no
ReportError was raised *from* another exception.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from gold import STEMS, seed_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from probe.importers import Report, ReportError, parse_report, read_report
from probe.domain.ratings import RATINGS

SEEDS = {stem: seed_text(stem).split("\n") for stem in STEMS}
FORBIDDEN = {chr(c) for c in range(32) if chr(c) not in "\n\t"} | {
    chr(c) for c in range(0x7F, 0xA0)
}
# Under mutmut (docs/mutation.md) these run once per mutant of the importers: fewer, fixed
# examples there keep a mutation run to hours, not days; the suite itself tries 150.
EXAMPLES = 30 if "MUTANT_UNDER_TEST" in os.environ else 150
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def mutated_lines(draw) -> list[str]:
    lines = list(SEEDS[draw(st.sampled_from(STEMS))])
    for _ in range(draw(st.integers(0, 6))):
        mutate = draw(
            st.sampled_from((_delete, _swap, _insert_text, _insert_bytes, _truncate, _duplicate))
        )
        lines = mutate(draw, lines)
    return lines


def _span(draw, lines: list[str]) -> tuple[int, int]:
    start = draw(st.integers(0, max(0, len(lines) - 1)))
    return start, start + draw(st.integers(1, 60))


def _delete(draw, lines):
    start, end = _span(draw, lines)
    return lines[:start] + lines[end:]


def _swap(draw, lines):
    (a, b), (c, d) = sorted((_span(draw, lines), _span(draw, lines)))
    if b > c:
        return lines
    return lines[:a] + lines[c:d] + lines[b:c] + lines[a:b] + lines[d:]


def _insert_text(draw, lines):
    at = draw(st.integers(0, len(lines)))
    return lines[:at] + [draw(st.text(max_size=200))] + lines[at:]


def _insert_bytes(draw, lines):
    at = draw(st.integers(0, len(lines)))
    junk = draw(st.binary(max_size=100)).decode("latin-1")
    column = draw(st.integers(0, 200))
    line = lines[at] if at < len(lines) else ""
    return lines[:at] + [line[:column] + junk + line[column:]] + lines[at + 1 :]


def _truncate(draw, lines):
    return lines[: draw(st.integers(0, len(lines)))]


def _duplicate(draw, lines):
    start, end = _span(draw, lines)
    return lines[:end] + lines[start:end] + lines[end:]


def _check_outcome(parse) -> Report | None:
    try:
        report = parse()
    except ReportError as error:
        assert error.__cause__ is None, f"internal error: {error}"
        assert "\n" not in str(error)
        return None
    assert isinstance(report, Report)
    return report


@SETTINGS
@given(mutated_lines())
def test_mutated_reports_parse_or_are_refused(lines):
    report = _check_outcome(lambda: parse_report("\n".join(lines), source_name="fuzz.txt"))
    if report is None:
        return
    line_count = len(report.text.split("\n"))
    assert not FORBIDDEN & set(report.text)
    assert report.overall_rating in (*RATINGS, None)
    assert all(s.rating in (*RATINGS, None) for s in report.standards)
    assert all(0 <= q.percent <= 100 for q in report.key_questions)
    assert all(
        1 <= item.line <= line_count
        for item in (*report.findings, *report.recommendations, *report.headings)
    )
    texts = (
        [f.text for f in report.findings]
        + [r.text for r in report.recommendations]
        + report.warnings
    )
    assert not any(FORBIDDEN & set(text) for text in texts)
    assert all("\n" not in warning for warning in report.warnings)


@SETTINGS
@given(st.sampled_from(STEMS), st.binary(max_size=300), st.integers(0, 40_000), st.booleans())
def test_files_with_random_bytes_read_or_are_refused(stem, junk, position, truncate):
    data = seed_text(stem).encode("utf-8")
    data = data[:position] + junk + (b"" if truncate else data[position:])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.txt"
        path.write_bytes(data)
        _check_outcome(lambda: read_report(path))


def test_long_adversarial_lines_parse_in_linear_time():
    """Runs of spaces, tabs, digits and keywords that make backtracking regexes go quadratic.

    Not timed: a quadratic pattern would take minutes here instead of a fraction of a second.
    """
    lines = SEEDS["002_4b2ac3813f356061"]
    long = 40_000
    adversarial = [
        "a" + " " * long + "x%",
        "a" + "\t" * long + "x",
        "1.1 " + "9 " * (long // 2),
        "- " + "out of " * (long // 7) + ":",
        "Score " + " " * long + "x",
        "led by HM Inspector " + "a" * long,
        ("1," * (long // 2)) + " region",
        "Chief Inspector of Probation, " * 1000,
    ]
    for at in (90, 186, 372):
        report = parse_report("\n".join(lines[:at] + adversarial + lines[at:]))
        assert report.pdu == "South Tyneside and Gateshead PDU"


def test_lone_surrogates_become_replacement_characters():
    text = seed_text("000_a39e1c12cc83704c").replace("Strengths:", "Strengths:\udcff", 1)
    report = parse_report(text)
    assert "\udcff" not in report.text and "\ufffd" in report.text
    assert (
        report.warnings[0]
        == "removed 1 control character(s), escape sequence(s) or invalid character(s)"
    )
