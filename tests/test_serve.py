"""`probe serve`: the real Datasette server, started as `python -m probe serve` on 127.0.0.1,
asked through its JSON API, and checked against the CLI and the Reader on the bundled reports."""

from __future__ import annotations

import asyncio
import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS, build_db, probe_process
from gold import STEMS
from probe.domain.frameworks import aligned_standard
from probe.importers import read_report
from probe.store.read import Reader
from serve_server import serving

MARKS = re.compile("</?mark>")


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    reports = (read_report(CORPUS / f"{stem}.txt") for stem in STEMS)
    return build_db(tmp_path_factory.mktemp("serve") / "shared.db", reports)


@pytest.fixture(scope="module")
def server(db):
    with serving(db) as running:
        yield running


def cli_search(db: Path, query: str, *options: str) -> tuple[list[dict], str]:
    result = probe_process("--db", db, "search", query, "--json", "--limit", "100", *options)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout), result.stderr


def same_hits(rows: list[dict]) -> list[tuple]:
    """What identifies a hit and what it shows, in the API's terms, the snippet unhighlighted."""
    return [
        (row["pdu"], row["fieldwork_started"], row["section"], row["section_heading"], row["kind"],
         row["line"], row["page"], row["anchor"], row["url"], row["report_id"],
         " ".join(MARKS.sub("", row["snippet"]).split()))
        for row in rows
    ]  # fmt: skip


def cli_hits(hits: list[dict]) -> list[tuple]:
    return [
        (hit["pdu"], hit["fieldwork_started"], hit["section"], hit["section_heading"], hit["kind"],
         hit["line"], hit["page"], hit["anchor"], hit["url"], hit["report_id"], hit["snippet"])
        for hit in hits
    ]  # fmt: skip


def test_search_for_home_visits_gives_the_cli_five_findings_in_its_order(server, db):
    rows = server.rows("probe/search", q="home visits")
    hits, _ = cli_search(db, "home visits")
    assert len(rows) == 5
    assert same_hits(rows) == cli_hits(hits)
    assert [row["pdu"] for row in rows] == [
        "Leicester, Leicestershire and Rutland PDU", "Gwent PDU",
        "South Tyneside and Gateshead PDU", "County Durham and Darlington PDU",
        "Leicester, Leicestershire and Rutland PDU",
    ]  # fmt: skip
    # Every snippet highlights the phrase; none of them is Durham's "visited ... at home".
    for row in rows:
        assert re.search(r"<mark>home visits</mark>", row["snippet"], re.IGNORECASE), row
    assert {row["total"] for row in rows} == {5}
    assert {row["all_words"] for row in rows} == {0}


@pytest.mark.parametrize(
    "query, options",
    [
        ("risk", ["--kind", "improvement", "--pdu", "durham"]),
        ("risk", ["--standard", "Assessment", "--rating", "Inadequate"]),
        ("risk", ["--standard", "2.1"]),
        ("risk", ["--kind", "recommendation", "--since", "2025"]),
        ("managers", ["--kind", "strength"]),
        ("probation", []),
    ],
)
def test_search_filters_rank_as_the_cli_does(server, db, query, options):
    params = {option.removeprefix("--"): value for option, value in zip(options[::2], options[1::2])}
    rows = server.rows("probe/search", q=query, **params)
    hits, _ = cli_search(db, query, *options)
    assert rows, "a query with nothing to compare proves nothing"
    assert same_hits(rows) == cli_hits(hits)


def test_search_falls_back_to_all_the_words_as_the_cli_does(server, db):
    rows = server.rows("probe/search", q="visits police")
    hits, stderr = cli_search(db, "visits police")
    assert "no text has these words as a phrase" in stderr
    assert same_hits(rows) == cli_hits(hits)
    assert [row["line"] for row in rows] == [466, 148]
    assert {row["all_words"] for row in rows} == {1}


def test_search_with_nothing_to_match_is_empty_not_an_error(server):
    assert server.rows("probe/search", q="* ( )") == []
    assert server.rows("probe/search", q="") == []


def snippet_cells(page: str) -> list[str]:
    return re.findall(r'<td class="col-snippet">(.*?)</td>', page, re.DOTALL)


def test_search_page_highlights_matches_and_escapes_the_rest(server):
    cells = snippet_cells(server.html("probe/search", q="home visits"))
    assert len(cells) == 5
    assert "<mark>Home visits</mark> were frequently carried out" in cells[2]
    assert all(cell.count("<mark>") == cell.count("</mark>") == 1 for cell in cells)
    # Report text is escaped: "&" in "Inclusion (EDI) & Belonging Roadmap" stays text.
    (cell,) = snippet_cells(server.html("probe/search", q="belonging roadmap"))
    assert "Inclusion (EDI) &amp; <mark>Belonging Roadmap</mark>" in cell


def test_canned_query_pages_are_titled_by_name_not_by_sql(server):
    titles = {
        query: re.search(r"<title>(.*?)</title>", server.html(f"probe/{query}"), re.DOTALL).group(1)
        for query in ("search", "ratings_matrix")
    }
    assert titles == {
        "search": "Search findings and recommendations · probe",
        "ratings_matrix": "Ratings of every report · probe",
    }


def test_ratings_matrix_puts_2021_staff_beside_2024_staffing(server, db):
    rows = server.rows("probe/ratings_matrix")
    with Reader(db) as reader:
        matrix = reader.ratings_matrix()
    expected_columns = list(dict.fromkeys(aligned_standard(name) for name in matrix.columns))
    assert [column for column in rows[0] if column in expected_columns] == expected_columns
    assert "Staff" not in rows[0]
    assert [row["report_id"] for row in rows] == [summary.id for summary, _ in matrix.rows]
    for row, (summary, ratings) in zip(rows, matrix.rows, strict=True):
        aligned = {aligned_standard(name): rating for name, rating in ratings.items()}
        assert {column: row[column] for column in expected_columns} == {
            column: aligned.get(column) for column in expected_columns
        }, summary.pdu
    south_tyneside = next(row for row in rows if row["pdu"].startswith("South Tyneside"))
    assert (south_tyneside["framework"], south_tyneside["Staffing"]) == ("2021", "Good")


def test_key_question_has_the_readers_median_and_rank(server, db):
    question = "Does assessment focus sufficiently on keeping other people safe?"
    rows = server.rows("probe/key_question", question="keeping other people safe")
    asked = [row for row in rows if row["question"] == question]
    assert [(row["pdu"], row["percent"], row["rank"]) for row in asked] == [
        ("South Tyneside and Gateshead PDU", 60, 1),
        ("County Durham and Darlington PDU", 39, 2),
        ("Leicester, Leicestershire and Rutland PDU", 31, 3),
        ("Newcastle Upon Tyne PDU", 29, 4),
        ("Gwent PDU", 28, 5),
    ]
    with Reader(db) as reader:
        for row in rows:
            stats = next(
                stat for stat in reader.key_question_stats(row["report_id"])
                if stat.question == row["question"]
            )  # fmt: skip
            assert (row["percent"], row["band"], row["rank"], row["of"], row["median"]) == (
                stats.percent, stats.band, stats.rank, stats.of, stats.median
            )


def test_pdu_report_is_the_latest_report_as_probe_show_reads_it(server, db):
    rows = server.rows("probe/pdu_report", pdu="gwent")
    with Reader(db) as reader:
        (summary,) = reader.find_reports("gwent")
        report, stats = reader.report(summary.id), reader.key_question_stats(summary.id)
    by_part = {}
    for row in rows:
        by_part.setdefault(row["part"], []).append(row)
    assert [row["value"] for row in by_part["Overall"]] == ["Requires improvement (4/21)"]
    assert [(row["ref"], row["item"], row["value"]) for row in by_part["Rating"]] == [
        (standard.code, standard.name, standard.rating or "-") for standard in report.standards
    ]
    assert [
        (row["ref"], row["item"], row["value"], row["median"], row["rank"])
        for row in by_part["Key question"]
    ] == [
        (stat.standard_code, stat.question, f"{stat.percent}%", stat.median, stat.rank)
        for stat in stats
    ]
    assert [(row["ref"], row["item"], row["value"]) for row in by_part["Recommendation"]] == [
        (item.number, item.text, item.addressee) for item in report.recommendations
    ]
    assert len(by_part["Recommendation"]) > 0


def test_fts_shadow_tables_are_hidden(server):
    tables = {table["name"]: table["hidden"] for table in server.get("probe")["tables"]}
    shadow = {name for name in tables if "_fts" in name}
    assert len(shadow) == 10
    assert all(tables[name] for name in shadow)
    assert not any(hidden for name, hidden in tables.items() if name not in shadow)


def test_nothing_can_be_written_through_the_server(server, db):
    # Datasette refuses what does not look like a SELECT; what gets past that meets a
    # read-only connection.
    refused = server.get("probe", sql="delete from reports")
    assert refused["error"] == "Statement must be a SELECT"
    disguised = server.get("probe", sql="with doomed as (select 1) delete from reports")
    assert disguised["error"] == "attempt to write a readonly database"
    with Reader(db) as reader:
        assert len(reader.reports()) == 5


def test_a_refused_query_is_answered_without_a_traceback(db, capfd):
    """The server's log is for faults: a user's refused SQL is a 400 answer, not a traceback
    with the query and the request printed beside it."""
    from datasette.app import Datasette

    from probe.serve import configured_datasette

    async def refused():
        return await configured_datasette(Datasette, db).client.get("/probe.json?sql=delete+from+reports")

    response = asyncio.run(refused())
    assert (response.status_code, response.json()["error"]) == (400, "Statement must be a SELECT")
    printed = capfd.readouterr()
    assert "Traceback" not in printed.out + printed.err


def test_reports_imported_while_it_runs_show_up(tmp_path):
    db = build_db(tmp_path / "probe.db", (read_report(CORPUS / f"{stem}.txt") for stem in STEMS[:-1]))
    gwent = CORPUS / f"{STEMS[-1]}.txt"
    assert read_report(gwent).pdu == "Gwent PDU"
    with serving(db) as running:
        before = [row["pdu"] for row in running.rows("probe/search", q="home visits")]
        imported = probe_process("--db", db, "import", gwent)
        assert imported.returncode == 0, imported.stderr
        after = [row["pdu"] for row in running.rows("probe/search", q="home visits")]
    assert "Gwent PDU" not in before and len(before) == 4
    assert after.count("Gwent PDU") == 1 and len(after) == 5


def test_another_host_is_served_with_a_warning(db):
    with serving(db, "--host", "0.0.0.0") as running:
        warning, serving_line = running.lines[-2:]
    assert warning.startswith("probe: warning: listening on 0.0.0.0: anyone who can reach")
    assert "can read every report in" in warning
    assert serving_line.startswith(f"probe: serving {db} read-only at http://0.0.0.0:")


def test_loopback_is_the_default_and_gives_no_warning(server):
    assert server.url.startswith("http://127.0.0.1:")
    assert [line for line in server.lines if "warning" in line] == []


def test_without_the_extra_one_line_names_it(tmp_path):
    # The real CLI in a process where `import datasette` fails, as it does without the extra;
    # on a first run it says so before building a database it could not show.
    code = (
        "import sys; sys.modules['datasette'] = None; sys.argv = ['probe', 'serve']; "
        "from probe.cli import main; main()"
    )
    env = {**{k: v for k, v in os.environ.items() if k != "PROBE_DB"}, "XDG_DATA_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env
    )
    assert result.returncode == 1
    assert result.stderr == (
        "probe: probe serve needs Datasette, an optional extra: pip install 'hmip-probe[serve]'\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_busy_port_is_one_line(db):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = probe_process("--db", db, "serve", "--port", port)
    assert result.returncode == 1
    assert result.stderr == f"probe: cannot listen on 127.0.0.1 port {port}: Address already in use\n"


def test_a_file_that_is_not_a_database_is_one_line(tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_text("not a database")
    result = probe_process("--db", notes, "serve", "--port", "0")
    assert result.returncode == 1
    assert result.stderr == f"probe: {notes}: not a SQLite database\n"


def test_pages_carry_the_open_government_licence_attribution(server):
    answer = server.get("probe/search", q="home visits")
    assert (answer["license"], answer["source"]) == (
        "Open Government Licence v3.0", "HM Inspectorate of Probation"
    )
    index = " ".join(server.html("").split())
    assert "Contains public sector information licensed under the Open Government Licence v3.0" in index
    for page in ("probe/search", "probe/ratings_matrix", "probe/key_question", "probe/pdu_report"):
        footer = " ".join(server.html(page).split("<footer", 1)[1].split())
        assert "Data license: <a href=" in footer and ">Open Government Licence v3.0</a>" in footer, page
        assert "Data source: <a href=" in footer and "HM Inspectorate of Probation</a>" in footer, page


def test_search_gives_a_web_page_finding_the_address_of_its_section(tmp_path):
    from conftest import REPO

    page = REPO / "tests" / "fixtures" / "published" / "web-curl" / "gwent-pdu.html"
    db = build_db(tmp_path / "web.db", [read_report(page)])
    with serving(db) as server:
        rows = server.rows("probe/search", q="home visits")
    hits, _ = cli_search(db, "home visits")
    assert same_hits(rows) == cli_hits(hits)
    assert [(row["section"], row["page"], row["anchor"], row["url"]) for row in rows] == [
        ("2.3", None, "standard-2-3",
         "https://hmiprobation.justiceinspectorates.gov.uk/inspections/gwent-pdu/#standard-2-3"),
    ]  # fmt: skip
