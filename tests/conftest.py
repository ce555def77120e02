"""Shared fixtures: the seed store is built once per test session through the real pipeline."""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox

import pytest

from graph.pipeline import build
from graph.reason.reasoning import reason
from graph.store.local import GraphStore
from graph.vocabulary import Vocabulary, load_vocabulary

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEEDS = ROOT / "seeds"
GOLD = DATA / "gold"
DEVSET = DATA / "devset"


@pytest.fixture(scope="session")
def vocabulary() -> Vocabulary:
    return load_vocabulary()


@pytest.fixture(scope="session")
def seed_dump(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The seed articles built and reasoned over, as N-Quads (built once per session)."""
    store = GraphStore(tmp_path_factory.mktemp("seed") / "store")
    summary = build([SEEDS], store)
    assert not summary.failed, summary.failed
    assert reason(store).consistent  # the inferred graph that funders.rq and multi_role_actors.rq read
    output = io.BytesIO()
    store.dump(output, ox.RdfFormat.N_QUADS)
    return output.getvalue()


@pytest.fixture(scope="session")
def seed_claims(seed_dump: bytes) -> int:
    """How many support claims the seed graph holds (what queries over it should count)."""
    store = ox.Store()
    store.load(seed_dump, format=ox.RdfFormat.N_QUADS)
    query = "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { GRAPH ?g { ?c <https://w3id.org/pledgegraph/ontology#statedIn> ?a } }"
    return int(next(iter(store.query(query)))["n"].value)


def store_from_dump(path: Path, dump: bytes) -> GraphStore:
    """A store on disk at `path` holding the quads of `dump`."""
    store = GraphStore(path)
    store.oxigraph.load(dump, format=ox.RdfFormat.N_QUADS)
    store.flush()
    return store


@pytest.fixture()
def seed_store(seed_dump: bytes, tmp_path: Path) -> GraphStore:
    """A private store with the seed graph, so a test may change it."""
    return store_from_dump(tmp_path / "store", seed_dump)


def write_article(folder: Path, name: str, body: str, published: str = "2025-07-18") -> Path:
    """Write a small article with front matter; returns its path."""
    path = folder / name
    path.write_text(f"---\ntitle: test\noutlet: Test Wire\npublished: {published}\n---\n{body}\n", encoding="utf-8")
    return path
