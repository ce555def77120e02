"""Deterministic IRIs: from the reference vocabulary, the article id and evidence offsets.

The same article always yields the same IRIs, so loading it twice changes nothing.
"""

from __future__ import annotations

import hashlib
from urllib.parse import quote

from rdflib import URIRef

from graph.model import Claim, Span
from graph.namespaces import GRAPHS, ID


def _segment(text: str) -> str:
    return quote(text, safe="-_.~")


def article_iri(article_id: str) -> URIRef:
    """The article node, e.g. <…/id/article/trump-patriots-via-nato>."""
    return ID[f"article/{_segment(article_id)}"]


def article_graph_iri(article_id: str) -> URIRef:
    """The named graph that holds everything read from one article."""
    return GRAPHS[f"article/{_segment(article_id)}"]


def span_iri(span: Span) -> URIRef:
    """The evidence node of a span: article id plus character offsets."""
    return ID[f"article/{_segment(span.article_id)}/span/{span.start}-{span.end}"]


def claim_iri(claim: Claim) -> URIRef:
    """A claim node: its first evidence offsets plus a short hash of what it states."""
    first = claim.evidence[0]
    identity = "|".join(
        str(part or "")
        for part in (claim.kind.value, claim.provider, claim.recipient, claim.funder, claim.via, claim.system, claim.quantity, claim.date)
    )
    digest = hashlib.sha1(identity.encode("utf-8")).hexdigest()[:10]
    return ID[f"article/{_segment(claim.article_id)}/claim/{first.start}-{first.end}-{digest}"]


def event_iri(claim: Claim) -> URIRef:
    """The support event a claim reports: one per kind, actor, recipient and item.

    A pure function of the claim, so claims from different articles about the same support
    share the node without any global step, and removing an article takes its links with it.
    The actor is the funder for funding, else the provider.
    """
    identity = "|".join(str(part or "") for part in (claim.kind.value, claim.primary_actor, claim.recipient, claim.system))
    return ID[f"event/{hashlib.sha1(identity.encode('utf-8')).hexdigest()[:16]}"]


def article_id_of_graph(graph_iri: str) -> str | None:
    """The article id of an article graph IRI, or None for other graphs."""
    prefix = str(GRAPHS["article/"])
    if not graph_iri.startswith(prefix):
        return None
    from urllib.parse import unquote

    return unquote(graph_iri[len(prefix):])
