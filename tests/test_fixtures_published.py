"""The published-form fixtures (tests/fixtures/published/) are complete and consistent.

They are generated once by tests/fixtures/make_published.py and committed; these tests check the
committed set without LibreOffice or WeasyPrint: every file the manifest names exists, every
expected-values file parses with gold's fields, every web page prints every expected value in
report order, and the renamed copies really differ from the reports they were made from.
The importer's own tests over these files live with the importer.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from fixtures.publishing.check import check_fixture, fixture_text
from gold import GOLD_DIR, STEMS

REPO = Path(__file__).resolve().parent.parent
PUBLISHED = REPO / "tests" / "fixtures" / "published"
MANIFEST = json.loads((PUBLISHED / "MANIFEST.json").read_text(encoding="utf-8"))
REPORTS, JUNK = MANIFEST["reports"], MANIFEST["junk"]
GOLD_FIELDS = {"pdu", "framework", "fieldwork_started", "score_points", "score_max", "overall_rating",
               "standards", "key_questions", "recommendations", "findings"}  # fmt: skip


def _ids(entries):
    return [Path(e["file"]).name for e in entries]


def test_every_manifest_file_exists():
    for entry in REPORTS + JUNK:
        assert (REPO / entry["file"]).is_file(), entry["file"]
    for entry in REPORTS:
        assert (REPO / entry["source_seed"]).is_file()
        assert (REPO / entry["expected"]).is_file()


def test_manifest_lists_every_fixture_file():
    listed = {entry["file"] for entry in REPORTS + JUNK}
    listed |= {entry["expected"] for entry in REPORTS}
    asset_dirs = [REPO / entry["assets"] for entry in REPORTS if "assets" in entry]
    on_disk = {
        path.relative_to(REPO).as_posix()
        for path in PUBLISHED.rglob("*")
        if path.is_file() and path.name not in ("MANIFEST.json", "README.md")
        and not any(folder in path.parents for folder in asset_dirs)
    }  # fmt: skip
    assert on_disk == {path for path in listed if path.startswith("tests/fixtures/published/")}


def test_each_bundled_report_has_seven_renderings():
    made_by = {stem: [] for stem in STEMS}
    for entry in REPORTS:
        if entry["expected"] == f"tests/gold/{Path(entry['source_seed']).stem}.json":
            made_by[Path(entry["source_seed"]).stem].append((entry["format"], entry["made_by"].split(";")[0]))
    for stem, kinds in made_by.items():
        assert sorted(kinds) == [
            ("html", "WordPress page as curl fetches it"),
            ("html", "WordPress page, browser 'Save page as, complete'"),
            ("pdf", "HTML + WeasyPrint"),
            ("pdf", "python-docx + LibreOffice"),
            ("text", "pdftotext -layout of the Word PDF (columns set out with spaces)"),
            ("text", "pdftotext -layout of the browser PDF (columns set out with spaces)"),
            ("text", "pdftotext of the Word PDF (form feeds, headers, footers kept)"),
        ], stem


@pytest.mark.parametrize("entry", REPORTS, ids=_ids(REPORTS))
def test_expected_values_have_gold_fields(entry):
    expected = json.loads((REPO / entry["expected"]).read_text(encoding="utf-8"))
    assert GOLD_FIELDS <= expected.keys()
    assert expected["counts"]["findings_total"] == len(expected["findings"])
    assert len(expected["key_questions"]) == expected["counts"]["key_questions"]


@pytest.mark.parametrize("entry", REPORTS + JUNK, ids=_ids(REPORTS + JUNK))
def test_file_kind_matches_content(entry):
    head = (REPO / entry["file"]).read_bytes()[:2048]
    if entry["format"] == "pdf":
        assert head.startswith(b"%PDF-")
    elif entry["format"] == "html":
        assert b"<html" in head.lower() and not head.startswith(b"%PDF")
    else:
        assert entry["format"] == "text" and b"<html" not in head.lower() and b"\f" in (REPO / entry["file"]).read_bytes()


@pytest.mark.parametrize("entry", [e for e in REPORTS if "assets" in e], ids=_ids([e for e in REPORTS if "assets" in e]))
def test_saved_page_points_at_its_files_folder(entry):
    folder = REPO / entry["assets"]
    html = (REPO / entry["file"]).read_text(encoding="utf-8")
    assert html.startswith("<!-- saved from url=(")
    for name in ("style.css", "site.js"):
        assert (folder / name).is_file()
        assert f"./{folder.name}/{name}" in html


@pytest.mark.parametrize("entry", [e for e in REPORTS if e["format"] == "html"], ids=_ids([e for e in REPORTS if e["format"] == "html"]))
def test_web_page_prints_every_expected_value_in_order(entry):
    assert check_fixture(REPO, entry) == []
    html = (REPO / entry["file"]).read_text(encoding="utf-8")
    assert f'datetime="{entry["published_date"]}' in html
    for chrome in ("cookie-banner", "breadcrumbs", 'role="search"', "Back to top", "site-footer", "Share this page"):
        assert chrome in html


PASTED = [e for e in REPORTS if e["format"] == "text" and "from_pdf" not in e]
LAID_OUT = [e for e in REPORTS if "from_pdf" in e]


@pytest.mark.parametrize("entry", PASTED, ids=_ids(PASTED))
def test_pasted_text_prints_every_expected_value_in_order(entry):
    assert check_fixture(REPO, entry) == []


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
@pytest.mark.parametrize("entry", LAID_OUT, ids=_ids(LAID_OUT))
def test_layout_text_is_what_pdftotext_layout_gives_for_its_pdf(entry):
    """Its values are those its PDF is checked to print; the columns are set out with spaces."""
    made = subprocess.run(["pdftotext", "-layout", str(REPO / entry["from_pdf"]), "-"],
                          capture_output=True, text=True, check=True).stdout  # fmt: skip
    text = (REPO / entry["file"]).read_text(encoding="utf-8")
    assert text == made and "\f" in text
    assert sum(1 for line in text.splitlines() if line.startswith("   ")) > 100


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
@pytest.mark.parametrize("entry", [e for e in REPORTS if e["format"] == "pdf"], ids=_ids([e for e in REPORTS if e["format"] == "pdf"]))
def test_pdf_text_layer_prints_every_expected_value_in_order(entry):
    assert check_fixture(REPO, entry) == []


def test_renamed_copies_change_name_and_numbers():
    renamed = [e for e in REPORTS if not e["expected"].startswith("tests/gold/")]
    assert len({e["expected"] for e in renamed}) >= 2
    for entry in renamed:
        new = json.loads((REPO / entry["expected"]).read_text(encoding="utf-8"))
        old = json.loads((GOLD_DIR / f"{Path(entry['source_seed']).stem}.json").read_text(encoding="utf-8"))
        assert new["pdu"] != old["pdu"]
        changed = [a["percent"] for a, b in zip(new["key_questions"], old["key_questions"]) if a["percent"] != b["percent"]]
        assert len(changed) >= 3
        assert [s["rating"] for s in new["standards"]] != [s["rating"] for s in old["standards"]]
        assert new["score_points"] != old["score_points"]
        if entry["format"] == "html":
            old_name = " ".join(old["pdu_name_normalised"].split())
            assert old_name not in " ".join(fixture_text(REPO / entry["file"]).split())


def test_check_catches_a_value_the_page_does_not_print():
    # The renamed page checked against its original's gold must fail: the check can fail.
    entry = next(e for e in REPORTS if e["format"] == "html" and "renamed" in e["file"])
    original = dict(entry, expected=f"tests/gold/{Path(entry['source_seed']).stem}.json")
    problems = check_fixture(REPO, original)
    assert any("score" in p for p in problems) and any(" kq " not in p and "pdu" in p for p in problems)
