"""The `probe` command line: the Typer app (probe.cli.app) and one module per command.

Render only: data comes from probe.store, output is formatted by probe.output.
"""

import os
import sys

from probe.cli import checks, export, history, importing, reports, search, serve, similar, themes  # noqa: F401  (registers the commands)
from probe.cli.app import app


def main() -> None:
    try:
        app(prog_name="probe")
    except BrokenPipeError:
        # `probe search ... | head`: the reader has all it wants; not an error.
        sys.stderr.close()
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
