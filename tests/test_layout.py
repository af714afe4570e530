"""The package's layering, checked from the source: the client library stands alone, and no module
imports another that (directly or not) imports it back at module level."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "openkey_gui"
MAX_LINES = 560  # "about 500": no module is a catch-all again


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Module → the openkey_gui modules it imports at module level (not inside functions or TYPE_CHECKING)."""
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found: set[str] = set()
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("openkey_gui"):
                found.add(node.module)
            elif isinstance(node, ast.Import):
                found |= {alias.name for alias in node.names if alias.name.startswith("openkey_gui")}
        graph[_module_name(path)] = found
    return graph


def test_api_imports_nothing_outside_api() -> None:
    outside = {(module, target) for module, targets in _imports().items() if module.startswith("openkey_gui.api")
               for target in targets if not target.startswith("openkey_gui.api")}
    assert outside == set()


def test_no_import_cycles() -> None:
    graph = _imports()
    cycles: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        for target in sorted(graph.get(module, ())):
            if target in path:
                cycles.append([*path[path.index(target):], target])
            elif len(path) < 40:
                visit(target, [*path, target])

    for module in sorted(graph):
        visit(module, [module])
    assert cycles == []


def test_no_module_is_a_catch_all() -> None:
    long = {path.name: n for path in PACKAGE.rglob("*.py") if (n := len(path.read_text().splitlines())) > MAX_LINES}
    assert long == {}
