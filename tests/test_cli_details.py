"""CLI details found by using probe as a new user would (issue 13): names as printed, one kind
vocabulary, and saying why a phrase was not found."""

from __future__ import annotations

import json

import pytest

from probe.domain.kinds import KINDS


def search_json(cli, db, *args: str) -> list[dict]:
    result = cli("--db", db, "search", *args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    "typed",
    ["Leicester, Leicestershire and Rutland PDU", "  leicester,  leicestershire  ", "LEICESTER PDU "],
)
def test_show_takes_the_name_as_search_prints_it_and_trims(cli, seeded_db, typed):
    printed = search_json(cli, seeded_db, "home visits", "--pdu", "leic")[0]["pdu"]
    assert printed == "Leicester, Leicestershire and Rutland PDU"
    result = cli("--db", seeded_db, "show", typed)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == printed


def test_show_with_only_spaces_is_one_line(cli, seeded_db):
    result = cli("--db", seeded_db, "show", "   ")
    assert result.exit_code == 1
    assert result.stderr == "probe: no PDU name given: give part of one, e.g. probe show gwent\n"


@pytest.mark.parametrize(
    "typed", ["area_for_improvement", "area for improvement", "Areas for improvement", "improvement"]
)
def test_kind_takes_the_printed_name_and_its_words(cli, seeded_db, typed):
    hits = search_json(cli, seeded_db, "home visits", "--kind", typed)
    assert [(hit["pdu"], hit["kind"]) for hit in hits] == [
        ("Leicester, Leicestershire and Rutland PDU", "area_for_improvement")
    ]
    tsv = cli("--db", seeded_db, "search", "home visits", "--kind", typed).stdout
    assert [line.split("\t")[4] for line in tsv.splitlines()] == ["area_for_improvement"]


def test_an_unknown_kind_lists_the_kinds(cli, seeded_db):
    result = cli("--db", seeded_db, "search", "home visits", "--kind", "praise")
    assert result.exit_code == 1
    assert result.stderr == f"probe: unknown kind 'praise': use one of {', '.join(KINDS)}\n"
    assert KINDS == ("strength", "area_for_improvement", "finding", "recommendation")


def test_the_readme_example_finds_the_phrase(cli, seeded_db):
    hits = search_json(cli, seeded_db, "home visit", "--kind", "area_for_improvement",
                       "--since", "2022")  # fmt: skip
    assert [(hit["pdu"], hit["section"]) for hit in hits] == [
        ("Leicester, Leicestershire and Rutland PDU", "2.4")
    ]
    assert "home visits" in hits[0]["snippet"]


def test_words_apart_say_whether_the_filters_ruled_the_phrase_out(cli, seeded_db):
    filtered = cli("--db", seeded_db, "search", "home visit", "--kind", "strength", "--since", "2024")
    assert filtered.stderr.splitlines()[0] == (
        "probe: no text these filters allow has these words as a phrase (others do); "
        "showing texts with all of them"
    )
    anywhere = cli("--db", seeded_db, "search", "visits home")  # no text has this phrase at all
    assert anywhere.stderr.splitlines()[0] == (
        "probe: no text has these words as a phrase; showing texts with all of them"
    )


def test_a_closed_pipe_is_a_normal_end(seeded_db):
    """`probe search the | head -1`: more output than a pipe holds, then the reader leaves."""
    import os
    import subprocess
    import sys

    from conftest import REPO

    env = {name: value for name, value in os.environ.items() if name != "PROBE_DB"}
    command = [sys.executable, "-m", "probe", "--db", str(seeded_db), "search", "the",
               "--limit", "5000"]  # fmt: skip
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env=env, cwd=REPO) as probe:  # fmt: skip
        first = probe.stdout.readline()
        probe.stdout.close()  # what head does after its line
        stderr = probe.stderr.read()
        assert probe.wait(timeout=60) == 0, stderr
    assert first.count(b"\t") == 6 and stderr == b""


def test_show_piped_wraps_the_footnote_under_its_indent(cli, seeded_db):
    out = cli("--db", seeded_db, "show", "gwent").stdout.splitlines()
    start = next(i for i, line in enumerate(out) if line.startswith("* "))
    end = out.index("", start)
    footnote = out[start:end]
    assert len(footnote) > 1 and all(line.startswith("  ") for line in footnote[1:])
    assert all(len(line.rstrip()) <= 80 for line in footnote)
    assert " ".join(line.strip() for line in footnote) == (
        "* the lowest of its rated standard: the rating follows its band unless inspectors "
        "used their judgement. Median: across every report asking the same question."
    )


def pdus_on_a_terminal(db, columns: int) -> list[str]:
    return on_a_terminal(db, columns, "pdus")


def on_a_terminal(db, columns: int, *command: str) -> list[str]:
    """`probe COMMAND` on a real terminal (a pseudo-terminal) `columns` wide, without styles:
    its non-blank lines."""
    import os
    import pty
    import re
    import subprocess
    import sys

    from conftest import REPO

    env = {name: value for name, value in os.environ.items() if name != "PROBE_DB"}
    env.update(COLUMNS=str(columns), NO_COLOR="1", TERM="xterm")
    main, terminal = pty.openpty()
    with subprocess.Popen([sys.executable, "-m", "probe", "--db", str(db), *command],
                          stdout=terminal, stderr=subprocess.PIPE, env=env, cwd=REPO) as probe:  # fmt: skip
        os.close(terminal)
        out = b""
        while chunk := _read(main):
            out += chunk
        assert probe.wait(timeout=60) == 0, probe.stderr.read()
    os.close(main)
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out.decode()).replace("\r", "")
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def _read(fd: int) -> bytes:
    import os

    try:
        return os.read(fd, 65536)
    except OSError:  # the terminal's other end has closed: all is read
        return b""


def test_pdus_on_a_narrow_terminal_drops_then_stacks_columns(seeded_db):
    wide = pdus_on_a_terminal(seeded_db, 120)
    assert wide[0].split() == ["PDU", "Region", "Fieldwork", "Rating", "Score"]
    assert "Leicester, Leicestershire and Rutland   East Midlands   November 2022" in wide[4]

    middle = pdus_on_a_terminal(seeded_db, 90)  # no room for Region: it goes, nothing is cut
    assert middle[0].split() == ["PDU", "Fieldwork", "Rating", "Score"]
    assert "Leicester, Leicestershire and Rutland   November 2022    Inadequate" in middle[4]

    narrow = pdus_on_a_terminal(seeded_db, 40)  # one report a block, every word whole
    assert narrow[:2] == ["County Durham and Darlington", "  July 2025 · Inadequate · 3/21 · North"]
    assert narrow[2] == "  East" and "…" not in " ".join(narrow)
    assert all(len(line) <= 40 for line in narrow)


def test_show_finds_a_pdu_typed_with_an_ampersand(cli, seeded_db):
    result = cli("--db", seeded_db, "show", "leicestershire & rutland")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "Leicester, Leicestershire and Rutland PDU"


def test_search_pdu_filter_reads_an_ampersand_as_and(cli, seeded_db):
    typed = search_json(cli, seeded_db, "home visits", "--pdu", "leicestershire & rutland")
    spelt = search_json(cli, seeded_db, "home visits", "--pdu", "Leicestershire and Rutland PDU")
    assert [hit["pdu"] for hit in typed] == ["Leicester, Leicestershire and Rutland PDU"] * 2
    assert typed == spelt
