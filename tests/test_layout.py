"""The package layout: stages in their own sub-packages, and no import cycle anywhere.

Every import statement counts, lazy ones inside functions and `if TYPE_CHECKING:` ones included,
because a cycle hidden behind a lazy import still ties two stages together.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parent.parent / "graph"
MAX_TOP_LEVEL_MODULES = 12


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, modules: set[str]) -> set[str]:
    """The modules of `graph` that `path` imports, wherever in the file the import statement is."""
    found: set[str] = set()
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            found.add(base)
            # `from graph.store import local` imports the module graph.store.local
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in found if name in modules}


def import_graph() -> nx.DiGraph:
    files = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(path) for path in files}
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for path in files:
        importer = module_name(path)
        graph.add_edges_from((importer, imported) for imported in imported_modules(path, modules) if imported != importer)
    return graph


def test_no_import_cycle():
    graph = import_graph()
    assert graph.number_of_edges() > 50  # the parser found the imports
    cycles = list(nx.simple_cycles(graph))
    assert not cycles, f"import cycles: {cycles}"


def test_few_modules_at_the_top_and_stages_in_sub_packages():
    top = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL_MODULES, top
    stages = {path.parent.name for path in PACKAGE.glob("*/__init__.py")}
    assert {"read", "extract", "rdf", "store", "query", "serve", "export", "reason", "viz"} <= stages


def test_every_stage_says_what_it_takes_and_gives():
    for init in PACKAGE.glob("*/__init__.py"):
        docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert docstring and "takes" in docstring and "gives" in docstring, init


def test_the_rdf_mapping_and_the_vocabulary_import_nothing_from_extraction():
    graph = import_graph()
    for module in ("graph.rdf.mapping", "graph.vocabulary"):
        reachable = nx.descendants(graph, module)
        assert not {name for name in reachable if name.startswith("graph.extract")}, module


def test_store_protocol_imports_no_store_implementation():
    graph = import_graph()
    assert not nx.descendants(graph, "graph.store.base") & {"graph.store.local", "graph.store.remote"}
