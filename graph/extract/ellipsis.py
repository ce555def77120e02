"""Ellipsis: a claim repeated for another actor with another count.

"Germany will pay for two systems, Norway for one": after the full clause, an actor followed by
"for" and a number takes the claim again with that actor and count.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from graph.extract.parsed import ParsedSentence
from graph.model import Claim, ClaimKind
from graph.vocabulary import Vocabulary


def ellipsis_claims(parsed: ParsedSentence, trigger: Token, claim: Claim, vocabulary: Vocabulary, ukraine: str | None) -> list[Claim]:
    """"Germany will pay for two systems, Norway for one": the claim again for another
    actor with another count, from an actor followed by "for" and a number after the item."""
    doc = parsed.parse
    repeated = []
    for token in trigger.subtree:
        mention = parsed.actors.get(token.i)
        if mention is None or token.i == 0 or doc[token.i - 1].lower_ not in (",", "and") or mention.iri == ukraine:
            continue
        after = mention.token_end - parsed.sentence.tokens.start
        if after + 1 >= len(doc) or doc[after].lower_ != "for":
            continue
        number = _number(doc[after + 1])
        if number is None or after + 2 < len(doc) and doc[after + 2].is_alpha and doc[after + 2].lower_ not in ("and", "or"):
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
