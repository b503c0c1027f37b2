"""A big corpus goes into the PDU list a screenful first, the rest in batches (issue 13, item 9).

The batch sizes are turned down so the five bundled reports span three batches. A rebuild (here a
change of sort, whose watcher runs at once) fills the table's first rows synchronously, so what
the table holds right after it does not depend on timing."""

from __future__ import annotations

import gc

import pytest

from probe.tui.app import ProbeApp
from probe.tui.widgets import pdu_list
from probe.tui.widgets.pdu_list import PduList
from test_tui import type_text
from tui_fixtures import corpus_db, details_shown, plain, run_async  # noqa: F401 (fixture)

PAUSES = 200  # bound on the wait below; each pause lets at least one batch in


@pytest.fixture(autouse=True)
def small_batches(monkeypatch):
    monkeypatch.setattr(pdu_list, "FIRST_ROWS", 2)
    monkeypatch.setattr(pdu_list, "ROWS_PER_BATCH", 2)


async def until(pilot, condition) -> None:
    for _ in range(PAUSES):
        if condition():
            return
        await pilot.pause()
    raise AssertionError("condition not met")


def listed(table) -> list[str]:
    return [plain(table.get_row_at(row)[0]).strip() for row in range(table.row_count)]


def by_name(summary) -> str:
    return summary.pdu_name.casefold()


def newest_first(summaries) -> list[str]:
    ordered = sorted(summaries, key=by_name)
    ordered.sort(key=lambda summary: summary.fieldwork_month or "", reverse=True)
    return [summary.pdu_name for summary in ordered]


@run_async
async def test_a_rebuild_adds_a_screenful_and_the_rest_follows_in_order(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        pdus = app.explorer.query_one(PduList)
        table = pdus.table
        pdus.action_cycle_sort()  # name -> newest
        assert table.row_count == 2
        assert "5 reports · sorted by newest" in plain(pdus.query_one("#pdu-status").content)
        await until(pilot, lambda: table.row_count == 5)
        assert listed(table) == newest_first(app.explorer.reports)


@run_async
async def test_end_and_choosing_a_report_reach_rows_not_yet_added(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        pdus = app.explorer.query_one(PduList)
        oldest = newest_first(app.explorer.reports)[-1]
        pdus.action_cycle_sort()
        pdus.table.action_scroll_bottom()  # End
        assert pdus.table.row_count == 5 and pdus.table.cursor_row == 4
        await details_shown(pilot)
        assert app.explorer.current.pdu_name == oldest

        pdus.action_cycle_sort()  # newest -> score
        first = pdus.current
        far = next(s for s in app.explorer.reports if str(s.id) not in pdus.table.rows)
        app.explorer.select_report(far.id)
        await details_shown(pilot)
        assert app.explorer.current == far != first


@run_async
async def test_filtering_while_batches_are_pending_lists_each_match_once(corpus_db):
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        pdus = app.explorer.query_one(PduList)
        await pilot.press("f")
        await type_text(pilot, "e")
        matches = sorted(
            (
                summary
                for summary in app.explorer.reports
                if "e" in summary.pdu_name.casefold() or "e" in (summary.region or "").casefold()
            ),
            key=lambda summary: (by_name(summary), summary.fieldwork_month or ""),
        )
        assert len(matches) >= 3  # more than the first batch
        await until(pilot, lambda: pdus.table.row_count == len(matches))
        await pilot.pause()  # a stale batch, if any, would land here
        assert listed(pdus.table) == [summary.pdu_name for summary in matches]


@run_async
async def test_a_full_list_is_kept_from_the_garbage_collector_while_it_is_shown(corpus_db):
    """gc.freeze once every row is in (a 0.2 s stall every few seconds at 10,000 reports
    otherwise: bench/findings.md, finding 8); a rebuild and closing the explorer undo it."""
    gc.unfreeze()
    app = ProbeApp(corpus_db)
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.explorer.query_one(PduList).table
        await until(pilot, lambda: table.row_count == 5)
        assert gc.get_freeze_count() > 0
        app.explorer.query_one(PduList).action_cycle_sort()  # a rebuild: two rows, then batches
        assert (table.row_count, gc.get_freeze_count()) == (2, 0)
        await until(pilot, lambda: table.row_count == 5)
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
