"""Lists of equipment: each item is a claim that inherits the frame of the line introducing it.

"The new $800 million assistance package includes:" (after "President Biden today announced
…") or "previous United States assistance committed to Ukraine includes:" gives each bulleted
item without a claim verb of its own the same kind, provider, speaker and date.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from graph.extract.item_phrases import without_purposes
from graph.extract.mentions import SentenceMentions
from graph.model import ActorType, Article, Claim, ClaimKind, Mention
from graph.read.sentences import Sentence
from graph.vocabulary import Vocabulary


@dataclass(frozen=True)
class ListFrame:
    """What the items of a list inherit from the line that introduces it."""

    kind: ClaimKind
    provider: str | None
    funder: str | None
    recipient: str | None
    via: str | None
    said_by: str | None
    date: date | None


def frame_from_trigger(
    vocabulary: Vocabulary, kind: ClaimKind, subject: list[str] | str | None, author: str | None, ukraine: str | None
) -> ListFrame:
    """The frame of an intro with its own claim verb: "assistance X committed to Ukraine includes:"."""
    named = subject[-1] if isinstance(subject, list) and subject else None
    actor = vocabulary.acting_state(named)
    said_by = named if named and vocabulary.actor_type(named) is ActorType.PERSON else author
    if kind is ClaimKind.FUNDING:
        return ListFrame(kind, None, actor, ukraine, None, said_by, None)
    return ListFrame(kind, actor, None, ukraine, None, said_by, None)


def frame_from_claims(claims: list[Claim]) -> ListFrame | None:
    """The frame of an intro without a claim verb: the article's last transfer claim, else its
    last funding claim (a package's contents are given even when a payment was told since:
    "Berlin will pay for drones made in Ukraine. The package also includes ..."), a deliberation
    only when nothing was given or paid: "previous assistance includes:" lists what was."""
    by_preference = ((ClaimKind.PLEDGE, ClaimKind.DELIVERY), (ClaimKind.FUNDING,), (ClaimKind.CONSIDERATION,))
    source = next((claim for kinds in by_preference for claim in reversed(claims) if claim.kind in kinds), None)
    if source is None:
        return None
    return ListFrame(source.kind, source.provider, None, source.recipient, source.via, source.said_by, source.date)


def list_item_claims(
    article: Article,
    sentence: Sentence,
    mentions: SentenceMentions,
    frame: ListFrame,
    is_item: Callable[[Doc, Mention, int], bool],
    pattern: str = "list-item",
    after: int = -1,
    is_model: Callable[[Mention], bool] = lambda mention: True,
) -> list[Claim]:
    """One claim per named system or category in a list item, in the frame of its list.

    `is_item` tells support items from other mentions ("training for F-16 pilots"). The same
    goes for a sentence listing a package's contents ("These capabilities include …"), whose
    items come after the token `after` and whose claims carry `pattern`. "Ammunition for HIMARS"
    lists one item (graph/extract/item_phrases.py); `is_model` tells named models
    from categories.
    """
    doc = sentence.tokens.doc
    listed = without_purposes(list(mentions.systems), lambda i: doc[i].text if 0 <= i < len(doc) else "", is_model)
    return [
        Claim(
            article_id=article.id, kind=frame.kind, system=item.iri, evidence=(sentence.span,), recipient=frame.recipient,
            provider=frame.provider, funder=frame.funder, via=frame.via, quantity=item.quantity, unit=item.unit,
            said_by=frame.said_by, date=frame.date, pattern=pattern,
        )
        for item in listed
        if item.token_start > after and not item.generic and is_item(sentence.tokens.doc, item, sentence.tokens.start)
    ]
