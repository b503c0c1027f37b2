"""Import files into a database: walk the paths, parse each file (importers), store each report
(store). The glue between the two layers, so neither has to know the other."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import sqlite_utils

from probe.importers import parse_report, read_report
from probe.domain.model import Report, ReportError
from probe.store.write import WouldLoseData, import_report

REPORT_SUFFIX = ".txt"  # what a folder's reports are called; a file named outright may be anything


@dataclass(frozen=True)
class FileOutcome:
    path: Path
    outcome: str  # "imported", "unchanged", "replaced" or "refused"
    reason: str = ""  # why it was refused, one line
    report: Report | None = None  # what was read, unless refused


def report_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Each file named, and every .txt file under each folder named (hidden ones skipped),
    sorted; a path that does not exist is passed on for the importer to refuse."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                file
                for file in path.rglob(f"*{REPORT_SUFFIX}")
                if file.is_file()
                and not any(part.startswith(".") for part in file.relative_to(path).parts)
            )
        else:
            yield path


def import_files(
    db: sqlite_utils.Database, files: Iterable[Path], max_bytes: int, *, force: bool = False
) -> Iterator[FileOutcome]:
    """Import each file in its own transaction; a refused file changes nothing."""
    for path in files:
        try:
            report = read_report(path, max_bytes)
            yield FileOutcome(path, import_report(db, report, force=force), report=report)
        except (ReportError, WouldLoseData) as error:
            yield FileOutcome(path, "refused", str(error))
        except OSError as error:
            yield FileOutcome(path, "refused", error.strerror or str(error))


def bundled_reports() -> Iterator[Report]:
    """The reports bundled with probe (probe/corpus), parsed."""
    corpus = resources.files("probe.corpus")
    for entry in sorted(corpus.iterdir(), key=lambda entry: entry.name):
        if entry.name.endswith(".txt"):
            yield parse_report(entry.read_text(encoding="utf-8"), entry.name)
