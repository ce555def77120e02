"""Shapes of a claim word's clause that decide how it is read: a passive, a participle that only
describes its noun, a sum as object, an item phrase that points back.

Pure predicates over spaCy tokens, used by the frame stage (graph/extract/claims.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from spacy.tokens import Token

from graph.extract.frames import Inventory
from graph.extract.lexicon import load_lexicon

# nouns of the hand-over itself: the subject of its own delay ("the handover has slipped"), and a
# word that can point back to the hand-over told before ("their shipment was pushed back")
HAND_OVER_NOUNS = frozenset({"handover", "hand-over", "delivery", "deliveries", "shipment", "transfer", "arrival"})
# the links inside an amount: "€" and "90" of "€90 million", "500,000" of "500,000 euros"
AMOUNT_LINKS = frozenset({"nummod", "quantmod", "compound", "nmod"})
_SHARE_WORDS = load_lexicon().share_words  # "paying for most of it" (lexicon.yaml)


def background(trigger: Token, inventory: Inventory) -> bool:
    """A participle on the subject of another claim verb ("tanks promised by Germany have been
    handed over", "the guns bought by Oslo arrived"): what the item was, not a claim of its own."""
    if trigger.dep_ != "acl" or trigger.tag_ != "VBN":
        return False
    noun = trigger.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        noun = noun.head.head  # "the last of the tanks promised by Washington were delivered"
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = noun.head
    return bool(inventory.frames_for(verb.lemma_.lower()))


def names_money(verb: Token, money: frozenset[int] | set[int]) -> bool:
    """True when the verb's object (or passive subject, or the object of "put in") is a sum the
    money finder read (`money`: parse indices of money mentions): "set aside €90 million", "has put
    in C$40 million", "spend 500,000 euros". Money further down the phrase is not the object:
    "added 40 launchers worth $400 million to the package" adds launchers."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [g for c in verb.children if c.dep_ in ("prt", "prep") and c.lower_ == "in" for g in c.children if g.dep_ == "pobj"]
    return any(t.i in money for o in objects for t in _number_words(o))


def _number_words(head: Token) -> list[Token]:
    """The head of a noun phrase and the words of its amount: "€", "90", "million" of "€90 million"."""
    found, stack = [head], [head]
    while stack:
        word = stack.pop()
        for child in word.children:
            if child.dep_ in AMOUNT_LINKS:
                found.append(child)
                stack.append(child)
    return found


def partitive_whole(word: Token) -> Token:
    """"most of it", "part of the bill", "half of them": the whole a share is taken from, which
    is what the share points back to; any other word is itself."""
    if word.lemma_.lower() not in _SHARE_WORDS:
        return word
    return next((g for c in word.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), word)


def refers_back(word: Token) -> bool:
    """"these weapons", "the costs of the weapons", "them": an item phrase that points back."""
    if word.lower_ in ("them", "it"):
        return True
    return any(t.dep_ == "det" and t.lower_ in ("these", "those", "the", "this", "that") for t in word.subtree)


def passive(verb: Token) -> bool:
    """A passive verb: "is being withheld", "would still be delivered", "were delayed by
    technical problems" (an agent that names an actor fills the role before this is asked), or
    one whose subject is the hand-over itself ("the handover has slipped to the summer")."""
    return any(c.dep_ == "auxpass" for c in verb.children) or any(
        c.dep_ == "nsubj" and c.lemma_.lower() in HAND_OVER_NOUNS for c in verb.children)


def continues_hand_over(verb: Token, systems: Mapping[int, object], more_words: frozenset[str]) -> bool:
    """"A further three launchers will follow": an active verb whose subject is counted or "more"
    equipment (`systems`: parse indices of system mentions) carries on a hand-over told before;
    "the Taurus decision follows months of debate" does not."""
    return not passive(verb) and any(
        s.dep_ == "nsubj" and any(t.i in systems for t in s.subtree)
        and any(c.dep_ == "nummod" or c.lower_ in more_words for c in s.children) for s in verb.children)


def stopped_by_a_cause(verb: Token, named: set[int], hand_over: Callable[[Token], bool]) -> bool:
    """"A veto held up the handover", "a court ruling stalled the transfer": a stopping verb whose
    subject is a cause, no actor or item (`named`: parse indices of mentions), and whose object is
    the hand-over told before (`hand_over`); whoever gives that hand-over is stopped."""
    return any(c.dep_ == "dobj" and hand_over(c) for c in verb.children) and any(
        c.dep_ == "nsubj" and c.pos_ == "NOUN" and not any(t.i in named for t in c.subtree) for c in verb.children)
