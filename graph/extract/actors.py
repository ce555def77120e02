"""Who fills a role: the actors a parse word stands for, and the states they act for.

Reads a role word of the parse (graph/extract/grammar.py gives it) and answers with vocabulary
IRIs: the mention at the word or inside its noun phrase ("the government of Germany"), the
examples of a vague group ("countries like Germany and Spain"), pronouns in reported speech
("Britain said it would": Britain), "his country" and "my Administration", an unlisted person's
state as their title names it ("Polish Prime Minister ..."), the destination of a hand-over
(Ukraine, another state, or an alliance as the channel) and who said it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from graph.extract.attribution import Source, speech_source
from graph.extract.discourse import Discourse
from graph.extract.frames import Inventory
from graph.extract.grammar import examples, path_up, phrase_heads, phrase_tokens, subject
from graph.extract.parsed import ParsedSentence
from graph.iris import unlisted_kind, unlisted_label
from graph.model import ActorType
from graph.vocabulary import Vocabulary

_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
_GOVERNMENT_NOUNS = frozenset({"country", "government", "administration", "nation", "cabinet"})
_MEMBER_NOUNS = frozenset({"member", "ally", "country", "state", "partner", "nation", "government"})
_THIRD_PERSON = frozenset({"it", "they", "its", "their"})
# a state's ministry named without its state: "the defence ministry", "the ministry"
_MINISTRY_NOUNS = frozenset({"ministry", "department"})
# who acts for the state whose capital follows "in": "officials in Rome", "the government in Kyiv"
_OFFICE_NOUNS = frozenset({"official", "authority", "government", "administration", "ministry", "leader", "leadership"})
_FIRST_PERSON = frozenset({"we", "i", "us", "me", "our", "my"})
# nouns of a whole that holds items: "a package that includes", "the assistance committed"
PACKAGE_WORDS = frozenset({"capability", "assistance", "aid", "support", "tranche", "list"})
# nouns of a pool of money that buys for Ukraine, or a joint purchase ("the Czech-led initiative",
# "the effort"; graph/extract/funds.py)
FUND_NOUNS = frozenset({"fund", "initiative", "scheme", "coalition", "facility", "mechanism", "programme", "program",
                        "model", "pool", "instrument", "account", "effort", "drive", "plan"})


class ActorResolver:
    """The actor rules, bound to one vocabulary and frame inventory."""

    def __init__(self, vocabulary: Vocabulary, inventory: Inventory, ukraine: str | None) -> None:
        self.vocabulary = vocabulary
        self.inventory = inventory
        self.ukraine = ukraine
        self._asked: set[int] = set()  # speaker words being resolved now: a cycle of reports ends there

    def talks_partner(self, noun: Token) -> Token | None:
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

    def note_source(self, said_by: str | None, discourse: Discourse) -> None:
        """Outlets and institutes a claim is attributed to are the article's cited sources (its
        PROV reporting chain: "according to Reuters", "RBC-Ukraine, citing Der Spiegel")."""
        if said_by is not None and self.vocabulary.actor_type(said_by) is ActorType.ORGANISATION:
            discourse.cited.append(said_by)
            if discourse.lede_source is None and self.vocabulary.is_outlet(said_by):
                discourse.lede_source = said_by  # "..., NBC News reported": the article's source from then on

    def acting(self, actors: list[str], discourse: Discourse) -> list[str]:
        """The states or bodies actors act for, without repeats; a person whose state neither
        the vocabulary nor the text tells acts for nobody (the person stays the speaker)."""
        acting: list[str] = []
        for actor in actors:
            state = discourse.affiliation(actor, unlisted_label(actor) if unlisted_kind(actor) else None) or self.vocabulary.acting_state(actor)
            if state is None or self.vocabulary.actor_type(state) is ActorType.PERSON or unlisted_kind(state) == "person":
                continue
            if self.vocabulary.is_outlet(state):
                continue  # "(Reuters) - Sweden announced": an outlet reports, it gives nothing
            if state not in acting:
                acting.append(state)
        return acting

    def holders(self, parsed: ParsedSentence, clause: Token, discourse: Discourse) -> list[str]:
        """"Prague has tracked down shells that could be shipped to Ukraine": whoever holds the
        object a relative clause describes, the giver of what the clause says is given."""
        if clause.dep_ != "relcl" or clause.head.dep_ != "dobj":
            return []
        holder = subject(clause.head.head)
        return self.acting(self.actors(parsed, [holder], discourse), discourse) if holder is not None else []

    def speaking_state(self, said_by: str | None, discourse: Discourse) -> str | None:
        """The state a speaker acts for (a minister, also one titled only in the text): not a
        state speaking for itself, an international official or the recipient's own."""
        if said_by is None:
            return None
        return next((a for a in self.acting([said_by], discourse) if a not in (said_by, self.ukraine)
                     and self.vocabulary.actor_type(a) is ActorType.STATE), None)

    def item_providers(self, parsed: ParsedSentence, words: list[Token], discourse: Discourse) -> list[str]:
        """"announced a new British package": the nationality or owner of a hand-over noun."""
        found: list[str] = []
        for word in words:
            if word.lemma_.lower() not in self.inventory.nominal_lemmas | PACKAGE_WORDS:
                continue
            announcer = governing_subject(word)  # "announcing a surge in assistance, which will provide"
            if announcer is not None and announcer.i != word.i:
                found.extend(self.actors(parsed, [announcer], discourse))
            for child in word.children:
                if child.dep_ in ("amod", "poss", "compound", "nmod") and child.i in parsed.actors:
                    found.append(parsed.actors[child.i].iri)
        for word in words:
            # "cover the cost of German Leopard 2 tanks": the nationality of the item itself
            for index in phrase_tokens(word):
                token = parsed.parse[index]
                if token.dep_ in ("amod", "compound", "nmod", "poss") and index in parsed.actors and (
                        token.head.i in parsed.systems or any(c.i in parsed.systems for c in token.head.children)) and (
                        token.dep_ == "amod" or self.vocabulary.actor_type(parsed.actors[index].iri) is ActorType.STATE
                        and parsed.actors[index].iri != self.ukraine):
                    found.append(parsed.actors[index].iri)  # "US weapons", "Norway's jets" too
        return found

    def actors(self, parsed: ParsedSentence, words: list[Token], discourse: Discourse) -> list[str]:
        """Actor IRIs of the noun phrases headed by `words`, conjuncts included.

        "countries like Germany and Spain": the examples of a group are its actors.
        """
        found: list[str] = []
        dateline = _dateline_end(parsed.parse)
        for word in words:
            if word.i < dateline:
                continue  # "SEOUL, Nov. 28 (Yonhap) -- ...": the place of the dateline acts in nothing
            # ("Italy, like Spain, has sent": a named actor is itself, not its comparison)
            named = examples(word) if word.i not in parsed.actors else []
            for head in [h for example in named for h in phrase_heads(example)] or phrase_heads(word):
                if head.i < dateline:
                    continue
                group = self._speaking_group(parsed, head, discourse)
                if group:
                    found.extend(iri for iri in group if iri not in found)
                    continue
                iri = self.actor_of(parsed, head, discourse)
                if iri is not None and iri not in found:
                    found.append(iri)
        return found

    def actor_of(self, parsed: ParsedSentence, head: Token, discourse: Discourse) -> str | None:
        mention = parsed.actors.get(head.i)
        if mention is not None:
            if unlisted_kind(mention.iri) == "person" and mention.iri not in discourse.affiliations:
                state = self.state_in_phrase(parsed, head)
                if state is not None:
                    discourse.affiliations[mention.iri] = state
                    if mention.label:
                        discourse.affiliations[mention.label.split()[-1].lower()] = state
            return mention.iri
        lower = head.lower_
        if head.tag_ == "NNP" and lower in discourse.people:
            return discourse.people[lower]  # "Andersson added": the Magdalena Andersson named before
        if lower in _PRONOUNS or lower in _THIRD_PERSON:
            bound = self._governing_state(parsed, head)
            if bound is not None:
                return bound  # "Spain is weighing whether it can spare ..., El País reported": Spain
            speaker = self.reporting_speaker(parsed, head, discourse)
            if speaker is not None and (lower in _PRONOUNS or self.vocabulary.actor_type(speaker) is not ActorType.PERSON):
                return speaker
            if lower in _THIRD_PERSON:
                if speaker is None and self._pronoun_speaker(head):
                    speaker = discourse.last_person  # "it had done so, he said": his state
                return (self.acting_or_none(speaker, discourse) or self._governing_state(parsed, head)
                        or (discourse.last_state if head.dep_ in ("nsubj", "nsubjpass") else None))
            return discourse.last_person
        if lower in _FIRST_PERSON:
            speaker = self.reporting_speaker(parsed, head, discourse)
            if speaker is None and self._pronoun_speaker(head):
                speaker = discourse.last_person  # '"We are no longer sending arms," he said': his side
            return discourse.first_person(parsed, head, speaker)
        if lower in _GOVERNMENT_NOUNS and any(c.dep_ == "poss" and c.lower_ in ("my", "our") for c in head.children):
            return self.acting_or_none(discourse.first_person(parsed, head, self.reporting_speaker(parsed, head, discourse)), discourse)
        if lower in _GOVERNMENT_NOUNS and any(c.dep_ == "poss" and c.lower_ in ("his", "her", "its", "their") for c in head.children):
            # "Pistorius said his country has pledged": the speaker's state
            speaker = self.reporting_speaker(parsed, head, discourse) or discourse.last_person
            return self.acting_or_none(speaker, discourse)
        if lower in _GOVERNMENT_NOUNS and any(c.dep_ == "poss" and c.lower_ == "whose" for c in head.children):
            # "Spain's minister, whose government is willing to send ...": the state of the noun
            # the relative clause describes
            clause = next((w for w in head.ancestors if w.dep_ == "relcl"), None)
            if clause is not None and clause.head.i not in self._asked:
                self._asked.add(clause.head.i)
                try:
                    return self.acting_or_none(self.actor_of(parsed, clause.head, discourse), discourse)
                finally:
                    self._asked.discard(clause.head.i)
            return None
        if head.lemma_.lower() in _MEMBER_NOUNS and any(c.dep_ == "det" and c.lower_ in ("a", "an", "some", "another", "one") for c in head.children):
            return None  # "a NATO member has supplied tanks": one of a group, unnamed
        # "the government of Germany", "the German government": a mention inside the phrase
        for index in phrase_tokens(head):
            token = parsed.parse[index]
            if index in parsed.actors and not _under_other_preposition(token, head):
                return parsed.actors[index].iri
            described = discourse.description(token)
            if described is not None:
                return described  # "members of this group"
        if (head.lemma_.lower() in FUND_NOUNS and head.dep_ in ("nsubj", "nsubjpass") and discourse.last_fund is not None
                and [c.lower_ for c in head.children if c.dep_ == "det"] == ["the"]):
            # "the effort could bring 1.5 million rounds": the initiative named before with its
            # organiser, who runs it
            return discourse.last_fund.runner
        if lower in _GOVERNMENT_NOUNS and sorted(c.lower_ for c in head.children) == ["the", "there"]:
            return discourse.last_state  # "the government there is weighing ...": the place told before
        # (not as the asker: "the defence ministry has asked for Patriots" may well be Kyiv's)
        office = lower in _MINISTRY_NOUNS and bool(list(head.children)) and all(
            c.lower_ == "the" or c.dep_ in ("compound", "amod") and c.is_lower for c in head.children) and not any(
            f.kind == "request" for f in self.inventory.frames_for(head.head.lemma_.lower()))
        if (lower in _GOVERNMENT_NOUNS and [c.lower_ for c in head.children] == ["the"] or office) and head.dep_ in ("nsubj", "nsubjpass"):
            # "The Government has decided on a tenth package", "the defence ministry has ordered
            # shells": the state of whoever reports it
            # ("the government would also transfer ..., Andersen added"), of the release, else the
            # state the article last named
            speaker = self.reporting_speaker(parsed, head, discourse)
            return (self.acting_or_none(speaker, discourse) or self.acting_or_none(discourse.narrator, discourse)
                    or discourse.last_state)
        return None

    def _speaking_group(self, parsed: ParsedSentence, pronoun: Token, discourse: Discourse) -> list[str]:
        """"Denmark, Norway and Sweden said they would finance ...": a plural pronoun in reported
        speech is every one of the coordinated speakers."""
        if pronoun.lower_ not in ("they", "their"):
            return []
        source = speech_source(pronoun, self.inventory)
        if source is None or source.word.i == pronoun.i or source.word.lower_ in _THIRD_PERSON | _PRONOUNS:
            return []
        speakers = phrase_heads(source.word)
        if len(speakers) < 2:
            return []
        return [iri for head in speakers if (iri := self.actor_of(parsed, head, discourse)) is not None]

    def _governing_state(self, parsed: ParsedSentence, pronoun: Token) -> str | None:
        """The state a singular "it"/"its" stands for when a clause above it has a state as
        subject: "Spain is weighing whether it can spare some of its missiles" is Spain."""
        if pronoun.lower_ not in ("it", "its"):
            return None
        clause = pronoun.head
        for word, _ in path_up(clause, limit=4):
            if word.pos_ not in ("VERB", "AUX"):
                continue
            own = next((c for c in word.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            mention = parsed.actors.get(own.i) if own is not None else None
            if mention is not None and self.vocabulary.actor_type(mention.iri) is ActorType.STATE:
                return mention.iri
            if own is not None:
                return None  # the nearest clause above with a subject decides
        return None

    def _pronoun_speaker(self, word: Token) -> bool:
        """True when the speech verb over `word` has a pronoun subject ("..., he said")."""
        source = speech_source(word, self.inventory)
        return source is not None and source.word.i != word.i and source.word.lower_ in _PRONOUNS

    def state_in_phrase(self, parsed: ParsedSentence, head: Token) -> str | None:
        """A state named in a person's title: "Polish Prime Minister X", "Canada's minister, X"."""
        words = [head, head.head] if head.dep_ == "appos" else [head]
        for word in words:
            for index in phrase_tokens(word):
                mention = parsed.actors.get(index)
                if mention is not None and self.vocabulary.actor_type(mention.iri) is ActorType.STATE:
                    return mention.iri
        return None

    def reporting_speaker(self, parsed: ParsedSentence, word: Token, discourse: Discourse) -> str | None:
        """The actor a pronoun in reported speech stands for: the subject of the speech verb
        ("Britain said it had begun supplying": Britain; "Sunak said he would": Sunak)."""
        source = speech_source(word, self.inventory)
        if source is None or source.word.i == word.i or source.word.lower_ in _PRONOUNS | _THIRD_PERSON | _FIRST_PERSON:
            return None  # "I can say we will": the first person is the narrator's, no further speaker
        mention = parsed.actors.get(source.word.i)
        if mention is not None:
            return mention.iri
        if source.word.i in self._asked:
            return None  # "our government said our country ...": speakers that report each other
        self._asked.add(source.word.i)
        try:
            return self.actor_of(parsed, source.word, discourse)
        finally:
            self._asked.discard(source.word.i)

    def acting_or_none(self, actor: str | None, discourse: Discourse) -> str | None:
        """The state an actor acts for; an unlisted person's state as the text described it."""
        if actor is None:
            return None
        state = discourse.affiliation(actor, unlisted_label(actor) if unlisted_kind(actor) else None) or self.vocabulary.acting_state(actor)
        return None if state == actor and self.vocabulary.actor_type(actor) is ActorType.PERSON or unlisted_kind(state) == "person" else state

    def destination(self, recipients: list[str], vias: list[str]) -> tuple[str | None, str | None, bool]:
        """(recipient, via, in scope): an alliance or fund as destination is the channel;
        Ukraine named as a channel ("paid for ... to Ukraine") is the recipient."""
        via = next((v for v in vias if self.vocabulary.acting_state(v) != self.ukraine), None)
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

    def speaker(self, parsed: ParsedSentence, source: Source | None, discourse: Discourse) -> str | None:
        if source is None:
            return None
        found = [iri for head in phrase_heads(source.word) if (iri := self.actor_of(parsed, head, discourse)) is not None]
        people = [iri for iri in found if self.vocabulary.actor_type(iri) is ActorType.PERSON or unlisted_kind(iri) == "person"]
        return (people or found or [None])[0]  # "Sweden's prime minister, Ulf Kristersson": the person


def _dateline_end(parse: Doc) -> int:
    """The index after a wire dateline ("KYIV, May 2 (Reuters) -", "SEOUL (AP) --"), else 0;
    found once per parse (every role of every trigger asks) and kept in its user data."""
    end = parse.user_data.get(_DATELINE_END)
    if end is None:
        end = parse.user_data[_DATELINE_END] = next(
            (token.i + 1 for token in parse[:14]
             if token.text in ("-", "--", "\u2013", "\u2014") and token.i > 0 and parse[token.i - 1].text == ")"), 0)
    return end


_DATELINE_END = "pledgegraph.dateline_end"


def governing_subject(noun: Token) -> Token | None:
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
    """True when a preposition other than "of" stands between `token` and `head`; "in" too,
    unless the head is an office ("officials in Rome", "the government in Kyiv")."""
    word = token
    seat = head.lemma_.lower() in _OFFICE_NOUNS
    while word.i != head.i and word.head.i != word.i:
        if word.dep_ == "pobj" and word.head.lower_ != "of" and not (seat and word.head.lower_ == "in" and word.head.head.i == head.i):
            return True
        word = word.head
    return False
