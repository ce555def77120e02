"""Mapping extraction results to RDF: one rdflib Graph per article (its named graph's content).

Only this module turns `Article`, `Claim` and `Span` values into triples. The article graph holds
the article's metadata and provenance, its mentions, its claims and their evidence selectors.
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from graph.claims import ExtractionResult
from graph.confidence import confidence
from graph.iris import article_iri, claim_iri, span_iri
from graph.model import Claim, Span
from graph.namespaces import OA, PG, PREFIXES, SCHEMA
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
    for claim in result.claims:
        _add_claim(graph, claim, node, vocabulary)
    return graph


def _add_claim(graph: Graph, claim: Claim, article: URIRef, vocabulary: Vocabulary) -> None:
    node = claim_iri(claim)
    graph.add((node, RDF.type, PG[claim.kind.class_name]))
    graph.add((node, PG.statedIn, article))
    graph.add((node, RDFS.label, Literal(_claim_label(claim, vocabulary))))
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


def _claim_label(claim: Claim, vocabulary: Vocabulary) -> str:
    """A short human label, e.g. "funding: Germany pays, Patriot ×2 for Ukraine"."""
    actor = vocabulary.label(claim.primary_actor) or "unknown actor"
    amount = f" ×{claim.quantity}" if claim.quantity is not None else ""
    recipient = vocabulary.label(claim.recipient) or "unknown recipient"
    return f"{claim.kind.value}: {actor}, {vocabulary.label(claim.system)}{amount} for {recipient}"
