"""`probe similar`: findings like one, by BM25 over its distinctive words, on the bundled reports."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing

import pytest

from conftest import probe_process
from gold import STEMS, load
from probe.store.connection import StoreError
from probe.store.similar import similar_findings


def home_visit_references(cli, db) -> list[str]:
    hits = json.loads(cli("--db", db, "search", "home visits", "--json").stdout)
    return [f"{hit['pdu'].removesuffix(' PDU')}:{hit['line']}" for hit in hits]


def similar_json(cli, db, *args):
    result = cli("--db", db, "similar", *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_home_visit_findings_find_each_other(cli, seeded_db):
    references = home_visit_references(cli, seeded_db)
    assert len(references) == 5
    for reference in references:
        found = similar_json(cli, seeded_db, reference, "--limit", "5")
        pdu = reference.rsplit(":", 1)[0]
        others = {other for other in references if not other.startswith(f"{pdu}:")}
        top = [hit["reference"] for hit in found["hits"]]
        assert others <= set(top), (reference, top)
        assert not any(hit.startswith(f"{pdu}:") for hit in top)  # other reports only
        assert "visits" in found["terms"]


def test_gwents_home_visit_finding_by_hand(cli, seeded_db):
    found = similar_json(cli, seeded_db, "gwent:229", "--limit", "3")
    assert found["finding"].startswith("Only 20 out of 48 home visits had been completed")
    assert [hit["reference"] for hit in found["hits"]] == [
        "Leicester, Leicestershire and Rutland:467",
        "Leicester, Leicestershire and Rutland:286",
        "South Tyneside and Gateshead:466",
    ]


def test_any_text_finds_the_findings_most_like_it(cli, seeded_db):
    found = similar_json(cli, seeded_db, "home visits were not completed", "--limit", "5")
    assert found["terms"] == ["visits", "home", "completed"]  # fewest holders first
    assert sorted(hit["reference"] for hit in found["hits"]) == sorted(home_visit_references(cli, seeded_db))


@pytest.mark.parametrize(
    ("finding", "message"),
    [
        ("gwent:1", "probe: no finding of Gwent (September 2025) starts at line 1\n"),
        ("nowhere:12", "probe: no PDU matches 'nowhere'; `probe pdus` lists them\n"),
        ("", "probe: give a finding as PDU:LINE (e.g. gwent:212) or some words to match\n"),
        ("  ", "probe: give a finding as PDU:LINE (e.g. gwent:212) or some words to match\n"),
        (":229", "probe: give a finding as PDU:LINE (e.g. gwent:212) or some words to match\n"),
    ],
)
def test_a_reference_to_nothing_is_one_line(cli, seeded_db, finding, message):
    result = cli("--db", seeded_db, "similar", finding)
    assert (result.exit_code, result.stderr) == (1, message)


def test_words_nothing_else_holds_find_nothing(cli, seeded_db):
    assert similar_json(cli, seeded_db, "zzzz qqqq") == {"finding": "zzzz qqqq", "terms": [], "hits": []}


def test_piped_similar_is_tsv_and_stays_light(seeded_db):
    result = probe_process("--db", seeded_db, "similar", "gwent:229", "--limit", "2", env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert result.returncode == 0
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == [
        "Leicester, Leicestershire and Rutland:467",
        "Leicester, Leicestershire and Rutland:286",
    ]
    modules = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "import time:" in line}
    assert "probe.store.similar" in modules
    assert not {m for m in modules if m.split(".")[0] in ("textual", "sqlite_utils", "rich")}


def test_a_word_only_one_finding_holds_is_searched_for_in_text_but_not_from_that_finding(cli, seeded_db):
    holding = [
        (gold["pdu_name_normalised"], finding["line"])
        for gold in map(load, STEMS) for finding in gold["findings"] if "concentrator" in finding["text"]
    ]  # fmt: skip
    assert holding == [("County Durham and Darlington", 170)]
    found = similar_json(cli, seeded_db, "a virtual concentrator team", "--limit", "1")
    assert found["terms"][0] == "concentrator"  # held by one finding: the rarest word
    assert [hit["reference"] for hit in found["hits"]] == ["County Durham and Darlington:170"]
    # From that finding, the word would find only the finding itself (its report is left out).
    found = similar_json(cli, seeded_db, "County Durham and Darlington:170")
    assert "concentrator" not in found["terms"] and len(found["terms"]) == 8


def test_a_damaged_database_is_named_in_the_error(tmp_path):
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"not a database, " * 512)
    with closing(sqlite3.connect(damaged)) as conn, pytest.raises(StoreError) as raised:
        similar_findings(conn, damaged, "home visits were not completed")
    assert str(raised.value) == f"{damaged}: file is not a database"
