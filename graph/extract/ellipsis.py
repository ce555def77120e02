"""Ellipsis: a claim repeated for another actor with another count.

"Germany will pay for two systems, Norway for one", "Denmark has promised 19 jets and the
Netherlands 24": after the full clause, an actor followed by a number (or "for" and a number)
takes the claim again with that actor and count.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from graph.extract.parsed import ParsedSentence
from graph.model import Claim, ClaimKind
from graph.vocabulary import Vocabulary


def ellipsis_claims(parsed: ParsedSentence, trigger: Token, claim: Claim, vocabulary: Vocabulary, ukraine: str | None) -> list[Claim]:
    """"Germany will pay for two systems, Norway for one": the claim again for another
    actor with another count, from an actor followed by a number (or "for" and one) after the item."""
    doc = parsed.parse
    repeated = []
    base = parsed.sentence.tokens.start
    seen: set[int] = set()
    for token in trigger.subtree:
        mention = parsed.actors.get(token.i)
        if mention is None or id(mention) in seen or mention.iri == ukraine:
            continue
        seen.add(id(mention))
        before = mention.token_start - base - 1
        if before >= 0 and doc[before].lower_ == "the":
            before -= 1  # "and the Netherlands 24"
        if before < 0 or doc[before].lower_ not in (",", "and"):
            continue
        after = mention.token_end - base
        if after < len(doc) and doc[after].lower_ == "for":
            after += 1  # "Norway for one"
        number = _number(doc[after]) if after < len(doc) else None
        if number is None or after + 1 < len(doc) and doc[after + 1].is_alpha and doc[after + 1].lower_ not in ("and", "or"):
            continue
        actor = vocabulary.acting_state(mention.iri)
        role = {"funder": actor} if claim.kind is ClaimKind.FUNDING else {"provider": actor}
        repeated.append(replace(claim, quantity=number, pattern="ellipsis", **role))
    return repeated


def _number(token: Token) -> int | None:
    """"one", "two", "3": a small count."""
    words = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
    text = token.text.replace(",", "")
    return int(text) if text.isdigit() else words.get(token.lower_)
