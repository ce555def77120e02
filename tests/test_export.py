"""Exports re-parse to the same graph, and are deterministic."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic

from graph.checks import read_rdf_file
from graph.export import export
from graph.store import GraphStore


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
