"""Plant one of mutmut's mutants in this checkout, run pytest, and put the code back.

    .venv/bin/python tools/plant_mutant.py MUTANT_NAME [pytest args...]

For checking by hand that a test catches a mutant (docs/mutation.md): the mutant's change is
taken from the mutation stage ($MUTATION_STAGE, default /tmp/probe-mutation) with `mutmut show`,
applied to this checkout's own file (probe/store/x.py there is store/x.py here), pytest runs with
the arguments given, and the file is restored. Prints KILLED (a test failed) or SURVIVED.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

STAGED_FOLDERS = {"probe/store/": "store/", "probe/importers/": "importers/", "probe/domain/": "domain/"}


def mutant_change(name: str, stage: str) -> tuple[Path, str, str]:
    """The file a mutant changes (in this checkout), and its text before and after."""
    diff = subprocess.run(
        [sys.executable, "-m", "mutmut", "show", name], cwd=stage, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    path = next(line[4:].strip() for line in diff if line.startswith("--- "))
    for staged, own in STAGED_FOLDERS.items():
        path = path.replace(staged, own, 1) if path.startswith(staged) else path
    hunk = diff[next(i for i, line in enumerate(diff) if line.startswith("@@")) + 1 :]
    before = "\n".join(line[1:] for line in hunk if not line.startswith("+"))
    after = "\n".join(line[1:] for line in hunk if not line.startswith("-"))
    return Path(path), before, after


def indented(text: str) -> str:
    return "\n".join("    " + line if line else line for line in text.split("\n"))


def main() -> None:
    name, pytest_args = sys.argv[1], sys.argv[2:]
    path, before, after = mutant_change(name, os.environ.get("MUTATION_STAGE", "/tmp/probe-mutation"))
    source = path.read_text()
    if source.count(before) == 0:  # a method: mutmut shows it dedented
        before, after = indented(before), indented(after)
    if source.count(before) != 1:
        sys.exit(f"cannot place {name} in {path}: its function is found {source.count(before)} times")
    try:
        path.write_text(source.replace(before, after))
        tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:randomly", *pytest_args])
    finally:
        path.write_text(source)
    print(f"{name}: {'SURVIVED' if tests.returncode == 0 else 'KILLED' if tests.returncode == 1 else 'ERROR'}")


if __name__ == "__main__":
    main()
