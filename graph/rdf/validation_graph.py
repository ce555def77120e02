"""The graph pySHACL validates: an article graph copied into plain dict indexes, whose SPARQL
queries (SPARQL-based constraints) Oxigraph answers.

pySHACL makes thousands of triple look-ups per article; through rdflib's memory store, which
keeps each triple's contexts, they were a third of validation. `IndexedGraph` answers them from
three dicts (subject-predicate-object and its two rotations), with rdflib's own `Graph` methods
on top, so every look-up gives what rdflib would.

pySHACL runs a SPARQL-based constraint once per focus node, with `$this` pre-bound; rdflib's
engine takes ~1 ms per run of the evidence-offsets check, Oxigraph a few microseconds, but
copying the whole article graph into Oxigraph for it cost more than the queries. So a query
whose form allows it (`_plan`) is answered from a copy of only the triples its patterns can
match, and once for every `$this` at its first run: later runs with another `$this` read their
rows from that answer. Both are exact for that form: a basic graph pattern reads only triples
with its predicates, and pre-binding a variable of a pattern gives the rows of the unbound
pattern that carry that value. Any other query is answered as pySHACL asked it, by Oxigraph
over a copy of the whole graph, or by rdflib's engine when Oxigraph cannot take it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from pyshacl.graph_abstraction import to_ox, to_rdf
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.paths import Path
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result

_THIS = Variable("this")
Row = dict[Variable, Any]


@dataclass(frozen=True)
class _Plan:
    """How to answer one query text: from the triples of which predicates (None: all of them),
    and whether every `$this` can be answered by one run of the query without it."""

    predicates: frozenset[URIRef] | None
    batched: bool


@lru_cache(maxsize=64)
def _plan(text: str) -> _Plan:
    """The plan of a query text: a copy cut to its predicates and one run for every `$this` only
    for `SELECT` (no DISTINCT, ORDER, LIMIT) over FILTERs (no EXISTS) over one basic graph
    pattern with constant predicates, `$this` in its triples and in its projection."""
    try:
        algebra = prepareQuery(text).algebra
    except Exception:  # rdflib's parser raises many types; such a query keeps the general path
        return _Plan(None, False)
    project = algebra.p if algebra.name == "SelectQuery" and not algebra.get("datasetClause") else None
    if not isinstance(project, CompValue) or project.name != "Project":
        return _Plan(None, False)
    pattern, filters = project.p, []
    while isinstance(pattern, CompValue) and pattern.name == "Filter":
        filters.append(pattern.expr)
        pattern = pattern.p
    if not isinstance(pattern, CompValue) or pattern.name != "BGP" or any(map(_has_exists, filters)):
        return _Plan(None, False)
    triples = pattern.triples
    if not triples or not all(isinstance(p, URIRef) for _, p, _ in triples):
        return _Plan(None, False)
    in_pattern = any(_THIS in (s, o) for s, _, o in triples)
    return _Plan(frozenset(p for _, p, _ in triples), in_pattern and _THIS in project.PV)


def _has_exists(expression: Any) -> bool:
    """Whether a filter expression holds an EXISTS or NOT EXISTS (a pattern of its own)."""
    if isinstance(expression, CompValue):
        return "EXISTS" in expression.name.upper() or any(_has_exists(value) for value in expression.values())
    if isinstance(expression, (list, tuple)):
        return any(_has_exists(value) for value in expression)
    return False


@lru_cache(maxsize=64)
def _prepare(text: str) -> Query:
    return prepareQuery(text)


class IndexedGraph(Graph):
    """A graph held in plain dict indexes: subject-predicate-object, predicate-object-subject and,
    made at the first look-up by object alone (pySHACL's shapes make none), object-subject-predicate."""

    def __init__(self, triples: Iterable[tuple[Any, Any, Any]] = (), namespace_manager: Any = None,
                 terms: Mapping[Any, Any] | None = None) -> None:
        super().__init__(namespace_manager=namespace_manager)
        self._spo: dict[Any, dict[Any, dict[Any, None]]] = {}
        self._pos: dict[Any, dict[Any, dict[Any, None]]] = {}
        self._osp_index: dict[Any, dict[Any, dict[Any, None]]] | None = None
        self._size = 0
        # one object per term: a dict finds a key that is the very object asked for without
        # calling rdflib's (Python) __eq__; `terms` gives the objects the asker will use
        self._terms: dict[Any, Any] = dict(terms or {})
        self._add_all(triples)

    def _add_all(self, triples: Iterable[tuple[Any, Any, Any]]) -> None:
        """Add each triple (an article graph is ~500: the loop is written out for speed)."""
        spo, pos, osp, added = self._spo, self._pos, self._osp_index, 0
        term = self._terms.setdefault
        for s, p, o in triples:
            s, p, o = term(s, s), term(p, p), term(o, o)
            by_p = spo.get(s)
            if by_p is None:
                by_p = spo[s] = {}
            objects = by_p.get(p)
            if objects is None:
                objects = by_p[p] = {}
            if o not in objects:
                objects[o] = None
                pos.setdefault(p, {}).setdefault(o, {})[s] = None
                if osp is not None:
                    osp.setdefault(o, {}).setdefault(s, {})[p] = None
                added += 1
        self._size += added

    @property
    def _osp(self) -> dict[Any, dict[Any, dict[Any, None]]]:
        if self._osp_index is None:
            osp: dict[Any, dict[Any, dict[Any, None]]] = {}
            for s, by_p in self._spo.items():
                for p, objects in by_p.items():
                    for o in objects:
                        osp.setdefault(o, {}).setdefault(s, {})[p] = None
            self._osp_index = osp
        return self._osp_index

    def all_objects(self) -> set[Any]:
        """Every node in the object position of a triple."""
        return {o for by_o in self._pos.values() for o in by_o}

    def add(self, triple: Any) -> IndexedGraph:
        self._add_all((triple,))
        return self

    def remove(self, triple: Any) -> IndexedGraph:
        for s, p, o in list(self.triples(triple)):
            indexes = [(self._spo, (s, p, o)), (self._pos, (p, o, s))]
            if self._osp_index is not None:
                indexes.append((self._osp_index, (o, s, p)))
            for index, (a, b, c) in indexes:
                del index[a][b][c]
                if not index[a][b]:
                    del index[a][b]
                    if not index[a]:
                        del index[a]
            self._size -= 1
        return self

    def __len__(self) -> int:
        return self._size

    def triples(self, triple: Any) -> Iterator[tuple[Any, Any, Any]]:  # type: ignore[override]
        s, p, o = triple
        if isinstance(p, Path):
            for s2, o2 in p.eval(self, s, o):
                yield s2, p, o2
        elif s is not None:
            by_p = self._spo.get(s)
            if by_p is None:
                return
            for p2, objects in ((p, by_p.get(p, {})),) if p is not None else by_p.items():
                if o is None:
                    for o2 in objects:
                        yield s, p2, o2
                elif o in objects:
                    yield s, p2, o
        elif p is not None:
            by_o = self._pos.get(p)
            if by_o is None:
                return
            for o2, subjects in ((o, by_o.get(o, {})),) if o is not None else by_o.items():
                for s2 in subjects:
                    yield s2, p, o2
        elif o is not None:
            for s2, predicates in self._osp.get(o, {}).items():
                for p2 in predicates:
                    yield s2, p2, o
        else:
            for s2, by_p in self._spo.items():
                for p2, objects in by_p.items():
                    for o2 in objects:
                        yield s2, p2, o2


class ValidationGraph(IndexedGraph):
    """An `IndexedGraph` whose SPARQL queries Oxigraph answers.

    It is copied into in-memory Oxigraph stores at its first query (term by term, so blank
    nodes keep their labels and `$this` can be bound to one); it must not change after.
    """

    def __init__(self, triples: Iterable[tuple[Any, Any, Any]], namespace_manager: Any = None,
                 terms: Mapping[Any, Any] | None = None) -> None:
        super().__init__(triples, namespace_manager, terms)
        self._stores: dict[frozenset[URIRef] | None, ox.Store] = {}
        self._answers: dict[str, tuple[list[Variable], dict[Any, list[Row]]]] = {}

    def query(  # type: ignore[override]
        self,
        query_object: Any,
        processor: Any = "sparql",
        result: Any = "sparql",
        initNs: Mapping[str, Any] | None = None,  # noqa: N803 - rdflib's names
        initBindings: Mapping[str, Any] | None = None,  # noqa: N803
        use_store_provided: bool = True,
        **kwargs: Any,
    ) -> Result:
        if isinstance(query_object, str):
            try:
                return self._oxigraph_query(query_object, initNs or {}, initBindings or {})
            except (SyntaxError, RuntimeError, ValueError):  # a query (or a blank node label) Oxigraph does not take
                query_object = _prepare(query_object)
        return super().query(query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs)

    def _oxigraph_query(self, text: str, prefixes: Mapping[str, Any], bindings: Mapping[str, Any]) -> Result:
        plan = _plan(text)
        prefixes = {key: str(value) for key, value in prefixes.items()}
        if plan.batched and set(bindings) == {"this"}:
            key = f"{sorted(prefixes.items())}\n{text}"
            if key not in self._answers:
                answer = self._store(plan.predicates).query(text, prefixes=prefixes)
                if not isinstance(answer, ox.QuerySolutions):
                    raise ValueError("not a SELECT answer: left to rdflib")
                names, by_this = _rows(answer), {}
                for row in names[1]:
                    by_this.setdefault(row.get(_THIS), []).append(row)
                self._answers[key] = (names[0], by_this)
            names, by_this = self._answers[key]
            return _select(names, by_this.get(bindings["this"], []))
        substitutions = {ox.Variable(str(name)): to_ox(value) for name, value in bindings.items()}
        answer = self._store(plan.predicates).query(text, prefixes=prefixes, substitutions=substitutions)
        if isinstance(answer, ox.QueryBoolean):
            out = Result("ASK")
            out.askAnswer = bool(answer)
            return out
        if not isinstance(answer, ox.QuerySolutions):
            raise ValueError("a graph query (CONSTRUCT, DESCRIBE): left to rdflib")
        return _select(*_rows(answer))

    def _store(self, predicates: frozenset[URIRef] | None) -> ox.Store:
        """An Oxigraph copy of the triples with these predicates (None: of all triples)."""
        if predicates not in self._stores:
            triples: Iterable[tuple[Any, Any, Any]] = self if predicates is None else (
                (s, p, o) for p in predicates for s, o in self.subject_objects(p))
            store = ox.Store()
            store.extend([ox.Quad(_ox_term(s), _ox_term(p), _ox_term(o)) for s, p, o in triples])
            self._stores[predicates] = store
        return self._stores[predicates]


def _ox_term(term: Any) -> Any:
    """pySHACL's `to_ox` for the terms of a triple, without its checks for graphs (twice as fast)."""
    if isinstance(term, Literal):
        if term.language is not None:
            return ox.Literal(term, language=term.language)
        return ox.Literal(term, datatype=None if term.datatype is None else ox.NamedNode(term.datatype))
    if isinstance(term, BNode):
        return ox.BlankNode(term)
    return ox.NamedNode(term)


def _rows(answer: ox.QuerySolutions) -> tuple[list[Variable], list[Row]]:
    names = [Variable(v.value) for v in answer.variables]
    return names, [{name: to_rdf(value) for name, value in zip(names, row) if value is not None} for row in answer]


def _select(names: list[Variable], rows: list[Row]) -> Result:
    out = Result("SELECT")
    out.vars = names
    out.bindings = [dict(row) for row in rows]
    return out
