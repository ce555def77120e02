"""What a package is worth, told in a sentence of its own.

News often names a package in one sentence and its value in the next: "Rome announced a new
aid package for Kyiv on Monday. The package is worth about 300 million euros." or "It is valued
at $250 million." The second sentence has no claim verb; its amount belongs to the package told
before. This stage reads the construction from the parse: an amount of money that hangs on a
valuation word (`valuation.words` in frames.yaml: "worth", "valued", "totals" ...) whose subject,
or the noun it modifies ("the package, valued at ..."), is a package noun or a pronoun
(`valuation.subjects`); or an item told before that "is part of a $1.85 billion package" (not
"nor were they part of"). The amount then goes to the last pledge or delivery of unnamed aid
without a value, or, when the article has named only items so far, becomes the pledge of aid
with that value by their provider, or by the payer of the last payment when nothing was given.
A running total ("its support since 2022 amounts to", "the aid it has sent so far totals") is
no package's value.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from graph.extract.clause_shapes import AMOUNT_LINKS
from graph.extract.lexicon import load_lexicon
from graph.extract.parsed import ParsedSentence
from graph.model import Claim, ClaimKind, Money

_GIVING = (ClaimKind.PLEDGE, ClaimKind.DELIVERY)
_AMOUNT_RELATIONS = AMOUNT_LINKS | {"amod"}  # "a $1.85 billion package": from the amount to the noun it prices
_AID_NOUNS = load_lexicon().aid_as_a_whole  # "the aid it has sent so far totals" (lexicon.yaml)
_DENIALS = load_lexicon().denial_words  # "nor were they part of" (lexicon.yaml)
_UP_TO_THE_WORD = 5  # "valued at [about] [$] 300 million euros": steps from the amount to its valuation word


def stated_value(parsed: ParsedSentence, words: frozenset[str], subjects: frozenset[str], civil: frozenset[str]) -> Money | None:
    """The amount the sentence says a package is worth, or None. A package described by a `civil`
    word ("its economic support, worth $12 billion") is out of scope."""
    for index, money in sorted(parsed.money.items()):
        if money.value is None:
            continue
        word = parsed.parse[index]
        for _ in range(_UP_TO_THE_WORD + 1):
            if word.lower_ in words or word.lemma_.lower() in words:
                valued = _valued_noun(word, subjects)
                if valued is not None and not any(t.lower_ in civil for t in valued.subtree):
                    return money
                break
            if word.head.i == word.i:
                break
            word = word.head
    return None


def part_of_package(parsed: ParsedSentence, subjects: frozenset[str]) -> Money | None:
    """"The battery is part of a $1.85 billion package": the amount of the package that an item
    told before is part of, or None."""
    for index, money in sorted(parsed.money.items()):
        if money.value is None:
            continue
        word = parsed.parse[index]
        while word.dep_ in _AMOUNT_RELATIONS and word.head.i != word.i:
            word = word.head  # from the amount to the noun it prices
        if (word.lemma_.lower() in subjects and word.dep_ == "pobj" and word.head.lower_ == "of"
                and word.head.head.lemma_.lower() == "part"):
            verb = word.head.head.head  # "nor were they part of the tranche": not of it
            return None if any(c.dep_ == "neg" or c.lower_ in _DENIALS for c in verb.children) else money
    return None


def tells_running_total(parsed: ParsedSentence, words: frozenset[str]) -> bool:
    """True when the sentence's main clause says its amount is a running total: "its support
    since 2022 amounts to ...", "the aid so far totals ...". A running-total word inside another
    clause does not count ("the package, the largest Sweden has provided so far, is worth ..."
    still values one package) unless the clause describes aid as a whole ("the aid it has sent so
    far totals ...")."""
    for word in parsed.parse:
        if word.lower_ not in words:
            continue
        clause = word.head
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head
        if clause.head.i == clause.i:  # (spaCy makes a new Token on each access: compare indices)
            return True
        if clause.dep_ in ("relcl", "acl") and clause.head.lemma_.lower() in _AID_NOUNS:
            return True  # "the aid it has sent so far totals ...": all the aid, not one package
    return False


def _valued_noun(word: Token, subjects: frozenset[str]) -> Token | None:
    """"The package is worth", "It totals", "the tranche, valued at": the valued thing, when it
    is a package noun or a pronoun standing for one."""
    if word.dep_ in ("acl", "amod", "appos") and word.head.lemma_.lower() in subjects:
        return word.head
    verb = word.head if word.dep_ in ("acomp", "attr", "prep", "xcomp", "advmod", "oprd") else word
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        # "The package, which is the largest Sweden has sent, is worth ...": the parser may hang
        # the subject on a clause it takes for a complement standing before the verb, where no
        # complement stands
        subject = next((g for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i
                        for g in c.children if g.dep_ in ("nsubj", "nsubjpass") and g.i < c.i), None)
    return subject if subject is not None and (subject.lower_ in subjects or subject.lemma_.lower() in subjects) else None


def valued_package(claims: list[Claim], money: Money, parsed: ParsedSentence, aid: str) -> Claim | None:
    """Put `money` on the package told before. Updates `claims` in place when an earlier claim of
    unnamed aid takes the value; returns a new claim of aid when only named items came before."""
    span = parsed.sentence.span
    valued = {"value": money.value, "currency": money.currency, "unit": money.currency, "quantity": None}
    for index in range(len(claims) - 1, -1, -1):
        claim = claims[index]
        if claim.system == aid and claim.kind in _GIVING and claim.value is None:
            claims[index] = replace(claim, funder=claim.funder or claim.provider, evidence=(*claim.evidence, span), **valued)
            return None
    source = next((c for c in reversed(claims) if c.kind in _GIVING and c.provider is not None), None)
    if source is None:
        # "Berlin will pay for drones built in Ukraine, part of a new package worth 5 billion
        # euros": the payer's package of aid, promised
        paid = next((c for c in reversed(claims) if c.kind is ClaimKind.FUNDING and c.funder is not None), None)
        source = replace(paid, kind=ClaimKind.PLEDGE, provider=paid.funder) if paid is not None else None
    if source is None or any(c.system == aid and c.kind is source.kind and c.provider == source.provider for c in claims):
        return None  # nothing to value, or that provider's aid already has its value
    return Claim(article_id=source.article_id, kind=source.kind, system=aid, evidence=(span,), recipient=source.recipient,
                 provider=source.provider, funder=source.provider, said_by=source.said_by, date=source.date,
                 pattern="valuation", **valued)
