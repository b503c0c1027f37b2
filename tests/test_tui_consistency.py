"""The ratings view marks a standard whose rating is not its lowest key question's band, saying
whether the report explains it (the checks of `probe check`, tests/test_check.py)."""

from __future__ import annotations

import dataclasses

from probe.tui.app import ProbeApp
from probe.tui.widgets.ratings import RatingsPane
from test_tui import option_lines, select_pdu
from tui_fixtures import GWENT, corpus_db, corpus_path, report_db, run_async  # noqa: F401 (fixture)


def marked(lines: list[str]) -> list[str]:
    return [line for line in lines if "≠" in line]


@run_async
async def test_south_tyneside_and_gateshead_uplifts_are_marked_explained(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_pdu(pilot, "gateshead")
        lines = option_lines(app.screen.query_one(RatingsPane))
        assert marked(lines) == [
            "2.1 Court work Outstanding ≠ key questions say Good: explained",
            "2.2 Assessment Good ≠ key questions say Requires improvement: explained",
        ]


@run_async
async def test_gwent_is_consistent_so_unmarked_until_a_rating_is_changed(corpus_db, tmp_path):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_pdu(pilot, "gwent")
        assert marked(option_lines(app.screen.query_one(RatingsPane))) == []

    def upgrade_assessment(report) -> None:  # Gwent's 2.1 Assessment is Inadequate; its section gives no reason
        report.standards = [
            dataclasses.replace(s, rating="Good") if s.code == "2.1" else s for s in report.standards
        ]

    db = report_db(tmp_path / "edited.db", corpus_path(GWENT).read_text(encoding="utf-8"), edit=upgrade_assessment)
    app = ProbeApp(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_pdu(pilot, "gwent")
        assert marked(option_lines(app.screen.query_one(RatingsPane))) == [
            "2.1 Assessment Good ≠ key questions say Inadequate: unexplained"
        ]
