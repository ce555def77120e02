"""Finding mentions in a sentence: actors, systems (with quantity and unit), money and dates.

Actors and systems come from the reference vocabulary through spaCy's PhraseMatcher (actors
case-sensitively, systems case-insensitively; the longest match wins). Quantities are read from
the words before a system, units from its head noun, money from currency signs and words, and
dates with dateparser relative to the publication date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple, TypeVar

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from graph.extract.counts import Counts, single
from graph.extract.dates import plain_date
from graph.extract.frames import inventory
from graph.extract.item_phrases import without_spelled_out
from graph.extract.lexicon import Lexicon, load_lexicon
from graph.extract.model_names import (
    listed_variant,
    model_name,
    modifiers_between,
    variant_end,
    with_model,
)
from graph.extract.money import MoneyFinder
from graph.extract.unlisted import UnlistedFinder, wording
from graph.iris import unlisted_iri
from graph.model import ActorType, Mention, Money
from graph.namespaces import PG
from graph.read.sentences import Sentence, char_span, lower_words, nlp
from graph.vocabulary import ActorAlias, SystemAlias, Vocabulary

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_DAY_DATE = re.compile(
    rf"\b(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})(?:,?\s+\d{{4}})?"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|(?:last\s+|on\s+|this\s+past\s+)(?:{_WEEKDAYS})|today|yesterday)\b",
    re.IGNORECASE,
)
# What every match of _DAY_DATE holds in an ASCII sentence, searched first as the pattern is slow:
# a month name begins with one of these, weekdays, "today" and "yesterday" end in "day", and an
# ISO date has a digit before a hyphen. A new form in _DAY_DATE needs its word here.
_DATE_HINT = re.compile("jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|day")
_ISO_HINT = re.compile(r"\d-")
AliasT = TypeVar("AliasT", ActorAlias, SystemAlias)
PRONOUNS = frozenset({"he", "she", "they", "we", "i", "his", "her", "their", "our", "my"})


class _Match(NamedTuple):
    """A phrase match, for spaCy's filter_spans: a Span costs ~10 us to make and label."""

    start: int
    end: int
    label_: str


@dataclass
class SentenceMentions:
    """What one sentence mentions. Token indices are indices into the sentence's paragraph Doc."""

    actors: list[Mention] = field(default_factory=list)
    systems: list[Mention] = field(default_factory=list)
    money: list[tuple[int, Money]] = field(default_factory=list)  # (token index, money)
    # "the systems", "three more systems": (start, end, unit, a new count or None)
    references: list[tuple[int, int, str | None, int | None]] = field(default_factory=list)
    dates: list[tuple[int, date]] = field(default_factory=list)  # (token index, date)


class MentionFinder:
    """Recognises vocabulary mentions; build once per vocabulary and reuse for every article."""

    def __init__(self, vocabulary: Vocabulary, lexicon: Lexicon | None = None) -> None:
        self.vocabulary = vocabulary
        self.lexicon = lexicon or load_lexicon()
        self._actor_matcher, self._actor_aliases = _alias_matcher("actor", "ORTH", vocabulary.actor_aliases)
        self._system_matcher, self._system_aliases = _alias_matcher("system", "LOWER", vocabulary.system_aliases)
        self.money = MoneyFinder(self.lexicon)
        self.counts = Counts(self.lexicon)
        self.unlisted = UnlistedFinder(self.lexicon, frozenset(inventory().demonyms))
        self._generic_words = frozenset(alias.text.lower() for alias in vocabulary.system_aliases if alias.generic)

    def find(self, sentence: Sentence, published: date | None) -> SentenceMentions:
        """All mentions of one sentence; role labels resolve to their holder on `published`."""
        doc = sentence.tokens.doc
        lo, hi = sentence.tokens.start, sentence.tokens.end
        found = SentenceMentions()
        listed = self._systems(doc, lo, hi)
        listed_tokens = {i for start, end, *_ in listed for i in range(start, end)}
        actor_spans = [span for span in self._actors(doc, lo, hi, published) if not any(i in listed_tokens for i in range(span[0], span[1]))]
        system_spans = self._with_unlisted_systems(doc, lo, hi, listed, {i for start, end, _ in actor_spans for i in range(start, end)})
        covered = {i for mention in system_spans for i in range(mention[0], mention[1])}
        found.references = self._references(doc, lo, hi, covered)
        for start, end, alias in actor_spans:
            if any(i in covered for i in range(start, end)):
                continue
            found.actors.append(Mention("actor", alias, char_span(sentence, start, end), start, end))
        actor_tokens = covered | {i for m in found.actors for i in range(m.token_start, m.token_end)}
        # "the Ukraine Security Assistance Initiative": a state's name inside an organisation's
        # name is part of that name, not a mention of the state
        state_tokens = {i for m in found.actors if self.vocabulary.actor_type(m.iri) is ActorType.STATE for i in range(m.token_start, m.token_end)}
        other_actors = {i for m in found.actors for i in range(m.token_start, m.token_end)} - state_tokens
        organisations = self.unlisted.organisations(doc, lo, hi, other_actors)
        inside = {i for s, e, _ in organisations for i in range(s, e)}
        found.actors = [m for m in found.actors if m.token_start not in inside]
        system_spans = [with_model(doc, span, lo, actor_tokens, self.vocabulary.resolve_name) for span in system_spans if span[0] not in inside]
        for kind, spans in (("person", self.unlisted.persons(doc, lo, hi, actor_tokens)), ("organisation", organisations)):
            for start, end, label in spans:
                found.actors.append(Mention("actor", unlisted_iri(kind, label), char_span(sentence, start, end), start, end, label=label))
        found.actors.sort(key=lambda m: m.token_start)
        for start, end, iri, generic, label in system_spans:
            if generic and start > lo and any(doc[i].lower_ in self.lexicon.civil_words for i in range(max(lo, start - 3), start)):
                continue  # "$300 million in humanitarian aid": no military help
            quantity = self.counts.before(doc, start, lo)
            default_unit = self.vocabulary.systems[iri].default_unit if label is None else None
            head_unit = self._unit_at(doc, start, end, hi) if label is None else (
                self.vocabulary.unit_words.get(label.split()[-1]) or self._unit_at(doc, start, end, hi))  # "Strela missiles"
            unit = self._counted_in(doc, start, lo) or head_unit or default_unit
            if unit is None and label is not None and quantity is not None:
                unit = "item"  # "four counter-battery kits": counted, in items
            if quantity is None and unit and not generic and single(doc, start, end, lo, hi):
                quantity = 1
            found.systems.append(Mention("system", iri, char_span(sentence, start, end), start, end, generic, unit, quantity, label))
        found.systems = without_spelled_out(found.systems, lambda i: doc[i].text if lo <= i < hi else "")
        found.money = self.money.find(sentence, self._token_at)
        found.dates = self._dates(sentence, published)
        return found

    def _actors(self, doc: Doc, lo: int, hi: int, published: date | None) -> list[tuple[int, int, str]]:
        spans = []
        for match_id, start, end in _matches(self._actor_matcher, doc, lo, hi):
            alias = self._actor_aliases[match_id]
            if alias.valid_on(published):
                spans.append(_Match(start, end, alias.iri))
        return [(s.start, s.end, s.label_) for s in filter_spans(spans)]

    def _systems(self, doc: Doc, lo: int, hi: int) -> list[tuple[int, int, str, bool]]:
        spans = []
        generic_of: dict[tuple[int, int], bool] = {}
        for match_id, start, end in _matches(self._system_matcher, doc, lo, hi):
            alias = self._system_aliases[match_id]
            span = _Match(start, end, alias.iri)
            spans.append(span)
            generic_of[(span.start, span.end)] = alias.generic
        merged: list[tuple[int, int, str, bool]] = []
        for span in filter_spans(spans):
            generic = generic_of[(span.start, span.end)]
            # "Mirage 2000-5": a variant written tight after a name is part of it, never a count
            if merged and not merged[-1][3] and variant_end(doc, merged[-1][1], hi) > merged[-1][1]:
                merged[-1] = (merged[-1][0], variant_end(doc, merged[-1][1], hi), *merged[-1][2:])
            # "Patriot air defense systems", "Brimstone precision missiles", "Stinger anti-aircraft
            # missiles": a name followed by a category (a modifier or two between) is one mention of the name
            if merged and not merged[-1][3] and modifiers_between(doc, merged[-1][1], span.start):
                start, _, iri, was_generic = merged[-1]
                merged[-1] = (start, span.end, iri, was_generic)
                continue
            merged.append((span.start, span.end, span.label_, generic))
        if merged and not merged[-1][3]:
            merged[-1] = (merged[-1][0], variant_end(doc, merged[-1][1], hi), *merged[-1][2:])
        return merged

    def _references(self, doc: Doc, lo: int, hi: int, covered: set[int]) -> list[tuple[int, int, str | None, int | None]]:
        """"the systems", "these missiles", "the shells": (start, end, unit, None) of a definite
        head noun with no name of its own; "three further systems", "two more launchers": an
        additive word makes a count of more of the same (start, end, unit, count). The extractor
        resolves either to the system named last."""
        found = []
        lowered = lower_words(doc)
        for index in range(lo + 1, hi):
            word = lowered[index]
            if index in covered or not self.unlisted.is_head(word) or not word.endswith("s") and word not in ("ammunition", "equipment"):
                continue
            before = index - 1
            additive = False
            # "the same systems", "the German systems": whose they are, not which
            while before > lo and (doc[before].lower_ in _ADDITIVE | {"same", "new"} or doc[before].text in self.unlisted.demonyms):
                additive = additive or doc[before].lower_ in _ADDITIVE
                before -= 1
            last_word = index + 1 >= hi or not self.unlisted.is_head(doc[index + 1].lower_)
            unit = self.vocabulary.unit_words.get(word)
            if doc[before].lower_ in ("the", "these", "those", "them", "its", "their") and last_word:
                found.append((before, index + 1, unit, None))
            elif additive and last_word and before < index - 1 and (count := self.counts.number_at(doc, before, lo)) is not None:
                found.append((before, index + 1, unit, count))
        return found

    def _with_unlisted_systems(
        self, doc: Doc, lo: int, hi: int, listed: list[tuple[int, int, str, bool]], actor_tokens: set[int] = frozenset()
    ) -> list[tuple[int, int, str, bool, str | None]]:
        """The vocabulary's system mentions plus equipment phrases it lacks (graph/unlisted.py).

        A vocabulary category with modifiers it does not know ("Tactical Unmanned Aerial
        Systems", "longer-range air defense systems") becomes an unlisted category with the whole
        wording; "anti-ship and air defense systems" adds "anti-ship systems" beside the listed one.
        """
        def is_category(iri: str, generic: bool) -> bool:
            label = self.vocabulary.systems[iri].label
            return not generic and label == label.lower() and self.vocabulary.system_classes.get(iri) != str(PG.MilitaryAid)

        fixed = [span for span in listed if not is_category(span[2], span[3])]
        categories = [span for span in listed if is_category(span[2], span[3])]
        # "air defence equipment", "counter-UAV systems and equipment": a generic word with
        # modifiers names a category
        generic_heads = {span[1] - 1: span for span in fixed if span[3]}
        spans: list[tuple[int, int, str, bool, str | None]] = [(*span, None) for span in fixed]
        fixed_tokens = {i for start, end, _, generic in fixed if not generic for i in range(start, end)} | set(actor_tokens)
        named_end = {end: n for n, (start, end, iri, generic, _) in enumerate(spans) if not generic}
        phrases = self.unlisted.systems(doc, lo, hi, fixed_tokens, {end - 1 for _, end, *_ in categories} | set(generic_heads))
        for start, end, _label in phrases:
            name_end = next((e for e in named_end if e <= start and modifiers_between(doc, e, start)), None)
            if name_end is not None:  # "Patriot missile system", "Brimstone precision missiles": the name's own head
                n = named_end.pop(name_end)
                spans[n] = (spans[n][0], end, *spans[n][2:])
                fixed_tokens.update(range(start, end))
        for start, end, label in phrases:
            generic = generic_heads.get(end - 1)
            if generic is not None:
                # "air defence equipment" names a category; "defensive equipment" stays aid
                named = any(start <= c[0] and c[1] < end for c in categories) or any(
                    self.unlisted.is_head(doc[i].lower_) and doc[i].lower_ not in self._generic_words for i in range(start, generic[0])
                )
                if start >= generic[0] or not named:
                    continue
                spans.remove((*generic, None))
            if any(i in fixed_tokens for i in range(start, end)):
                continue
            if any(c[0] <= start and end <= c[1] and (c[0], c[1]) != (start, end) for c in categories):
                continue  # part of a listed category: "mm shells" in "155 mm shells"
            inside = [c for c in categories if start <= c[0] and c[1] <= end]
            if any(c[0] == start and c[1] == end for c in inside):
                continue  # exactly a listed category: keep the listed one
            last = next((c for c in inside if c[1] == end), None)
            conjunction = last is not None and last[0] - 1 > start and doc[last[0] - 1].lower_ == "and"
            if conjunction:
                # "anti-ship and air defense systems": "anti-ship systems" beside the listed one
                shared = f"{wording(doc, start, last[0] - 1)} {doc[end - 1].lower_}"
                spans.append((start, last[0] - 1, unlisted_iri("system", shared), False, shared))
                continue
            categories = [c for c in categories if c not in inside]
            listed = listed_variant(doc[start].text, self.vocabulary.resolve_name)
            if listed is not None:  # "F-16C jets": a variant of a listed name before its head
                spans.append((start, end, listed, False, None))
                continue
            label = model_name(doc, start, end, lo) or label
            spans.append((start, end, unlisted_iri("system", label), False, label))
        spans.extend((*span, None) for span in categories)
        return sorted(spans)

    def _counted_in(self, doc: Doc, start: int, lo: int) -> str | None:
        """The unit of "rounds of 125mm tank ammunition", "sets of body armor"."""
        if start - 2 >= lo and doc[start - 1].lower_ == "of":
            return self.vocabulary.unit_words.get(doc[start - 2].lower_)
        return None

    def _unit_at(self, doc: Doc, start: int, end: int, hi: int) -> str | None:
        """The unit named by the last head noun of the compound at or after the mention."""
        unit = None
        for index in range(start, min(end + 3, hi)):
            token = doc[index]
            if index >= end and (not token.is_alpha or token.is_stop):
                break
            word_unit = self.vocabulary.unit_words.get(token.lower_)
            if index > start and doc[index - 1].text == "-" and not doc[index - 1].whitespace_:
                continue  # "anti-aircraft guns" are no aircraft
            if word_unit:
                unit = word_unit
        return unit

    def _dates(self, sentence: Sentence, published: date | None) -> list[tuple[int, date]]:
        import dateparser  # slow to import; the first article pays for it

        result = []
        text = sentence.span.text
        if text.isascii() and not _DATE_HINT.search(text.lower()) and not _ISO_HINT.search(text):
            return result
        for match in _DAY_DATE.finditer(text):
            weekday = _weekday_date(match.group(0), published)
            if weekday is not None:
                result.append((self._token_at(sentence, match.start()), weekday))
                continue
            expression = re.sub(r"^(?:on|this past)\s+", "", match.group(0), flags=re.IGNORECASE)
            settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day"]}
            if published is not None:
                from datetime import datetime, time

                settings["RELATIVE_BASE"] = datetime.combine(published, time(12))
            elif not re.search(r"\d{4}", expression):
                continue
            known = plain_date(expression, published)  # the common forms, without dateparser's 4 ms
            if known is not None:
                result.append((self._token_at(sentence, match.start()), known))
                continue
            parsed = dateparser.parse(expression, languages=["en"], settings=settings)
            if parsed is not None:
                result.append((self._token_at(sentence, match.start()), parsed.date()))
        return result

    @staticmethod
    def _token_at(sentence: Sentence, offset: int) -> int:
        for token in sentence.tokens:
            if token.idx - sentence.tokens.start_char >= offset:
                return token.i
        return sentence.tokens.end - 1


def _matches(matcher: PhraseMatcher, doc: Doc, lo: int, hi: int) -> list[tuple[int, int, int]]:
    """`matcher(doc[lo:hi])` (Doc offsets, in order) from one run over the whole paragraph,
    kept in its user data: a run over a part finds exactly the whole's matches inside it."""
    found = doc.user_data.get((_MATCHES, id(matcher)))
    if found is None:
        found = doc.user_data[(_MATCHES, id(matcher))] = matcher(doc)
    return [(match_id, start, end) for match_id, start, end in found if lo <= start and end <= hi]


def _alias_matcher(prefix: str, attr: str, aliases: Sequence[AliasT]) -> tuple[PhraseMatcher, dict[int, AliasT]]:
    """A PhraseMatcher over alias texts (case-sensitive with ORTH, not with LOWER), and its keys."""
    matcher = PhraseMatcher(nlp().vocab, attr=attr)
    by_key: dict[int, AliasT] = {}
    for number, alias in enumerate(aliases):
        key = f"{prefix}-{number}"
        by_key[nlp().vocab.strings.add(key)] = alias
        matcher.add(key, [nlp().make_doc(alias.text)])
    return matcher, by_key


def _weekday_date(expression: str, published: date | None) -> date | None:
    """"on Friday", "last Tuesday": the latest such day before the publication date.

    "last Tuesday" in an article of a Tuesday means a week before; "on Friday" on a Friday is
    that day.
    """
    words = expression.lower().split()
    if published is None or words[-1].capitalize() not in _WEEKDAYS.split("|"):
        return None
    wanted = _WEEKDAYS.split("|").index(words[-1].capitalize())
    back = (published.weekday() - wanted) % 7
    if back == 0 and words[0] == "last":
        back = 7
    return published - timedelta(days=back)


@lru_cache(maxsize=4)
def mention_finder(vocabulary: Vocabulary) -> MentionFinder:
    """The MentionFinder of a vocabulary, built once (building the matchers takes ~0.1 s)."""
    return MentionFinder(vocabulary)


_ADDITIVE = frozenset({"further", "more", "additional"})  # "three further systems": more of the same
_MATCHES = "pledgegraph.phrase_matches"
