"""Measure event-date resolution against TimeBank's TIMEX3 annotations.

Each ``*.tml`` file gives a document creation time (the TIMEX3 with
``functionInDocument="CREATION_TIME"``) and DATE expressions with normalised values. Those whose
value is a calendar date (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``, ``YYYY-Www``) are resolved with
:func:`resolve_event_date` in their sentence, anchored on the creation time, and compared at the
gold granularity: a resolved day counts for a gold month when it lies in that month.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bilat.errors import InputError
from bilat.records import DatePrecision, DateSource, DocumentDate
from bilat.time.event_date import resolve_event_date
from bilat.time.expressions import EventDate

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_GRANULARITIES = (
    ("day", re.compile(r"^\d{4}-\d{2}-\d{2}$")),
    ("month", re.compile(r"^\d{4}-\d{2}$")),
    ("year", re.compile(r"^\d{4}$")),
    ("week", re.compile(r"^\d{4}-W\d{2}$")),
)
# A sentence ends at . ! or ? before a capital, or at a blank line; "Sept. 30" stays whole.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')]*\s+(?=[\"'(]*[A-Z])|\n\s*\n")
_MAX_ERRORS = 60


@dataclass(frozen=True)
class _Timex:
    start: int
    end: int
    text: str
    value: str
    type: str


def _granularity(value: str) -> str | None:
    for name, pattern in _GRANULARITIES:
        if pattern.match(value):
            return name
    return None


def _read(path: Path) -> tuple[dt.date, str, list[_Timex]]:
    """Return a file's creation date, its plain text and the TIMEX3s in that text."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*value="([^"]+)"', raw)
    dct = dct or re.search(
        r'<TIMEX3[^>]*value="([^"]+)"[^>]*functionInDocument="CREATION_TIME"', raw
    )
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.DOTALL)
    if dct is None or body is None:
        raise InputError(
            f"cannot read TimeBank file {path}: no CREATION_TIME TIMEX3 or no <TEXT>; "
            "pass a folder of TimeML .tml files",
            origin=str(path),
        )
    text_parts: list[str] = []
    length = 0
    timexes: list[_Timex] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    position = 0
    source = body.group(1)
    for tag in _TAG.finditer(source):
        chunk = html.unescape(source[position : tag.start()])
        text_parts.append(chunk)
        length += len(chunk)
        position = tag.end()
        closing, name = tag.group(1), tag.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(tag.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            text = "".join(text_parts)[start:length]
            timexes.append(
                _Timex(start, length, text, attrs.get("value", ""), attrs.get("type", ""))
            )
            open_timex = None
    text_parts.append(html.unescape(source[position:]))
    return dt.date.fromisoformat(dct.group(1)[:10]), "".join(text_parts), timexes


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the offsets of the sentence holding the span."""
    first, last = 0, len(text)
    for boundary in _SENTENCE_END.finditer(text):
        if boundary.end() <= start:
            first = boundary.end()
        elif boundary.start() >= end:
            last = boundary.start()
            break
    return first, last


def _matches(result: EventDate, gold: str, granularity: str) -> bool:
    """Return whether a resolved date agrees with a gold value at the gold's granularity."""
    if result.value is None or result.earliest is None or result.latest is None:
        return False
    earliest = dt.date.fromisoformat(result.earliest)
    latest = dt.date.fromisoformat(result.latest)
    if granularity == "week":
        year, week, _ = earliest.isocalendar()
        same_week = latest.isocalendar()[:2] == (year, week)
        return same_week and f"{year:04d}-W{week:02d}" == gold
    width = {"day": 10, "month": 7, "year": 4}[granularity]
    return earliest.isoformat()[:width] == gold and latest.isoformat()[:width] == gold


def _strict(result: EventDate, granularity: str) -> bool:
    expected = {
        "day": DatePrecision.DAY,
        "month": DatePrecision.MONTH,
        "year": DatePrecision.YEAR,
        "week": DatePrecision.RANGE,
    }[granularity]
    return result.precision is expected


def evaluate_timebank(folder: Path) -> dict[str, Any]:
    """Resolve TimeBank's calendar DATE expressions and score them against the gold values.

    Args:
        folder: a folder of TimeML ``*.tml`` files (TimeBank/AQUAINT).

    Returns:
        Counts and accuracies overall and by gold granularity (day, month, year, week);
        ``strict_accuracy`` also requires the resolved precision to equal the gold's;
        ``errors`` lists the first misses.
    """
    files = sorted(folder.glob("*.tml"))
    if not files:
        raise InputError(f"no .tml files in {folder}; pass the TimeBank folder", origin=str(folder))
    counts: dict[str, list[int]] = {name: [0, 0, 0] for name, _ in _GRANULARITIES}
    errors: list[dict[str, str | None]] = []
    not_found = 0
    for path in files:
        dct, text, timexes = _read(path)
        doc_date = DocumentDate(
            dct.isoformat(),
            dct.isoformat(),
            dct.isoformat(),
            DatePrecision.DAY,
            DateSource.METADATA,
        )
        for timex in timexes:
            granularity = _granularity(timex.value)
            if timex.type != "DATE" or granularity is None:
                continue
            first, last = _sentence(text, timex.start, timex.end)
            sentence = text[first:last]
            span = (timex.start - first, timex.end - first)
            result = resolve_event_date(sentence, doc_date=doc_date, span=span)
            found = (
                result.start is not None
                and result.end is not None
                and result.start < span[1]
                and result.end > span[0]
            )
            not_found += not found
            correct = found and _matches(result, timex.value, granularity)
            tally = counts[granularity]
            tally[0] += 1
            tally[1] += correct
            tally[2] += correct and _strict(result, granularity)
            if not correct and len(errors) < _MAX_ERRORS:
                errors.append(
                    {
                        "file": path.name,
                        "dct": dct.isoformat(),
                        "text": timex.text,
                        "gold": timex.value,
                        "system": result.value if found else None,
                        "expression": result.expression,
                    }
                )
    total = sum(t[0] for t in counts.values())
    correct_total = sum(t[1] for t in counts.values())
    strict_total = sum(t[2] for t in counts.values())
    return {
        "files": len(files),
        "expressions": total,
        "correct": correct_total,
        "accuracy": round(correct_total / total, 4) if total else None,
        "strict_accuracy": round(strict_total / total, 4) if total else None,
        "not_found": not_found,
        "by_granularity": {
            name: {
                "count": t[0],
                "correct": t[1],
                "accuracy": round(t[1] / t[0], 4) if t[0] else None,
            }
            for name, t in counts.items()
        },
        "errors": errors,
    }
