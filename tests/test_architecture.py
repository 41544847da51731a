"""The package's shape: no import cycles between its modules (counting imports inside
functions too, which only hide a cycle), and no module over the size limit."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "reportgraph"
MAX_LINES = 420  # "about 400"
# Known debts, each with its reason; the tests fail when one is paid (remove it here) or a
# new one appears.
OVER_SIZE: dict[str, str] = {}
EXPORT_THROUGH_API: dict[str, str] = {}  # the viewer reads records + store.sources since the view branch


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def import_graph() -> dict[str, set[str]]:
    """Module → the package modules it imports (anywhere in it, outside ``TYPE_CHECKING``)."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _type_checking_lines(tree)
        targets: set[str] = set()
        for node in ast.walk(tree):
            if getattr(node, "lineno", None) in skip:
                continue
            if isinstance(node, ast.Import):
                found = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:  # relative: resolve against this module's package
                    base = name.split(".")
                    if not path.name == "__init__.py":
                        base = base[:-1]
                    base = base[: len(base) - node.level + 1]
                    mod = ".".join(base + ([node.module] if node.module else []))
                else:
                    mod = node.module or ""
                found = [mod] + [f"{mod}.{a.name}" for a in node.names]
            else:
                continue
            targets.update(t for t in found if t in modules and t != name)
        graph[name] = targets
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles():
    graph = import_graph()
    assert "reportgraph.api" in graph and graph["reportgraph.api"]  # the graph was read
    assert cycles(graph) == []


def test_export_depends_on_records_not_on_the_api():
    graph = import_graph()
    for name, targets in graph.items():
        if name.startswith("reportgraph.export"):
            assert ("reportgraph.api" in targets) == (name in EXPORT_THROUGH_API), name


def test_no_module_over_the_size_limit():
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert set(long) == set(OVER_SIZE), long


def _architecture_section() -> str:
    readme = (PACKAGE.parents[1] / "README.md").read_text(encoding="utf-8")
    return readme[readme.index("## How it works"):readme.index("## Dependencies and data")]


def test_the_readme_architecture_matches_the_folders():
    section = _architecture_section()
    folders = {str(p.parent.relative_to(PACKAGE)) for p in PACKAGE.rglob("__init__.py")} - {"."}
    named = set(re.findall(r"^\| `([\w/]+)/` \|", section, flags=re.M))
    assert named <= folders, f"the README names folders that are gone: {sorted(named - folders)}"
    assert folders - named <= {"export/viewer", "query/static", "cli"}, sorted(folders - named)
    unnamed = {f for f in folders if f"`{f}/`" not in section and f"`{f.rsplit('/', 1)[-1]}/`" not in section}
    assert not unnamed, f"folders the README does not name: {sorted(unnamed)}"
    modules = {p.name for p in PACKAGE.rglob("*.py")}
    stale = {m for m in re.findall(r"`(\w+\.py)`", section) if m not in modules}
    assert not stale, f"the README names modules that are gone: {sorted(stale)}"
