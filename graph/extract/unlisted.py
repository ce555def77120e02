"""Names the reference vocabulary lacks: kept, marked for review, never dropped.

An analyst reads "four counter-mortar radar systems", "Defence Minister Hanna Berg" or "the
Baltic Procurement Agency" and knows what they are even when nobody has listed them yet. The
extractor does the same with three shallow patterns (words in `lexicon.yaml`):

- **systems**: a run of modifier words ending in an equipment head noun ("electronic warfare
  detection systems", "125mm tank ammunition", "Unmanned Coastal Defense Vessels"), including
  a vocabulary category with modifiers the vocabulary does not know ("Tactical Unmanned Aerial
  Systems" is not just "unmanned aerial systems");
- **persons**: a person's title followed by capitalised words ("Defence Minister Hanna Berg");
- **organisations**: capitalised words ending in an organisation head ("Baltic Procurement
  Agency", "Rheinmetall AG").

Each gets a deterministic IRI under `id/unlisted/` from its kind and lower-cased words, so the
same name in two articles is one node. The claims that use one are recorded and carry
`pg:needsReview`; `pledgegraph review` lists the names with counts and evidence, and
`pledgegraph vocabulary add` makes them known.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from graph.extract.lexicon import Lexicon
from graph.read.sentences import lower_words, token_texts

_SUBJECT_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "it", "they", "who"})
# hyphenated designations, spaCy keeps some as one token: "T-72", "BMP-1", "MiG-29", "F-16C"
HYPHEN_MODEL = re.compile(r"[A-Z][A-Za-z]{0,3}-\d{1,4}[A-Za-z]{0,2}")  # "AMX-10RC" too
# a model designation inside an equipment phrase: "CV90", "M777", or a hyphenated one
_MODEL_NAME = re.compile(rf"[A-Z]{{1,4}}\d{{1,4}}[A-Za-z]?|{HYPHEN_MODEL.pattern}")


def _text(doc: Doc, start: int, end: int) -> str:
    return re.sub(r"\s+", " ", doc[start:end].text.replace("\u00a0", " ")).strip()


def wording(doc: Doc, start: int, end: int) -> str:
    """The lower-case words of a token range, with hyphens and "125mm" kept tight: an item's label."""
    return re.sub(r"\s*-\s*(?=\w)", "-", _text(doc, start, end).lower())


class UnlistedFinder:
    """The three patterns, bound to the lexicon's word lists."""

    def __init__(self, lexicon: Lexicon, demonyms: frozenset[str] = frozenset()) -> None:
        # verbs never modify equipment: "capabilities include artillery systems"
        self.verbs = lexicon.stop_words | lexicon.non_modifier_verbs
        self.heads = lexicon.equipment_heads
        self.bare_heads = lexicon.equipment_bare_heads
        self.non_modifiers = lexicon.non_modifiers
        self.person_titles = lexicon.person_titles
        self._titles_by_first: dict[str, list[list[str]]] = {}
        for title in self.person_titles:
            self._titles_by_first.setdefault(title.split()[0], []).append(title.split())
        self.organisation_heads = lexicon.organisation_heads
        self.demonyms = demonyms  # "the Dutch aircraft": whose they are, not what they are called

    # ------------------------------------------------------------------ systems
    def is_head(self, word: str) -> bool:
        return word.lower() in self.heads

    def modifiers_before(self, doc: Doc, head: int, lo: int, covered: frozenset[int] | set[int] = frozenset()) -> int:
        """The first token of the modifier run that ends right before `head` (== head: none).

        Modifiers are words that are neither stop words, numbers, vague words ("additional",
        "other") nor heads of their own, joined by hyphens ("counter-mortar"). "X and Y radars"
        with no comma before "and" is one category sharing its head.
        """
        start = head
        index = head - 1
        while index >= lo and index not in covered:
            token = doc[index]
            lower = token.lower_
            if token.text in ("-", "/") and self._hyphen_joins(doc, index, lo):
                index -= 1  # "counter-mortar", "air-to-ground", "F/A-18": the mark joins two words
                continue
            if token.is_stop and index + 1 < len(doc) and doc[index + 1].text == "-" and self._hyphen_joins(doc, index + 1, lo) and doc[index - 1].text == "-":
                index -= 1  # the "to" of "air-to-ground"
                continue
            if lower == "mm" and index - 1 >= lo and doc[index - 1].like_num:
                start = index - 1  # "125mm tank ammunition"
                index -= 2
                continue
            if lower == "and":
                # "counter-artillery and counter-unmanned ... radars", "grenade launcher and mortar
                # rounds": the first conjunct shares the head when it has none of its own
                if start < head and index - 1 >= lo and index - 1 not in covered and self._shares_head(doc, index - 1, lo):
                    index -= 1
                    continue
                break
            model = _MODEL_NAME.fullmatch(token.text) is not None  # "CV90", "M777"
            if not (token.is_alpha or model) or self._stop(token):
                break
            start = index
            index -= 1
        # a run must not start with a hyphen or "and", nor with a hyphenated word that does not
        # name the equipment ("shoulder-fired anti-tank weapons" are anti-tank weapons)
        while start < head:
            if start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ and not doc[start - 2].whitespace_:
                start += 1  # "Latvian-led drones", "US-made radars": the rest of a word whose first part is no modifier
                continue
            if doc[start].text == "-" or doc[start].lower_ == "and":
                start += 1
                continue
            end = start
            while end + 1 < head and not doc[end].whitespace_:
                end += 1  # the whole of a word written with hyphens
            if end > start and doc[start:end + 1].text.lower() in self.non_modifiers:
                start = end + 1
                continue
            break
        return start

    def _stop(self, token) -> bool:
        lower = token.lower_
        # "anti-ship": the second part of a hyphenated compound is no verb
        compound = token.i > 0 and token.doc[token.i - 1].text == "-" and not token.doc[token.i - 1].whitespace_
        verb = lower in self.verbs and not compound
        # after a subject pronoun a word is a verb: "it discourages cluster munitions"
        verb = verb or token.i > 0 and token.doc[token.i - 1].lower_ in _SUBJECT_PRONOUNS
        return token.is_stop or token.text in self.demonyms or lower in self.non_modifiers or verb or token.like_num or lower.endswith("ly")

    @staticmethod
    def _hyphen_joins(doc: Doc, index: int, lo: int) -> bool:
        """True when the "-" at `index` is written tight between two words."""
        return index - 1 >= lo and index + 1 < len(doc) and not doc[index - 1].whitespace_ and not doc[index].whitespace_ and doc[index - 1].is_alpha

    def _shares_head(self, doc: Doc, last: int, lo: int) -> bool:
        """True when the conjunct ending at `last`, before "and", borrows the head after it.

        "counter-artillery and ...": a hyphenated compound; "grenade launcher and ...": a
        singular head used as a modifier; any word that is no head at all.
        """
        token = doc[last]
        if not token.is_alpha or self._stop(token):
            return False
        if not self.is_head(token.lower_):
            return True
        hyphenated = last - 1 >= lo and doc[last - 1].text == "-" and not doc[last - 1].whitespace_
        countable_singular = f"{token.lower_}s" in self.heads  # "launcher", not "ammunition"
        return hyphenated or countable_singular and last - 1 >= lo and doc[last - 1].is_alpha and not self._stop(doc[last - 1])

    def _continues(self, doc: Doc, index: int, hi: int) -> bool:
        """True when the head at `index` modifies a later word ("system tracking radars", "drone attacks")."""
        following = index + 1
        if following >= hi:
            return False
        token = doc[following]
        if token.lower_ == "and" and self._shares_head(doc, index, 0):
            return any(self.is_head(doc[j].lower_) for j in range(following + 1, min(following + 7, hi)))
        if token.text == "-" and not token.whitespace_:
            return True
        return token.is_alpha and not self._stop(token) and not token.is_title and (
            not doc[index].lower_.endswith("s") or any(self.is_head(doc[j].lower_) for j in range(following, min(following + 2, hi)))
        )

    def systems(self, doc: Doc, lo: int, hi: int, covered: set[int], extra_heads: set[int] = frozenset()) -> list[tuple[int, int, str]]:
        """(start, end, label) of equipment phrases outside `covered` (the vocabulary's names).

        `extra_heads` are token indices that end a vocabulary category ("air defense"), so
        "longer-range air defense" is found as a phrase too.
        """
        found: list[tuple[int, int, str]] = []
        lowered = lower_words(doc)
        index = lo
        while index < hi:
            lower = lowered[index]
            head_end = index + 1
            if not (self.is_head(lower) or index in extra_heads) or index in covered:
                index += 1
                continue
            if self._continues(doc, index, hi):
                index += 1
                continue
            start = self.modifiers_before(doc, index, lo, covered)
            definite = start == index and index > lo and doc[index - 1].lower_ in ("the", "these", "those", "its", "their")
            if start < head_end - 1 or lower in self.bare_heads and not definite:  # "the missiles" refers back
                found.append((start, head_end, wording(doc, start, head_end)))
            index = head_end
        return found

    # ------------------------------------------------------------------ actors
    def persons(self, doc: Doc, lo: int, hi: int, covered: set[int]) -> list[tuple[int, int, str]]:
        """"Defence Minister Hanna Berg": a title, then two or three capitalised words."""
        found = []
        lowered = lower_words(doc)[lo:hi]  # titles looked up by first word
        for offset, first in enumerate(lowered):
            for words in self._titles_by_first.get(first, ()):
                index = lo + offset
                if index >= hi - len(words) or lowered[offset:offset + len(words)] != words:
                    continue
                start = index + len(words)
                end = start
                while end < hi and end - start < 3 and doc[end].is_title and doc[end].is_alpha and end not in covered:
                    end += 1
                if end - start >= 2 and not any(i in covered for i in range(start, end)):
                    found.append((start, end, _text(doc, start, end)))
        return _longest(found)

    def organisations(self, doc: Doc, lo: int, hi: int, covered: set[int]) -> list[tuple[int, int, str]]:
        """"Baltic Procurement Agency": capitalised words ending in an organisation head."""
        found = []
        texts = token_texts(doc)
        for index in range(lo, hi):
            if texts[index] not in self.organisation_heads or index in covered:
                continue
            start = index
            while start - 1 >= lo and start - 1 not in covered and (doc[start - 1].is_title or doc[start - 1].is_upper) and doc[start - 1].is_alpha:
                start -= 1
            # a sentence-initial "The" is not part of the name
            while start < index and doc[start].lower_ == "the":
                start += 1
            if index - start >= 1:
                found.append((start, index + 1, _text(doc, start, index + 1)))
        return found


def _longest(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    chosen: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if not chosen or span[0] >= chosen[-1][1]:
            chosen.append(span)
    return chosen
