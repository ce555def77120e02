"""Which system mentions of a clause are what a claim gives.

Not every system a sentence names is being given: "Ukraine's strained defense systems" is what
Ukraine has, "training for F-16 pilots" is about people, and in "the anti-armor systems we
provided—like the 8,000 Javelin" the examples are the claims, not the category. Generic words
("weapons") only count with money or a named recipient.
"""

from __future__ import annotations

from spacy.tokens import Doc

from graph.extract.lexicon import Lexicon
from graph.extract.mentions import SentenceMentions
from graph.model import ClaimKind, Mention
from graph.namespaces import PG
from graph.extract.roles import Clause, RoleFinder
from graph.vocabulary import Vocabulary


class ItemRules:
    """The item rules, bound to one vocabulary, lexicon and role finder."""

    def __init__(self, vocabulary: Vocabulary, lexicon: Lexicon, roles: RoleFinder, ukraine: str | None) -> None:
        self.vocabulary = vocabulary
        self.lexicon = lexicon
        self.roles = roles
        self.ukraine = ukraine

    def examples_over_categories(self, doc: Doc, clause: Clause, items: list[Mention]) -> list[Mention]:
        """"anti-armor systems we provided—like the 8,000 Javelin": the examples are the claims.

        Categories before "like", "such as" or "including" give way to the items after it;
        generic aid with its money figure stays ("$50 billion …, including 700 tanks").
        """
        cue = next((t.i for t in doc[clause.start:clause.end] if t.lower_ in ("like", "including") or t.lower_ == "such" and t.i + 1 < clause.end and doc[t.i + 1].lower_ == "as"), None)
        if cue is None or not any(m.token_start > cue for m in items):
            return items
        aid = str(PG.MilitaryAid)
        return [m for m in items if m.token_start > cue or self.vocabulary.system_classes.get(m.iri) == aid]

    def is_support_item(self, doc: Doc, item: Mention, lo: int) -> bool:
        """Whether a system mention can be what a claim gives: not Ukraine's own, not its crews.

        "Ukraine's strained defense systems" is what Ukraine has; "training for Ukrainian F-16
        pilots" is about people.
        """
        following = doc[item.token_end].lower_ if item.token_end < len(doc) else ""
        return following not in self.lexicon.personnel_nouns and not self.recipients_own(doc, item, lo)

    def names_recipient(self, doc: Doc, clause: Clause, kind: ClaimKind, trigger: tuple[int, int], mentions: SentenceMentions) -> bool:
        """"weapons ... have provided to Ukraine": generic aid counts when the text says who gets it.

        Only for a pledge or delivery stated as such: paying "the full cost of the weapons sent to
        Ukraine" refers to an earlier claim, and "working on a deal for supplying weapons to
        Ukraine" states none.
        """
        start, end = trigger
        if kind not in (ClaimKind.PLEDGE, ClaimKind.DELIVERY) or doc[start].lower_ == "for":
            return False
        return any(
            m.iri == self.ukraine and end <= m.token_start < clause.end and self.roles.preceding_word(doc, m.token_start, clause.start) in ("to", "for")
            for m in mentions.actors
        ) and not any(not m.generic for m in mentions.systems if clause.start <= m.token_start < clause.end)

    def recipients_own(self, doc: Doc, item: Mention, lo: int) -> bool:
        """"Ukraine's strained defense systems", "Ukrainian air defenses": what it has, not what it gets."""
        before = item.token_start - 1
        while before > lo and item.token_start - before <= 2 and doc[before].lower_ in self.lexicon.non_modifiers - {"ukrainian"}:
            before -= 1  # "Ukraine's strained defense systems"
        if before >= lo and doc[before].lower_ in ("ukrainian", "ukraine's", "ukraine’s"):
            return True
        return before - 1 >= lo and doc[before].lower_ in ("'s", "’s") and doc[before - 1].lower_ == "ukraine"

