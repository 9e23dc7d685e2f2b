"""Guess the tense of the clause around a time expression without a parser.

The verb nearest to the expression usually governs it ("said Friday it will …": *said* is
next to *Friday*), so the nearest tense marker wins; the whole sentence is the fallback.
"""

from __future__ import annotations

import re

PAST = "past"
PRESENT = "present"
FUTURE = "future"

_FUTURE = re.compile(
    r"\b(?:will|won't|shall|'ll|going to|is to|are to|(?:due|set|scheduled|slated|expected) to|"
    r"plans? to|intends? to|expects? to|agreed to|to be (?:held|completed|paid)|would|payable|"
    r"of record|effective|expires?|upcoming|next)\b",
    re.IGNORECASE,
)
# "-ed" words are mostly past verbs in news prose; the exceptions listed are frequent
# non-verbs that would otherwise pass for them.
_NOT_PAST = frozenset(
    {"need", "indeed", "united", "hundred", "red", "speed", "seed", "bed", "feed", "shed", "embed"}
)
_PAST = re.compile(
    r"\b(?:was|were|had|did|said|told|met|held|made|took|gave|came|went|saw|left|began|"
    r"fell|rose|sold|bought|won|lost|paid|spent|ago|last|yesterday|earlier|[a-z]{2,}ed)\b",
    re.IGNORECASE,
)
# A participle after a form of "be" is passive, and its tense is that of "be" ("will be paid").
_PASSIVE_BE = re.compile(r"\b(?:be|been|being|is|are|am)\s+$", re.IGNORECASE)
_WEAK_PAST = re.compile(r"[a-z]{2,}ed", re.IGNORECASE)
_PRESENT = re.compile(r"\b(?:is|are|am|says|now|currently|today)\b", re.IGNORECASE)
_WINDOW = 80
# A firm marker of the future, and what ends its reach before a later expression: a clause
# break, a relative or a past verb ("will face a test as he was elected in 2004").
_FIRM_FUTURE = re.compile(
    r"\b(?:will|shall|'ll|going to|(?:due|set|scheduled|slated|expected) to|plans? to|"
    r"intends? to|aims? to|upcoming|next)\b",
    re.IGNORECASE,
)
_BREAK = re.compile(
    r"[,;:()\"“”]|\b(?:and|but|which|who|that|after|since|was|were|had|said|ago|did|"
    r"told|met|held|made|took|gave|came|went|saw|left|began|won|lost|paid|earlier|yesterday)\b"
    r"|\b[a-z]{2,}ed\b",
    re.IGNORECASE,
)
_FIRM_WINDOW = 60
_AUXILIARY_PARTICIPLE = re.compile(r"\b(?:be|have|been)\s+[a-z]+\b", re.IGNORECASE)


def _not_past(sentence: str, match: re.Match[str]) -> bool:
    word = match.group(0).lower()
    if word in _NOT_PAST:
        return True
    return _PASSIVE_BE.search(sentence[: match.start()]) is not None


def guess_tense(sentence: str, span: tuple[int, int] | None = None) -> str | None:
    """Return "past", "present" or "future" for the clause around a span, or None.

    Args:
        sentence: the sentence text.
        span: character offsets of the time expression in the sentence; without it the
            first marker in the sentence decides.

    Returns:
        The tense of the nearest marker to the span, or None when the sentence has none.
    """
    return guess_tense_clue(sentence, span)[0]


def guess_tense_clue(sentence: str, span: tuple[int, int] | None = None) -> tuple[str | None, bool]:
    """Return the guessed tense and whether it rests on a firm marker.

    Args:
        sentence: the sentence text.
        span: character offsets of the time expression, as for :func:`guess_tense`.

    Returns:
        The tense (or None) and True when an auxiliary or a known verb form near the span
        shows it, not only words ending in "-ed" (which may be adjectives: "preferred").
    """
    start, end = span if span is not None else (0, 0)
    found: list[tuple[int, str, bool]] = []
    for pattern, tense in ((_FUTURE, FUTURE), (_PAST, PAST), (_PRESENT, PRESENT)):
        for match in pattern.finditer(sentence):
            if tense == PAST and _not_past(sentence, match):
                continue
            if span is not None and start <= match.start() < end:
                # Words inside the expression ("last", "ago") describe it, not the clause.
                continue
            if span is None:
                distance = match.start()
            elif match.end() <= start:
                distance = start - match.end()
            else:
                distance = match.start() - end
            if span is not None and distance > _WINDOW:
                continue
            weak = tense == PAST and _WEAK_PAST.fullmatch(match.group(0)) is not None
            found.append((distance, tense, not weak))
    if not found:
        return guess_tense_clue(sentence) if span is not None else (None, False)
    tense = min(found)[1]
    # "was signed": the "-ed" word decides, but "was" makes the guess firm.
    return tense, any(firm for _, other, firm in found if other == tense)


def firmly_future(sentence: str, start: int) -> bool:
    """Return whether a firm future marker governs the text from ``start`` on.

    Stricter than :func:`guess_tense`: the marker ("will", "is set to", "plans to") stands at
    most 60 characters before, with no clause break or past verb in between ("the treaty is set
    to expire in 2026", not "signed in 2010, it will lapse").

    Args:
        sentence: the sentence text.
        start: where the time expression begins.

    Returns:
        True when such a marker reaches the expression.
    """
    before = sentence[max(0, start - _FIRM_WINDOW) : start]
    markers = list(_FIRM_FUTURE.finditer(before))
    # "will be held in 2007": a participle after "be" or "have" is the future verb itself
    gap = _AUXILIARY_PARTICIPLE.sub(" ", before[markers[-1].end() :]) if markers else ""
    return bool(markers) and _BREAK.search(gap) is None
