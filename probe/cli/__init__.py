"""The `probe` command line: the Typer app (probe.cli.app) and one module per command.

Render only: data comes from probe.store, output is formatted by probe.output.
"""

import os
import sys

from probe.cli import checks, config, export, history, importing, reports, search, serve, similar, themes  # noqa: F401  (registers the commands)
from probe.cli.app import app


def main() -> None:
    try:
        app(prog_name="probe")
    except BrokenPipeError:
        closed_pipe()
    except SystemExit as exit:
        # Typer turns a closed pipe into exit 1, leaving stdout in a PacifyFlushWrapper (its
        # own copy of Click's class, so known by name) to say so.
        if exit.code == 1 and type(sys.stdout).__name__ == "PacifyFlushWrapper":
            closed_pipe()
            return
        raise


def closed_pipe() -> None:
    """`probe search ... | head`: the reader has all it wants; a normal end, exit 0."""
    sys.stderr.close()
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
