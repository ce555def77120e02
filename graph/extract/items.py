"""What a claim gives: the system mentions of its item phrases.

An item phrase (the object, the passive subject, "for ...", "with ...") gives every system
mention in it, examples over categories ("air defence, including IRIS-T"), not the recipient's
own ("Ukraine's air defence") nor people ("F-16 pilots"); "the systems", "them" and "the
weapons" point back to the item named last or the last transfer; a package with money and no
item word is military aid; "listed what is withheld: ..." takes the list after the colon. A class
word stands for a named model: "the jets" for the last jets named, "the Swedish jets" for those
Sweden was said to give, "promised 19 aircraft" for the one aircraft model the article named;
a class word in apposition to a named model ("900 ERAMs, cruise missiles fired from jets") is
no item of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from itertools import islice

from spacy.tokens import Token

from graph.extract.actors import PACKAGE_WORDS
from graph.extract.discourse import Discourse
from graph.extract.frames import Inventory
from graph.extract.grammar import phrase_tokens
from graph.extract.item_phrases import without_purposes
from graph.extract.lexicon import load_lexicon
from graph.extract.parsed import ParsedSentence
from graph.extract.references import resolve_reference
from graph.model import Claim, ClaimKind, Mention, Money
from graph.vocabulary import Vocabulary

_MONEY_LINKS = frozenset({"dobj", "npadvmod", "nummod", "quantmod", "nmod", "pobj", "prep", "attr"})  # "promised Ukraine £2bn in ..."
_RECENT_ITEMS = 3  # how far back a definite category word looks for the named system it stands for
_EXAMPLE_CUES = frozenset({"like", "including", "include", "includes", "included"})


class ItemFinder:
    """The item rules, bound to one vocabulary and frame inventory."""

    def __init__(self, vocabulary: Vocabulary, inventory: Inventory, ukraine: str | None, personnel_nouns: frozenset[str],
                 numbers: dict[str, int] | None = None) -> None:
        self.vocabulary = vocabulary
        self.numbers = numbers or {}  # number words ("six": 6), from lexicon.yaml
        self.inventory = inventory
        self.ukraine = ukraine
        self.personnel_nouns = personnel_nouns
        lexicon = load_lexicon()
        self.civil_words = lexicon.civil_words  # "humanitarian aid": no military help
        self.bare_heads = lexicon.equipment_bare_heads  # "aircraft", "tanks": equipment named by its class word alone
        self.military_aid = vocabulary.resolve_name("military aid")
        self.adversary = vocabulary.resolve_name("Russia")  # "to stop Russian missiles": the enemy's arms are no aid
        self.military_aid_class = vocabulary.system_classes.get(self.military_aid) if self.military_aid else None

    def items(self, parsed: ParsedSentence, trigger: Token, words: list[Token], discourse: Discourse, hand_overs: bool = True) -> list[Mention]:
        """System mentions in the item phrases; "the systems" resolves to the item named last,
        and (with `hand_overs`) "their shipment" to the hand-over told before."""
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
                if self._describes_named(parsed, mention, items):
                    continue  # "900 ERAMs, air-launched missiles that fly far": the class of the named model
                if self.support_item(parsed, mention):
                    items.append(mention)
        if not items and self.military_aid is not None and any(
            parsed.parse[i].lemma_.lower() in PACKAGE_WORDS | self.inventory.nominal_lemmas or i in parsed.money
            for w in words for i in phrase_tokens(w)
        ) and any(i in parsed.money for i in self._money_places(trigger, words)) and not any(self._civil(w) for w in words):
            # "a package worth 1.5 billion euros", "pledged €1.2bn": money without a named item
            # ("$300 million in humanitarian aid" is no military help)
            first = parsed.sentence.tokens.start + words[0].i
            return [Mention("system", self.military_aid, parsed.sentence.span, first, first + 1, generic=True)]
        if not items and any(w.lower_ == "what" for w in words):
            # "listed what is being withheld: several dozen Patriot interceptors, ...": the list after the colon
            colon = next((t.i for t in parsed.parse if t.text == ":" and t.i > trigger.i), None)
            if colon is not None:
                return [m for i, m in sorted(parsed.systems.items()) if i > colon and self.support_item(parsed, m)
                        and (i == 0 or parsed.systems.get(i - 1) is not m) and not _in_clause(parsed.parse[i], colon)]
        if not items and any(w.lower_ in ITEM_PRONOUNS for w in words):
            # "refurbish 100 Leopard 1 tanks and send them", "they were delivered in March": the
            # items named before it
            pronoun = min(w.i for w in words if w.lower_ in ITEM_PRONOUNS)
            before = [m for i, m in sorted(parsed.systems.items()) if i < pronoun and not m.generic]
            if before:
                return [before[-1]]
            latest = [*discourse.claims, *discourse.sentence_claims]
            return [_as_mention(latest[-1])] if latest else []
        count = next((c for w in words if w.dep_ in ("dobj", "nsubjpass", "pobj", "nsubj") and not any(c.dep_ == "prep" for c in w.children)
                      for c in [_counted_more(w)] if c.pos_ == "NUM" and not _year(c) or _ORDINAL.get(c.lower_) and _indefinite(c)), None)
        told = ([m for i, m in sorted(parsed.systems.items()) if i < count.i and not m.generic] or discourse.items
                ) if not items and count is not None else []
        if told:
            # "Norway has committed six": a bare count of the item named last; "Denmark will pay
            # for a third": one more of it
            value = _ORDINAL.get(count.lower_) or self._count(count)
            return [replace(told[-1], quantity=value)]
        if not items and hand_overs and any(self.anaphoric_hand_over(w) for w in words):
            # "Their shipment has been delayed", "Deliveries have resumed": the hand-over told before
            transfer = next((c for c in reversed([*discourse.claims, *discourse.sentence_claims])
                             if c.kind in (ClaimKind.PLEDGE, ClaimKind.DELIVERY, ClaimKind.SUSPENSION) and c.system), None)
            if transfer is not None:
                return [replace(_as_mention(transfer), quantity=None)]
        if not items and words:
            base = parsed.sentence.tokens.start
            lo = base + min(i for w in words for i in phrase_tokens(w))
            hi = base + max(i for w in words for i in phrase_tokens(w)) + 1
            reference = resolve_reference(parsed.mentions, lo, hi, discourse.items)
            if reference is not None and not self.restricted(parsed, reference):
                items.append(self._of_describing_state(parsed, reference, discourse))
        base = parsed.sentence.tokens.start
        items = without_purposes(items, lambda i: parsed.parse[i - base].text if 0 <= i - base < len(parsed.parse) else "", self.is_model)
        if any(not m.generic for m in items):
            items = [self.antecedent(parsed, m, discourse) for m in items if not m.generic]
        elif items and discourse.items and all(self.definite(parsed, m) and not self.restricted(parsed, m) for m in items):
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

    def _civil(self, word: Token) -> bool:
        """"humanitarian aid", "$300 million in economic support": the item phrase, or what its
        money is "in", is described by a civilian word."""
        nouns = [word, *(g for c in word.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children if g.dep_ == "pobj")]
        return any(m.dep_ in ("amod", "compound") and m.lower_ in self.civil_words for noun in nouns for m in noun.children)

    def is_model(self, mention: Mention) -> bool:
        """A named model ("Stinger", "M777", an unlisted "Skynex"), not a category ("howitzers")."""
        label = mention.label or self.vocabulary.label(mention.iri)
        return label[:1].isupper() or any(ch.isdigit() for ch in label.split()[0] if label)

    def antecedent(self, parsed: ParsedSentence, mention: Mention, discourse: Discourse) -> Mention:
        """"Denmark paid for 18 Caesar guns; the howitzers have since arrived": a definite
        category word with no count of its own stands for the latest named system of its class
        among the last few (a name the vocabulary lacks counts as any class; "155 mm shells" is
        named as much as "Caesar": "the shells" after "155 mm shells and Stinger missiles"). So
        do one a state owns ("Norway's six jets"), the rest of what was named ("more of its
        remaining jets") and a part of them in the same unit ("30 of the tanks" after Gepard
        guns), their count kept."""
        head = parsed.parse[mention.token_end - 1 - parsed.sentence.tokens.start]
        possessed = any(c.dep_ == "poss" and c.i in parsed.actors for c in head.children)
        # "more of its remaining jets": the rest of what was named points back like "the"
        owned = any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in head.children) and any(
            c.dep_ == "amod" and c.lower_ in ("remaining", "leftover") for c in head.children)
        describer = next((parsed.actors[c.i].iri for c in head.children if c.dep_ in ("amod", "nmod", "compound") and c.i in parsed.actors), None)
        described = describer is not None
        # "30 of the tanks": a count of some of the items meant
        partitive = head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.like_num
        pointing = (self.definite(parsed, mention) or owned) and (mention.quantity is None or partitive) or possessed
        part = self._count(head.head.head) if partitive else None
        if part is not None:
            # "sent 300 of the vehicles", "sent 20 of its 32 jets": the part is what was sent
            mention = replace(mention, quantity=part)
        if described and not possessed:
            # "the Swedish jets" after F-16s: another state's jets, the named ones of their class
            # that state was said to give, if any ("Sweden may export Gripens ...")
            return self._given_by_describer(describer, mention, discourse) if pointing else mention
        if not pointing and mention.unlisted and mention.label.lower() in self.bare_heads:
            # "we have promised 19 aircraft" in a report naming F-16s and no other aircraft: a bare
            # unit word stands for the one named model counted in it
            return self._sole_model_of_unit(mention, discourse)
        if not mention.span.text[:1].islower() or not pointing or self.restricted(parsed, mention):
            return mention
        count = mention.quantity if possessed or partitive else None
        before = [m for m in parsed.mentions.systems if m.token_end <= mention.token_start and not m.generic]
        classes = self.vocabulary.system_classes
        # the last few named ones told before, latest first
        named = islice((m for m in reversed(discourse.items) if m.span.text[:1].isupper() or self.is_model(m)), _RECENT_ITEMS)
        for earlier in [*reversed(before), *named]:
            if earlier.iri == mention.iri or not (earlier.span.text[:1].isupper() or self.is_model(earlier)):
                continue
            # "jets" after "F-16s"; "30 of the tanks" after Gepard anti-aircraft guns (a part of
            # them, counted as vehicles too; "the howitzers" after Leopard tanks are other vehicles)
            same_unit = (mention.unlisted or partitive) and mention.unit is not None and mention.unit == earlier.unit
            if earlier.unlisted or same_unit or classes.get(earlier.iri) == classes.get(mention.iri):
                return replace(earlier, span=mention.span, token_start=mention.token_start, token_end=mention.token_end, quantity=count)
        return mention

    def _of_describing_state(self, parsed: ParsedSentence, reference: Mention, discourse: Discourse) -> Mention:
        """"The German systems" after German and British launchers: what the state its adjective
        names was said to give last, else the item named last."""
        base = parsed.sentence.tokens.start
        state = next((self.vocabulary.acting_state(parsed.actors[i - base].iri) for i in range(reference.token_start, reference.token_end)
                      if i - base in parsed.actors), None)
        given = self._latest_given(state, discourse, lambda claim: claim.system != self.military_aid)
        return reference if given is None else replace(reference, iri=given, label=None)

    def _latest_given(self, state: str | None, discourse: Discourse, fits: Callable[[Claim], bool]) -> str | None:
        """The system of the latest claim, this sentence's included, that `state` gives and that `fits`."""
        if state is None:
            return None
        return next((c.system for c in reversed([*discourse.claims, *discourse.sentence_claims])
                     if c.provider == state and c.system is not None and fits(c)), None)

    def _describes_named(self, parsed: ParsedSentence, mention: Mention, items: list[Mention]) -> bool:
        """True for a class word in apposition to a named model already taken as an item."""
        head = parsed.parse[mention.token_end - 1 - parsed.sentence.tokens.start]
        named = parsed.systems.get(head.head.i)
        return head.dep_ == "appos" and named is not None and named in items and self.is_model(named) and not self.is_model(mention)

    def _sole_model_of_unit(self, mention: Mention, discourse: Discourse) -> Mention:
        """The one named model the article has counted in the mention's unit, else the mention."""
        models = {m.iri for m in discourse.items if not m.generic and self.is_model(m) and m.unit == mention.unit and m.unit is not None}
        if len(models) != 1:
            return mention
        return replace(mention, iri=models.pop(), label=None)

    def _given_by_describer(self, describer: str, mention: Mention, discourse: Discourse) -> Mention:
        """The latest named system of the mention's class that the state describing it ("the
        Swedish jets") was said to provide earlier in the article, else the mention itself."""
        classes = self.vocabulary.system_classes
        # a word the vocabulary lacks ("jets") is of the class of any system counted in its unit
        given = self._latest_given(self.vocabulary.acting_state(describer) or describer, discourse, lambda c: c.system != mention.iri and (
            classes.get(c.system) == classes.get(mention.iri) if not mention.unlisted else mention.unit is not None and c.unit == mention.unit))
        return mention if given is None else replace(mention, iri=given, label=None, quantity=None)

    def _count(self, word: Token) -> int | None:
        """"six", "300", "1,200": the number a count word says, if it is one."""
        digits = word.text.replace(",", "")
        return self.numbers.get(word.lower_) or (int(digits) if digits.isdigit() else None)

    def anaphoric_hand_over(self, word: Token) -> bool:
        """A hand-over noun without its own "of ...": "its transfer", "the shipment", "deliveries"."""
        if word.lemma_.lower() not in self.inventory.nominal_lemmas or word.lemma_.lower() in ("package", "contribution"):
            return False
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in word.children):
            return False
        determiners = {c.lower_ for c in word.children if c.dep_ in ("det", "poss")}
        return bool(determiners & {"the", "its", "their", "these", "those", "this"}) or not determiners and word.tag_ == "NNS"

    @staticmethod
    def restricted(parsed: ParsedSentence, mention: Mention) -> bool:
        """"the missiles France and Britain have supplied": a relative clause with no comma
        says which ones are meant, so the noun does not point back."""
        head = parsed.parse[mention.token_end - 1 - parsed.sentence.tokens.start]
        return any(c.dep_ in ("relcl", "acl") and c.i > head.i and parsed.parse[head.i + 1].text != "," for c in head.children)

    @staticmethod
    def definite(parsed: ParsedSentence, mention: Mention) -> bool:
        head = parsed.parse[mention.token_end - 1 - parsed.sentence.tokens.start]
        return any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in head.children)

    def support_item(self, parsed: ParsedSentence, mention: Mention) -> bool:
        """Not the recipient's own ("Ukraine's air defence"), not the enemy's ("Russian
        missiles"), not people ("F-16 pilots")."""
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
                if owner is not None and self.adversary is not None and owner.iri == self.adversary:
                    return False
        return True

    def _money_places(self, trigger: Token, words: list[Token]) -> Iterator[int]:
        """Where the sum of an item phrase may stand: in the phrase, beside it, on the trigger
        ("promised Ukraine £2bn"), or in a valuation clause on either ("announced a package on
        Friday, valued at $800 million")."""
        valuation = self.inventory.valuation_words
        for word in words:
            yield from phrase_tokens(word)
            yield from (c.i for c in word.head.children)
            yield from (t.i for c in word.children if c.dep_ == "acl" and c.lemma_.lower() in valuation for t in c.subtree)
        for child in trigger.children:
            if child.dep_ in _MONEY_LINKS or child.dep_ in ("advcl", "acl") and child.lemma_.lower() in valuation:
                yield from (t.i for t in child.subtree)

    @staticmethod
    def money(parsed: ParsedSentence, trigger: Token) -> Money | None:
        """The money in the trigger's phrase; for a noun trigger, in its clause
        ("has been the largest provider of military aid, pumping in $69 billion")."""
        if not parsed.money:
            return None  # most sentences: no need to walk the subtree
        scopes = [trigger] if trigger.pos_ in ("VERB", "AUX") else [trigger, trigger.head]
        if trigger.pos_ == "NOUN" and trigger.dep_ == "pobj" and trigger.head.dep_ == "prep":
            scopes.append(trigger.head.head)  # "$40 million for the purchase of ..."
        for scope in scopes:
            for token in scope.subtree:
                if token.i in parsed.money:
                    return parsed.money[token.i]
        return None




# pronouns in an item role ("send them"; "they", "it" as a passive or arrival subject)
ITEM_PRONOUNS = frozenset({"them", "it", "they"})
# "a second", "a third": one more of the item named last
_ORDINAL = {word: 1 for word in ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")}


def _counted_more(word: Token) -> Token:
    """The number of "20 more" standing alone ("has promised 20 more"), else the word."""
    if word.lower_ == "more":
        return next((c for c in word.children if c.dep_ == "nummod"), word)
    return word


def _indefinite(word: Token) -> bool:
    """"a third" (one more), not "the third" (one of those told) nor "a third battery"."""
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in word.children) and not any(c.dep_ in ("compound", "amod") for c in word.children)


def _year(word: Token) -> bool:
    """"in 2023": a four-digit number of a plausible year is no count."""
    return len(word.text) == 4 and word.text.isdigit() and 1900 <= int(word.text) <= 2100


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
