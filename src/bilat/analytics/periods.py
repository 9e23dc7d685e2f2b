"""Calendar periods for timelines: their first days, labels and every period between two dates.

Weeks are ISO weeks (Monday first, labelled with the ISO week-numbering year), quarters are
calendar quarters.

    >>> [p.label for p in periods_between("2024-12-20", "2025-01-08", "week")]
    ['2024-W51', '2024-W52', '2025-W01', '2025-W02']
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bilat.errors import InputError
from bilat.store.base import PERIODS


@dataclass(frozen=True)
class Period:
    """One calendar period: its label ("2025-Q1") and its first and last days (ISO)."""

    label: str
    start: str
    end: str


def _day(value: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError as error:
        raise InputError(
            f"{what} {value!r} is not a date; write it as YYYY-MM-DD", origin=what
        ) from error


def _check(by: str) -> None:
    if by not in PERIODS:
        raise InputError(f"unknown period {by!r}; use one of {', '.join(PERIODS)}", origin="by")


def period_start(day: dt.date, by: str) -> dt.date:
    """Return the first day of the period holding a day.

    Args:
        day: Any day.
        by: ``week``, ``month``, ``quarter`` or ``year``.

    Returns:
        The Monday, first of the month, of the quarter or of the year.
    """
    _check(by)
    if by == "week":
        return day - dt.timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    if by == "quarter":
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    return day.replace(month=1, day=1)


def _next_start(start: dt.date, by: str) -> dt.date:
    if by == "week":
        return start + dt.timedelta(days=7)
    months = {"month": 1, "quarter": 3, "year": 12}[by]
    index = start.year * 12 + start.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _label(start: dt.date, by: str) -> str:
    if by == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if by == "month":
        return f"{start.year}-{start.month:02d}"
    if by == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return str(start.year)


def period_of(day: str, by: str) -> Period:
    """Return the period holding an ISO date.

    Args:
        day: An ISO date (``YYYY-MM-DD``).
        by: ``week``, ``month``, ``quarter`` or ``year``.

    Returns:
        The period.

    Raises:
        InputError: The date or the period name cannot be read.
    """
    start = period_start(_day(day, "date"), by)
    end = _next_start(start, by) - dt.timedelta(days=1)
    return Period(_label(start, by), start.isoformat(), end.isoformat())


def periods_between(first: str, last: str, by: str) -> list[Period]:
    """Return every period from the one holding ``first`` to the one holding ``last``.

    Args:
        first: The earliest ISO date.
        last: The latest ISO date.
        by: ``week``, ``month``, ``quarter`` or ``year``.

    Returns:
        The periods in order; empty when ``last`` is before ``first``.

    Raises:
        InputError: A date or the period name cannot be read.
    """
    _check(by)
    start = period_start(_day(first, "since"), by)
    stop = _day(last, "until")
    periods: list[Period] = []
    while start <= stop:
        following = _next_start(start, by)
        end = following - dt.timedelta(days=1)
        periods.append(Period(_label(start, by), start.isoformat(), end.isoformat()))
        start = following
    return periods
