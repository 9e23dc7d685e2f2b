"""Date a document: from the user, its metadata, its dateline, a date line in its text, or by
inference from what it says (office holders, anniversaries, past years and dates).

Sources are tried best first (user > metadata > dateline > text > inferred). Inference
intersects constraints into a range ``[earliest, latest]``; its precision is the finest that
names the whole range, and ``evidence`` says which constraints made it.

``DocumentDate.value`` is an ISO value at the date's precision: ``2025-04-07`` (day),
``2022-06`` (month), ``2022`` (year); None for a wider range.

    >>> doc = Document.from_text("Pakistan and the US celebrate 75 years of bilateral ties.")
    >>> resolve_document_date(doc, relations=RelationsTable.load()).value
    '2022'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from bilat.records import DatePrecision, DateSource, Document, DocumentDate
from bilat.time.calendar_words import (
    MONTH,
    iso_value,
    month_end,
    month_number,
    precision_of_range,
    safe_date,
)
from bilat.time.dateline import parse_dateline
from bilat.time.diplomatic_ties import RelationsTable
from bilat.time.month_days import Bound, dates_in_year, weekday_dates, weekday_pin
from bilat.time.referred_events import ReferredEvent
from bilat.time.tense import FUTURE, firmly_future, guess_tense


@dataclass(frozen=True)
class TenureEvidence:
    """A titled person the text names ("Deputy Prime Minister Ishaq Dar") and their tenure.

    ``current`` is False for "former X": the document then dates from after the tenure ended.
    ``terms`` lists the separate terms when the person held the office more than once
    (``start``/``end`` then span them all); the document lies within one of them.
    """

    person_id: str
    name: str
    office: str
    title_text: str
    start: dt.date
    end: dt.date | None
    current: bool = True
    terms: tuple[tuple[dt.date, dt.date | None], ...] = ()


_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)", re.MULTILINE)
_HEAD_CHARS = 600
_FULL_DATE = (
    rf"(?:(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})"
    rf"|(?P<m1>{MONTH})\s*(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{MONTH}),?\s+(?P<y2>(?:19|20)\d\d))"
)
# A page's own date label: capitalised ("Updated 12 December 2022", "Last Updated: …"), at the
# start of a line, or with a colon. In prose ("the agreement dated September 27, 2004") the
# date is another document's.
_LABEL = r"(?:published|updated|posted|dated?|last (?:modified|updated))"
_LABELLED_DATE = re.compile(
    rf"(?:(?-i:\b(?:Published|Updated|Posted|Dated?|Last [Mm]odified|Last [Uu]pdated|PUBLISHED"
    rf"|UPDATED|POSTED|DATED?))\s*(?:on\s*)?:?|^[ \t]*{_LABEL}\s*(?:on\s*)?:?"
    rf"|\b{_LABEL}\s*(?:on\s*)?:)\s*{_FULL_DATE}\b",
    re.IGNORECASE | re.MULTILINE,
)
_LEADING_DATE = re.compile(rf"^\s*{_FULL_DATE}\s*(?:[—–|-]|$)", re.MULTILINE)
_ANNIVERSARY = re.compile(
    r"\b(?P<n>\d{1,3})(?:st|nd|rd|th)?\s+(?:(?:years?\s+of)|anniversary\s+of)\s+(?:the\s+)?"
    r"(?:establishment\s+of\s+)?(?:(?:bilateral|diplomatic|friendly|close|strong|brotherly)\s+"
    r"(?:and\s+)?)*(?:ties|relations|relationship|friendship)\b",
    re.IGNORECASE,
)
# Years the text places in the past: after "in", "during", "since", … (optionally with a month),
# and events referred to by their date ("following the February 2024 general elections").
_PAST_YEAR = re.compile(
    rf"\b(?:in|during|since|from|between|throughout|(?:following|after|since)\s+the)\s+"
    rf"(?:(?:early|late|mid)[\s-]+)?"
    rf"(?:the\s+(?:spring|summer|autumn|fall|winter|start|beginning|middle|end)\s+of\s+)?"
    rf"(?:{MONTH}\s+)?(?P<y>(?:19|20)\d\d)(?:\s*[-–]\s*(?P<y2>\d{{2}}|\d{{4}}))?(?![\d,.]*\d)"
)
# Years a firm future marker points to ("is set to expire in 2026", "by the end of 2019"): the text
# was written before that year ended.
_COMING_YEAR = re.compile(
    rf"\b(?:in|by|before|until|till|from|during)\s+(?:the\s+)?"
    rf"(?:(?:early|late|mid|end\s+of|beginning\s+of|first\s+half\s+of|second\s+half\s+of)[\s-]+)?"
    rf"(?:(?:the\s+)?year\s+)?(?:{MONTH}\s+)?(?:\d{{1,2}},?\s+)?(?P<y>(?:19|20)\d\d)\b(?![-–/]\d)"
)
# "starting in 2026", "effective from 2025": a year a schedule begins is as often ahead as behind.
_SCHEDULE = re.compile(r"\b(?:starting|beginning|effective|commencing)\s*$", re.IGNORECASE)
# A year a plan's infinitive governs ("agreed to begin work to hold the first meeting in 2024",
# "plans to enter the euro zone in 2008", "invited him to visit the country in 2007"): the plan's
# time, ahead of the report as often as not. No clause break or past verb may come between.
_INFINITIVE = re.compile(
    r"\b(?:plan|agree|aim|hope|expect|intend|seek|want|wish|pledge|promise|decide|invite|vow"
    r"|propose|prepare|commit|target|strive|tr(?:y|ies|ied)|urge|call(?:ed|s)? on|ask)[a-z]*\b"
    r"[^,;:()]{0,40}?\bto\s+(?-i:[a-z]+)\s+\S"
    r"(?![^,;:()]*\b(?:was|were|had|did|said|(?:that|which|who) [a-z]+ed)\b)[^,;:()]*$",
    re.IGNORECASE,
)
_INFINITIVE_REACH = 120
# A sentence that forecasts or schedules ("demand is forecast to rise 2 percent in 2007", "the
# vote is due in March 2007"): its years are as often ahead as behind.
_FORECAST = re.compile(
    r"\b(?:forecasts?|forecasted|predict(?:s|ed|ions?)?|project(?:ed|ions?)|expect(?:s|ed|ations?)?"
    r"|estimat(?:e|es|ed)|scheduled|slated|due|planned|target(?:s|ed)?|outlook|likely)\b",
    re.IGNORECASE,
)


def resolve_document_date(
    document: Document,
    *,
    evidence: Sequence[TenureEvidence] = (),
    relations: RelationsTable | None = None,
    referred: Sequence[ReferredEvent] = (),
    today: dt.date | None = None,
) -> DocumentDate:
    """Return a document's date, how precise it is, where it came from, and any disagreement.

    Args:
        document: the document; ``published`` and ``date_source`` carry a user or metadata date.
        evidence: titled persons the text names, with their tenures.
        relations: the diplomatic-relations table for anniversaries; anniversaries are skipped
            when None.
        referred: well-known events; a text that refers to one dates from its day or later.
        today: the latest possible date (pass ``date.today()``); no cap when None.

    Returns:
        The best date: user or metadata date, a dated dateline, a date line at the top of the
        text, or an inferred range; :meth:`DocumentDate.unknown` when nothing dates it.
    """
    tenure = [_tenure_constraint(item) for item in evidence]
    stated = _stated_date(document)
    if stated is not None:
        day, precision, source, how = stated
        flags = tuple(
            f"{source.value}-outside-tenure:{item.person_id}"
            for item, bound in zip(evidence, tenure, strict=True)
            if bound is not None and not _inside(day, bound)
        )
        latest = day if precision is DatePrecision.DAY else _period_end(day, precision)
        return DocumentDate(
            iso_value(day, precision),
            day.isoformat(),
            latest.isoformat(),
            precision,
            source,
            how,
            flags,
        )
    inferred = _infer(document, evidence, tenure, relations, referred, today)
    return _with_dateline_day(document, inferred)


def _with_dateline_day(document: Document, inferred: DocumentDate) -> DocumentDate:
    """Give a year-less dateline ("BEIJING, Dec. 3") the year an inferred range fixes."""
    line = parse_dateline(document.dateline) if document.dateline else None
    line = line or parse_dateline(document.text)
    if line is None or line.partial is None or not inferred.earliest or not inferred.latest:
        return inferred
    first = dt.date.fromisoformat(inferred.earliest)
    last = dt.date.fromisoformat(inferred.latest)
    if first.year != last.year:
        return inferred
    day = safe_date(first.year, int(line.partial[2:4]), int(line.partial[5:7]))
    if day is None or not first <= day <= last:
        return replace(inferred, flags=(*inferred.flags, f"dateline-outside-range:{line.partial}"))
    return replace(
        inferred,
        value=day.isoformat(),
        earliest=day.isoformat(),
        latest=day.isoformat(),
        precision=DatePrecision.DAY,
        evidence=f"dateline: {line.raw} + year {first.year} from {inferred.evidence}",
    )


def _stated_date(document: Document) -> tuple[dt.date, DatePrecision, DateSource, str] | None:
    """Return a date the document states: user, metadata, dateline, or a date line in its text."""
    if document.published:
        day, precision = _parse_published(document.published)
        stated = (DateSource.USER, DateSource.TEXT)
        source = document.date_source if document.date_source in stated else DateSource.METADATA
        return day, precision, source, f"{source.value}: {document.published}"
    line = parse_dateline(document.dateline) if document.dateline else None
    line = line or parse_dateline(document.text)
    if line is not None and line.date is not None:
        return (
            dt.date.fromisoformat(line.date),
            DatePrecision.DAY,
            DateSource.DATELINE,
            f"dateline: {line.raw}",
        )
    head = document.text[:_HEAD_CHARS]
    match = _LABELLED_DATE.search(head) or _LEADING_DATE.search(head)
    if match is not None:
        found = _full_date(match)
        if found is not None:
            return found, DatePrecision.DAY, DateSource.TEXT, f"text: {match.group(0).strip()}"
    return None


def _parse_published(value: str) -> tuple[dt.date, DatePrecision]:
    text = value.strip()[:10]
    if re.fullmatch(r"\d{4}", text):
        return dt.date(int(text), 1, 1), DatePrecision.YEAR
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return dt.date(int(text[:4]), int(text[5:]), 1), DatePrecision.MONTH
    return dt.date.fromisoformat(text), DatePrecision.DAY


def _period_end(day: dt.date, precision: DatePrecision) -> dt.date:
    if precision is DatePrecision.MONTH:
        return month_end(day.year, day.month)
    return dt.date(day.year, 12, 31)


def _full_date(match: re.Match[str]) -> dt.date | None:
    if match.group("iy"):
        return safe_date(int(match.group("iy")), int(match.group("im")), int(match.group("id")))
    if match.group("m1"):
        return safe_date(
            int(match.group("y1")), month_number(match.group("m1")), int(match.group("d1"))
        )
    return safe_date(
        int(match.group("y2")), month_number(match.group("m2")), int(match.group("d2"))
    )


def _tenure_constraint(item: TenureEvidence) -> Bound | None:
    if item.current:
        return Bound(
            item.start,
            item.end,
            f"tenure: {item.title_text} {item.name} ({item.start}..{item.end or ''})",
        )
    if item.end is None:
        return None
    return Bound(item.end, None, f"former: {item.title_text} {item.name} (left office {item.end})")


def _inside(day: dt.date, bound: Bound) -> bool:
    return (bound.earliest is None or day >= bound.earliest) and (
        bound.latest is None or day <= bound.latest
    )


def _infer(
    document: Document,
    evidence: Sequence[TenureEvidence],
    tenure: list[Bound | None],
    relations: RelationsTable | None,
    referred: Sequence[ReferredEvent],
    today: dt.date | None,
) -> DocumentDate:
    flags: list[str] = []
    # The latest-starting tenure first: when two holders of one post meet only on the handover
    # day, the predecessor is the one set aside.
    constraints: list[Bound] = sorted(
        (c for c in tenure if c is not None),
        key=lambda c: c.earliest or dt.date.min,
        reverse=True,
    )
    flags += [
        f"former-in-office:{e.person_id}"
        for e, c in zip(evidence, tenure, strict=True)
        if c is None
    ]
    text = document.text if not document.title else f"{document.title}\n{document.text}"
    sentences = [m.group(0) for m in _SENTENCE.finditer(text) if m.group(0).strip()]
    if relations is not None:
        constraints += _anniversaries(sentences, text, relations)
    coming = _coming_years(sentences)
    # A year the text firmly puts ahead, or a later one, is not in its past anywhere else.
    ahead = min((c.latest.year for c in coming if c.latest), default=None)
    constraints += _past_years(sentences, ahead=ahead)
    constraints += coming
    constraints += _referred_events(sentences, referred)
    constraints += _past_full_dates(sentences)
    if today is not None:
        constraints.append(Bound(None, today, f"today: {today}"))
    setters: dict[str, str] = {}
    earliest, latest, used = _intersect(constraints, flags, setters)
    for item in evidence:
        earliest, latest = _within_terms(item, earliest, latest, used, setters)
    if earliest is not None:
        # A weekday's years are sought up to today at the latest: a report is not from the future.
        named = weekday_dates(sentences, earliest, latest or today or dt.date.today())
        earliest, latest, more = _intersect([Bound(earliest, latest, ""), *named], flags, setters)
        used += [label for label in more if label]
    if earliest is not None and latest is not None and earliest.year == latest.year:
        extra = dates_in_year(sentences, earliest.year)
        earliest, latest, more = _intersect([Bound(earliest, latest, ""), *extra], flags, setters)
        used += [label for label in more if label]
    if earliest is not None and latest is not None and (latest - earliest).days < 7:
        pinned = weekday_pin(sentences, earliest, latest)
        if pinned is not None and pinned > earliest:
            # the day a past weekday names, or a later one: the report may be of the next days
            earliest = pinned
            used.append(f"weekday: {pinned:%A}")
            setters["earliest"] = used[-1]
    if not used:
        return DocumentDate.unknown()
    if earliest is None or latest is None:
        precision = DatePrecision.RANGE
        value = None
    else:
        precision = precision_of_range(earliest, latest)
        value = None if precision is DatePrecision.RANGE else iso_value(earliest, precision)
    return DocumentDate(
        value,
        earliest.isoformat() if earliest else None,
        latest.isoformat() if latest else None,
        precision,
        DateSource.INFERRED,
        _with_bounds(used, setters),
        tuple(flags),
    )


def _within_terms(
    item: TenureEvidence,
    earliest: dt.date | None,
    latest: dt.date | None,
    used: list[str],
    setters: dict[str, str],
) -> tuple[dt.date | None, dt.date | None]:
    """Narrow a range to the terms of office that meet it (the hull of what is left).

    Dar was Finance Minister in 1998-99, 2008, 2013-17 and 2022-23: once other clues put a text
    after 2020, only the last term holds it, not the whole span from 1998.
    """
    if not item.current or len(item.terms) < 2:
        return earliest, latest
    pieces = []
    for start, end in item.terms:
        low = max((d for d in (start, earliest) if d is not None), default=None)
        high = min((d for d in (end, latest) if d is not None), default=None)
        # a term that only touches the range on a handover day does not hold it
        if low is None or high is None or low < high or (low == high and earliest == latest):
            pieces.append((low, high))
    if not pieces:
        return earliest, latest
    lows = [low for low, _ in pieces]
    highs = [high for _, high in pieces]
    low = None if None in lows else min(d for d in lows if d is not None)
    high = None if None in highs else max(d for d in highs if d is not None)
    if (low, high) != (earliest, latest):
        used.append(f"terms: {item.title_text} in office {_terms_text(pieces)}")
        if low != earliest:
            setters["earliest"] = used[-1]
        if high != latest:
            setters["latest"] = used[-1]
    return low, high


def _terms_text(pieces: list[tuple[dt.date | None, dt.date | None]]) -> str:
    return ", ".join(f"{low or ''}..{high or ''}" for low, high in pieces)


def _intersect(
    constraints: Sequence[Bound], flags: list[str], setters: dict[str, str]
) -> tuple[dt.date | None, dt.date | None, list[str]]:
    """Intersect constraints in order; one that would empty the range is dropped and flagged.

    ``setters`` names, for ``earliest`` and ``latest``, the clue that last moved that bound.
    """
    earliest: dt.date | None = None
    latest: dt.date | None = None
    used: list[str] = []
    for item in constraints:
        low = max((d for d in (earliest, item.earliest) if d is not None), default=None)
        high = min((d for d in (latest, item.latest) if d is not None), default=None)
        # Two office holders who meet only on the day one handed over to the other are not both
        # in office: the one set aside is named in passing.
        handover = (
            low == high
            and item.label.startswith("tenure:")
            and (item.earliest == latest or item.latest == earliest)
        )
        if low is not None and high is not None and (low > high or handover):
            flags.append(f"conflict: {item.label}")
            continue
        if item.label:
            if low != earliest:
                setters["earliest"] = item.label
            if high != latest:
                setters["latest"] = item.label
        earliest, latest = low, high
        if not item.label.startswith("today:"):
            used.append(item.label)
    return earliest, latest, used


def _with_bounds(used: list[str], setters: dict[str, str]) -> str:
    """Join the clues, each once, marking the ones that set the range's ends.

    "tenure: … [earliest]; past date: … [latest]": a clue marked sets that end; the others
    agree with the range without narrowing it.
    """
    clues = list(dict.fromkeys(used))  # the same title named twice is one clue
    clues += [label for label in setters.values() if label not in clues]  # today's cap
    marked = []
    for label in clues:
        ends = [end for end in ("earliest", "latest") if setters.get(end) == label]
        marked.append(f"{label} [{', '.join(ends)}]" if ends else label)
    return "; ".join(marked)


def _anniversaries(sentences: list[str], text: str, relations: RelationsTable) -> list[Bound]:
    found: list[Bound] = []
    for sentence in sentences:
        for match in _ANNIVERSARY.finditer(sentence):
            relation = relations.dyad_in(sentence, context=text)
            if relation is None:
                continue
            year = relation.year + int(match.group("n"))
            label = (
                f"anniversary: {match.group('n')} years of {relation.label} ties "
                f"(est. {relation.established[:4]}) ⇒ {year}"
            )
            found.append(Bound(dt.date(year, 1, 1), dt.date(year, 12, 31), label))
            return found
    return found


def _past_years(sentences: list[str], *, ahead: int | None) -> list[Bound]:
    """Return 'on or after 1 January of the latest year the text puts in the past'."""
    best: tuple[int, str] | None = None
    for sentence in sentences:
        for match in _PAST_YEAR.finditer(sentence):
            if (
                guess_tense(sentence, match.span()) == FUTURE
                or firmly_future(sentence, match.start())
                or _SCHEDULE.search(sentence, 0, match.start())
                or (
                    match.group(0)[:5] != "since"
                    and (_infinitive_before(sentence, match.start()) or _FORECAST.search(sentence))
                )
            ):
                continue
            # a span ("in the 2005-2007 period") bounds by its first year: it may run on past
            # the report
            year = int(match.group("y"))
            if (ahead is None or year < ahead) and (best is None or year > best[0]):
                best = (year, match.group(0).strip())
    if best is None:
        return []
    return [Bound(dt.date(best[0], 1, 1), None, f"past year: '{best[1]}' ⇒ on or after {best[0]}")]


def _infinitive_before(sentence: str, start: int) -> bool:
    """Tell whether an infinitive with its object governs what starts at ``start``."""
    return _INFINITIVE.search(sentence[max(0, start - _INFINITIVE_REACH) : start]) is not None


def _coming_years(sentences: list[str]) -> list[Bound]:
    """Return 'on or before 31 December of the earliest year the text firmly puts ahead'."""
    best: tuple[int, str] | None = None
    for sentence in sentences:
        for match in _COMING_YEAR.finditer(sentence):
            year = int(match.group("y"))
            if firmly_future(sentence, match.start()) and (best is None or year < best[0]):
                best = (year, match.group(0).strip())
    if best is None:
        return []
    end = dt.date(best[0], 12, 31)
    return [Bound(None, end, f"coming year: '{best[1]}' ⇒ on or before {end}")]


def _referred_events(sentences: list[str], referred: Sequence[ReferredEvent]) -> list[Bound]:
    """Return 'on or after the day of the latest well-known event the text refers to'."""
    best: tuple[dt.date, str] | None = None
    for sentence in sentences:
        for event in referred:
            match = event.found_in(sentence)
            if match is None or (best is not None and event.day <= best[0]):
                continue
            best = (
                event.day,
                f"refers to {event.name}: '{match.group(0)}' ⇒ on or after {event.day}",
            )
    return [] if best is None else [Bound(best[0], None, best[1])]


_ANY_FULL_DATE = re.compile(rf"\b{_FULL_DATE}\b")


def _past_full_dates(sentences: list[str]) -> list[Bound]:
    """Return 'on or after the latest full date the text does not put in the future'."""
    best: tuple[dt.date, str] | None = None
    for sentence in sentences:
        for match in _ANY_FULL_DATE.finditer(sentence):
            day = _full_date(match)
            if day is None or guess_tense(sentence, match.span()) == FUTURE:
                continue
            if best is None or day > best[0]:
                best = (day, match.group(0))
    if best is None:
        return []
    return [Bound(best[0], None, f"past date: '{best[1]}' ⇒ on or after {best[0]}")]
