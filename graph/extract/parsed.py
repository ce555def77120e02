"""A parsed sentence: its spaCy parse with the mentions indexed by parse token.

What the frame stage reads for one sentence; the discourse state and the claim builder both
take it, so it lives apart from either.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.attrs import DEP, ORTH, TAG
from spacy.tokens import Doc

from graph.extract.lexicon import load_lexicon
from graph.extract.mentions import SentenceMentions
from graph.extract.unlisted import wording
from graph.iris import unlisted_iri
from graph.model import Mention, Money
from graph.read.sentences import Sentence, char_span, token_strings

_NOUN_ROLES = frozenset({"pobj", "dobj", "nsubj", "nsubjpass", "dative"})  # where a nationality word is a noun
_MAKING_VERBS = load_lexicon().making_verbs  # "American-built jets": the maker (lexicon.yaml)


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
        a noun, plural nouns of nationality ("the Americans") and "the Dutch", "the British" as
        nouns count as mentions of their state."""
        base = sentence.tokens.start
        mentions.systems[:] = [_without_verbs(m, sentence, parse) for m in mentions.systems]
        actors = {i - base: m for m in mentions.actors for i in range(m.token_start, m.token_end)}
        texts, tags, deps = token_strings(parse, ORTH), token_strings(parse, TAG), token_strings(parse, DEP)
        for i, text in enumerate(texts):
            state = (demonyms or {}).get(text)
            described = state is not None and deps[i] in ("amod", "compound", "nmod")  # "British tanks"
            # "American-supplied launchers": the adjective hyphened to a participle
            described = described or state is not None and i + 2 < len(texts) and texts[i + 1] == "-" and tags[i + 2] == "VBN"
            # "the Dutch will send", "the British have delivered": the people of a state as a noun
            described = described or state is not None and i > 0 and texts[i - 1].lower() == "the" and deps[i] in _NOUN_ROLES
            if state is None and text.endswith("s") and tags[i] == "NNPS":
                state = (demonyms or {}).get(text[:-1])  # "gave its jets to the Americans"
                described = state is not None and deps[i] in _NOUN_ROLES
            if described and i + 2 < len(texts) and texts[i + 1] == "-" and parse[i + 2].lemma_.lower() in _MAKING_VERBS:
                described = False  # "American-made missiles" the Baltic states send: who made them, not who gives them
            if described and i not in actors:
                span = char_span(sentence, base + i, base + i + 1)
                actors[i] = Mention("actor", state, span, base + i, base + i + 1)
        systems = {i - base: m for m in mentions.systems for i in range(m.token_start, m.token_end)}
        money = {i - base: m for i, m in mentions.money}
        return cls(sentence, parse, mentions, actors, systems, money)


def _without_verbs(mention: Mention, sentence: Sentence, parse: Doc) -> Mention:
    """An unlisted name the word lists let start with a verb ("discourages cluster munitions",
    "listing rocket launchers"): the parse says where the noun phrase starts."""
    if not mention.unlisted:
        return mention
    base = sentence.tokens.start
    start, end = mention.token_start - base, mention.token_end - base
    cut = start
    for index in range(start, end - 1):
        token = parse[index]
        if token.tag_ in ("VBZ", "VBD", "VBP", "MD") or token.tag_ == "VBG" and token.dep_ not in ("amod", "compound", "nmod"):
            cut = index + 1
    if cut == start:
        return mention
    label = wording(parse, cut, end)
    return replace(mention, iri=unlisted_iri("system", label), label=label, token_start=base + cut,
                   span=char_span(sentence, base + cut, base + end))
