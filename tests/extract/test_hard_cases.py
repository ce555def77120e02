"""Constructions that a word-distance extractor got wrong, and the six kinds end to end."""

from __future__ import annotations

from datetime import date

import pytest

from graph.extract.extractor import extract
from graph.iris import unlisted_label
from graph.model import Article
from graph.vocabulary import Vocabulary


def claims_of(vocabulary: Vocabulary, text: str) -> set[tuple]:
    found = extract(Article(id="case", text=text, published=date(2025, 7, 18)), vocabulary).claims
    label = vocabulary.label
    return {(c.kind.value, label(c.provider), label(c.funder), label(c.system), c.quantity, label(c.said_by)) for c in found}


@pytest.mark.parametrize("text, expected", [
    ("Two Patriot systems will be provided to Ukraine by Germany.", ("pledge", "Germany", "", "Patriot", 2, "")),
    ("Kyiv will receive four HIMARS from Washington.", ("pledge", "United States", "", "HIMARS", 4, "")),
    ("Germany is sending not only Patriots but also IRIS-T systems.", ("pledge", "Germany", "", "IRIS-T", None, "")),
    ("Zelensky said Ukraine needs at least 10 more Patriot systems.", ("request", "", "", "Patriot", 10, "Volodymyr Zelensky")),
    ("The Pentagon paused shipments of Patriot interceptors to Ukraine.", ("suspension", "United States", "", "Patriot", None, "")),
    ("Trump is considering Tomahawks for Ukraine.", ("consideration", "United States", "", "Tomahawk", None, "")),
    ("Denmark will pay for two Patriot systems for Ukraine, Norway for one.", ("funding", "", "Norway", "Patriot", 1, "")),
    ("Sweden has handed over three Archer systems to Ukraine.", ("delivery", "Sweden", "", "Archer", 3, "")),
])
def test_construction(vocabulary: Vocabulary, text: str, expected: tuple) -> None:
    assert expected in claims_of(vocabulary, text)


def test_both_conjuncts_of_not_only_but_also(vocabulary: Vocabulary) -> None:
    found = claims_of(vocabulary, "Germany is sending not only Patriots but also IRIS-T systems.")
    assert {c[3] for c in found} == {"Patriot", "IRIS-T"}


def test_money_of_a_package_is_kept(vocabulary: Vocabulary) -> None:
    found = extract(Article(id="m", text="The United States announced a $300 million package for Ukraine.", published=date(2025, 7, 18)), vocabulary).claims
    assert [(c.kind.value, vocabulary.label(c.system), c.value, c.currency) for c in found] == [("pledge", "military aid", 300_000_000, "USD")]


def test_according_to_gives_the_speaker(vocabulary: Vocabulary) -> None:
    text = "Canada will send 50 armoured vehicles to Ukraine, according to Defence Minister Hanna Berg."
    found = extract(Article(id="a", text=text, published=date(2025, 7, 18)), vocabulary).claims
    # a person the vocabulary lacks is kept as an unlisted name for review
    assert [unlisted_label(c.said_by) for c in found] == ["hanna berg"]


@pytest.mark.parametrize("text", [
    "Germany will not send Taurus missiles to Ukraine.",
    "Chancellor Scholz ruled out sending Taurus missiles to Ukraine.",
    "Berlin refused to deliver Taurus missiles to Ukraine.",
    "His idea is that the United States would send Patriot systems to Ukraine.",
])
def test_refusals_and_ideas_are_no_claims(vocabulary: Vocabulary, text: str) -> None:
    assert not claims_of(vocabulary, text)


def test_pronoun_in_reported_speech_is_the_speaker(vocabulary: Vocabulary) -> None:
    found = claims_of(vocabulary, "The Dutch government said it would ship 200 Stinger missiles to Ukraine.")
    # "it" is the speaker; a state speaking for itself is no source of its own (said_by names people and bodies)
    assert ("pledge", "Netherlands", "", "Stinger", 200, "") in found
