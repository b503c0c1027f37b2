"""`probe search` stays light: no textual, no sqlite_utils, no Rich when piped."""

from __future__ import annotations

from conftest import probe_process


def imported_modules(stderr: str) -> set[str]:
    return {line.split("|")[-1].strip() for line in stderr.splitlines() if "import time:" in line}


def test_search_imports_neither_textual_nor_sqlite_utils(seeded_db):
    result = probe_process("--db", seeded_db, "search", "home visits", env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 5
    modules = imported_modules(result.stderr)
    assert "probe.store.read" in modules  # the check sees our own imports
    assert not {m for m in modules if m.split(".")[0] in ("textual", "sqlite_utils", "rich")}
