"""Mentions: quantities in digits and words, units from head nouns, money, dates."""

from __future__ import annotations

from datetime import date

from graph.extract.mentions import MentionFinder
from graph.model import Article
from graph.read.sentences import sentences
from graph.vocabulary import Vocabulary


def _mentions(text: str, vocabulary: Vocabulary, published: date = date(2025, 7, 18)):
    article = Article(id="t", text=text, published=published)
    finder = MentionFinder(vocabulary)
    return [finder.find(sentence, published) for sentence in sentences(article)]


def test_quantities_and_units(vocabulary: Vocabulary) -> None:
    (found,) = _mentions("Germany sent two Patriot batteries, 17 Patriot systems, a dozen Stingers and 800 Patriot interceptor missiles.", vocabulary)
    seen = [(vocabulary.label(m.iri), m.quantity, m.unit) for m in found.systems]
    assert seen == [("Patriot", 2, "battery"), ("Patriot", 17, "system"), ("Stinger", 12, "missile"), ("Patriot", 800, "missile")]


def test_name_and_category_are_one_mention(vocabulary: Vocabulary) -> None:
    (found,) = _mentions("He asked about two Patriot air defense systems.", vocabulary)
    assert [(vocabulary.label(m.iri), m.quantity, m.unit) for m in found.systems] == [("Patriot", 2, "system")]


def test_money_in_three_currencies(vocabulary: Vocabulary) -> None:
    (found,) = _mentions("It cost $69 billion, €1.5bn and £300 million, and billions of dollars more.", vocabulary)
    assert [(m.value, m.currency) for _, m in found.money] == [
        (69_000_000_000, "USD"), (1_500_000_000, "EUR"), (300_000_000, "GBP"), (None, "USD"),
    ]


def test_dates_resolve_against_the_publication_date(vocabulary: Vocabulary) -> None:
    (found,) = _mentions("On July 14 they met, then again last Tuesday, and yesterday.", vocabulary, date(2025, 7, 18))
    assert [day for _, day in found.dates] == [date(2025, 7, 14), date(2025, 7, 15), date(2025, 7, 17)]


def test_week_and_month_phrases_are_no_day(vocabulary: Vocabulary) -> None:
    (found,) = _mentions("Last week and at the end of April, in February 2022, nothing was fixed.", vocabulary)
    assert found.dates == []
