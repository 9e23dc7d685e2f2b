"""Turn a matched time expression into a span of days, given what the document's date fixes.

Each rule of :mod:`bilat.time.expressions` names its resolver in :data:`RESOLVERS`. A resolver
returns the first day, the last day and the precision of what the words mean against the
document's day, month or year (an :class:`Anchor`), read in a tense (a :class:`Clue`), or None
when the anchor lacks the day it needs ("yesterday" in an undated text).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from bilat.records import DatePrecision, DocumentDate
from bilat.time.calendar_words import (
    SPELLED_NUMBERS,
    WEEKDAYS,
    add_months,
    count_value,
    month_end,
    month_number,
    safe_date,
    shift_years,
)
from bilat.time.tense import FUTURE, PAST, PRESENT

__all__ = ["AMBIGUOUS_MONTHS", "RESOLVERS", "Anchor", "Clue", "Resolver", "Span"]


@dataclass(frozen=True)
class Anchor:
    """What is known of the document's date: its day, month and year, each possibly unknown."""

    day: dt.date | None
    month: tuple[int, int] | None
    year: int | None
    window: tuple[dt.date, dt.date] | None = None

    @classmethod
    def of(cls, doc_date: DocumentDate) -> Anchor:
        """Return what a document date fixes: the day, or only its month or year."""
        if doc_date.precision is DatePrecision.DAY and doc_date.value:
            day = dt.date.fromisoformat(doc_date.value)
            return cls(day, (day.year, day.month), day.year)
        if doc_date.earliest and doc_date.latest:
            first = dt.date.fromisoformat(doc_date.earliest)
            last = dt.date.fromisoformat(doc_date.latest)
            same_month = (first.year, first.month) == (last.year, last.month)
            month = (first.year, first.month) if same_month else None
            year = first.year if first.year == last.year else None
            return cls(None, month, year, (first, last))
        return cls(None, None, None)


Span = tuple[dt.date, dt.date, DatePrecision]
"""A resolved expression: first day, last day, precision."""


@dataclass(frozen=True)
class Clue:
    """The tense an expression is read in, and whether it is only a weak guess.

    A weak guess (no marker, or only a word ending in "-ed") lets a date just ahead of the
    document win over one a year back.
    """

    tense: str | None
    guessed: bool = False


Resolver = Callable[[re.Match[str], Anchor, Clue], Span | None]
"""Resolve a rule's match against an anchor, read in a clue's tense."""

SPELLED_TENS = {
    w: v for w, v in SPELLED_NUMBERS.items() if v in range(10, 100, 10) and " " not in w
}
SPELLED_UNITS = {w: v for w, v in SPELLED_NUMBERS.items() if v in range(1, 10) and " " not in w}


def _day(day: dt.date) -> Span:
    return day, day, DatePrecision.DAY


def _month(year: int, month: int) -> Span:
    return dt.date(year, month, 1), month_end(year, month), DatePrecision.MONTH


def _year(year: int) -> Span:
    return dt.date(year, 1, 1), dt.date(year, 12, 31), DatePrecision.YEAR


def _week(day: dt.date) -> Span:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6), DatePrecision.RANGE


def _pick(candidates: list[dt.date], anchor: dt.date, clue: Clue, *, near: int) -> dt.date:
    """Choose among candidate days: past → latest not after, future → first not before.

    A guessed or missing tense reads as past, except that a candidate at most ``near`` days
    ahead wins: a report that names "Oct. 31" on 27 October means this Oct. 31, not last year's.
    """
    if clue.guessed or clue.tense is None:
        ahead = [c for c in candidates if anchor < c <= anchor + dt.timedelta(days=near)]
        if ahead:
            return min(ahead)
    tense = clue.tense or PAST
    if tense == FUTURE:
        after = [c for c in candidates if c >= anchor]
        if after:
            return min(after)
    if tense == PAST:
        before = [c for c in candidates if c <= anchor]
        if before:
            return max(before)
    return min(candidates, key=lambda c: (abs((c - anchor).days), c > anchor))


def _year_of(match: re.Match[str]) -> int:
    return int(match.group("y"))


def _iso_day(match: re.Match[str], anchor: Anchor, clue: Clue) -> Span | None:
    day = safe_date(int(match.group("y")), int(match.group("mo")), int(match.group("d")))
    return _day(day) if day else None


def _full_day(match: re.Match[str], anchor: Anchor, clue: Clue) -> Span | None:
    day = safe_date(_year_of(match), month_number(match.group("m")), int(match.group("d")))
    return _day(day) if day else None


def _month_day(match: re.Match[str], anchor: Anchor, clue: Clue) -> Span | None:
    month, number = month_number(match.group("m")), int(match.group("d"))
    if anchor.day is None:
        if anchor.year is None:
            return _in_window(month, number, anchor.window)
        day = safe_date(anchor.year, month, number)
        return _day(day) if day else None
    years = (anchor.day.year - 1, anchor.day.year, anchor.day.year + 1)
    candidates = [d for d in (safe_date(y, month, number) for y in years) if d]
    return _day(_pick(candidates, anchor.day, clue, near=31)) if candidates else None


def _in_window(month: int, number: int, window: tuple[dt.date, dt.date] | None) -> Span | None:
    """Return "August 26" in a document dated only to a range spanning years, if one fits.

    A day named without a year is near the document's date; when exactly one year puts it
    inside a range of at most two years ("2024-03-22..2025-01-20"), that is the year meant.
    """
    if window is None or (window[1] - window[0]).days > 731:
        return None
    first, last = window
    fits = [
        d
        for d in (safe_date(y, month, number) for y in range(first.year, last.year + 1))
        if d and first <= d <= last
    ]
    return _day(fits[0]) if len(fits) == 1 else None


def _month_year(match: re.Match[str], anchor: Anchor, clue: Clue) -> Span | None:
    return _month(_year_of(match), month_number(match.group("m")))


def _month_relative_year(match: re.Match[str], anchor: Anchor, clue: Clue) -> Span | None:
    if anchor.year is None:
        return None
    shift = {"last": -1, "this": 0, "next": 1}[match.group("rel").lower()]
    return _month(anchor.year + shift, month_number(match.group("m")))


# Bare "May" and "March" are too often a verb or modal to stand alone.
AMBIGUOUS_MONTHS = frozenset({5, 3})


def _month_name(match: re.Match[str], anchor: Anchor, clue: Clue) -> Span | None:
    month = month_number(match.group("m"))
    modifier = (match.group("mod") or "").lower()
    if anchor.month is None:
        return _month(anchor.year, month) if anchor.year is not None and modifier == "" else None
    year, current = anchor.month
    if modifier == "last":
        return _month(year if month < current else year - 1, month)
    if modifier == "next":
        return _month(year if month > current else year + 1, month)
    if modifier == "this":
        return _month(year, month)
    candidates = [dt.date(y, month, 1) for y in (year - 1, year, year + 1)]
    return _month(*_ym(_pick(candidates, dt.date(year, current, 1), clue, near=62)))


def _ym(day: dt.date) -> tuple[int, int]:
    return day.year, day.month


def _year_range(match: re.Match[str], anchor: Anchor, clue: Clue) -> Span | None:
    first = int(match.group("y"))
    tail = match.group("y2")
    last = int(tail) if len(tail) == 4 else first // 100 * 100 + int(tail)
    if last <= first:
        return None
    return dt.date(first, 1, 1), dt.date(last, 12, 31), DatePrecision.RANGE


def _spelled_year_value(text: str) -> int:
    words = text.lower().replace("-", " ").split()
    if words[0] == "two":
        return 2000 + SPELLED_UNITS.get(words[-1], 0)
    return 1900 + SPELLED_TENS[words[1]] + (SPELLED_UNITS[words[2]] if len(words) > 2 else 0)


def _spelled_year(match: re.Match[str], anchor: Anchor, clue: Clue) -> Span | None:
    year = _spelled_year_value(match.group("ys"))
    if match.groupdict().get("m"):
        return _month(year, month_number(match.group("m")))
    return _year(year)


_YEAR_SHIFTS = {"this": 0, "last": -1}


def _anchor_year(match: re.Match[str], anchor: Anchor, clue: Clue) -> Span | None:
    if anchor.year is None:
        return None
    return _year(anchor.year + _YEAR_SHIFTS[match.lastgroup or "this"])


def _bare_year(match: re.Match[str], anchor: Anchor, clue: Clue) -> Span | None:
    return _year(_year_of(match))


_DAY_OFFSETS = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "yesterday": -1,
    "last night": -1,
    "tomorrow": 1,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}


def _day_word(match: re.Match[str], anchor: Anchor, clue: Clue) -> Span | None:
    if anchor.day is None:
        return None
    offset = _DAY_OFFSETS[" ".join(match.group("w").lower().split())]
    return _day(anchor.day + dt.timedelta(days=offset))


def _weekday(match: re.Match[str], anchor: Anchor, clue: Clue) -> Span | None:
    if anchor.day is None:
        return None
    target = WEEKDAYS[match.group("wd")]
    modifier = " ".join((match.group("mod") or "").lower().split())
    back = (anchor.day.weekday() - target) % 7
    forward = (target - anchor.day.weekday()) % 7
    if modifier in ("last", "this past"):
        return _day(anchor.day - dt.timedelta(days=back or 7))
    if modifier in ("next", "this coming"):
        return _day(anchor.day + dt.timedelta(days=forward or 7))
    tense = clue.tense
    # A weekday in the present tense is a coming day: "the talks resume Monday".
    if tense in (FUTURE, PRESENT) or (modifier == "this" and tense != PAST):
        return _day(anchor.day + dt.timedelta(days=forward))
    # Newswire names the publication day by its weekday, so a past "Monday" in a Monday
    # report is the same day.
    return _day(anchor.day - dt.timedelta(days=back))


_SHIFTS = {
    "last": -1,
    "the past": -1,
    "the previous": -1,
    "this": 0,
    "the current": 0,
    "next": 1,
    "the coming": 1,
}


def _relative_unit(match: re.Match[str], anchor: Anchor, clue: Clue) -> Span | None:
    shift = _SHIFTS[" ".join(match.group("rel").lower().split())]
    unit = match.group("unit").lower()
    if unit == "year":
        return _year(anchor.year + shift) if anchor.year is not None else None
    if unit == "month":
        if anchor.month is None:
            return None
        return _month(*add_months(*anchor.month, shift))
    if anchor.day is None:
        return None
    if shift == 0 and clue.tense != FUTURE:
        # "this week" in a report of the week's news runs up to the news day, and a day of
        # that week is what the report can say of it: the news day, not a Monday it may precede
        return _day(anchor.day)
    return _week(anchor.day + dt.timedelta(days=7 * shift))


def _ago(match: re.Match[str], anchor: Anchor, clue: Clue) -> Span | None:
    count = count_value(match.group("n"))
    unit = match.group("unit").lower()
    if unit == "year":
        return _year(anchor.year - count) if anchor.year is not None else None
    if unit == "month":
        return _month(*add_months(*anchor.month, -count)) if anchor.month else None
    if anchor.day is None:
        return None
    if unit == "week":
        count *= 7
    return _day(anchor.day - dt.timedelta(days=count))


def _year_ago_day(match: re.Match[str], anchor: Anchor, clue: Clue) -> Span | None:
    return _day(shift_years(anchor.day, -1)) if anchor.day else None


RESOLVERS: dict[str, Resolver] = {
    "iso-day": _iso_day,
    "month-day-year": _full_day,
    "day-month-year": _full_day,
    "month-year": _month_year,
    "month-spelled-year": _spelled_year,
    "spelled-year": _spelled_year,
    "month-relative-year": _month_relative_year,
    "month-day": _month_day,
    "day-month": _month_day,
    "month": _month_name,
    "year-range": _year_range,
    "year": _bare_year,
    "day-word": _day_word,
    "weekday": _weekday,
    "relative-unit": _relative_unit,
    "ago": _ago,
    "anchor-year": _anchor_year,
    "year-ago-day": _year_ago_day,
}
"""The resolver of each rule of :mod:`bilat.time.expressions`, by the rule's name."""
