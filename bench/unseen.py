"""Agreement with gold on renderings the committed fixtures do not have (docs/unseen-renderings.md).

    .venv/bin/pip install -c constraints.txt -e '.[fixtures]'   # weasyprint; soffice, pdftotext on PATH
    .venv/bin/python -m bench.unseen [scratch-folder]

Makes, from the five bundled reports: `weasy-alt/` (WeasyPrint, other CSS: US Letter, sans
12 pt, no hyphenation, disc bullets, bare page number bottom right, borderless tables),
`lo-html/` (the print HTML opened by LibreOffice Writer/Web and exported to PDF: its own
fonts, list markers and cell layout), `layout/` (`pdftotext -layout` of the Word PDFs) and
`theme/` (the curl pages with no <main> or <article>: the report in divs of other classes).
Then counts, per rendering, the values probe reads as gold has them: the six core values one
each, and each standard, key question, recommendation and finding one each (equal in every
field); an item probe reads that gold lacks counts as a miss too.
"""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "tests"), str(REPO / "tests" / "fixtures")]
CORE = ("pdu", "framework", "fieldwork_started", "score_points", "score_max", "overall_rating")
LISTS = ("standards", "key_questions", "recommendations", "findings")
ALT_CSS = """
@page { size: letter; margin: 1.5cm 1.6cm 2cm 1.6cm;
  @top-right { content: string(report-title); font-size: 8pt; }
  @bottom-right { content: counter(page); font-size: 9pt; } }
@page :first { @top-right { content: none } @bottom-right { content: none } }
html { font-family: "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 12pt; line-height: 1.2; }
h1.title { string-set: report-title attr(data-running); font-size: 20pt; }
.cover, nav.toc { page-break-after: always; }
nav.toc a { display: block; color: black; text-decoration: none; }
nav.toc a::after { content: " " target-counter(attr(href), page); float: right; }
h2 { font-size: 16pt; margin-top: 1.5em; }
h3 { font-size: 12pt; font-style: italic; }
table { border-collapse: separate; width: 90%; font-size: 10pt; }
th, td { padding: 2pt 4pt; text-align: left; vertical-align: top; }
ul { list-style-type: disc; }
blockquote { margin-left: 2cm; }
"""


def make(out: Path) -> list[tuple[str, Path, Path]]:
    """(kind, file, gold) for every rendering made."""
    from make_published import PUBLISHED
    from publishing import browser_pdf
    from publishing.article import slug
    from publishing.model import read_report
    from weasyprint import HTML

    made = []
    for kind in ("weasy-alt", "lo-html", "layout", "theme"):
        (out / kind).mkdir(parents=True, exist_ok=True)
    for gold_path in sorted((REPO / "tests" / "gold").glob("0*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        seed = (REPO / "probe" / "corpus" / f"{gold_path.stem}.txt").read_text(encoding="utf-8")
        month, iso, glyph, _ = PUBLISHED[gold_path.stem]
        html = browser_pdf.print_html(read_report(gold, seed, month, iso, glyph))
        weasy = out / "weasy-alt" / f"{gold_path.stem}.pdf"
        HTML(string=html.replace(browser_pdf.PRINT_CSS, ALT_CSS)).write_pdf(weasy)
        source = out / "lo-html" / f"{gold_path.stem}.html"
        source.write_text(re.sub(r"<style>.*?</style>", "", html, flags=re.S), encoding="utf-8")
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf:writer_web_pdf_Export",
             "--outdir", str(source.parent), str(source)], check=True, capture_output=True,
        )  # fmt: skip
        source.unlink()
        name = slug(" ".join(gold["pdu"].split()))
        word = REPO / "tests/fixtures/published/pdf-word" / f"{name}-inspection-report.pdf"
        layout = out / "layout" / f"{gold_path.stem}.txt"
        subprocess.run(["pdftotext", "-layout", str(word), str(layout)], check=True)
        page = (REPO / "tests/fixtures/published/web-curl" / f"{name}.html").read_text(encoding="utf-8")
        page = page.replace("<main", '<div id="primary"').replace("</main>", "</div>")
        page = re.sub(r"<article\b[^>]*>", '<div class="post-content">', page).replace("</article>", "</div>")
        theme = out / "theme" / f"{gold_path.stem}.html"
        theme.write_text(page, encoding="utf-8")
        made += [("weasy-alt", weasy, gold_path), ("lo-html", source.with_suffix(".pdf"), gold_path),
                 ("layout", layout, gold_path), ("theme", theme, gold_path)]  # fmt: skip
    return made


def agreement(path: Path, gold_path: Path) -> tuple[int, int]:
    """(values as gold has them, values counted) for one rendering."""
    from gold import comparable
    from probe.domain.model import ReportError
    from probe.importers import read_report

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    for finding in gold["findings"]:  # SCHEMA.md: a quoted testimony is appended to its bullet
        if finding.get("continuation"):
            finding["text"] = f"{finding['text']} {finding['continuation']}"
    want = comparable(gold)
    counted = len(CORE) + sum(len(want[field]) for field in LISTS)
    try:
        got = comparable(dataclasses.asdict(read_report(path)))
    except ReportError:
        return 0, counted
    right = sum(got[field] == want[field] for field in CORE)
    for field in LISTS:
        unmatched = [json.dumps(item, sort_keys=True) for item in got[field]]
        for item in want[field]:
            if (key := json.dumps(item, sort_keys=True)) in unmatched:
                unmatched.remove(key)
                right += 1
        counted += len(unmatched)  # read, but not in gold
    return right, counted


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="unseen-"))
    totals: dict[str, list[int]] = {}
    for kind, path, gold_path in make(out):
        right, counted = agreement(path, gold_path)
        print(f"{kind:10} {path.name:32} {right:4} / {counted}")
        total = totals.setdefault(kind, [0, 0])
        total[0] += right
        total[1] += counted
    for kind, (right, counted) in totals.items():
        print(f"{kind:10} {right} / {counted} = {100 * right / counted:.1f}%")


if __name__ == "__main__":
    main()
