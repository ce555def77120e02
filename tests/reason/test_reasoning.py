"""OWL reasoning with HermiT: inferred roles in their own graph, clashes named, time limits."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from benchmarks.synthetic import synthetic_store
from graph.namespaces import GRAPHS, PG
from graph.query.queries import resolve_query, run_query, solutions_to_rows
from graph.reason.reasoning import INFERRED_GRAPH, ReasoningError, reason
from graph.store.local import GraphStore
from graph.vocabulary import Vocabulary

from conftest import store_from_dump

GOLD_FUNDERS = {"Germany", "Norway", "NATO", "European Union", "Finland", "Canada", "Sweden", "United Kingdom", "Denmark"}


def _column(store: GraphStore, query: str, column: str) -> set[str]:
    columns, rows = solutions_to_rows(run_query(store, resolve_query(query)))
    return {row[columns.index(column)] for row in rows}


def test_inferred_funders_are_exactly_the_gold_funders(seed_store: GraphStore) -> None:
    assert _column(seed_store, "funders", "funder") == GOLD_FUNDERS


def test_actors_in_more_than_one_role(seed_store: GraphStore) -> None:
    columns, rows = solutions_to_rows(run_query(seed_store, resolve_query("multi_role_actors")))
    assert [dict(zip(columns, row)) for row in rows] == [{"actor": "NATO", "roles": "funder, intermediary", "role_count": "2"}]


def test_claims_said_by_a_minister_are_on_behalf_of_his_state(seed_store: GraphStore) -> None:
    query = """
        PREFIX pg: <https://w3id.org/pledgegraph/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT DISTINCT ?state WHERE {
          ?claim pg:saidBy/skos:prefLabel "Boris Pistorius"@en .
          GRAPH <https://w3id.org/pledgegraph/graph/inferred> { ?claim pg:onBehalfOf ?node }
          ?node skos:prefLabel ?label . BIND (STR(?label) AS ?state)
        }"""
    assert _column(seed_store, query, "state") == {"Germany"}


def test_inferences_stay_out_of_the_article_graphs(seed_store: GraphStore) -> None:
    before = {article: len(seed_store.article_graph(article)) for article in seed_store.article_ids()}
    inferred_before = len(list(seed_store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(str(INFERRED_GRAPH)))))
    report = reason(seed_store)
    assert report.consistent and report.inferred == inferred_before
    assert {article: len(seed_store.article_graph(article)) for article in seed_store.article_ids()} == before
    funder_types = seed_store.oxigraph.quads_for_pattern(None, ox.NamedNode(str(PG.funder)), None, ox.NamedNode(str(INFERRED_GRAPH)))
    assert list(funder_types) == []


def _make_germany_a_person(store: GraphStore) -> None:
    store.oxigraph.add(
        ox.Quad(
            ox.NamedNode("https://w3id.org/pledgegraph/id/actor/germany"),
            ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            ox.NamedNode(str(PG.Person)),
            ox.NamedNode(str(GRAPHS["test-clash"])),
        )
    )


def test_inconsistency_names_the_clash(seed_store: GraphStore) -> None:
    _make_germany_a_person(seed_store)
    report = reason(seed_store)
    assert not report.consistent
    (clash,) = report.clashes
    assert "Germany" in clash and "person" in clash and "state" in clash and "disjoint" in clash


def test_reason_command_exits_1_on_inconsistency(seed_dump: bytes, tmp_path: Path) -> None:
    path = tmp_path / "store"
    store = store_from_dump(path, seed_dump)
    _make_germany_a_person(store)
    store.flush()
    del store  # the only reference: Oxigraph releases the folder lock for the command below
    result = subprocess.run(
        [sys.executable, "-m", "graph", "reason", "--store", str(path)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 1
    assert "Inconsistent" in result.stdout and "Germany" in result.stdout


def test_a_runaway_reasoner_is_stopped(seed_store: GraphStore) -> None:
    with pytest.raises(ReasoningError, match="did not finish within"):
        reason(seed_store, timeout=0.05)


def test_reasoning_over_ten_thousand_claims_finishes(vocabulary: Vocabulary) -> None:
    store = synthetic_store(10_000, vocabulary)
    report = reason(store, timeout=1200)
    assert report.consistent
    assert report.inferred >= 10_000  # one pg:onBehalfOf per claim at least


def test_ontology_classes_for_roles_are_defined(tmp_path: Path) -> None:
    from rdflib import Graph
    from rdflib.namespace import OWL

    from graph.resources import ONTOLOGY_FILE, ontology_file

    ontology = Graph().parse(ontology_file(ONTOLOGY_FILE), format="turtle")
    for role in (PG.Funder, PG.Provider, PG.Recipient, PG.Intermediary):
        assert ontology.value(role, OWL.equivalentClass) is not None
    assert (PG.State, OWL.disjointWith, PG.Person) in ontology
