"""Seeded synthetic pledge graphs: realistic claims over the real reference vocabulary.

Claims are built as `Claim` values and mapped by the real `graph.rdf.mapping`, so the generated
graphs have exactly the shape `build` produces (about 19 triples per claim plus evidence).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from graph.rdf.mapping import article_graph
from graph.model import ActorType, Article, Claim, ClaimKind, ExtractionResult, Span
from graph.store.local import GraphStore
from graph.vocabulary import Vocabulary

_SENTENCE = "{actor} {verb} {quantity} {system} {extra}for Ukraine, {speaker} said."
_VERBS = {
    ClaimKind.REQUEST: "asked for",
    ClaimKind.PLEDGE: "will send",
    ClaimKind.FUNDING: "will pay for",
    ClaimKind.DELIVERY: "has delivered",
    ClaimKind.SUSPENSION: "paused shipments of",
    ClaimKind.CONSIDERATION: "is considering sending",
}


def synthetic_articles(claims: int, vocabulary: Vocabulary, *, seed: int = 7, claims_per_article: int = 10) -> list[ExtractionResult]:
    """`claims` synthetic claims in articles of `claims_per_article`, reproducible from `seed`."""
    rng = random.Random(seed)
    states = sorted(iri for iri, actor in vocabulary.actors.items() if actor.type is ActorType.STATE and not iri.endswith("/ukraine"))
    people = sorted(iri for iri, actor in vocabulary.actors.items() if actor.type is ActorType.PERSON)
    organisations = sorted(iri for iri, actor in vocabulary.actors.items() if actor.type is ActorType.ORGANISATION)
    systems = sorted(iri for iri in vocabulary.systems if vocabulary.systems[iri].default_unit)
    ukraine = vocabulary.resolve_name("Ukraine")
    results = []
    start_day = date(2022, 2, 24)
    for number in range((claims + claims_per_article - 1) // claims_per_article):
        article_id = f"synthetic-{number:06d}"
        published = start_day + timedelta(days=rng.randrange(0, 1400))
        sentences, article_claims, offset = [], [], 0
        for _ in range(min(claims_per_article, claims - number * claims_per_article)):
            kind = rng.choice(list(ClaimKind))
            actor, system, speaker = rng.choice(states), rng.choice(systems), rng.choice(people)
            quantity = rng.choice([None, rng.randrange(1, 500)])
            via = rng.choice(organisations) if rng.random() < 0.1 else None
            text = _SENTENCE.format(
                actor=vocabulary.label(actor),
                verb=_VERBS[kind],
                quantity=quantity or "",
                system=vocabulary.label(system),
                extra=f"through {vocabulary.label(via)} " if via else "",
                speaker=vocabulary.label(speaker),
            )
            span = Span(article_id, offset, offset + len(text), text)
            sentences.append(text)
            offset += len(text) + 1
            role = {"funder": actor} if kind is ClaimKind.FUNDING else {"provider": actor}
            article_claims.append(
                Claim(
                    article_id=article_id, kind=kind, system=system, evidence=(span,), recipient=ukraine, via=via,
                    quantity=quantity, unit=vocabulary.systems[system].default_unit if quantity else None,
                    said_by=speaker, date=published, pattern="synthetic", **role,
                )
            )
        article = Article(id=article_id, text=" ".join(sentences), title=f"Synthetic article {number}", published=published)
        mentioned = tuple(dict.fromkeys(a for c in article_claims for a in (c.provider, c.funder, c.said_by, c.via, c.recipient) if a))
        systems_named = tuple(dict.fromkeys(c.system for c in article_claims))
        results.append(ExtractionResult(article, tuple(article_claims), None, None, mentioned, systems_named, ()))
    return results


def synthetic_store(claims: int, vocabulary: Vocabulary, *, seed: int = 7, path: Path | None = None) -> GraphStore:
    """A store (in memory, or on disk at `path`) with the ontology, vocabulary and `claims`
    synthetic claims."""
    store = GraphStore(path)
    store.load_reference_data()
    for result in synthetic_articles(claims, vocabulary, seed=seed):
        store.commit_article(result.article.id, article_graph(result, vocabulary))
    return store
