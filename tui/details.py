"""What the explorer's panes show for one report, read off the UI thread.

A cursor move starts a worker (ExplorerScreen.load_details) that calls `load` in a thread; the
screen keeps the result in its `loaded` reactive and hands it to the pane on view. The Key
questions view then asks for the report's stats, a second load.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from probe.store.read import Reader, ReportSummary

if TYPE_CHECKING:
    from probe.domain.model import Report
    from probe.store.analysis import QuestionStats


@dataclass(frozen=True, eq=False)  # compared by identity: a reactive then never compares whole reports
class LoadedReport:
    summary: ReportSummary
    report: Report
    # None until the Key questions view is shown: comparing every question across 10,000
    # reports reads 120,000 rows (0.2 s, much of it holding the GIL), too much to do for
    # every cursor move.
    stats: list[QuestionStats] | None = None


def load(path: Path, summary: ReportSummary, known: LoadedReport | None = None) -> LoadedReport:
    """The report of `summary`, or, when it is `known`, its stats. Runs in a worker thread, on a
    connection of its own opened here, so nothing is shared with the UI thread and each load
    sees every import committed before it. Raises StoreError (one line)."""
    with Reader(path) as reader:
        if known is not None:
            return replace(known, stats=reader.key_question_stats(summary.id))
        return LoadedReport(summary, reader.report(summary.id))
