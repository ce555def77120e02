"""Shared fixtures: the seed store is built once per test session through the real pipeline."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.pipeline import build
from graph.store import GraphStore
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
def seed_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store on disk built from the seed articles (closed after building)."""
    path = tmp_path_factory.mktemp("seed") / "store"
    store = GraphStore(path)
    summary = build([SEEDS], store)
    assert not summary.failed, summary.failed
    store.flush()
    del store
    return path


@pytest.fixture()
def seed_store(seed_store_path: Path, tmp_path: Path) -> GraphStore:
    """A private copy of the seed store, so a test may change it."""
    copy = tmp_path / "store"
    shutil.copytree(seed_store_path, copy)
    return GraphStore(copy)


def write_article(folder: Path, name: str, body: str, published: str = "2025-07-18") -> Path:
    """Write a small article with front matter; returns its path."""
    path = folder / name
    path.write_text(f"---\ntitle: test\noutlet: Test Wire\npublished: {published}\n---\n{body}\n", encoding="utf-8")
    return path
