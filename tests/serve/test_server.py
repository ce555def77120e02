"""`pledgegraph serve`, started as a real process on a free loopback port, asked by real clients."""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.error import HTTPError

import httpx
import pytest
from conftest import store_from_dump
from playwright.sync_api import sync_playwright
from processes import CHROMIUM_FLAGS, chromium, free_port, serving
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, TSV, TURTLE, XML, SPARQLWrapper

from graph.store.local import GraphStore

COUNT_CLAIMS = """PREFIX pg: <https://w3id.org/pledgegraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT (COUNT(DISTINCT ?claim) AS ?claims) WHERE { ?claim a/rdfs:subClassOf pg:SupportClaim }"""
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
TIME_LIMIT = 2.0
MAX_ROWS = 500


@pytest.fixture(scope="module")
def endpoint(seed_dump: bytes, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of /sparql of a `pledgegraph serve` over the seed store (stopped at the end)."""
    folder = tmp_path_factory.mktemp("served")
    store_from_dump(folder / "store", seed_dump).flush()
    with serving(folder / "store", folder / "serve.log", "--timeout", str(TIME_LIMIT), "--max-rows", str(MAX_ROWS)) as base:
        yield f"{base}/sparql"


def _wrapper(endpoint: str, query: str, fmt: str) -> SPARQLWrapper:
    client = SPARQLWrapper(endpoint)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    return client


def test_select_as_json_xml_csv_tsv_through_sparqlwrapper(endpoint: str, seed_claims: int) -> None:
    as_json = _wrapper(endpoint, COUNT_CLAIMS, JSON).queryAndConvert()
    assert as_json["results"]["bindings"][0]["claims"]["value"] == str(seed_claims)
    as_xml = _wrapper(endpoint, COUNT_CLAIMS, XML).queryAndConvert()  # an xml.dom Document
    assert as_xml.getElementsByTagName("literal")[0].firstChild.data == str(seed_claims)
    as_csv = _wrapper(endpoint, COUNT_CLAIMS, CSV).queryAndConvert().decode("utf-8")
    assert list(csv.reader(io.StringIO(as_csv))) == [["claims"], [str(seed_claims)]]
    as_tsv = _wrapper(endpoint, COUNT_CLAIMS, TSV).queryAndConvert().decode("utf-8")
    assert as_tsv.splitlines()[0] == "?claims" and as_tsv.splitlines()[1] == str(seed_claims)


def test_construct_as_turtle(endpoint: str) -> None:
    query = """PREFIX pg: <https://w3id.org/pledgegraph/ontology#>
    CONSTRUCT { ?claim pg:funder ?funder } WHERE { ?claim pg:funder ?funder }"""
    turtle = _wrapper(endpoint, query, TURTLE).queryAndConvert()  # SPARQLWrapper gives Turtle as bytes
    graph = Graph().parse(data=turtle, format="turtle")
    funders = {str(o).rsplit("/", 1)[-1] for o in graph.objects()}
    assert {"germany", "norway", "nato"} <= funders


def test_json_ld_and_ntriples_by_accept_header(endpoint: str) -> None:
    query = "CONSTRUCT WHERE { ?s <https://w3id.org/pledgegraph/ontology#quantity> ?q }"
    for media_type, rdflib_format in (("application/ld+json", "json-ld"), ("application/n-triples", "nt")):
        response = httpx.post(endpoint, data={"query": query}, headers={"Accept": media_type})
        assert response.status_code == 200 and response.headers["content-type"].startswith(media_type)
        assert len(Graph().parse(data=response.text, format=rdflib_format)) == int(response.headers["x-result-rows"]) > 0


def test_post_sparql_query_body_and_get(endpoint: str, seed_claims: int) -> None:
    posted = httpx.post(endpoint, content=COUNT_CLAIMS, headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    fetched = httpx.get(endpoint, params={"query": COUNT_CLAIMS}, headers={"Accept": "text/csv"})
    assert posted.status_code == fetched.status_code == 200
    assert posted.text == fetched.text == f"claims\r\n{seed_claims}\r\n"


def test_named_query_with_a_parameter(endpoint: str) -> None:
    base = endpoint.rsplit("/", 1)[0]
    listed = httpx.get(f"{base}/queries").json()
    who_pays = next(q for q in listed if q["name"] == "who_pays")
    assert who_pays["parameters"] == ["funder"]
    rows = httpx.get(f"{base}/queries/who_pays", params={"funder": "Germany"}).json()["results"]["bindings"]
    assert {(r["system"]["value"], r.get("quantity", {}).get("value")) for r in rows} == {("Patriot", "2"), ("air defence systems", None)}
    unknown = httpx.get(f"{base}/queries/who_pays", params={"payer": "Germany"})
    assert unknown.status_code == 400 and "no parameter payer" in unknown.text


def test_named_queries_come_in_pages_that_tile_the_table(endpoint: str, seed_claims: int) -> None:
    """A default page (1,000 rows, more than the seeds hold), then pages of 10 walked through `Link`."""
    base = endpoint.rsplit("/", 1)[0]
    whole = httpx.get(f"{base}/queries/claims_table", params={"format": "csv"})
    assert whole.status_code == 200 and (whole.headers["X-Page-Limit"], whole.headers["X-Page-Offset"]) == ("1000", "0")
    assert len(whole.text.splitlines()) == seed_claims + 1 and "Link" not in whole.headers
    rows, url = [], f"{base}/queries/claims_table?format=csv&limit=10"
    while url:
        page = httpx.get(url)
        assert page.status_code == 200 and int(page.headers["X-Result-Rows"]) <= 10
        rows += page.text.splitlines()[1:]
        url = page.headers.get("Link", "").partition(">")[0].lstrip("<")
    assert rows == whole.text.splitlines()[1:]
    second = httpx.get(f"{base}/queries/claims_table", params={"format": "csv", "limit": "10", "offset": "10"})
    assert second.text.splitlines()[1:] == rows[10:20]
    every = httpx.get(f"{base}/queries/support_network", params={"format": "csv", "limit": "all"})
    assert every.status_code == 200 and every.headers["X-Page-Limit"] == "all" and len(every.text.splitlines()) > seed_claims
    for wrong in ({"limit": "-1"}, {"limit": "ten"}, {"offset": "1; DROP ALL"}):
        refused = httpx.get(f"{base}/queries/claims_table", params=wrong)
        assert refused.status_code == 400 and "whole number" in refused.text


def test_a_label_parameter_matches_regardless_of_case(endpoint: str) -> None:
    base = endpoint.rsplit("/", 1)[0]
    lower = httpx.get(f"{base}/queries/who_pays", params={"funder": "sweden", "format": "csv"})
    assert lower.status_code == 200 and lower.text == httpx.get(f"{base}/queries/who_pays", params={"funder": "Sweden", "format": "csv"}).text
    assert "Sweden,funding" in lower.text


def test_a_parameter_carrying_sparql_is_just_a_string(endpoint: str, seed_claims: int) -> None:
    base = endpoint.rsplit("/", 1)[0]
    response = httpx.get(f"{base}/queries/who_pays", params={"funder": '"} ; DROP ALL ; {"'})
    assert response.status_code == 200 and response.json()["results"]["bindings"] == []
    assert httpx.get(endpoint, params={"query": COUNT_CLAIMS}, headers={"Accept": "text/csv"}).text == f"claims\r\n{seed_claims}\r\n"


def test_updates_are_refused(endpoint: str) -> None:
    update = "INSERT DATA { <urn:x> <urn:y> <urn:z> }"
    assert httpx.post(endpoint, data={"update": update}).status_code == 403
    assert httpx.post(endpoint, content=update, headers={"Content-Type": "application/sparql-update"}).status_code == 403
    as_query = httpx.post(endpoint, data={"query": update})
    assert as_query.status_code == 403 and "read-only" in as_query.text
    assert httpx.post(endpoint, data={"query": "DROP ALL"}).status_code == 403
    client = _wrapper(endpoint, update, JSON)
    client.setMethod("POST")
    with pytest.raises(HTTPError) as refused:
        client.query()
    assert refused.value.code == 403


def test_service_and_unknown_graphs_are_refused(endpoint: str) -> None:
    service = httpx.post(endpoint, data={"query": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"})
    assert service.status_code == 403 and "SERVICE" in service.text
    remote_from = httpx.post(endpoint, data={"query": "SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }"})
    assert remote_from.status_code == 403 and "example.org" in remote_from.text
    dataset = httpx.post(endpoint, data={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "default-graph-uri": "http://example.org/g"})
    assert dataset.status_code == 403


def test_a_held_graph_can_be_the_default_graph(endpoint: str, seed_claims: int) -> None:
    graph = "https://w3id.org/pledgegraph/graph/article/trump-patriots-via-nato"
    query = "SELECT (COUNT(DISTINCT ?claim) AS ?claims) WHERE { ?claim <https://w3id.org/pledgegraph/ontology#statedIn> ?article }"
    one = httpx.post(endpoint, data={"query": query, "default-graph-uri": graph}, headers={"Accept": "text/csv"})
    every = httpx.post(endpoint, data={"query": query}, headers={"Accept": "text/csv"})
    assert one.status_code == every.status_code == 200
    assert 0 < int(one.text.splitlines()[1]) < int(every.text.splitlines()[1]) == seed_claims


def test_what_cannot_be_given_is_406(endpoint: str) -> None:
    assert httpx.get(endpoint, params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "text/csv"}).status_code == 406
    assert httpx.get(endpoint, params={"query": COUNT_CLAIMS}, headers={"Accept": "image/png"}).status_code == 406
    assert httpx.get(endpoint, params={"query": COUNT_CLAIMS, "format": "turtle"}).status_code == 406


def test_an_oversized_request_is_413(endpoint: str) -> None:
    huge = "SELECT * WHERE { ?s ?p ?o } # " + "x" * 1_100_000
    assert httpx.post(endpoint, content=huge, headers={"Content-Type": "application/sparql-query"}).status_code == 413


def test_invalid_query_is_400_with_the_parser_message(endpoint: str) -> None:
    response = httpx.get(endpoint, params={"query": "SELEKT ?x WHERE { ?x ?y ?z }"})
    assert response.status_code == 400 and "not valid SPARQL" in response.text


def test_row_limit(endpoint: str) -> None:
    response = httpx.get(endpoint, params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 413 and f"more than {MAX_ROWS}" in response.text
    assert httpx.get(endpoint, params={"query": f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {MAX_ROWS}"}).status_code == 200


def test_service_description(endpoint: str) -> None:
    response = httpx.get(endpoint, headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=response.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (None, None, None) in graph
    assert any(str(o) == sd + "SPARQL11Query" for o in graph.objects())


def test_a_slow_query_is_stopped_while_others_still_answer(endpoint: str, seed_claims: int) -> None:
    outcome: dict[str, object] = {}

    def slow() -> None:
        started = time.monotonic()
        response = httpx.post(endpoint, data={"query": SLOW}, timeout=60)
        outcome["status"], outcome["text"], outcome["seconds"] = response.status_code, response.text, time.monotonic() - started

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.5)
    quick = httpx.get(endpoint, params={"query": COUNT_CLAIMS}, headers={"Accept": "text/csv"}, timeout=10)
    assert thread.is_alive(), "the slow query should still be running while the quick one answers"
    assert quick.text == f"claims\r\n{seed_claims}\r\n"
    thread.join()
    assert outcome["status"] == 503 and "time limit" in str(outcome["text"])
    assert float(outcome["seconds"]) < TIME_LIMIT + 5  # stopped, not run to the end
    assert httpx.get(endpoint, params={"query": COUNT_CLAIMS}, headers={"Accept": "text/csv"}).status_code == 200


def test_query_page_runs_a_query_in_headless_chromium_offline(endpoint: str, tmp_path: Path) -> None:
    base = endpoint.rsplit("/", 1)[0]
    outside: list[str] = []
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium(), args=CHROMIUM_FLAGS)
        page = browser.new_page()
        page.on("request", lambda request: None if request.url.startswith(base) else outside.append(request.url))
        page.goto(base + "/")
        page.select_option("#named", "who_pays")
        page.fill("input[name=funder]", "Germany")
        page.click("#run")
        page.wait_for_selector("#result-table tbody tr", timeout=20_000)
        cells = page.locator("#result-table tbody tr").all_inner_texts()
        status = page.inner_text("#status")
        page.screenshot(path=str(tmp_path / "query-page.png"))
        browser.close()
    assert status.startswith("3 row(s)")
    assert any("Patriot" in row and "Germany" in row for row in cells)
    assert outside == [], f"the page requested resources outside the endpoint: {outside}"


def test_the_page_lists_named_queries_as_json(endpoint: str) -> None:
    base = endpoint.rsplit("/", 1)[0]
    names = [q["name"] for q in json.loads(httpx.get(f"{base}/queries").text)]
    assert names == sorted(names) and "claims_table" in names and "who_pays" in names


def test_a_missing_or_locked_store_or_a_taken_port_is_one_line_not_a_traceback(tmp_path: Path, seed_store: GraphStore) -> None:
    """The port and the store are checked before the server starts (and warms), so the CLI reports them (exit 2)."""
    def serve(store: Path, port: int) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "graph", "serve", "--store", str(store), "--port", str(port)]
        return subprocess.run(command, capture_output=True, text=True, timeout=120)

    missing = serve(tmp_path / "nothing-here", free_port())
    locked = serve(seed_store.path, free_port())  # this test holds the store open, as a running build would
    with socket.create_server(("127.0.0.1", 0)) as listener:  # a port something listens on
        taken = serve(tmp_path / "nothing-here", listener.getsockname()[1])
    for result, message in ((missing, "no store at"), (locked, "in use by another pledgegraph process"), (taken, "cannot listen on")):
        assert result.returncode == 2 and message in result.stderr, result.stderr
        assert "Traceback" not in result.stdout + result.stderr
