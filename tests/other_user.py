"""Run the real CLI as another user, as on a shared box.

Root ignores file modes, so a suite running as root checks them through `nobody`. That user
may not be able to read this checkout (a clone in a private folder) or this interpreter
(pyenv under /root), so it runs a copy of both - the base interpreter and standard library,
probe's runtime dependencies, and probe itself in its installed layout - in a world-readable
temporary folder. Files are hard-linked where they are world-readable already, else copied.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import tomllib
from importlib import import_module, metadata
from pathlib import Path

from packaging.requirements import Requirement

NOT_NEEDED = {"site-packages", "test", "idlelib", "tkinter", "turtledemo", "ensurepip", "lib2to3"}

def probe_packages() -> list[str]:
    """probe's top-level packages (probe, probe.importers, ...), as pyproject.toml maps them."""
    pyproject = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    return list(pyproject["tool"]["setuptools"]["package-dir"])


def nobody() -> int:
    try:
        return pwd.getpwnam("nobody").pw_uid
    except KeyError:
        return 65534


def readable_file(source: Path, target: Path) -> None:
    if target.exists():  # a package laid out inside another one is copied once
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.stat().st_mode & 0o004:
        try:
            os.link(source, target)
            return
        except OSError:
            pass  # another file system, or linking refused: copy instead
    shutil.copy2(source, target)
    target.chmod(0o755 if os.access(source, os.X_OK) else 0o644)


def readable_tree(source: Path, target: Path, skip=frozenset()) -> None:
    for folder, names, files in os.walk(source):
        names[:] = [name for name in names if name not in skip]
        for name in files:
            path = Path(folder, name)
            readable_file(path, target / path.relative_to(source))


def runtime_distributions(name: str, seen: set[str]) -> set[str]:
    """`name` and everything it needs at run time (no extras), as installed here."""
    key = name.lower().replace("_", "-")
    if key in seen:
        return seen
    seen.add(key)
    for line in metadata.requires(name) or []:
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            runtime_distributions(requirement.name, seen)
    return seen


def build_readable_python(root: Path) -> list[str]:
    """Lay out an interpreter under `root` that any user can run `-m probe` with."""
    base = Path(sys.base_prefix)
    executable = root / "bin" / "python3"
    readable_file(Path(sys._base_executable), executable)  # the interpreter, not the venv's link
    for library in (base / sys.platlibdir).glob("libpython*"):
        readable_file(library, root / sys.platlibdir / library.name)
    stdlib = Path(sysconfig.get_paths(vars={"installed_base": str(base), "base": str(base)})["stdlib"])
    readable_tree(stdlib, root / stdlib.relative_to(base), skip=NOT_NEEDED)
    site = root / "site"
    needed = runtime_distributions("hmip-probe", set())
    if "mutmut" in sys.modules:  # mutation testing: mutated code imports mutmut's trampoline
        runtime_distributions("mutmut", needed)
    for name in needed - {"hmip-probe"}:
        distribution = metadata.distribution(name)
        for file in distribution.files or []:
            source = Path(distribution.locate_file(file))
            if ".." not in file.parts and source.is_file():
                readable_file(source, site / file)
    for package in probe_packages():
        readable_tree(Path(import_module(package).__file__).parent, site.joinpath(*package.split(".")),
                      skip={"__pycache__"})  # fmt: skip
    for folder, _, _ in os.walk(root):
        Path(folder).chmod(0o755)
    return [str(executable), "-s", "-B"]


class Nobody:
    """Runs `python -m probe ARGS` in a real process as `nobody`; for tests running as root."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="probe-nobody-"))
        self.python = build_readable_python(self.root)

    def run(self, *args, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run([*self.python, "-m", "probe", *map(str, args)], **self._as_nobody(),
                              capture_output=True, text=True, timeout=60, **kwargs)  # fmt: skip

    def popen(self, *args, **kwargs) -> subprocess.Popen:
        """Start `python ARGS` as `nobody` (a script: "-c", SOURCE, ...), probe importable."""
        return subprocess.Popen([*self.python, *map(str, args)], **self._as_nobody(), **kwargs)

    def _as_nobody(self) -> dict:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "NO_COLOR": "1", "HOME": str(self.root),
            "PYTHONHOME": str(self.root), "PYTHONPATH": str(self.root / "site"),
            "LD_LIBRARY_PATH": str(self.root / sys.platlibdir),
            **{name: value for name, value in os.environ.items() if name == "MUTANT_UNDER_TEST"},
        }  # fmt: skip
        return {"env": env, "cwd": self.root, "user": nobody(), "group": nobody(), "extra_groups": []}

    def remove(self) -> None:
        shutil.rmtree(self.root)
