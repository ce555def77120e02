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

from graph.resources import SHAPES_FILE, ontology_file
from graph.vocabulary import Vocabulary, load_ontology_graph


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of a SHACL run: whether it conforms, and one readable line per violation."""

    conforms: bool
    violations: tuple[str, ...]

    def text(self) -> str:
        """The report as an analyst reads it."""
        if self.conforms:
            return "Conforms: no violations."
        return f"{len(self.violations)} violation(s):\n" + "\n".join(f"- {line}" for line in self.violations)


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The SHACL shapes, parsed once."""
    return Graph().parse(ontology_file(SHAPES_FILE), format="turtle")


@lru_cache(maxsize=1)
def _class_hierarchy() -> tuple[tuple[URIRef, URIRef], ...]:
    ontology = load_ontology_graph()
    return tuple((s, o) for s, o in ontology.subject_objects(RDFS.subClassOf) if isinstance(s, URIRef) and isinstance(o, URIRef))


def context_graph(data: Graph, vocabulary: Vocabulary) -> Graph:
    """`data` plus the types of the vocabulary entries it references and the class hierarchy."""
    combined = Graph()
    for triple in data:
        combined.add(triple)
    referenced = {o for o in data.objects() if isinstance(o, URIRef)}
    for node in referenced:
        for cls in vocabulary.graph.objects(node, RDF.type):
            combined.add((node, RDF.type, cls))
    for sub, sup in _class_hierarchy():
        combined.add((sub, RDFS.subClassOf, sup))
    return combined


def validate_graph(data: Graph) -> ValidationReport:
    """Validate a data graph that already carries the types it needs."""
    conforms, results, _ = pyshacl_validate(data, shacl_graph=shapes_graph(), inference="none", advanced=True, allow_warnings=True)
    if conforms:
        return ValidationReport(True, ())
    return ValidationReport(False, tuple(sorted(_violation_lines(results))))


def _violation_lines(results: Graph) -> list[str]:
    lines = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        where = f" (property {path.n3(results.namespace_manager)})" if isinstance(path, URIRef) else ""
        lines.append(f"{focus}{where}: {message}")
    return lines
