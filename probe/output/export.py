"""Export formats: every report as a JSON object (field names as in SCHEMA.md), and one CSV row
of headline fields and ratings per report."""

from __future__ import annotations

import os
from pathlib import Path
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


def database_files(db: Path) -> list[Path]:
    """The database and the files SQLite keeps beside it (beside the file a symlink points
    at, as SQLite does): no export may land on any of them."""
    real = db.resolve()
    return [db, *(real.with_name(real.name + suffix) for suffix in ("-wal", "-shm", "-journal"))]


def write_atomically(path: Path, text: str) -> None:
    """Write `text` (UTF-8) to `path` whole or not at all: into a temporary file in the same
    folder, then renamed over `path`. On any failure (a full disk, say) the previous file is
    intact and the temporary one is gone. Raises OSError."""
    import tempfile

    folder = path.parent
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".partial")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as file:
            file.write(text)
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
