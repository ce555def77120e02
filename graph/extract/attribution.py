"""Attribution: whom the article says a claim comes from.

In order: the subject of a speech verb that governs the claim's clause ("Scholz said Germany
would send", "Germany will send ..., Scholz said", "..., said Scholz"); the source of
"according to X"; the source a reporter cites ("RBC-Ukraine, citing Der Spiegel, reported": Der
Spiegel). The caller adds the fallbacks that need the article (a person who is the subject of a
public act, the author of a signed statement).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from graph.extract.frames import Inventory
from graph.extract.grammar import hypothetical, subject


@dataclass(frozen=True)
class Source:
    """The word naming who said it, and whether it was cited by another source."""

    word: Token
    cited: bool = False


def speech_source(trigger: Token, inventory: Inventory) -> Source | None:
    """The subject of the nearest speech verb above `trigger`, or of one attached to its root.

    A speech verb above the trigger reports it, whatever the path ("told parliament in a letter
    that it would ship": the parser may hang the clause on "letter"), unless the trigger is in
    the speech verb's own subject.

    "Germany will send tanks, Scholz said": spaCy makes "said" the root with the claim as its
    clausal complement (or hangs a trailing "..., outlets reported" on the root as a conjunct); "Scholz said that ..." the same; "according to Scholz" is a preposition
    anywhere in the sentence.
    """
    word = trigger
    for _ in range(10):
        if word.head.i == word.i:
            break
        arrived_by = word.dep_
        word = word.head
        if _is_speech(word, inventory) and arrived_by not in ("nsubj", "nsubjpass", "csubj"):
            found = _speaker(word)
            if found is not None:
                return found
    root = trigger.sent.root
    for child in root.children:
        if child.dep_ in ("parataxis", "advcl", "ccomp", "conj") and _is_speech(child, inventory) and child.i > trigger.i and not hypothetical(child):
            found = _speaker(child)
            if found is not None:
                return found
    return according_to(trigger.doc, trigger.sent.start, trigger.sent.end)


def according_to(doc: Doc, start: int, end: int) -> Source | None:
    """The object of "according to" in tokens [start, end)."""
    for token in doc[start:end]:
        if token.lower_ == "according" and token.i + 1 < end and doc[token.i + 1].lower_ == "to":
            objects = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"]
            if objects:
                return Source(objects[0])
    return None


def _is_speech(word: Token, inventory: Inventory) -> bool:
    return word.pos_ in ("VERB", "AUX") and word.lemma_.lower() in inventory.speech_verbs


def _speaker(verb: Token) -> Source | None:
    """The subject of a speech verb, or the source it cites ("citing Der Spiegel")."""
    for child in verb.children:
        if child.dep_ == "advcl" and child.lower_ in ("citing", "quoting"):
            cited = next((g for g in child.children if g.dep_ == "dobj"), None)
            if cited is not None and cited.pos_ == "PROPN":
                return Source(cited, cited=True)
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return Source(child)
    controller = subject(verb)  # "Anand used a trip to Kyiv to announce that ...": who announced
    return Source(controller) if controller is not None else None
