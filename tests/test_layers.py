"""The import structure: no cycles, and no stage importing one above it in the pipeline.

Imports are read with :mod:`ast` from the source, so an import inside a function or under
``TYPE_CHECKING`` counts as much as one at the top of a module.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

LAYERS: tuple[frozenset[str], ...] = tuple(
    frozenset(names.split())
    for names in (
        "version errors",
        "settings",
        "knowledge",
        "records",
        "verdicts highlights",
        "sources nlp",
        "time",
        "actors",
        "events",
        "places facts calibration",
        "prefilter tenures",
        "extract",
        "lookup evaluation",
        "store",
        "dedup capacity",
        "ingest recode learn",
        "feeds spark analytics alerts exports review",
        "brief live",
        "views",
        "api web",
        "server",
        "cli",
        "bilat __main__",
    )
)
"""bilat's units from the bottom up: a unit imports only units of lower layers.

A unit is a top-level module or package of ``bilat`` (``bilat`` itself is the facade that
re-exports the public API). The order is the pipeline's (DESIGN: sources → language → time →
actors → events → places and facts; the pre-filter, the tenures that date a text and ``extract`` run several of them), then
storage, analysis, presenters (``views``) and the interfaces.
"""


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted((SRC / "bilat").rglob("*.py"))}


def _imported(tree: ast.AST, modules: dict[str, Path]) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name in modules)
        elif isinstance(node, ast.ImportFrom) and node.module in modules and not node.level:
            for alias in node.names:
                # "from bilat.store import wire" imports the submodule, not the package's names.
                submodule = f"{node.module}.{alias.name}"
                yield submodule if submodule in modules else node.module


@cache
def _graph() -> dict[str, frozenset[str]]:
    modules = _modules()
    return {
        name: frozenset(_imported(ast.parse(path.read_text(encoding="utf-8")), modules)) - {name}
        for name, path in modules.items()
    }


def _unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _layer(unit: str) -> int:
    return next(i for i, names in enumerate(LAYERS) if unit in names)


def _cycles(graph: dict[str, frozenset[str]]) -> list[list[str]]:
    """Return the strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_layers_place_every_unit_once() -> None:
    units = {_unit(module) for module in _modules()}
    placed = [unit for names in LAYERS for unit in names]
    assert sorted(placed) == sorted(set(placed))
    assert units == set(placed)


def test_layers_no_import_cycle_between_modules() -> None:
    assert _cycles(dict(_graph())) == []


def test_layers_find_a_cycle_when_there_is_one() -> None:
    graph = {"a": frozenset({"b"}), "b": frozenset({"c"}), "c": frozenset({"a"}), "d": frozenset()}
    assert _cycles(graph) == [["a", "b", "c"]]


def test_layers_no_unit_imports_its_own_layer_or_a_higher_one() -> None:
    upward = sorted(
        f"{module} -> {target}"
        for module, targets in _graph().items()
        for target in targets
        if _unit(module) != _unit(target) and _layer(_unit(target)) >= _layer(_unit(module))
    )
    assert upward == []


def test_layers_read_imports_inside_functions() -> None:
    tree = ast.parse("def f():\n    from bilat.extract import Pipeline\n    import bilat.store\n")
    modules = {"bilat.extract": Path(), "bilat.store": Path()}
    assert sorted(_imported(tree, modules)) == ["bilat.extract", "bilat.store"]


@pytest.mark.parametrize("module", sorted(_modules()))
def test_layers_module_under_600_lines(module: str) -> None:
    path = _modules()[module]
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 600
