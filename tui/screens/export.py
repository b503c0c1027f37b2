"""Export what the explorer shows (search results, a theme's or similar findings, the selected
report's findings) to CSV, JSON or Markdown, in $PROBE_EXPORT_DIR or the current folder."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from probe.output.export import write_atomically
from probe.store.search import SearchHit

FORMATS = {"csv": "CSV", "json": "JSON", "md": "Markdown"}


def export_folder() -> Path:
    return Path(os.environ.get("PROBE_EXPORT_DIR") or Path.cwd())


def new_path(folder: Path, stem: str, suffix: str) -> Path:
    """probe-search-20261127-041500.csv, numbered -2, -3… rather than replace an earlier export."""
    base = f"probe-{stem}-{datetime.now():%Y%m%d-%H%M%S}"
    path, number = folder / f"{base}.{suffix}", 1
    while path.exists():
        number += 1
        path = folder / f"{base}-{number}.{suffix}"
    return path


def export_hits(title: str, stem: str, hits: list[SearchHit], fmt: str) -> Path:
    """Write the hits whole or not at all; returns the file written. Raises OSError."""
    from probe.output.hits import hits_csv, hits_json
    from probe.output.markdown import hits_markdown

    text = {"csv": lambda: hits_csv(hits), "json": lambda: hits_json(hits), "md": lambda: hits_markdown(title, hits)}[fmt]()
    path = new_path(export_folder(), stem, fmt)
    write_atomically(path, [text])
    return path


class ExportFormatScreen(ModalScreen[str]):
    """Asks which format; dismissed with "csv", "json" or "md" (nothing on Esc)."""

    DEFAULT_CSS = """
    ExportFormatScreen { align: center middle; }
    ExportFormatScreen OptionList { width: 40; height: auto; border: round $accent; }
    """
    BINDINGS = [Binding("escape", "dismiss", "Cancel", id="export.cancel")]

    def compose(self) -> ComposeResult:
        options = OptionList(*(Option(f"Export as {label}", id=fmt) for fmt, label in FORMATS.items()))
        options.border_title = "Export what is shown"
        yield options

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
