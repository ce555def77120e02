"""Dates read without dateparser are the days dateparser gives, with the settings mentions.py uses."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

import dateparser

from graph.extract.dates import plain_date


def _dateparser(expression: str, published: date | None) -> date | None:
    settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day"]}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime.combine(published, time(12))
    parsed = dateparser.parse(expression, languages=["en"], settings=settings)
    return None if parsed is None else parsed.date()


def test_a_day_without_a_year_is_the_latest_on_or_before_publication():
    published = date(2024, 5, 10)
    assert plain_date("May 10", published) == date(2024, 5, 10)
    assert plain_date("May 11", published) == date(2023, 5, 11)
    assert plain_date("Sept. 3", published) == date(2023, 9, 3)
    assert plain_date("3rd March", published) == date(2024, 3, 3)
    assert plain_date("March 3, 2021", None) == date(2021, 3, 3)
    assert plain_date("yesterday", published) == date(2024, 5, 9)


def test_left_to_dateparser_when_unsure():
    assert plain_date("February 29", date(2023, 3, 1)) is None  # dateparser picks 2020-02-29
    assert plain_date("June 31", date(2024, 7, 1)) is None
    assert plain_date("2024-13-05", None) is None  # dateparser swaps day and month
    assert plain_date("March  5", date(2024, 7, 1)) is None
    assert plain_date("March 5", None) is None


def test_same_day_as_dateparser():
    rng = random.Random(16)
    cases = [("today", date(2024, 1, 1)), ("Yesterday", date(2024, 3, 1)), ("2023-02-28", None)]
    for month in ("January", "Feb.", "MARCH", "apr", "May", "June", "Jul", "aug.", "Sept.", "Sep", "october", "Nov", "December"):
        for _ in range(6):
            day = f"{rng.randint(1, 31)}{rng.choice(['', 'st', 'th'])}"
            year = rng.choice(["", f", {rng.randint(2000, 2030)}", f" {rng.randint(2000, 2030)}"])
            published = date(2022, 1, 1) + timedelta(days=rng.randint(0, 1000))
            cases.append((f"{month} {day}{year}" if rng.random() < 0.5 else f"{day} {month.rstrip('.')}{year}", published))
    read = [(expression, published) for expression, published in cases if plain_date(expression, published) is not None]
    assert len(read) > 60
    for expression, published in read:
        assert plain_date(expression, published) == _dateparser(expression, published), expression


def test_every_date_form_of_mentions_holds_a_hint():
    """mentions.py searches its date pattern only in ASCII sentences holding a hint word."""
    from graph.extract import mentions

    for word in [*mentions._MONTHS.split("|"), *mentions._WEEKDAYS.split("|"), "today", "yesterday"]:
        assert mentions._DATE_HINT.search(word.lower()), word
    assert mentions._ISO_HINT.search("2024-03-05")
