"""Modality: what a claim verb's tense, aspect, modals, negation and governors make of it.

A transfer reported as done ("has delivered", "arrived", "were handed over") is a delivery;
announced, planned or future ones ("will send", "agreed to send", "announced the transfer") are
pledges. A governing verb of stopping makes a suspension ("stopped sending"), of weighing or
willingness a consideration ("is considering sending", "open to sending", "could send"), of
asking a request ("urged Berlin to send"). A negation or refusal on the way ("will not send",
"refused to send", "ruled out sending") leaves no claim; "no longer sending" is a suspension.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from graph.extract.frames import Frame, Inventory
from graph.extract.grammar import has_relation, particles, path_up, thanked_for, to_infinitive

_PERFECT_AUX = frozenset({"have"})
_FUTURE_AUX = frozenset({"will", "shall", "would", "'ll", "going"})
_PAST_TAGS = frozenset({"VBD"})
# governors a verb further up may still overrule ("refused to approve", "weighing whether to send")
_OPEN_GOVERNORS = frozenset({"pledge", "aspectual", "effort"})
_TOPIC_PREPOSITIONS = frozenset({"to", "about", "regarding", "toward", "towards"})


@dataclass(frozen=True)
class Modality:
    """The kind a trigger reports in its context, and the governor that decided it, if any."""

    kind: str
    governor: Token | None = None  # the governing verb ("urged", "stopped"); its roles may count
    cue: str = ""  # what decided: "perfect", "governor:consideration", "modal", ...


def negated(word: Token) -> bool:
    """"will not send", "never sent": a negation on the word itself ("not only" is none)."""
    for child in word.children:
        if child.dep_ == "neg":
            following = word.doc[child.i + 1] if child.i + 1 < len(word.doc) else None
            if following is None or following.lower_ != "only":
                return True
    return False


_NOTHING = frozenset({"none", "nothing", "neither"})


def denied_argument(word: Token) -> bool:
    """"No tanks were sent", "none of the shells went to Kyiv", "has sent nothing": a subject or
    object that names no quantity of anything denies the act as a negation would."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "dobj") and (c.lower_ in _NOTHING or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children))
               for c in word.children)


def no_longer(word: Token, inventory: Inventory) -> bool:
    """"no longer transferring": an adverb of stopping on the verb."""
    return any(child.dep_ == "advmod" and child.lower_ in inventory.stopping_adverbs
               and any(g.lower_ == "no" for g in child.children) for child in word.children)


def _aux(word: Token) -> set[str]:
    """The auxiliaries of a verb (lemmas and forms). A verb joined to another without any of its
    own shares the first's: "could buy the launchers and ship them" (ship: could)."""
    own = [child for child in word.children if child.dep_ in ("aux", "auxpass")]
    if not own and word.dep_ == "conj" and word.head.pos_ in ("VERB", "AUX") and word.tag_ == "VB":
        return _aux(word.head)
    return {child.lemma_.lower() for child in own} | {child.lower_ for child in own}


def completed(word: Token) -> bool:
    """A hand-over reported as done: perfect ("has sent"), simple past ("sent", "were sent"),
    or under way "already" ("is already supplying")."""
    aux = _aux(word)
    if aux & _FUTURE_AUX or aux & {"could", "might", "may", "should", "must", "can", "to"}:
        return False
    if aux & _PERFECT_AUX or any(c.dep_ == "advmod" and c.lower_ == "already" for c in word.children):
        return True  # "has sent", "is already supplying"
    if word.tag_ in _PAST_TAGS:
        return True
    # passive past: "were delivered", "was handed over"; a participle on its noun: "grenades,
    # delivered in the first weeks"
    if word.tag_ == "VBN" and word.dep_ in ("acl", "amod") and not aux:
        return True  # (or before it: "the US-supplied launchers")
    return word.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.tag_ == "VBD" for c in word.children)


def _asked_of_another(clause: Token, wanting: Token) -> bool:
    """"(wants) Berlin to supply", "(needs) Europe to deliver": an infinitive whose doer is a
    subject of its own or the wanting verb's object, someone else's act."""
    if clause.dep_ not in ("ccomp", "xcomp") or not to_infinitive(clause):
        return False
    return any(c.dep_ == "nsubj" for c in clause.children) or any(c.dep_ == "dobj" and c.i < clause.i for c in wanting.children)


def _gerund_of_act(trigger: Token) -> bool:
    """"thanked Slovakia for providing", "led the world in providing", "did so by supplying":
    a gerund after a preposition names an act that took place, unless a future or modal verb
    above it says otherwise."""
    if trigger.tag_ != "VBG" or trigger.dep_ != "pcomp" or _aux(trigger) or trigger.head.lower_ in _TOPIC_PREPOSITIONS:
        return False  # "when it comes to sending jets", "talks about supplying": a topic, no act
    return not any(_aux(word) & (_FUTURE_AUX | {"could", "might", "may", "should", "must", "can"}) for word, _ in path_up(trigger))


def _done_with(noun: Token, inventory: Inventory) -> bool:
    """"Ukraine has taken delivery of F-16s", "Kyiv received the first shipment": a hand-over noun
    is done when the verb it is the object of reports a completed act, or an arrival it is the
    subject of ("a shipment of shells reached Kyiv")."""
    if thanked_for(noun) is not None:
        return True  # "thanked Oslo for its deliveries of shells": they took place
    arriving = noun.dep_ == "nsubj" and any(f.kind == "delivery" and f.roles.get("nsubj") == "item"
                                            for f in inventory.frames_for(noun.head.lemma_.lower()))
    if noun.dep_ not in ("dobj", "nsubjpass") and not arriving or noun.head.pos_ not in ("VERB", "AUX"):
        return False  # "told the House, alongside a package of artillery": not the act itself
    if noun.head.lemma_.lower() in inventory.licence_verbs:
        return False  # "Washington cleared the sale of missiles": a licence for a hand-over still to come
    return completed(noun.head)


def _participle_of_past(trigger: Token) -> bool:
    """"it became the first to send jets, delivering 13 MiG-29s": a participle clause without
    auxiliaries tells an act of the time of the verb it hangs on."""
    if trigger.tag_ != "VBG" or trigger.dep_ != "advcl" or _aux(trigger) or trigger.head.pos_ not in ("VERB", "AUX"):
        return False
    return completed(trigger.head)


def modality(trigger: Token, frame: Frame, inventory: Inventory) -> Modality | None:
    """The kind `trigger` reports under `frame`, or None when its context denies it."""
    if negated(trigger) or denied_argument(trigger):
        return None
    if frame.kind in ("transfer", "pledge") and no_longer(trigger, inventory):
        return Modality("suspension", None, "no-longer")  # "no longer sending", "will no longer be approved"
    hedged = bool(_aux(trigger) & inventory.hedge_modals)
    governor: Token | None = None
    governing_kind = ""
    for step, (word, arrived_by) in enumerate(path_up(trigger)):
        if word.pos_ in ("VERB", "AUX") and word.lemma_.lower() in inventory.speech_verbs and arrived_by in ("ccomp", "parataxis"):
            break  # reported speech: the speech verb attributes, it does not govern
        if arrived_by == "conj":
            continue  # a sibling verb: "announced X and sent Y"
        if word.lower_ == "without" and word.dep_ == "prep":
            return None  # "ended without any decision on whether Berlin will allow tanks to be sent"
        lemma = word.lemma_.lower()
        if (negated(word) or any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ == "nothing" for c in word.children)) and lemma in inventory.governors.get(
                "refusal", ()) and word.pos_ in ("VERB", "AUX"):
            hedged = True  # "does not rule out sending", "nothing is excluded": left open
            continue
        if negated(word) or word.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in word.children):
            return None  # "will not send", "has no plans to send"
        if word.pos_ in ("VERB", "AUX") and _aux(word) & inventory.hedge_modals:
            hedged = True
        if word.pos_ == "ADJ" and lemma in inventory.hedge_adjectives:
            hedged = True
        if word.pos_ in ("NOUN", "PROPN") and (lemma in inventory.hedge_nouns or any(
                c.dep_ == "amod" and c.lemma_.lower() in inventory.hedge_adjectives for c in word.children)):
            hedged = True  # "held talks about", "had an open mind about"
        if (word.pos_ == "NOUN" and not governing_kind and frame.roles.get("nsubj") == "recipient" and arrived_by == "prep"
                and lemma in inventory.governors.get("effort", ())):
            governing_kind, governor = "effort", word  # "has begun work on obtaining Gripen jets": striving to get
            continue
        if arrived_by in ("ccomp", "attr", "xcomp") and any(
            c.dep_ == "nsubj" and c.lemma_.lower() in inventory.proposal_nouns for c in word.children
        ):
            return None  # "His idea is that the US would supply ...": a proposal's content, no claim
        if word.pos_ == "NOUN" and not governing_kind and lemma in inventory.governors.get("suspension", ()):
            governing_kind, governor = "suspension", word  # "hit pause on shipments of ..."
            continue
        if word.pos_ in ("VERB", "AUX") and any(c.dep_ == "dobj" and c.lemma_.lower() in inventory.hedge_nouns for c in word.children):
            hedged = True  # "held talks about possible deliveries"
        if governing_kind and arrived_by == "xcomp" and word.pos_ in ("VERB", "AUX") and lemma in inventory.governors.get("refusal", ()):
            return None  # "refuses to consider sending": a refusal above any governor denies it
        if word.pos_ not in ("VERB", "AUX") or governing_kind and governing_kind not in _OPEN_GOVERNORS:
            continue
        if any(c.dep_ == "dobj" and c.lemma_.lower() in inventory.governors.get("suspension", ()) for c in word.children):
            governing_kind, governor = "suspension", word  # "hit pause on shipments", "put a freeze on"
            continue
        phrasal = next((f for f in inventory.frames_for(lemma) if f.particles and f.particles & particles(word)), None)
        if phrasal is not None and phrasal.kind == "suspension":
            governing_kind, governor = "suspension", word  # "pushed the arrival back", "held up shipments"
            continue
        if step == 0 and lemma in inventory.governors.get("wish", ()) and _asked_of_another(trigger, word):
            governing_kind, governor = "request", word  # "Kyiv wants Berlin to supply Taurus"
            continue
        # striving to get is asking ("Kyiv hopes to get ATACMS"); striving to give, weighing it
        kinds = ("refusal", "suspension", "consideration", "request", "pledge", "aspectual", "effort")
        if frame.roles.get("nsubj") == "recipient":
            kinds = ("refusal", "suspension", "effort", "consideration", "request", "pledge", "aspectual")
        if governing_kind:
            # "refused to approve the transfer", "is considering whether to announce": a verb
            # of refusing, weighing or stopping above a pledge decides
            kinds = tuple(k for k in kinds if k in ("refusal", "consideration", "suspension"))
        if lemma in inventory.needs_relation and not has_relation(word, inventory.needs_relation[lemma]):
            continue  # "called the vote to approve the package inspiring": no call for it
        for kind in kinds:
            if lemma in inventory.governors.get(kind, ()):
                if kind == "effort" and (step > 0 or arrived_by not in ("xcomp", "advcl")):
                    continue  # striving governs its own infinitive only ("working to obtain")
                if kind == "refusal":
                    return None
                governing_kind, governor = kind, word
                break
    kind = frame.kind
    cue = f"governor:{governing_kind}" if governing_kind else ""
    if governing_kind in ("suspension", "request", "consideration"):
        kind = governing_kind
    elif governing_kind == "effort" and "recipient" == frame.roles.get("nsubj"):
        kind = "request"  # "working to obtain combat aircraft": the recipient strives to get them
    elif kind == "transfer" and governing_kind == "aspectual" and governor is not None:
        kind = "delivery" if completed(governor) else "pledge"
    elif kind == "transfer" and not governing_kind and _gerund_of_act(trigger):
        kind, cue = "delivery", "gerund"
    elif kind == "transfer" and not governing_kind and _participle_of_past(trigger):
        kind, cue = "delivery", "participle"
    elif kind == "transfer":
        done = completed(trigger) if trigger.pos_ in ("VERB", "AUX") else _done_with(trigger, inventory)
        kind = "pledge" if governing_kind == "pledge" or not done else "delivery"
        cue = cue or ("completed" if kind == "delivery" else "")
    elif kind == "delivery" and frame.name == "agent-noun":
        pass  # "has been the largest provider of": giving that took place
    elif kind == "delivery" and not completed(trigger):
        kind = "pledge"
    if frame.kind == "suspension" and trigger.pos_ == "NOUN" and trigger.head.lemma_.lower() in inventory.governors.get("ending", ()):
        kind, cue = "pledge", "ended"  # "lifted the pause on shipments": they go on
    if hedged and kind in ("pledge", "funding", "delivery", "suspension"):
        return Modality("consideration", governor, "hedge")
    return Modality(kind, governor, cue)
