"""Find time expressions in a sentence and resolve each against the document's date.

Values are ISO strings at their precision: ``2025-04-07`` (day), ``2025-04`` (month), ``2025``
(year). A week ("last week") is a RANGE whose value is its Monday, with ``earliest`` and
``latest`` its Monday and Sunday; other spans of several days or years are ranges the same way.
Which expression dates an event is :mod:`bilat.time.event_date`'s choice.

    >>> [e.text for e in find_time_expressions("Dar met Rubio on Monday, 7 April 2025.")]
    ['on Monday', '7 April 2025']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bilat.records import DatePrecision, Record
from bilat.time.calendar_words import COUNT, MONTH, WEEKDAY, iso_value, month_number
from bilat.time.resolvers import (
    AMBIGUOUS_MONTHS,
    RESOLVERS,
    SPELLED_TENS,
    SPELLED_UNITS,
    Anchor,
    Clue,
)

__all__ = [
    "RULE_PRIORITY",
    "EventDate",
    "TimeExpression",
    "find_time_expressions",
    "resolve_expression",
]


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
class TimeExpression:
    """A time expression found in a sentence, with the rule that found it."""

    text: str
    start: int
    end: int
    rule: str
    match: re.Match[str]


_YEAR = r"(?P<y>1[89]\d\d|20\d\d)"
# Broadcast transcripts spell years out: "nineteen ninety-six", "the year two thousand".
_SPELLED_YEAR = (
    r"(?P<ys>nineteen[\s-]+(?:"
    + "|".join(SPELLED_TENS)
    + r")(?:[\s-]+(?:"
    + "|".join(SPELLED_UNITS)
    + r"))?"
    r"|(?<=the year )two thousand(?:[\s-]+and[\s-]+(?:" + "|".join(SPELLED_UNITS) + r"))?)"
)
_NOT_NUMBER = r"(?![\d,.]*\d)(?!\s*(?:%|percent\b))"
_EDGE_WORDS = r"early|late|mid|the (?:end|beginning|start|middle) of"
_EDGE = rf"(?:{_EDGE_WORDS})"
_REL = r"(?P<rel>last|this|next|the past|the previous|the current|the coming)"

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso-day", re.compile(r"\b(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})\b")),
    (
        "month-day-year",
        re.compile(rf"\b(?P<m>{MONTH})\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*{_YEAR}\b"),
    ),
    (
        "day-month-year",
        re.compile(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{MONTH})\s*,?\s*{_YEAR}\b"
        ),
    ),
    (
        "month-year",
        re.compile(rf"(?:\b{_EDGE}[\s-]+)?\b(?P<m>{MONTH}),?\s+(?:of\s+)?{_YEAR}\b"),
    ),
    (
        "month-spelled-year",
        re.compile(rf"\b(?P<m>{MONTH}),?\s+(?:of\s+)?{_SPELLED_YEAR}\b", re.IGNORECASE),
    ),
    (
        "spelled-year",
        re.compile(rf"(?:\bthe year )?\b{_SPELLED_YEAR}\b", re.IGNORECASE),
    ),
    (
        "month-relative-year",
        re.compile(rf"\b(?P<m>{MONTH})\s+(?:of\s+)?(?P<rel>last|this|next)\s+year\b"),
    ),
    (
        "month-day",
        re.compile(rf"\b(?P<m>{MONTH})\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*[\d%])"),
    ),
    (
        "day-month",
        re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{MONTH})"),
    ),
    (
        "month",
        re.compile(
            rf"(?:\b(?P<mod>last|this|next|early|late|mid|{_EDGE_WORDS}|in|since|until|by|"
            rf"from|during|through|before|after)[\s-]+)?\b(?P<m>{MONTH})"
        ),
    ),
    (
        "year-range",
        re.compile(rf"(?<![\d$.,])\b{_YEAR}\s*[-–]\s*(?P<y2>\d{{2}}|\d{{4}})\b{_NOT_NUMBER}"),
    ),
    (
        "year",
        re.compile(
            rf"(?:\b(?:{_EDGE}|fiscal|in|since|by|until|of)[\s-]+)?(?<![\d$.,])\b{_YEAR}\b{_NOT_NUMBER}"
        ),
    ),
    (
        "day-word",
        re.compile(
            r"(?:\b(?:late|early)\s+)?\b(?P<w>today|tonight|yesterday|tomorrow|this morning|"
            r"this afternoon|this evening|last night|the day before yesterday|"
            r"the day after tomorrow)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"(?:\b(?P<mod>last|next|this past|this coming|this|on|late|early)\s+)?"
            rf"\b(?P<wd>{WEEKDAY})(?:\s+(?:morning|afternoon|evening|night))?"
        ),
    ),
    (
        "relative-unit",
        re.compile(
            rf"(?:\b(?:early|late|earlier|later|the end of|the beginning of)\s+)?"
            rf"\b{_REL}\s+(?P<unit>week|month|year)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "ago",
        re.compile(
            rf"\b(?P<n>{COUNT})\s+(?P<unit>day|week|month|year)s?\s+(?:or so\s+)?ago\b",
            re.IGNORECASE,
        ),
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
    ),
    (
        "year-ago-day",
        re.compile(r"\ba year ago (?:today|yesterday)\b", re.IGNORECASE),
    ),
)
RULE_PRIORITY = {name: index for index, (name, _) in enumerate(_RULES)}
"""Each rule's rank: a lower one is more specific and wins an overlap or a tie."""


def find_time_expressions(sentence: str) -> list[TimeExpression]:
    """Return the time expressions in a sentence, the most specific where they overlap.

    Args:
        sentence: the text to search.

    Returns:
        Non-overlapping expressions in text order.
    """
    found: list[tuple[int, TimeExpression]] = []
    for priority, (name, pattern) in enumerate(_RULES):
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
    return month_number(name) not in AMBIGUOUS_MONTHS and len(name.rstrip(".")) > 3


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
    span = RESOLVERS[expression.rule](expression.match, anchor, clue)
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
