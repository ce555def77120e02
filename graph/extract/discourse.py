"""Discourse: what earlier sentences of an article tell later ones.

The last person named is whom "he" and "she" mean, the last state other than Ukraine what "it"
and "they" mean when they give or pay; "we" and "I" are the speaker of a quote,
else the article's narrator (the author of a signed statement, or the publishing state); "the
systems" refers to the item named last; "this group" to the organisation named last; a date in
the sentence dates its claims.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Token

from graph.extract.lists import ListFrame
from graph.extract.parsed import ParsedSentence
from graph.model import Claim, Mention

_GROUP_NOUNS = frozenset({"group", "alliance", "coalition", "bloc", "union", "organisation", "organization"})
_BODY_NOUNS = frozenset({"alliance", "bloc", "union"})  # what "the ..." alone names: a body already named
_QUOTES = frozenset({'"', "“", "”"})


@dataclass(frozen=True)
class FundMemory:
    """A fund the article named: who runs it ("the Czech initiative": the Czech Republic; a named
    fund such as PURL: the fund itself), what it buys and from whom ("the scheme under which allies
    pay for American weapons": weapons, from the United States)."""

    runner: str
    purpose: Mention | None = None
    seller: str | None = None


@dataclass
class Discourse:
    """The running state of one article."""

    author: str | None = None
    narrator: str | None = None
    last_person: str | None = None
    last_organisation: str | None = None
    last_body: str | None = None  # the last international body named ("the EU"): what "the bloc" is
    last_state: str | None = None  # the last state other than Ukraine named: what "it" and "they" can give for
    items: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    sentence_claims: list[Claim] = field(default_factory=list)  # made so far in the sentence being read
    cited: list[str] = field(default_factory=list)
    lede_source: str | None = None  # the outlet the article reports from ("NBC News reported"): speaker of claims without one
    intro_frame: ListFrame | None = None  # the frame a list intro ("X committed to Ukraine includes:") gives its items
    list_frame: ListFrame | None = None  # the frame of the list the current sentence is an item of
    affiliations: dict[str, str] = field(default_factory=dict)  # unlisted person -> state named in their title
    people: dict[str, str] = field(default_factory=dict)  # a person's surname, lower-case -> the person named so
    # the fund named last with its organiser: what "the initiative" is
    last_fund: FundMemory | None = None
    turn_speaker: str | None = None  # "Poulsen: We have paid ...": who speaks in this turn of an interview

    def first_person(self, parsed: ParsedSentence, word: Token, speaker: str | None = None) -> str | None:
        """"we" inside quotes is the quoted `speaker` (else the last person named); outside
        them the narrator."""
        before = parsed.parse[: word.i]
        inside_quote = sum(1 for t in before if t.text in _QUOTES) % 2 == 1
        if speaker is not None and (inside_quote or self.narrator is None):
            return speaker  # "We are no longer sending arms, the prime minister said": his side
        if inside_quote and self.last_person is not None:
            return self.last_person
        return self.narrator

    def description(self, head: Token) -> str | None:
        """"this group": the organisation named last; "the bloc", "the alliance": the
        international body named last (a plain "the group" or "the coalition" may be a new one)."""
        if not head.text.islower() or head.lower_ not in _GROUP_NOUNS:
            return None
        determiners = {c.lower_ for c in head.children if c.dep_ == "det"}
        if determiners & {"this", "that"}:
            return self.last_organisation
        if "the" in determiners and head.lower_ in _BODY_NOUNS and len(list(head.children)) == 1:
            return self.last_body
        return None

    def affiliation(self, person: str, label: str | None) -> str | None:
        """The state the text gave an unlisted person ("Polish Prime Minister X"), by IRI or,
        for a later short mention ("Mr Healey"), by surname."""
        found = self.affiliations.get(person)
        if found is None and label:
            found = self.affiliations.get(label.split()[-1].lower())
        return found

    def set_funder(self, claim: Claim, funder: str) -> None:
        """"The US would send Patriots, and EU countries would cover the cost": the transfer
        gets the funder that a later clause names."""
        for claims in (self.claims, self.sentence_claims):
            for index, earlier in enumerate(claims):
                if earlier is claim:
                    claims[index] = replace(claim, funder=funder)

    @staticmethod
    def day(parsed: ParsedSentence) -> date | None:
        """The first date the sentence fixes."""
        return parsed.mentions.dates[0][1] if parsed.mentions.dates else None
