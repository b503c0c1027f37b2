"""`probe themes`: the shipped themes, a user's own, and counts that equal `probe search --raw`
and what the gold standard's own text holds."""

from __future__ import annotations

import dataclasses
import json
import re
import sqlite3
from contextlib import closing

import pytest

from conftest import CORPUS, build_db, probe_process
from gold import STEMS, load
from probe.importers import DEFAULT_MAX_BYTES, read_report
from probe.store.connection import StoreError
from probe.store.themes import ThemeCounts, theme_counts
from probe.settings import shipped_themes_path, themes


@pytest.fixture
def user_config(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    folder = tmp_path / "config" / "probe"
    folder.mkdir(parents=True)
    return folder / "themes.toml"


def themes_json(cli, db, *args):
    result = cli("--db", db, "themes", *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def gold_matches(pattern: str) -> list[tuple[dict, str]]:
    """(gold report, kind) of every finding and recommendation whose text matches `pattern`."""
    found = []
    for stem in STEMS:
        gold = load(stem)
        texts = [(f["kind"], f["text"]) for f in gold["findings"]]
        texts += [("recommendation", r["text"]) for r in gold["recommendations"]]
        found += [(gold, kind) for kind, text in texts if re.search(pattern, text, re.IGNORECASE)]
    return found


def expected_counts(matches: list[tuple[dict, str]]) -> dict:
    kinds, reports = {}, {}
    for gold, kind in matches:
        kinds[kind] = kinds.get(kind, 0) + 1
        reports[gold["pdu"]] = gold
    ratings, frameworks = {}, {}
    for gold in reports.values():
        ratings[gold["overall_rating"]] = ratings.get(gold["overall_rating"], 0) + 1
        frameworks[gold["framework"]] = frameworks.get(gold["framework"], 0) + 1
    return {"total": len(matches), "by_kind": kinds, "pdus": len(reports), "reports": len(reports),
            "by_rating": ratings, "by_framework": frameworks}  # fmt: skip


@pytest.mark.parametrize(
    ("theme", "pattern"),
    [
        ("Home visits", r"\bhome visit"),
        ("MAPPA", r"\bMAPPA\b"),
        ("Unpaid work", r"unpaid work|community payback"),
    ],
)
def test_counts_match_the_gold_text(cli, seeded_db, theme, pattern):
    counts = {entry["name"]: entry for entry in themes_json(cli, seeded_db)}[theme]
    expected = expected_counts(gold_matches(pattern))
    assert {key: counts[key] for key in expected} == expected
    assert expected["total"] > 0


def test_home_visits_by_hand(cli, seeded_db):
    """Five texts in four reports: Leicester twice; Durham and Leicester are Inadequate."""
    (counts,) = [e for e in themes_json(cli, seeded_db) if e["name"] == "Home visits"]
    assert counts["total"] == 5 and counts["pdus"] == 4
    assert counts["by_kind"] == {"strength": 2, "area_for_improvement": 1, "finding": 2}
    assert counts["by_rating"] == {"Inadequate": 2, "Requires improvement": 1, "Good": 1}
    assert counts["by_framework"] == {"2021": 2, "2024": 2}


def test_every_theme_counts_what_search_raw_finds(cli, seeded_db):
    every = themes_json(cli, seeded_db)
    assert len(every) == len(themes(shipped_themes_path())) == 17
    for entry in every:
        hits = json.loads(cli("--db", seeded_db, "search", "--raw", entry["query"], "--limit", "1000", "--json").stdout)
        assert entry["total"] == len(hits) == sum(entry["by_kind"].values()), entry["name"]
        assert entry["reports"] == len({hit["report_id"] for hit in hits}), entry["name"]
        assert sum(entry["by_framework"].values()) == entry["reports"]


def test_drilling_into_a_theme_lists_its_hits(cli, seeded_db):
    drilled = themes_json(cli, seeded_db, "home")
    searched = json.loads(cli("--db", seeded_db, "search", "home visits", "--json").stdout)
    assert drilled == searched
    assert len(drilled) == 5


def test_a_users_file_replaces_and_adds_themes(cli, seeded_db, user_config):
    user_config.write_text(
        '[[theme]]\nname = "mappa"\nquery = \'MAPPA OR "multi-agency public protection"\'\n'
        '[[theme]]\nname = "Police"\nquery = "police"\n',
        encoding="utf-8",
    )
    every = themes_json(cli, seeded_db)
    names = [entry["name"] for entry in every]
    assert len(names) == 18 and names[-1] == "Police" and "MAPPA" not in names
    police = every[-1]
    assert police["total"] == len(gold_matches(r"\bpolices?\b")) > 0  # "polices": a typo for policies, stemmed alike


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ('[[theme]]\nname = "No query"\n', [], "each [[theme]] needs a name and a query"),
        ("[[theme]\n", [], "themes.toml: "),
        ('[[theme]]\nname = "Broken"\nquery = "NEAR("\n', [], "theme query 'NEAR(': "),
        ("", ["work"], "'work' matches 2 themes: Workloads and caseloads; Unpaid work"),
        ("", ["nothing like it"], "no theme matches 'nothing like it': Home visits; "),
    ],
)
def test_bad_themes_are_one_line(cli, seeded_db, user_config, content, args, message):
    user_config.write_text(content, encoding="utf-8")
    result = cli("--db", seeded_db, "themes", *args)
    assert result.exit_code == 1
    assert result.stderr.startswith("probe: ") and message in result.stderr
    assert result.stderr.count("\n") == 1


def test_piped_themes_have_a_header_line(seeded_db, tmp_path):
    result = probe_process("--db", seeded_db, "themes", env={"XDG_CONFIG_HOME": str(tmp_path)})
    lines = result.stdout.splitlines()
    assert lines[0].split("\t")[:3] == ["Theme", "Matches", "PDUs"]
    assert lines[1] == "Home visits\t5\t4\t2\t1\t2\t0\t0\t1\t1\t2\t2\t2"
    assert len(lines) == 18


def test_a_report_with_no_overall_rating_counts_as_unrated(tmp_path):
    """Gwent's one home-visits finding (gold line 229), its overall rating taken away."""
    gwent = read_report(CORPUS / f"{STEMS[4]}.txt", DEFAULT_MAX_BYTES)
    db = build_db(tmp_path / "unrated.db", [dataclasses.replace(gwent, overall_rating=None)])
    with closing(sqlite3.connect(db)) as conn:
        counts = theme_counts(conn, db, ['"home visits"'])
    assert counts == [ThemeCounts(1, {"finding": 1}, 1, 1, {"unrated": 1}, {"2024": 1})]


def test_a_damaged_database_is_named_in_the_error(tmp_path):
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"not a database, " * 512)
    with closing(sqlite3.connect(damaged)) as conn, pytest.raises(StoreError) as raised:
        theme_counts(conn, damaged, ["home"])
    assert str(raised.value) == f"{damaged}: file is not a database"
