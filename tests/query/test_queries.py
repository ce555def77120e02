"""Every query of queries/ runs on the seed graph and gives the answer an analyst expects."""

from __future__ import annotations

import pytest

from graph.errors import QueryError
from graph.query.queries import (
    list_queries,
    parse_parameters,
    resolve_query,
    run_query,
    solutions_to_rows,
)
from graph.store.local import GraphStore


def _rows(store: GraphStore, name: str, **parameters: str) -> list[dict[str, str]]:
    columns, rows = solutions_to_rows(run_query(store, resolve_query(name), parameters))
    return [dict(zip(columns, row)) for row in rows]


def test_every_query_has_a_header_and_returns_rows(seed_store: GraphStore) -> None:
    queries = list_queries()
    assert len(queries) >= 8
    for query in queries:
        assert query.description, f"{query.name} has no header comment"
        assert _rows(seed_store, query.name), f"{query.name} returned no rows"


def test_claims_table_columns_are_the_contract(seed_store: GraphStore) -> None:
    columns, rows = solutions_to_rows(run_query(seed_store, resolve_query("claims_table")))
    assert columns == ["claim", "article", "kind", "provider", "recipient", "funder", "via", "system",
                       "quantity", "unit", "value", "currency", "said_by", "date", "evidence"]
    assert len(rows) == _claim_count(seed_store) >= 23  # every claim once (the gold has 23)
    assert {row[2] for row in rows} == {"request", "pledge", "funding", "delivery", "suspension", "consideration"}


def test_who_pays(seed_store: GraphStore) -> None:
    rows = _rows(seed_store, "who_pays", funder="Germany")
    assert {(r["funder"], r["system"], r["quantity"]) for r in rows} == {
        ("Germany", "Patriot", "2"), ("Germany", "air defence systems", ""),
    }
    assert {r["funder"] for r in _rows(seed_store, "who_pays")} >= {"NATO", "Norway", "European Union"}


def test_support_by_actor(seed_store: GraphStore) -> None:
    rows = _rows(seed_store, "support_by_actor", actor="United States")
    pledged = {(r["kind"], r["system"]): r for r in rows}
    assert pledged[("pledge", "Patriot")]["total_quantity"] == "17"
    assert pledged[("suspension", "artillery shells")]["claims"] == "1"


def test_sources_disagree_on_patriot_numbers(seed_store: GraphStore) -> None:
    rows = _rows(seed_store, "sources_disagree", system="Patriot")
    patriot = next(r for r in rows if r["unit"] == "system")
    assert set(patriot["quantities"].split(", ")) >= {"17", "10", "2", "1"}
    assert patriot["articles"] == "2"


def test_statements_by_person(seed_store: GraphStore) -> None:
    rows = _rows(seed_store, "statements_by_person", person="Marco Rubio")
    urged = {(r["kind"], r["provider"], r["system"]) for r in rows if "urging countries like Germany and Spain" in r["evidence"]}
    assert urged == {("request", "Germany", "Patriot"), ("request", "Spain", "Patriot")}


def test_claims_over_time(seed_store: GraphStore) -> None:
    rows = _rows(seed_store, "claims_over_time")
    assert {r["month"] for r in rows} == {"2025-07"}
    assert sum(int(r["claims"]) for r in rows) == _claim_count(seed_store)


def test_channelled_via_nato(seed_store: GraphStore) -> None:
    rows = _rows(seed_store, "channelled_via", via="NATO")
    assert {(r["kind"], r["provider"], r["system"]) for r in rows} == {("pledge", "United States", "Patriot"), ("funding", "United States", "Patriot")}


def test_suspensions(seed_store: GraphStore) -> None:
    rows = _rows(seed_store, "suspensions")
    assert {(r["provider"], r["system"], r["unit"]) for r in rows} == {("United States", "Patriot", "missile"), ("United States", "artillery shells", "round")}


def test_claim_evidence_offsets(seed_store: GraphStore) -> None:
    rows = _rows(seed_store, "claim_evidence", article="trump-patriots-via-nato")
    assert rows and all(r["article"] == "trump-patriots-via-nato" for r in rows)
    assert all(int(r["end"]) - int(r["start"]) == len(r["evidence"]) for r in rows)


def test_hostile_parameter_is_just_a_string(seed_store: GraphStore) -> None:
    assert _rows(seed_store, "who_pays", funder='"} ; DROP ALL ; {"') == []
    assert len(seed_store.article_ids()) == 2


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("DROP ALL", "updates"),
        ("INSERT DATA { <http://a> <http://b> <http://c> }", "updates"),
        ("LOAD <http://example.org/data.ttl>", "updates"),
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE is refused"),
        ("SELECT * FROM <http://example.org/remote> WHERE { ?s ?p ?o }", "FROM <http://example.org/remote> is refused"),
        ("SELECT * WHERE { ?s ?p }", "not valid SPARQL"),
    ],
)
def test_unsafe_or_broken_queries_are_refused(seed_store: GraphStore, text: str, reason: str) -> None:
    with pytest.raises(QueryError, match=reason):
        run_query(seed_store, resolve_query(text))


def test_unknown_query_name_lists_the_available_ones() -> None:
    with pytest.raises(QueryError, match="available: .*claims_table"):
        resolve_query("no_such_query")


def test_parameters_must_be_name_value() -> None:
    assert parse_parameters(["funder=Germany", "?system=Patriot"]) == {"funder": "Germany", "system": "Patriot"}
    with pytest.raises(QueryError):
        parse_parameters(["Germany"])


def _claim_count(store: GraphStore) -> int:
    """The number of support claims in the store, counted without the named queries."""
    query = "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { GRAPH ?g { ?c a ?kind } VALUES ?kind { %s } }" % " ".join(
        f"<https://w3id.org/pledgegraph/ontology#{k}>" for k in ("Request", "Pledge", "Funding", "Delivery", "Suspension", "Consideration"))
    return int(next(iter(store.query(query)))["n"].value)
