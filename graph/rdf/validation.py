"""SHACL validation with pySHACL against `ontology/shapes.ttl`.

An article graph is validated together with the `rdf:type` triples of what it points to and the
`rdfs:subClassOf` hierarchy, so `sh:class` checks work without RDFS inference and the cost does
not grow with the store (NOTES.md: ~100 triples per article, milliseconds).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pyshacl import validate as pyshacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

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


class _PreparedQueryGraph(Graph):
    """A Graph that parses each SPARQL text once.

    pySHACL runs a SPARQL-based constraint as the same query text once per focus node, and
    rdflib parses it every time (~65 ms); parsing once keeps per-article validation in
    milliseconds.
    """

    def query(self, query_object, *args, **kwargs):  # type: ignore[no-untyped-def, override]
        if isinstance(query_object, str):
            query_object = _prepare(query_object)
        return super().query(query_object, *args, **kwargs)


@lru_cache(maxsize=64)
def _prepare(text: str) -> Query:
    return prepareQuery(text)


def context_graph(data: Graph, vocabulary: Vocabulary) -> Graph:
    """`data` plus the types of the vocabulary entries it references and their superclasses."""
    combined = _PreparedQueryGraph()
    for triple in data:
        combined.add(triple)
    referenced = {o for o in data.objects() if isinstance(o, URIRef)}
    for node in referenced:
        for cls in vocabulary.graph.objects(node, RDF.type):
            combined.add((node, RDF.type, cls))
    # only the part of the class hierarchy above the classes in use, so sh:class can walk it
    links = _superclass_links()
    for cls in set(combined.objects(None, RDF.type)):
        for link in links.get(cls, ()):
            combined.add((link[0], RDFS.subClassOf, link[1]))
    return combined


def validate_graph(data: Graph) -> ValidationReport:
    """Validate a data graph that already carries the types it needs."""
    # inplace: the data graph is a throw-away context graph, so pySHACL need not copy it
    conforms, results, _ = pyshacl_validate(
        data, shacl_graph=shapes_graph(), inference="none", advanced=True, allow_warnings=True, inplace=True
    )
    return ValidationReport(conforms, tuple(sorted(_violation_lines(results))))


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
