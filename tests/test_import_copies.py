"""One inspection held in several forms (its PDF, its web page, a text): the PDF is kept, whatever
the order they are imported in, and no copy quietly replaces one that holds more."""

from __future__ import annotations

import dataclasses
import json

import pytest

from conftest import REPO
from gold import STEMS, gold_report
from probe.store.read import Reader
from probe.store.connection import WouldLoseData
from probe.store.write import import_report, open_db

PUBLISHED = REPO / "tests" / "fixtures" / "published"
GWENT_PDF = PUBLISHED / "pdf-word" / "gwent-pdu-inspection-report.pdf"
GWENT_PAGE = PUBLISHED / "web-curl" / "gwent-pdu.html"


def home_visit_pages(db) -> list:
    with Reader(db) as reader:
        return [hit.page for hit in reader.search("home visits", pdu="gwent").hits]


def test_the_web_page_of_a_stored_pdf_keeps_the_pdf(cli, tmp_path):
    db = tmp_path / "probe.db"
    assert cli("--db", db, "import", GWENT_PDF).exit_code == 0
    pages = home_visit_pages(db)
    assert pages and all(pages)  # the PDF gives each finding's page

    result = cli("--db", db, "import", GWENT_PAGE)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "0 imported, 0 unchanged, 0 replaced, 1 kept, 0 refused"
    assert (
        f"{GWENT_PAGE}: kept the stored copy of Gwent PDU (September 2025) from its PDF over this one"
        " from its web page; --force replaces it"
    ) in result.stderr
    assert home_visit_pages(db) == pages


def test_the_pdf_replaces_a_stored_web_page_whatever_the_order(cli, tmp_path):
    db = tmp_path / "probe.db"
    cli("--db", db, "import", GWENT_PAGE)
    assert home_visit_pages(db) == [None]
    # The page gives the day it was published, the PDF only the month: one publication.
    result = cli("--db", db, "import", GWENT_PDF)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "0 imported, 0 unchanged, 1 replaced, 0 refused"
    assert all(home_visit_pages(db))


def test_force_replaces_the_pdf_with_the_web_page(cli, tmp_path):
    db = tmp_path / "probe.db"
    cli("--db", db, "import", GWENT_PDF)
    result = cli("--db", db, "import", "--force", GWENT_PAGE)
    assert result.stdout.splitlines()[-1] == "0 imported, 0 unchanged, 1 replaced, 0 refused"
    assert home_visit_pages(db) == [None]
    exported = json.loads(cli("--db", db, "export").stdout)
    assert [report["source_format"] for report in exported] == ["html"]


@pytest.mark.parametrize("stem", STEMS)
def test_a_copy_that_files_a_standards_findings_elsewhere_does_not_replace_it(tmp_path, stem):
    """Same totals, but every finding of the first standard with findings now sits under another
    section (a running header read as a heading, say): the stored report stays."""
    report = gold_report(stem)
    code = next(finding.section for finding in report.findings if finding.section[:1].isdigit())
    moved = dataclasses.replace(
        report,
        text=report.text + "\n",
        source_sha256="0" * 64,
        findings=[
            dataclasses.replace(f, section="Running header") if f.section == code else f
            for f in report.findings
        ],
    )
    db = open_db(tmp_path / "probe.db")
    assert import_report(db, report) == "imported"
    with pytest.raises(WouldLoseData, match=rf"this text holds less: no findings under {code};"):
        import_report(db, moved)
    assert import_report(db, moved, force=True) == "replaced"
    db.close()


def test_a_copy_that_empties_two_standards_names_both(tmp_path):
    report = gold_report(STEMS[4])  # Gwent
    codes = list(dict.fromkeys(f.section for f in report.findings if f.section[:1].isdigit()))[:2]
    moved = dataclasses.replace(
        report,
        source_sha256="0" * 64,
        findings=[
            dataclasses.replace(f, section="Running header") if f.section in codes else f
            for f in report.findings
        ],
    )
    db = open_db(tmp_path / "probe.db")
    assert import_report(db, report) == "imported"
    with pytest.raises(WouldLoseData) as refused:
        import_report(db, moved)
    db.close()
    assert codes == ["1.1", "1.2"]
    assert str(refused.value) == (
        "not replacing the stored Gwent PDU (September 2025): this text holds less: no findings"
        " under 1.1, 1.2; use --force to replace it anyway"
    )


def test_a_stored_copy_of_unknown_form_counts_as_a_text(tmp_path):
    """A report row with no source_format (written outside probe) is ranked as a text file:
    a text copy may replace it."""
    report = gold_report(STEMS[4])
    db = open_db(tmp_path / "probe.db")
    assert import_report(db, report) == "imported"
    db.execute("UPDATE reports SET source_format = NULL")
    db.conn.commit()
    assert report.source_format == "text"
    assert import_report(db, dataclasses.replace(report, source_sha256="1" * 64)) == "replaced"
    db.close()
