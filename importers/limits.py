"""Limits on what the importer reads; kept apart so the CLI can show them without the parser."""

DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # a report's text is 40-60 kB; 5 MB is surely not one
MAX_PDF_BYTES = 50 * 1024 * 1024  # a report PDF is 0.5-3 MB; images make some bigger
MAX_PDF_PAGES = 300  # a PDU report has 20-40 pages; thousands of pages is not one report
MAX_SECTIONS = 1000  # a PDU report has 30-80 headings; thousands is a generated or hostile file
