"""Dates a text names without their year: month-days, weekdays with a date, leap days.

Once other clues bound a document's date, these narrow it: a past "on March 5" lies in the
known year, "Thursday, February 24" only in the years that put that date on a Thursday, and a
past "on Tuesday" is the day of the week the report cannot precede.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bilat.time.calendar_words import MONTH, WEEKDAY, WEEKDAYS, month_number, safe_date
from bilat.time.tense import FUTURE, PAST, PRESENT, guess_tense, guess_tense_clue


@dataclass(frozen=True)
class Bound:
    """One clue's bounds on a document's date (None: no bound that side) and how to name it."""

    earliest: dt.date | None
    latest: dt.date | None
    label: str


_MONTH_DAY = re.compile(
    rf"\b(?:on|since)\s+(?:the\s+)?(?P<m>{MONTH})\s*(?P<d>\d{{1,2}})\b(?!\s*,?\s*\d)"
)
_MONTH_DAY_ADJ = re.compile(
    rf"\b(?:the\s+)(?P<m>{MONTH})\s*(?P<d>\d{{1,2}})\s+(?:attacks?|attack|bombings?|blast|talks|meeting|summit|elections?|visit)\b"
)
_SPAN = re.compile(
    rf"\bfrom\s+(?P<m1>{MONTH})\s*(?P<d1>\d{{1,2}})\s+(?:to|until|till|through)\s+"
    rf"(?:(?P<m2>{MONTH})\s*)?(?P<d2>\d{{1,2}})\b"
)
_WEEKDAY = re.compile(rf"\bon\s+(?P<wd>{WEEKDAY})")
# "Sunday, 14 January", "Thursday, February 24", "Saturday (May 27)", "May 27 (Saturday)".
_WEEKDAY_DATE = re.compile(
    rf"\b(?P<w1>{WEEKDAY})\s*[,(]?\s*(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{MONTH})"
    rf"|(?P<m2>{MONTH})\s*(?P<d2>\d{{1,2}}))\b(?!,?\s*\d{{4}})"
    rf"|\b(?P<m3>{MONTH})\s*(?P<d3>\d{{1,2}})\s*[,(]\s*(?P<w2>{WEEKDAY})\b"
)
_LEAP_DAY = re.compile(
    r"\b(?:Feb\.?|February)\s*29\b(?!,?\s*\d{4})|\b29\s+Feb(?:\.|ruary)?\b(?!,?\s*\d{4})"
)
_NEWS_LAG = dt.timedelta(days=7)
"""How long after the day it names a report may appear."""
_LEAD_TIME = dt.timedelta(days=30)
"""How long before a coming visit a report announcing it is assumed to appear."""


def dates_in_year(sentences: list[str], year: int) -> list[Bound]:
    """Return constraints from month-day mentions once the year is known."""
    found: list[Bound] = []
    for sentence in sentences:
        for match in _SPAN.finditer(sentence):
            first = safe_date(year, month_number(match.group("m1")), int(match.group("d1")))
            last_month = match.group("m2") or match.group("m1")
            last = safe_date(year, month_number(last_month), int(match.group("d2")))
            if first is None or last is None:
                continue
            tense = guess_tense(sentence, match.span())
            text = match.group(0)
            if tense == PAST:
                found.append(Bound(last, None, f"past visit: '{text}' ⇒ on or after {last}"))
            elif tense == PRESENT:
                found.append(Bound(first, last, f"current visit: '{text}' ⇒ {first}..{last}"))
            elif tense == FUTURE:
                found.append(
                    Bound(first - _LEAD_TIME, first, f"coming visit: '{text}' ⇒ before {first}")
                )
        for pattern in (_MONTH_DAY, _MONTH_DAY_ADJ):
            for match in pattern.finditer(sentence):
                day = safe_date(year, month_number(match.group("m")), int(match.group("d")))
                if day is None or guess_tense(sentence, match.span()) != PAST:
                    continue
                found.append(Bound(day, None, f"past date: '{match.group(0)}' ⇒ on or after {day}"))
    return found


def weekday_dates(sentences: list[str], earliest: dt.date, latest: dt.date) -> list[Bound]:
    """Return the days a weekday named with a yearless date fixes ("Thursday, February 24").

    Within the range, only some years put that date on that weekday, and a yearless "Feb 29"
    only falls in leap years; the report comes out on that day or within the week after it,
    or, when its tense does not show the day past, within the week before.
    """
    found: list[Bound] = []
    for sentence in sentences:
        for match in _WEEKDAY_DATE.finditer(sentence):
            if guess_tense(sentence, match.span()) == FUTURE:
                continue
            month = month_number(match.group("m1") or match.group("m2") or match.group("m3"))
            number = int(match.group("d1") or match.group("d2") or match.group("d3"))
            target = WEEKDAYS[match.group("w1") or match.group("w2")]
            days = [
                d
                for d in (
                    safe_date(y, month, number) for y in range(earliest.year, latest.year + 1)
                )
                if d is not None and d.weekday() == target and earliest <= d <= latest
            ]
            if days:
                label = f"weekday date: '{match.group(0)}' ⇒ {', '.join(map(str, days))}"
                # a day the tense does not show to be past may be a coming one, announced
                # up to a week ahead ("talks open on Monday, December 11")
                past = guess_tense_clue(sentence, match.span()) == (PAST, True)
                first = days[0] if past else days[0] - _NEWS_LAG
                found.append(Bound(first, days[-1] + _NEWS_LAG, label))
        for match in _LEAP_DAY.finditer(sentence):
            days = [
                d
                for d in (safe_date(y, 2, 29) for y in range(earliest.year, latest.year + 1))
                if d is not None and earliest <= d <= latest
            ]
            if days:
                label = f"leap day: '{match.group(0)}' ⇒ {', '.join(map(str, days))}"
                found.append(Bound(days[0], days[-1] + _NEWS_LAG, label))
    return found


def weekday_pin(sentences: list[str], earliest: dt.date, latest: dt.date) -> dt.date | None:
    """Return the one day of a narrow range that has the weekday the text names, if any."""
    for sentence in sentences:
        match = _WEEKDAY.search(sentence)
        if match is None or guess_tense(sentence, match.span()) == FUTURE:
            continue
        target = WEEKDAYS[match.group("wd")]
        days = [
            earliest + dt.timedelta(days=i)
            for i in range((latest - earliest).days + 1)
            if (earliest + dt.timedelta(days=i)).weekday() == target
        ]
        return days[0] if len(days) == 1 else None
    return None
