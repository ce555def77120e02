"""Money in a sentence: "$300 million", "€1.2bn", "SEK 4.3 billion", "1.3 billion kroner", "A$50m".

The currency words, signs and codes are data (`currencies` in lexicon.yaml); the pattern is built
from them once. "kroner" and "kronor" name several states' currencies: they are read as "KR"
and the claim stage settles which from the paying state (`state_currency`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from graph.extract.lexicon import Lexicon
from graph.model import Claim, ClaimKind, Money
from graph.read.sentences import Sentence
from graph.vocabulary import Vocabulary

# "1,500", "2.5", and thousands grouped by spaces as Nordic and French texts write them: "750 000"
_NUMBER = r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,])|\d[\d,]*(?:\.\d+)?"
_MULTIPLIER = r"thousand|million|billion|trillion|bn|mn|m|b"
_SHORT_MULT = {"m": "million", "b": "billion", "mn": "million", "bn": "billion"}
# What every match of MoneyFinder.pattern holds, searched first because the pattern is slow
# (~70 us a sentence) and most sentences hold no amount: a digit, or "-illions" of a vague
# amount. A branch of the pattern without either needs its word here.
_MONEY_HINT = re.compile(r"\d|illion", re.IGNORECASE)
AMBIGUOUS = "KR"  # kroner, kronor: Danish, Norwegian or Swedish, by who pays


class MoneyFinder:
    """Finds amounts of money, with the currency words of one lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        currencies = sorted(lexicon.currencies, key=len, reverse=True)
        signs = "|".join(re.escape(c) for c in currencies if not c.isalpha())
        words = "|".join(re.escape(c) for c in currencies if c.isalpha())
        fractions = "|".join(re.escape(f) for f in lexicon.fractions)
        number_words = "|".join(re.escape(n) for n in sorted(lexicon.numbers, key=len, reverse=True) if n.isalpha())
        self.pattern = re.compile(
            rf"(?P<sign>{signs})\s?(?P<num>{_NUMBER})\s*(?P<mult>{_MULTIPLIER})?\b"
            rf"|\b(?P<code>{words})\s(?P<num3>{_NUMBER})\s*(?P<mult3>{_MULTIPLIER})?\b"
            rf"|(?P<num2>{_NUMBER})\s*(?P<mult2>{_MULTIPLIER})?\s*(?P<word>{words})\b"
            # "a billion euros", "half a billion dollars", "a quarter of a million pounds"
            rf"|\b(?:(?:a\s+)?(?P<frac>{fractions or 'half'})\s+(?:of\s+)?)?an?\s+(?P<mult4>thousand|million|billion|trillion)\s+(?:US\s+)?(?P<word4>{words})\b"
            # "five billion euros", "two million dollars"
            # ("twenty-five billion", "two hundred million": the number words together)
            rf"|(?<![\w-])(?P<wnum>(?:{number_words or '(?!)'})(?:[-\s](?:{number_words or '(?!)'}))?)\s+"
            rf"(?P<mult5>thousand|million|billion|trillion)\s+(?:US\s+)?(?P<word5>{words})\b"
            rf"|(?P<vague>(?:billions|millions|hundreds of millions|tens of billions|tens of millions)\s+(?:of\s+)?(?:US\s+)?(?P<vword>{words}))",
            re.IGNORECASE,
        )

    def _number_in_words(self, words: str) -> int:
        """"five" 5, "twenty-five" 25, "two hundred" 200."""
        first, *rest = re.split(r"[-\s]+", words.lower())
        value = self.lexicon.numbers[first]
        for part in rest:
            value = value * 100 if part == "hundred" else value + self.lexicon.numbers[part]
        return value

    def currency(self, word: str) -> str | None:
        return self.lexicon.currency(word)

    def find(self, sentence: Sentence, token_at) -> list[tuple[int, Money]]:
        """(token index, Money) for each amount in the sentence; `token_at` maps a character
        offset of the sentence to its token."""
        result = []
        if not _MONEY_HINT.search(sentence.span.text):
            return result
        for match in self.pattern.finditer(sentence.span.text):
            start = sentence.span.start + match.start()
            span = type(sentence.span)(sentence.span.article_id, start, sentence.span.start + match.end(), match.group(0))
            token = token_at(sentence, match.start())
            if match.group("vague"):
                result.append((token, Money(None, self.currency(match.group("vword")), span)))
                continue
            if match.group("mult5"):
                amount = self._number_in_words(match.group("wnum")) * self.lexicon.multipliers[match.group("mult5").lower()]
                result.append((token, Money(int(amount), self.currency(match.group("word5")), span)))
                continue
            if match.group("mult4"):
                part = self.lexicon.fractions.get(match.group("frac").lower(), 1.0) if match.group("frac") else 1.0
                amount = part * self.lexicon.multipliers[match.group("mult4").lower()]
                result.append((token, Money(int(round(amount)), self.currency(match.group("word4")), span)))
                continue
            groups = next((g for g in (("sign", "num", "mult"), ("code", "num3", "mult3"), ("word", "num2", "mult2")) if match.group(g[0])))
            word, number, multiplier = (match.group(g) for g in groups)
            amount = float(re.sub(r"[,\s\u00a0\u202f]", "", number))
            if multiplier:
                amount *= self.lexicon.multipliers[_SHORT_MULT.get(multiplier.lower(), multiplier.lower())]
            result.append((token, Money(int(round(amount)), self.currency(word), span)))
        return result


def settle_crowns(claim: Claim, vocabulary: Vocabulary, crowns: dict[str, str]) -> Claim:
    """"1.3 billion kroner" paid by Denmark is DKK: the crown of the paying (else giving) state;
    a crown no named state settles keeps no currency."""
    if AMBIGUOUS not in (claim.currency, claim.unit):
        return claim
    payer = claim.funder or claim.provider
    code = crowns.get(vocabulary.label(vocabulary.acting_state(payer))) if payer else None
    return replace(claim, currency=code if claim.currency == AMBIGUOUS else claim.currency,
                   unit=code if claim.unit == AMBIGUOUS else claim.unit)


def with_money(claim: Claim, money: Money | None, vocabulary: Vocabulary) -> Claim:
    """Money goes to generic aid claims; a known figure makes the provider its funder too."""
    if money is None or vocabulary.system_classes.get(claim.system, "").rsplit("#", 1)[-1] != "MilitaryAid":
        return claim
    funder = claim.funder
    if money.value is not None and funder is None and claim.kind is not ClaimKind.REQUEST:
        funder = claim.provider
    return replace(
        claim, unit=money.currency, quantity=None, value=money.value,
        currency=money.currency if money.value is not None else None, funder=funder,
    )
