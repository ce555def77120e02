"""Mapping extraction results to RDF: one rdflib Graph per article (its named graph's content).

Only this module turns `Article`, `Claim` and `Span` values into triples. The article graph holds
the article's metadata and provenance, its mentions, its claims and their evidence selectors.
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from graph.iris import article_iri, claim_iri, event_iri, is_unlisted, span_iri, unlisted_kind
from graph.model import Claim, ExtractionResult, Span
from graph.namespaces import OA, PG, PREFIXES, SCHEMA
from graph.rdf.confidence import confidence
from graph.vocabulary import Vocabulary


def new_graph() -> Graph:
    """An empty rdflib Graph with pledgegraph's fixed prefixes bound."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def article_graph(result: ExtractionResult, vocabulary: Vocabulary) -> Graph:
    """The RDF of one article: metadata, mentions, claims, evidence."""
    graph = new_graph()
    article = result.article
    node = article_iri(article.id)
    graph.add((node, RDF.type, PG.Article))
    graph.add((node, DCTERMS.identifier, Literal(article.id)))
    graph.add((node, SCHEMA.text, Literal(article.text)))
    graph.add((node, SCHEMA.inLanguage, Literal(article.language or "en")))
    if article.title:
        graph.add((node, SCHEMA.headline, Literal(article.title)))
        graph.add((node, RDFS.label, Literal(article.title)))
    if article.url:
        graph.add((node, SCHEMA.url, Literal(article.url)))
    if article.published:
        graph.add((node, SCHEMA.datePublished, Literal(article.published.isoformat(), datatype=XSD.date)))
    if article.outlet:
        graph.add((node, PG.outletName, Literal(article.outlet)))
    if result.publisher:
        graph.add((node, SCHEMA.publisher, URIRef(result.publisher)))
    if result.author:
        graph.add((node, SCHEMA.author, URIRef(result.author)))
    for actor in result.mentioned_actors:
        graph.add((node, SCHEMA.mentions, URIRef(actor)))
    for system in result.mentioned_systems:
        graph.add((node, SCHEMA.mentions, URIRef(system)))
    for source in result.cited_sources:
        graph.add((node, PG.cites, URIRef(source)))
    labels = _add_unlisted(graph, result, node)
    for claim in result.claims:
        _add_claim(graph, claim, node, vocabulary, labels)
    return graph


_UNLISTED_CLASSES = {"system": PG.UnlistedItem, "person": PG.Person, "organisation": PG.Organisation}


def _add_unlisted(graph: Graph, result: ExtractionResult, article: URIRef) -> dict[str, str]:
    """Names the vocabulary lacks: typed, labelled, marked for review, with each mention's span."""
    labels: dict[str, str] = {}
    for mention, sentence in result.unlisted:
        name = URIRef(mention.iri)
        if mention.iri not in labels:
            labels[mention.iri] = mention.label or mention.iri
            graph.add((name, RDF.type, _UNLISTED_CLASSES[unlisted_kind(mention.iri) or "system"]))
            graph.add((name, SKOS.prefLabel, Literal(mention.label, lang="en")))
            graph.add((name, RDFS.label, Literal(mention.label, lang="en")))
            graph.add((name, PG.needsReview, Literal(True)))
        graph.add((_add_span(graph, sentence, article), PG.mentionOf, name))
    return labels


def _add_claim(graph: Graph, claim: Claim, article: URIRef, vocabulary: Vocabulary, labels: dict[str, str]) -> None:
    node = claim_iri(claim)
    graph.add((node, RDF.type, PG[claim.kind.class_name]))
    graph.add((node, PG.statedIn, article))
    graph.add((node, RDFS.label, Literal(_claim_label(claim, vocabulary, labels))))
    event = event_iri(claim)
    graph.add((node, PG.reportsEvent, event))
    graph.add((event, RDF.type, PG.SupportEvent))
    if any(is_unlisted(iri) for iri in (claim.system, claim.provider, claim.recipient, claim.funder, claim.via, claim.said_by)):
        graph.add((node, PG.needsReview, Literal(True)))
    for role, actor in (("provider", claim.provider), ("recipient", claim.recipient), ("funder", claim.funder), ("via", claim.via), ("saidBy", claim.said_by)):
        if actor:
            graph.add((node, PG[role], URIRef(actor)))
    graph.add((node, PG.system, URIRef(claim.system)))
    if claim.quantity is not None:
        graph.add((node, PG.quantity, Literal(claim.quantity, datatype=XSD.integer)))
    if claim.unit:
        unit = vocabulary.unit_iri(claim.unit)
        if unit:
            graph.add((node, PG.unit, URIRef(unit)))
    if claim.value is not None:
        graph.add((node, PG.moneyValue, Literal(Decimal(claim.value))))
    if claim.currency:
        graph.add((node, PG.currency, Literal(claim.currency)))
    if claim.date:
        graph.add((node, PG.claimDate, Literal(claim.date.isoformat(), datatype=XSD.date)))
    if claim.pattern:
        graph.add((node, PG.pattern, Literal(claim.pattern)))
    graph.add((node, PG.confidence, Literal(Decimal(str(confidence(claim.pattern))))))
    for span in claim.evidence:
        graph.add((node, PG.evidence, _add_span(graph, span, article)))


def _add_span(graph: Graph, span: Span, article: URIRef) -> URIRef:
    node = span_iri(span)
    quote = URIRef(f"{node}#quote")
    position = URIRef(f"{node}#position")
    graph.add((node, RDF.type, PG.Evidence))
    graph.add((node, OA.hasSource, article))
    graph.add((node, OA.hasSelector, quote))
    graph.add((node, OA.hasSelector, position))
    graph.add((quote, RDF.type, OA.TextQuoteSelector))
    graph.add((quote, OA.exact, Literal(span.text)))
    graph.add((position, RDF.type, OA.TextPositionSelector))
    graph.add((position, OA.start, Literal(span.start, datatype=XSD.integer)))
    graph.add((position, OA.end, Literal(span.end, datatype=XSD.integer)))
    return node


def _claim_label(claim: Claim, vocabulary: Vocabulary, labels: dict[str, str]) -> str:
    """A short human label, e.g. "funding: Germany pays, Patriot ×2 for Ukraine"."""

    def label(iri: str | None) -> str:
        return labels.get(iri or "") or vocabulary.label(iri)

    actor = label(claim.primary_actor) or "unknown actor"
    amount = f" ×{claim.quantity}" if claim.quantity is not None else ""
    recipient = label(claim.recipient) or "unknown recipient"
    return f"{claim.kind.value}: {actor}, {label(claim.system)}{amount} for {recipient}"
