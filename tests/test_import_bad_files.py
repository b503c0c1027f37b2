"""Files probe must refuse: one line each naming the file and the reason, exit code 1, and the
database exactly as it was. PDFs are written by tests/pdf_maker.py; the import runs through
the real CLI and the real worker processes."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys

import pytest
from conftest import CORPUS, REPO
from gold import STEMS
from pdf_maker import make_pdf
from probe.importers import ReportError, read_report

NEWS = ["HM Inspectorate of Probation publishes its annual report"] + [
    "The Chief Inspector of Probation said the service had made progress this year."
] * 30
YOUTH = ["An inspection of youth justice services in Wessex YJS"] + [
    "HM Inspectorate of Probation inspected the youth justice service in March 2024."
] * 30

PDFS = {
    "locked.pdf": (
        make_pdf([NEWS], password=True),
        "PDF is password-protected; save an unprotected copy first",
    ),
    "scan.pdf": (
        make_pdf([[], [], []], drawing_only=True),
        "PDF has no text layer (a scanned document?); probe reads text, it does no OCR",
    ),
    "half.pdf": (
        make_pdf([NEWS] * 4)[:900],
        "truncated PDF: it does not end with %%EOF (an unfinished download?)",
    ),
    "garbled.pdf": (
        b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n",
        "corrupt or truncated PDF: pdfium cannot open it",
    ),
    "huge.pdf": (
        make_pdf([["page"]] * 301),
        "PDF has 301 pages, over the 300 page limit for one report",
    ),
    "news.pdf": (make_pdf([NEWS] * 2), "not an HM Inspectorate of Probation PDU inspection report"),
    "youth.pdf": (
        make_pdf([YOUTH] * 2),
        "not an HM Inspectorate of Probation PDU inspection report",
    ),
}

OTHER_SITE = b"""<!DOCTYPE html><html><head><link rel="canonical" href="https://www.example.com/pdu/">
</head><body><main><h1>An inspection of probation services in Gwent PDU</h1>
<p>HM Inspectorate of Probation rated the PDU.</p></main></body></html>"""
HOME_PAGE = b"""<!DOCTYPE html><html><head>
<link rel="canonical" href="https://hmiprobation.justiceinspectorates.gov.uk/"></head><body>
<header class="site-header"><a href="/">HM Inspectorate of Probation</a></header><main>
<h1>HM Inspectorate of Probation</h1><p>We inspect probation and youth justice services.</p>
<ul><li><a href="/news/">Latest news</a></li><li><a href="/inspections/">Our inspections</a></li></ul>
</main><footer class="site-footer">Crown copyright</footer></body></html>"""
PAGES = {
    "other-site.html": (
        OTHER_SITE,
        "a web page from www.example.com, not from HM Inspectorate of Probation "
        "(justiceinspectorates.gov.uk)",
    ),
    "home.html": (HOME_PAGE, "not an HM Inspectorate of Probation PDU inspection report"),
}


def _snapshot(db) -> list:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT id, source_sha256, imported_at FROM reports ORDER BY id"
        ).fetchall()


@pytest.mark.parametrize("name", [*PDFS, *PAGES])
def test_a_bad_file_is_refused_in_one_line_and_nothing_stored_changes(
    cli, seeded_db, tmp_path, name
):
    data, reason = {**PDFS, **PAGES}[name]
    path = tmp_path / name
    path.write_bytes(data)
    before = _snapshot(seeded_db)

    result = cli("--db", seeded_db, "import", path)

    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == "0 imported, 0 unchanged, 0 replaced, 1 refused"
    said = result.stderr.splitlines()[0]
    assert said.startswith(f"{path}: {reason}")
    assert _snapshot(seeded_db) == before


def test_a_decompression_bomb_takes_down_only_its_worker(tmp_path):
    """A content stream inflating to 600 MB against a worker limit of 300 MB: the worker dies,
    the file is refused, and the good report after it is still imported."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-bomb.pdf").write_bytes(make_pdf([["x"]], bomb_bytes=600_000_000))
    (folder / "b-report.txt").write_bytes((CORPUS / f"{STEMS[4]}.txt").read_bytes())
    env = {**os.environ, "PROBE_WORKER_MEMORY_MB": "300", "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "probe", "--db", str(tmp_path / "p.db"), "import", str(folder)],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stdout.splitlines() == ["1 imported, 0 unchanged, 0 replaced, 1 refused"]
    assert result.stderr.splitlines()[0] == (
        f"{folder / 'a-bomb.pdf'}: the reader ran out of its memory limit or crashed on this "
        "file (a decompression bomb or a malformed PDF?)"
    )


def test_a_fifo_is_refused_without_being_opened(tmp_path):
    """Opening a FIFO for reading would block for ever: the import must name it and go on."""
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe")
    (folder / "report.txt").write_bytes((CORPUS / f"{STEMS[0]}.txt").read_bytes())
    result = subprocess.run(
        [sys.executable, "-m", "probe", "--db", str(tmp_path / "p.db"), "import", str(folder),
         str(folder / "pipe")],
        capture_output=True, text=True, cwd=REPO, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stdout.splitlines() == ["1 imported, 0 unchanged, 0 replaced, 1 refused"]
    assert result.stderr.splitlines()[0] == (
        f"{folder / 'pipe'}: not a regular file (a pipe, socket or device); not opened"
    )
    with pytest.raises(ReportError) as error:  # ... and in this process, where mutmut sees it
        read_report(folder / "pipe")
    assert str(error.value) == "not a regular file (a pipe, socket or device); not opened"


def test_a_folder_with_nothing_importable_says_so(cli, tmp_path):
    folder = tmp_path / "empty"
    (folder / ".hidden").mkdir(parents=True)
    (folder / ".hidden" / "report.txt").write_bytes((CORPUS / f"{STEMS[0]}.txt").read_bytes())
    result = cli("--db", tmp_path / "p.db", "import", folder)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == ["0 imported, 0 unchanged, 0 replaced, 0 refused"]
    assert result.stderr.splitlines() == [
        f"probe: nothing to import: no files in {folder} (hidden files are not read)"
    ]


def test_a_folder_of_junk_says_nothing_was_imported(cli, tmp_path):
    folder = tmp_path / "junk"
    folder.mkdir()
    (folder / "notes.txt").write_text("Remember the milk.\n")
    (folder / "news.pdf").write_bytes(PDFS["news.pdf"][0])
    result = cli("--db", tmp_path / "p.db", "import", folder)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"probe: nothing imported from {folder}: no file there is an inspection report probe can read"
    )
    assert [line.split(": ")[0] for line in result.stderr.splitlines()[:2]] == [
        str(folder / "news.pdf"), str(folder / "notes.txt"),
    ]  # fmt: skip
    assert not (tmp_path / "p.db").exists()  # no empty database left behind


def test_a_path_that_is_not_there_is_one_line(cli, tmp_path):
    result = cli("--db", tmp_path / "p.db", "import", tmp_path / "missing", tmp_path / "gone.pdf")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"probe: no such file or folder: {tmp_path / 'missing'}, {tmp_path / 'gone.pdf'}"
    ]
    assert not (tmp_path / "p.db").exists()


def test_refused_files_leave_an_existing_database_as_it_was(cli, tmp_path, seeded_db):
    before = seeded_db.read_bytes()
    junk = tmp_path / "notes.txt"
    junk.write_text("Remember the milk.\n")
    result = cli("--db", seeded_db, "import", junk)
    assert result.exit_code == 1
    assert seeded_db.read_bytes() == before
    empty = tmp_path / "empty.db"
    assert cli("--db", empty, "import", tmp_path / "missing").exit_code == 1
    assert not empty.exists()
    sqlite3.connect(empty).close()  # an empty file someone made: not probe's to delete
    assert cli("--db", empty, "import", junk).exit_code == 1
    assert empty.exists()


def test_bundled_builds_any_database_and_refreshes_it(cli, tmp_path):
    db = tmp_path / "shared" / "probe.db"
    db.parent.mkdir()
    first = cli("--db", db, "import", "--bundled")
    again = cli("--db", db, "import", "--bundled")
    assert (first.exit_code, first.stdout) == (
        0,
        "5 imported, 0 unchanged, 0 replaced, 0 refused\n",
    )
    assert (again.exit_code, again.stdout) == (
        0,
        "0 imported, 5 unchanged, 0 replaced, 0 refused\n",
    )
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM findings").fetchone() == (382,)


def test_a_mixed_folder_imports_the_reports_and_names_every_other_file(cli, tmp_path):
    """A download folder: a Word PDF, a browser-saved page with its _files folder, a page as
    curl fetches it, a text report, and junk. Reports are imported; every other file is named."""
    published = REPO / "tests" / "fixtures" / "published"
    folder = tmp_path / "Downloads"
    saved = "An inspection of probation services in Gwent PDU – HM Inspectorate of Probation"
    shutil.copytree(published / "web-saved" / f"{saved}_files", folder / f"{saved}_files")
    shutil.copy(published / "web-saved" / f"{saved}.html", folder)
    shutil.copy(
        published / "pdf-word" / "newcastle-upon-tyne-pdu-inspection-report.pdf", folder / "report"
    )
    shutil.copy(
        published / "web-curl" / "leicester-leicestershire-and-rutland-pdu.html",
        folder / "page.txt",
    )
    shutil.copy(CORPUS / f"{STEMS[1]}.txt", folder / "durham.pdf")  # names mean nothing
    for junk in ("news-item.pdf", "other-site-page.html", "password-protected.pdf"):
        shutil.copy(published / "junk" / junk, folder / junk)
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)))

    result = cli("--db", tmp_path / "p.db", "import", folder)

    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "4 imported, 0 unchanged, 0 replaced, 4 refused, 1 skipped"
    ]
    named = {line.split(": ", 1)[0] for line in result.stderr.splitlines() if ": " in line}
    others = {
        "news-item.pdf",
        "other-site-page.html",
        "password-protected.pdf",
        "photo.jpg",
        f"{saved}_files",
    }
    assert {str(folder / name) for name in others} <= named
    with sqlite3.connect(tmp_path / "p.db") as conn:
        stored = conn.execute("SELECT pdu, source_format FROM reports ORDER BY pdu").fetchall()
    assert stored == [
        ("County Durham and Darlington PDU", "text"), ("Gwent PDU", "html"),
        ("Leicester, Leicestershire and Rutland PDU", "html"), ("Newcastle Upon Tyne PDU", "pdf"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "name",
    ["news-item.html", "news-item.pdf", "regional-annual-report.pdf", "site-home-page.html"],
)
def test_a_page_about_reports_is_not_called_a_cut_off_report(cli, tmp_path, name):
    """A press release, an annual report or the site's list of reports mentions PDUs and the
    Inspectorate but is no report: say so, rather than "cut off"."""
    junk = REPO / "tests" / "fixtures" / "published" / "junk" / name
    result = cli("--db", tmp_path / "probe.db", "import", junk)
    assert result.exit_code == 1
    assert (
        f"{junk}: not an HM Inspectorate of Probation PDU inspection report: no ratings, no standards"
        " and no 'An inspection of probation services in ...' title (a news item, an annual or"
        " thematic report, a list of reports?)"
    ) in result.stderr.splitlines()


def test_a_file_that_takes_too_long_is_refused_and_the_others_go_on(tmp_path):
    """A valid PDF at the page limit, 300 pages packed with 120 lines each, takes about 3 s of
    CPU to read (a real report under 0.3 s); with the worker's limit lowered to 0.5 s it is
    refused, and the report beside it is imported. CPU time, not the clock: the machine's load
    does not change the outcome."""
    folder = tmp_path / "in"
    folder.mkdir()
    line = "Probation practitioners were building on the strengths of the person on probation"
    (folder / "a-packed.pdf").write_bytes(make_pdf([[f"{line} {i}" for i in range(120)]] * 300))
    (folder / "b-report.txt").write_bytes((CORPUS / f"{STEMS[1]}.txt").read_bytes())
    env = {**os.environ, "PROBE_WORKER_SECONDS": "0.5", "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "probe", "--db", str(tmp_path / "p.db"), "import", str(folder)],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=300,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    summary = result.stdout.splitlines()
    assert summary == ["1 imported, 0 unchanged, 0 replaced, 1 refused"], result.stderr
    assert result.stderr.splitlines()[0] == (
        f"{folder / 'a-packed.pdf'}: reading it took more than 0.5 s of CPU time; "
        "is it one PDU report?"
    )


TIMED_OUT_ANYWHERE = """
import os, signal, sys
from probe import workers
signal.signal(signal.SIGPROF, workers._out_of_time)  # as each worker does
outcomes = set()
for step in range(60):  # the signal lands at a different point of the reading each time
    os.environ[workers.TIME_ENV] = f"{0.01 + step * 0.002:.3f}"
    try:
        result = workers.parse_one(sys.argv[1], 10**8)
        outcomes.add("report" if not isinstance(result, str) else result.split(" s of")[0][:25])
    except BaseException as error:
        outcomes.add(f"raised {type(error).__name__}: {error}")
print(sorted(outcomes))
"""


def test_running_out_of_time_anywhere_in_a_pdf_is_the_one_line_refusal(tmp_path):
    """The CPU-time signal may land inside a ctypes call into pdfium, which wraps what the
    handler raises in ctypes.ArgumentError: still the one-line refusal, never a traceback."""
    line = "Probation practitioners were building on the strengths of the person on probation"
    packed = tmp_path / "packed.pdf"
    packed.write_bytes(make_pdf([[f"{line} {i}" for i in range(120)]] * 30))
    result = subprocess.run([sys.executable, "-c", TIMED_OUT_ANYWHERE, str(packed)],
                            capture_output=True, text=True, cwd=REPO, timeout=300)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['reading it took more than']"


@pytest.mark.parametrize(
    ("pages", "read"),
    [([["x" * 70]] * 3, False), ([["x" * 200]] * 3, True), ([["x" * 175]] * 4, True), ([["x" * 199]], False),
     ([["x" * 200]], True)],
)  # fmt: skip
def test_a_pdf_needs_200_characters_a_page_on_its_first_three_pages_to_be_read(pages, read):
    """Fewer is a scan without a text layer (in this process, where mutmut sees it)."""
    from probe.domain.model import ReportError
    from probe.importers.pdf import read_pdf

    if read:
        assert len(read_pdf(make_pdf(pages))) == len(pages)
    else:
        with pytest.raises(ReportError, match=r"^PDF has no text layer \(a scanned document\?\)"):
            read_pdf(make_pdf(pages))
