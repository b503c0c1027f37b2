"""Import files into a database: walk the paths, parse each file (importers), store each report
(store). The glue between the two layers, so neither has to know the other.

Files are parsed in worker processes (see `probe.workers`) and written by this process, one
report at a time, in the order the files are listed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from probe.importers import parse_report
from probe.domain.model import Report
from probe.store.connection import KeptStoredCopy, WouldLoseData
from probe.workers import Parsing

if TYPE_CHECKING:
    from probe.store.write import Batch

SAVED_PAGE_FOLDER = "_files"  # a browser's "Save page as" puts a page's images and styles here


@dataclass(frozen=True)
class FileOutcome:
    path: Path
    outcome: str  # "imported", "unchanged", "replaced", "kept", "refused" or "skipped"
    reason: str = ""  # why it was kept, refused or skipped, one line
    report: Report | None = None  # what was read, unless refused or skipped


@dataclass(frozen=True)
class Listed:
    """A file to read, or something found in a folder that is not read (with the reason)."""

    path: Path
    skip: str = ""


def report_files(paths: Iterable[Path]) -> Iterator[Listed]:
    """Each path named, and every file under each folder named, sorted. Hidden files and
    folders are left out; a saved page's `_files` folder is listed once, as skipped. Whatever
    a file holds is for the importer to tell: nothing here goes by a file's name. A file
    reached twice (named, and inside a folder named) is listed once."""
    seen: set[Path] = set()
    for path in paths:
        for item in _walk(path) if path.is_dir() else [Listed(path)]:
            key = item.path.resolve()
            if key not in seen:
                seen.add(key)
                yield item


def _walk(folder: Path) -> list[Listed]:
    return sorted(_walk_unsorted(folder), key=lambda item: item.path)


def _walk_unsorted(folder: Path) -> Iterator[Listed]:
    for root, folders, files in os.walk(folder):  # symbolic links to folders are not followed
        here = Path(root)
        names = set(files)
        for name in list(folders):
            if name.startswith("."):
                folders.remove(name)
            elif _is_saved_page_folder(name, names):
                folders.remove(name)
                yield Listed(here / name, "the images and styles of a saved web page; skipped")
        for name in files:
            if not name.startswith("."):
                yield Listed(here / name)


def _is_saved_page_folder(name: str, files: set[str]) -> bool:
    stem = name.removesuffix(SAVED_PAGE_FOLDER)
    return name.endswith(SAVED_PAGE_FOLDER) and any(
        f"{stem}{suffix}" in files for suffix in (".html", ".htm", ".xhtml")
    )


def start_parsing(listed: list[Listed], max_bytes: int) -> Parsing:
    """Start parsing the readable files in worker processes. Start it before opening the
    database: the workers then load the readers and parse while this process opens it."""
    return Parsing([item.path for item in listed if not item.skip], max_bytes)


def store_files(
    batch: Batch, listed: list[Listed], parsing: Parsing, *, force: bool = False
) -> Iterator[FileOutcome]:
    """Store each parsed report whole (a savepoint of the batch), in the order listed; a
    refused file changes nothing."""
    parsed = iter(parsing)
    for item in listed:
        if item.skip:
            yield FileOutcome(item.path, "skipped", item.skip)
            continue
        path, result = next(parsed)
        if isinstance(result, str):
            yield FileOutcome(path, "refused", result)
            continue
        yield _store(batch, path, result, force)


def bundled_reports() -> Iterator[Report]:
    """The reports bundled with probe (probe/corpus), parsed."""
    corpus = resources.files("probe.corpus")
    for entry in sorted(corpus.iterdir(), key=lambda entry: entry.name):
        if entry.name.endswith(".txt"):
            report = parse_report(entry.read_text(encoding="utf-8"), entry.name)
            report.source_format = "text"
            yield report


def import_bundled(
    batch: Batch, reports: list[Report], *, force: bool = False
) -> Iterator[FileOutcome]:
    """Store (or refresh) the bundled reports, each like an imported file."""
    for report in reports:
        yield _store(batch, Path(report.source_name), report, force)


def _store(batch: Batch, path: Path, report: Report, force: bool) -> FileOutcome:
    try:
        return FileOutcome(path, batch.store(report, force=force), report=report)
    except KeptStoredCopy as kept:
        return FileOutcome(path, "kept", str(kept), report=report)
    except WouldLoseData as error:
        return FileOutcome(path, "refused", str(error))
