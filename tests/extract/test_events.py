"""Support events: claims from different articles about the same support are linked and compared."""

from __future__ import annotations

from conftest import write_article

from graph.pipeline import build
from graph.query.queries import resolve_query, run_query, solutions_to_rows
from graph.store.local import GraphStore
from graph.vocabulary import Vocabulary


def events(store: GraphStore) -> dict[tuple[str, str, str], dict[str, str]]:
    columns, rows = solutions_to_rows(run_query(store, resolve_query("support_events")))
    table = [dict(zip(columns, row)) for row in rows]
    return {(row["kind"], row["actor"], row["system"]): row for row in table}


def test_reports_of_one_support_are_one_event(tmp_path, vocabulary: Vocabulary) -> None:
    write_article(tmp_path, "a.txt", "Germany will pay for two Patriot systems for Ukraine, Chancellor Friedrich Merz said.")
    write_article(tmp_path, "b.txt", "Germany will pay for two Patriot systems for Ukraine, officials said. Norway will send four NASAMS launchers to Ukraine.")
    write_article(tmp_path, "c.txt", "Berlin will pay for three Patriot systems for Ukraine, according to Reuters.")
    store = GraphStore(None)
    build([tmp_path / "a.txt", tmp_path / "b.txt"], store, vocabulary=vocabulary)
    found = events(store)
    patriot = found[("funding", "Germany", "Patriot")]
    assert (patriot["reports"], patriot["articles"], patriot["quantities"], patriot["agreement"]) == ("2", "2", "2", "corroborated")
    assert found[("pledge", "Norway", "NASAMS")]["agreement"] == "single source"

    # a third source with another count: still one event, now contradicted
    build([tmp_path / "c.txt"], store, vocabulary=vocabulary)
    patriot = events(store)[("funding", "Germany", "Patriot")]
    assert (patriot["articles"], patriot["agreement"]) == ("3", "contradicted")
    assert set(patriot["quantities"].split(" | ")) == {"2", "3"}
    assert set(patriot["sources"].split(" | ")) == {"a", "b", "c"}

    # removing an article takes its report out of the event
    store.remove_article("c")
    assert events(store)[("funding", "Germany", "Patriot")]["agreement"] == "corroborated"


def test_an_article_citing_another_outlet_records_the_chain(vocabulary: Vocabulary) -> None:
    """"RBC-Ukraine, citing Der Spiegel, reports …": publisher, cited source (PROV-O) and speaker."""
    from conftest import DATA

    store = GraphStore(None)
    build([DATA / "articles" / "reporting-chain.txt"], store, vocabulary=vocabulary)
    chain = store.query(
        "PREFIX pg: <https://w3id.org/pledgegraph/ontology#> PREFIX schema: <https://schema.org/> "
        "PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "SELECT ?publisher ?cited ?speaker WHERE { ?article schema:publisher/skos:prefLabel ?publisher ; "
        "pg:cites/skos:prefLabel ?cited . ?claim pg:statedIn ?article ; pg:saidBy/skos:prefLabel ?speaker }"
    )
    rows = {tuple(str(term.value) for term in row) for row in chain}
    assert rows == {("RBC-Ukraine", "Der Spiegel", "Der Spiegel")}
    # pg:cites is declared a sub-property of prov:hadPrimarySource, so PROV-O tools read the chain
    declared = store.query(
        "ASK { <https://w3id.org/pledgegraph/ontology#cites> <http://www.w3.org/2000/01/rdf-schema#subPropertyOf> "
        "<http://www.w3.org/ns/prov#hadPrimarySource> }"
    )
    assert bool(declared)
