"""`python -m probe` runs the CLI."""

from probe.cli import main

main()
