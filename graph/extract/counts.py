"""Counts read off the words before an equipment mention: "17 Patriot", "two hundred and fifty
GMLRS rockets", "a dozen", "up to five", "an S-300".

Used by the mention stage (graph/extract/mentions.py); number words and multipliers are data in
`lexicon.yaml`.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from graph.extract.lexicon import Lexicon

_DECIMAL = re.compile(r"\d+\.\d+")  # "1.5" of "1.5 million"


class Counts:
    """Reads counts with the number words and multipliers of one lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def before(self, doc: Doc, start: int, lo: int) -> int | None:
        """A count right before a system: "17 Patriot", "two Patriot", "up to five", "a dozen",
        "two hundred and fifty"."""
        index = start - 1
        skipped = 0
        while index >= lo and skipped < 3:
            token = doc[index]
            value = self.number_at(doc, index, lo)
            decimal = value is None and _DECIMAL.fullmatch(token.text) is not None and index + 1 < start and doc[index + 1].lower_ in self.lexicon.multipliers
            if decimal:
                value = round(float(token.text) * self.lexicon.multipliers[doc[index + 1].lower_])  # "1.5 million rounds"
            if value is not None and index + 1 < start and doc[index + 1].lower_ in self.lexicon.calibre_words:
                index -= 1  # "105mm ammunition": a calibre, no count
                skipped += 1
                continue
            if value is not None:
                if any(self.lexicon.currency(doc[j].text) for j in range(index + 1, start)):
                    return None  # "400 million euros for ammunition": a sum, not a count
                if not decimal and (token.is_alpha or doc[index + 1].lower_ in self.lexicon.multipliers):
                    value = self._spelled(doc, index, lo, start) or value  # "three hundred and twenty thousand"
                if index > lo and doc[index - 1].text in self.lexicon.currencies:
                    return None
                return value
            if token.text == "-" and index > lo and not doc[index - 1].whitespace_ and not token.whitespace_:
                index -= 1  # the hyphen inside "shoulder-fired"
                continue
            if token.lower_ == "of" and index > lo and doc[index - 1].lower_ in self.lexicon.counted_in:
                index -= 2  # "36,000 rounds of 105mm ammunition": the count of rounds
                continue
            if not token.is_alpha or token.lower_ in ("and", "or", "of", "to", "for", "the", "with") and skipped:
                return None
            if token.lower_ in self.lexicon.multipliers:
                if index > lo and doc[index - 1].lower_ in ("a", "an"):
                    # "a thousand rounds", "half a million", "a quarter of a million"
                    return int(self.lexicon.multipliers[token.lower_] * self._fraction(doc, index - 2, lo))
                index -= 1
                continue
            skipped += 1
            index -= 1
        return None

    def _fraction(self, doc: Doc, index: int, lo: int) -> float:
        """The part of "a million" the words ending at `index` name: "half" (a million), "a
        quarter of" (a million); 1 for none."""
        if index >= lo and doc[index].lower_ == "of":
            index -= 1
        return self.lexicon.fractions.get(doc[index].lower_, 1.0) if index >= lo else 1.0

    def _spelled(self, doc: Doc, index: int, lo: int, end: int) -> int | None:
        """The number a run of number words around `index` (and before `end`) spells, read left to
        right: "two hundred and fifty", "three hundred and twenty thousand", "two thousand five
        hundred", "a hundred and ten"; digits may start it ("3 hundred")."""
        def part(i: int) -> bool:
            word = doc[i].lower_
            return word in self.lexicon.numbers or word in self.lexicon.multipliers or word == "hundred" or doc[i].text.replace(",", "").isdigit()

        first = index
        while first - 1 >= lo and (part(first - 1) or doc[first - 1].lower_ == "and" and first - 2 >= lo and part(first - 2)
                                   or doc[first - 1].lower_ == "a" and doc[first].lower_ in ("hundred", "thousand")):
            first -= 1
        last = index
        while last + 1 < end and (part(last + 1) or doc[last + 1].lower_ == "and" and last + 2 < end and part(last + 2)):
            last += 1
        total, current = 0, 0
        for token in doc[first:last + 1]:
            word = token.lower_
            if word == "and":
                continue
            if word == "a":
                current = 1
            elif word == "hundred":
                current = max(current, 1) * 100
            elif word in self.lexicon.multipliers:
                total += max(current, 1) * self.lexicon.multipliers[word]
                current = 0
            elif token.text.replace(",", "").isdigit():
                current += int(token.text.replace(",", ""))
            else:
                current += self.lexicon.numbers.get(word, 0)
        return total + current or None

    def number_at(self, doc: Doc, index: int, lo: int) -> int | None:
        """The number a token (or "a dozen") states, or None: "17", "1,000", "two", "a dozen"."""
        token = doc[index]
        text = token.text.replace(",", "")
        if text.isdigit():
            return int(text)
        lower = token.lower_
        if lower == "hundred" and index > lo and doc[index - 1].lower_ != "hundred" and (times := self.number_at(doc, index - 1, lo)) is not None:
            return times * 100  # "five hundred"
        if index > lo and f"{doc[index - 1].lower_} {lower}" in self.lexicon.numbers:
            return self.lexicon.numbers[f"{doc[index - 1].lower_} {lower}"]
        return self.lexicon.numbers.get(lower) if lower not in ("a",) else None


def single(doc: Doc, start: int, end: int, lo: int, hi: int) -> bool:
    """"an S-300", "an additional Patriot battery": one, when the head noun is singular."""
    index = start - 1
    while index >= lo and start - index <= 3 and doc[index].is_alpha and doc[index].lower_ not in ("a", "an"):
        if doc[index].is_title or doc[index].lower_ in ("and", "or", "of", "to", "for", "the", "with"):
            return False
        index -= 1
    if index < lo or doc[index].lower_ not in ("a", "an"):
        return False
    head = end
    while head < hi and head < end + 3 and doc[head].is_alpha and not doc[head].is_stop:
        head += 1
    # the head is the name itself ("an S-300", "a HIMARS") or a singular noun after it
    return head == end or not doc[head - 1].lower_.endswith("s")
