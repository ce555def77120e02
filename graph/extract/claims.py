"""Building support claims from the mentions of each sentence.

The rules, in the order they apply to a sentence:

1. Headings and titles summarise the body: their mentions count, their claims do not.
2. The sentence is cut into clauses at complementisers ("that"), quotes, ";", "while" and
   "but"; a speech verb ("said", "confirmed", "according to") gives the speaker of the clauses it
   governs.
3. In each clause the leftmost trigger (lexicon.yaml) decides the kind; a hedge ("is
   considering", "discussed", "open to") makes it a consideration, a negation ("will not",
   "ruled out") cancels it.
4. Roles: the subject (nearest actor before the trigger that no preposition governs, with its
   coordination "Finland, Canada and Denmark") is the provider, or the funder for payment verbs;
   people and departments act for their state; "to X" is the recipient (an alliance there is the
   channel, `via`), "via/through X" the channel, "by X" a passive agent. A vague group subject
   ("several other countries") makes no claim. Ukraine is the recipient unless another state is
   named, which puts the transfer out of scope.
5. Items: every system in the clause gives one claim; generic words ("weapons") only with money.
   Funding without an item ("would cover the cost") refers to the last transfer claim of the
   article, and joining "the effort" to the last funding claim.
6. Ellipsis: ", Norway for one" (or "and Norway for one") repeats a claim for Norway with quantity 1.
7. Lists: bulleted items, "These capabilities include …" and parts after ";" take the frame of
   the claim that introduces them (graph/lists.py); "the systems" refers to the item named last
   (graph/references.py); which mentions are items at all is graph/items.py.
8. Names the vocabulary lacks are items and actors too, marked for review (graph/unlisted.py).
9. A claim repeated in an article is one claim with several evidence spans (graph/merge.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc

from graph.extract.items import ItemRules
from graph.extract.lexicon import Lexicon, PhraseRules, load_lexicon
from graph.extract.lists import (
    ListFrame,
    frame_from_claims,
    frame_from_trigger,
    list_item_claims,
)
from graph.extract.mentions import MentionFinder, SentenceMentions, mention_finder
from graph.extract.merge import merge_repeated
from graph.model import ActorType, Article, Claim, ClaimKind, ExtractionResult, Mention, Money, Span
from graph.extract.references import resolve_reference, same_items
from graph.extract.roles import VAGUE, Clause, RoleFinder
from graph.read.sentences import Sentence, char_span, sentences
from graph.vocabulary import Vocabulary

_TRANSFER_KINDS = (ClaimKind.PLEDGE, ClaimKind.DELIVERY, ClaimKind.CONSIDERATION)
_BYLINE = re.compile(r"^(?:statement|remarks|readout|address|letter|message|op-ed|speech)\b.*?\b(?:by|from)\s+(.+)$", re.IGNORECASE)
_FIRST_PERSON_WORDS = frozenset({"i", "we", "my", "our", "me", "us"})
_KIND_OF_TRIGGER = {
    "request": ClaimKind.REQUEST,
    "request_object_provider": ClaimKind.REQUEST,
    "pledge": ClaimKind.PLEDGE,
    "delivery": ClaimKind.DELIVERY,
    "funding": ClaimKind.FUNDING,
    "funding_join": ClaimKind.FUNDING,
    "suspension": ClaimKind.SUSPENSION,
}


@dataclass(frozen=True)
class Trigger:
    """A trigger phrase found in a sentence: its lexicon group and doc token range."""

    group: str
    start: int
    end: int

    @property
    def kind(self) -> ClaimKind:
        return _KIND_OF_TRIGGER[self.group]


@dataclass
class _ArticleState:
    """What earlier sentences of the article tell later ones: the last person, earlier claims."""

    last_person: str | None = None
    last_organisation: str | None = None  # what "this group", "the alliance" refer to
    items: list[Mention] = field(default_factory=list)  # named items so far: what "the systems", "the shells" refer to
    author: str | None = None  # the person a statement is by ("Statement by President Joe Biden")
    narrator: str | None = None  # whom "I"/"we" mean outside quotes: the author, else the publisher's state
    claims: list[Claim] = field(default_factory=list)
    cited: list[str] = field(default_factory=list)
    list_frame: ListFrame | None = None  # set by a line ending in ":", kept through its list items


class ClaimExtractor:
    """Reads claims out of articles; build once per vocabulary, reuse for every article."""

    def __init__(self, vocabulary: Vocabulary, lexicon: Lexicon | None = None) -> None:
        self.vocabulary = vocabulary
        self.lexicon = lexicon or load_lexicon()
        self.finder: MentionFinder = mention_finder(vocabulary)
        self.ukraine = vocabulary.resolve_name("Ukraine")
        self.roles = RoleFinder(vocabulary, self.lexicon, self.ukraine)
        self.items = ItemRules(vocabulary, self.lexicon, self.roles, self.ukraine)
        self._rules = PhraseRules()
        for group, patterns in self.lexicon.triggers.items():
            self._rules.add(f"trigger:{group}", patterns)
        self._rules.add("hedge", self.lexicon.hedges)
        self._rules.add("negation", self.lexicon.negations)
        self._rules.add("not-negation", self.lexicon.negation_exceptions)

    # ------------------------------------------------------------------ article level
    def extract(self, article: Article) -> ExtractionResult:
        """Read the claims and mentions of one article. Never raises on odd text."""
        publisher = self.vocabulary.publisher(article.outlet, article.url)
        author = self._author(article, publisher)
        # "we" in an official statement is its author or publishing state; a news outlet gives no weapons
        narrator = author or (self.vocabulary.acting_state(publisher) if publisher and not self.vocabulary.is_outlet(publisher) else None)
        state = _ArticleState(author=author, narrator=narrator)
        actors: list[str] = []
        systems: list[str] = []
        unlisted: list[tuple[Mention, Span]] = []
        for sentence in sentences(article):
            mentions = self.finder.find(sentence, article.published)
            actors.extend(m.iri for m in mentions.actors if not m.unlisted)
            systems.extend(m.iri for m in mentions.systems if not m.generic and not m.unlisted)
            unlisted.extend((m, sentence.span) for m in (*mentions.actors, *mentions.systems) if m.unlisted)
            self._resolve_descriptions(sentence, mentions, state)
            if not sentence.is_heading:
                self._sentence_or_list_item(article, sentence, mentions, state)
            state.items.extend(m for m in mentions.systems if not m.generic)
            subject_person = self._first_person_subject(sentence, mentions)
            if subject_person:
                state.last_person = subject_person
        claims = merge_repeated(state.claims)
        return ExtractionResult(
            article=article,
            claims=tuple(claims),
            publisher=publisher,
            author=author,
            mentioned_actors=tuple(dict.fromkeys(actors)),
            mentioned_systems=tuple(dict.fromkeys(systems)),
            cited_sources=tuple(dict.fromkeys(state.cited)),
            unlisted=tuple(unlisted),
        )

    def _author(self, article: Article, publisher: str | None) -> str | None:
        """The person a statement, remarks or readout is by, read from its title."""
        match = _BYLINE.match(article.title)
        if match is None:
            return None
        byline = match.group(1)
        # the first person named: "by President Joe Biden on Call with President Zelenskyy"
        named = []
        for alias in self.vocabulary.actor_aliases:
            if alias.valid_on(article.published) and self.vocabulary.actor_type(alias.iri) is ActorType.PERSON:
                found = re.search(rf"(?<!\w){re.escape(alias.text)}(?!\w)", byline)
                if found:
                    named.append((found.start(), -len(alias.text), alias.iri))
        if named:
            return min(named)[2]
        if re.match(r"(?:the\s+)?President\b", byline) and publisher:
            state = self.vocabulary.acting_state(publisher)
            return self.vocabulary.office_holder(state, "President", article.published) if state else None
        return None

    def _resolve_descriptions(self, sentence: Sentence, mentions: SentenceMentions, state: _ArticleState) -> None:
        """"members of this group": the organisation named last, as an actor mention of this sentence."""
        doc = sentence.tokens.doc
        taken = {i for m in (*mentions.actors, *mentions.systems) for i in range(m.token_start, m.token_end)}
        if state.last_organisation is not None:
            for token in sentence.tokens:
                head = token.i + 1
                if token.lower_ in ("this", "that", "the") and head < sentence.tokens.end and doc[head].lower_ in self.lexicon.definite_groups and head not in taken:
                    span = char_span(sentence, token.i, head + 1)
                    mentions.actors.append(Mention("actor", state.last_organisation, span, token.i, head + 1))
            mentions.actors.sort(key=lambda m: m.token_start)
        for mention in mentions.actors:
            if self.vocabulary.actor_type(mention.iri) is ActorType.ORGANISATION and not self.vocabulary.is_outlet(mention.iri):
                state.last_organisation = mention.iri

    def _first_person_subject(self, sentence: Sentence, mentions: SentenceMentions) -> str | None:
        doc = sentence.tokens.doc
        for mention in mentions.actors:
            if self.vocabulary.actor_type(mention.iri) is ActorType.PERSON and not self.roles.governed(doc, mention.token_start, sentence.tokens.start):
                return mention.iri
        return None

    # ------------------------------------------------------------------ lists
    def _sentence_or_list_item(self, article: Article, sentence: Sentence, mentions: SentenceMentions, state: _ArticleState) -> None:
        """List items without a claim verb of their own take the frame of the list's intro."""
        is_item = sentence.paragraph.is_list_item
        if not is_item:
            state.list_frame = None
        if is_item and state.list_frame is not None and not self._rules.has_trigger([t.lower_ for t in sentence.tokens]):
            state.claims.extend(list_item_claims(article, sentence, mentions, state.list_frame, self.items.is_support_item))
            return
        self._sentence_claims(article, sentence, mentions, state)
        if sentence.span.text.rstrip().endswith(":"):
            state.list_frame = self._frame_for_list(sentence, mentions, state)

    def _frame_for_list(self, sentence: Sentence, mentions: SentenceMentions, state: _ArticleState) -> ListFrame | None:
        """The frame of a list intro: its own claim verb and subject, else the last transfer claim."""
        words = [t.lower_ for t in sentence.tokens]
        for name, start, _ in self._rules(words):
            if name.startswith("trigger:") and name != "trigger:funding_join":
                subject = self.roles.subject(
                    sentence.tokens.doc, sentence.tokens.start, sentence.tokens.start + start, mentions,
                    state.last_person, None, state.narrator,
                )
                return frame_from_trigger(self.vocabulary, _KIND_OF_TRIGGER[name.split(":", 1)[1]], subject, state.author, self.ukraine)
        return frame_from_claims(state.claims)

    # ------------------------------------------------------------------ sentence level
    def _sentence_claims(self, article: Article, sentence: Sentence, mentions: SentenceMentions, state: _ArticleState) -> None:
        matches = self._rules([token.lower_ for token in sentence.tokens])
        offset = sentence.tokens.start
        triggers: list[Trigger] = []
        hedges: list[int] = []
        negations: list[int] = []
        denies_nothing = {i for name, start, end in matches if name == "not-negation" for i in range(offset + start, offset + end)}
        for name, start, end in matches:
            if name.startswith("trigger:"):
                triggers.append(Trigger(name.split(":", 1)[1], offset + start, offset + end))
            elif name == "hedge":
                hedges.append(offset + start)
            elif name == "negation" and offset + start not in denies_nothing:
                negations.append(offset + start)
        according_to = self.roles.according_to(sentence, mentions)
        if not triggers:
            self._package_contents(article, sentence, mentions, state)
            self._note_sources(state, according_to, [])
            return
        clauses = _continued_lists(self.roles.clauses(sentence, mentions, state.last_person, state.narrator), triggers, sentence.tokens.doc)
        for number, clause in enumerate(clauses):
            in_clause = sorted(
                (t for t in triggers if clause.start <= t.start < clause.end and self._has_object(sentence, mentions, clause, t)),
                key=lambda t: (t.start, -(t.end - t.start)),
            )
            if not in_clause:
                continue
            governing = in_clause[0]
            hedge_at = [h for h in hedges if sentence.tokens.start <= h < governing.start]
            if any(governing.start - 5 <= n < governing.start and n >= clause.start for n in negations):
                continue
            if any(governing.start <= n < governing.end for n in negations):
                continue
            previous = clauses[number - 1] if number else None
            relative = previous is not None and sentence.tokens.doc[clause.start].lower_ in ("that", "which")
            # "The air defense systems … that we provided": the noun phrase before has no verb of its own
            antecedent = previous if relative and not any(previous.start <= t.start < previous.end for t in triggers) else None
            self._clause_claims(article, sentence, mentions, state, clause, number == 0, in_clause, hedge_at, according_to, antecedent)
        self._note_sources(state, according_to, clauses)

    def _has_object(self, sentence: Sentence, mentions: SentenceMentions, clause: Clause, trigger: Trigger) -> bool:
        """"asked the United States for": an asking verb is a request only with the asked actor after it
        ("He asked what it would look like if …" is none)."""
        return trigger.group != "request_object_provider" or bool(self.roles.objects(sentence.tokens.doc, clause, trigger.end, mentions))

    def _package_contents(self, article: Article, sentence: Sentence, mentions: SentenceMentions, state: _ArticleState) -> None:
        """"These new capabilities include artillery systems, …": items of the last transfer claim.

        A sentence without a claim verb whose verb is "include" or "contain" and whose subject
        is no actor lists the contents of the package the article just announced.
        """
        verb = next((t.i for t in sentence.tokens if t.lower_ in self.lexicon.inclusion_verbs), None)
        if verb is None or any(m.token_start < verb for m in mentions.actors):
            return
        frame = frame_from_claims(state.claims)
        if frame is not None:
            state.claims.extend(list_item_claims(article, sentence, mentions, frame, self.items.is_support_item, "package-contents", verb))

    def _note_sources(self, state: _ArticleState, according_to: str | None, clauses: list[Clause]) -> None:
        """Record the outlets and institutes the article cites (its PROV reporting chain)."""
        for source in (according_to, *(clause.speaker for clause in clauses)):
            if source and self.vocabulary.actor_type(source) is ActorType.ORGANISATION:
                state.cited.append(source)

    def _clause_claims(
        self,
        article: Article,
        sentence: Sentence,
        mentions: SentenceMentions,
        state: _ArticleState,
        clause: Clause,
        first_clause: bool,
        triggers: list[Trigger],
        hedges: list[int],
        according_to: str | None,
        antecedent: Clause | None = None,
    ) -> None:
        """The claims of one clause; `antecedent` is the clause a relative clause ("that we
        provided") hangs on, whose items it is about."""
        doc = sentence.tokens.doc
        governing = triggers[0]
        hedged = bool(hedges)
        kind = ClaimKind.CONSIDERATION if hedged else governing.kind
        subject = self.roles.subject(doc, clause.start, governing.start, mentions, state.last_person, clause.speaker, state.narrator)
        # "will be financed by Berlin": the agent follows the participle ("made by X" later in the clause is no agent)
        passive_agent = self.roles.after_word(doc, replace(clause, end=min(clause.end, governing.end + 3)), governing.end, mentions, ("by",))
        if subject == VAGUE and passive_agent is None:
            return
        agents: list[str] = list(passive_agent and [passive_agent] or (subject if isinstance(subject, list) else []))
        if not agents and kind is ClaimKind.DELIVERY:
            # "A second Patriot battery from Germany arrived": the origin gives
            origin = self.roles.after_word(doc, clause, clause.start, mentions, ("from",))
            agents = [origin] if origin and origin != self.ukraine else []
        if kind is ClaimKind.REQUEST and not (agents or clause.speaker or clause.own_speaker):
            return  # a request needs someone who asks
        if governing.group == "request_object_provider":
            agents = self.roles.objects(doc, clause, governing.end, mentions)
        money = next((m for i, m in mentions.money if clause.start <= i < clause.end), None)
        items = [
            m for m in mentions.systems
            if clause.start <= m.token_start < clause.end and self.items.is_support_item(doc, m, clause.start)
            and (not m.generic or money is not None or not _introduces_list(sentence) and self.items.names_recipient(doc, clause, governing.kind, (governing.start, governing.end), mentions))
        ]
        reference = None
        if not items and antecedent is None:
            reference = resolve_reference(mentions, clause.start, clause.end, state.items)
            if reference is not None and not (kind is ClaimKind.FUNDING and same_items(reference, state.items)):
                items = [reference]
        if not items and antecedent is not None:
            items = [m for m in mentions.systems if antecedent.start <= m.token_start < antecedent.end and not m.generic and self.items.is_support_item(doc, m, antecedent.start)]
        # a named system beats generic words in the same clause ("weapons, including Patriot")
        if any(not m.generic for m in items):
            items = [m for m in items if not m.generic]
        items = self.items.examples_over_categories(doc, clause, items)
        recipient, via, out_of_scope = self.roles.destination(doc, clause, governing.start, mentions)
        if out_of_scope:
            return
        said_by = self._said_by(clause, kind, hedged, subject, according_to, state.author)
        considerer = None
        if hedged:
            hedge_subject = self.roles.subject(doc, sentence.tokens.start, hedges[0], mentions, state.last_person, None, state.narrator)
            if isinstance(hedge_subject, list) and hedge_subject:
                considerer = self.vocabulary.acting_state(hedge_subject[-1])
        day = self._date(mentions, clause, first_clause)
        evidence = (sentence.span,)
        pattern = f"{'hedged-' if hedged else ''}{governing.group}"

        if not items:
            if governing.kind is ClaimKind.FUNDING and agents and (governing.group == "funding_join" or reference is not None or self._refers_back(doc, clause, governing)):
                self._anaphoric_funding(article, state, governing, agents, said_by, day, evidence, hedged)
            return

        base_agents = agents or [None]
        for item in items:
            for agent in base_agents:
                acting = self.vocabulary.acting_state(agent) if agent else None
                provider = funder = None
                if kind is ClaimKind.FUNDING:
                    funder = acting
                    seller = self.roles.after_word(doc, clause, governing.end, mentions, ("from",))
                    provider = self.vocabulary.acting_state(seller) if seller and seller != self.ukraine else None
                elif kind is ClaimKind.REQUEST:
                    provider = acting if governing.group == "request_object_provider" else self.roles.after_word(doc, clause, governing.end, mentions, ("from",))
                elif kind is ClaimKind.CONSIDERATION:
                    provider, funder = self._considered_roles(doc, clause, triggers, mentions, state, considerer or acting)
                    if provider is None and funder is None:
                        continue
                else:
                    provider = acting
                claim = Claim(
                    article_id=article.id,
                    kind=kind,
                    system=item.iri,
                    evidence=evidence,
                    recipient=recipient or self.ukraine,
                    provider=provider,
                    funder=funder,
                    via=via,
                    quantity=item.quantity,
                    unit=item.unit,
                    said_by=said_by,
                    date=day,
                    pattern=pattern,
                )
                claim = _with_money(claim, money, self.vocabulary)
                if kind is not ClaimKind.REQUEST and not (claim.provider or claim.funder or claim.via):
                    continue  # "at least 30 countries have provided", "the halt in shipments": nobody named
                state.claims.append(claim)
                if agent is not None:
                    self._ellipsis(doc, clause, item, claim, mentions, state)

    def _refers_back(self, doc: Doc, clause: Clause, trigger: Trigger) -> bool:
        """"cover the costs of these weapons", "pay for them": the payment is for an earlier transfer.

        Without such a word ("$13 billion in grant financing for budget support") it is not.
        """
        words = {t.lower_ for t in doc[trigger.start:clause.end]}
        return bool(words & self.lexicon.anaphors)

    def _considered_roles(
        self, doc: Doc, clause: Clause, triggers: list[Trigger], mentions: SentenceMentions, state: _ArticleState, considerer: str | None
    ) -> tuple[str | None, str | None]:
        """Who would provide and who would pay in a considered transfer.

        A consideration is the considering actor's own: "His idea is that the US would supply"
        is not a US consideration, so it makes no claim.
        """
        provider = funder = None
        for trigger in triggers:
            subject = self.roles.subject(doc, clause.start, trigger.start, mentions, state.last_person, clause.speaker, state.narrator)
            actor = self.vocabulary.acting_state(subject[-1]) if isinstance(subject, list) and subject else None
            if trigger.kind is ClaimKind.FUNDING and funder is None:
                funder = actor
            elif trigger.kind is not ClaimKind.FUNDING and provider is None:
                provider = actor
        provider = provider or (considerer if funder is None else None)
        if considerer is not None and considerer not in (provider, funder):
            return None, None
        return provider, funder

    def _anaphoric_funding(
        self,
        article: Article,
        state: _ArticleState,
        trigger: Trigger,
        funders: list[str],
        said_by: str | None,
        day: date | None,
        evidence: tuple,
        hedged: bool,
    ) -> None:
        """"NATO members would cover the costs of these weapons": pay for the last transfer."""
        wanted = (ClaimKind.FUNDING,) if trigger.group == "funding_join" else _TRANSFER_KINDS
        for funder_mention in funders:
            funder = self.vocabulary.acting_state(funder_mention)
            # the last transfer that nobody else is said to pay for
            source_index = next(
                (
                    i
                    for i in range(len(state.claims) - 1, -1, -1)
                    if state.claims[i].kind in wanted and (wanted == (ClaimKind.FUNDING,) or state.claims[i].funder in (None, funder))
                ),
                None,
            )
            if source_index is None:
                continue
            source = state.claims[source_index]
            state.claims.append(
                replace(
                    source,
                    kind=ClaimKind.CONSIDERATION if hedged else ClaimKind.FUNDING,
                    funder=funder,
                    said_by=said_by or source.said_by,
                    date=day,
                    evidence=evidence,
                    value=None if source.kind is not ClaimKind.FUNDING else source.value,
                    pattern=f"anaphoric-{trigger.group}",
                )
            )
            if source.kind is not ClaimKind.FUNDING and source.funder is None:
                state.claims[source_index] = source = replace(source, funder=funder)

    def _ellipsis(self, doc: Doc, clause: Clause, item: Mention, claim: Claim, mentions: SentenceMentions, state: _ArticleState) -> None:
        """", Norway for one": repeat the claim for another actor with another count."""
        for mention in mentions.actors:
            if not (item.token_end < mention.token_start < clause.end) or doc[mention.token_start - 1].lower_ not in (",", "and"):
                continue
            index = mention.token_end
            if index < clause.end and doc[index].lower_ == "for":
                index += 1
            if index >= clause.end:
                continue
            number = self.finder.number_at(doc, index, clause.start)
            if number is None or (index + 1 < clause.end and doc[index + 1].is_alpha and doc[index + 1].lower_ not in ("and", "or")):
                continue
            actor = self.vocabulary.acting_state(mention.iri)
            role = {"funder": actor} if claim.kind is ClaimKind.FUNDING else {"provider": actor}
            state.claims.append(replace(claim, quantity=number, pattern="ellipsis", **role))

    # ------------------------------------------------------------------ roles
    def _said_by(
        self, clause: Clause, kind: ClaimKind, hedged: bool, subject: list[str] | str | None, according_to: str | None, author: str | None
    ) -> str | None:
        """Who the article attributes the claim to.

        The speaker of a speech verb, else a person who is the subject of a public act, else the
        author of a signed statement, else the source of "according to X".
        """
        if clause.speaker or clause.own_speaker:
            return clause.speaker or clause.own_speaker
        if isinstance(subject, list) and subject and not hedged and kind.value in self.lexicon.self_attributed_kinds:
            if self.vocabulary.actor_type(subject[-1]) is ActorType.PERSON:
                return subject[-1]
        return author or according_to

    @staticmethod
    def _date(mentions: SentenceMentions, clause: Clause, first_clause: bool) -> date | None:
        for index, day in mentions.dates:
            if clause.start <= index < clause.end or first_clause and index < clause.start:
                return day
        return None


def _introduces_list(sentence: Sentence) -> bool:
    """A line ending in ":" introduces a list; its items make the claims."""
    return sentence.span.text.rstrip().endswith(":")


def _continued_lists(clauses: list[Clause], triggers: list[Trigger], doc: Doc) -> list[Clause]:
    """"We have provided helicopters; Unmanned Coastal Defense Vessels, …": a part after ";"
    without a claim verb of its own continues the list of the part before it."""
    joined: list[Clause] = []
    for clause in clauses:
        own_trigger = any(clause.start <= t.start < clause.end for t in triggers)
        if joined and doc[clause.start].text == ";" and not own_trigger:
            joined[-1] = replace(joined[-1], end=clause.end)
            continue
        joined.append(clause)
    return joined


def _with_money(claim: Claim, money: Money | None, vocabulary: Vocabulary) -> Claim:
    """Money goes to generic aid claims; a known figure makes the provider its funder too."""
    if money is None or vocabulary.system_classes.get(claim.system, "").rsplit("#", 1)[-1] != "MilitaryAid":
        return claim
    funder = claim.funder
    if money.value is not None and funder is None and claim.kind is not ClaimKind.REQUEST:
        funder = claim.provider
    return replace(
        claim,
        unit=money.currency,
        quantity=None,
        value=money.value,
        currency=money.currency if money.value is not None else None,
        funder=funder,
    )


@lru_cache(maxsize=4)
def claim_extractor(vocabulary: Vocabulary) -> ClaimExtractor:
    """The ClaimExtractor of a vocabulary, built once."""
    return ClaimExtractor(vocabulary)


def extract(article: Article, vocabulary: Vocabulary) -> ExtractionResult:
    """Extract claims and mentions from one article with the given vocabulary."""
    return claim_extractor(vocabulary).extract(article)
