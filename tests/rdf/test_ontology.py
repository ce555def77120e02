"""The ontology: typed, labelled, commented terms; opens in owlready2 from an N-Triples copy."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from graph.namespaces import PG
from graph.resources import ONTOLOGY_FILE, ontology_file

_TERM_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}


def _ontology() -> Graph:
    return Graph().parse(ontology_file(ONTOLOGY_FILE), format="turtle")


def test_header_has_a_version_iri() -> None:
    graph = _ontology()
    (header,) = graph.subjects(RDF.type, OWL.Ontology)
    assert graph.value(header, OWL.versionIRI) is not None


def test_every_term_is_typed_labelled_and_commented() -> None:
    graph = _ontology()
    used = {node for triple in graph for node in triple if isinstance(node, URIRef) and str(node).startswith(str(PG))}
    for term in used:
        assert set(graph.objects(term, RDF.type)) & _TERM_TYPES, f"{term} is not typed"
        assert graph.value(term, RDFS.label) is not None, f"{term} has no label"
        assert graph.value(term, RDFS.comment) is not None, f"{term} has no comment"


def test_claim_kinds_and_actor_classes() -> None:
    graph = _ontology()
    kinds = set(graph.subjects(RDFS.subClassOf, PG.SupportClaim))
    assert kinds == {PG.Request, PG.Pledge, PG.Funding, PG.Delivery, PG.Suspension, PG.Consideration}
    for cls in (PG.Alliance, PG.GovernmentBody, PG.NewsOutlet, PG.ResearchInstitute):
        assert (cls, RDFS.subClassOf, PG.Organisation) in graph


def test_opens_in_owlready2(tmp_path: Path) -> None:
    import owlready2

    copy = tmp_path / "pledgegraph.nt"
    _ontology().serialize(copy, format="nt", encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology(f"file://{copy}").load(format="ntriples")
    names = {cls.name for cls in onto.classes()}
    assert {"SupportClaim", "Pledge", "Funding", "State", "Person", "Organisation", "AirDefenceSystem"} <= names
    assert onto.search_one(iri=str(PG.funder)) is not None


def test_rdfxml_copy_opens_in_owlready2_with_the_role_classes(tmp_path: Path) -> None:
    import owlready2

    copy = tmp_path / "pledgegraph.owl"
    _ontology().serialize(copy, format="xml", encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology(f"file://{copy}").load(format="rdfxml")
    funder = onto.search_one(iri=str(PG.Funder))
    assert funder is not None and funder.equivalent_to, "pg:Funder is a defined class"
    assert onto.search_one(iri=str(PG.Person)) in list(onto.search_one(iri=str(PG.State)).disjoints())[0].entities
