"""What pySHACL works out anew on every run but depends only on the shapes: kept once per process.

pySHACL builds the constraint objects of a shape (reading its parameters, lists and messages
from the shapes graph) every time the shape is checked, which for a shape under
`sh:qualifiedValueShape` is once per focus node; it searches the text of a SPARQL-based
constraint with nine regular expressions before each run of it, once per focus node (~0.6 ms
per evidence node); it reads a sequence path (`( oa:hasSelector oa:start )`) from the shapes
graph again for every focus node; it looks each shape's predicates up in a list of ~40
constraint parameters, comparing them one by one; and it finds the focus nodes of each shape
anew, though 18 of ours target pg:SupportClaim. Each of these depends only on the shapes graph,
which does not change once the validator is made (the focus nodes: and on the data graph, which
does not change during a run), so here the first answer is kept and given again.

`serve(shapes)` marks a pySHACL `ShapesGraph` whose runs get the kept answers and installs the
hooks (once per process). Runs over any other shapes graph work exactly as in pySHACL.
"""

from __future__ import annotations

from typing import Any

import pyshacl.shape
from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP
from pyshacl.helper.sparql_query_helper import SPARQLQueryHelper
from pyshacl.shape import Shape
from pyshacl.shapes_graph import ShapesGraph
from rdflib import URIRef
from rdflib.namespace import RDF

_MARK = "pledgegraph_kept"


def serve(shapes: ShapesGraph) -> None:
    """Give the runs over `shapes` the kept constraint objects and query checks."""
    setattr(shapes, _MARK, {})  # (component class, shape) -> the constraint object made for it
    _install()


def _kept(shape: Any) -> dict[tuple[type, Any], Any] | None:
    """The constraint objects kept for the shapes graph of `shape`; None if it is not served."""
    return getattr(shape.sg, _MARK, None)


def _iri_sequence(shapes: Any, path: Any) -> tuple[URIRef, ...]:
    """The IRIs of a SHACL sequence path of two or more IRIs; () for any other path."""
    steps, node = [], path
    while node != RDF.nil:
        first, rest = list(shapes.objects(node, RDF.first)), list(shapes.objects(node, RDF.rest))
        if len(first) != 1 or len(rest) != 1 or not isinstance(first[0], URIRef) or len(steps) > 8:
            return ()
        steps.append(first[0])
        node = rest[0]
    return tuple(steps) if len(steps) >= 2 else ()


class _Parameters(list):  # type: ignore[type-arg]
    """pySHACL's list of constraint parameters, whose `in` is a set look-up (the same answer:
    parameters are IRIs, equal exactly when their hashes and texts are)."""

    def __init__(self, items: list[Any]) -> None:
        super().__init__(items)
        self._set = frozenset(items)

    def __contains__(self, item: object) -> bool:
        return item in self._set

    def copy(self) -> list[Any]:  # pySHACL copies it to add SHACL-AF and JS parameters
        return list(self)


class _KeptComponent:
    """Stands in for a constraint component class in pySHACL's parameter map: called with a
    shape, it gives the object it made for that shape before (one of ours), or a new one."""

    def __init__(self, component: type) -> None:
        self.component = component

    def __call__(self, shape: Any) -> Any:
        kept = _kept(shape)
        if kept is None:
            return self.component(shape)
        key = (self.component, shape)
        if key not in kept:
            kept[key] = self.component(shape)  # one that fails to load raises every time
        return kept[key]


def _install() -> None:
    if hasattr(pyshacl.shape, _MARK):
        return
    kept = {component: _KeptComponent(component) for component in set(CONSTRAINT_PARAMETERS_MAP.values())}
    parameter_map = {parameter: kept[component] for parameter, component in CONSTRAINT_PARAMETERS_MAP.items()}
    # pySHACL reads this pair from its module at each shape check (its lazy import of constraints)
    pyshacl.shape.CONSTRAINT_PARAMS = (_Parameters(ALL_CONSTRAINT_PARAMETERS), parameter_map)  # type: ignore[attr-defined]
    check = SPARQLQueryHelper.check_invalid_sparql
    passed: set[tuple[type, str, bool, frozenset[str]]] = set()

    def checked_once(self: SPARQLQueryHelper, sparql_text: str, valuenode: object = None, extravars: Any = None) -> bool:
        """pySHACL's check of a SPARQL constraint's text reads only the text, whether `$value`
        is bound and the extra variables: a text that passed once passes again."""
        if _kept(self.shape) is None:
            return check(self, sparql_text, valuenode=valuenode, extravars=extravars)
        key = (type(self), sparql_text, valuenode is not None, frozenset(extravars or ()))
        if key not in passed:
            check(self, sparql_text, valuenode=valuenode, extravars=extravars)  # one that fails raises every time
            passed.add(key)
        return True

    SPARQLQueryHelper.check_invalid_sparql = checked_once  # type: ignore[method-assign]
    focus_nodes = Shape.focus_nodes

    def focus_nodes_once(self: Shape, data_graph: Any, debug: bool = False) -> set[Any]:
        """pySHACL's focus nodes of a shape: the same for every shape with the same targets, and
        (SHACL-AF off) worked out from the data graph, which does not change during a run. So
        they are worked out once per run and set of targets: 18 shapes target pg:SupportClaim."""
        kept = _kept(self)
        if kept is None or self._advanced:
            return focus_nodes(self, data_graph, debug=debug)
        targets = kept.get(("targets", self))
        if targets is None:
            targets = kept[("targets", self)] = tuple(frozenset(found) for found in self.target())
        found = data_graph.__dict__.setdefault("_pledgegraph_focus", {})
        if targets not in found:
            found[targets] = focus_nodes(self, data_graph, debug=debug)
        return set(found[targets])

    Shape.focus_nodes = focus_nodes_once  # type: ignore[method-assign]
    value_nodes_from_path = pyshacl.shape.value_nodes_from_path

    def sequence_read_once(sg: ShapesGraph, focus: Any, path: Any, target_graph: Any, **options: Any) -> set[Any]:
        """pySHACL's value nodes of a path; a sequence of IRIs (`( oa:hasSelector oa:start )`)
        is read from the shapes graph once, not for every focus node, and followed step by step
        as pySHACL does."""
        kept = getattr(sg, _MARK, None)
        if kept is None or options or isinstance(path, URIRef):
            return value_nodes_from_path(sg, focus, path, target_graph, **options)
        steps = kept.get(("sequence", path))
        if steps is None:
            steps = kept[("sequence", path)] = _iri_sequence(sg.graph, path)
        if not steps:
            return value_nodes_from_path(sg, focus, path, target_graph, **options)
        nodes = {focus}
        for step in steps:
            nodes = {value for node in nodes for value in target_graph.objects(node, step)}
        return nodes

    pyshacl.shape.value_nodes_from_path = sequence_read_once  # type: ignore[attr-defined]
    setattr(pyshacl.shape, _MARK, True)
