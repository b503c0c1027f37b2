"""The real `probe` CLI: output shapes, filters, errors as one line."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

from conftest import CORPUS, probe_process
from gold import STEMS, comparable, expected, load, seed_text
from probe.store.search import MAX_QUERY_CHARS
from test_search import HOME_VISITS


def lines(text: str) -> list[str]:
    return text.splitlines()


def test_search_piped_prints_the_five_home_visits_as_tsv(cli, seeded_db):
    result = cli("--db", seeded_db, "search", "home visits")
    assert result.exit_code == 0
    rows = [line.split("\t") for line in lines(result.stdout)]
    assert [(row[0], row[2]) for row in rows] == HOME_VISITS
    assert all(len(row) == 7 for row in rows)
    assert all(row[6] == "" for row in rows)  # the page column: text reports have no pages
    assert rows[1][1:5] == ["September 2025", "2.3", "Implementation and delivery", "finding"]
    assert rows[1][5].startswith("Only 20 out of 48 home visits")
    assert result.stderr.strip() == "5 hits"


def test_search_json_gives_the_same_five(cli, seeded_db):
    result = cli("--db", seeded_db, "search", "home visits", "--json")
    hits = json.loads(result.stdout)
    assert [(hit["pdu"], hit["section"]) for hit in hits] == HOME_VISITS
    assert set(hits[0]) >= {"pdu", "fieldwork_started", "section", "section_heading", "kind",
                            "text", "snippet"}  # fmt: skip
    assert hits[0]["section_heading"] == "Implementation and delivery"
    assert "home visits" in hits[0]["snippet"]


def test_search_env_database_and_filters(cli, seeded_db, monkeypatch):
    monkeypatch.setenv("PROBE_DB", str(seeded_db))
    result = cli("search", "home visits", "--kind", "improvement", "--pdu", "leic", "--json")
    assert [(h["pdu"], h["section"]) for h in json.loads(result.stdout)] == [HOME_VISITS[0]]
    result = cli("search", "home visits", "--standard", "2.3", "--since", "2025", "--limit", "1")
    assert [line.split("\t")[0] for line in lines(result.stdout)] == ["Gwent PDU"]
    result = cli("search", "home visits", "--rating", "inadequate", "--json")
    assert len(json.loads(result.stdout)) == 3


@pytest.mark.parametrize(
    ("query", "words"), [('"home', "home"), ("AND", "and"), ("*", None), ("x" * MAX_QUERY_CHARS, None), ("\x1b[2J", None)]
)
def test_odd_queries_are_searched_as_their_words(seeded_db, query, words):
    result = probe_process("--db", seeded_db, "search", query)  # a real process: a crash would show
    assert result.returncode == 0, result.stderr
    if words is None:
        assert (result.stdout, result.stderr) == ("", "0 hits\n")
    else:
        same = probe_process("--db", seeded_db, "search", words)
        assert (result.stdout, result.stderr) == (same.stdout, same.stderr)
        assert len(lines(result.stdout)) == int(result.stderr.split()[0]) > 0


@pytest.mark.parametrize("query", ["", "   "])
def test_an_empty_query_is_one_line(cli, seeded_db, query):
    result = cli("--db", seeded_db, "search", query)
    assert result.exit_code == 1
    assert lines(result.stderr) == [
        'probe: nothing to search for: give some words, e.g. probe search "home visits"'
    ]


def test_an_unknown_standard_is_pointed_out_not_zero_hits(cli, seeded_db):
    result = cli("--db", seeded_db, "search", "home visits", "--standard", "Bogus")
    assert result.exit_code == 1
    (line,) = lines(result.stderr)
    assert line.startswith("probe: no standard matches 'Bogus': give a code such as 2.1, or one of ")
    assert "Court work" in line and "Staffing" in line


def test_an_unknown_pdu_is_pointed_out_not_zero_hits(cli, seeded_db):
    result = cli("--db", seeded_db, "search", "home visits", "--pdu", "nosuch")
    assert (result.exit_code, result.stdout) == (1, "")
    assert lines(result.stderr) == ["probe: no PDU's name contains 'nosuch': `probe pdus` lists them"]
    tyne = cli("--db", seeded_db, "search", "home visits", "--pdu", "TYNE")
    assert [line.split("\t")[0] for line in lines(tyne.stdout)] == ["South Tyneside and Gateshead PDU"]


def test_filters_that_rule_everything_out_say_zero_without_the_all_words_note(cli, seeded_db):
    result = cli("--db", seeded_db, "search", "home visits", "--kind", "recommendation")
    assert result.exit_code == 0 and result.stdout == ""
    assert lines(result.stderr) == ["0 hits"]


def test_a_limit_shows_how_many_of_the_total(cli, seeded_db):
    result = cli("--db", seeded_db, "search", "home visits", "--limit", "2")
    assert len(lines(result.stdout)) == 2
    assert lines(result.stderr) == ["2 of 5 hits"]


@pytest.mark.parametrize("limit", ["99999999999999999999", "1000001", "0"])
def test_a_limit_out_of_bounds_is_a_usage_error_not_a_traceback(seeded_db, limit):
    result = probe_process("--db", seeded_db, "search", "risk", "--limit", limit)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"Invalid value for '--limit': {limit} is not in the range 1<=x<=1000000." in result.stderr


def test_the_largest_limit_shows_every_hit(cli, seeded_db):
    result = cli("--db", seeded_db, "search", "home visits", "--limit", "1000000")
    assert len(lines(result.stdout)) == 5
    assert lines(result.stderr) == ["5 hits"]


def test_raw_syntax_error_is_one_line(cli, seeded_db):
    result = cli("--db", seeded_db, "search", "--raw", "home AND")
    assert result.exit_code == 1
    assert lines(result.stderr) == ['probe: search syntax: fts5: syntax error near ""']


def test_pdus_lists_every_report(cli, seeded_db):
    rows = [line.split("\t") for line in lines(cli("--db", seeded_db, "pdus").stdout)]
    assert rows[1] == ["Gwent", "", "September 2025", "Requires improvement", "4/21"]
    assert [row[0] for row in rows] == sorted(load(s)["pdu_name_normalised"] for s in STEMS)


def test_show_prints_ratings_questions_and_recommendations(cli, seeded_db):
    result = cli("--db", seeded_db, "show", "DURHAM")
    assert result.exit_code == 0
    gold = load(STEMS[1])
    out = " ".join(result.stdout.split())
    assert out.startswith("County Durham and Darlington PDU")
    for standard in gold["standards"]:
        assert f"{standard['code']} {standard['name']} {standard['rating']}" in out
    for recommendation in gold["recommendations"]:
        assert " ".join(recommendation["text"].split()) in out
    for question in gold["key_questions"]:
        assert str(question["percent"]) in out


def test_show_ambiguous_and_unknown_are_one_line(cli, seeded_db):
    result = cli("--db", seeded_db, "show", "tyne")
    assert result.exit_code == 1
    assert lines(result.stderr) == [
        "probe: 'tyne' matches 2 PDUs: Newcastle Upon Tyne; South Tyneside and Gateshead"
    ]
    result = cli("--db", seeded_db, "show", "atlantis")
    assert result.exit_code == 1
    assert len(lines(result.stderr)) == 1 and "atlantis" in result.stderr


def test_export_json_matches_the_gold_standard(cli, seeded_db, tmp_path):
    out = tmp_path / "export.json"
    assert cli("--db", seeded_db, "export", "--format", "json", "--out", out).exit_code == 0
    exported = {report["source_name"]: report for report in json.loads(out.read_text())}
    for stem in STEMS:
        assert comparable(exported[f"{stem}.txt"]) == expected(stem)


def test_export_csv_has_one_row_per_report_and_a_column_per_standard(cli, seeded_db):
    rows = list(csv.DictReader(io.StringIO(cli("--db", seeded_db, "export", "-f", "csv").stdout)))
    assert len(rows) == 5
    gwent = next(row for row in rows if row["pdu"] == "Gwent PDU")
    assert gwent["score_points"] == "4" and gwent["Leadership"] == "Good"
    assert gwent["Court work"] == ""
    gateshead = next(row for row in rows if row["pdu"].startswith("South Tyneside"))
    assert gateshead["Court work"] == "Outstanding"
    assert gateshead["Staffing"] == "Good" and "Staff" not in gateshead  # 2021's Staff, aligned


def test_export_to_an_unwritable_place_is_one_line(cli, seeded_db, tmp_path):
    result = cli("--db", seeded_db, "export", "--out", tmp_path / "no" / "such" / "x.json")
    assert result.exit_code == 1
    assert lines(result.stderr)[0].startswith("probe: cannot write")


def test_not_a_database_is_one_line_and_kept(cli, tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("shopping list\n" * 20)
    for command in (["search", "x"], ["pdus"], ["show", "x"], ["export"], ["import", bad]):
        result = cli("--db", bad, *command)
        assert result.exit_code == 1
        assert lines(result.stderr) == [f"probe: {bad}: not a SQLite database"]
    assert bad.read_text() == "shopping list\n" * 20


def test_help_reads_with_examples(cli):
    result = cli("--help")
    assert result.exit_code == 0
    assert "probe search" in result.stdout and "--db" in result.stdout
    result = cli("search", "--help")
    assert "home visits" in result.stdout and "--raw" in result.stdout


def test_first_run_builds_the_default_database_from_the_bundled_reports(cli, tmp_path):
    database = tmp_path / "xdg" / "probe" / "probe.db"
    result = cli("search", "home visits")
    assert result.exit_code == 0
    assert lines(result.stderr) == [
        f"probe: first run: building {database} from the bundled reports",
        "5 hits",
    ]
    assert [(row.split("\t")[0], row.split("\t")[2]) for row in lines(result.stdout)] == HOME_VISITS
    again = cli("pdus")
    assert again.stderr == "" and len(lines(again.stdout)) == 5
    assert not [p for p in database.parent.iterdir() if "partial" in p.name]


def test_import_a_folder_mixing_good_and_bad_files(cli, seeded_db, tmp_path):
    from probe.store.read import Reader

    folder = tmp_path / "incoming"
    (folder / "nested").mkdir(parents=True)
    shutil.copy(CORPUS / f"{STEMS[0]}.txt", folder / "same.txt")
    changed = (CORPUS / f"{STEMS[1]}.txt").read_text(encoding="utf-8")
    (folder / "nested" / "changed.txt").write_text(
        changed.replace("Home visits were undertaken", "Doorstep calls were undertaken"),
        encoding="utf-8",
    )
    (folder / "empty.txt").write_text("")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 20)
    (folder / "README.md").write_text("# Not a report: every file in a folder is read\n")
    (folder / "notes.txt").write_text("Remember to buy milk.\n")
    gwent = (CORPUS / f"{STEMS[4]}.txt").read_text(encoding="utf-8")
    (folder / "gwent-cut.txt").write_text(gwent[: len(gwent) // 2], encoding="utf-8")
    with Reader(seeded_db) as reader:
        before = {s.pdu: reader.report(s.id) for s in reader.reports()}

    result = cli("--db", seeded_db, "import", folder, folder / "photo.jpg", folder / "missing.txt")

    assert result.exit_code == 1
    assert lines(result.stdout) == ["0 imported, 1 unchanged, 1 replaced, 6 refused"]
    notes = [line.split(": ", 1) for line in lines(result.stderr)]
    refused = ("README.md", "empty.txt", "gwent-cut.txt", "notes.txt", "photo.jpg", "missing.txt")
    changed = str(folder / "nested" / "changed.txt")
    assert [name for name, _ in notes] == [
        *(str(folder / name) for name in refused[:3]), changed, changed,
        *(str(folder / name) for name in refused[3:]),
    ]  # fmt: skip
    said = dict(reversed(notes))  # the first line about each file
    assert said[str(folder / "empty.txt")] == "empty file"
    assert said[str(folder / "gwent-cut.txt")].startswith(
        "not replacing the stored Gwent PDU (September 2025): this text holds less: "
    )
    assert said[changed] == "replaced the stored County Durham and Darlington PDU (July 2025)"
    assert said[str(folder / "README.md")].startswith("not an HM Inspectorate of Probation PDU")
    assert said[str(folder / "photo.jpg")] == "binary file (a JPEG image), not report text"
    assert notes[4][1].startswith("2 warnings: 'Published:' label has no date; fieldwork started")
    with Reader(seeded_db) as reader:
        after = {s.pdu: reader.report(s.id) for s in reader.reports()}
        assert reader.search("doorstep calls").total == 1
    durham = "County Durham and Darlington PDU"
    assert {pdu: r for pdu, r in after.items() if pdu != durham} == {
        pdu: r for pdu, r in before.items() if pdu != durham
    }
    assert after[durham] != before[durham]


@pytest.mark.parametrize(
    "words, expected",
    [
        ("probe se", ["search", "serve"]),
        ("probe search x --kind ", ["strength", "area_for_improvement", "finding", "recommendation"]),
        ("probe show Gw", ["Gwent"]),
    ],
)
def test_shell_completion_offers_commands_kinds_and_pdus(seeded_db, words, expected):
    from conftest import probe_process

    result = probe_process(
        env={"_PROBE_COMPLETE": "complete_bash", "COMP_WORDS": words,
             "COMP_CWORD": str(len(words.split(" ")) - 1), "PROBE_DB": str(seeded_db)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == expected


def test_export_takes_its_format_from_the_out_suffix_unless_told(cli, seeded_db, tmp_path):
    cli("--db", seeded_db, "export", "--out", tmp_path / "ratings.CSV")
    assert (tmp_path / "ratings.CSV").read_text(encoding="utf-8").startswith("pdu,region,framework,")
    cli("--db", seeded_db, "export", "--out", tmp_path / "all.json")
    assert len(json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))) == len(STEMS)
    cli("--db", seeded_db, "export", "--format", "json", "--out", tmp_path / "told.csv")
    assert (tmp_path / "told.csv").read_text(encoding="utf-8").startswith("[\n  {")


def test_import_shows_five_warnings_per_file_and_counts_the_rest(cli, tmp_path):
    report = tmp_path / "repeated.txt"
    report.write_text(seed_text(STEMS[2]) + "\n2.1 Assessment\n" * 300, encoding="utf-8")
    result = cli("--db", tmp_path / "probe.db", "import", report)
    assert result.exit_code == 0
    (note,) = [line for line in result.stderr.splitlines() if "warnings" in line]
    assert note.startswith(f"{report}: 300 warnings: standard 2.1: a second section at line ")
    assert note.count("a second section at line") == 5
    assert note.endswith("; and 295 more (probe show lists them)")


@pytest.mark.parametrize(
    "placed",
    [
        lambda db: ["search", "home visits", "--db", db],
        lambda db: ["search", f"--db={db}", "home visits"],
        lambda db: ["--db", db, "search", "home visits"],
    ],
    ids=["after the query", "between command and query", "before the command"],
)
def test_db_is_read_wherever_it_is_written(seeded_db, placed):
    result = probe_process(*placed(seeded_db), env={"XDG_DATA_HOME": str(seeded_db.parent / "none")})
    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in lines(result.stdout)]
    assert [(row[0], row[2]) for row in rows] == HOME_VISITS


def test_db_after_a_double_dash_is_the_query(seeded_db):
    result = probe_process("--db", seeded_db, "search", "--", "--db")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "0 hits\n")
