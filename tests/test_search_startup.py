"""`probe search` and `probe pdus` stay light: no textual, no sqlite_utils, no Rich when piped."""

from __future__ import annotations

import pytest

from conftest import probe_process


def imported_modules(stderr: str) -> set[str]:
    return {line.split("|")[-1].strip() for line in stderr.splitlines() if "import time:" in line}


@pytest.mark.parametrize("command", [["search", "home visits"], ["pdus"]], ids=lambda c: c[0])
def test_reading_commands_import_neither_textual_nor_sqlite_utils(seeded_db, command):
    result = probe_process("--db", seeded_db, *command, env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 5  # five hits, five reports
    modules = imported_modules(result.stderr)
    assert "probe.store.read" in modules  # the check sees our own imports
    assert not {m for m in modules if m.split(".")[0] in ("textual", "sqlite_utils", "rich")}
