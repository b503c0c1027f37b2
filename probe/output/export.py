"""Export formats: every report as a JSON object (field names as in SCHEMA.md), and one CSV row
of headline fields and ratings per report."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from probe.domain.model import Report
    from probe.store.read import Reader


EXPORT_FIELDS = (
    "pdu", "region", "framework", "published", "fieldwork_started", "fieldwork_start_date",
    "score_points", "score_max", "overall_rating", "chief_inspector", "lead_inspector",
    "cases_inspected", "interviews", "caseload", "source_name", "format", "source_format",
)  # fmt: skip


def report_dict(report: Report) -> dict:
    from dataclasses import asdict

    full = asdict(report)
    listed = ("standards", "key_questions", "recommendations", "findings", "headings")
    return {
        **{name: full[name] for name in EXPORT_FIELDS},
        "warnings": report.warnings,
        **{name: full[name] for name in listed},
    }


def ratings_csv(reader: Reader) -> str:
    import csv
    import io

    matrix = reader.ratings_matrix()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([*EXPORT_FIELDS, *matrix.columns])
    for summary, ratings in matrix.rows:
        full = report_dict(reader.report(summary.id))
        writer.writerow(
            [*(full[name] for name in EXPORT_FIELDS), *(ratings.get(c) for c in matrix.columns)]
        )
    return buffer.getvalue()
