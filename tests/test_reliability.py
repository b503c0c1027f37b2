"""Bad input, many users, one database: real files, real SQLite, real processes."""

from __future__ import annotations

import contextlib
import os
import pty
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from conftest import REPO, build_db, probe_process
from gold import STEMS, gold_report
from probe.store.schema import SCHEMA_VERSION

# A writer that keeps adding new reports and replacing them with shorter versions, and
# readers that check every report they see is whole: its findings count is the one written
# into its source_name.
WRITER = """
import dataclasses, sys
sys.path.insert(0, "tests")
from gold import STEMS, gold_report
from other_user import Nobody
from probe.store.schema import SCHEMA_VERSION
from probe.store.write import import_report, open_db
db = open_db(sys.argv[1])
base = gold_report(STEMS[1])
def variant(i, keep):
    findings = base.findings[:keep]
    return dataclasses.replace(base, pdu=f"Variant {i} PDU", findings=findings,
        source_name=f"variant-{len(findings)}.txt", source_sha256=f"{i}-{keep}")
for i in range(25):
    import_report(db, variant(i, len(base.findings)))
    if i:
        import_report(db, variant(i - 1, 10 + i), force=True)  # fewer findings: a real cut
print("writer done")
"""

READER = """
import sys, time
from probe.store.read import Reader
loops, deadline = 0, time.time() + 60
while time.time() < deadline:
    with Reader(sys.argv[1]) as reader:
        reader.search("home visits", limit=500)
        for summary in reader.reports():
            report = reader.report(summary.id)
            if report.source_name.startswith("variant-"):
                want = int(report.source_name.split("-")[1].split(".")[0])
                assert len(report.findings) == want, (report.pdu, len(report.findings), want)
    loops += 1
    if open(sys.argv[2]).read() == "stop":
        break
print("reader loops", loops)
"""


def test_searching_while_another_process_imports(seeded_db, tmp_path):
    stop = tmp_path / "stop"
    stop.write_text("")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    readers = [
        subprocess.Popen([sys.executable, "-c", READER, seeded_db, stop], cwd=REPO, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(5)
    ]  # fmt: skip
    writer = subprocess.run([sys.executable, "-c", WRITER, seeded_db], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=120)  # fmt: skip
    stop.write_text("stop")
    outputs = [reader.communicate(timeout=120) for reader in readers]
    assert writer.returncode == 0, writer.stderr
    for (stdout, stderr), reader in zip(outputs, readers):
        assert reader.returncode == 0, stderr
        assert "locked" not in stderr
        assert int(stdout.split()[-1]) >= 1
    with sqlite3.connect(seeded_db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 5 + 25


# An importer that opens the database, says it is ready, waits for the word, then imports 20
# reports of its own as fast as it can.
IMPORTER = """
import dataclasses, sys, time
from pathlib import Path
sys.path.insert(0, "tests")
from gold import STEMS, gold_report
from probe.store.write import import_report, open_db
path, name, folder = sys.argv[1], sys.argv[2], Path(sys.argv[3])
db = open_db(path)
(folder / f"ready-{name}").write_text("")
while not (folder / "go").exists():
    time.sleep(0.005)
base = gold_report(STEMS[0])
for i in range(20):
    import_report(db, dataclasses.replace(base, pdu=f"{name} {i} PDU", source_sha256=f"{name}-{i}"))
print("imported", i + 1)
"""


def test_two_importers_writing_at_once_both_finish(seeded_db, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    importers = [
        subprocess.Popen([sys.executable, "-c", IMPORTER, seeded_db, name, tmp_path], cwd=REPO, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for name in ("First", "Second")
    ]  # fmt: skip
    deadline = time.monotonic() + 60
    while not all((tmp_path / f"ready-{name}").exists() for name in ("First", "Second")):
        assert time.monotonic() < deadline and all(p.poll() is None for p in importers)
        time.sleep(0.01)
    (tmp_path / "go").write_text("")  # both start writing together
    for importer in importers:
        stdout, stderr = importer.communicate(timeout=120)
        assert (importer.returncode, stdout, stderr) == (0, "imported 20\n", "")
    with contextlib.closing(sqlite3.connect(seeded_db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 5 + 2 * 20


@pytest.fixture
def read_only_db(seeded_db_template):
    """A database in a folder nobody may write (run as `nobody` when the tests run as root,
    since root ignores file modes)."""
    folder = Path(tempfile.mkdtemp(prefix="probe-ro-"))
    path = folder / "probe.db"
    path.write_bytes(seeded_db_template.read_bytes())
    path.chmod(0o444)
    folder.chmod(0o555)
    yield path
    folder.chmod(0o755)
    path.unlink()
    folder.rmdir()


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (["search", "home visits"], "Gwent PDU\tSeptember 2025\t2.3\tImplementation and delivery\tfinding"),
        (["pdus"], "Gwent\t\tSeptember 2025\tRequires improvement\t4/21"),
        (["show", "gwent"], "Requires improvement (4/21)"),
        (["export", "--format", "csv"], "Gwent PDU"),
    ],
)
def test_a_read_only_database_still_reads(as_another_user, read_only_db, command, expected):
    before = read_only_db.read_bytes()
    result = as_another_user("--db", read_only_db, *command)
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout
    assert read_only_db.read_bytes() == before
    assert [p.name for p in read_only_db.parent.iterdir()] == ["probe.db"]


def test_import_into_a_read_only_database_says_so(as_another_user, read_only_db):
    before = read_only_db.read_bytes()
    reports = Path(tempfile.mkdtemp(prefix="probe-reports-"))  # one the other user can read
    shutil.copy(REPO / "probe" / "corpus" / f"{STEMS[0]}.txt", reports)
    reports.chmod(0o755)
    result = as_another_user("--db", read_only_db, "import", reports)
    shutil.rmtree(reports)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"probe: cannot write to {read_only_db}: it is read-only for you"
    ]
    assert read_only_db.read_bytes() == before


def corrupt(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[4096:12288] = b"\xde\xad\xbe\xef" * 2048  # smash pages 2 and 3
    path.write_bytes(bytes(data))


def unknown_version(path: Path) -> None:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA user_version = 7")


def not_sqlite(path: Path) -> None:
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (not_sqlite, "not a SQLite database"),
        (unknown_version, f"made by a newer probe (schema 7, this probe reads {SCHEMA_VERSION})"),
        (corrupt, "malformed"),
    ],
)
@pytest.mark.parametrize("command", [["search", "risk"], ["pdus"], ["import", "probe/corpus/004_354d18e338058cf9.txt"]])
def test_unusable_databases_get_one_line_and_are_kept(seeded_db, spoil, message, command):
    spoil(seeded_db)
    before = seeded_db.read_bytes()
    result = probe_process("--db", seeded_db, *command)
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert seeded_db.read_bytes() == before


@pytest.fixture
def hostile_db(tmp_path) -> Path:
    """A report whose text carries Rich markup and terminal escape sequences."""
    report = gold_report(STEMS[4])
    evil = "Hostile [bold]bold[/] [link=http://evil.example]link[/link] \x1b[31mred\x1b[0m \x1b]0;title\x07 end"
    first = report.findings[0]
    report.findings[0] = type(first)(first.section, first.section_heading, first.kind, evil, first.line)
    report.recommendations[0] = type(report.recommendations[0])(
        1, report.recommendations[0].addressee, "pdu", "ensure [red]nothing[/red] \x1b[2J", 1
    )
    return build_db(tmp_path / "hostile.db", [report])


def run_on_terminal(*args: str) -> str:
    """Run the CLI with stdout on a pseudo-terminal, as a user would see it."""
    controller, terminal = pty.openpty()
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "TERM": "xterm"}
    process = subprocess.Popen([sys.executable, "-m", "probe", *args], cwd=REPO, env=env,
                               stdout=terminal, stderr=subprocess.PIPE)  # fmt: skip
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=30)
    os.close(controller)
    return b"".join(chunks).decode()


def test_markup_and_escapes_in_reports_show_literally(hostile_db):
    table = run_on_terminal("--db", str(hostile_db), "search", "hostile")
    assert "[bold]bold[/]" in table and "[link=http://evil.example]link[/link]" in table
    assert "1 hit" in table
    shown = probe_process("--db", hostile_db, "show", "gwent").stdout
    assert "ensure [red]nothing[/red]" in shown
    piped = probe_process("--db", hostile_db, "search", "hostile").stdout
    assert "[bold]bold[/] [link=http://evil.example]link[/link] [31mred[0m" in piped
    for output in (table, shown, piped):
        assert "\x1b]" not in output and "\x1b[31m" not in output and "\x1b[2J" not in output
