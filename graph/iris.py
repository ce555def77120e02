"""Deterministic IRIs: from the reference vocabulary, the article id and evidence offsets.

Every IRI pledgegraph mints is made here, including those of names the vocabulary lacks
(`id/unlisted/KIND/wording`), so the extractor, the mapping and the vocabulary agree on them.

The same article always yields the same IRIs, so loading it twice changes nothing.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote, unquote

from rdflib import URIRef

from graph.model import Claim, Span
from graph.namespaces import GRAPHS, ID

UNLISTED = ID["unlisted/"]
_UNLISTED_PREFIX = str(UNLISTED)


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
    return unquote(graph_iri[len(prefix):])


def unlisted_iri(kind: str, label: str) -> str:
    """The IRI of an unlisted name: one per kind and lower-cased, space-normalised wording."""
    slug = re.sub(r"\s+", "_", label.strip().lower())
    return f"{_UNLISTED_PREFIX}{kind}/{_segment(slug)}"


def unlisted_kind(iri: str) -> str | None:
    """"system", "person" or "organisation" for an unlisted IRI, else None."""
    if not is_unlisted(iri):
        return None
    return iri[len(_UNLISTED_PREFIX):].split("/", 1)[0]


def unlisted_label(iri: str) -> str:
    """The lower-case wording an unlisted IRI was minted from."""
    return unquote(iri.rsplit("/", 1)[-1]).replace("_", " ")


def is_unlisted(iri: str | None) -> bool:
    """True for IRIs minted for names the vocabulary lacks."""
    return bool(iri) and iri.startswith(_UNLISTED_PREFIX)
