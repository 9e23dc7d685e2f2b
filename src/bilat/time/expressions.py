"""Find time expressions in a sentence and resolve them against the document's date.

Values are ISO strings at their precision: ``2025-04-07`` (day), ``2025-04`` (month), ``2025``
(year). A week ("last week") is a RANGE whose value is its Monday, with ``earliest`` and
``latest`` its Monday and Sunday; other spans of several days or years are ranges the same way.

    >>> doc = DocumentDate("2025-04-08", "2025-04-08", "2025-04-08", DatePrecision.DAY,
    ...                    DateSource.METADATA)
    >>> resolve_event_date("Dar met Rubio on Monday.", doc_date=doc).value
    '2025-04-07'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from bilat.records import DatePrecision, DocumentDate, Record
from bilat.time.calendar_words import (
    COUNT,
    MONTH,
    SPELLED_NUMBERS,
    WEEKDAY,
    WEEKDAYS,
    add_months,
    count_value,
    iso_value,
    month_end,
    month_number,
    safe_date,
    shift_years,
)
from bilat.time.tense import FUTURE, PAST, PRESENT, guess_tense_clue


@dataclass(frozen=True)
class EventDate(Record):
    """When an event happened, how precisely, and the words that said so.

    ``precision`` is DOCUMENT when no expression dates the event and the document's date is
    used; UNKNOWN (with ``expression`` kept) when a relative expression has no day to count from.
    """

    value: str | None
    precision: DatePrecision
    expression: str | None
    start: int | None = None
    end: int | None = None
    earliest: str | None = None
    latest: str | None = None


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


_Resolver = Callable[[re.Match[str], Anchor, Clue], Span | None]


@dataclass(frozen=True)
class TimeExpression:
    """A time expression found in a sentence, with the rule that found it."""

    text: str
    start: int
    end: int
    rule: str
    match: re.Match[str]


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
_AMBIGUOUS_MONTHS = frozenset({5, 3})


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
        return 2000 + _UNITS.get(words[-1], 0)
    return 1900 + _TENS[words[1]] + (_UNITS[words[2]] if len(words) > 2 else 0)


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


_YEAR = r"(?P<y>1[89]\d\d|20\d\d)"
_TENS = {w: v for w, v in SPELLED_NUMBERS.items() if v in range(10, 100, 10) and " " not in w}
_UNITS = {w: v for w, v in SPELLED_NUMBERS.items() if v in range(1, 10) and " " not in w}
# Broadcast transcripts spell years out: "nineteen ninety-six", "the year two thousand".
_SPELLED_YEAR = (
    r"(?P<ys>nineteen[\s-]+(?:" + "|".join(_TENS) + r")(?:[\s-]+(?:" + "|".join(_UNITS) + r"))?"
    r"|(?<=the year )two thousand(?:[\s-]+and[\s-]+(?:" + "|".join(_UNITS) + r"))?)"
)
_NOT_NUMBER = r"(?![\d,.]*\d)(?!\s*(?:%|percent\b))"
_EDGE_WORDS = r"early|late|mid|the (?:end|beginning|start|middle) of"
_EDGE = rf"(?:{_EDGE_WORDS})"
_REL = r"(?P<rel>last|this|next|the past|the previous|the current|the coming)"

_RULES: tuple[tuple[str, re.Pattern[str], _Resolver], ...] = (
    ("iso-day", re.compile(r"\b(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})\b"), _iso_day),
    (
        "month-day-year",
        re.compile(rf"\b(?P<m>{MONTH})\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*{_YEAR}\b"),
        _full_day,
    ),
    (
        "day-month-year",
        re.compile(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{MONTH})\s*,?\s*{_YEAR}\b"
        ),
        _full_day,
    ),
    (
        "month-year",
        re.compile(rf"(?:\b{_EDGE}[\s-]+)?\b(?P<m>{MONTH}),?\s+(?:of\s+)?{_YEAR}\b"),
        _month_year,
    ),
    (
        "month-spelled-year",
        re.compile(rf"\b(?P<m>{MONTH}),?\s+(?:of\s+)?{_SPELLED_YEAR}\b", re.IGNORECASE),
        _spelled_year,
    ),
    (
        "spelled-year",
        re.compile(rf"(?:\bthe year )?\b{_SPELLED_YEAR}\b", re.IGNORECASE),
        _spelled_year,
    ),
    (
        "month-relative-year",
        re.compile(rf"\b(?P<m>{MONTH})\s+(?:of\s+)?(?P<rel>last|this|next)\s+year\b"),
        _month_relative_year,
    ),
    (
        "month-day",
        re.compile(rf"\b(?P<m>{MONTH})\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*[\d%])"),
        _month_day,
    ),
    (
        "day-month",
        re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{MONTH})"),
        _month_day,
    ),
    (
        "month",
        re.compile(
            rf"(?:\b(?P<mod>last|this|next|early|late|mid|{_EDGE_WORDS}|in|since|until|by|"
            rf"from|during|through|before|after)[\s-]+)?\b(?P<m>{MONTH})"
        ),
        _month_name,
    ),
    (
        "year-range",
        re.compile(rf"(?<![\d$.,])\b{_YEAR}\s*[-–]\s*(?P<y2>\d{{2}}|\d{{4}})\b{_NOT_NUMBER}"),
        _year_range,
    ),
    (
        "year",
        re.compile(
            rf"(?:\b(?:{_EDGE}|fiscal|in|since|by|until|of)[\s-]+)?(?<![\d$.,])\b{_YEAR}\b{_NOT_NUMBER}"
        ),
        _bare_year,
    ),
    (
        "day-word",
        re.compile(
            r"(?:\b(?:late|early)\s+)?\b(?P<w>today|tonight|yesterday|tomorrow|this morning|"
            r"this afternoon|this evening|last night|the day before yesterday|"
            r"the day after tomorrow)\b",
            re.IGNORECASE,
        ),
        _day_word,
    ),
    (
        "weekday",
        re.compile(
            rf"(?:\b(?P<mod>last|next|this past|this coming|this|on|late|early)\s+)?"
            rf"\b(?P<wd>{WEEKDAY})(?:\s+(?:morning|afternoon|evening|night))?"
        ),
        _weekday,
    ),
    (
        "relative-unit",
        re.compile(
            rf"(?:\b(?:early|late|earlier|later|the end of|the beginning of)\s+)?"
            rf"\b{_REL}\s+(?P<unit>week|month|year)\b",
            re.IGNORECASE,
        ),
        _relative_unit,
    ),
    (
        "ago",
        re.compile(
            rf"\b(?P<n>{COUNT})\s+(?P<unit>day|week|month|year)s?\s+(?:or so\s+)?ago\b",
            re.IGNORECASE,
        ),
        _ago,
    ),
    (
        "anchor-year",
        re.compile(
            r"\b(?:(?P<last>a year earlier|year[- ](?:earlier|ago))|(?P<this>(?:earlier |later )?"
            r"in the year|(?:around |by |at )?(?:the end of the year|year[- ]end|year's end)|"
            r"the (?:current |full )?(?:fiscal |calendar )?year"
            r"(?![- ](?:ago|earlier|end)\b)(?!\s+(?:before|after|earlier|later|ago|that|when))))\b",
            re.IGNORECASE,
        ),
        _anchor_year,
    ),
    (
        "year-ago-day",
        re.compile(r"\ba year ago (?:today|yesterday)\b", re.IGNORECASE),
        _year_ago_day,
    ),
)
_RESOLVERS = {name: resolver for name, _, resolver in _RULES}
_PRIORITY = {name: index for index, (name, _, _) in enumerate(_RULES)}


def find_time_expressions(sentence: str) -> list[TimeExpression]:
    """Return the time expressions in a sentence, the most specific where they overlap.

    Args:
        sentence: the text to search.

    Returns:
        Non-overlapping expressions in text order.
    """
    found: list[tuple[int, TimeExpression]] = []
    for priority, (name, pattern, _) in enumerate(_RULES):
        for match in pattern.finditer(sentence):
            if name == "month" and not _month_allowed(match):
                continue
            expression = TimeExpression(match.group(0), match.start(), match.end(), name, match)
            found.append((priority, expression))
    # The more specific rule wins an overlap: "since Jan. 13" is a day, not the month "since Jan.".
    found.sort(key=lambda item: (item[0], item[1].start))
    chosen: list[TimeExpression] = []
    for _, expression in found:
        if all(expression.end <= c.start or expression.start >= c.end for c in chosen):
            chosen.append(expression)
    return sorted(chosen, key=lambda e: e.start)


def _month_allowed(match: re.Match[str]) -> bool:
    # A bare ambiguous month ("May", "March") or abbreviation needs a modifier to count.
    name = match.group("m")
    if match.group("mod"):
        return True
    return month_number(name) not in _AMBIGUOUS_MONTHS and len(name.rstrip(".")) > 3


def resolve_expression(expression: TimeExpression, *, anchor: Anchor, clue: Clue) -> EventDate:
    """Resolve one expression against what is known of the document's date.

    Args:
        expression: an expression from :func:`find_time_expressions`.
        anchor: the document's day, month and year as far as known.
        clue: the tense the expression is read in.

    Returns:
        The resolved date, or an UNKNOWN date keeping the expression when it needs a day the
        anchor does not give.
    """
    span = _RESOLVERS[expression.rule](expression.match, anchor, clue)
    if span is None:
        return EventDate(
            None, DatePrecision.UNKNOWN, expression.text, expression.start, expression.end
        )
    earliest, latest, precision = span
    return EventDate(
        iso_value(earliest, precision),
        precision,
        expression.text,
        expression.start,
        expression.end,
        earliest.isoformat(),
        latest.isoformat(),
    )


def resolve_event_date(
    sentence: str,
    *,
    doc_date: DocumentDate,
    tense: str | None = None,
    span: tuple[int, int] | None = None,
) -> EventDate:
    """Return the date of the event a sentence reports.

    Args:
        sentence: the sentence text.
        doc_date: the document's date, the day relative expressions count from.
        tense: "past", "present" or "future"; guessed from the words near the expression
            when None.
        span: character offsets of the event (its trigger) in the sentence; the expression
            nearest to it is used, else the first one.

    Returns:
        The expression's date; the document's date with precision DOCUMENT when the sentence
        has no time expression.
    """
    expressions = find_time_expressions(sentence)
    if not expressions:
        return EventDate(
            doc_date.value,
            DatePrecision.DOCUMENT,
            None,
            earliest=doc_date.earliest,
            latest=doc_date.latest,
        )
    expression = expressions[0]
    if span is not None:
        expression = min(expressions, key=lambda e: (_distance(e, span), _PRIORITY[e.rule]))
    if tense is not None:
        clue = Clue(tense)
    else:
        lead = _lead_tense(sentence, expression)
        guessed, firm = guess_tense_clue(sentence, (expression.start, expression.end))
        clue = Clue(lead) if lead else Clue(guessed, guessed=not firm)
    return resolve_expression(expression, anchor=Anchor.of(doc_date), clue=clue)


_LEAD_WORD = re.compile(r"(\w+)\W*$")
_FROM_BEFORE = re.compile(r"\bfrom\b[^;]{0,30}$", re.IGNORECASE)


def _lead_tense(sentence: str, expression: TimeExpression) -> str | None:
    """Return the tense a preposition before the expression implies ("by May" is ahead)."""
    first = expression.text.split()[0].lower()
    lead = _LEAD_WORD.search(sentence[: expression.start])
    word = first if first in ("by", "until", "since") else (lead.group(1).lower() if lead else "")
    if word in ("by", "until", "till"):
        return FUTURE
    if word == "to" and not _FROM_BEFORE.search(sentence[: expression.start]):
        return FUTURE
    if word == "since":
        return PAST
    return None


def _distance(expression: TimeExpression, span: tuple[int, int]) -> int:
    if expression.end <= span[0]:
        return span[0] - expression.end
    if expression.start >= span[1]:
        return expression.start - span[1]
    return 0
