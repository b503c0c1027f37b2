"""Export formats: every report as a JSON object (field names as in SCHEMA.md), and one CSV row
of headline fields and ratings per report."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from probe.domain.model import Report
    from probe.store.read import Reader


EXPORT_FIELDS = (
    "pdu", "region", "framework", "published", "fieldwork_started", "fieldwork_start_date",
    "score_points", "score_max", "overall_rating", "chief_inspector", "lead_inspector",
    "cases_inspected", "interviews", "caseload", "source_name", "format", "source_format",
    "source_url",
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


# Exports are written a report at a time, so memory stays flat however many reports there are.


def reports_json(reader: Reader) -> Iterator[str]:
    """A JSON array of every report, as json.dumps(..., indent=2) would print it, in pieces."""
    import json

    summaries = reader.reports()
    yield "["
    for index, summary in enumerate(summaries):
        item = json.dumps(report_dict(reader.report(summary.id)), ensure_ascii=False, indent=2)
        yield ("," if index else "") + "\n  " + item.replace("\n", "\n  ")
    yield "\n]\n" if summaries else "]\n"


def ratings_csv(reader: Reader) -> Iterator[str]:
    """One CSV row per report: the headline fields, then its rating of every standard."""
    import csv
    import io

    matrix = reader.ratings_matrix()
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def row(values: Iterable) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(values)
        return buffer.getvalue()

    yield row([*EXPORT_FIELDS, *matrix.columns])
    for summary, ratings in matrix.rows:
        full = report_dict(reader.report(summary.id))
        yield row([*(full[name] for name in EXPORT_FIELDS), *(ratings.get(c) for c in matrix.columns)])


def database_files(db: Path) -> list[Path]:
    """The database and the files SQLite keeps beside it (beside the file a symlink points
    at, as SQLite does): no export may land on any of them."""
    real = db.resolve()
    return [db, *(real.with_name(real.name + suffix) for suffix in ("-wal", "-shm", "-journal"))]


def write_atomically(path: Path, chunks: Iterable[str]) -> None:
    """Write `chunks` (UTF-8) to `path` whole or not at all: into a temporary file in the same
    folder, then renamed over `path`. On any failure (a full disk, say) the previous file is
    intact and the temporary one is gone. Raises OSError."""
    import tempfile

    folder = path.parent
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".partial")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as file:
            file.writelines(chunks)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """The permissions `path` has, or those a new file gets (mkstemp's are owner-only)."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
