"""The benchmark's synthetic corpus: every report must read cleanly with the real importer and
carry the values the generator gave it, or the benchmarks would measure something else."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # bench/ is a folder of the repo, not part of the installed package

from bench import synth  # noqa: E402
from conftest import build_db  # noqa: E402
from probe.importers import read_report  # noqa: E402
from probe.store.read import Reader  # noqa: E402

COUNT = 20


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[list[synth.Synthetic], list[Path]]:
    directory = tmp_path_factory.mktemp("corpus")
    return list(synth.corpus(COUNT)), synth.write_corpus(directory, COUNT)


def test_every_synthetic_report_reads_without_warnings(corpus):
    _, paths = corpus
    for path in paths:
        report = read_report(path)
        assert report.warnings == [], path.name


def test_synthetic_reports_carry_their_varied_values(corpus):
    synthetics, paths = corpus
    for synthetic, path in zip(synthetics, paths, strict=True):
        report = read_report(path)
        assert report.pdu == f"{synthetic.pdu_name} PDU"
        assert report.fieldwork_started == synthetic.fieldwork_started
        assert tuple(question.percent for question in report.key_questions) == synthetic.percents
        rated = {standard.code: standard.rating for standard in report.standards if standard.rating}
        assert rated == synthetic.ratings
        assert (report.score_points, report.overall_rating) == (
            synthetic.score_points, synthetic.overall_rating,
        )  # fmt: skip
        assert synthetic.text.startswith("SYNTHETIC REPORT")


def test_values_vary_between_reports_of_the_same_base(corpus):
    synthetics, _ = corpus
    same_base = synthetics[0::5]  # the generator cycles through the five bundled reports
    assert len({s.pdu_name for s in same_base}) == len(same_base)
    assert len({s.percents for s in same_base}) == len(same_base)
    assert len({s.fieldwork_started for s in same_base}) > 1


def test_the_generator_is_deterministic(corpus, tmp_path):
    _, paths = corpus
    again = synth.write_corpus(tmp_path, COUNT)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in paths]
    other_seed = synth.corpus(COUNT, seed=synth.SEED + 1)
    assert [s.text for s in other_seed] != [p.read_text(encoding="utf-8") for p in paths]


def test_floor_finds_the_same_best_finding_as_probe(corpus, tmp_path):
    """The bare-Typer floor must do comparable work: same index, same best finding."""
    _, paths = corpus
    db = build_db(tmp_path / "bench.db", (read_report(path) for path in paths))
    floor = subprocess.run(
        [sys.executable, str(REPO / "bench" / "floor.py"), str(db), "home visits"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    rows = [line.split("\t") for line in floor.stdout.splitlines()]
    with Reader(db) as reader:
        hits = reader.search("home visits", limit=20).hits
    findings = [hit for hit in hits if hit.kind != "recommendation"]
    assert rows and findings
    assert rows[0][-1] == findings[0].text
    assert all("home visit" in row[-1].casefold() for row in rows)


def test_the_analysis_bench_runs_on_the_bundled_reports(seeded_db):
    import asyncio

    from bench import analysis

    reference = analysis.a_home_visits_finding(seeded_db)
    assert reference == "Leicester, Leicestershire and Rutland:467"  # the best "home visits" hit (test_similar)
    assert analysis.similar_query_s(seeded_db, reference) > 0
    assert asyncio.run(analysis.themes_open_s(seeded_db)) > 0  # returns once the view has filled
