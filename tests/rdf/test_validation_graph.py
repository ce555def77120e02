"""The graph pySHACL validates: its look-ups answer as rdflib's, and the short cuts of the evidence
check (one Oxigraph run for every evidence node, over the triples of its predicates) report
exactly the evidence that is wrong."""

from __future__ import annotations

import itertools

import pyshacl
import pytest
from conftest import DATA
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from graph.namespaces import OA, PG
from graph.rdf.validate import read_rdf_file
from graph.rdf.validation import shapes_graph, validate_in_context
from graph.rdf.validation_graph import IndexedGraph, _plan
from graph.vocabulary import Vocabulary

BROKEN = DATA / "rdf" / "claim-without-recipient.ttl"
ARTICLE = URIRef("https://w3id.org/pledgegraph/id/article/x")
CLAIM = URIRef("https://w3id.org/pledgegraph/id/article/x/claim/0-24-test")


def test_indexed_graph_answers_every_pattern_as_rdflib() -> None:
    graph = read_rdf_file(BROKEN)
    graph.add((BNode("b1"), RDF.value, Literal(3, datatype=XSD.integer)))
    indexed = IndexedGraph(graph)
    terms = {term for triple in graph for term in triple} | {URIRef("urn:absent")}
    for s, p, o in itertools.product([None, *terms], repeat=3):
        assert set(indexed.triples((s, p, o))) == set(graph.triples((s, p, o))), (s, p, o)
    assert len(indexed) == len(graph)
    claim_triples = set(graph.triples((CLAIM, None, None)))
    indexed.remove((CLAIM, None, None))
    graph.remove((CLAIM, None, None))
    assert set(indexed) == set(graph) and len(indexed) == len(graph)
    for triple in claim_triples:
        indexed.add(triple)
        graph.add(triple)
    assert set(indexed.triples((None, None, ARTICLE))) == set(graph.triples((None, None, ARTICLE)))


def test_only_a_plain_pattern_is_answered_once_for_every_focus_node() -> None:
    evidence = str(next(shapes_graph().objects(None, URIRef("http://www.w3.org/ns/shacl#select"))))
    prefixes = "PREFIX oa: <http://www.w3.org/ns/oa#>\nPREFIX schema: <https://schema.org/>\n"
    plan = _plan(prefixes + evidence)
    assert plan.batched and plan.predicates == {OA.hasSource, OA.hasSelector, OA.start, OA.end, OA.exact, URIRef("https://schema.org/text")}
    optional = _plan("SELECT $this ?x WHERE { $this <urn:p> ?y OPTIONAL { ?y <urn:q> ?x } }")
    assert not optional.batched and optional.predicates is None
    exists = _plan("SELECT $this WHERE { $this <urn:p> ?y FILTER NOT EXISTS { ?y <urn:q> ?z } }")
    assert not exists.batched and exists.predicates is None
    assert not _plan("SELECT ?y WHERE { $this <urn:p> ?y }").batched  # $this not selected


def test_only_the_wrong_evidence_is_reported(vocabulary: Vocabulary) -> None:
    graph = read_rdf_file(BROKEN)
    graph.add((CLAIM, PG.recipient, URIRef("https://w3id.org/pledgegraph/id/actor/ukraine")))
    graph.add((CLAIM, PG.unit, URIRef("https://w3id.org/pledgegraph/id/unit/system")))
    wrong, position, quote = BNode("wrong"), BNode("position"), BNode("quote")
    graph.add((CLAIM, PG.evidence, wrong))
    graph.add((wrong, RDF.type, PG.Evidence))
    graph.add((wrong, OA.hasSource, ARTICLE))
    graph.add((wrong, OA.hasSelector, position))
    graph.add((wrong, OA.hasSelector, quote))
    graph.add((position, OA.start, Literal(7, datatype=XSD.integer)))
    graph.add((position, OA.end, Literal(16, datatype=XSD.integer)))
    graph.add((quote, OA.exact, Literal("will send")))  # the text from 7 to 16 is "will send"
    assert validate_in_context(graph, vocabulary).conforms
    graph.set((quote, OA.exact, Literal("will sell")))
    for _ in range(2):  # the constraint objects kept from one run give the same report on the next
        report = validate_in_context(graph, vocabulary)
        assert report.violations == ("wrong: The evidence offsets 7-16 fall outside the text of its article, "
                                     "or do not give back the quoted text.",), report.text()


def test_other_pyshacl_runs_in_the_process_are_not_changed(vocabulary: Vocabulary) -> None:
    graph = read_rdf_file(BROKEN)
    validate_in_context(graph, vocabulary)  # installs the kept answers for our shapes
    graph.set((URIRef("https://w3id.org/pledgegraph/id/article/x/span/0-24#position"), OA.end, Literal(99, datatype=XSD.integer)))
    plain = Graph()
    for triple in shapes_graph():
        plain.add(triple)
    conforms, _, text = pyshacl.validate(graph, shacl_graph=plain, inference="none")
    assert not conforms and "The evidence offsets 0-99 fall outside the text" in text
    assert "The evidence offsets 0-99 fall outside the text" in validate_in_context(graph, vocabulary).text()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("no start", "Evidence needs one TextPositionSelector start offset (non-negative integer)."),
        ("two ends", "Evidence needs one TextPositionSelector end offset (non-negative integer)."),
        ("quote in English", "Evidence needs a TextQuoteSelector with the exact quoted text."),
    ],
)
def test_sequence_paths_still_find_what_is_wrong(vocabulary: Vocabulary, change: str, message: str) -> None:
    """The evidence shapes on `( oa:hasSelector oa:start )` and the like, whose paths are read once
    per process: each still reports its evidence node with its message."""
    graph = read_rdf_file(BROKEN)
    position = URIRef("https://w3id.org/pledgegraph/id/article/x/span/0-24#position")
    quote = URIRef("https://w3id.org/pledgegraph/id/article/x/span/0-24#quote")
    if change == "no start":
        graph.remove((position, OA.start, None))
    elif change == "two ends":
        graph.add((position, OA.end, Literal(23, datatype=XSD.integer)))
    else:
        graph.set((quote, OA.exact, Literal("Norway will send NASAMS.", lang="en")))
    report = validate_in_context(graph, vocabulary)
    assert f"https://w3id.org/pledgegraph/id/article/x/span/0-24: {message}" in report.violations, report.text()
