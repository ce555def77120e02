"""SHACL: the shapes catch what an analyst must fix, and the seed graph conforms."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from graph.rdf.validate import read_rdf_file, validate_file
from graph.errors import RdfInputError
from graph.export.export import export
from graph.namespaces import OA, PG
from graph.store.local import GraphStore
from graph.rdf.validation import context_graph, validate_graph
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
    assert validate_graph(context_graph(graph, vocabulary)).conforms
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
    report = validate_graph(context_graph(graph, vocabulary))
    assert not report.conforms
    assert message in report.text(), report.text()


def test_malformed_rdf_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text("<http://a> <http://b> .", encoding="utf-8")
    with pytest.raises(RdfInputError, match="broken.ttl: not valid turtle"):
        read_rdf_file(path)
