"""Typed values passed between pipeline stages. Only `mapping` turns them into triples."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum


class ClaimKind(str, Enum):
    """The six kinds of support claim; the value is the lower-case name used in tables."""

    REQUEST = "request"
    PLEDGE = "pledge"
    FUNDING = "funding"
    DELIVERY = "delivery"
    SUSPENSION = "suspension"
    CONSIDERATION = "consideration"

    @property
    def class_name(self) -> str:
        """The ontology class local name, e.g. "Pledge"."""
        return self.value.capitalize()


class ActorType(str, Enum):
    """The top-level actor types of the actors table."""

    STATE = "State"
    PERSON = "Person"
    ORGANISATION = "Organisation"


@dataclass(frozen=True)
class Article:
    """An article as read from disk: metadata plus the clean text that all offsets refer to."""

    id: str
    text: str
    title: str = ""
    outlet: str = ""
    url: str = ""
    published: date | None = None
    language: str = "en"
    source_path: str = ""
    warnings: tuple[str, ...] = ()  # what was read leniently ("front matter is not valid YAML ...")


@dataclass(frozen=True)
class Span:
    """A stretch of an article's clean text: `text == article.text[start:end]`."""

    article_id: str
    start: int
    end: int
    text: str

    def overlaps(self, other: Span) -> bool:
        """True when both spans are in the same article and share at least one character."""
        return self.article_id == other.article_id and self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Actor:
    """An actor of the reference vocabulary."""

    iri: str
    label: str
    type: ActorType
    affiliation: str | None = None  # IRI of the state or body a person or department acts for


@dataclass(frozen=True)
class System:
    """A weapon system, category or generic aid of the reference vocabulary."""

    iri: str
    label: str
    default_unit: str | None = None  # unit label, e.g. "system"


@dataclass(frozen=True)
class Mention:
    """A recognised mention of a vocabulary entry in one sentence.

    `kind` is "actor" or "system". `generic` marks vague aid words ("weapons") that only make a
    claim together with money. `unit` and `quantity` are read off the words around a system.
    """

    kind: str
    iri: str
    span: Span
    token_start: int
    token_end: int
    generic: bool = False
    unit: str | None = None
    quantity: int | None = None
    label: str | None = None  # the wording of a name the vocabulary lacks (graph/unlisted.py)

    @property
    def unlisted(self) -> bool:
        return self.label is not None


@dataclass(frozen=True)
class Money:
    """A money figure in its original currency; `value` is None for vague amounts ("billions")."""

    value: int | None
    currency: str
    span: Span


@dataclass(frozen=True)
class Claim:
    """One support claim: kind, roles, item, amount, attribution, date and evidence spans.

    Actor and system fields hold vocabulary IRIs (None when the text does not say).
    """

    article_id: str
    kind: ClaimKind
    system: str
    evidence: tuple[Span, ...]
    recipient: str | None = None
    provider: str | None = None
    funder: str | None = None
    via: str | None = None
    quantity: int | None = None
    unit: str | None = None
    value: int | None = None
    currency: str | None = None
    said_by: str | None = None
    date: date | None = None
    pattern: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def primary_actor(self) -> str | None:
        """The actor that makes a claim distinct: the funder for funding, else the provider."""
        return self.funder if self.kind is ClaimKind.FUNDING else self.provider


@dataclass(frozen=True)
class ExtractionResult:
    """Everything the extractor read from one article: what the RDF mapping is given."""

    article: Article
    claims: tuple[Claim, ...]
    publisher: str | None
    author: str | None
    mentioned_actors: tuple[str, ...]
    mentioned_systems: tuple[str, ...]
    cited_sources: tuple[str, ...]
    unlisted: tuple[tuple[Mention, Span], ...] = ()  # each mention of a name the vocabulary lacks, with its sentence
