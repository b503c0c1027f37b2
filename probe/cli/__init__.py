"""The `probe` command line: the Typer app (probe.cli.app) and one module per command.

Render only: data comes from probe.store, output is formatted by probe.output.
"""

import os
import sys

from probe.cli import checks, config, export, history, importing, reports, search, serve, similar, themes  # noqa: F401  (registers the commands)
from probe.cli.app import app


def main() -> None:
    try:
        app(args=database_option_first(sys.argv[1:]), prog_name="probe")
    except BrokenPipeError:
        closed_pipe()
    except SystemExit as exit:
        # Typer turns a closed pipe into exit 1, leaving stdout in a PacifyFlushWrapper (its
        # own copy of Click's class, so known by name) to say so.
        if exit.code == 1 and type(sys.stdout).__name__ == "PacifyFlushWrapper":
            closed_pipe()
            return
        raise


def database_option_first(args: list[str]) -> list[str]:
    """`probe search "home visits" --db FILE` read as `probe --db FILE search "home visits"`:
    --db belongs to probe itself, but people add it wherever they remember it. Not after `--`."""
    moved: list[str] = []
    rest: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest += args[index:]
            break
        if arg == "--db" and index + 1 < len(args):
            moved += args[index : index + 2]
            index += 2
            continue
        (moved if arg.startswith("--db=") else rest).append(arg)
        index += 1
    return moved + rest


def closed_pipe() -> None:
    """`probe search ... | head`: the reader has all it wants; a normal end, exit 0."""
    sys.stderr.close()
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
