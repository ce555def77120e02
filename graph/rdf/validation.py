"""SHACL validation with pySHACL against `ontology/shapes.ttl`.

An article graph is validated together with the `rdf:type` triples of what it points to and the
`rdfs:subClassOf` hierarchy above those types, so `sh:class` checks work without RDFS inference
and the cost does not grow with the store (NOTES.md: ~100 triples per article).

What makes it fast (README, "Where the time goes"): the shapes are read and harvested once per
process, not once per article; the context triples are added to the article graph for the run
and taken out again, not copied with it; each property shape names its own target, so pySHACL
checks it once for all claims instead of once per claim; and the SPARQL constraint (evidence
offsets against the article text), which pySHACL runs once per evidence node, is answered by
Oxigraph over a copy of the graph instead of by rdflib's SPARQL engine. pySHACL still decides
every result.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from pyshacl import Validator
from pyshacl.graph_abstraction import DataGraph, to_ox, to_rdf
from rdflib import Graph, URIRef, Variable
from rdflib.namespace import RDF, RDFS, SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result

from graph.resources import SHAPES_FILE, ontology_file
from graph.vocabulary import Vocabulary, load_ontology_graph


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of a SHACL run: whether it conforms, and one readable line per result
    (violations; and warnings, which start with "warning: " and do not break conformance)."""

    conforms: bool
    violations: tuple[str, ...]

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(line for line in self.violations if line.startswith("warning: "))

    def text(self) -> str:
        """The report as an analyst reads it."""
        warnings = "".join(f"\n- {line}" for line in self.warnings)
        if self.conforms:
            return f"Conforms: no violations{f', {len(self.warnings)} warning(s):' if warnings else '.'}{warnings}"
        errors = [line for line in self.violations if not line.startswith("warning: ")]
        return f"{len(errors)} violation(s):\n" + "\n".join(f"- {line}" for line in errors) + warnings


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The SHACL shapes, parsed once."""
    return Graph().parse(ontology_file(SHAPES_FILE), format="turtle")


@lru_cache(maxsize=1)
def _superclass_links() -> dict[URIRef, tuple[tuple[URIRef, URIRef], ...]]:
    """For each class, the rdfs:subClassOf links from it up to the top of the hierarchy."""
    ontology = load_ontology_graph()
    parents: dict[URIRef, list[URIRef]] = {}
    for sub, sup in ontology.subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            parents.setdefault(sub, []).append(sup)
    links: dict[URIRef, tuple[tuple[URIRef, URIRef], ...]] = {}
    for cls in parents:
        found, todo = set(), [cls]
        while todo:
            current = todo.pop()
            for parent in parents.get(current, []):
                if (current, parent) not in found:
                    found.add((current, parent))
                    todo.append(parent)
        links[cls] = tuple(sorted(found))
    return links


class _OxigraphQueries(Graph):
    """A view of a data graph (the same rdflib store, nothing copied) whose SPARQL queries
    Oxigraph answers.

    pySHACL runs a SPARQL-based constraint once per focus node, with `$this` bound; rdflib's
    engine takes ~1 ms per run of the evidence check, Oxigraph a few microseconds. The graph
    is copied into an in-memory Oxigraph store at its first query (term by term, so blank
    nodes keep their labels and `$this` can be bound to one); it must not change after. A
    query Oxigraph cannot take goes to rdflib's engine, parsed once per text.
    """

    def __init__(self, data: Graph) -> None:
        super().__init__(store=data.store, identifier=data.identifier, namespace_manager=data.namespace_manager)
        self._oxigraph: ox.Store | None = None

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
        if self._oxigraph is None:
            self._oxigraph = ox.Store()
            self._oxigraph.bulk_extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in self)
        substitutions = {ox.Variable(str(name)): to_ox(value) for name, value in bindings.items()}
        answer = self._oxigraph.query(text, prefixes={k: str(v) for k, v in prefixes.items()}, substitutions=substitutions)
        if isinstance(answer, ox.QueryBoolean):
            out = Result("ASK")
            out.askAnswer = bool(answer)
            return out
        if not isinstance(answer, ox.QuerySolutions):
            raise ValueError("a graph query (CONSTRUCT, DESCRIBE): left to rdflib")
        out = Result("SELECT")
        out.vars = [Variable(v.value) for v in answer.variables]
        out.bindings = [{name: to_rdf(value) for name, value in zip(out.vars, row) if value is not None} for row in answer]
        return out


@lru_cache(maxsize=64)
def _prepare(text: str) -> Query:
    return prepareQuery(text)


class _ReusedValidator(Validator):
    """pySHACL's Validator, made once per process so the shapes are harvested once."""

    def check(self, data: Graph) -> tuple[bool, Graph]:
        self.data_graph = DataGraph.from_rdflib(_OxigraphQueries(data))
        self._target_graph = None  # run() works on data_graph in place (options: inplace)
        conforms, results, _ = self.run()
        return conforms, results


@lru_cache(maxsize=1)
def _validator() -> _ReusedValidator:
    # no inference (the class hierarchy is in the data graph), no SHACL-AF (the shapes use none of
    # it), in place (the graph is the caller's, restored after the run), warnings do not fail
    options = {"inference": "none", "advanced": False, "inplace": True, "allow_warnings": True}
    return _ReusedValidator(DataGraph.from_rdflib(Graph()), shacl_graph=shapes_graph(), options=options)


def context_triples(data: Graph, vocabulary: Vocabulary) -> set[tuple[URIRef, URIRef, URIRef]]:
    """The types of the vocabulary entries `data` references and their superclass links."""
    context = set()
    for node in {o for o in data.objects() if isinstance(o, URIRef)}:
        for cls in vocabulary.graph.objects(node, RDF.type):
            context.add((node, RDF.type, cls))
    # only the part of the class hierarchy above the classes in use, so sh:class can walk it
    links = _superclass_links()
    classes = {o for o in data.objects(None, RDF.type)} | {cls for _, _, cls in context}
    for cls in classes:
        for sub, sup in links.get(cls, ()):
            context.add((sub, RDFS.subClassOf, sup))
    return context


@contextmanager
def with_context(data: Graph, vocabulary: Vocabulary) -> Iterator[Graph]:
    """`data` with its context triples added for the duration of the block, then taken out again.

    Adding ~50 triples and removing them costs a fraction of copying the article's ~450.
    """
    added = [triple for triple in context_triples(data, vocabulary) if triple not in data]
    for triple in added:
        data.add(triple)
    try:
        yield data
    finally:
        for triple in added:
            data.remove(triple)


def validate_graph(data: Graph) -> ValidationReport:
    """Validate a data graph that already carries the types it needs (it is not changed)."""
    conforms, results = _validator().check(data)
    return ValidationReport(conforms, tuple(sorted(_violation_lines(results))))


def validate_in_context(data: Graph, vocabulary: Vocabulary) -> ValidationReport:
    """Validate `data` with the types and class hierarchy of what it references."""
    with with_context(data, vocabulary) as combined:
        return validate_graph(combined)


def _violation_lines(results: Graph) -> list[str]:
    """One line per result; warnings (weak claims) are marked and do not break conformance."""
    lines = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        where = f" (property {path.n3(results.namespace_manager)})" if isinstance(path, URIRef) else ""
        warning = "warning: " if results.value(result, SH.resultSeverity) in (SH.Warning, SH.Info) else ""
        lines.append(f"{warning}{focus}{where}: {message}")
    return lines
