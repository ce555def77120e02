"""Finding who does what in a sentence: clauses, speakers, subjects, objects, destinations.

These are the role rules the claim extractor applies; they read spaCy tokens and the mentions
of one sentence and answer with vocabulary IRIs:

- a sentence is cut into clauses at complementisers ("that"), quotes opened after a comma or
  colon, ";", "while" and "but"; a speech verb gives the speaker of the clauses after it, and a
  trailing attribution (", Der Spiegel reports.") of the clauses before it;
- the subject of a verb is the nearest actor before it that no preposition governs, with its
  coordination ("Finland, Canada and Denmark"), a pronoun (the speaker in reported speech, else
  the last person named), or a vague group ("several other countries");
- "to X" is the recipient (an organisation there is the channel), "via/through X" the channel.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from graph.extract.lexicon import Lexicon
from graph.extract.mentions import PRONOUNS, SentenceMentions
from graph.model import ActorType, Mention
from graph.read.sentences import Sentence
from graph.vocabulary import Vocabulary

VAGUE = "vague"
_SKIPPED_BEFORE_NAMES = frozenset(
    {"the", "its", "their", "our", "his", "her", "some", "president", "secretary", "minister", "chancellor",
     "general", "premier", "king", "queen", "senator", "ambassador", "mr", "mrs", "ms", "dr"}
)
_CLAUSE_WORDS = frozenset({"that", "while", "whereas", "but", ";", "whilst"})
_QUOTES = frozenset({'"', "“", "”"})
_FIRST_PERSON = frozenset({"we", "i", "our", "my", "us"})


@dataclass
class Clause:
    """Tokens [start, end) of a sentence, with the speaker of the speech verb governing them."""

    start: int
    end: int
    speaker: str | None = None
    own_speaker: str | None = None



class RoleFinder:
    """The role rules, bound to one vocabulary and lexicon."""

    def __init__(self, vocabulary: Vocabulary, lexicon: Lexicon, ukraine: str | None) -> None:
        self.vocabulary = vocabulary
        self.lexicon = lexicon
        self.ukraine = ukraine

    def clauses(self, sentence: Sentence, mentions: SentenceMentions, last_person: str | None, narrator: str | None = None) -> list[Clause]:
        doc = sentence.tokens.doc
        lo, hi = sentence.tokens.start, sentence.tokens.end
        cuts = [lo]
        for token in doc[lo:hi]:
            opens_quote = token.text in _QUOTES and doc[token.i - 1].text in (",", ":")
            if token.i > lo and (token.lower_ in _CLAUSE_WORDS or opens_quote):
                if token.i > cuts[-1]:
                    cuts.append(token.i)
        cuts.append(hi)
        clauses = [Clause(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]
        speaker: str | None = None
        for clause in clauses:
            clause.speaker = speaker
            found = self.speaker_in(doc, clause, mentions, last_person, sentence, narrator)
            if found is not None:
                clause.own_speaker = found
                speaker = found
        # a trailing attribution (", Der Spiegel reports.") speaks for what precedes it
        tail = clauses[-1]
        trailing = self.trailing_speaker(doc, tail, mentions)
        if trailing:
            for clause in clauses:
                clause.speaker = clause.speaker or trailing
            if tail.speaker is None:
                tail.speaker = trailing
        return clauses

    def speaker_in(
        self, doc: Doc, clause: Clause, mentions: SentenceMentions, last_person: str | None, sentence: Sentence, narrator: str | None = None
    ) -> str | None:
        """The subject of a speech verb in the clause ("Zelensky shared", "he added", "said Rubio")."""
        for token in doc[clause.start:clause.end]:
            if token.lower_ in ("citing", "quoting"):
                # "RBC-Ukraine, citing Der Spiegel, reports": the cited source speaks
                cited = next((m for m in mentions.actors if m.token_start in (token.i + 1, token.i + 2) and m.token_start < clause.end), None)
                if cited is not None:
                    return cited.iri
            if token.lower_ not in self.lexicon.speech_verbs:
                continue
            if token.i > sentence.tokens.start and doc[token.i - 1].lower_ == "to" and token.lower_ not in ("according",):
                continue
            adjacent = self.adjacent_subject(doc, clause.start, token.i, mentions, last_person, narrator)
            if adjacent is not None:
                return adjacent
            # inverted attribution: '..., said Zelensky'
            inverted = token.i > clause.start and doc[token.i - 1].text in (",", '"', "”")
            after = [m for m in mentions.actors if m.token_start == token.i + 1 and m.token_start < clause.end]
            if inverted and after and self.vocabulary.actor_type(after[0].iri) is ActorType.PERSON:
                return after[0].iri
        return None

    def adjacent_subject(
        self, doc: Doc, lo: int, verb: int, mentions: SentenceMentions, last_person: str | None, narrator: str | None = None
    ) -> str | None:
        """The actor or pronoun right before a speech verb ("Rutte later confirmed", "he added")."""
        by_end = {m.token_end: m for m in mentions.actors}
        index = verb - 1
        while index >= lo and verb - index <= 3:
            mention = by_end.get(index + 1)
            if mention is not None and not self.governed(doc, mention.token_start, lo):
                return mention.iri
            token = doc[index]
            if token.lower_ in PRONOUNS:
                return last_person if token.lower_ not in _FIRST_PERSON else narrator
            if not token.is_alpha or token.is_title:
                return None
            index -= 1
        return None

    def trailing_speaker(self, doc: Doc, clause: Clause, mentions: SentenceMentions) -> str | None:
        """", Der Spiegel reports.", '," Boris Pistorius told reporters in Ramstein.': who spoke."""
        end = clause.end
        while end > clause.start and not doc[end - 1].is_alpha:
            end -= 1
        # the verb may have a short tail: "told reporters in Ramstein", "said on Friday"
        verb = next(
            (i for i in range(end - 1, max(clause.start, end - 5), -1) if doc[i].lower_ in self.lexicon.speech_verbs and all(t.is_alpha for t in doc[i:end])),
            None,
        )
        if verb is None or verb <= clause.start:
            return None
        before = [m for m in mentions.actors if m.token_end in (verb, verb - 1) and m.token_start > clause.start]
        if before and doc[before[0].token_start - 1].text in (",", "“", '"', "”") or (before and doc[before[0].token_start - 1].lower_ == "the" and doc[before[0].token_start - 2].text == ","):
            return before[0].iri
        return None

    def according_to(self, sentence: Sentence, mentions: SentenceMentions) -> str | None:
        doc = sentence.tokens.doc
        for token in sentence.tokens:
            if token.lower_ == "according" and token.i + 1 < sentence.tokens.end and doc[token.i + 1].lower_ == "to":
                start = token.i + 2
                if start < sentence.tokens.end and doc[start].lower_ == "the":
                    start += 1
                chosen = next((m for m in mentions.actors if m.token_start == start), None)
                # "according to Germany's Kiel Institute": the source is the head, not the possessor
                while chosen is not None:
                    follower = next((m for m in mentions.actors if m.token_start == chosen.token_end + 1), None)
                    if follower is None or doc[chosen.token_end].lower_ not in ("'s", "’s"):
                        break
                    chosen = follower
                return chosen.iri if chosen else None
        return None

    # ------------------------------------------------------------------ clause level
    def governed(self, doc: Doc, token_index: int, lo: int) -> bool:
        """True when a preposition (or "the X of") governs the mention starting at `token_index`."""
        previous = token_index - 1
        # skip determiners and honorifics: "with the President", "with President Zelenskyy"
        while previous >= lo and doc[previous].lower_ in _SKIPPED_BEFORE_NAMES:
            previous -= 1
        if previous >= lo and doc[previous].lower_ == "of" and previous - 1 >= lo and doc[previous - 1].lower_ in ("members", "member"):
            return False  # "members of this group committed": the group acts
        return previous >= lo and doc[previous].lower_ in self.lexicon.prepositions

    def subject(
        self, doc: Doc, lo: int, before: int, mentions: SentenceMentions, last_person: str | None, speaker: str | None, narrator: str | None = None
    ) -> list[str] | str | None:
        """The actors (a coordination) that are the subject of the verb at `before`.

        Returns a list of actor IRIs, VAGUE for a vague group, or None when none is found.
        """
        by_end = {m.token_end: m for m in mentions.actors}
        index = before - 1
        while index >= lo:
            token = doc[index]
            mention = by_end.get(index + 1)
            if mention is not None and mention.token_start >= lo and not self.governed(doc, mention.token_start, lo):
                return self.coordination(doc, lo, mention, by_end)
            if mention is not None:
                index = mention.token_start - 1
                continue
            lower = token.lower_
            if lower in self.lexicon.vague_heads and any(doc[j].lower_ in self.lexicon.vague_quantifiers for j in range(max(lo, index - 3), index)):
                return VAGUE
            if lower in PRONOUNS:
                # in reported speech the pronoun subject is most often the speaker
                # ("Pistorius stated that they discussed"); "I"/"we" outside quotes are the
                # narrator; otherwise the last person named
                if speaker:
                    return [speaker]
                if lower in _FIRST_PERSON:
                    return [narrator] if narrator else None
                return [last_person] if last_person else None
            index -= 1
        return None

    def coordination(self, doc: Doc, lo: int, last: Mention, by_end: dict[int, Mention]) -> list[str]:
        """"Finland, Canada, Sweden, the United Kingdom, and Denmark": every conjunct.

        A list needs "and"/"or" before its last member, so "According to Reuters, Germany" is one
        subject, not two.
        """
        found = [last.iri]
        index = last.token_start - 1
        first_gap = True
        while index >= lo:
            gap_start = index
            while index >= lo and doc[index].lower_ in (",", "and", "the", "or"):
                index -= 1
            gap = {doc[i].lower_ for i in range(index + 1, gap_start + 1)}
            mention = by_end.get(index + 1)
            if mention is None or mention.token_start < lo or index == gap_start:
                break
            if first_gap and not gap & {"and", "or"}:
                break
            if self.governed(doc, mention.token_start, lo):
                break
            first_gap = False
            found.insert(0, mention.iri)
            index = mention.token_start - 1
        return found

    def objects(self, doc: Doc, clause: Clause, after: int, mentions: SentenceMentions) -> list[str]:
        """Coordinated actors right after a verb ("urging countries like Germany and Spain")."""
        found: list[str] = []
        index = after
        for mention in sorted(mentions.actors, key=lambda m: m.token_start):
            if mention.token_start < after or mention.token_start >= clause.end:
                continue
            gap = [t.lower_ for t in doc[index:mention.token_start]]
            allowed = {",", "and", "or", "the", "our", "its", "countries", "states", "allies", "partners", "like", "such", "as"}
            if any(word not in allowed for word in gap) or len(gap) > 4:
                break
            found.append(mention.iri)
            index = mention.token_end
        return found

    def after_word(self, doc: Doc, clause: Clause, after: int, mentions: SentenceMentions, words: tuple[str, ...]) -> str | None:
        for mention in mentions.actors:
            if after <= mention.token_start < clause.end and self.preceding_word(doc, mention.token_start, clause.start) in words:
                return mention.iri
        return None

    @staticmethod
    def preceding_word(doc: Doc, index: int, lo: int) -> str:
        previous = index - 1
        while previous >= lo and doc[previous].lower_ in ("the", "its", "their"):
            previous -= 1
        return doc[previous].lower_ if previous >= lo else ""

    def destination(self, doc: Doc, clause: Clause, after: int, mentions: SentenceMentions) -> tuple[str | None, str | None, bool]:
        """(recipient, via, out_of_scope) from "to X", "for X", "via X", "through X" and direct objects."""
        recipient = via = None
        for mention in mentions.actors:
            if not (after <= mention.token_start < clause.end):
                continue
            word = self.preceding_word(doc, mention.token_start, clause.start)
            if word == "to" and mention.token_start >= 2 and doc[mention.token_start - 2].lower_ == "according":
                continue  # "according to Reuters" names a source, not a recipient
            actor_type = self.vocabulary.actor_type(mention.iri)
            if word in ("via", "through"):
                via = via or mention.iri
            elif word in ("to", "for") or mention.token_start == after + 1 and doc[after].lower_ in ("provide", "supply", "give", "arm", "help"):
                if actor_type is ActorType.ORGANISATION and mention.iri != self.ukraine:
                    via = via or mention.iri
                elif actor_type is ActorType.STATE and recipient is None:
                    recipient = mention.iri
        out_of_scope = recipient is not None and recipient != self.ukraine
        return recipient, via, out_of_scope
