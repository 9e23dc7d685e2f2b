"""Calendar words and date arithmetic shared by the dateline, document and event resolvers.

Values are ISO strings at their precision: ``2025-04-07`` (day), ``2025-04`` (month), ``2025``
(year). A week is a range whose value is its Monday.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
import re

from bilat.knowledge import Knowledge
from bilat.records import DatePrecision


# Month names as newswire writes them: full, or abbreviated with an optional full stop
# ("Sept.", "Dec."). Title case only, so the verb "march" or modal "may" is not a month.
def _month_forms() -> dict[str, int]:
    forms = {"Sept": 9, "Sept.": 9}
    for number in range(1, 13):
        full, abbr = _cal.month_name[number], _cal.month_abbr[number]
        forms.update({full: number, abbr: number, abbr + ".": number, full.upper(): number})
    return forms


_MONTH_FORMS = _month_forms()

MONTH = (
    r"(?:"
    + "|".join(re.escape(form) for form in sorted(_MONTH_FORMS, key=len, reverse=True))
    + r")(?![a-z])"
)
"""A regex alternative matching one month name (full, abbreviated, or upper-case full)."""

WEEKDAYS: dict[str, int] = {_cal.day_name[i]: i for i in range(7)}
WEEKDAY = r"(?:" + "|".join(WEEKDAYS) + r")\b"
"""A regex alternative matching one weekday name."""

SPELLED_NUMBERS: dict[str, int] = Knowledge.load().section("number_words")
"""Number words and their values: the one table of them, ``number_words`` in ``units.yaml``."""

# A small count of days, weeks, months or years ("three weeks ago"); "a"/"an" count one ("a
# year ago").
NUMBER_WORDS: dict[str, int] = {"a": 1, "an": 1} | {
    word: value for word, value in SPELLED_NUMBERS.items() if value <= 12 and " " not in word
}
COUNT = r"(?:\d{1,2}|" + "|".join(NUMBER_WORDS) + r")"
"""A regex alternative matching a small count in digits or words."""


def month_number(name: str) -> int:
    """Return the month number of a month name as matched by :data:`MONTH`.

    Args:
        name: a month name ("March", "Sept.", "DEC").

    Returns:
        The month number, 1 to 12.
    """
    key = name.strip()
    if key in _MONTH_FORMS:
        return _MONTH_FORMS[key]
    return _MONTH_FORMS[key.title()]


def count_value(text: str) -> int:
    """Return the number a :data:`COUNT` match stands for."""
    lowered = text.lower()
    return int(lowered) if lowered.isdigit() else NUMBER_WORDS[lowered]


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """Return the date, or ``None`` when the day does not exist (30 February)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_end(year: int, month: int) -> dt.date:
    """Return the last day of a month."""
    return dt.date(year, month, _cal.monthrange(year, month)[1])


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """Return the (year, month) ``delta`` months from the given one."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def shift_years(day: dt.date, years: int) -> dt.date:
    """Return the same calendar day ``years`` later (28 February for a missing 29th)."""
    return safe_date(day.year + years, day.month, day.day) or dt.date(day.year + years, 2, 28)


def iso_value(earliest: dt.date, precision: DatePrecision) -> str:
    """Return the ISO value of a date at a precision (``2025-04``, ``2025``, …)."""
    if precision is DatePrecision.MONTH:
        return f"{earliest.year:04d}-{earliest.month:02d}"
    if precision is DatePrecision.YEAR:
        return f"{earliest.year:04d}"
    return earliest.isoformat()


def precision_of_range(earliest: dt.date, latest: dt.date) -> DatePrecision:
    """Return the finest precision that names every day of a range.

    Args:
        earliest: first day of the range.
        latest: last day of the range.

    Returns:
        DAY for one day, MONTH for a whole calendar month, YEAR for a whole year, else RANGE.
    """
    if earliest == latest:
        return DatePrecision.DAY
    if (
        earliest.day == 1
        and (earliest.year, earliest.month) == (latest.year, latest.month)
        and latest == month_end(latest.year, latest.month)
    ):
        return DatePrecision.MONTH
    if (
        earliest.year == latest.year
        and (earliest.month, earliest.day) == (1, 1)
        and (latest.month, latest.day) == (12, 31)
    ):
        return DatePrecision.YEAR
    return DatePrecision.RANGE


def parse_iso(value: str) -> dt.date:
    """Return the first day an ISO value (day, month or year) names."""
    parts = [int(p) for p in value.split("-")]
    while len(parts) < 3:
        parts.append(1)
    return dt.date(parts[0], parts[1], parts[2])
