"""`probe export --out` never lands on the database, and an export file is written whole or not
at all: a failure half-way leaves the previous export as it was and no partial file."""

from __future__ import annotations

import json
import os
import resource

import pytest

from conftest import probe_process
from gold import STEMS


def database_files(db) -> dict[str, bytes]:
    """Every file of the database, by name, with its bytes."""
    return {path.name: path.read_bytes() for path in db.parent.glob(f"{db.name}*")}


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_export_refuses_the_database_and_its_files(cli, seeded_db, suffix):
    target = seeded_db.with_name(seeded_db.name + suffix)
    if suffix == "-journal":
        target.write_bytes(b"")  # a journal left beside it, say
    before = database_files(seeded_db)
    result = cli("--db", seeded_db, "export", "--format", "csv", "--out", target)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"probe: --out {target} is the database {seeded_db} or one of its files; choose another path"
    ]
    assert database_files(seeded_db) == before
    assert result.stdout == ""


def test_export_refuses_the_database_by_a_relative_path_or_a_symlink(cli, seeded_db, monkeypatch):
    monkeypatch.chdir(seeded_db.parent)
    (seeded_db.parent / "sub").mkdir()
    (seeded_db.parent / "link.db").symlink_to(seeded_db)
    os.link(seeded_db, seeded_db.parent / "hard.db")
    before = database_files(seeded_db)
    for db, out in [
        ("probe.db", "probe.db"),
        (seeded_db, "sub/../probe.db"),
        ("./probe.db", "link.db"),
        ("link.db", f"{seeded_db}-wal"),
        ("probe.db", "hard.db"),
    ]:
        result = cli("--db", db, "export", "--format", "json", "--out", out)
        assert result.exit_code == 1, (db, out)
        assert result.stderr.startswith(f"probe: --out {out} is the database ")
        assert database_files(seeded_db) == before


def file_size_limit(limit: int):
    """For a child process: writes past `limit` bytes fail with EFBIG, the way a full disk
    fails them (Python ignores SIGXFSZ, so the write returns an error instead of killing it)."""
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_a_failed_export_keeps_the_previous_one_and_leaves_no_partial_file(seeded_db, tmp_path):
    out = tmp_path / "exports" / "reports.json"
    out.parent.mkdir()
    assert probe_process("--db", seeded_db, "export", "--out", out).returncode == 0
    previous = out.read_bytes()
    assert len(previous) > 200_000  # the limit below cuts the next export short
    exported = sorted(report["source_name"] for report in json.loads(previous))
    assert exported == [f"{stem}.txt" for stem in STEMS]

    failed = probe_process(
        "--db", seeded_db, "export", "--out", out, preexec_fn=file_size_limit(100_000)
    )
    assert failed.returncode == 1
    assert failed.stderr == f"probe: cannot write {out}: File too large\n"
    assert out.read_bytes() == previous
    assert sorted(path.name for path in out.parent.iterdir()) == ["reports.json"]


def test_an_export_keeps_the_permissions_of_the_file_it_replaces(seeded_db, tmp_path):
    out = tmp_path / "ratings.csv"
    out.write_text("old\n")
    out.chmod(0o640)
    assert probe_process("--db", seeded_db, "export", "-f", "csv", "--out", out).returncode == 0
    assert out.read_text(encoding="utf-8").startswith("pdu,region,framework,")
    assert out.stat().st_mode & 0o777 == 0o640
    fresh = tmp_path / "fresh.csv"
    assert probe_process("--db", seeded_db, "export", "-f", "csv", "--out", fresh).returncode == 0
    umask = os.umask(0)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask
