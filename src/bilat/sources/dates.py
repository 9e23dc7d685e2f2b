"""Normalise the publication dates found in record files and web pages to ``YYYY-MM-DD``."""

from __future__ import annotations

import datetime as dt
import email.utils
import re

_ISO_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ]\d)")
_FORMATS = (
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%Y%m%d",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%b. %d, %Y",
    "%B %d %Y",
)
# Epoch seconds are accepted only within these years, so a stray count is not taken for a date.
_EPOCH_YEARS = (1980, 2100)


def normalise_date(value: object) -> str | None:
    """Return a date given as ISO text, RFC 2822, a common written form or epoch seconds as ISO.

    Args:
        value: a field value: ``"2024-03-05T10:00:00Z"``, ``"Tue, 05 Mar 2024 10:00:00 GMT"``,
            ``"March 5, 2024"``, ``1709632800``.

    Returns:
        ``"2024-03-05"``, or None when the value is not a recognisable date.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _from_epoch(float(value))
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    if not text:
        return None
    match = _ISO_PREFIX.match(text)
    if match:
        return _valid(int(match[1]), int(match[2]), int(match[3]))
    for fmt in _FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    if re.fullmatch(r"\d{9,10}(?:\.\d+)?", text):
        return _from_epoch(float(text))
    return None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _from_epoch(seconds: float) -> str | None:
    try:
        day = dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()
    except (OverflowError, OSError, ValueError):
        return None
    if not _EPOCH_YEARS[0] <= day.year <= _EPOCH_YEARS[1]:
        return None
    return day.isoformat()
