"""Extraction quality against the analyst gold of the seeds, and the evaluator itself."""

from __future__ import annotations

import pytest
import yaml
from conftest import DATA, DEVSET, GOLD, SEEDS

from graph.evaluate import evaluate, predicted_rows, score
from graph.query.queries import resolve_query, run_query, solutions_to_rows
from graph.store.local import GraphStore
from graph.vocabulary import Vocabulary

# Floors at the scores the parse-based extractor measures (README, "Extraction quality"); they
# guard against regressions. The White House devset (0.85) and the seeds (precision and recall
# 0.95) meet their targets; the news target (F1 0.80) is not yet met (README "Known limits").


def test_seed_claims_table_meets_the_quality_bar(vocabulary: Vocabulary) -> None:
    evaluation = evaluate(GOLD, [SEEDS], vocabulary)
    total = evaluation.total()
    assert total.gold == 23
    assert total.precision >= 0.95, evaluation.report()  # 0.958 measured
    assert total.recall >= 0.95, evaluation.report()
    # units, money and dates of the matched claims
    assert total.detail_accuracy >= 0.90, evaluation.report()
    for name in ("quantity", "funder", "said_by"):
        assert total.accuracy(name) >= 0.85, (name, evaluation.report())
    for article in evaluation.articles:
        assert article.precision >= 0.80 and article.recall >= 0.90, evaluation.report()


def test_funders_quantities_and_speakers_are_right(seed_store: GraphStore) -> None:
    columns, rows = solutions_to_rows(run_query(seed_store, resolve_query("claims_table")))
    table = [dict(zip(columns, row)) for row in rows]
    funding = {(r["funder"], r["system"], r["quantity"], r["said_by"]) for r in table if r["kind"] == "funding"}
    assert ("Germany", "Patriot", "2", "Volodymyr Zelensky") in funding
    assert ("Norway", "Patriot", "1", "Volodymyr Zelensky") in funding
    assert {r["funder"] for r in table if r["kind"] == "funding"} == {
        "Germany", "Norway", "NATO", "European Union", "Finland", "Canada", "Sweden", "United Kingdom", "Denmark",
    }
    pledge = next(r for r in table if r["kind"] == "pledge" and r["quantity"] == "17")
    assert (pledge["provider"], pledge["system"], pledge["said_by"], pledge["date"]) == ("United States", "Patriot", "Donald Trump", "2025-07-14")
    delivery = next(r for r in table if r["kind"] == "delivery")
    assert (delivery["value"], delivery["currency"], delivery["unit"], delivery["said_by"]) == ("69000000000", "USD", "USD", "Kiel Institute")


def test_actors_table_finds_every_gold_actor_with_its_type(seed_store: GraphStore) -> None:
    columns, rows = solutions_to_rows(run_query(seed_store, resolve_query("actors")))
    assert columns == ["actor", "name", "type", "articles"]
    found = {(row[1], row[2]) for row in rows}
    for gold_file in GOLD.glob("*.yaml"):
        for actor in yaml.safe_load(gold_file.read_text(encoding="utf-8"))["actors"]:
            assert (actor["name"], actor["type"]) in found, actor


def test_evaluator_counts_misses_and_extras(vocabulary: Vocabulary) -> None:
    store = GraphStore(None)
    from graph.evaluate import load_gold
    from graph.pipeline import build

    build([SEEDS / "trump-patriots-via-nato.txt"], store, vocabulary=vocabulary)
    gold = load_gold(GOLD, vocabulary)
    predicted = predicted_rows(store, vocabulary)
    article = "trump-patriots-via-nato"
    full = score({article: gold[article]}, {article: predicted[article]})
    matched = full.articles[0].matched_rows[0]
    dropped = [row for row in predicted[article] if row is not matched]
    result = score({article: gold[article]}, {article: dropped}).total()
    whole = full.total()
    assert (result.gold, result.predicted, result.matched) == (10, whole.predicted - 1, whole.matched - 1)
    assert result.recall == (whole.matched - 1) / 10
    assert len(score({article: gold[article]}, {article: dropped}).articles[0].misses) == 10 - result.matched


def test_devset_meets_the_quality_bar(vocabulary: Vocabulary) -> None:
    """Real White House texts: F1 >= 0.85 (the issue's target; 0.926 measured) and field accuracy >= 0.85."""
    evaluation = evaluate(DEVSET / "gold", [DEVSET / "articles"], vocabulary)
    total = evaluation.total()
    assert total.gold == 69
    assert total.f1 >= 0.88, evaluation.report()
    for name in ("quantity", "funder"):
        assert total.accuracy(name) >= 0.85, (name, evaluation.report())
    assert total.accuracy("said_by") >= 0.75, evaluation.report()
    report = evaluation.report()
    assert "wh-2022-04-08-biden-statement" in report and "MISS" in report


def test_own_test_set_meets_the_quality_bar(vocabulary: Vocabulary) -> None:
    """Short articles written to break naive rules (tests/data/articles/README.md)."""
    articles = sorted((DATA / "articles").glob("*.txt"))
    assert len(articles) >= 12
    evaluation = evaluate(DATA / "articles", articles, vocabulary)
    total = evaluation.total()
    assert total.gold >= 30
    assert total.f1 >= 0.85, evaluation.report()
    report = evaluation.report()
    # per article, with what was missed and what was extra
    for path in articles:
        assert any(line.startswith(path.stem) for line in report.splitlines()), path.stem


def test_news_devset_is_built_whole_and_scored_by_kind(vocabulary: Vocabulary) -> None:
    """24 news articles nobody tuned the old rules on (tests/data/devset-news/README.md): every
    article is committed (two have front matter that is not YAML), and the report gives scores
    per claim kind."""
    articles = sorted((DATA / "devset-news" / "articles").glob("*.txt"))
    assert len(articles) == 24
    evaluation = evaluate(DATA / "devset-news" / "gold", articles, vocabulary)  # raises if an article fails
    total = evaluation.total()
    assert total.gold == 144
    assert total.f1 >= 0.74, evaluation.report()  # 0.764 measured (the target, 0.80, is not met)
    assert total.precision >= 0.80, evaluation.report()
    assert total.accuracy("funder") >= 0.85, evaluation.report()
    assert total.accuracy("said_by") >= 0.85 and total.accuracy("quantity") >= 0.85, evaluation.report()
    by_kind = evaluation.by_kind()
    assert set(by_kind) == {"request", "pledge", "funding", "delivery", "suspension", "consideration"}
    assert sum(gold for gold, _, _ in by_kind.values()) == 144
    assert "by kind: request P" in evaluation.report()
    # recall per kind: 0.60 (the target) for five kinds; consideration is at 0.42 (5/12)
    recall = {kind: matched / gold for kind, (gold, _, matched) in by_kind.items()}
    assert all(recall[kind] >= 0.60 for kind in ("request", "pledge", "funding", "delivery", "suspension")), evaluation.report()
    assert recall["consideration"] >= 0.40, evaluation.report()


def test_news_written_for_evaluation_meets_its_floor(vocabulary: Vocabulary) -> None:
    """26 articles written by team members who did not read the extractor
    (tests/data/news-heldout/README.md): F1 >= 0.80 (0.825 measured), every kind found at least once."""
    articles = sorted((DATA / "news-heldout" / "articles").glob("*.txt"))
    assert len(articles) == 26
    evaluation = evaluate(DATA / "news-heldout" / "gold", articles, vocabulary)
    total = evaluation.total()
    assert total.gold == 201
    assert total.f1 >= 0.80, evaluation.report()
    assert all(matched > 0 for _, _, matched in evaluation.by_kind().values()), evaluation.report()


# Sets written by helpers who never saw the extractor (each set's README): (folder, articles,
# gold claims, F1 floor). The first scores were 0.390, 0.322 and 0.432; evaluate() raises if an
# article fails to build, which the second set once made happen (extraction recursed without end).
BLIND_SETS = [("news-blind", 12, 92, 0.70), ("news-blind-2", 12, 88, 0.63), ("news-blind-3", 12, 116, 0.48), ("news-blind-4", 12, 115, 0.46)]


@pytest.mark.parametrize("folder, count, gold, floor", BLIND_SETS, ids=[row[0] for row in BLIND_SETS])
def test_blind_news_sets_are_built_whole_and_meet_their_floor(vocabulary: Vocabulary, folder: str, count: int, gold: int, floor: float) -> None:
    articles = sorted((DATA / folder / "articles").glob("*.txt"))
    assert len(articles) == count
    evaluation = evaluate(DATA / folder / "gold", articles, vocabulary)
    total = evaluation.total()
    assert total.gold == gold
    assert total.f1 >= floor, evaluation.report()
