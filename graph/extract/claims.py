"""Claims from frames: each trigger of a parsed sentence, with its roles filled by mentions.

For each sentence (graph/segments.py) the mentions are found first (graph/mentions.py); a
sentence where a trigger word and a mention meet is parsed (parse.py); every verb whose lemma
has a frame (frames.yaml) gives claims when its context allows (modality.py): one claim per item
and per actor of the role that makes claims distinct (the funder of a funding, else the
provider). Roles come from grammatical relations (grammar.py), speakers from speech verbs
(attribution.py), and what earlier sentences said (the last person, the items named so far)
from graph/extract/discourse.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Token

from graph.extract.attribution import Source, speech_source
from graph.extract.discourse import Discourse
from graph.extract.frames import GOVERNING_SUBJECT, Frame, Inventory
from graph.extract.grammar import (
    particles,
    path_up,
    phrase_heads,
    phrase_tokens,
    relations,
    subject,
)
from graph.extract.lists import ListFrame
from graph.extract.mentions import SentenceMentions
from graph.extract.modality import Modality, modality
from graph.extract.parsed import ParsedSentence
from graph.extract.references import resolve_reference
from graph.iris import unlisted_kind, unlisted_label
from graph.model import ActorType, Article, Claim, ClaimKind, Mention, Money
from graph.read.sentences import Sentence
from graph.vocabulary import Vocabulary

_SELF_ATTRIBUTED = frozenset({ClaimKind.REQUEST, ClaimKind.PLEDGE, ClaimKind.FUNDING, ClaimKind.DELIVERY, ClaimKind.SUSPENSION})
_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
_GOVERNMENT_NOUNS = frozenset({"country", "government", "administration", "nation", "cabinet"})
_THIRD_PERSON = frozenset({"it", "they", "its", "their"})
_FIRST_PERSON = frozenset({"we", "i", "us", "me", "our", "my"})
_CONTENT_VERBS = frozenset({"include", "contain", "comprise"})
_PACKAGE_WORDS = frozenset({"capability", "assistance", "aid", "support", "tranche", "list"})
_EXAMPLE_CUES = frozenset({"like", "including", "include", "includes", "included"})


class FrameClaims:
    """Builds claims from the frames of parsed sentences; one per vocabulary and inventory."""

    def __init__(self, vocabulary: Vocabulary, inventory: Inventory, ukraine: str | None, personnel_nouns: frozenset[str]) -> None:
        self.vocabulary = vocabulary
        self.inventory = inventory
        self.ukraine = ukraine
        self.personnel_nouns = personnel_nouns
        self.military_aid = vocabulary.resolve_name("military aid")
        resolved = {word: vocabulary.resolve_name(name) for word, name in inventory.demonyms.items()}
        self.demonyms = {word: iri for word, iri in resolved.items() if iri is not None}  # names the vocabulary lacks are skipped

    def parsed(self, sentence: Sentence, parse: Doc, mentions: SentenceMentions) -> ParsedSentence:
        """The sentence with its parse and mentions indexed by parse token."""
        return ParsedSentence.of(sentence, parse, mentions, self.demonyms)

    # ------------------------------------------------------------------ triggers
    def triggers(self, parse: Doc) -> Iterator[tuple[Token, Frame]]:
        """Each verb with a frame of its lemma, and each hand-over noun ("the transfer of ...")."""
        for token in parse:
            lemma = token.lemma_.lower()
            if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
                for frame in self.inventory.frames_for(lemma):
                    if frame.particles and not frame.particles & particles(token):
                        continue
                    if not frame.particles and lemma in _PHRASAL_ONLY:
                        continue
                    yield token, frame
                    break
            elif token.pos_ == "NOUN" and (noun := self.inventory.nominal_frame(lemma)) is not None:
                yield token, noun
            elif token.pos_ == "NOUN" and token.dep_ == "attr" and self.inventory.agent_nouns and lemma in self.inventory.agent_nouns.lemmas:
                yield token, self.inventory.agent_nouns

    # ------------------------------------------------------------------ claims of a sentence
    def sentence_claims(self, article: Article, parsed: ParsedSentence, discourse: Discourse) -> list[Claim]:
        discourse.sentence_claims = []
        for trigger, frame in self.triggers(parsed.parse):
            if frame.kind == "request" and any(c.dep_ == "xcomp" for c in trigger.children):
                continue  # "urged Berlin to send Taurus": the request is read at "send"
            context = modality(trigger, frame, self.inventory)
            if context is None:
                continue
            discourse.sentence_claims.extend(self._frame_claims(article, parsed, trigger, frame, context, discourse))
        for verb in parsed.parse:
            if verb.lemma_.lower() in _CONTENT_VERBS and verb.tag_ in ("VBZ", "VBP", "VBD"):  # not "including"
                discourse.sentence_claims.extend(self._contents(article, parsed, verb, discourse))
            elif verb.lemma_ == "be" and verb.dep_ == "ROOT":
                discourse.sentence_claims.extend(self._arrived(parsed, verb, discourse))
        claims, discourse.sentence_claims = discourse.sentence_claims, []
        return claims

    def _arrived(self, parsed: ParsedSentence, verb: Token, discourse: Discourse) -> list[Claim]:
        """"Two Patriot systems are already in Ukraine": a delivery of named systems, by whoever
        the article said provides them."""
        where = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children if g.dep_ == "pobj"]
        things = [c for c in verb.children if c.dep_ == "nsubj"]
        if not where or not things or self.vocabulary.acting_state(parsed.actors[where[0].i].iri if where[0].i in parsed.actors else None) != self.ukraine:
            return []
        claims = []
        for item in self._items(parsed, verb, things, discourse):
            earlier = next((c for c in reversed([*discourse.claims, *discourse.sentence_claims]) if c.system == item.iri and c.provider), None)
            if earlier is not None and not item.generic:
                claims.append(replace(earlier, kind=ClaimKind.DELIVERY, quantity=item.quantity, unit=item.unit or earlier.unit,
                                      evidence=(parsed.sentence.span,), date=discourse.day(parsed), pattern="in-ukraine:delivery"))
        return claims

    def _contents(self, article: Article, parsed: ParsedSentence, verb: Token, discourse: Discourse) -> list[Claim]:
        """"a new package ..., which includes ammunition and mine-clearing systems", "The
        package contains ...": the contents take the frame of the package's claim."""
        whole = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if whole is None:
            return []
        if whole.lower_ in ("which", "that") and verb.dep_ == "relcl":
            whole = verb.head
        if whole.i in parsed.actors or whole.lemma_.lower() not in self.inventory.nominal_lemmas | _PACKAGE_WORDS:
            return []
        source = next((c for c in reversed([*discourse.claims, *discourse.sentence_claims])
                       if c.kind in (ClaimKind.PLEDGE, ClaimKind.DELIVERY, ClaimKind.CONSIDERATION, ClaimKind.FUNDING)), None)
        if source is None:
            # "there is a new package that includes ...", said by someone who speaks for a state
            speaker = self._speaker(parsed, speech_source(verb, self.inventory), discourse)
            provider = (self._acting(self._item_providers(parsed, [whole], discourse), discourse) or self._acting([speaker] if speaker else [], discourse) or [None])[0]
            if provider is None:
                return []
            source = Claim(article.id, ClaimKind.PLEDGE, "", (parsed.sentence.span,), recipient=self.ukraine, provider=provider,
                           said_by=speaker, date=discourse.day(parsed))
        objects = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
        items = self._items(parsed, verb, objects, discourse)
        return [
            replace(source, system=item.iri, quantity=item.quantity, unit=item.unit, value=None, currency=None,
                    evidence=(parsed.sentence.span,), pattern="contents")
            for item in items if not item.generic
        ]

    def _frame_claims(
        self, article: Article, parsed: ParsedSentence, trigger: Token, frame: Frame, context: Modality, discourse: Discourse
    ) -> list[Claim]:
        fillers = self._fillers(parsed, trigger, frame)
        kind = ClaimKind(context.kind)
        # "provide Ukraine with air defence": an actor in the object slot is the recipient
        roles = set(frame.roles.values())
        if any((noun := self.inventory.nominal_frame(w.lemma_.lower())) is not None and noun.kind != frame.kind
               and noun.kind == "funding" for w in fillers.get("item", [])):
            return []  # "considering a purchase of NASAMS": the purchase frame reads it
        for word in list(fillers.get("item", [])):
            if word.i in parsed.actors and roles & {"recipient", "asked"}:
                fillers["item"].remove(word)
                fillers.setdefault("recipient" if "recipient" in roles else "asked", []).append(word)
        actors = {role: self._actors(parsed, words, discourse) for role, words in fillers.items() if role != "item"}
        governing_role = frame.roles.get(GOVERNING_SUBJECT)
        partner = self._talks_partner(trigger)
        if governing_role is not None and not actors.get(governing_role) and partner is not None:
            actors[governing_role] = self._actors(parsed, [partner], discourse)  # "talks with Sweden about deliveries"
        if governing_role is not None and not actors.get(governing_role):
            # "Germany announced the transfer of ...", "Canada is considering a purchase of ..."
            actors[governing_role] = self._actors(parsed, [w for w in [_governing_subject(trigger)] if w is not None], discourse)
        items = self._items(parsed, trigger, fillers.get("item", []), discourse)
        if not items and parsed.sentence.span.text.rstrip().endswith(":") and discourse.intro_frame is None:
            # "Earlier assistance Norway committed to Ukraine includes:": the list's frame
            acting = self._acting(actors.get("funder" if kind is ClaimKind.FUNDING else "provider", []), discourse)
            if acting:
                role = {"funder": acting[0]} if kind is ClaimKind.FUNDING else {"provider": acting[0]}
                discourse.intro_frame = ListFrame(kind, role.get("provider"), role.get("funder"), self.ukraine, None,
                                                  discourse.author, discourse.day(parsed))
        if not items and frame.refers_back and any(w.lemma_.lower() in frame.refers_back for w in fillers.get("item", [])):
            return self._referring_claims(parsed, trigger, frame, context, actors, discourse)
        if not items:
            return []
        source = speech_source(trigger, self.inventory)
        said_by = self._speaker(parsed, source, discourse)
        self._note_source(said_by, discourse)
        recipient, via, in_scope = self._destination(actors.get("recipient", []), actors.get("via", []))
        if not in_scope:
            return []
        requester = [self.vocabulary.acting_state(a) for a in actors.get("requester", [])]
        if kind is ClaimKind.REQUEST and any(r not in (self.ukraine, None) for r in requester):
            return []  # another state asking for something: out of scope
        if context.governor is not None and kind is ClaimKind.REQUEST and not requester:
            governing_subject = subject(context.governor)
            requester = self._actors(parsed, [governing_subject] if governing_subject is not None else [], discourse)
        people = [a for role in ("requester", "provider", "funder") for a in actors.get(role, [])
                  if self.vocabulary.actor_type(a) is ActorType.PERSON]
        if said_by is None and people and kind in _SELF_ATTRIBUTED:
            said_by = people[0]
        said_by = said_by or discourse.author
        if said_by is None and kind is not ClaimKind.CONSIDERATION:
            said_by = discourse.lede_source  # deliberations are reported, not said: they keep no carried source
        if kind is ClaimKind.REQUEST:
            providers = actors.get("asked", []) or actors.get("provider", [])
        else:
            providers = actors.get("provider", [])
        providers = self._acting(providers, discourse)
        funders = self._acting(actors.get("funder", []), discourse)
        if not providers and kind is not ClaimKind.FUNDING:
            providers = self._acting(self._item_providers(parsed, fillers.get("item", []), discourse), discourse)
        if kind is not ClaimKind.REQUEST and self.ukraine in providers and frame.kind != "funding":
            return []  # Ukraine giving: not support to Ukraine
        if not providers and not funders and kind in (ClaimKind.SUSPENSION, ClaimKind.DELIVERY, ClaimKind.PLEDGE) and _agentless_passive(trigger):
            # "what is being withheld: ...", "would still be delivered": whoever the article said does it
            earlier = next((c for c in reversed([*discourse.claims, *discourse.sentence_claims]) if c.kind is kind and c.provider), None)
            if earlier is not None:
                providers = [earlier.provider]
        if kind is ClaimKind.FUNDING and not providers and any(_refers_back(w) for w in fillers.get("item", [])):
            paid_for = {m.iri for m in items}
            transfer = next((c for c in reversed([*discourse.claims, *discourse.sentence_claims])
                             if c.kind in (ClaimKind.PLEDGE, ClaimKind.DELIVERY) and c.system in paid_for and c.provider), None)
            if transfer is not None:  # "NATO members would cover the costs of these weapons"
                providers = [transfer.provider]
                actors.setdefault("via", []) if transfer.via is None else None
                via = via or transfer.via
        money = self._money(parsed, trigger)
        named_recipient = any(self.vocabulary.acting_state(a) == self.ukraine for a in actors.get("recipient", []))
        if money is None and not named_recipient and kind not in (ClaimKind.SUSPENSION, ClaimKind.REQUEST):
            items = [m for m in items if not m.generic]  # "weapons" alone says too little
        day = discourse.day(parsed)
        distinct = funders if kind is ClaimKind.FUNDING or (funders and not providers) else providers
        others = providers if distinct is funders else funders
        claims = []
        for item in items:
            for actor in distinct or [None]:
                claim = Claim(
                    article_id=article.id,
                    kind=kind,
                    system=item.iri,
                    evidence=(parsed.sentence.span,),
                    recipient=recipient,
                    provider=actor if distinct is providers else (others[0] if others else None),
                    funder=actor if distinct is funders else (others[0] if others else None),
                    via=via,
                    quantity=item.quantity,
                    unit=item.unit,
                    said_by=said_by,
                    date=day,
                    pattern=f"{frame.name}:{kind.value}" + (f":{context.cue}" if context.cue else ""),
                )
                claim = _with_money(claim, money, self.vocabulary)
                if kind is not ClaimKind.REQUEST and not (claim.provider or claim.funder):
                    continue  # nobody named gives: "at least 30 countries have provided"
                if kind is ClaimKind.FUNDING and not claim.funder:
                    continue  # a payment with nobody named paying
                claims.append(claim)
                if actor is not None:
                    claims.extend(self._ellipsis(parsed, trigger, claim))
        return claims

    def _talks_partner(self, noun: Token) -> Token | None:
        """The "with" partner of talks a hand-over noun is the topic of ("talks with Sweden
        about possible deliveries of Gripen"): the one who would provide."""
        for word, _ in path_up(noun, limit=4):
            talks = [word] if word.lemma_.lower() in self.inventory.hedge_nouns else [
                c for c in word.children if c.dep_ == "dobj" and c.lemma_.lower() in self.inventory.hedge_nouns]
            for holder in talks + ([word] if talks else []):
                partner = next((g for c in holder.children if c.dep_ == "prep" and c.lower_ == "with"
                                for g in c.children if g.dep_ == "pobj"), None)
                if partner is not None:
                    return partner
        return None

    def _note_source(self, said_by: str | None, discourse: Discourse) -> None:
        """Outlets and institutes a claim is attributed to are the article's cited sources (its
        PROV reporting chain: "according to Reuters", "RBC-Ukraine, citing Der Spiegel")."""
        if said_by is not None and self.vocabulary.actor_type(said_by) is ActorType.ORGANISATION:
            discourse.cited.append(said_by)
            if discourse.lede_source is None and self.vocabulary.is_outlet(said_by):
                discourse.lede_source = said_by  # "..., NBC News reported": the article's source from then on

    def _acting(self, actors: list[str], discourse: Discourse) -> list[str]:
        """The states or bodies actors act for, without repeats; a person whose state neither
        the vocabulary nor the text tells acts for nobody (the person stays the speaker)."""
        acting: list[str] = []
        for actor in actors:
            state = discourse.affiliation(actor, unlisted_label(actor) if unlisted_kind(actor) else None) or self.vocabulary.acting_state(actor)
            if state is None or self.vocabulary.actor_type(state) is ActorType.PERSON or unlisted_kind(state) == "person":
                continue
            if state not in acting:
                acting.append(state)
        return acting

    def _item_providers(self, parsed: ParsedSentence, words: list[Token], discourse: Discourse) -> list[str]:
        """"announced a new British package": the nationality or owner of a hand-over noun."""
        found: list[str] = []
        for word in words:
            if word.lemma_.lower() not in self.inventory.nominal_lemmas | _PACKAGE_WORDS:
                continue
            announcer = _governing_subject(word)  # "announcing a surge in assistance, which will provide"
            if announcer is not None and announcer.i != word.i:
                found.extend(self._actors(parsed, [announcer], discourse))
            for child in word.children:
                if child.dep_ in ("amod", "poss", "compound", "nmod") and child.i in parsed.actors:
                    found.append(parsed.actors[child.i].iri)
        for word in words:
            # "cover the cost of German Leopard 2 tanks": the nationality of the item itself
            for index in phrase_tokens(word):
                token = parsed.parse[index]
                if token.dep_ == "amod" and index in parsed.actors and token.head.i in parsed.systems:
                    found.append(parsed.actors[index].iri)
        return found

    def _referring_claims(
        self, parsed: ParsedSentence, trigger: Token, frame: Frame, context: Modality, actors: dict[str, list[str]], discourse: Discourse
    ) -> list[Claim]:
        """"NATO members would cover the costs": funding of the last transfer claim;
        "Sweden plans to join the effort": the last funding claim again, with a new funder."""
        wanted = ("pledge", "delivery", "consideration") if frame.refers_to == "transfer" else ("funding",)
        funders = [self.vocabulary.acting_state(a) for a in actors.get("funder", [])]
        earlier = [*discourse.claims, *discourse.sentence_claims]
        source = next((c for c in reversed(earlier) if c.kind.value in wanted and (frame.refers_to != "transfer" or c.funder in (None, *funders))), None)
        if source is None or not funders:
            return []
        kind = ClaimKind.CONSIDERATION if context.kind == "consideration" else ClaimKind.FUNDING
        source_speech = speech_source(trigger, self.inventory)
        said_by = self._speaker(parsed, source_speech, discourse) or source.said_by
        self._note_source(said_by, discourse)
        claims = [
            replace(source, kind=kind, funder=funder, said_by=said_by, date=discourse.day(parsed),
                    evidence=(parsed.sentence.span,), value=source.value if source.kind is ClaimKind.FUNDING else None,
                    pattern=f"{frame.name}:refers-back")
            for funder in funders
        ]
        if frame.refers_to == "transfer" and source.funder is None:
            discourse.set_funder(source, funders[0])
        return claims

    def _ellipsis(self, parsed: ParsedSentence, trigger: Token, claim: Claim) -> list[Claim]:
        """"Germany will pay for two systems, Norway for one": the claim again for another
        actor with another count, from an actor followed by "for" and a number after the item."""
        doc = parsed.parse
        repeated = []
        for token in trigger.subtree:
            mention = parsed.actors.get(token.i)
            if mention is None or token.i == 0 or doc[token.i - 1].lower_ not in (",", "and") or mention.iri == self.ukraine:
                continue
            after = mention.token_end - parsed.sentence.tokens.start
            if after + 1 >= len(doc) or doc[after].lower_ != "for":
                continue
            number = _number(doc[after + 1])
            if number is None or after + 2 < len(doc) and doc[after + 2].is_alpha and doc[after + 2].lower_ not in ("and", "or"):
                continue
            actor = self.vocabulary.acting_state(mention.iri)
            role = {"funder": actor} if claim.kind is ClaimKind.FUNDING else {"provider": actor}
            repeated.append(replace(claim, quantity=number, pattern="ellipsis", **role))
        return repeated

    # ------------------------------------------------------------------ roles
    def _fillers(self, parsed: ParsedSentence, trigger: Token, frame: Frame) -> dict[str, list[Token]]:
        """Role -> the words filling it, from the trigger's relations and its controller."""
        roles = set(frame.roles.values())
        fillers: dict[str, list[Token]] = {}
        found = list(relations(trigger))
        for relation, word in found:
            role = frame.roles.get(relation)
            if role is not None:
                fillers.setdefault(role, []).append(word)
        if not any(rel in ("nsubj", "nsubjpass") for rel, _ in found) and "nsubj" in frame.roles:
            controller = subject(trigger)
            if controller is not None:
                # "launchers are to be supplied by Norway": a passive verb's subject is its object
                passive = any(c.dep_ == "auxpass" for c in trigger.children) and "nsubjpass" in frame.roles
                fillers.setdefault(frame.roles["nsubjpass" if passive else "nsubj"], []).append(controller)
        for role in ("provider", "funder"):
            for word in list(fillers.get(role, [])):
                if word.lemma_.lower() in self.inventory.nominal_lemmas and word.i not in parsed.actors:
                    fillers[role].remove(word)  # "deliveries would resume": the hand-over is the item
                    fillers.setdefault("item", []).append(word)
        if trigger.dep_ == "relcl" and (any(w.lower_ in ("which", "that") for w in fillers.get("item", [])) or "item" not in fillers):
            fillers["item"] = [trigger.head]  # "the tanks, which Germany has pledged", "the weapons the US has provided"
        if trigger.dep_ == "acl" and "item" not in fillers:
            fillers["item"] = [trigger.head]  # "the Patriot systems sent by Germany"
        # "shipments of Patriot interceptors to Ukraine", "a battery from Germany": the item
        # phrase's own origin and destination count
        for word in list(fillers.get("item", [])):
            noun = self.inventory.nominal_frame(word.lemma_.lower())
            noun_roles = noun.roles if noun is not None else {"from": "provider", "to": "recipient"}
            for relation, inner in relations(word):
                role = noun_roles.get(relation)
                if role not in (None, "item", GOVERNING_SUBJECT) and role not in fillers and (role != "provider" or "provider" in roles):
                    fillers.setdefault(role, []).append(inner)
        return fillers

    def _actors(self, parsed: ParsedSentence, words: list[Token], discourse: Discourse) -> list[str]:
        """Actor IRIs of the noun phrases headed by `words`, conjuncts included.

        "countries like Germany and Spain": the examples of a group are its actors.
        """
        found: list[str] = []
        for word in words:
            examples = [g for c in word.children if c.dep_ == "prep" and c.lower_ in ("like", "including", "as")
                        for g in c.children if g.dep_ == "pobj"]
            for head in [h for example in examples for h in phrase_heads(example)] or phrase_heads(word):
                iri = self._actor_of(parsed, head, discourse)
                if iri is not None and iri not in found:
                    found.append(iri)
        return found

    def _actor_of(self, parsed: ParsedSentence, head: Token, discourse: Discourse) -> str | None:
        mention = parsed.actors.get(head.i)
        if mention is not None:
            if unlisted_kind(mention.iri) == "person" and mention.iri not in discourse.affiliations:
                state = self._state_in_phrase(parsed, head)
                if state is not None:
                    discourse.affiliations[mention.iri] = state
                    if mention.label:
                        discourse.affiliations[mention.label.split()[-1].lower()] = state
            return mention.iri
        lower = head.lower_
        if lower in _PRONOUNS or lower in _THIRD_PERSON:
            speaker = self._reporting_speaker(parsed, head, discourse)
            if speaker is not None and (lower in _PRONOUNS or self.vocabulary.actor_type(speaker) is not ActorType.PERSON):
                return speaker
            if lower in _THIRD_PERSON:
                return self._acting_or_none(speaker, discourse)
            return discourse.last_person
        if lower in _FIRST_PERSON:
            return discourse.first_person(parsed, head, self._reporting_speaker(parsed, head, discourse))
        if lower in _GOVERNMENT_NOUNS and any(c.dep_ == "poss" and c.lower_ in ("my", "our") for c in head.children):
            return self._acting_or_none(discourse.first_person(parsed, head, self._reporting_speaker(parsed, head, discourse)), discourse)
        if lower in _GOVERNMENT_NOUNS and any(c.dep_ == "poss" and c.lower_ in ("his", "her", "its", "their") for c in head.children):
            # "Pistorius said his country has pledged": the speaker's state
            speaker = self._reporting_speaker(parsed, head, discourse) or discourse.last_person
            return self._acting_or_none(speaker, discourse)
        # "the government of Germany", "the German government": a mention inside the phrase
        for index in phrase_tokens(head):
            token = parsed.parse[index]
            if index in parsed.actors and not _under_other_preposition(token, head):
                return parsed.actors[index].iri
            described = discourse.description(token)
            if described is not None:
                return described  # "members of this group"
        return None

    def _state_in_phrase(self, parsed: ParsedSentence, head: Token) -> str | None:
        """A state named in a person's title: "Polish Prime Minister X", "Canada's minister, X"."""
        words = [head, head.head] if head.dep_ == "appos" else [head]
        for word in words:
            for index in phrase_tokens(word):
                mention = parsed.actors.get(index)
                if mention is not None and self.vocabulary.actor_type(mention.iri) is ActorType.STATE:
                    return mention.iri
        return None

    def _reporting_speaker(self, parsed: ParsedSentence, word: Token, discourse: Discourse) -> str | None:
        """The actor a pronoun in reported speech stands for: the subject of the speech verb
        ("Britain said it had begun supplying": Britain; "Sunak said he would": Sunak)."""
        source = speech_source(word, self.inventory)
        if source is None or source.word.i == word.i or source.word.lower_ in _PRONOUNS | _THIRD_PERSON:
            return None
        mention = parsed.actors.get(source.word.i)
        return mention.iri if mention is not None else self._actor_of(parsed, source.word, discourse)

    def _acting_or_none(self, actor: str | None, discourse: Discourse) -> str | None:
        """The state an actor acts for; an unlisted person's state as the text described it."""
        if actor is None:
            return None
        state = discourse.affiliation(actor, unlisted_label(actor) if unlisted_kind(actor) else None) or self.vocabulary.acting_state(actor)
        return None if state == actor and self.vocabulary.actor_type(actor) is ActorType.PERSON or unlisted_kind(state) == "person" else state

    def _items(self, parsed: ParsedSentence, trigger: Token, words: list[Token], discourse: Discourse) -> list[Mention]:
        """System mentions in the item phrases; "the systems" resolves to the item named last."""
        items: list[Mention] = []
        seen: set[int] = set()
        cue = None
        for word in words:
            for index in phrase_tokens(word):
                token = parsed.parse[index]
                if token.lower_ in _EXAMPLE_CUES or token.lower_ == "as" and index and parsed.parse[index - 1].lower_ == "such":
                    cue = index if cue is None else min(cue, index)
                mention = parsed.systems.get(index)
                if mention is None or id(mention) in seen:
                    continue
                seen.add(id(mention))
                if self._support_item(parsed, mention):
                    items.append(mention)
        if not items and self.military_aid is not None and any(
            parsed.parse[i].lemma_.lower() in _PACKAGE_WORDS | self.inventory.nominal_lemmas or i in parsed.money
            for w in words for i in phrase_tokens(w)
        ) and any(i in parsed.money for w in words for i in [*phrase_tokens(w), *(c.i for c in w.head.children)]):
            # "a package worth 1.5 billion euros", "pledged €1.2bn": money without a named item
            first = parsed.sentence.tokens.start + words[0].i
            return [Mention("system", self.military_aid, parsed.sentence.span, first, first + 1, generic=True)]
        if not items and any(w.lower_ == "what" for w in words):
            # "listed what is being withheld: several dozen Patriot interceptors, ...": the list after the colon
            colon = next((t.i for t in parsed.parse if t.text == ":" and t.i > trigger.i), None)
            if colon is not None:
                return [m for i, m in sorted(parsed.systems.items()) if i > colon and self._support_item(parsed, m)
                        and (i == 0 or parsed.systems.get(i - 1) is not m) and not _in_clause(parsed.parse[i], colon)]
        if not items and any(w.lower_ in ("them", "it") for w in words):
            # "refurbish 100 Leopard 1 tanks and send them": the items named before it
            pronoun = min(w.i for w in words if w.lower_ in ("them", "it"))
            before = [m for i, m in sorted(parsed.systems.items()) if i < pronoun and not m.generic]
            if before:
                return [before[-1]]
            latest = [*discourse.claims, *discourse.sentence_claims]
            return [_as_mention(latest[-1])] if latest else []
        if not items and words:
            base = parsed.sentence.tokens.start
            lo = base + min(i for w in words for i in phrase_tokens(w))
            hi = base + max(i for w in words for i in phrase_tokens(w)) + 1
            reference = resolve_reference(parsed.mentions, lo, hi, discourse.items)
            if reference is not None:
                items.append(reference)
        if any(not m.generic for m in items):
            items = [m for m in items if not m.generic]
        elif items and discourse.items and all(self._definite(parsed, m) for m in items):
            # "agreed to supply the weapons": the item of the last transfer, else the item named last
            transfer = next((c for c in reversed([*discourse.claims, *discourse.sentence_claims])
                             if c.kind in (ClaimKind.PLEDGE, ClaimKind.DELIVERY)), None)
            items = [replace(_as_mention(transfer), quantity=None) if transfer is not None else replace(discourse.items[-1], quantity=None)]
        if cue is not None:
            base = parsed.sentence.tokens.start
            examples = [m for m in items if m.token_start - base > cue]
            if examples:
                aid = self.vocabulary.system_classes
                items = [m for m in items if m.token_start - base > cue or aid.get(m.iri, "").endswith("MilitaryAid")]
        return items

    @staticmethod
    def _definite(parsed: ParsedSentence, mention: Mention) -> bool:
        head = parsed.parse[mention.token_end - 1 - parsed.sentence.tokens.start]
        return any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in head.children)

    def _support_item(self, parsed: ParsedSentence, mention: Mention) -> bool:
        """Not the recipient's own ("Ukraine's air defence"), not people ("F-16 pilots")."""
        base = parsed.sentence.tokens.start
        end = mention.token_end - base
        if end < len(parsed.parse) and parsed.parse[end].lower_ in self.personnel_nouns:
            return False
        head = parsed.parse[end - 1]
        for child in head.children:
            if child.dep_ in ("poss", "amod") and child.i < mention.token_start - base:
                owner = parsed.actors.get(child.i)
                if owner is not None and owner.iri == self.ukraine and child.dep_ == "poss":
                    return False
                if child.lower_ in ("ukrainian", "ukraine's", "kyiv's"):
                    return False
        return True

    def _destination(self, recipients: list[str], vias: list[str]) -> tuple[str | None, str | None, bool]:
        """(recipient, via, in scope): an alliance or fund as destination is the channel."""
        via = vias[0] if vias else None
        for actor in recipients:
            kind = self.vocabulary.actor_type(actor)
            state = self.vocabulary.acting_state(actor)
            if state == self.ukraine:
                return self.ukraine, via, True
            if kind is ActorType.ORGANISATION and via is None:
                via = actor
            elif kind is ActorType.STATE:
                return None, None, False  # support to another state is out of scope
        return self.ukraine, via, True

    def _speaker(self, parsed: ParsedSentence, source: Source | None, discourse: Discourse) -> str | None:
        if source is None:
            return None
        found = [iri for head in phrase_heads(source.word) if (iri := self._actor_of(parsed, head, discourse)) is not None]
        people = [iri for iri in found if self.vocabulary.actor_type(iri) is ActorType.PERSON or unlisted_kind(iri) == "person"]
        return (people or found or [None])[0]  # "Sweden's prime minister, Ulf Kristersson": the person

    @staticmethod
    def _money(parsed: ParsedSentence, trigger: Token) -> Money | None:
        """The money in the trigger's phrase; for a noun trigger, in its clause
        ("has been the largest provider of military aid, pumping in $69 billion")."""
        scopes = [trigger] if trigger.pos_ in ("VERB", "AUX") else [trigger, trigger.head]
        for scope in scopes:
            for token in scope.subtree:
                if token.i in parsed.money:
                    return parsed.money[token.i]
        return None


_PHRASAL_ONLY = frozenset({"hold", "cut", "put"})


def _number(token: Token) -> int | None:
    """"one", "two", "3": a small count."""
    words = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
    text = token.text.replace(",", "")
    return int(text) if text.isdigit() else words.get(token.lower_)


def _as_mention(claim: Claim) -> Mention:
    """The item of an earlier claim, as a mention an object pronoun ("donated them") stands for."""
    span = claim.evidence[0]
    return Mention("system", claim.system, span, 0, 0, unit=claim.unit, quantity=claim.quantity)


def _in_clause(token: Token, limit: int) -> bool:
    """True when `token` sits in a relative or other clause below position `limit`
    ("over a hundred Hellfire missiles, which Ukraine fires from its F-16 jets")."""
    word = token
    while word.head.i != word.i and word.i > limit:
        if word.dep_ in ("relcl", "acl", "advcl", "ccomp"):
            return True
        word = word.head
    return False


def _refers_back(word: Token) -> bool:
    """"these weapons", "the costs of the weapons", "them": an item phrase that points back."""
    if word.lower_ in ("them", "it"):
        return True
    return any(t.dep_ == "det" and t.lower_ in ("these", "those", "the", "this", "that") for t in word.subtree)


def _agentless_passive(verb: Token) -> bool:
    """A passive verb without "by ...": "is being withheld", "would still be delivered"."""
    children = list(verb.children)
    return any(c.dep_ == "auxpass" for c in children) and not any(c.dep_ == "agent" for c in children)


def _governing_subject(noun: Token) -> Token | None:
    """The subject of the verb a hand-over noun hangs under ("Germany announced the transfer")."""
    word = noun
    for _ in range(6):
        if word.head.i == word.i:
            return None
        word = word.head
        if word.pos_ in ("VERB", "AUX"):
            return subject(word)
    return None


def _under_other_preposition(token: Token, head: Token) -> bool:
    """True when a preposition other than "of" stands between `token` and `head`."""
    word = token
    while word.i != head.i and word.head.i != word.i:
        if word.dep_ == "pobj" and word.head.lower_ != "of":
            return True
        word = word.head
    return False


def _with_money(claim: Claim, money: Money | None, vocabulary: Vocabulary) -> Claim:
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
