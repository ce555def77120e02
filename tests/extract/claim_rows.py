"""The claims of a short text as comparable rows, for the construction tests."""

from __future__ import annotations

from datetime import date

from graph.extract.extractor import extract
from graph.iris import is_unlisted, unlisted_label
from graph.model import Article, Claim
from graph.vocabulary import Vocabulary


def claims(vocabulary: Vocabulary, text: str, title: str = "") -> list[Claim]:
    """The claims extracted from `text` as an article published on 18 July 2025."""
    return extract(Article(id="case", text=text, title=title, published=date(2025, 7, 18)), vocabulary).claims


def rows(vocabulary: Vocabulary, text: str, title: str = "") -> set[tuple]:
    """(kind, provider, funder, system, quantity, said_by) labels of each claim of `text`."""
    label = lambda iri: unlisted_label(iri) if is_unlisted(iri) else vocabulary.label(iri)  # noqa: E731
    return {(c.kind.value, label(c.provider), label(c.funder), label(c.system), c.quantity, label(c.said_by))
            for c in claims(vocabulary, text, title)}
