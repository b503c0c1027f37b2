"""Limits on what the importer reads; kept apart so the CLI can show them without the parser."""

DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # a report's text is 40-60 kB; 5 MB is surely not one
