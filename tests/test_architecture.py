"""The package's floors, read from its source with `ast`: each module imports only from its own floor
or the floors below, no module imports its way round in a circle, and nothing is imported inside a
function unless a `# Lazy:` comment says why (a heavy optional library, or Flask kept out of the
package's front door). docs/architecture.md draws the same floors."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "cardshop"

# Floor of each top-level room; a module may import from rooms whose floor is at most its own.
FLOORS = {
    "design": 1,
    "render": 2,
    "studio": 3,
    "words": 3,
    "orders": 3,
    "web": 4,
    "cli": 4,
}
FRONT_DOOR = "cardshop"  # the package itself: `create_app`, above every floor
# Imports placed inside a function on purpose; each also carries a `# Lazy:` comment saying why.
DEFERRED = {
    ("cardshop", "cardshop.web.app"),  # Flask stays out of `import cardshop`
    ("cardshop.studio.proof.sheet", "cardshop.studio.proof.fetcher"),  # WeasyPrint only for proofs
    ("cardshop.web.batch_documents", "cardshop.orders.print_batch"),  # WeasyPrint only for print batches
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def resolve(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if path.name != "__init__.py":
        base.pop()
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(path: Path) -> list[tuple[str, bool, int]]:
    """(imported module, inside a function?, line) for every cardshop import in the file; `from X
    import y` counts as X.y when that is a module of ours, else X."""
    module = module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            source = resolve(module, path, node)
            targets = [
                f"{source}.{alias.name}" if f"{source}.{alias.name}" in MODULES else source for alias in node.names
            ]
        else:
            continue
        for target in targets:
            if target == "cardshop" or target.startswith("cardshop."):
                found.append((target, node.col_offset > 0, node.lineno))
    return found


SOURCES = sorted(PACKAGE.rglob("*.py"))
MODULES = {module_name(path) for path in SOURCES}


def floor_of(module: str) -> int:
    if module == FRONT_DOOR:
        return 5
    room = module.split(".")[1]
    assert room in FLOORS, f"{module} is in no floor: add its room to FLOORS and to docs/architecture.md"
    return FLOORS[room]


def graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {module: set() for module in MODULES}
    for path in SOURCES:
        for target, _, _ in imports_of(path):
            if target in MODULES and target != module_name(path):
                edges[module_name(path)].add(target)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), each a cycle or several."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_every_module_is_on_a_floor():
    for module in MODULES:
        floor_of(module)


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(ROOT)))
def test_imports_only_from_its_floor_or_below(path):
    module = module_name(path)
    upward = [
        f"line {line}: {target} (floor {floor_of(target)} above {floor_of(module)})"
        for target, _, line in imports_of(path)
        if target in MODULES and floor_of(target) > floor_of(module)
    ]
    assert not upward, f"{module} reaches up: " + "; ".join(upward)


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_imports_hidden_in_functions(path):
    module = module_name(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    hidden = []
    for target, inside, line in imports_of(path):
        if not inside:
            continue
        said = any(lines[n].strip().startswith("# Lazy:") for n in range(max(0, line - 4), line - 1))
        if (module, target) not in DEFERRED or not said:
            hidden.append(f"line {line}: {target}")
    assert not hidden, f"{module} imports inside a function: " + "; ".join(hidden)


def test_no_import_cycles():
    assert cycles(graph()) == []


def test_the_rule_catches_what_it_should():
    """The checks themselves can fail: an upward import and a cycle are found in a made-up graph."""
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c"]]
    assert floor_of("cardshop.web.cards") > floor_of("cardshop.render.card") > floor_of("cardshop.design.models")
    tree_import = ast.parse("def f():\n    from cardshop.web import app\n").body[0].body[0]
    assert tree_import.col_offset > 0
