"""Contents and arrivals: claims a package's listed contents and an arrival sentence make.

"a new package ..., which includes ammunition and mine-clearing systems" or "The package
contains ..." give the contents the frame of the package's claim; "Two Patriot systems are
already in Ukraine" is a delivery of named systems by whoever the article said provides them.
Called by graph/extract/claims.py for each sentence, after its frames.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from graph.extract.actors import PACKAGE_WORDS, ActorResolver
from graph.extract.attribution import speech_source
from graph.extract.discourse import Discourse
from graph.extract.fillers import CONTENT_VERBS
from graph.extract.frames import Inventory
from graph.extract.items import ItemFinder
from graph.extract.parsed import ParsedSentence
from graph.model import Article, Claim, ClaimKind, Mention
from graph.vocabulary import Vocabulary

# participles that say an item changed hands ("offered", "sold" or "lent in 2023" do not)
_HANDED_OVER = frozenset({"deliver", "hand", "send", "ship", "transfer", "donate", "give", "supply", "provide"})
_PACKAGE_REACH = 8  # how many words back a misattached "which includes" looks for its package


class PackageContents:
    """The contents and arrival rules, bound to the vocabulary, actor and item rules."""

    def __init__(self, vocabulary: Vocabulary, inventory: Inventory, roles: ActorResolver, items: ItemFinder, ukraine: str | None) -> None:
        self.vocabulary = vocabulary
        self.inventory = inventory
        self.roles = roles
        self.items = items
        self.ukraine = ukraine

    def arrived(self, parsed: ParsedSentence, verb: Token, discourse: Discourse) -> list[Claim]:
        """"Two Patriot systems are already in Ukraine": a delivery of named systems, by whoever
        the article said provides them."""
        where = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children if g.dep_ == "pobj"]
        things = [c for c in verb.children if c.dep_ == "nsubj"]
        if not where or not things or self.vocabulary.acting_state(parsed.actors[where[0].i].iri if where[0].i in parsed.actors else None) != self.ukraine:
            return []
        claims = []
        for item in self.items.items(parsed, verb, things, discourse):
            earlier = next((c for c in reversed([*discourse.claims, *discourse.sentence_claims]) if c.system == item.iri and c.provider), None)
            if earlier is not None and not item.generic:
                claims.append(replace(earlier, kind=ClaimKind.DELIVERY, quantity=item.quantity, unit=item.unit or earlier.unit,
                                      evidence=(parsed.sentence.span,), date=discourse.day(parsed), pattern="in-ukraine:delivery"))
        return claims

    def contents(self, article: Article, parsed: ParsedSentence, verb: Token, discourse: Discourse) -> list[Claim]:
        """"a new package ..., which includes ammunition and mine-clearing systems", "The
        package contains ...": the contents take the frame of the package's claim."""
        whole = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if whole is None:
            return []
        if whole.lower_ in ("which", "that") and verb.dep_ == "relcl":
            whole = self._package_before(verb.head)
        if whole.i in parsed.actors or whole.lemma_.lower() not in self.inventory.nominal_lemmas | PACKAGE_WORDS:
            return []
        source = next((c for c in reversed([*discourse.claims, *discourse.sentence_claims])
                       if c.kind in (ClaimKind.PLEDGE, ClaimKind.DELIVERY, ClaimKind.CONSIDERATION, ClaimKind.FUNDING)), None)
        if source is None:
            # "there is a new package that includes ...", said by someone who speaks for a state
            speaker = self.roles.speaker(parsed, speech_source(verb, self.inventory), discourse) or discourse.author
            provider = (self.roles.acting(self.roles.item_providers(parsed, [whole], discourse), discourse) or self.roles.acting([speaker] if speaker else [], discourse) or [None])[0]
            if provider is None and any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in whole.children):
                # "Norway announced a new donation. The donation includes ...": the package told
                # before, of the state named last
                provider = discourse.last_state if discourse.last_state != self.ukraine else None
            if provider is None:
                return []
            source = Claim(article.id, ClaimKind.PLEDGE, "", (parsed.sentence.span,), recipient=self.ukraine, provider=provider,
                           said_by=speaker, date=discourse.day(parsed))
        # the listed contents: every system after the verb in its clause, also where the parser
        # hung a conjunct on a participle ("includes ammunition, protected vehicles and ...")
        listed = [m for i, m in sorted(parsed.systems.items()) if i > verb.i and _within(parsed.parse[i], verb)]
        items = list(dict.fromkeys(m for m in listed if self.items.support_item(parsed, m)))
        if any(not m.generic for m in items):  # "ammunition" beside named things is one of them
            items = [m for m in items if self.vocabulary.system_classes.get(m.iri) != self.items.military_aid_class]
        return [
            replace(source, system=item.iri, quantity=item.quantity, unit=item.unit, value=None, currency=None,
                    funder=source.funder if source.kind is ClaimKind.FUNDING else None,
                    kind=ClaimKind.DELIVERY if source.kind is ClaimKind.PLEDGE and self._handed_over(parsed, item) else source.kind,
                    evidence=(parsed.sentence.span,), pattern="contents")
            for item in items if any(not m.generic for m in items)
        ]

    def _handed_over(self, parsed: ParsedSentence, item: Mention) -> bool:
        """"includes 25 Leopard tanks, handed over in 2023": a past participle of a hand-over verb
        on a listed item says that item was delivered."""
        head = parsed.parse[item.token_end - 1 - parsed.sentence.tokens.start]
        return any(c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in _HANDED_OVER for c in head.children)

    def _package_before(self, head: Token) -> Token:
        """"a package for Ukraine worth 400 million euros, which includes ...": a relative clause
        the parser hangs on the money or a place belongs to the package noun before it."""
        if head.lemma_.lower() in self.inventory.nominal_lemmas | PACKAGE_WORDS:
            return head
        for word in reversed(head.doc[max(0, head.i - _PACKAGE_REACH): head.i]):
            if word.pos_ in ("VERB", "AUX"):
                break
            if word.pos_ == "NOUN" and word.lemma_.lower() in self.inventory.nominal_lemmas | PACKAGE_WORDS:
                return word
        return head


def _within(token: Token, verb: Token) -> bool:
    """True when `token` is in the clause of `verb`, not in a clause of a verb below it other
    than a participle that modifies a listed noun."""
    word = token
    while word.i != verb.i:
        if word.head.i == word.i or word.dep_ in ("relcl", "advcl", "ccomp", "parataxis"):
            return False
        word = word.head
    return True
