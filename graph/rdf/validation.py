"""SHACL validation with pySHACL against `ontology/shapes.ttl`.

An article graph is validated together with the `rdf:type` triples of what it points to and the
`rdfs:subClassOf` hierarchy above those types, so `sh:class` checks work without RDFS inference
and the cost does not grow with the store (NOTES.md: ~100 triples per article).

What makes it fast (README, "Where the time goes"): the shapes are read and harvested once per
process, not once per article; each property shape names its own target, so pySHACL checks it
once for all claims instead of once per claim; the article graph and its context are copied
into a `ValidationGraph` (plain dict indexes instead of rdflib's store, for the shapes too) and
the SPARQL constraint (evidence offsets against the article text) is answered by Oxigraph from
the few triples it reads, once for all evidence nodes. pySHACL still decides every result.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from weakref import WeakKeyDictionary

from pyshacl import Validator
from pyshacl.consts import RDF_type, RDFS_subClassOf
from pyshacl.graph_abstraction import DataGraph
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH

try:  # hooks into pySHACL 0.40's internals (the version pyproject.toml pins)
    from graph.rdf import pyshacl_caches
except ImportError:  # another pySHACL: validate as it does, without the kept answers
    pyshacl_caches = None  # type: ignore[assignment]
from graph.rdf.validation_graph import IndexedGraph, ValidationGraph
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


class _ReusedValidator(Validator):
    """pySHACL's Validator, made once per process so the shapes are harvested once."""

    def check(self, data: Graph) -> tuple[bool, Graph]:
        self.data_graph = DataGraph.from_rdflib(data)
        self._target_graph = None  # run() works on data_graph in place (options: inplace)
        conforms, results, _ = self.run()
        return conforms, results


@lru_cache(maxsize=1)
def _validator() -> _ReusedValidator:
    # no inference (the class hierarchy is in the data graph), no SHACL-AF (the shapes use none of
    # it), in place (the graph is a copy made for the run), warnings do not fail
    options = {"inference": "none", "advanced": False, "inplace": True, "allow_warnings": True}
    # pySHACL binds every prefix of the shapes graph in each report it makes: only the shapes
    # file's own (which name every path of a report line) and rdflib's core ones, not its ~25 others
    own_prefixes = Graph(bind_namespaces="core").parse(ontology_file(SHAPES_FILE), format="turtle").namespace_manager
    shapes = IndexedGraph(shapes_graph(), own_prefixes)
    validator = _ReusedValidator(DataGraph.from_rdflib(Graph()), shacl_graph=shapes, options=options)
    if pyshacl_caches is not None:
        pyshacl_caches.serve(validator.shacl_graph)  # what depends only on the shapes is worked out once
    return validator


@lru_cache(maxsize=1)
def _shape_terms() -> dict[URIRef, URIRef]:
    """The term objects pySHACL looks data up with: its rdf:type and rdfs:subClassOf, and the
    classes and paths of our shapes, as the validator's shapes graph holds them."""
    terms = {term: term for triple in _validator().shacl_graph.graph for term in triple if isinstance(term, URIRef)}
    terms.update({RDF_type: RDF_type, RDFS_subClassOf: RDFS_subClassOf})
    return terms


def _types_in(vocabulary: Vocabulary) -> dict[URIRef, tuple[URIRef, ...]]:
    """The rdf:types of every entry of the vocabulary, looked up once per vocabulary."""
    types = _TYPES.get(vocabulary)
    if types is None:
        found: dict[URIRef, list[URIRef]] = {}
        for node, cls in vocabulary.graph.subject_objects(RDF.type):
            if isinstance(node, URIRef):
                found.setdefault(node, []).append(cls)
        types = _TYPES[vocabulary] = {node: tuple(classes) for node, classes in found.items()}
    return types


_TYPES: WeakKeyDictionary[Vocabulary, dict[URIRef, tuple[URIRef, ...]]] = WeakKeyDictionary()


def context_triples(data: Graph, vocabulary: Vocabulary) -> set[tuple[URIRef, URIRef, URIRef]]:
    """The types of the vocabulary entries `data` references and their superclass links."""
    context = set()
    types = _types_in(vocabulary)
    objects = data.all_objects() if isinstance(data, IndexedGraph) else set(data.objects())
    for node in {o for o in objects if isinstance(o, URIRef)}:
        for cls in types.get(node, ()):
            context.add((node, RDF.type, cls))
    # only the part of the class hierarchy above the classes in use, so sh:class can walk it
    links = _superclass_links()
    classes = {o for o in data.objects(None, RDF.type)} | {cls for _, _, cls in context}
    for cls in classes:
        for sub, sup in links.get(cls, ()):
            context.add((sub, RDFS.subClassOf, sup))
    return context


def validate_graph(data: Graph, vocabulary: Vocabulary | None = None) -> ValidationReport:
    """Validate a copy of `data` (it is not changed) made for the run, with the context triples
    of `vocabulary` added (None: `data` already carries the types it needs).

    The copy is an `ValidationGraph` graph: plain dict indexes, where pySHACL's thousands of
    look-ups per article cost a fraction of rdflib's store, and Oxigraph for its SPARQL.
    """
    graph = ValidationGraph(data.triples((None, None, None)), data.namespace_manager, _shape_terms())
    if vocabulary is not None:
        for triple in context_triples(graph, vocabulary):
            graph.add(triple)
    conforms, results = _validator().check(graph)
    return ValidationReport(conforms, tuple(sorted(_violation_lines(results))))


def validate_in_context(data: Graph, vocabulary: Vocabulary) -> ValidationReport:
    """Validate `data` with the types and class hierarchy of what it references."""
    return validate_graph(data, vocabulary)


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
