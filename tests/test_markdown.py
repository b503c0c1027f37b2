"""`probe export --format md`: every report as Markdown, checked against the gold standard."""

from __future__ import annotations

import dataclasses
import re

from conftest import CORPUS
from gold import STEMS, load
from probe.importers import DEFAULT_MAX_BYTES, read_report
from probe.output.markdown import report_markdown


def documents(cli, db) -> dict[str, str]:
    result = cli("--db", db, "export", "--format", "md")
    assert result.exit_code == 0
    parts = result.stdout.split("\n---\n\n")
    return {part.splitlines()[0].removeprefix("# "): part for part in parts}


def test_every_report_with_its_ratings_recommendations_and_findings(cli, seeded_db):
    docs = documents(cli, seeded_db)
    assert len(docs) == 5
    for stem in STEMS:
        gold = load(stem)
        doc = docs[gold["pdu"]]
        for standard in gold["standards"]:
            assert f"| {standard['code']} | {standard['name']} | {standard['rating'] or 'not rated'} |" in doc
        findings = doc.split("\n## Findings\n", 1)[1].split("\n## Import warnings", 1)[0]
        bullets = re.findall(r"^- .* \(line (\d+)\)$", findings, re.MULTILINE)
        assert [int(line) for line in bullets] == [f["line"] for f in gold["findings"]]
        numbered = re.findall(r"^(\d+)\. ", doc, re.MULTILINE)
        assert [int(n) for n in numbered] == [r["number"] for r in gold["recommendations"]]
        assert f"- **Score:** {gold['score_points']}/{gold['score_max']}" in doc


def test_report_text_cannot_become_markdown(tmp_path):
    report = read_report(CORPUS / f"{STEMS[4]}.txt", DEFAULT_MAX_BYTES)
    finding = dataclasses.replace(report.findings[0], text="# not a heading | [a link](http://x) *bold*\nnext")
    doc = report_markdown(dataclasses.replace(report, findings=[finding]))
    assert "- \\# not a heading \\| \\[a link\\](http://x) \\*bold\\* next (line" in doc


def test_an_out_file_ending_md_gets_markdown(cli, seeded_db, tmp_path):
    assert cli("--db", seeded_db, "export", "--out", tmp_path / "reports.md").exit_code == 0
    written = (tmp_path / "reports.md").read_text(encoding="utf-8")
    assert written == cli("--db", seeded_db, "export", "--format", "md").stdout
    assert written.count("\n---\n") == 4
