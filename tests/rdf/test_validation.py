"""SHACL: the shapes catch what an analyst must fix, and the seed graph conforms."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SH, XSD

from graph.rdf.validate import read_rdf_file, validate_file
from graph.errors import RdfInputError
from graph.export.export import export
from graph.namespaces import OA, PG
from graph.store.local import GraphStore
from graph.rdf.validation import shapes_graph, validate_in_context
from graph.vocabulary import Vocabulary

from conftest import DATA

BROKEN = DATA / "rdf" / "claim-without-recipient.ttl"


def test_claim_without_recipient_is_reported() -> None:
    report = validate_file(BROKEN)
    assert not report.conforms
    assert any("claim/0-24-test" in line and "recipient" in line for line in report.violations), report.text()


def test_seed_export_conforms(seed_store: GraphStore, tmp_path: Path) -> None:
    path = tmp_path / "seed.ttl"
    export(seed_store, path)
    report = validate_file(path)
    assert report.conforms, report.text()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("negative quantity", "non-negative integer"),
        ("two kinds", "exactly one kind"),
        ("offsets outside the text", "fall outside the text"),
        ("quantity without unit", "what it counts"),
        ("date as text", "xsd:date"),
    ],
)
def test_shapes_catch_broken_claims(vocabulary: Vocabulary, change: str, message: str) -> None:
    graph = read_rdf_file(BROKEN)
    claim = URIRef("https://w3id.org/pledgegraph/id/article/x/claim/0-24-test")
    graph.add((claim, PG.recipient, URIRef("https://w3id.org/pledgegraph/id/actor/ukraine")))
    graph.add((claim, PG.unit, URIRef("https://w3id.org/pledgegraph/id/unit/system")))
    assert validate_in_context(graph, vocabulary).conforms
    if change == "negative quantity":
        graph.add((claim, PG.quantity, Literal(-2, datatype=XSD.integer)))
    elif change == "two kinds":
        graph.add((claim, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), PG.Funding))
    elif change == "offsets outside the text":
        position = URIRef("https://w3id.org/pledgegraph/id/article/x/span/0-24#position")
        graph.set((position, OA.end, Literal(99, datatype=XSD.integer)))
    elif change == "quantity without unit":
        graph.remove((claim, PG.unit, None))
        graph.add((claim, PG.quantity, Literal(2, datatype=XSD.integer)))
    else:
        graph.add((claim, PG.claimDate, Literal("last Tuesday")))
    report = validate_in_context(graph, vocabulary)
    assert not report.conforms
    assert message in report.text(), report.text()


def test_malformed_rdf_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text("<http://a> <http://b> .", encoding="utf-8")
    with pytest.raises(RdfInputError, match="broken.ttl: not valid turtle"):
        read_rdf_file(path)


def test_evidence_check_works_on_blank_nodes(tmp_path: Path) -> None:
    """The offsets check (a SPARQL constraint, run by Oxigraph) binds its focus node by label:
    evidence written as blank nodes in a user's file is checked like named evidence."""
    text = BROKEN.read_text(encoding="utf-8")
    for name in ("span/0-24#quote", "span/0-24#position", "span/0-24"):
        text = text.replace(f"<https://w3id.org/pledgegraph/id/article/x/{name}>", f"_:{name.replace('/', '_').replace('#', '_').replace('-', '_')}")
    path = tmp_path / "blank-evidence.ttl"
    path.write_text(text, encoding="utf-8")
    assert "_:span_0_24 a pg:Evidence" in text
    assert "fall outside the text" not in validate_file(path).text()
    path.write_text(text.replace("oa:end 24", "oa:end 99"), encoding="utf-8")
    report = validate_file(path)
    assert "The evidence offsets 0-99 fall outside the text" in report.text(), report.text()


def test_each_property_shape_names_its_own_target() -> None:
    """pySHACL checks a property shape under a node's sh:property once per focus node (2x slower
    per article), so the shapes file keeps every property shape targeted on its own."""
    shapes = shapes_graph()
    assert not set(shapes.subject_objects(SH.property))
    for shape in shapes.subjects(RDF.type, SH.PropertyShape):
        assert set(shapes.objects(shape, SH.targetClass)) | set(shapes.objects(shape, SH.targetSubjectsOf)), shape


def test_validation_leaves_the_article_graph_as_it_was(vocabulary: Vocabulary) -> None:
    graph = read_rdf_file(BROKEN)
    before = set(graph)
    validate_in_context(graph, vocabulary)
    assert set(graph) == before
