"""The common written dates, read without dateparser, to the same day dateparser gives.

Most dates in news are a month and a day ("March 12", "12 March", "Sept. 3"), sometimes with a
year, or "today" and "yesterday". dateparser takes some 4 ms for each; these forms are read
directly here, as dateparser reads them with the settings graph/extract/mentions.py gives it
(English, dates from the past, relative to the publication date): a day without a year is the
latest such day on or before the publication date. Anything else, and any day this module is not
sure of (February 29, a day the month does not have), is left to dateparser.
`tests/extract/test_dates.py` compares the two over every month and day.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_MONTH_NUMBERS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# names of days and months: "agreed on Wednesday to add" is a time, never whom a verb calls on
TIME_NAMES = frozenset(_MONTH_NUMBERS) | frozenset(WEEKDAYS)
_MONTH = "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True))
_MONTH_DAY = re.compile(
    rf"(?P<month>{_MONTH})\.? (?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,? (?P<year>\d{{4}}))?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)? (?P<month2>{_MONTH})(?:,? (?P<year2>\d{{4}}))?",
    re.IGNORECASE,
)
_ISO = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")


def plain_date(expression: str, published: date | None) -> date | None:
    """The day a common date expression names, or None when dateparser should read it.

    `published` is the date a day without a year is read against (the latest such day on or
    before it); without it only expressions with a year are read.

    >>> plain_date("March 12", date(2024, 5, 10)), plain_date("December 1", date(2024, 5, 10))
    (datetime.date(2024, 3, 12), datetime.date(2023, 12, 1))
    """
    lower = expression.lower()
    if lower in ("today", "yesterday"):
        return None if published is None else published - timedelta(days=lower == "yesterday")
    iso = _ISO.fullmatch(expression)
    if iso is not None:
        return _day(int(iso["year"]), int(iso["month"]), int(iso["day"]))
    written = _MONTH_DAY.fullmatch(expression)
    if written is None:
        return None
    month = _MONTH_NUMBERS[(written["month"] or written["month2"]).lower()]
    day = int(written["day"] or written["day2"])
    year = written["year"] or written["year2"]
    if month == 2 and day == 29:
        return None  # dateparser looks for a leap year of its own
    if year is not None:
        return _day(int(year), month, day)
    if published is None:
        return None
    this_year = _day(published.year, month, day)
    if this_year is not None and this_year > published:
        return _day(published.year - 1, month, day)
    return this_year


def _day(year: int, month: int, day: int) -> date | None:
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None
