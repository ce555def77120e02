"""Exports re-parse to the same graph (in rdflib and in Apache Jena), and are deterministic."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest
from jena import riot_validate
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, VOID

from graph.export.export import export, publish
from graph.rdf.validate import read_rdf_file
from graph.store.local import GraphStore


@pytest.mark.parametrize("filename", ["seed.ttl", "seed.trig", "seed.nt", "seed.nq", "seed.jsonld"])
def test_exports_reparse_to_the_same_graph(seed_store: GraphStore, tmp_path: Path, filename: str) -> None:
    path = tmp_path / filename
    export(seed_store, path)
    assert isomorphic(read_rdf_file(path), seed_store.union_graph())


def test_trig_keeps_one_graph_per_article(seed_store: GraphStore, tmp_path: Path) -> None:
    path = tmp_path / "seed.trig"
    export(seed_store, path)
    dataset = Dataset()
    dataset.parse(path, format="trig")
    names = {str(g.identifier) for g in dataset.graphs()}
    assert "https://w3id.org/pledgegraph/graph/article/trump-patriots-via-nato" in names
    assert "https://w3id.org/pledgegraph/graph/vocabulary" in names


def test_exports_are_byte_identical(seed_store: GraphStore, tmp_path: Path) -> None:
    export(seed_store, tmp_path / "a.ttl")
    export(seed_store, tmp_path / "b.ttl")
    assert (tmp_path / "a.ttl").read_bytes() == (tmp_path / "b.ttl").read_bytes()


def test_graphml_holds_the_support_network(seed_store: GraphStore, tmp_path: Path) -> None:
    path = tmp_path / "seed.graphml"
    assert export(seed_store, path) == "graphml"
    network = nx.read_graphml(path, force_multigraph=True)
    germany, patriot = "https://w3id.org/pledgegraph/id/actor/germany", "https://w3id.org/pledgegraph/id/system/patriot"
    assert network.nodes[germany]["label"] == "Germany" and network.nodes[germany]["actor_type"] == "State"
    assert network.nodes[patriot]["node_type"] == "system"
    funding = [e for e in network.get_edge_data(germany, patriot).values() if e["kind"] == "funding"]
    assert [(e["role"], e["quantity"]) for e in funding] == [("funder", 2)]
    into_ukraine = network.get_edge_data(patriot, "https://w3id.org/pledgegraph/id/actor/ukraine").values()
    assert {e["role"] for e in into_ukraine} == {"recipient"}


def test_csv_tables_follow_the_contract(seed_store: GraphStore, tmp_path: Path) -> None:
    export(seed_store, tmp_path / "claims.csv")
    export(seed_store, tmp_path / "actors.csv", table="actors")
    with (tmp_path / "claims.csv").open(encoding="utf-8", newline="") as claims_file:
        claims = list(csv.DictReader(claims_file))
    assert len(claims) == len(list(seed_store.query("SELECT ?c WHERE { GRAPH ?g { ?c <https://w3id.org/pledgegraph/ontology#statedIn> ?a } }"))) >= 23
    assert list(claims[0]) == ["claim", "article", "kind", "provider", "recipient", "funder", "via",
                                                      "system", "quantity", "unit", "value", "currency", "said_by", "date", "evidence"]
    with (tmp_path / "actors.csv").open(encoding="utf-8", newline="") as actors_file:
        actors = {row["name"]: row["type"] for row in csv.DictReader(actors_file)}
    assert actors["Germany"] == "State" and actors["Mark Rutte"] == "Person" and actors["NATO"] == "Organisation"


def test_publish_writes_a_true_void_dcat_catalogue(seed_store: GraphStore, tmp_path: Path) -> None:
    files = publish(seed_store, tmp_path / "bundle", base_url="https://data.example.org/pledgegraph/", endpoint="http://127.0.0.1:7878/sparql")
    catalogue = Graph().parse(tmp_path / "bundle" / "void.ttl", format="turtle")
    dataset = URIRef("https://w3id.org/pledgegraph/id/dataset")
    assert int(catalogue.value(dataset, VOID.triples)) == len(seed_store.union_graph())
    entities = {str(catalogue.value(p, VOID["class"])).rsplit("#", 1)[-1]: int(catalogue.value(p, VOID.entities))
                for p in catalogue.objects(dataset, VOID.classPartition)}
    claims = len(list(seed_store.query("SELECT ?c WHERE { GRAPH ?g { ?c <https://w3id.org/pledgegraph/ontology#statedIn> ?a } }")))
    assert entities["SupportClaim"] == claims >= 23 and entities["Article"] == 2
    assert catalogue.value(dataset, VOID.sparqlEndpoint) == URIRef("http://127.0.0.1:7878/sparql")
    distributions = set(catalogue.objects(dataset, DCAT.distribution))
    assert len(distributions) == len(files) - 1 == 7
    turtle = URIRef("https://data.example.org/pledgegraph/pledgegraph.ttl")
    assert turtle in distributions
    assert catalogue.value(turtle, DCAT.mediaType) == URIRef("https://www.iana.org/assignments/media-types/text/turtle")
    assert int(catalogue.value(turtle, DCAT.byteSize)) == (tmp_path / "bundle" / "pledgegraph.ttl").stat().st_size


def test_publish_is_byte_identical_twice(seed_store: GraphStore, tmp_path: Path) -> None:
    first = publish(seed_store, tmp_path / "one", base_url="https://data.example.org/")
    publish(seed_store, tmp_path / "two", base_url="https://data.example.org/")
    for exported in first:
        assert exported.path.read_bytes() == (tmp_path / "two" / exported.path.name).read_bytes(), exported.path.name


def test_jena_riot_accepts_the_rdf_exports(seed_store: GraphStore, tmp_path: Path) -> None:
    files = publish(seed_store, tmp_path / "bundle", base_url="https://data.example.org/")
    rdf_files = [f.path for f in files if f.format in ("turtle", "trig", "nt")]
    assert {p.suffix for p in rdf_files} == {".ttl", ".trig", ".nt"}
    accepted = riot_validate(rdf_files, tmp_path)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    json_ld = riot_validate([tmp_path / "bundle" / "pledgegraph.jsonld"], tmp_path, syntax="jsonld10")
    assert json_ld.returncode == 0, json_ld.stdout + json_ld.stderr
    broken = tmp_path / "broken.nt"
    broken.write_text('<https://a.example/s> <https://a.example/p> "twelve"^^<http://www.w3.org/2001/XMLSchema#integer> .\n<s> <p> .\n')
    assert riot_validate([broken], tmp_path).returncode != 0  # riot really checks
