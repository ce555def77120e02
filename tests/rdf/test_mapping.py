"""RDF mapping: golden cases (article beside its expected graph) and deterministic IRIs."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from graph.read.articles import read_article
from graph.extract.extractor import extract
from graph.rdf.mapping import article_graph
from graph.vocabulary import Vocabulary

from conftest import DATA

GOLDEN = sorted((DATA / "golden").glob("*.txt"))


@pytest.mark.parametrize("article_path", GOLDEN, ids=lambda p: p.stem)
def test_golden_article_graph(article_path: Path, vocabulary: Vocabulary) -> None:
    produced = article_graph(extract(read_article(article_path), vocabulary), vocabulary)
    expected = Graph().parse(article_path.with_suffix(".ttl"), format="turtle")
    if not isomorphic(produced, expected):
        _, only_produced, only_expected = graph_diff(to_isomorphic(produced), to_isomorphic(expected))
        pytest.fail(
            "graph differs from the golden file\nonly produced:\n"
            + only_produced.serialize(format="nt")
            + "\nonly expected:\n"
            + only_expected.serialize(format="nt")
        )


def test_same_article_same_iris(vocabulary: Vocabulary) -> None:
    path = GOLDEN[0]
    first = article_graph(extract(read_article(path), vocabulary), vocabulary)
    second = article_graph(extract(read_article(path), vocabulary), vocabulary)
    assert set(first) == set(second)


def test_no_blank_nodes(vocabulary: Vocabulary) -> None:
    graph = article_graph(extract(read_article(GOLDEN[0]), vocabulary), vocabulary)
    assert not any(type(node).__name__ == "BNode" for triple in graph for node in triple)
