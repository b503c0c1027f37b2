"""`probe history`: a PDU's inspections side by side. The bundled reports hold one inspection
per PDU, so a second is made here from a real seed: Gwent's 2025 report edited into an earlier
inspection, imported by the real importer."""

from __future__ import annotations

import json

import pytest

from conftest import CORPUS, probe_process
from gold import STEMS
from probe.domain.model import KeyQuestion, Report, Standard
from probe.store.history import History, Inspection, Row, matching_pdus, normalise_pdu, pdu_history
from probe.store.read import ReportSummary

GWENT = CORPUS / f"{STEMS[4]}.txt"
KEEPING_SAFE = "Does planning focus sufficiently on keeping other people safe?"

# An inspection of "GWENT PDU" in March 2024: Planning was Requires improvement (55% for
# keeping other people safe), so the score was one point higher.
EDITS = {
    "in Gwent PDU\u00a0\n": "in GWENT PDU\u00a0\n",  # the title line
    "Fieldwork started September 2025Score 4/21": "Fieldwork started March 2024Score 5/21",
    "beginning 08 September 2025": "beginning 04 March 2024",
    "P 2.2 PlanningInadequate": "P 2.2 PlanningRequires improvement",
    f"{KEEPING_SAFE}39%": f"{KEEPING_SAFE}55%",
}


@pytest.fixture
def two_gwents(cli, seeded_db, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    text = GWENT.read_text(encoding="utf-8")
    for old, new in EDITS.items():
        assert old in text
        text = text.replace(old, new)
    planning_body = "Planning is well-informed, holistic, and personalised, involving actively the person on probation.Inadequate"
    assert planning_body in text
    text = text.replace(planning_body, planning_body.removesuffix("Inadequate") + "Requires improvement")
    earlier = tmp_path / "gwent-2024.txt"
    earlier.write_text(text, encoding="utf-8")
    assert cli("--db", seeded_db, "import", earlier).exit_code == 0
    return seeded_db


def history_json(cli, db, pdu):
    result = cli("--db", db, "history", pdu, "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    return payload, {row["label"]: row for row in payload["rows"]}


@pytest.mark.parametrize(
    ("name", "normal"),
    [
        ("South Tyneside & Gateshead PDU", "south tyneside and gateshead"),
        ("Leicester, Leicestershire and Rutland", "leicester leicestershire and rutland"),
        ("GWENT Probation Delivery Unit", "gwent"),
        ("Newcastle Upon Tyne PDU", "newcastle upon tyne"),
    ],
)
def test_names_are_matched_after_normalising(name, normal):
    assert normalise_pdu(name) == normal


def test_two_inspections_oldest_first_with_changes(cli, two_gwents):
    payload, rows = history_json(cli, two_gwents, "gwent")
    assert [(i["pdu"], i["fieldwork_started"]) for i in payload["inspections"]] == [
        ("GWENT", "March 2024"),
        ("Gwent", "September 2025"),
    ]
    assert (rows["Score"]["values"], rows["Score"]["changes"]) == (["5/21", "4/21"], ["", "down"])
    assert (rows["Planning"]["values"], rows["Planning"]["changes"]) == (
        ["Requires improvement", "Inadequate"],
        ["", "down"],
    )
    assert (rows[KEEPING_SAFE]["values"], rows[KEEPING_SAFE]["changes"]) == (["55%", "39%"], ["", "down"])
    assert rows[KEEPING_SAFE]["standard"] == "Planning"
    assert rows["Leadership"]["changes"] == ["", "same"]
    assert rows["Overall rating"]["values"] == ["Requires improvement", "Requires improvement"]
    assert [row["label"] for row in payload["rows"] if row["kind"] == "standard"] == [
        "Leadership", "Staffing", "Services", "Assessment", "Planning", "Implementation and delivery", "Reviewing",
    ]  # fmt: skip


def test_a_linked_pdu_aligns_the_two_frameworks(cli, seeded_db, tmp_path, monkeypatch):
    """Linked by hand in pdus.toml: South Tyneside and Gateshead's 2022 report (2021-23
    framework) beside Gwent's 2025 one (2024-25): Staff is Staffing, Court work only in 2021."""
    config = tmp_path / "config" / "probe"
    config.mkdir(parents=True)
    (config / "pdus.toml").write_text('[links]\n"Gwent" = ["South Tyneside & Gateshead"]\n', encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    payload, rows = history_json(cli, seeded_db, "Gwent")
    assert [i["framework"] for i in payload["inspections"]] == ["2021", "2024"]
    assert (rows["Staffing"]["values"], rows["Staffing"]["changes"]) == (
        ["Good", "Requires improvement"],
        ["", "down"],
    )
    assert "Staff" not in rows
    assert (rows["Court work"]["values"], rows["Court work"]["note"]) == (
        ["Outstanding", None],
        "only in the 2021-23 framework",
    )
    assert rows["Score"]["changes"] == ["", ""]  # 15/27 and 4/21 are not comparable
    assert rows["Does assessment focus sufficiently on keeping other people safe?"]["values"] == ["60%", "28%"]
    assert "Outcomes" not in rows  # never rated


def test_ambiguous_unknown_and_bad_config_are_one_line(cli, seeded_db, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    result = cli("--db", seeded_db, "history", "tyne")
    assert (result.exit_code, result.stderr) == (
        1,
        "probe: 'tyne' matches 2 PDUs: Newcastle Upon Tyne; South Tyneside and Gateshead\n",
    )
    assert cli("--db", seeded_db, "history", "nowhere").stderr == "probe: no PDU matches 'nowhere'; `probe pdus` lists them\n"
    (tmp_path / "config" / "probe").mkdir(parents=True)
    bad = tmp_path / "config" / "probe" / "pdus.toml"
    bad.write_text('[links]\n"Gwent" = "Old Gwent"\n', encoding="utf-8")
    result = cli("--db", seeded_db, "history", "gwent")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"probe: {bad}: [links] must map a PDU name to a list of names")


def test_piped_history_is_tsv_and_stays_light(two_gwents, tmp_path):
    result = probe_process(
        "--db", two_gwents, "history", "gwent",
        env={"PYTHONPROFILEIMPORTTIME": "1", "XDG_CONFIG_HOME": str(tmp_path / "config")},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-500:]
    lines = result.stdout.splitlines()
    assert lines[0] == "kind\tstandard\titem\tMar 2024\tSep 2025"
    assert "question\tPlanning\tDoes planning focus sufficiently on keeping other people safe?\t55%\t39% (down)" in lines
    modules = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "import time:" in line}
    assert "probe.store.history" in modules
    assert not {m for m in modules if m.split(".")[0] in ("textual", "sqlite_utils", "rich")}


def inspection(framework, month, overall, score, standards, percent):
    """A hand-made report of Testshire: standards as (code, name, rating), a score as
    (points, maximum) or None, and one key question of Assessment at `percent`."""
    assessment = next(code for code, name, _ in standards if name == "Assessment")
    return Report(
        source_name="made.txt", source_sha256="0" * 64, text="", format="web", framework=framework,
        pdu="Testshire PDU", fieldwork_started=month, overall_rating=overall,
        score_points=score and score[0], score_max=score and score[1],
        standards=[Standard(code, name, int(code[0]), "", rating) for code, name, rating in standards],
        key_questions=[KeyQuestion(assessment, KEEPING_SAFE, percent)],
    )  # fmt: skip


def test_a_history_of_three_made_inspections_whole():
    """A 2021-23 inspection with no score, then two 2024-25 ones: Staff is Staffing, Court work
    has no later rating, and a rating, a percent and a score each go up by the smallest step."""
    reports = [
        inspection("2021", "March 2022", "Requires improvement", None, [
            ("1.2", "Staff", "Requires improvement"), ("2.1", "Court work", "Good"),
            ("2.2", "Assessment", "Requires improvement"),
        ], 55),
        inspection("2024", "June 2024", "Requires improvement", (4, 9), [
            ("1.2", "Staffing", "Requires improvement"), ("2.1", "Assessment", "Inadequate"),
        ], 49),
        inspection("2024", "June 2025", "Good", (5, 9), [
            ("1.2", "Staffing", "Good"), ("2.1", "Assessment", "Inadequate"),
        ], 50),
    ]  # fmt: skip
    ri, good, bad = "Requires improvement", "Good", "Inadequate"
    assert pdu_history(reports) == History(
        [Inspection("Testshire", "March 2022", "2021"), Inspection("Testshire", "June 2024", "2024"),
         Inspection("Testshire", "June 2025", "2024")],
        [
            Row("overall", "Overall rating", "", [ri, ri, good], ["", "same", "up"]),
            Row("score", "Score", "", [None, "4/9", "5/9"], ["", "", "up"]),
            Row("standard", "Staffing", "", [ri, ri, good], ["", "same", "up"]),
            Row("standard", "Court work", "", [good, None, None], ["", "", ""], "only in the 2021-23 framework"),
            Row("standard", "Assessment", "", [ri, bad, bad], ["", "down", "same"]),
            Row("question", KEEPING_SAFE, "Assessment", ["55%", "49%", "50%"], ["", "down", "up"]),
        ],
    )  # fmt: skip


def summary(id, pdu_name, fieldwork_month):
    return ReportSummary(
        id, f"{pdu_name} PDU", pdu_name, None, "2024", None, fieldwork_month, None, None, None, "made.txt"
    )


def test_matching_pdus_prefers_the_exact_name_then_any_name_holding_the_words():
    durham, undated_durham = summary(1, "Durham", "2024-03"), summary(2, "Durham", None)
    county = summary(3, "County Durham and Darlington", "2025-01")
    old_gwent, gwent = summary(4, "Old Gwent", "2022-05"), summary(5, "Gwent", "2025-09")
    summaries = [durham, county, gwent, undated_durham, old_gwent]
    links = {"old gwent": "gwent"}
    # Oldest first, a report with no fieldwork month before the dated ones.
    assert matching_pdus(summaries, "DURHAM pdu", links) == {"durham": [undated_durham, durham]}
    assert matching_pdus(summaries, "durh", links) == {
        "durham": [undated_durham, durham], "county durham and darlington": [county],
    }  # fmt: skip
    # A word of an old name linked to the PDU finds it, though the PDU's own name lacks it.
    assert matching_pdus(summaries, "old", links) == {"gwent": [old_gwent, gwent]}
