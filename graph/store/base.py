"""The store interface: what the pipeline, queries, exports and the server ask of a store.

Two stores implement it: `GraphStore` (graph/store/local.py), Oxigraph in a folder, and
`RemoteStore` (graph/store/remote.py), a team's SPARQL 1.1 server. Code that only writes
article graphs and asks queries takes a `Store`, so it works on both; code that needs every
quad in hand (export, publish, validate, reason) takes a `ReadableStore`, which the local store
is and a server's snapshot gives. This module imports neither implementation.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any, Protocol, runtime_checkable

import pyoxigraph as ox
from rdflib import Graph


@runtime_checkable
class Store(Protocol):
    """A dataset of named graphs, one per article, plus the ontology and reference vocabulary."""

    def load_reference_data(self) -> None:
        """(Re)load the ontology and reference vocabulary into their own named graphs."""

    def commit_article(self, article_id: str, graph: Graph | bytes) -> None:
        """Replace the article's named graph whole with `graph` (an rdflib Graph or N-Triples)."""

    def replace_graph(self, graph_iri: str, ntriples: bytes) -> None:
        """Replace one named graph with N-Triples data, all at once."""

    def remove_article(self, article_id: str) -> bool:
        """Take an article's graph out; False when the store does not hold it."""

    def flush(self) -> None:
        """Make sure everything written is kept."""

    def graph_names(self) -> set[str]:
        """The IRIs of the store's named graphs."""

    def article_ids(self) -> list[str]:
        """The ids of the articles in the store, sorted."""

    def query(
        self,
        sparql: str,
        substitutions: dict[ox.Variable, ox.NamedNode | ox.Literal] | None = None,
        *,
        default_graphs: tuple[str, ...] = (),
        named_graphs: tuple[str, ...] = (),
    ) -> Any:
        """Run a (checked) SPARQL query; results are pyoxigraph objects whichever the store."""


@runtime_checkable
class ReadableStore(Store, Protocol):
    """A store whose data is in hand: every quad can be read, dumped and copied into rdflib."""

    def triples(self) -> list[ox.Triple]:
        """Every distinct triple of every graph, sorted (deterministic)."""

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad, sorted (deterministic)."""

    def dump(self, output: IO[bytes], format: ox.RdfFormat) -> None:
        """Write the whole dataset, or the merged graph for triple formats."""

    def article_graph(self, article_id: str) -> Graph:
        """An rdflib copy of one article's graph."""

    def union_graph(self) -> Graph:
        """An rdflib copy of all graphs merged."""
