"""A team's SPARQL 1.1 server as the store (Virtuoso, Apache Jena Fuseki, GraphDB …).

`--store http://host/sparql` makes `build` write each article graph with the Graph Store
Protocol (one PUT per article: the server replaces the graph whole, as the embedded store does),
and `query` ask the server with the SPARQL 1.1 Protocol. Commands that need the whole dataset in
hand (export, publish, validate, reason) read a snapshot: every pledgegraph graph fetched with
GSP GET into an in-memory Oxigraph store, so they behave exactly as on the embedded store.

Where the server keeps its endpoints and who may write is set in the environment:

  PLEDGEGRAPH_GSP_URL    Graph Store Protocol endpoint (default: the store URL itself)
  PLEDGEGRAPH_USER, PLEDGEGRAPH_PASSWORD    credentials for writes (and reads, if needed)
  PLEDGEGRAPH_AUTH       basic (default) or digest (Virtuoso)

Queries see the server's default graph, which must be the union of the named graphs (Virtuoso
and GraphDB do that by default; Fuseki needs `tdb2:unionDefaultGraph true`).
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox
from rdflib import Graph

from graph.errors import StoreError
from graph.iris import article_graph_iri, article_id_of_graph
from graph.namespaces import GRAPHS
from graph.query.queries import query_features
from graph.store.local import GraphStore, reference_graphs

NTRIPLES = "application/n-triples"
RESULTS_XML = "application/sparql-results+xml"


@dataclass(frozen=True)
class RemoteSettings:
    """Where a SPARQL server is and how to log in to it."""

    query_url: str
    gsp_url: str
    user: str | None = None
    password: str | None = None
    auth_scheme: str = "basic"
    timeout: float = 300.0

    @classmethod
    def from_environment(cls, query_url: str) -> RemoteSettings:
        """Settings for `query_url`, the rest from the PLEDGEGRAPH_* environment variables."""
        scheme = os.environ.get("PLEDGEGRAPH_AUTH", "basic").lower()
        if scheme not in ("basic", "digest"):
            raise StoreError(f"PLEDGEGRAPH_AUTH must be basic or digest, not {scheme!r}")
        return cls(
            query_url=query_url,
            gsp_url=os.environ.get("PLEDGEGRAPH_GSP_URL", query_url),
            user=os.environ.get("PLEDGEGRAPH_USER") or None,
            password=os.environ.get("PLEDGEGRAPH_PASSWORD") or None,
            auth_scheme=scheme,
        )


def is_remote(store: str) -> bool:
    """Whether a `--store` value names a SPARQL server rather than a folder."""
    return store.startswith(("http://", "https://"))


class RemoteStore:
    """The `Store` interface (graph/store/base.py) over a SPARQL 1.1 server."""

    def __init__(self, settings: RemoteSettings) -> None:
        self.settings = settings
        auth: httpx.Auth | None = None
        if settings.user is not None:
            password = settings.password or ""
            auth = httpx.DigestAuth(settings.user, password) if settings.auth_scheme == "digest" else httpx.BasicAuth(settings.user, password)
        self.http = httpx.Client(auth=auth, timeout=settings.timeout, follow_redirects=False)
        self.path = None

    def __repr__(self) -> str:
        return f"RemoteStore({self.settings.query_url})"

    # ------------------------------------------------------------------ writing
    def load_reference_data(self) -> None:
        """(Re)load the ontology and reference vocabulary into their named graphs."""
        for graph_iri, ntriples in reference_graphs().items():
            self.replace_graph(graph_iri, ntriples)

    def commit_article(self, article_id: str, graph: Graph | bytes) -> None:
        """Replace the article's named graph on the server (one GSP PUT)."""
        ntriples = graph if isinstance(graph, bytes) else graph.serialize(format="nt", encoding="utf-8")
        self.replace_graph(str(article_graph_iri(article_id)), ntriples)

    def replace_graph(self, graph_iri: str, ntriples: bytes) -> None:
        """GSP PUT: the server replaces the graph with `ntriples` in one request."""
        response = self._send("PUT", self.settings.gsp_url, params={"graph": graph_iri}, content=ntriples,
                              headers={"Content-Type": NTRIPLES})
        self._expect(response, f"writing graph <{graph_iri}>", (200, 201, 204))

    def remove_article(self, article_id: str) -> bool:
        """GSP DELETE of the article's graph; False when the server does not hold it."""
        graph_iri = str(article_graph_iri(article_id))
        if graph_iri not in self.graph_names():
            return False
        response = self._send("DELETE", self.settings.gsp_url, params={"graph": graph_iri})
        self._expect(response, f"deleting graph <{graph_iri}>", (200, 202, 204))
        return True

    def flush(self) -> None:
        """Nothing to do: every request is committed by the server when it answers."""

    # ------------------------------------------------------------------ reading
    def graph_names(self) -> set[str]:
        """The IRIs of pledgegraph's named graphs on the server (not the server's own graphs)."""
        text = f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (STRSTARTS(STR(?g), "{GRAPHS}")) }}'
        return {solution["g"].value for solution in self.query(text)}

    def article_ids(self) -> list[str]:
        """The ids of the articles on the server, sorted."""
        return sorted(i for i in (article_id_of_graph(g) for g in self.graph_names()) if i is not None)

    def snapshot(self) -> GraphStore:
        """An in-memory store holding every pledgegraph graph of the server (GSP GET each)."""
        snapshot = GraphStore(None)
        for graph_iri in sorted(self.graph_names()):
            response = self._send("GET", self.settings.gsp_url, params={"graph": graph_iri}, headers={"Accept": NTRIPLES})
            self._expect(response, f"reading graph <{graph_iri}>", (200,))
            try:
                snapshot.oxigraph.load(response.content, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph_iri))
            except SyntaxError as error:
                raise StoreError(f"{self.settings.gsp_url} sent graph <{graph_iri}> as invalid N-Triples: {error}") from error
        return snapshot

    def query(
        self,
        sparql: str,
        substitutions: dict[ox.Variable, ox.NamedNode | ox.Literal] | None = None,
        *,
        default_graphs: tuple[str, ...] = (),
        named_graphs: tuple[str, ...] = (),
    ) -> Any:
        """Ask the server; results come back as pyoxigraph objects, as from the embedded store.

        The query text is sent as it is: a named query's parameters and page are already in it
        (its VALUES blocks hold checked RDF terms, its LIMIT/OFFSET integers; see
        `graph.query.queries.bound_query`). `substitutions`, the parameters of a query typed by a
        user, are applied to the rows that come back, compared as RDF terms. (A trailing VALUES
        block on a result column would be the textbook alternative, but Virtuoso 7.2 overwrites
        BIND results with it.)
        """
        form = query_features(sparql).form
        accept = NTRIPLES if form in ("construct", "describe") else RESULTS_XML
        fields = [("query", sparql), *(("default-graph-uri", g) for g in default_graphs), *(("named-graph-uri", g) for g in named_graphs)]
        response = self._send("POST", self.settings.query_url, content=urlencode(fields).encode("utf-8"),
                              headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
        self._expect(response, "querying", (200,))
        if form in ("construct", "describe"):
            return _as_query_triples(ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES))
        results = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.XML)
        if substitutions and form == "select":
            return _rows_matching(results, substitutions)
        return results

    # ------------------------------------------------------------------ HTTP
    def _send(self, method: str, url: str, **arguments: Any) -> httpx.Response:
        try:
            return self.http.request(method, url, **arguments)
        except httpx.HTTPError as error:
            raise StoreError(f"the SPARQL server at {url} did not answer: {error}") from error

    def _expect(self, response: httpx.Response, doing: str, statuses: tuple[int, ...]) -> None:
        if response.status_code in statuses:
            return
        hint = " (check PLEDGEGRAPH_USER, PLEDGEGRAPH_PASSWORD and PLEDGEGRAPH_AUTH)" if response.status_code in (401, 403) else ""
        raise StoreError(f"{doing} at {response.request.url} failed: HTTP {response.status_code}{hint}: {response.text[:500].strip()}")


def _rows_matching(results: ox.QuerySolutions, bound: dict[ox.Variable, ox.NamedNode | ox.Literal]) -> ox.QuerySolutions:
    """The solutions whose columns equal the bound terms, still as pyoxigraph QuerySolutions.

    Works on the SPARQL TSV form (one line per solution), so pyoxigraph does all the parsing.
    """
    output = io.BytesIO()
    results.serialize(output, ox.QueryResultsFormat.TSV)
    header, *lines = output.getvalue().decode("utf-8").split("\n")
    kept, columns = [header], header.split("\t")
    for line in lines:
        if not line:
            continue
        solution = next(iter(ox.parse_query_results(f"{header}\n{line}\n", format=ox.QueryResultsFormat.TSV)))
        if all(str(variable) in columns and solution[variable] == term for variable, term in bound.items()):
            kept.append(line)
    return ox.parse_query_results("\n".join(kept) + "\n", format=ox.QueryResultsFormat.TSV)


def _as_query_triples(triples: Iterable[ox.Triple]) -> ox.QueryTriples:
    """Wrap parsed triples as pyoxigraph QueryTriples, the type CONSTRUCT results have locally."""
    holder = ox.Store()
    holder.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    return holder.query("CONSTRUCT WHERE { ?s ?p ?o }")  # type: ignore[no-any-return]

