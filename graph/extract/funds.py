"""Money paid into funds, schemes and coalitions: who pays, who runs the fund, what it buys.

"Japan paid $37 million into a NATO trust fund that buys drone detection systems for Ukraine",
"Britain has committed £200 million to a coalition led by Latvia that will buy drones", "We have
set aside 2.5 billion kroner to buy NASAMS components": the payer is the funder, the fund's
organiser the channel (`via`), and what the fund or the payment buys the item (annotation rule 4
of the news devset). A fund the vocabulary names (a `pg:SupportFund`: PURL, the European Peace
Facility) is run by the body it belongs to, which is the channel unless that body pays itself;
it is remembered with what its description says it buys and from whom ("PURL, the scheme
through which Europeans finance American arms"), so a later contribution that names no item
("thanked Oslo for its contribution") pays into it for that. Paying for something told before
("cover the costs", "pay for most of it") funds that transfer (`FundPayments.referring_claims`).
Pure functions over the parse; graph/extract/claims.py calls them when a claim verb's
destination is a fund, its object is money with a purpose clause, or it refers back.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.attrs import LEMMA, POS
from spacy.tokens import Token

from graph.extract.actors import FUND_NOUNS, ActorResolver
from graph.extract.attribution import speech_source
from graph.extract.clause_shapes import names_money
from graph.extract.discourse import Discourse, FundMemory
from graph.extract.frames import Frame, Inventory
from graph.extract.grammar import phrase_tokens, subject, thanked_for
from graph.extract.items import ItemFinder
from graph.extract.lexicon import load_lexicon
from graph.extract.modality import Modality
from graph.extract.parsed import ParsedSentence
from graph.model import Article, Claim, ClaimKind, Mention
from graph.read.sentences import token_strings
from graph.vocabulary import Vocabulary

# verbs of what a fund or a payment does with the money
PURCHASE_VERBS = frozenset({"buy", "purchase", "procure", "acquire", "build", "produce", "make", "manufacture", "order"})
# what a fund itself may be said to do: "a fund that supplies drones"
FUND_VERBS = PURCHASE_VERBS | {"supply", "deliver", "finance", "fund", "provide"}
_PAYING_VERBS = FUND_VERBS | {"pay"}  # what a fund's description says it does: "the scheme under which allies pay for ..."
_PURCHASE_NOUNS = frozenset({"purchase", "procurement", "acquisition", "production", "order"})
CONTRIBUTION_NOUNS = load_lexicon().contribution_nouns  # "thanked Norway for its contribution" (lexicon.yaml)
# participles that name a fund's organiser: "a coalition led by Latvia"
_ORGANISER_VERBS = frozenset({"lead", "run", "organise", "organize", "coordinate", "manage", "administer", "head"})


def is_fund(word: Token, parsed: ParsedSentence | None = None, named: frozenset[str] = frozenset()) -> bool:
    """"the initiative", "a NATO trust fund", "the Danish model": a pool of money; so is a fund
    the vocabulary names (`named`: PURL, the European Peace Facility)."""
    if parsed is not None and word.i in parsed.actors and parsed.actors[word.i].iri in named:
        return True
    return word.pos_ in ("NOUN", "PROPN") and word.lemma_.lower() in FUND_NOUNS


def channel(runner: str, payers: list[str], vocabulary: Vocabulary) -> str:
    """The `via` of money paid into a fund: the body that runs a named fund (NATO for PURL), unless
    that body is the payer itself (the EU paying into its European Peace Facility: the fund)."""
    runs = vocabulary.actors.get(runner)
    if runner in vocabulary.support_funds and runs is not None and runs.affiliation and runs.affiliation not in payers:
        return runs.affiliation
    return runner


def organiser(parsed: ParsedSentence, fund: Token) -> str | None:
    """The actor that runs `fund`: the fund itself when it is a named body (the European Peace
    Facility), a nationality or name before it ("the Czech initiative", "a NATO trust fund"), its
    possessor, or the agent of "led by", "run by"."""
    if fund.i in parsed.actors:
        return parsed.actors[fund.i].iri
    for child in fund.children:
        if child.dep_ in ("amod", "compound", "nmod", "poss") and child.i in parsed.actors:
            return parsed.actors[child.i].iri
        if child.dep_ == "amod" and child.lemma_.lower() in _ORGANISER_VERBS:  # "the Czech-led initiative"
            runner = next((g for g in child.children if g.i in parsed.actors), None)
            if runner is not None:
                return parsed.actors[runner.i].iri
    if fund.dep_ == "dobj" and fund.head.lemma_.lower() in _ORGANISER_VERBS:
        runner = next((c for c in fund.head.children if c.dep_ == "nsubj"), None)
        if runner is not None and runner.i in parsed.actors:
            return parsed.actors[runner.i].iri  # "Latvia leads a coalition"
    for child in fund.children:
        if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in _ORGANISER_VERBS:
            for agent in (g for c in child.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"):
                if agent.i in parsed.actors:
                    return parsed.actors[agent.i].iri
    return None


def purchases(fund: Token | None, trigger: Token) -> list[Token]:
    """The objects of what the fund or the payment buys: "a fund that buys drone detection
    systems", "set aside 2.5 billion kroner to buy NASAMS components", "so that factories can
    build Bohdana guns"."""
    of_fund = [c for word in (fund.subtree if fund is not None else ()) for c in word.children
               if c.dep_ in ("relcl", "acl") and c.lemma_.lower() in FUND_VERBS]
    clauses = [c for c in trigger.children if c.dep_ in ("advcl", "xcomp")]
    clauses += [c for c in trigger.children if c.dep_ == "dobj" for c in c.children if c.dep_ in ("relcl", "acl")]
    clauses = of_fund + [c for c in clauses if c.lemma_.lower() in PURCHASE_VERBS]
    # "set aside 1.3 billion kroner for purchases of ...": a purchase noun is what the money buys
    found = [g for c in trigger.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children
             if g.dep_ == "pobj" and g.lemma_.lower() in _PURCHASE_NOUNS]
    for clause in clauses:
        found.extend(c for c in clause.children if c.dep_ in ("dobj", "nsubjpass"))
        # "an initiative to supply Ukraine with artillery ammunition"
        found.extend(g for c in clause.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children if g.dep_ == "pobj")
    return found


class FundPayments:
    """Funding claims of payments into funds, bound to the actor and item rules."""

    def __init__(self, roles: ActorResolver, items: ItemFinder, inventory: Inventory, ukraine: str | None) -> None:
        self.roles = roles
        self.items = items
        self.inventory = inventory
        self.ukraine = ukraine

    def claims(self, article: Article, parsed: ParsedSentence, trigger: Token, fillers: dict[str, list[Token]],
               actors: dict[str, list[str]], kind: ClaimKind, frame: Frame, discourse: Discourse) -> list[Claim] | None:
        """The funding claims when `trigger` pays money into a fund or for a stated purchase,
        else None (the ordinary frame reading holds)."""
        pattern, refers_back = frame.name, frame.refers_back
        # a pledge "through" a programme stays a pledge; money "to" or "into" a fund is a payment
        roles = ("via", "recipient", "item") if kind is not ClaimKind.PLEDGE else ("recipient", "item")
        named = self.roles.vocabulary.support_funds
        fund = next((w for role in roles for w in fillers.get(role, []) if is_fund(w, parsed, named)), None)
        if fund is None and self._contribution(parsed, trigger, fillers, discourse):
            return self._contributions(article, parsed, trigger, actors, kind, discourse)
        money = self.items.money(parsed, trigger)
        bought = purchases(fund, trigger)
        # "gave €100 million to the initiative", "has given Kyiv €50 million for shells": a sum
        # handed over is paid
        handed = frame.kind == "transfer" and money is not None and names_money(trigger, set(parsed.money))
        heads = [trigger, *(c for c in trigger.children if c.dep_ == "dobj")]  # the verb and its object ("euros for shells")
        if (frame.money_only or handed) and money is not None and not bought:
            # "will spend €200 million on ammunition": what the money goes on
            bought = [g for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in ("on", "for")
                      for g in c.children if g.dep_ == "pobj" and g.i not in parsed.actors]
        if fund is not None and money is None and not bought and fund.lemma_.lower() in refers_back:
            return None  # "join the effort": the frame's own reference back reads it
        if kind not in (ClaimKind.FUNDING, ClaimKind.PLEDGE, ClaimKind.CONSIDERATION) and not handed or (
                fund is None and not (money and (bought or frame.money_only))):
            return None
        if fund is None and money is None and kind is not ClaimKind.FUNDING:
            return None
        payers = self.roles.acting([*actors.get("funder", []), *actors.get("provider", [])], discourse)
        if not payers and fund is not None and fund.i in parsed.actors and money is not None:
            # "the Council added €2 billion to the European Peace Facility": a body's own fund,
            # topped up by the body it belongs to
            owner = self.roles.vocabulary.actors.get(parsed.actors[fund.i].iri)
            payers = [owner.affiliation] if owner is not None and owner.affiliation else []
        if not payers or self.ukraine in payers:
            return None
        via = organiser(parsed, fund) if fund is not None else None
        via = channel(via, payers, self.roles.vocabulary) if via is not None else None
        if via is None and money is not None:
            # "approved €1bn from the European Peace Facility for ...": the fund the sum comes out of
            via = next((parsed.actors[g.i].iri for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "from"
                        for g in c.children if g.dep_ == "pobj" and g.i in parsed.actors and is_fund(g, parsed, named)
                        and not any(o.dep_ == "poss" for o in g.children)), None)  # ("its Ukraine Fund": the payer's own budget)
        remembered = fund is not None and via is None and discourse.last_fund is not None and _definite(fund)
        if remembered:
            via = discourse.last_fund.runner  # "have paid into the initiative": the one the article named with its organiser
        items = [m for m in self.items.items(parsed, trigger, bought, discourse) if not m.generic] if bought else []
        if not items and fund is not None:
            # "the ammunition initiative", "a drone coalition": what the fund is for names the item
            purpose = [c for c in fund.children if c.dep_ in ("compound", "amod")]
            items = [m for m in self.items.items(parsed, trigger, purpose, discourse) if not m.generic] if purpose else []
            if not items and remembered and discourse.last_fund.purpose is not None:
                items = [discourse.last_fund.purpose]
        if not items and fund is None and money is not None and not bought and pattern == "set-aside":
            # "Canada has put in C$40 million": into the fund the text was talking about
            earlier = next((c for c in reversed([*discourse.claims, *discourse.sentence_claims]) if c.kind is ClaimKind.FUNDING), None)
            if earlier is not None:
                currency = money.currency if money.value is not None else None
                return [replace(earlier, funder=payer, value=money.value, currency=currency, unit=currency or earlier.unit,
                                quantity=None, evidence=(parsed.sentence.span,), date=discourse.day(parsed), pattern=f"{pattern}:fund")
                        for payer in payers]
        if not items and fund is not None:
            # "have paid into the initiative": what the fund was said to buy before
            earlier = next((c for c in reversed([*discourse.claims, *discourse.sentence_claims])
                            if c.kind in (ClaimKind.FUNDING, ClaimKind.DELIVERY, ClaimKind.PLEDGE) and (via is None or via in (c.via, c.provider))), None)
            if earlier is not None and money is None:
                said_by = self.roles.speaker(parsed, speech_source(trigger, self.inventory), discourse) or discourse.turn_speaker or earlier.said_by
                return [replace(earlier, kind=_kind(kind), funder=payer, provider=None, via=via or earlier.via, quantity=None, said_by=said_by,
                                evidence=(parsed.sentence.span,), date=discourse.day(parsed), pattern=f"{pattern}:fund") for payer in payers]
        if not items:
            aid = self.items.military_aid
            if aid is None or money is None and not (remembered and kind is ClaimKind.FUNDING):
                return None  # unnamed aid needs its sum, or payment into the fund named before
            items = [Mention("system", aid, parsed.sentence.span, 0, 0, generic=True)]
        said_by = self.roles.speaker(parsed, speech_source(trigger, self.inventory), discourse) or discourse.turn_speaker or discourse.author or discourse.lede_source
        sellers = self.roles.acting(self.roles.actors(parsed, [g for w in bought for c in w.head.children if c.dep_ == "prep" and c.lower_ == "from"
                                                           for g in c.children if g.dep_ == "pobj"], discourse), discourse)
        return [
            Claim(article.id, _kind(kind), item.iri, (parsed.sentence.span,), recipient=self.ukraine, funder=payer,
                  provider=sellers[0] if sellers else None, via=via,
                  quantity=None if money and item.quantity == money.value else item.quantity,  # "90 million euros on shells"
                  unit=(money.currency if item.generic and money else item.unit),
                  value=money.value if money else None, currency=money.currency if money and money.value is not None else None,
                  said_by=said_by, date=discourse.day(parsed), pattern=f"{pattern}:fund")
            for item in items for payer in payers
        ]

    @staticmethod
    def _contribution(parsed: ParsedSentence, trigger: Token, fillers: dict[str, list[Token]], discourse: Discourse) -> bool:
        """"thanked Norway and Sweden for their contributions", "is weighing a contribution of its
        own": a contribution that names no item, after the article named a fund."""
        return (trigger.pos_ == "NOUN" and trigger.lemma_.lower() in CONTRIBUTION_NOUNS and discourse.last_fund is not None
                and not any(i in parsed.systems or i in parsed.money for w in fillers.get("item", []) for i in phrase_tokens(w)))

    def _contributions(self, article: Article, parsed: ParsedSentence, trigger: Token, actors: dict[str, list[str]],
                       kind: ClaimKind, discourse: Discourse) -> list[Claim] | None:
        """Each contributor pays into the fund told before, for what the fund buys, from its seller."""
        payers = [p for p in self.roles.acting([*actors.get("funder", []), *actors.get("provider", [])], discourse) if p != self.ukraine]
        memory = discourse.last_fund
        if not payers or memory is None:
            return None
        system = memory.purpose.iri if memory.purpose is not None else self.items.military_aid
        if system is None:
            return None
        # "Rutte thanked Oslo for its contribution": the thanks tell it, before the article's author does
        thanker = subject(trigger.head.head) if thanked_for(trigger) is not None else None
        thanking = next(iter(self.roles.actors(parsed, [thanker], discourse)), None) if thanker is not None else None
        said_by = (self.roles.speaker(parsed, speech_source(trigger, self.inventory), discourse) or discourse.turn_speaker or thanking
                   or discourse.author)
        return [Claim(article.id, _kind(kind), system, (parsed.sentence.span,), recipient=self.ukraine, funder=payer, provider=memory.seller,
                      via=channel(memory.runner, [payer], self.roles.vocabulary), said_by=said_by, date=discourse.day(parsed),
                      pattern="contribution:fund") for payer in payers]

    def referring_claims(
        self, parsed: ParsedSentence, trigger: Token, frame: Frame, context: Modality, actors: dict[str, list[str]], discourse: Discourse,
        share: bool = False,
    ) -> list[Claim]:
        """"NATO members would cover the costs": funding of the last transfer claim;
        "Sweden plans to join the effort": the last funding claim again, with a new funder. A
        `share` of it ("cover part of the bill") pays for no count of it and leaves the transfer's
        own payer unknown."""
        wanted = ("pledge", "delivery", "consideration") if frame.refers_to == "transfer" else ("funding",)
        funders = [self.roles.vocabulary.acting_state(a) for a in actors.get("funder", [])]
        earlier = [*discourse.claims, *discourse.sentence_claims]
        source = next((c for c in reversed(earlier) if c.kind.value in wanted and (frame.refers_to != "transfer" or c.funder in (None, *funders))), None)
        if source is None or not funders:
            return []
        kind = ClaimKind.CONSIDERATION if context.kind == "consideration" else ClaimKind.FUNDING
        source_speech = speech_source(trigger, self.inventory)
        said_by = self.roles.speaker(parsed, source_speech, discourse) or source.said_by
        self.roles.note_source(said_by, discourse)
        claims = [
            replace(source, kind=kind, funder=funder, said_by=said_by, date=discourse.day(parsed),
                    evidence=(parsed.sentence.span,), value=source.value if source.kind is ClaimKind.FUNDING else None,
                    quantity=None if share else source.quantity, pattern=f"{frame.name}:refers-back")
            for funder in funders
        ]
        if frame.refers_to == "transfer" and source.funder is None and not share:
            discourse.set_funder(source, funders[0])
        return claims


def remember_funds(parsed: ParsedSentence, discourse: Discourse, named: frozenset[str] = frozenset()) -> None:
    """Note the organiser and purpose of a fund the sentence names with an organiser ("the
    ammunition initiative led by the Czech Republic") or by name (`named`: "PURL, the scheme under
    which allies pay for American weapons"), for a later "the initiative" or "their contributions"
    that does not repeat them. The POS and lemma columns are read first (token_strings): few
    words are funds."""
    named_heads = {token.i for token in _named_funds(parsed, named)}
    poses, lemmas = token_strings(parsed.parse, POS), token_strings(parsed.parse, LEMMA)
    for index, pos in enumerate(poses):  # in the order of the text: the fund named last is "the same model"
        if index in named_heads:
            token = parsed.parse[index]
            purpose, seller = _what_it_buys(parsed, token)
            discourse.last_fund = FundMemory(parsed.actors[index].iri, purpose, seller)
            continue
        if index in parsed.actors and parsed.actors[index].iri in named:
            continue  # another word of a named fund: "the International Fund for Ukraine"
        if pos in ("NOUN", "PROPN") and lemmas[index].lower() in FUND_NOUNS:  # is_fund
            token = parsed.parse[index]
            found = organiser(parsed, token)
            if found is not None:
                # what it buys: "shells procured through the initiative", else "the ammunition initiative"
                through = token.head if token.dep_ == "pobj" and token.head.lower_ in ("through", "via", "under") else None
                bought = through.head if through is not None and through.head.lemma_.lower() in PURCHASE_VERBS else None
                items = ([bought.head] if bought.dep_ == "acl" else [c for c in bought.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
                         ) if bought is not None else []
                purpose = next((parsed.systems[w.i] for w in items if w.i in parsed.systems), None)
                purpose = purpose or next((parsed.systems[c.i] for c in token.children
                                           if c.dep_ in ("compound", "amod") and c.i in parsed.systems), None)
                discourse.last_fund = FundMemory(found, purpose)


def _definite(fund: Token) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "its", "their") for c in fund.children)


def _kind(kind: ClaimKind) -> ClaimKind:
    """Paying is funding; weighing whether to pay stays a consideration."""
    return ClaimKind.CONSIDERATION if kind is ClaimKind.CONSIDERATION else ClaimKind.FUNDING


def _named_funds(parsed: ParsedSentence, named: frozenset[str]) -> list[Token]:
    """The head words of the named funds the sentence mentions ("the Prioritized Ukraine
    Requirements List": "List")."""
    funds = {i for i, mention in parsed.actors.items() if mention.iri in named}
    return [parsed.parse[i] for i in sorted(funds) if parsed.parse[i].head.i not in funds or parsed.parse[i].head.i == i]


def _what_it_buys(parsed: ParsedSentence, fund: Token) -> tuple[Mention | None, str | None]:
    """What a named fund buys and from whom, told in a clause on it or on a description standing
    after it: "PURL, the arrangement under which allies pay for American weapons" gives weapons
    and the United States."""
    described = [fund, *(c for c in fund.children if c.dep_ == "appos" and c.pos_ == "NOUN")]
    comma = fund.right_edge.i + 1
    if comma < len(parsed.parse) and parsed.parse[comma].text == ",":
        # "PURL, the scheme through which ...": the noun phrase right after the comma describes
        # the fund, wherever the parser hangs it
        described += [t for t in parsed.parse[comma + 1:] if t.pos_ == "NOUN" and t.left_edge.i == comma + 1][:1]
    clauses = [c for noun in described for c in noun.children
               if c.dep_ in ("relcl", "acl") and c.lemma_.lower() in _PAYING_VERBS]
    objects = [g for clause in clauses for c in clause.children
               for g in ([c] if c.dep_ == "dobj" else [o for o in c.children if o.dep_ == "pobj"] if c.dep_ == "prep" and c.lower_ == "for" else [])]
    words = [i for o in objects for i in phrase_tokens(o)]
    purpose = next((parsed.systems[i] for i in words if i in parsed.systems), None)
    seller = next((parsed.actors[i].iri for i in words if i in parsed.actors), None)
    return purpose, seller
