"""Shared fixtures: real databases built with the real store, and ways to run the real CLI."""

from __future__ import annotations

import os
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from gold import STEMS, clear_caches
from other_user import Nobody
from probe.cli import app
from probe.importers import DEFAULT_MAX_BYTES, read_report
from probe.store.write import build_database

REPO = Path(__file__).resolve().parent.parent

# No Hypothesis deadline: on a shared 2-core machine (and under mutmut's trampolines, at nice 19)
# one example can take longer than the default 200 ms, which Hypothesis reports as a failure.
# Under mutmut, every mutant also meets the same examples and none saved by an earlier mutant.
settings.register_profile("probe", deadline=None)
settings.register_profile("mutmut", deadline=None, derandomize=True, database=None)
settings.load_profile("mutmut" if "MUTANT_UNDER_TEST" in os.environ else "probe")


def pytest_collection_modifyitems(items):
    """Under mutmut, the quickest tests first: a mutant's run stops at the first test that
    fails (-x), so a caught mutant is caught sooner. The times are mutmut's own, from its first
    run of the suite (mutmut-stats.json, in the folder it runs from)."""
    if _mutmut_stage() != "mutant":
        return
    seconds = _test_seconds()
    items.sort(key=lambda item: seconds.get(item.nodeid, float("inf")))


def _test_seconds() -> dict[str, float]:
    try:
        return json.loads(Path("mutmut-stats.json").read_text())["duration_by_test"]
    except (OSError, ValueError, KeyError):
        return {}


def _mutmut_stage() -> str:
    """Where mutmut is: "" when it is not running, "stats" while it links tests to the functions
    they call, "mutant" while a mutant's tests run."""
    name = os.environ.get("MUTANT_UNDER_TEST", "")
    return "mutant" if "__mutmut_" in name else name


@pytest.fixture(autouse=True, scope="session")
def _nothing_cached_from_before_the_mutant():
    """mutmut forks every mutant's run of the tests from a process that ran them unmutated: what
    gold.cached kept there would hide the mutant. Within one run the mutant stays the same, so
    what it computes may be kept for its other tests."""
    if _mutmut_stage():
        clear_caches()


@pytest.fixture(autouse=True)
def _nothing_cached_while_linking_tests():
    """While mutmut links tests to the functions they call, every test computes afresh, so
    every test that reaches a function is linked to it (and run for its mutants)."""
    if _mutmut_stage() == "stats":
        clear_caches()


def build_db(path: Path, reports) -> Path:
    build_database(path, reports)
    return path


CORPUS = REPO / "probe" / "corpus"


@pytest.fixture(scope="session")
def seeded_db_template(tmp_path_factory) -> Path:
    """The five bundled reports, read by the real importer."""
    reports = (read_report(CORPUS / f"{stem}.txt", DEFAULT_MAX_BYTES) for stem in STEMS)
    return build_db(tmp_path_factory.mktemp("seeded") / "probe.db", reports)


@pytest.fixture
def seeded_db(seeded_db_template, tmp_path) -> Path:
    """A fresh copy of a database holding the five bundled reports."""
    return Path(shutil.copy(seeded_db_template, tmp_path / "probe.db"))


@pytest.fixture(scope="session")
def reader(seeded_db_template):
    """A shared Reader on the seeded database, for tests that only read."""
    from probe.store.read import Reader

    with Reader(seeded_db_template) as reader:
        yield reader


@pytest.fixture
def cli(tmp_path, monkeypatch):
    """Invoke the real Typer app in-process; XDG_DATA_HOME points into tmp_path."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("PROBE_DB", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, [str(arg) for arg in args], catch_exceptions=False)

    return invoke


def probe_process(*args, env=None, user=None, **kwargs) -> subprocess.CompletedProcess:
    """Run `python -m probe ARGS` in a real process."""
    full_env = {name: value for name, value in os.environ.items() if name != "PROBE_DB"}
    full_env.update(NO_COLOR="1", **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "probe", *map(str, args)],
        capture_output=True, text=True, env=full_env, user=user, cwd=REPO, timeout=60, **kwargs,
    )  # fmt: skip


@pytest.fixture(scope="session")
def nobody():
    """The user `nobody`, running its own readable copy of this interpreter and of probe
    (other_user.Nobody). Only root can run processes as another user."""
    if os.geteuid() != 0:
        pytest.skip("needs root: a reader running as another user")
    other = Nobody()
    yield other
    other.remove()


@pytest.fixture(scope="session")
def as_another_user(request):
    """Run the CLI in a real process that file modes apply to: `nobody` when the tests run as
    root (root ignores them), else ourselves."""
    if os.geteuid() != 0:
        return probe_process
    return request.getfixturevalue("nobody").run
