"""The Oxigraph store: idempotent builds, whole articles, removal, one writer at a time."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.compare import isomorphic

from graph.errors import StoreError
from graph.pipeline import build
from graph.store.local import GraphStore

from conftest import SEEDS, write_article


def test_building_twice_gives_the_same_graph(seed_store: GraphStore) -> None:
    before = seed_store.union_graph()
    size = len(seed_store)
    summary = build([SEEDS], seed_store)
    assert not summary.failed
    assert len(seed_store) == size
    assert isomorphic(before, seed_store.union_graph())


def test_each_article_has_its_named_graph(seed_store: GraphStore) -> None:
    assert seed_store.article_ids() == ["spiegel-nato-weapons-plan", "trump-patriots-via-nato"]
    graph = seed_store.article_graph("trump-patriots-via-nato")
    assert len(graph) > 100


def test_remove_takes_the_article_out(seed_store: GraphStore) -> None:
    assert seed_store.remove_article("trump-patriots-via-nato")
    assert seed_store.article_ids() == ["spiegel-nato-weapons-plan"]
    assert not seed_store.remove_article("trump-patriots-via-nato")


def test_bad_article_is_skipped_and_the_others_go_in(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    write_article(articles, "good.txt", "Norway will send NASAMS to Ukraine.")
    (articles / "empty.txt").write_bytes(b"")
    store = GraphStore(tmp_path / "store")
    summary = build([articles], store)
    assert [o.article_id for o in summary.committed] == ["good"]
    assert [(o.article_id, o.problem) for o in summary.failed] == [("empty", "is empty")]
    assert store.article_ids() == ["good"]


def test_a_second_writer_gets_a_clear_error(tmp_path: Path) -> None:
    first = GraphStore(tmp_path / "store")
    with pytest.raises(StoreError, match=r"is in use by another pledgegraph process \(pid \d+: "):
        GraphStore(tmp_path / "store", wait=0.5)
    del first


def test_reading_a_missing_store_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="pledgegraph build"):
        GraphStore(tmp_path / "nowhere", must_exist=True)
