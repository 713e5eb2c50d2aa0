"""The package's shape follows the design: a package per stage, each importing only from the
stages before it and from the few shared modules at the top, with no import cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import customer_room

PACKAGE = Path(customer_room.__file__).parent
# In the order a build runs them, after the few shared modules: the stages, the build that
# runs them, the site engines that drive it, and the command line. A module may import from
# its own place and the places before it.
SHARED = {"errors", "settings", "cache", "site_files", "progress", "ffmpeg"}
SHARED |= {"build_lock", "memo"}
ORDER = ("content", "privacy", "media", "pages", "printing", "build", "review", "engines", "cli")
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imports(name: str, path: Path) -> set[str]:
    """The package's modules that ``name`` imports (at any place in it)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    known = _modules()
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            candidates = [f"{target}.{alias.name}" for alias in node.names] + [target]
            found.update(c for c in candidates if c in known and c)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("customer_room."):
            found.add(node.module.removeprefix("customer_room."))  # type: ignore[union-attr]
    return found - {name}


def _rank(module: str) -> int:
    top = module.split(".")[0]
    if top in SHARED:
        return 0
    assert top in ORDER, f"{module}: neither shared nor in a stage package"
    return 1 + ORDER.index(top)


def test_every_module_imports_only_from_its_stage_and_earlier_ones() -> None:
    backwards = []
    for name, path in _modules().items():
        if not name:
            continue
        for target in _imports(name, path):
            if target and _rank(target) > _rank(name):
                backwards.append(f"{name} imports {target}")
    assert backwards == []


def test_there_is_no_import_cycle() -> None:
    graph = {name: _imports(name, path) for name, path in _modules().items() if name}
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in graph.get(node, ()):
            if nxt not in graph:
                continue
            if state.get(nxt) == 1:
                cycles.append(" -> ".join([*trail[trail.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_modules_stay_small() -> None:
    long = {
        name: lines
        for name, path in _modules().items()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
