"""The extraction stage end to end: Article -> ExtractionResult.

One pass per stage over the article's sentences: mentions for every sentence, one batched parse
of the sentences that may hold a claim, then claims sentence by sentence with the discourse
state (graph/extract/discourse.py) carried along. Lists inherit the frame of the line that
introduces them (graph/lists.py) and a claim repeated in the article is one claim
(graph/merge.py).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from spacy.attrs import LEMMA, TAG
from spacy.tokens import Doc

from graph.extract.claims import FrameClaims
from graph.extract.clause_shapes import HAND_OVER_NOUNS
from graph.extract.discourse import Discourse
from graph.extract.fillers import CONTENT_VERBS
from graph.extract.frames import Inventory, inventory
from graph.extract.funds import CONTRIBUTION_NOUNS, remember_funds
from graph.extract.items import ITEM_PRONOUNS
from graph.extract.lexicon import Lexicon, load_lexicon
from graph.extract.lists import ListFrame, frame_from_claims, list_item_claims
from graph.extract.mentions import MentionFinder, SentenceMentions, mention_finder
from graph.extract.merge import bought_to_hand_over, merge_repeated, without_vague_aid
from graph.extract.money import settle_crowns
from graph.extract.parse import parse, word_forms
from graph.extract.parsed import ParsedSentence
from graph.extract.valuation import part_of_package, stated_value, tells_running_total, valued_package
from graph.iris import unlisted_iri, unlisted_kind
from graph.model import ActorType, Article, Claim, ExtractionResult, Mention, Span
from graph.read.sentences import (
    Sentence,
    lower_words,
    sentences,
    token_spaces,
    token_strings,
    token_texts,
)
from graph.vocabulary import Vocabulary

_ITEM_PRONOUNS = ITEM_PRONOUNS | {"what"}  # ("listed what is being withheld: ...")
# an interview's headline quotes the interviewee: "Jane Doe: we stand by Kyiv", "Jane Doe - ..."
_SPEAKER_HEADLINE = re.compile(r"^((?:[A-Z][\w'.-]+\s+){1,3}[A-Z][\w'.-]+)\s*(?::|\s[-\u2013\u2014]\s)")
_INTERVIEW = re.compile(r"\binterview", re.IGNORECASE)
_LEDE_CHARS = 1200
# A signature line under a statement's heading: "JANE DOE, SECRETARY OF DEFENSE" (a name, a
# comma, an office; no sentence punctuation), read among the first lines of the text.
_SIGNATURE = re.compile(r"^\s*([A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){1,3}),\s+[A-Za-z][\w ,'-]{2,80}$")
_SIGNATURE_LINES = 6
# a turn of an interview transcript: a name and a colon at the start of a paragraph
_TURN = re.compile(r"^([A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3}):\s")
_BYLINE = re.compile(r"^(?:statement|remarks|readout|address|letter|message|op-ed|speech)\b.*?\b(?:by|from)\s+(.+)$", re.IGNORECASE)


class Extractor:
    """Reads claims out of articles; build once per vocabulary, reuse for every article."""

    def __init__(self, vocabulary: Vocabulary, frames: Inventory | None = None, lexicon: Lexicon | None = None) -> None:
        self.vocabulary = vocabulary
        self.lexicon = lexicon or load_lexicon()
        self.inventory = frames or inventory()
        self.finder: MentionFinder = mention_finder(vocabulary)
        self.ukraine = vocabulary.resolve_name("Ukraine")
        self.frames = FrameClaims(vocabulary, self.inventory, self.ukraine, self.lexicon.personnel_nouns, self.lexicon.numbers)
        # a claim needs a claim word: a frame's verb or noun ("send", "shipments"), or a list verb
        claim_words = frozenset(self.inventory.by_lemma) | self.inventory.nominal_lemmas | CONTENT_VERBS
        if self.inventory.agent_nouns is not None:
            claim_words |= self.inventory.agent_nouns.lemmas
        self.trigger_forms = word_forms(claim_words)
        self.ranking_forms = word_forms(self.lexicon.ranking_verbs)  # a claim word only beside "list"
        self.valuation_forms = self.inventory.valuation_words  # parsed too when the sentence names money
        # what points back to an earlier item: "cover the costs", "join the effort", "send them"
        self.item_words = word_forms(frozenset().union(*(f.refers_back for f in self.inventory.frames))) | _ITEM_PRONOUNS
        # "Their handover was pushed back": a noun of the hand-over itself can stand for the one
        # told before ("package", "sale" and the like are left out: they seldom do, and cost parses)
        self.item_words |= word_forms(HAND_OVER_NOUNS)
        self.item_words |= word_forms(CONTRIBUTION_NOUNS)  # "thanked Oslo for its contribution": into the fund told before

    def extract(self, article: Article) -> ExtractionResult:
        """Read the claims and mentions of one article. Never raises on odd text."""
        publisher = self.vocabulary.publisher(article.outlet, article.url)
        author = self._author(article, publisher)
        if author is None and _INTERVIEW.search(article.title):
            # "Interview: Jane Doe - 'we need jets'": the person the title names answers in it
            author = self._person_named(article.title, article)
        narrator = author or (self.vocabulary.acting_state(publisher) if publisher and not self.vocabulary.is_outlet(publisher) else None)
        if author is None and _INTERVIEW.search(article.title):
            # "Interview: Norway's defence minister on ...": the interviewee's state answers as "we"
            narrator = self._named(article.title, article, ActorType.STATE) or self._demonym_in(article.title) or narrator
        discourse = Discourse(author=author, narrator=narrator)
        found = sentences(article)
        mentions = [self.finder.find(sentence, article.published) for sentence in found]
        wanted = [i for i, sentence in enumerate(found) if self._worth_parsing(sentence, mentions[i])]
        parses = dict(zip(wanted, parse([_words(found[i]) for i in wanted])))
        actors: list[str] = []
        systems: list[str] = []
        unlisted: list[tuple[Mention, Span]] = []
        list_frame: ListFrame | None = None
        paragraph = None
        for index, sentence in enumerate(found):
            sentence_mentions = mentions[index]
            actors.extend(m.iri for m in sentence_mentions.actors if not m.unlisted)
            systems.extend(m.iri for m in sentence_mentions.systems if not m.generic and not m.unlisted)
            parsed = self.frames.parsed(sentence, parses[index], sentence_mentions) if index in parses else None
            unlisted.extend((m, sentence.span) for m in (*sentence_mentions.actors, *sentence_mentions.systems) if m.unlisted)
            if sentence.paragraph is not paragraph:
                paragraph = sentence.paragraph
                discourse.turn_speaker = self._turn_speaker(sentence, sentence_mentions, discourse)
            if not sentence.paragraph.is_list_item:
                list_frame = None
            discourse.list_frame = list_frame
            if not sentence.is_heading:
                claims = self.frames.sentence_claims(article, parsed, discourse) if parsed is not None else []
                if list_frame is not None:
                    # an item with a verb of its own ("- four howitzers, already delivered") keeps
                    # that claim; the others it names take the list's frame
                    told = {c.system for c in claims}
                    claims = claims + [c for c in list_item_claims(article, sentence, sentence_mentions, list_frame, self._listed_item,
                                                                   is_model=self.frames.items.is_model) if c.system not in told]
                if not claims and parsed is not None and self._lists_contents(parsed):
                    frame = frame_from_claims(discourse.claims)
                    if frame is not None:
                        claims = list_item_claims(article, sentence, sentence_mentions, frame, self._listed_item, "package-contents",
                                                  is_model=self.frames.items.is_model)
                discourse.claims.extend(claims)
                if parsed is not None:
                    remember_funds(parsed, discourse, self.vocabulary.support_funds)
                if parsed is not None and parsed.money:
                    self._value_package(parsed, discourse)
                if sentence.span.text.rstrip().endswith(":"):
                    # "Read more:" lists links; only an intro with a claim word of its own passes a frame on
                    list_frame = discourse.intro_frame or (frame_from_claims(claims or discourse.claims) if index in parses else None)
                discourse.intro_frame = None
            self._remember(sentence_mentions, discourse, parsed)
        return ExtractionResult(
            article=article,
            claims=tuple(settle_crowns(c, self.vocabulary, self.lexicon.crowns)
                         for c in without_vague_aid(merge_repeated(bought_to_hand_over([self._attributed(c) for c in discourse.claims])),
                                                    self.frames.items.military_aid)),
            publisher=publisher,
            author=author,
            mentioned_actors=tuple(dict.fromkeys(actors)),
            mentioned_systems=tuple(dict.fromkeys(systems)),
            cited_sources=tuple(dict.fromkeys(discourse.cited)),
            unlisted=tuple(unlisted),
        )

    def _attributed(self, claim: Claim) -> Claim:
        """"Germany said it would send ...": a state stating its own act is no source beyond the
        act; `said_by` names people, bodies and outlets (as analysts' gold does), else nobody."""
        if claim.said_by is not None and self.vocabulary.actor_type(claim.said_by) is ActorType.STATE:
            return replace(claim, said_by=None)
        return claim

    def _worth_parsing(self, sentence: Sentence, mentions: SentenceMentions) -> bool:
        """A claim word and something that can be its item meet in the sentence: a system, a
        reference ("the systems"), a word pointing back ("send them", "cover the costs"), money
        ("a $300 million package") or an actor with a bare count ("Oslo has committed six").
        Other sentences are not parsed at all."""
        words = set(lower_words(sentence.tokens.doc)[sentence.tokens.start:sentence.tokens.end])
        if mentions.money and words & self.valuation_forms:
            return True  # "The package is worth $300 million" (graph/extract/valuation.py)
        if not words & self.trigger_forms and not (words & self.ranking_forms and "list" in words):
            return False  # (a verb of ranking is a claim word only on a list: "four HIMARS head the list")
        introduces_list = sentence.span.text.rstrip().endswith(":")  # its frame passes to the items below
        bare_count = bool(mentions.actors) and any(t.like_num for t in sentence.tokens)  # "Norway has committed six"
        return bool(mentions.systems or mentions.references or mentions.money or words & self.item_words or introduces_list or bare_count)

    def _value_package(self, parsed: ParsedSentence, discourse: Discourse) -> None:
        """"The package is worth 300 million euros": the amount goes to the package told before,
        unless a claim of this sentence already carries it."""
        aid = self.frames.items.military_aid
        if tells_running_total(parsed, self.inventory.valuation_running_total):
            return  # "its support since 2022 amounts to ...": a running total, no package's value
        money = (stated_value(parsed, self.inventory.valuation_words, self.inventory.valuation_subjects, self.lexicon.civil_words)
                 or part_of_package(parsed, self.inventory.valuation_subjects))
        if money is None or aid is None or any(c.value == money.value for c in discourse.claims[-8:]):
            return
        new = valued_package(discourse.claims, money, parsed, aid)
        if new is not None:
            discourse.claims.append(new)

    def _lists_contents(self, parsed: ParsedSentence) -> bool:
        """"These capabilities include ...": a sentence whose verb lists contents, with no actor
        subject; or "Three more IRIS-T launchers top the list": equipment heading the package's list."""
        tags = token_strings(parsed.parse, TAG)
        for index, lemma in enumerate(token_strings(parsed.parse, LEMMA)):
            lemma = lemma.lower()
            if tags[index] not in ("VBZ", "VBP", "VBD") or lemma not in CONTENT_VERBS and lemma not in self.lexicon.ranking_verbs:
                continue
            token = parsed.parse[index]
            subject_word = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if lemma in CONTENT_VERBS:
                return subject_word is None or subject_word.i not in parsed.actors
            if any(c.dep_ == "dobj" and c.lemma_.lower() == "list" for c in token.children):
                return subject_word is not None and any(word.i in parsed.systems for word in subject_word.subtree)
        return False

    def _listed_item(self, doc: Doc, item: Mention, lo: int) -> bool:
        """A listed system is an item unless it names people ("training for F-16 pilots")."""
        return item.token_end >= len(doc) or doc[item.token_end].lower_ not in self.lexicon.personnel_nouns

    def _remember(self, mentions: SentenceMentions, discourse: Discourse, parsed: ParsedSentence | None = None) -> None:
        """Note what a sentence names for the sentences after it. "He" continues the person who
        was the subject ("Pistorius raised it in a call with Hegseth. He asked ...": Pistorius):
        the person the parse makes a subject, else the first person named."""
        discourse.items.extend(m for m in mentions.systems if not m.generic)
        states = [m.iri for m in mentions.actors if self.vocabulary.actor_type(m.iri) is ActorType.STATE and m.iri != self.ukraine]
        if states:
            discourse.last_state = states[0]  # the first named is most often the subject: what "it" continues
        people = []
        for mention in mentions.actors:
            kind = self.vocabulary.actor_type(mention.iri)
            if kind is ActorType.PERSON:
                people.append(mention)
            if kind is ActorType.PERSON or unlisted_kind(mention.iri) == "person":
                discourse.people[(mention.label or self.vocabulary.label(mention.iri)).split()[-1].lower()] = mention.iri
            if kind is ActorType.ORGANISATION and not self.vocabulary.is_outlet(mention.iri):
                discourse.last_organisation = mention.iri
                if mention.iri in self.vocabulary.international_bodies:
                    discourse.last_body = mention.iri  # the EU, NATO: bodies of their own, not a company
        if people:
            subjects = [parsed.actors[t.i] for t in parsed.parse if t.dep_ in ("nsubj", "nsubjpass") and t.i in parsed.actors
                        ] if parsed is not None and len(people) > 1 else []
            discourse.last_person = next((m.iri for m in subjects if m in people), people[0].iri)

    def _author(self, article: Article, publisher: str | None) -> str | None:
        """The person a statement, remarks or readout is by, read from its title."""
        match = _BYLINE.match(article.title)
        interview = _SPEAKER_HEADLINE.match(article.title)
        if match is None and interview is not None and _INTERVIEW.search(article.text[:_LEDE_CHARS]):
            # "Jane Doe: we will stand by Kyiv", over an interview: the interviewee speaks in it
            return self._person_named(interview.group(1), article)
        if match is None:
            return self._signed_by(article)
        byline = match.group(1)
        named = self._person_named(byline, article)
        if named is not None:
            return named
        if re.match(r"(?:the\s+)?President\b", byline) and publisher:
            state = self.vocabulary.acting_state(publisher)
            return self.vocabulary.office_holder(state, "President", article.published) if state else None
        return None


    def _signed_by(self, article: Article) -> str | None:
        """The person a press statement is signed by, from a signature line at its head
        ("JOHN Q. SMITH, MINISTER OF DEFENCE"): middle initials dropped, any case."""
        lines = [line for line in article.text.splitlines() if line.strip()][:_SIGNATURE_LINES]
        for line in lines:
            found = _SIGNATURE.match(line)
            if found is not None:
                name = re.sub(r"\b[A-Z]\.\s+", "", found.group(1)).title()
                person = self._person_named(name, article)
                if person is not None:
                    return person
        return None

    def _turn_speaker(self, sentence: Sentence, mentions: SentenceMentions, discourse: Discourse) -> str | None:
        """The person whose turn a paragraph of an interview is: "Troels Lund Poulsen: We have
        ...", later "Poulsen: ..." (a surname named before); None for the interviewer ("Q:")."""
        label = _TURN.match(sentence.paragraph.text)
        if label is None:
            return None
        end = sentence.paragraph.start + label.end(1)
        for mention in mentions.actors:
            if mention.span.end <= end and (self.vocabulary.actor_type(mention.iri) is ActorType.PERSON or unlisted_kind(mention.iri) == "person"):
                return mention.iri
        name = label.group(1)
        if len(name.split()) >= 2 and not any(m.span.start < end for m in mentions.actors):
            person = unlisted_iri("person", name)  # a full name the vocabulary lacks
            discourse.people[name.split()[-1].lower()] = person
            return person
        return discourse.people.get(name.split()[-1].lower())

    def _demonym_in(self, text: str) -> str | None:
        """The state of the first nationality adjective in `text` ("Danish Defence Minister")."""
        found = [(m.start(), iri) for word, iri in self.frames.demonyms.items()
                 if (m := re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text))]
        return min(found)[1] if found else None

    def _person_named(self, text: str, article: Article) -> str | None:
        """The first person of the vocabulary named in `text` (a byline, a headline)."""
        return self._named(text, article, ActorType.PERSON)

    def _named(self, text: str, article: Article, kind: ActorType) -> str | None:
        """The first actor of `kind` the vocabulary knows named in `text`."""
        named = []
        for alias in self.vocabulary.actor_aliases:
            if alias.valid_on(article.published) and self.vocabulary.actor_type(alias.iri) is kind:
                found = re.search(rf"(?<!\w){re.escape(alias.text)}(?!\w)", text)
                if found:
                    named.append((found.start(), -len(alias.text), alias.iri))
        return min(named)[2] if named else None


def _words(sentence: Sentence) -> list[tuple[str, bool]]:
    """The (word, followed-by-space) pairs of a sentence's tokens, what parse() takes, read from
    columns of its paragraph Doc rather than Token by Token."""
    doc, start, end = sentence.tokens.doc, sentence.tokens.start, sentence.tokens.end
    return list(zip(token_texts(doc)[start:end], token_spaces(doc)[start:end]))


@lru_cache(maxsize=4)
def extractor(vocabulary: Vocabulary) -> Extractor:
    """The Extractor of a vocabulary, built once."""
    return Extractor(vocabulary)


def extract(article: Article, vocabulary: Vocabulary) -> ExtractionResult:
    """Extract claims and mentions from one article with the given vocabulary."""
    return extractor(vocabulary).extract(article)
