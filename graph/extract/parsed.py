"""A parsed sentence: its spaCy parse with the mentions indexed by parse token.

What the frame stage reads for one sentence; the discourse state and the claim builder both
take it, so it lives apart from either.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from graph.extract.mentions import SentenceMentions
from graph.model import Mention, Money
from graph.read.sentences import Sentence, char_span


@dataclass
class ParsedSentence:
    """A sentence with its parse and its mentions indexed by parse token."""

    sentence: Sentence
    parse: Doc
    mentions: SentenceMentions
    actors: dict[int, Mention]
    systems: dict[int, Mention]
    money: dict[int, Money]

    @classmethod
    def of(cls, sentence: Sentence, parse: Doc, mentions: SentenceMentions, demonyms: dict[str, str] | None = None) -> ParsedSentence:
        """Index the mentions by parse token; adjectives of nationality ("British") that modify
        a noun count as mentions of their state."""
        base = sentence.tokens.start
        actors = {i - base: m for m in mentions.actors for i in range(m.token_start, m.token_end)}
        for token in parse:
            state = (demonyms or {}).get(token.text)
            if state is not None and token.i not in actors and token.dep_ in ("amod", "compound", "nmod"):
                span = char_span(sentence, base + token.i, base + token.i + 1)
                actors[token.i] = Mention("actor", state, span, base + token.i, base + token.i + 1)
        systems = {i - base: m for m in mentions.systems for i in range(m.token_start, m.token_end)}
        money = {i - base: m for i, m in mentions.money}
        return cls(sentence, parse, mentions, actors, systems, money)
