"""The package's import graph: no cycles, and no module reaching into another's private names.

A cycle makes import order matter and hides which module owns what; a private name (`_x`) used
elsewhere is a boundary nobody promised to keep. Both are read from the source with `ast`, so
imports inside functions count too (they are how cycles usually hide). A private module
(`ingest/_table.py`) belongs to its package: modules inside that package may import it, others
import what the package makes public.
"""

from __future__ import annotations

import ast
import pkgutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import verhalen

ROOT = Path(verhalen.__file__).parent

# (importer, imported) edges that may close a cycle, each with its reason. Both are imports inside
# a function that dispatches to plug-in-like modules; breaking them is a redesign of its own.
ALLOWED_CYCLE_EDGES: dict[tuple[str, str], str] = {
    ("verhalen.kit", "verhalen.kit_agenda"): (
        "kit.write dispatches to the exercise modules, which use kit's helpers (file_name, pick)"
    ),
    ("verhalen.kit", "verhalen.kit_landscape"): "as kit_agenda: kit.write dispatches to it",
    ("verhalen.kit", "verhalen.kit_sheets"): "as kit_agenda: kit.write dispatches to it",
    ("verhalen.kit", "verhalen.kit_timeline"): "as kit_agenda: kit.write dispatches to it",
    ("verhalen.stories", "verhalen.narrafirma_export"): "as qdpx: stories.export dispatches to it",
    ("verhalen.stories", "verhalen.qdpx"): (
        "stories.export dispatches to the QDPX exporter, which reads stories, perspectives and"
        " catalyse.yaml (catalysis -> perspectives -> stories)"
    ),
}

# (importer, "module.name") private uses that may stay, each with its reason. Keep it empty.
ALLOWED_PRIVATE: dict[tuple[str, str], str] = {}


def walk(path: Path = ROOT, prefix: str = "verhalen") -> Iterator[tuple[str, Path, bool]]:
    """Every module below `path` as (dotted name, file, is package), without importing any."""
    yield prefix, path / "__init__.py", True
    for info in pkgutil.iter_modules([str(path)]):
        name = f"{prefix}.{info.name}"
        if info.ispkg:
            yield from walk(path / info.name, name)
        else:
            yield name, path / f"{info.name}.py", False


MODULES = {name: (path, pkg) for name, path, pkg in walk()}


@dataclass(frozen=True)
class Use:
    module: str  # the verhalen module imported (or the one a name is imported from)
    name: str | None  # the name taken from it, None for the module itself
    line: int
    runtime: bool  # False under `if TYPE_CHECKING:`: never executed, so no cycle


def _absolute(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    parts = module.split(".")
    base = parts if is_package else parts[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def _type_checking_only(tree: ast.Module) -> set[int]:
    """Ids of the import nodes under `if TYPE_CHECKING:`."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                out |= {id(n) for n in ast.walk(child)}
    return out


def uses(module: str) -> list[Use]:
    """Every import of a verhalen module in `module`, at any depth, plus attribute reads of
    names on an imported verhalen module (`report.pdf._styles`)."""
    path, is_package = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    static = _type_checking_only(tree)
    out: list[Use] = []
    aliases: dict[str, str] = {}  # local name -> verhalen module it stands for
    for node in ast.walk(tree):
        runtime = id(node) not in static
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "verhalen":
                    out.append(Use(alias.name, None, node.lineno, runtime))
                    aliases[alias.asname or alias.name] = alias.name
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(module, is_package, node)
            if source.split(".")[0] != "verhalen":
                continue
            for alias in node.names:
                sub = f"{source}.{alias.name}"
                if sub in MODULES:
                    out.append(Use(sub, None, node.lineno, runtime))
                    aliases[alias.asname or alias.name] = sub
                else:
                    out.append(Use(source, alias.name, node.lineno, runtime))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            target = aliases.get(ast.unparse(node.value))
            if target is not None and f"{target}.{node.attr}" not in MODULES:
                out.append(Use(target, node.attr, node.lineno, True))
    return out


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_uses(module: str) -> list[str]:
    """`module:line uses x._y` for each private name or private module of another owner."""
    found = []
    own_package = module if MODULES[module][1] else module.rsplit(".", 1)[0]
    for use in uses(module):
        parts = use.module.split(".")
        for i, part in enumerate(parts):
            # a private module belongs to its package: only that package's modules use it
            owner = ".".join(parts[:i])
            if _private(part) and not (own_package + ".").startswith(owner + "."):
                key = ".".join(parts[: i + 1])
                if (module, key) not in ALLOWED_PRIVATE:
                    found.append(f"{module}:{use.line} uses the private module {key}")
                break
        if use.name and _private(use.name) and use.module != module:
            key = f"{use.module}.{use.name}"
            if (module, key) not in ALLOWED_PRIVATE:
                found.append(f"{module}:{use.line} uses the private name {key}")
    return found


def graph() -> dict[str, set[str]]:
    """Module -> the verhalen modules it imports when run (the names' own module if known)."""
    edges: dict[str, set[str]] = {m: set() for m in MODULES}
    for module in MODULES:
        for use in uses(module):
            inside = use.module in MODULES and use.module != module
            if use.runtime and inside and (module, use.module) not in ALLOWED_CYCLE_EDGES:
                edges[module].add(use.module)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected component of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                components.append(component)

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return [_one_cycle(edges, c) for c in components]


def _one_cycle(edges: dict[str, set[str]], component: set[str]) -> list[str]:
    """A shortest path from the component's first module back to itself."""
    start = min(component)
    paths = {start: [start]}
    queue = [start]
    while queue:
        v = queue.pop(0)
        for w in sorted(edges[v] & component):
            if w == start:
                return [*paths[v], start]
            if w not in paths:
                paths[w] = [*paths[v], w]
                queue.append(w)
    return sorted(component)


def test_every_module_is_seen():
    assert {"verhalen.store", "verhalen.store.schema", "verhalen.cli.app"} <= set(MODULES)


def test_no_import_cycles():
    found = cycles(graph())
    assert not found, "import cycles:\n" + "\n".join(" -> ".join(c) for c in found)


def test_no_private_imports_across_modules():
    found = [line for module in sorted(MODULES) for line in private_uses(module)]
    assert not found, "private names used outside their module:\n" + "\n".join(found)


def test_the_checks_see_what_they_should(tmp_path):
    """The checks themselves: a cycle through a function-level import, and private uses."""
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(edges) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
    source = (
        "from verhalen.ingest import _table\n"
        "def f():\n"
        "    from verhalen.report.pdf import _styles\n"
        "    import verhalen.store as s\n"
        "    return s._user()\n"
    )
    path = tmp_path / "probe.py"
    path.write_text(source, encoding="utf-8")
    MODULES["verhalen.probe"] = (path, False)
    try:
        found = private_uses("verhalen.probe")
    finally:
        del MODULES["verhalen.probe"]
    assert [line.split(" uses ")[1] for line in found] == [
        "the private module verhalen.ingest._table",
        "the private name verhalen.report.pdf._styles",
        "the private name verhalen.store._user",
    ]


def test_allow_lists_name_real_modules():
    for importer, imported in ALLOWED_CYCLE_EDGES:
        assert importer in MODULES and imported in MODULES
    for importer, _ in ALLOWED_PRIVATE:
        assert importer in MODULES


def test_every_imported_package_is_declared() -> None:
    """A package verhalen imports but does not declare arrives only through another one: a
    wheel installed on its own then fails at run time (Babel did, in `verhalen demo`)."""
    import re
    import sys
    import tomllib
    from importlib.metadata import packages_distributions

    config = tomllib.loads((ROOT.parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
    project = config["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["notebooks"]]
    declared = {
        re.split(r"[<>=!~\[ ;]", w, maxsplit=1)[0].lower().replace("_", "-") for w in wanted
    }
    providers = packages_distributions()
    imported: set[str] = set()
    for path in ROOT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                imported.add(node.module.split(".")[0])
    third = imported - set(sys.stdlib_module_names) - {"verhalen"}
    missing = {
        name: providers.get(name, [name])
        for name in third
        if not {d.lower().replace("_", "-") for d in providers.get(name, [name])} & declared
    }
    assert not missing, f"imported but not declared in pyproject.toml: {missing}"
