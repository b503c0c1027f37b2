"""When a new text of a stored inspection may replace it (store.write asks before a replace).

A new text may reword the report but not lose any of it: it must give the same framework and
dates, come in a form at least as good as the stored copy's (a PDF over its web page over a
text), and hold as many standards, key questions, recommendations and findings, with findings
under every standard that had some. Each rule raises WouldLoseData or KeptStoredCopy with the
one line a user reads; `--force` skips them all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from probe.domain.model import Report
from probe.domain.months import published_month
from probe.store.connection import KeptStoredCopy, WouldLoseData

if TYPE_CHECKING:
    import sqlite_utils


def check_replacement(db: sqlite_utils.Database, report_id: int, report: Report) -> None:
    """Raise unless `report` may replace the stored report `report_id`."""
    _refuse_other_facts(db, report_id, report)
    _keep_preferred_copy(db, report_id, report)
    _refuse_losing_parts(db, report_id, report)


# What a replacement must not lose: a new version may reword, but not drop, these parts.
COUNTED_PARTS = ("standards", "key_questions", "recommendations", "findings")

# What identifies an inspection besides its PDU: a text that gives any of these otherwise
# is not a new version of the stored inspection, whatever its key.
IDENTIFYING_FACTS = ("framework", "fieldwork_started", "fieldwork_start_date", "published")


def _stored_facts(db: sqlite_utils.Database, report_id: int) -> dict[str, str | None]:
    columns = ", ".join(IDENTIFYING_FACTS)
    row = db.execute(f"SELECT {columns} FROM reports WHERE id = ?", [report_id]).fetchone()
    return dict(zip(IDENTIFYING_FACTS, row))


def _refuse_other_facts(db: sqlite_utils.Database, report_id: int, report: Report) -> None:
    """Another framework or other dates: another inspection, whatever the key says."""
    stored = _stored_facts(db, report_id)
    differing = [
        f"{fact.replace('_', ' ')} {getattr(report, fact)} (stored: {value})"
        for fact, value in stored.items()
        if None not in (value, getattr(report, fact)) and not _same_fact(fact, getattr(report, fact), value)
    ]
    if differing:
        when = stored["fieldwork_started"] or "fieldwork month unknown"
        raise WouldLoseData(
            f"not replacing the stored {report.pdu} ({when}): this text gives"
            f" {', '.join(differing)}; use --force to replace it anyway"
        )


def _same_fact(fact: str, new: str, stored: str) -> bool:
    # "10 February 2026" from a web page and "February 2026" from its PDF are one publication.
    if new == stored:
        return True
    month = published_month(stored) if fact == "published" else None
    return month is not None and published_month(new) == month


# Which copy of one inspection to keep: the PDF the Inspectorate publishes (it has pages), then
# its web page, then text. A less preferred copy does not replace a stored one without --force.
PREFERRED_FORMATS = {"text": 0, "html": 1, "pdf": 2}
FORMAT_NAMES = {"text": "a text file", "html": "its web page", "pdf": "its PDF"}


def _keep_preferred_copy(db: sqlite_utils.Database, report_id: int, report: Report) -> None:
    (stored,) = db.execute("SELECT source_format FROM reports WHERE id = ?", [report_id]).fetchone()
    stored = stored or "text"
    if PREFERRED_FORMATS[report.source_format] < PREFERRED_FORMATS[stored]:
        raise KeptStoredCopy(
            f"kept the stored copy of {report.pdu} ({report.fieldwork_started}) from"
            f" {FORMAT_NAMES[stored]} over this one from {FORMAT_NAMES[report.source_format]};"
            " --force replaces it"
        )


def _refuse_losing_parts(db: sqlite_utils.Database, report_id: int, report: Report) -> None:
    lost = []
    for part in COUNTED_PARTS:
        stored = db.execute(f"SELECT count(*) FROM {part} WHERE report_id = ?", [report_id]).fetchone()[0]
        if len(getattr(report, part)) < stored:
            lost.append(f"{len(getattr(report, part))} of {stored} {part.replace('_', ' ')}")
    # Totals can hide a standard whose findings the new text files elsewhere.
    sections = {finding.section for finding in report.findings}
    rated = {standard.code for standard in report.standards}
    emptied = db.execute(
        "SELECT DISTINCT section FROM findings WHERE report_id = ? ORDER BY section", [report_id]
    ).fetchall()
    emptied = [code for (code,) in emptied if code in rated and code not in sections]
    if emptied:
        lost.append(f"no findings under {', '.join(emptied)}")
    lost.extend(
        f"{fact.replace('_', ' ')} missing (stored: {value})"
        for fact, value in _stored_facts(db, report_id).items()
        if value is not None and getattr(report, fact) is None
    )
    if lost:
        raise WouldLoseData(
            f"not replacing the stored {report.pdu} ({report.fieldwork_started}): this text holds"
            f" less: {', '.join(lost)}; use --force to replace it anyway"
        )
