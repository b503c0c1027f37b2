"""File names are shown and stored the way report text is: escape sequences and line breaks in a
name never reach a terminal, a pipe or an export."""

from __future__ import annotations

import json
import shutil

from conftest import CORPUS, probe_process
from gold import STEMS

CLIPBOARD = "\x1b]52;c;ZWNobyBwd25lZA==\x07"  # OSC 52: write to the clipboard
TITLE = "\x1b]0;owned\x07"
CLEAR = "\x1b[2J"


def test_escape_sequences_and_newlines_in_file_names_are_dropped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    report = folder / f"gwent{CLIPBOARD}{TITLE}\nsecond line{CLEAR}.txt"
    shutil.copy(CORPUS / f"{STEMS[4]}.txt", report)
    (folder / f"junk{CLEAR}\n{TITLE}.txt").write_text("Dear all,\nminutes attached.\n", encoding="utf-8")
    db = tmp_path / "probe.db"

    result = probe_process("--db", db, "import", folder)
    assert result.returncode == 1  # the junk file is refused
    for output in (result.stdout, result.stderr):
        assert "\x1b" not in output and "\x07" not in output
    refusals = [line for line in result.stderr.splitlines() if "not an HM Inspectorate" in line]
    assert refusals == [
        f"{folder}/junk[2J ]0;owned.txt: not an HM Inspectorate of Probation PDU inspection report:"
        " no 'An inspection of probation services in ...' title and no mention of HM Inspectorate of"
        " Probation"
    ]

    exported = probe_process("--db", db, "export")
    assert [r["source_name"] for r in json.loads(exported.stdout)] == [
        "gwent]52;c;ZWNobyBwd25lZA==]0;owned second line[2J.txt"
    ]
