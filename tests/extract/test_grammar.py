"""Role logic on hand-built parses (as spaCy's own DependencyMatcher tests do), so a rule's test
does not depend on the statistical model's reading of one sentence."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from graph.extract.attribution import speech_source
from graph.extract.frames import inventory
from graph.extract.grammar import (
    misread_gerund,
    object_controller,
    phrase_heads,
    phrase_tokens,
    relations,
    subject,
)
from graph.extract.modality import modality

VOCAB = spacy.blank("en").vocab  # lexical attributes ("lower_") as in the real pipeline


def parse(words: list[str], heads: list[int], deps: list[str], lemmas: list[str], tags: list[str], pos: list[str]) -> Doc:
    return Doc(VOCAB, words=words, heads=heads, deps=deps, lemmas=lemmas, tags=tags, pos=pos)


def test_passive_subject_and_agent() -> None:
    # Two Patriot systems will be provided to Ukraine by Germany
    doc = parse(
        ["Two", "Patriot", "systems", "will", "be", "provided", "to", "Ukraine", "by", "Germany"],
        [2, 2, 5, 5, 5, 5, 5, 6, 5, 8],
        ["nummod", "compound", "nsubjpass", "aux", "auxpass", "ROOT", "prep", "pobj", "agent", "pobj"],
        ["two", "Patriot", "system", "will", "be", "provide", "to", "Ukraine", "by", "Germany"],
        ["CD", "NNP", "NNS", "MD", "VB", "VBN", "IN", "NNP", "IN", "NNP"],
        ["NUM", "PROPN", "NOUN", "AUX", "AUX", "VERB", "ADP", "PROPN", "ADP", "PROPN"],
    )
    found = {(relation, word.text) for relation, word in relations(doc[5])}
    assert found == {("nsubjpass", "systems"), ("to", "Ukraine"), ("agent", "Germany")}
    give = inventory().frames_for("provide")[0]
    assert modality(doc[5], give, inventory()).kind == "pledge"


def test_subject_control_and_object_control() -> None:
    # Germany agreed to send tanks ; Zelensky urged Berlin to send tanks
    agreed = parse(
        ["Germany", "agreed", "to", "send", "tanks"], [1, 1, 3, 1, 3], ["nsubj", "ROOT", "aux", "xcomp", "dobj"],
        ["Germany", "agree", "to", "send", "tank"], ["NNP", "VBD", "TO", "VB", "NNS"], ["PROPN", "VERB", "PART", "VERB", "NOUN"],
    )
    assert subject(agreed[3]).text == "Germany"
    assert modality(agreed[3], inventory().frames_for("send")[0], inventory()).kind == "pledge"
    urged = parse(
        ["Zelensky", "urged", "Berlin", "to", "send", "tanks"], [1, 1, 1, 4, 1, 4], ["nsubj", "ROOT", "dobj", "aux", "xcomp", "dobj"],
        ["Zelensky", "urge", "Berlin", "to", "send", "tank"], ["NNP", "VBD", "NNP", "TO", "VB", "NNS"],
        ["PROPN", "VERB", "PROPN", "PART", "VERB", "NOUN"],
    )
    assert object_controller(urged[1]).text == "Berlin"
    assert subject(urged[4]).text == "Berlin"
    context = modality(urged[4], inventory().frames_for("send")[0], inventory())
    assert (context.kind, context.governor.text) == ("request", "urged")


def test_completed_hand_over_is_a_delivery_and_a_refusal_no_claim() -> None:
    # Sweden has delivered tanks ; Germany refused to send Taurus ; Poland will not send jets
    delivered = parse(
        ["Sweden", "has", "delivered", "tanks"], [2, 2, 2, 2], ["nsubj", "aux", "ROOT", "dobj"],
        ["Sweden", "have", "deliver", "tank"], ["NNP", "VBZ", "VBN", "NNS"], ["PROPN", "AUX", "VERB", "NOUN"],
    )
    give = inventory().frames_for("deliver")[0]
    assert modality(delivered[2], give, inventory()).kind == "delivery"
    refused = parse(
        ["Germany", "refused", "to", "send", "Taurus"], [1, 1, 3, 1, 3], ["nsubj", "ROOT", "aux", "xcomp", "dobj"],
        ["Germany", "refuse", "to", "send", "Taurus"], ["NNP", "VBD", "TO", "VB", "NNP"], ["PROPN", "VERB", "PART", "VERB", "PROPN"],
    )
    assert modality(refused[3], give, inventory()) is None
    negated = parse(
        ["Poland", "will", "not", "send", "jets"], [3, 3, 3, 3, 3], ["nsubj", "aux", "neg", "ROOT", "dobj"],
        ["Poland", "will", "not", "send", "jet"], ["NNP", "MD", "RB", "VB", "NNS"], ["PROPN", "AUX", "PART", "VERB", "NOUN"],
    )
    assert modality(negated[3], give, inventory()) is None


def test_consideration_from_a_governing_verb_or_a_modal() -> None:
    # France is considering sending jets ; Italy could send jets
    considering = parse(
        ["France", "is", "considering", "sending", "jets"], [2, 2, 2, 2, 3], ["nsubj", "aux", "ROOT", "xcomp", "dobj"],
        ["France", "be", "consider", "send", "jet"], ["NNP", "VBZ", "VBG", "VBG", "NNS"], ["PROPN", "AUX", "VERB", "VERB", "NOUN"],
    )
    give = inventory().frames_for("send")[0]
    assert modality(considering[3], give, inventory()).kind == "consideration"
    assert subject(considering[3]).text == "France"
    could = parse(
        ["Italy", "could", "send", "jets"], [2, 2, 2, 2], ["nsubj", "aux", "ROOT", "dobj"],
        ["Italy", "could", "send", "jet"], ["NNP", "MD", "VB", "NNS"], ["PROPN", "AUX", "VERB", "NOUN"],
    )
    assert modality(could[2], give, inventory()).kind == "consideration"


def test_conjuncts_and_reported_speech() -> None:
    # Denmark and Norway will send tanks, Rutte said
    doc = parse(
        ["Denmark", "and", "Norway", "will", "send", "tanks", ",", "Rutte", "said"],
        [4, 0, 0, 4, 8, 4, 8, 8, 8],
        ["nsubj", "cc", "conj", "aux", "ccomp", "dobj", "punct", "nsubj", "ROOT"],
        ["Denmark", "and", "Norway", "will", "send", "tank", ",", "Rutte", "say"],
        ["NNP", "CC", "NNP", "MD", "VB", "NNS", ",", "NNP", "VBD"],
        ["PROPN", "CCONJ", "PROPN", "AUX", "VERB", "NOUN", "PUNCT", "PROPN", "VERB"],
    )
    assert [t.text for t in phrase_heads(subject(doc[4]))] == ["Denmark", "Norway"]
    assert speech_source(doc[4], inventory()).word.text == "Rutte"
    assert modality(doc[4], inventory().frames_for("send")[0], inventory()).kind == "pledge"


def test_a_noun_phrase_stops_at_its_clauses() -> None:
    # the tanks Germany sent
    doc = parse(
        ["the", "tanks", "Germany", "sent"], [1, 1, 3, 1], ["det", "ROOT", "nsubj", "relcl"],
        ["the", "tank", "Germany", "send"], ["DT", "NNS", "NNP", "VBD"], ["DET", "NOUN", "PROPN", "VERB"],
    )
    assert phrase_tokens(doc[1]) == [0, 1]


def test_a_gerund_read_as_the_objects_adjective_is_the_verbs_complement() -> None:
    # Oslo would not rule out donating arms (the parser hangs "donating" on "arms" as amod)
    doc = parse(
        ["Oslo", "would", "not", "rule", "out", "donating", "arms"],
        [3, 3, 3, 3, 3, 6, 3],
        ["nsubj", "aux", "neg", "ROOT", "prt", "amod", "dobj"],
        ["Oslo", "would", "not", "rule", "out", "donate", "arm"],
        ["NNP", "MD", "RB", "VB", "RP", "VBG", "NNS"],
        ["PROPN", "AUX", "PART", "VERB", "ADP", "VERB", "NOUN"],
    )
    assert misread_gerund(doc[5])
    give = inventory().frames_for("donate")[0]
    assert modality(doc[5], give, inventory()).kind == "consideration"  # "not rule out": left open
    # Oslo sent mine-clearing vehicles: an adjective the verb does not touch
    doc = parse(
        ["Oslo", "sent", "mine", "-", "clearing", "vehicles"],
        [1, 1, 4, 4, 5, 1],
        ["nsubj", "ROOT", "npadvmod", "punct", "amod", "dobj"],
        ["Oslo", "send", "mine", "-", "clear", "vehicle"],
        ["NNP", "VBD", "NN", "HYPH", "VBG", "NNS"],
        ["PROPN", "VERB", "NOUN", "PUNCT", "VERB", "NOUN"],
    )
    assert not misread_gerund(doc[4])
