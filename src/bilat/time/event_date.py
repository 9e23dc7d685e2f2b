"""Choose the time expression that dates an event and resolve it in the event's tense.

>>> doc = DocumentDate("2025-04-08", "2025-04-08", "2025-04-08", DatePrecision.DAY,
...                    DateSource.METADATA)
>>> resolve_event_date("Dar met Rubio on Monday.", doc_date=doc).value
'2025-04-07'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bilat.records import DatePrecision, DocumentDate
from bilat.time.expressions import (
    RULE_PRIORITY,
    EventDate,
    TimeExpression,
    find_time_expressions,
    resolve_expression,
)
from bilat.time.resolvers import Anchor, Clue
from bilat.time.tense import FUTURE, PAST, guess_tense_clue

__all__ = ["resolve_event_date"]


def resolve_event_date(
    sentence: str,
    *,
    doc_date: DocumentDate,
    tense: str | None = None,
    span: tuple[int, int] | None = None,
    exclude: Sequence[tuple[int, int]] = (),
    attributive: bool = False,
) -> EventDate:
    """Return the date of the event a sentence reports.

    Args:
        sentence: the sentence text.
        doc_date: the document's date, the day relative expressions count from.
        tense: "past", "present" or "future"; guessed from the words near the expression
            when None.
        span: character offsets of the event (its trigger) in the sentence; the expression
            nearest to it is used, else the first one.
        exclude: character spans of clauses that speak of other events ("who signed the
            accord in 2022"); expressions inside them do not date this one.
        attributive: when True (and ``span`` is given), an expression that modifies another
            noun ("following the February 2024 elections") dates that noun, not the event.

    Returns:
        The expression's date; the document's date with precision DOCUMENT when the sentence
        has no time expression.
    """
    expressions = [
        e
        for e in find_time_expressions(sentence)
        if not any(s <= e.start and e.end <= end for s, end in exclude)
        and not (attributive and span is not None and _dates_other_noun(sentence, e, span))
        and not (span is not None and _deadline_of_infinitive(sentence, e, span))
    ]
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
        # "paid his first visit to Peru since 2012 on Wednesday": a since-phrase bounds a span
        # up to the event; it dates the event only when nothing else in the sentence does
        expression = min(
            expressions,
            key=lambda e: (
                _lead_word(sentence, e) == "since"
                and len(expressions) > 1
                and not e.start <= span[0] < e.end,
                _distance(e, span),
                RULE_PRIORITY[e.rule],
            ),
        )
    # A preposition that points ahead or back ("until Oct 31", "since May") outranks the
    # event verb's tense: "would only be accepted until Oct 31" is this coming Oct 31.
    lead = _lead_tense(sentence, expression)
    if lead is not None:
        clue = Clue(lead)
    elif tense is not None:
        clue = Clue(tense)
    else:
        guessed, firm = guess_tense_clue(sentence, (expression.start, expression.end))
        clue = Clue(guessed, guessed=not firm)
    return resolve_expression(expression, anchor=Anchor.of(doc_date), clue=clue)


_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|this|that|[A-Z]\w*['’]s)\s+$")
_NOUN_AFTER = re.compile(r"\s+((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)")
_NOT_NOUN = frozenset({"of", "in", "on", "at", "to", "and", "or", "when", "that", "which", "as"})


def _dates_other_noun(sentence: str, expression: TimeExpression, span: tuple[int, int]) -> bool:
    """Return whether an expression modifies a noun other than the event's trigger.

    "the February 2024 general elections", "a 2019 accord": a determiner before and a noun
    after make the expression an attribute of that noun; "a July 2019 visit" still dates the
    visit when "visit" is the trigger.
    """
    if not _DETERMINER_BEFORE.search(sentence[: expression.start]):
        return False
    after = _NOUN_AFTER.match(sentence, expression.end)
    if after is None or after.group(1).split()[0] in _NOT_NOUN:
        return False
    return not after.start(1) <= span[0] < after.end(1) + 1


# "agreed to implement a ceasefire by the end of 2019": "to" + a verb, not "to the talks".
_INFINITIVE = re.compile(
    r"\bto\s+(?!(?:the|a|an|its|their|his|her|this|that|these|those|be\s+held)\b)[a-z]+\b"
)
_DEADLINE_WORDS = frozenset({"by", "until", "till"})


def _deadline_of_infinitive(
    sentence: str, expression: TimeExpression, span: tuple[int, int]
) -> bool:
    """Return whether an expression is the deadline of an infinitive that is not the event.

    "agreed to implement a ceasefire by the end of 2019, during a summit": the year bounds the
    implementing, neither the agreeing nor the summit, which keep another date of their
    sentence or the news day. "is expected to visit China by May" still dates the visit.
    """
    if expression.start <= span[0] < expression.end:
        return False  # the caller asks for this very expression
    lead = _LEAD_WORD.search(sentence[: expression.start])
    first = expression.text.split()[0].lower()
    if first not in _DEADLINE_WORDS and (
        lead is None or lead.group(1).lower() not in _DEADLINE_WORDS
    ):
        return False
    infinitives = list(_INFINITIVE.finditer(sentence, 0, expression.start))
    if not infinitives:
        return False
    return not infinitives[-1].start() <= span[0] < expression.start


_LEAD_WORD = re.compile(r"(\w+)\W*$")
_FROM_BEFORE = re.compile(r"\bfrom\b[^;]{0,30}$", re.IGNORECASE)


def _lead_tense(sentence: str, expression: TimeExpression) -> str | None:
    """Return the tense a preposition before the expression implies ("by May" is ahead)."""
    word = _lead_word(sentence, expression)
    if word in ("by", "until", "till"):
        return FUTURE
    if word == "to" and not _FROM_BEFORE.search(sentence[: expression.start]):
        return FUTURE
    if word == "since":
        return PAST
    return None


def _lead_word(sentence: str, expression: TimeExpression) -> str:
    """Return the preposition that leads an expression, its own ("since 2012") or the word before."""
    first = expression.text.split()[0].lower()
    if first in ("by", "until", "since"):
        return first
    lead = _LEAD_WORD.search(sentence[: expression.start])
    return lead.group(1).lower() if lead else ""


def _distance(expression: TimeExpression, span: tuple[int, int]) -> int:
    if expression.end <= span[0]:
        return span[0] - expression.end
    if expression.start >= span[1]:
        return expression.start - span[1]
    return 0
