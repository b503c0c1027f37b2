"""The floor for any Typer search CLI: start Typer, open the database, run one FTS query, print.

`probe search` is measured against this: whatever probe does beyond it (phrase quoting, the
recommendations index, the total count, snippets) is its overhead. Usage:

    python bench/floor.py DB QUERY [--limit N]
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import typer

QUERY = """
SELECT r.pdu, r.fieldwork_started, f.section, f.kind, f.text
FROM findings_fts
JOIN findings f ON f.id = findings_fts.rowid
JOIN reports r ON r.id = f.report_id
WHERE findings_fts MATCH ?
ORDER BY findings_fts.rank
LIMIT ?
"""

app = typer.Typer(add_completion=False)


@app.command()
def search(db: Path, query: str, limit: int = 20) -> None:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    phrase = '"' + query.replace('"', '""') + '"'
    for row in conn.execute(QUERY, [phrase, limit]):
        print("\t".join("" if value is None else str(value) for value in row))


if __name__ == "__main__":
    app()
