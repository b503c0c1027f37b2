"""`probe check`: every report's score and bands against its own numbers, checked by hand
(tests/gold `checks`: band_checks and rating_remarks) on the five bundled reports."""

from __future__ import annotations

import dataclasses
import json

import pytest

from conftest import CORPUS, build_db, probe_process
from gold import STEMS, load
from probe.domain.model import Heading, KeyQuestion, Report, Standard
from probe.domain.ratings import BAND_RULE
from probe.importers import DEFAULT_MAX_BYTES, read_report
from probe.store.checks import EXPLAINED, UNEXPLAINED, WARNING, Check, ReportCheck, check_report


def check_json(cli, db, *args):
    result = cli("--db", db, "check", *args, "--json")
    return result.exit_code, json.loads(result.stdout)


def test_bundled_reports_are_all_consistent_or_explained(cli, seeded_db):
    code, reports = check_json(cli, seeded_db)
    assert code == 0
    assert len(reports) == 5
    for report in reports:
        score = report["checks"][0]
        assert (score["check"], score["status"]) == ("score", "consistent")
        assert score["note"] == "sum of the standards' points"
        assert score["expected"] == score["found"]
    assert {r["pdu"] for r in reports if r["unexplained"]} == set()


@pytest.mark.parametrize("stem", STEMS)
def test_band_checks_match_the_hand_checked_gold(cli, seeded_db, stem):
    gold = load(stem)
    code, (report,) = check_json(cli, seeded_db, gold["pdu_name_normalised"])
    bands = [check for check in report["checks"] if check["check"][0] == "2"]
    assert [b["check"].split()[0] for b in bands] == [g["standard_code"] for g in gold["checks"]["band_checks"]]
    for found, expected in zip(bands, gold["checks"]["band_checks"], strict=True):
        assert (found["expected"], found["found"]) == (expected["band_of_lowest"], expected["rating"])
        if expected["matches"]:
            assert found["status"] == "consistent"
            assert found["note"] == f"lowest key question {expected['lowest_percent']}%"
        else:  # "professional-judgement uplift stated at line N"
            assert found["status"] == "explained"
            assert found["line"] == int(expected["explained_by"].rsplit(" ", 1)[1])
    score = report["checks"][0]
    assert score["found"] == f"{gold['score_points']}/{gold['score_max']}"


def test_gateshead_uplifts_quote_the_reports_own_sentences(cli, seeded_db):
    _, (report,) = check_json(cli, seeded_db, "gateshead")
    explained = {c["check"]: c for c in report["checks"] if c["status"] == "explained"}
    assert set(explained) == {"2.1 Court work", "2.2 Assessment"}
    assert explained["2.1 Court work"]["note"] == (
        "uplift: We used professional discretion to upgrade the score for court work from 'Good' to 'Outstanding'."
    )
    assert explained["2.2 Assessment"]["note"].startswith("uplift: Professional judgement, which can be used")
    assert explained["2.2 Assessment"]["expected"] == "Requires improvement"


def test_import_warnings_are_listed(cli, seeded_db):
    _, (report,) = check_json(cli, seeded_db, "newcastle")
    warnings = [c["note"] for c in report["checks"] if c["status"] == "warning"]
    assert warnings == [
        "'Published:' label has no date",
        "cases inspected: the Background's parts add up to 34, but the report repeats 35 as the total "
        "('out of 35'); using 35",
    ]


def tampered_gwent(tmp_path):
    """Gwent with 2.1 Assessment rated Good (its lowest key question is 28%) and a score
    that no longer adds up: nothing in the report explains either."""
    report = read_report(CORPUS / f"{STEMS[4]}.txt", DEFAULT_MAX_BYTES)
    standards = [
        dataclasses.replace(s, rating="Good") if s.code == "2.1" else s for s in report.standards
    ]
    report = dataclasses.replace(report, standards=standards)
    return build_db(tmp_path / "tampered.db", [report])


def test_an_unexplained_mismatch_is_flagged_and_exits_1(cli, tmp_path):
    code, (report,) = check_json(cli, tampered_gwent(tmp_path))
    assert code == 1
    by_check = {c["check"]: c for c in report["checks"]}
    assert by_check["score"] == {
        "check": "score", "expected": "6/21", "found": "4/21", "status": "unexplained",
        "note": "the score is not the sum of the standards' points", "line": None,
    }  # fmt: skip
    assert by_check["2.1 Assessment"]["status"] == "unexplained"
    assert by_check["2.1 Assessment"]["note"].startswith(
        "uplift: lowest key question 28% is Inadequate"
    )
    assert by_check["2.2 Planning"]["status"] == "consistent"


def test_piped_output_is_tsv_and_check_stays_light(seeded_db):
    result = probe_process("--db", seeded_db, "check", "gateshead", env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 6  # score + five case-supervision standards, no warnings
    assert lines[1].split("\t")[:6] == [
        "South Tyneside and Gateshead", "October 2022", "2.1 Court work", "Good", "Outstanding", "explained",
    ]  # fmt: skip
    modules = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "import time:" in line}
    assert "probe.store.checks" in modules
    assert not {m for m in modules if m.split(".")[0] in ("textual", "sqlite_utils", "rich")}


def test_an_unknown_pdu_is_one_line(cli, seeded_db):
    result = cli("--db", seeded_db, "check", "nowhere")
    assert result.exit_code == 1
    assert result.stderr == "probe: no PDU matches 'nowhere'; `probe pdus` lists them\n"


def test_on_an_80_column_terminal_every_note_is_shown_whole(seeded_db):
    from test_cli_details import on_a_terminal

    lines = on_a_terminal(seeded_db, 80, "check", "gateshead")
    assert lines[0] == "South Tyneside and Gateshead · October 2022"
    assert all(len(line) <= 80 for line in lines) and not any("…" in line for line in lines)
    court = lines.index(next(line for line in lines if line.startswith("  2.1 Court work")))
    assert lines[court].split() == ["2.1", "Court", "work", "Good", "Outstanding", "explained"]
    note = " ".join(line.strip() for line in lines[court + 1 : court + 3])
    assert note.startswith("uplift: We used professional discretion to upgrade the score for court work")
    assert note.endswith("from 'Good' to 'Outstanding'. (line 374)")


def made_report(lines, standards, percents, **facts):
    """A hand-made report: its text, a heading for each line starting with a standard code,
    standards as (code, name, rating) in domain 2 (1.x in domain 1) and {code: [percents]}."""
    text = "\n".join(lines) + "\n"
    headings = [Heading(line, number, 2) for number, line in enumerate(lines, 1) if line[:1].isdigit()]
    return Report(
        source_name="made.txt", source_sha256="0" * 64, text=text, format="web", framework="2024",
        pdu="Testshire PDU", fieldwork_started="May 2025", headings=headings,
        standards=[Standard(code, name, int(code[0]), "", rating) for code, name, rating in standards],
        key_questions=[
            KeyQuestion(code, f"Question {index} of {code}?", percent)
            for code, values in percents.items() for index, percent in enumerate(values)
        ],
        **facts,
    )  # fmt: skip


def test_every_check_of_a_made_report_whole():
    """Uplift and downgrade, explained (in its own section only, up to the last line of the
    text) or not, a standard with no heading, no score stated, and an import warning."""
    report = made_report(
        [
            "2.1 Court work",
            "Court work was done well. Professional judgement was applied to uplift the rating.",
            "2.2 Assessment",
            "Assessments were thorough.",
            "2.3 Planning",
            "Plans were sound. We used our discretion to downgrade planning to Good.",
        ],
        [
            ("1.1", "Leadership", "Good"),
            ("2.1", "Court work", "Outstanding"),
            ("2.2", "Assessment", "Requires improvement"),
            ("2.3", "Planning", "Good"),
            ("2.4", "Reviewing", "Inadequate"),
        ],
        {"2.1": [70, 90], "2.2": [72, 66], "2.3": [90], "2.4": [55]},
        warnings=["'Published:' label has no date"],
    )
    no_reason = f"({BAND_RULE}); the report gives no reason"
    assert check_report(report) == ReportCheck("Testshire", "May 2025", [
        Check("score", "8/15", "–", WARNING, "the report states no score"),  # 2+3+1+2+0 of 5 x 3
        Check("2.1 Court work", "Good", "Outstanding", EXPLAINED,
              "uplift: Professional judgement was applied to uplift the rating.", 2),
        Check("2.2 Assessment", "Good", "Requires improvement", UNEXPLAINED,
              f"downgrade: lowest key question 66% is Good {no_reason}"),
        Check("2.3 Planning", "Outstanding", "Good", EXPLAINED,
              "downgrade: We used our discretion to downgrade planning to Good.", 6),
        Check("2.4 Reviewing", "Requires improvement", "Inadequate", UNEXPLAINED,
              f"downgrade: lowest key question 55% is Requires improvement {no_reason}"),
        Check("import", "", "", WARNING, "'Published:' label has no date"),
    ])  # fmt: skip


@pytest.mark.parametrize(
    ("heading", "sentence", "status"),
    [
        ("2.1 Court work", "Court work was done well.", UNEXPLAINED),  # the last section, to the text's end
        ("2.1. Court work", "Professional judgement was applied to uplift court work.", EXPLAINED),
    ],
)
def test_the_last_section_runs_to_the_end_of_the_text(heading, sentence, status):
    report = made_report([heading, sentence], [("2.1", "Court work", "Outstanding")], {"2.1": [70]})
    (band,) = check_report(report).checks[1:]
    assert (band.status, band.line) == (status, 2 if status == EXPLAINED else None)
