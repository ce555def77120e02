"""Claims from frames: each trigger of a parsed sentence, with its roles filled by mentions.

For each sentence (graph/segments.py) the mentions are found first (graph/mentions.py); a
sentence where a trigger word and a mention meet is parsed (parse.py); every verb whose lemma
has a frame (frames.yaml) gives claims when its context allows (modality.py): one claim per item
and per actor of the role that makes claims distinct (the funder of a funding, else the
provider). Roles come from grammatical relations (grammar.py) filled by actors (actors.py) and items
(items.py), speakers from speech verbs (attribution.py), and what earlier sentences said (the
last person, the items named so far) from graph/extract/discourse.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.attrs import DEP, LEMMA, LOWER, POS, TAG
from spacy.tokens import Doc, Token

from graph.extract.actors import ActorResolver, governing_subject
from graph.extract.attribution import speech_source
from graph.extract.clause_shapes import (
    background,
    continues_hand_over,
    names_money,
    partitive_whole,
    passive,
    refers_back,
    stopped_by_a_cause,
)
from graph.extract.contents import PackageContents
from graph.extract.discourse import Discourse
from graph.extract.ellipsis import ellipsis_claims
from graph.extract.fillers import CONTENT_VERBS, role_fillers
from graph.extract.frames import GOVERNING_SUBJECT, Frame, Inventory
from graph.extract.funds import FundPayments, purchases
from graph.extract.grammar import (
    has_relation,
    hypothetical,
    infinitive_verbs,
    inquiry,
    listed_among,
    particles,
    subject,
)
from graph.extract.items import ItemFinder
from graph.extract.lists import ListFrame
from graph.extract.mentions import SentenceMentions
from graph.extract.modality import Modality, modality
from graph.extract.money import with_money
from graph.extract.parsed import ParsedSentence
from graph.model import ActorType, Article, Claim, ClaimKind
from graph.read.sentences import Sentence, token_strings
from graph.vocabulary import Vocabulary

_SELF_ATTRIBUTED = frozenset({ClaimKind.REQUEST, ClaimKind.PLEDGE, ClaimKind.FUNDING, ClaimKind.DELIVERY, ClaimKind.SUSPENSION})


# verbs that are claim words only with their particle: "hold up", "cut off", "put on hold"
_PHRASAL_ONLY = frozenset({"hold", "cut", "put"})


class FrameClaims:
    """Builds claims from the frames of parsed sentences; one per vocabulary and inventory."""

    def __init__(self, vocabulary: Vocabulary, inventory: Inventory, ukraine: str | None, personnel_nouns: frozenset[str],
                 numbers: dict[str, int] | None = None) -> None:
        self.vocabulary = vocabulary
        self.inventory = inventory
        self.ukraine = ukraine
        self.roles = ActorResolver(vocabulary, inventory, ukraine)
        self.items = ItemFinder(vocabulary, inventory, ukraine, personnel_nouns, numbers)
        self.funds = FundPayments(self.roles, self.items, inventory, ukraine)
        self.contents = PackageContents(vocabulary, inventory, self.roles, self.items, ukraine)
        resolved = {word: vocabulary.resolve_name(name) for word, name in inventory.demonyms.items()}
        self.demonyms = {word: iri for word, iri in resolved.items() if iri is not None}  # names the vocabulary lacks are skipped

    def parsed(self, sentence: Sentence, parse: Doc, mentions: SentenceMentions) -> ParsedSentence:
        """The sentence with its parse and mentions indexed by parse token."""
        return ParsedSentence.of(sentence, parse, mentions, self.demonyms)

    # ------------------------------------------------------------------ triggers
    def triggers(self, parse: Doc, money: frozenset[int] | set[int] = frozenset()) -> Iterator[tuple[Token, Frame]]:
        """Each verb with a frame of its lemma, and each hand-over noun ("the transfer of ...").

        The lemma, POS and tag of every word are read as columns (token_strings); a Token is
        made only for a verb whose lemma has frames and for a noun. A verb of payments only ("set
        aside", "add") is a trigger only when its object is one of the sentence's sums (`money`)."""
        lemmas, poses, tags = token_strings(parse, LEMMA), token_strings(parse, POS), token_strings(parse, TAG)
        for index, pos in enumerate(poses):
            if pos in ("VERB", "AUX") or tags[index].startswith("VB"):
                lemma = lemmas[index].lower()
                if not self.inventory.frames_for(lemma):
                    continue
                token = parse[index]
                # a phrasal reading first: "pushed the arrival back" delays, "pushed Berlin to send" asks
                for frame in sorted(self.inventory.frames_for(lemma), key=lambda f: not f.particles):
                    if frame.particles and not frame.particles & particles(token):
                        continue
                    if not frame.particles and lemma in _PHRASAL_ONLY:
                        continue
                    if frame.kind == "funding" and any(c.dep_ == "dobj" and (n := self.inventory.nominal_frame(c.lemma_.lower())) is not None
                                                       and n.kind == "suspension" for c in token.children):
                        continue  # "ordered a pause on aid": the stoppage noun reads it, nothing is bought
                    if frame.objects and not any(c.dep_ == "dobj" and c.lemma_.lower() in frame.objects for c in token.children):
                        continue  # "raised its output of shells" gives nothing; "raised its aid" does
                    if frame.money_only and not names_money(token, money):
                        continue  # "add M113 carriers to the package" pays nothing; "add €5bn to the fund" does
                    if lemma in self.inventory.needs_relation and not has_relation(token, self.inventory.needs_relation[lemma]):
                        continue  # "called the decision a step" names; "called for", "called on X to" ask
                    yield token, frame
                    break
            elif pos == "NOUN":
                lemma = lemmas[index].lower()
                token = parse[index]
                if (noun := self.inventory.nominal_frame(lemma)) is not None:
                    if token.dep_ == "pobj" and token.head.lower_ == "of" and self.inventory.nominal_frame(token.head.head.lemma_.lower()):
                        continue  # "delivery of a second batch of tanks": one hand-over, read at the outer noun
                    if token.dep_ == "dobj" and noun.kind != "suspension" and any(f.kind == "funding" for f in self.inventory.frames_for(token.head.lemma_.lower())):
                        continue  # "finance a package of US weapons": the payment verb reads it
                    yield token, noun
                elif token.dep_ == "attr" and self.inventory.agent_nouns and lemma in self.inventory.agent_nouns.lemmas:
                    yield token, self.inventory.agent_nouns

    # ------------------------------------------------------------------ claims of a sentence
    def sentence_claims(self, article: Article, parsed: ParsedSentence, discourse: Discourse) -> list[Claim]:
        discourse.sentence_claims = []
        if parsed.sentence.span.text.rstrip().endswith("?"):
            return []  # "Will Finland give its tanks?": a question asserts nothing
        for trigger, frame in self.triggers(parsed.parse, set(parsed.money)):
            wanted = infinitive_verbs(trigger) if frame.kind == "request" else []
            if wanted and (any(self.inventory.frames_for(v.lemma_.lower()) for v in wanted) or not any(
                    o.i in parsed.systems for v in wanted for o in v.children if o.dep_ == "dobj")):
                # "urged Berlin to send Taurus": the request is read at "send"; "asked London to help
                # find more air defence systems" at the ask; "asked it to protect secrecy" asks nothing
                continue
            if frame.kind == "request" and hypothetical(trigger):
                continue  # "should Kyiv ask for them", "before Kyiv ever needs them": no ask made
            if frame.name == "ask" and inquiry(trigger):
                continue  # "Asked about Taurus, Scholz said ...": a question, not a request
            if frame.name == "need" and (trigger.dep_ == "relcl" or any(
                    c.dep_ == "nsubj" and c.i in parsed.systems for c in trigger.children)):
                continue  # "jets we still need for our own tasks", "the aircraft need spare parts": no ask
            if self._licence(trigger):
                continue  # "Berlin must approve their transfer": a licence, folded into the giver's pledge
            if background(trigger, self.inventory):
                continue  # "18 tanks promised by Germany have been handed over": the main verb tells it
            context = modality(trigger, frame, self.inventory)
            if context is None:
                continue
            if passive(trigger) and not {"nsubjpass", "agent"} & set(frame.roles):
                continue  # "the tanks were followed by Marders": a frame with no passive reading
            if hypothetical(trigger) and context.kind != "consideration":
                continue  # "asked whether Washington would send jets", "if Berlin sends tanks": nothing asserted
            discourse.sentence_claims.extend(self._frame_claims(article, parsed, trigger, frame, context, discourse))
        lemmas, tags, deps = token_strings(parsed.parse, LEMMA), token_strings(parsed.parse, TAG), token_strings(parsed.parse, DEP)
        for index, lemma in enumerate(lemmas):
            if lemma.lower() in CONTENT_VERBS and tags[index] in ("VBZ", "VBP", "VBD"):  # not "including"
                discourse.sentence_claims.extend(self.contents.contents(article, parsed, parsed.parse[index], discourse))
            elif lemma == "be" and deps[index] == "ROOT":
                discourse.sentence_claims.extend(self.contents.arrived(parsed, parsed.parse[index], discourse))
        claims, discourse.sentence_claims = discourse.sentence_claims, []
        # "the systems could be deployed quickly", after they were promised: no new deliberation;
        # "could provide additional tanks later" is one
        lowers = token_strings(parsed.parse, LOWER)
        more = (parsed.parse[i] for i, lower in enumerate(lowers) if lower in self.inventory.more_words)
        if any(deps[t.i] in ("amod", "advmod", "det", "quantmod") and (
                t.head.i in parsed.systems or t.head.head.i in parsed.systems
                or any(c.i in parsed.systems for c in t.head.children if c.dep_ in ("compound", "nmod")))  # "more Hawk launchers"
               or any(g.i in parsed.systems for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children)  # "more of its jets"
               for t in more):
            return claims
        committed = {(c.provider, c.system) for c in [*discourse.claims, *claims] if c.kind in (ClaimKind.PLEDGE, ClaimKind.DELIVERY)}
        return [c for c in claims if c.kind is not ClaimKind.CONSIDERATION or (c.provider, c.system) not in committed or c.provider is None]

    def _licence(self, trigger: Token) -> bool:
        """Approving someone else's hand-over ("approved their transfer from European stocks"):
        an export licence, no claim of the approver (annotation rule 5 of the news devset)."""
        verb, noun = trigger, next((c for c in trigger.children if c.dep_ == "dobj"), None)
        if trigger.pos_ == "NOUN":
            verb, noun = trigger.head, trigger
        if noun is None or verb.lemma_.lower() not in self.inventory.licence_verbs or noun.lemma_.lower() not in self.inventory.nominal_lemmas:
            return False
        # "after Washington cleared the transfers": the hand-over told before, someone else's ("will
        # no longer approve F-16 shipments" stops its own)
        told_before = self.items.anaphoric_hand_over(noun) and any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in noun.children)
        return told_before or any(c.dep_ == "poss" for c in noun.children)

    def _frame_claims(
        self, article: Article, parsed: ParsedSentence, trigger: Token, frame: Frame, context: Modality, discourse: Discourse
    ) -> list[Claim]:
        fillers = role_fillers(parsed, trigger, frame, self.inventory, self.vocabulary)
        share = any(partitive_whole(w) is not w for w in fillers.get("item", []))
        if share:
            fillers["item"] = [partitive_whole(w) for w in fillers["item"]]  # "paying for most of it": for a share of it
        kind = ClaimKind(context.kind)
        # "provide Ukraine with air defence": an actor in the object slot is the recipient
        roles = set(frame.roles.values())
        if any((noun := self.inventory.nominal_frame(w.lemma_.lower())) is not None and noun.kind != frame.kind
               and noun.kind == "funding" and any(c.dep_ == "prep" and c.lower_ == "of" for c in w.children) for w in fillers.get("item", [])):
            return []  # "considering a purchase of NASAMS": the purchase frame reads it ("£2bn in military funding" stays)
        for word in list(fillers.get("item", [])):
            # "promised 19 F-16s and the Netherlands 24": a giver of the gapped clause, with its count
            gapped = word.dep_ == "conj" and word.head.i not in parsed.actors or any(c.dep_ == "nummod" for c in word.children)
            if (word.i in parsed.actors and not gapped or word.lower_ in ("me", "us") and "asked" in roles) and roles & {"recipient", "asked"}:
                fillers["item"].remove(word)
                fillers.setdefault("recipient" if "recipient" in roles else "asked", []).append(word)
        actors = {role: self.roles.actors(parsed, words, discourse) for role, words in fillers.items() if role != "item"}
        paid = self.funds.claims(article, parsed, trigger, fillers, actors, kind, frame, discourse)
        if paid is not None or frame.money_only:
            return paid or []  # money into a fund or for a stated purchase (graph/extract/funds.py)
        governing_role = frame.roles.get(GOVERNING_SUBJECT)
        partner = self.roles.talks_partner(trigger)
        if governing_role is not None and not actors.get(governing_role) and partner is not None:
            actors[governing_role] = self.roles.actors(parsed, [partner], discourse)  # "talks with Sweden about deliveries"
        if governing_role is not None and not actors.get(governing_role):
            # "Germany announced the transfer of ...", "Canada is considering a purchase of ..."
            # ("Bern blocked the transfer of German shells": whoever blocks stays a blocker)
            holder = governing_subject(trigger)
            blocking = holder is not None and any(f.roles.get("nsubj") == "blocker" for f in self.inventory.frames_for(holder.head.lemma_.lower()))
            actors["blocker" if blocking else governing_role] = self.roles.actors(parsed, [w for w in [holder] if w is not None], discourse)
        # "pay for the transfer": the frame's own reference back reads it, with its payer
        refers = any(w.lemma_.lower() in frame.refers_back for w in fillers.get("item", []))
        items = self.items.items(parsed, trigger, fillers.get("item", []), discourse, hand_overs=not refers)
        if share:
            items = [replace(m, quantity=None) for m in items]  # "delivered half of them": no count of the half
        if not items and kind is ClaimKind.FUNDING:
            # "will pay for Kyiv to build long-range drones": the purpose clause names what is bought
            items = [m for m in self.items.items(parsed, trigger, purchases(None, trigger), discourse) if not m.generic]
        if not items and parsed.sentence.span.text.rstrip().endswith(":") and discourse.intro_frame is None:
            # "Earlier assistance Norway committed to Ukraine includes:": the list's frame
            acting = self.roles.acting(actors.get("funder" if kind is ClaimKind.FUNDING else "provider", []), discourse)
            if acting:
                role = {"funder": acting[0]} if kind is ClaimKind.FUNDING else {"provider": acting[0]}
                discourse.intro_frame = ListFrame(kind, role.get("provider"), role.get("funder"), self.ukraine, None,
                                                  discourse.author, discourse.day(parsed))
        if not items and frame.refers_back and any(w.lemma_.lower() in frame.refers_back for w in fillers.get("item", [])):
            return self.funds.referring_claims(parsed, trigger, frame, context, actors, discourse, share)
        if not items:
            return []
        source = speech_source(trigger, self.inventory)
        said_by = self.roles.speaker(parsed, source, discourse)
        self.roles.note_source(said_by, discourse)
        recipient, via, in_scope = self.roles.destination(actors.get("recipient", []), actors.get("via", []))
        if not in_scope:
            return []
        if any(w.i in parsed.systems or w.lower_ in self.vocabulary.unit_words for w in fillers.get("requester", [])):
            return []  # "the aircraft need spare parts": equipment that needs things asks for nothing
        requester = [self.vocabulary.acting_state(a) for a in actors.get("requester", [])]
        if kind is ClaimKind.REQUEST and any(r not in (self.ukraine, None) for r in requester):
            return []  # another state asking for something: out of scope
        if context.governor is not None and kind is ClaimKind.REQUEST and not requester:
            asker = subject(context.governor)
            requester = self.roles.actors(parsed, [asker] if asker is not None else [], discourse)
        people = [a for a in [*requester, *(a for role in ("requester", "provider", "funder") for a in actors.get(role, []))]
                  if a is not None and self.vocabulary.actor_type(a) is ActorType.PERSON]
        if said_by is None and people and kind in _SELF_ATTRIBUTED:
            said_by = people[0]
        said_by = said_by or discourse.turn_speaker or discourse.author
        if said_by is None and kind is not ClaimKind.CONSIDERATION:
            said_by = discourse.lede_source  # deliberations are reported, not said: they keep no carried source
        if kind is ClaimKind.REQUEST:
            providers = actors.get("asked", []) or actors.get("provider", [])
        else:
            providers = actors.get("provider", [])
        providers = self.roles.acting(providers, discourse)
        if not providers and kind is ClaimKind.SUSPENSION:
            # "the aid bill has been stuck in the Senate": a state's own body named by "in" holds
            # it up for its state; a state named there is a place on the way, and "delayed in the
            # Rheinmetall plant" or "in NATO's hub" holds nothing back for anyone
            bodies = [parsed.actors[w.i].iri for w in fillers.get("holder", [])
                      if w.i in parsed.actors and parsed.actors[w.i].iri in self.vocabulary.government_bodies]
            providers = [a for a in self.roles.acting(bodies, discourse) if a != self.ukraine]
        # "the fund, which procures equipment": a fund buys with others' money, paid into it (funds.py)
        named_by = self.roles.acting(actors.get("funder", []), discourse)
        funders = [f for f in named_by if f not in self.vocabulary.support_funds]
        if named_by and not funders:
            return []
        if not providers:  # "a package of American weapons": whose they are, also when another pays
            # (not Kyiv: "Ukraine has received the first batch of ..." is its own hand-over noun's subject)
            providers = [p for p in self.roles.acting(self.roles.item_providers(parsed, fillers.get("item", []), discourse), discourse)
                         if (kind is not ClaimKind.FUNDING or p not in funders) and p != self.ukraine]
        blockers = self.roles.acting(actors.get("blocker", []), discourse)
        if blockers:
            # "Bern blocked the re-export of German shells": the item's giver, else the blocker's own
            providers = [p for p in providers if p not in blockers and p != self.ukraine] or blockers
        if kind is ClaimKind.FUNDING and funders == [self.ukraine]:
            # "Ukraine is ready to buy ten Patriot systems from US makers": Kyiv asks to acquire them
            kind, funders = ClaimKind.REQUEST, []
            providers = [p for p in providers if p != self.ukraine]
        if kind is not ClaimKind.REQUEST and self.ukraine in providers and frame.kind != "funding":
            return []  # Ukraine giving: not support to Ukraine
        actor = discourse.list_frame and (discourse.list_frame.provider or discourse.list_frame.funder)
        if actor and not funders and (kind is ClaimKind.FUNDING or not providers):
            # "- four howitzers, which have been delivered", "- $40 million for the purchase of ...":
            # a list item's own verb or noun, done by whoever the list's intro names
            (funders if kind is ClaimKind.FUNDING else providers).append(actor)
            said_by = said_by or discourse.list_frame.said_by
        receiving = frame.roles.get("nsubj") == "recipient" and trigger.pos_ == "VERB"  # "Kyiv will also receive 31 Bradleys"
        # "the first Gripens could arrive within three years": an arrival names no giver of its own;
        # the giver of the same item told before is its giver
        arriving = frame.roles.get("nsubj") == "item" and frame.kind == "delivery" and trigger.pos_ == "VERB"
        # "four more will follow": a hand-over whose subject is the item continues one told before
        moving = (frame.roles.get("nsubj") == "item" and frame.kind == "transfer" and trigger.pos_ == "VERB"
                  and continues_hand_over(trigger, parsed.systems, self.inventory.more_words))
        # "Among the shipments held back are ...": members of what a participle tells of
        listing = trigger.dep_ == "acl" and trigger.tag_ == "VBN" and bool(listed_among(trigger.head))
        caused = kind is ClaimKind.SUSPENSION and stopped_by_a_cause(trigger, set(parsed.actors) | set(parsed.systems), self.items.anaphoric_hand_over)
        if not providers and not funders and kind in (ClaimKind.SUSPENSION, ClaimKind.DELIVERY, ClaimKind.PLEDGE, ClaimKind.CONSIDERATION) and (
                receiving or arriving or moving or listing or caused or passive(trigger if trigger.pos_ != "NOUN" or trigger.dep_ != "nsubjpass" else trigger.head)):
            # "what is being withheld: ...", "would still be delivered", "the delivery is planned",
            # "Kyiv will also receive 31 Bradleys": whoever the article said does it
            named_items = {m.iri for m in items}
            deliberating = self._governing_actor(parsed, context, discourse)
            earlier = next((c for c in reversed([*discourse.claims, *discourse.sentence_claims])
                            if c.provider and (c.kind is kind and not arriving or c.system in named_items and c.kind in (ClaimKind.PLEDGE, ClaimKind.DELIVERY))), None)
            bought = next((c for c in reversed([*discourse.claims, *discourse.sentence_claims])
                           if c.kind is ClaimKind.FUNDING and c.system in named_items and c.funder), None)
            speaking_state = self.roles.speaking_state(said_by, discourse)
            holding = self.roles.holders(parsed, trigger, discourse)  # "Prague has found shells that could be sent"
            if deliberating:
                providers = deliberating  # "Greece is looking at whether its tanks could be released"
            elif holding:
                providers = holding
            elif bought is not None and kind is ClaimKind.DELIVERY:
                funders = [bought.funder]  # "it paid for 18 howitzers; they have since been handed over"
            elif speaking_state is not None and not (earlier is not None and earlier.system in named_items):
                # "500 rifles will be donated, Norway's defence minister said": by his state, even
                # after another state's aid (the giver of these very items told before stays theirs)
                providers = [speaking_state]
            elif earlier is not None:
                providers = [earlier.provider]
                said_by = said_by or earlier.said_by  # "the delivery of three more is planned": by the same account
            elif said_by is not None:
                # "Lecornu said the transfer of Mirage jets was being studied": by his government
                providers = self.roles.acting([said_by], discourse)
            providers = [p for p in providers if p != self.ukraine]
            if not providers and not funders and not receiving and any(not m.generic for m in items):
                # "Six howitzers were handed over in May", in a report on one state's aid: that
                # state (of the release, else the one named last)
                topic = self.roles.acting_or_none(discourse.narrator, discourse) or discourse.last_state
                providers = [topic] if topic is not None and topic != self.ukraine else []
        if kind is ClaimKind.FUNDING and not providers and any(refers_back(w) for w in fillers.get("item", [])):
            paid_for = {m.iri for m in items}
            transfer = next((c for c in reversed([*discourse.claims, *discourse.sentence_claims])
                             if c.kind in (ClaimKind.PLEDGE, ClaimKind.DELIVERY) and c.system in paid_for and c.provider), None)
            if transfer is not None:  # "NATO members would cover the costs of these weapons"
                providers = [transfer.provider]
                actors.setdefault("via", []) if transfer.via is None else None
                via = via or transfer.via
        if self.items.adversary in providers:
            return []  # "Russia brought more air defence to the front", "Moscow warned that any delivery ...": no support
        money = self.items.money(parsed, trigger)
        named_recipient = any(self.vocabulary.acting_state(a) == self.ukraine for a in actors.get("recipient", []))
        if money is None and not named_recipient and kind not in (ClaimKind.SUSPENSION, ClaimKind.REQUEST, ClaimKind.CONSIDERATION):
            items = [m for m in items if not m.generic]  # "weapons" alone says too little
        day = discourse.day(parsed)
        distinct = funders if kind is ClaimKind.FUNDING or (funders and not providers) else providers
        others = providers if distinct is funders else funders
        # "Denmark and the Netherlands will send 14 tanks": a total the givers share says what
        # none of them gives alone ("will each send 14 tanks" says it)
        shared = len(set(distinct)) > 1 and not any(t.lower_ == "each" for t in parsed.parse)
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
                    quantity=None if shared else item.quantity,
                    unit=item.unit,
                    said_by=said_by,
                    date=day,
                    pattern=f"{frame.name}:{kind.value}" + (f":{context.cue}" if context.cue else ""),
                )
                claim = with_money(claim, money, self.vocabulary)
                if claim.kind is ClaimKind.FUNDING and claim.provider == claim.funder:
                    claim = replace(claim, provider=None)  # a state paying for its own package: no supplier named
                if kind is not ClaimKind.REQUEST and not (claim.provider or claim.funder):
                    continue  # nobody named gives: "at least 30 countries have provided"
                if kind is ClaimKind.FUNDING and not claim.funder:
                    continue  # a payment with nobody named paying
                claims.append(claim)
                if actor is not None:
                    claims.extend(ellipsis_claims(parsed, trigger, claim, self.vocabulary, self.ukraine))
        return claims

    def _governing_actor(self, parsed: ParsedSentence, context: Modality, discourse: Discourse) -> list[str]:
        """The actors of the verb that governs a passive claim verb: whoever deliberates on, or
        decides, a hand-over that names no giver makes it."""
        if context.governor is None or context.governor.pos_ not in ("VERB", "AUX"):
            return []
        holder = subject(context.governor)
        found = self.roles.acting(self.roles.actors(parsed, [holder] if holder is not None else [], discourse), discourse)
        return [actor for actor in found if actor != self.ukraine]
