"""No import cycle anywhere in cockpit, counting every import statement in a file.

import-linter sees module-level imports only; a cycle hidden behind a function-level or ``TYPE_CHECKING``
import is still a cycle (the two modules cannot be understood, tested or moved apart), so this test reads
every ``import`` and ``from … import`` in each module's syntax tree, wherever it stands.
"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest

import cockpit

ROOT = Path(cockpit.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(node: ast.Import | ast.ImportFrom, *, package: str, modules: set[str]) -> set[str]:
    """The cockpit modules one statement imports (a package's ``__init__`` for a name it defines)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        if node.level:
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            module = ".".join([*base, *([node.module] if node.module else [])])
        else:
            module = node.module or ""
        # ``from package import module`` imports the module; ``from module import name`` the module.
        names = [f"{module}.{alias.name}" for alias in node.names if f"{module}.{alias.name}" in modules]
        names = names or [module]
    found = set()
    for name in names:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        if name:
            found.add(name)
    return found


def import_graph() -> dict[str, set[str]]:
    """Each cockpit module → the cockpit modules it imports anywhere in its file."""
    paths = {_module_name(path): path for path in ROOT.rglob("*.py")}
    modules = set(paths)
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        edges: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                edges |= _imported(node, package=package, modules=modules)
        graph[name] = edges - {name}
    return graph


def test_the_graph_sees_deferred_and_type_checking_imports():
    graph = import_graph()
    # Known edges of each kind, so a parser that missed some would not pass as "no cycle".
    assert "cockpit.ui.app" in graph["cockpit.cli.launch_commands"]  # inside `cockpit open` only
    assert "cockpit.store.writer" in graph["cockpit.store.launchfile"]


def test_no_import_cycle_in_cockpit():
    try:
        graphlib.TopologicalSorter(import_graph()).prepare()
    except graphlib.CycleError as error:
        pytest.fail(f"import cycle: {' -> '.join(error.args[1])}")
