"""The layers hold: each folder imports only what docs/architecture.md says it may.

Every module's imports are read with ast, those inside functions too (a lazy import is still a
dependency); imports under `if TYPE_CHECKING:` are left out, as they never run. Folders map to
module names the way pyproject.toml installs them, so a new folder is checked as soon as it ships.
"""

from __future__ import annotations

import ast
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from conftest import REPO

UI = ("textual", "rich", "typer")
SQLITE = ("sqlite3", "sqlite_utils")
STORE_WRITERS = ("probe.store.write", "probe.store.migrations")  # migrations upgrade in place
# A statement that changes a database, at the start of a string.
SQL_WRITE = re.compile(
    r"^\s*(INSERT\s+(OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM"
    r"|(CREATE|DROP)\s+(VIRTUAL\s+)?(TABLE|INDEX|TRIGGER|VIEW)|ALTER\s+TABLE)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Contract:
    name: str
    layers: tuple[str, ...]  # the modules it binds: these and all below them
    forbidden: tuple[str, ...]  # modules they may not import, nor anything below them
    allowed: tuple[str, ...] = ()  # exceptions to `forbidden`
    outside: tuple[str, ...] = ()  # modules of `layer` the contract does not bind


CONTRACTS = [
    Contract("the domain imports no other layer", ("probe.domain",), ("probe", *UI, *SQLITE), ("probe.domain",)),
    Contract(
        "importers parse without a database or a UI", ("probe.importers",),
        ("probe", *UI, *SQLITE), ("probe.domain", "probe.importers"),
    ),
    Contract(
        "the store knows the domain, not who calls it", ("probe.store",), ("probe", *UI),
        ("probe.domain", "probe.store"),
    ),
    Contract(
        "output renders what the store reads", ("probe.output",),
        (*STORE_WRITERS, "probe.ingest", "probe.importers", "probe.cli", "probe.tui", "textual"),
    ),
    Contract(
        "the explorer reads, never writes or runs commands", ("probe.tui",),
        ("probe.cli", "probe.store.write", "probe.ingest", "probe.importers"),
    ),
    Contract(
        "probe serve reads, never writes", ("probe.serve", "probe.web"),
        ("probe.store.write", "probe.ingest", "probe.importers", "probe.cli", "probe.tui", "textual"),
    ),
    Contract("only the store talks to SQLite", ("probe",), SQLITE, outside=("probe.store",)),
]  # fmt: skip


def under(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == prefix or module.startswith(prefix + ".") for prefix in prefixes)


@cache
def module_files() -> dict[str, Path]:
    """Each installed module of ours by name, from pyproject.toml's package-dir."""
    setuptools = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    modules = {}
    for package, folder in setuptools["package-dir"].items():
        for path in (REPO / folder).rglob("*.py"):
            parts = path.relative_to(REPO / folder).with_suffix("").parts
            modules[".".join([package, *(p for p in parts if p != "__init__")])] = path
    return modules


def is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING")


def runtime_nodes(tree: ast.AST):
    """Every node below `tree` except those under `if TYPE_CHECKING:` (its `else:` runs)."""
    for child in ast.iter_child_nodes(tree):
        for node in child.orelse if is_type_checking(child) else [child]:
            yield node
            yield from runtime_nodes(node)


def imports_of(module: str, source: str, is_package: bool = False) -> set[str]:
    """The modules `module` imports; `from a import b` counts as both a and a.b."""
    found = set()
    for node in runtime_nodes(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            package = module.split(".") if is_package else module.split(".")[:-1]
            base = package[: len(package) - node.level + 1] if node.level else []
            source = ".".join(base + ([node.module] if node.module else []))
            found |= {source} | {f"{source}.{alias.name}" for alias in node.names}
    return found


@cache
def import_graph() -> dict[str, set[str]]:
    return {
        module: imports_of(module, path.read_text(encoding="utf-8"), path.name == "__init__.py")
        for module, path in module_files().items()
    }


def breaches(contract: Contract) -> list[str]:
    return sorted(
        f"{module} imports {target}"
        for module, targets in import_graph().items()
        if under(module, contract.layers) and not under(module, contract.outside)
        for target in targets
        if under(target, contract.forbidden) and not under(target, contract.allowed)
    )


def test_imports_are_read_relative_lazy_and_not_under_type_checking():
    source = """
from typing import TYPE_CHECKING
from . import sibling
from ..store import read
if TYPE_CHECKING:
    from probe.store.write import open_db
else:
    import sqlite3
def run():
    import probe.tui.app
"""
    found = imports_of("probe.output.hits", source)
    assert {"probe.output.sibling", "probe.store.read", "sqlite3", "probe.tui.app"} <= found
    assert not any("write" in name for name in found)
    assert "probe.store.sibling" in imports_of("probe.store", "from . import sibling", is_package=True)


def test_the_import_graph_sees_every_layer():
    graph = import_graph()
    for contract in CONTRACTS:
        assert all(any(under(module, (layer,)) for module in graph) for layer in contract.layers), contract
    assert "probe.domain.model" in graph["probe.importers.parse"]
    assert "probe.tui.app" in graph["probe.cli.app"]  # imported inside a function


@pytest.mark.parametrize("contract", CONTRACTS, ids=lambda contract: contract.name)
def test_layer_contract(contract):
    assert breaches(contract) == []


def sql_writes(modules) -> list[str]:
    """Each string in `modules` that starts with a statement changing a database."""
    return sorted(
        f"{module}:{node.lineno}: {node.value.strip().splitlines()[0]}"
        for module in modules
        for node in ast.walk(ast.parse(module_files()[module].read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL_WRITE.match(node.value)
    )


def test_only_the_store_writes_sql():
    assert sql_writes(m for m in module_files() if not under(m, ("probe.store",))) == []


def test_sql_writes_are_recognised_and_prose_is_not():
    assert any(": ALTER TABLE reports ADD COLUMN" in write for write in sql_writes(["probe.store.migrations"]))
    assert all(SQL_WRITE.match(sql) for sql in ("INSERT OR REPLACE INTO findings", "update reports set x=1"))
    assert not SQL_WRITE.match("Update the list, then delete from it and create tables of results")
