"""A dyad's timeline: every period between two dates with its events counted, zeros included.

The counting happens in the store (:meth:`bilat.store.Store.timeline`, in SQL); this module
fills the periods that hold no events so that charts and trends see time as it passed.

    with open_store("bilat.duckdb", read_only=True) as store:
        rows = timeline(store, "PAK", "USA", by="month", since="2025-01-01")
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bilat.analytics.periods import period_of, periods_between
from bilat.errors import InputError
from bilat.store.base import EventQuery, Store, TimelineRow


@dataclass(frozen=True)
class TimelinePeriod:
    """One period of a dyad's timeline: counts by quad class and Goldstein totals.

    ``goldstein_mean`` is None when the period holds no events (its sum is then 0.0).

        TimelinePeriod("2025-01", "2025-01-01", "2025-01-31", 0, 0, 0, 0, 0, None, 0.0)
    """

    period: str
    start: str
    end: str
    events: int
    verbal_coop: int
    material_coop: int
    verbal_conflict: int
    material_conflict: int
    goldstein_mean: float | None
    goldstein_sum: float

    def as_dict(self) -> dict[str, Any]:
        """Return the period as a JSON-ready dict, in field order."""
        return dict(self.__dict__)


def timeline(
    store: Store,
    a: str,
    b: str,
    *,
    by: str = "month",
    since: str | None = None,
    until: str | None = None,
    directed: bool = False,
    min_confidence: float | None = None,
) -> list[TimelinePeriod]:
    """Return every period of the events between two countries, periods without events as zeros.

    Negated and hypothetical events never count. An event is placed by its own date, else its
    document's date, else the middle of its document's date range; events nothing dates are
    left out.

    Args:
        store: An open store.
        a: The first country code (``PAK``).
        b: The second country code (``USA``).
        by: ``week``, ``month``, ``quarter`` or ``year``.
        since: First day (ISO, inclusive); default the first event's period.
        until: Last day (ISO, inclusive); default the last event's period.
        directed: Count only events from ``a`` to ``b`` (``a``'s actor codes as source).
        min_confidence: Count only events at least this likely to be right (calibrated).

    Returns:
        One row per period from ``since`` (or the first event) to ``until`` (or the last
        event), oldest first; empty when nothing matches and no bounds are given.

    Raises:
        InputError: A code, date or period cannot be used.
    """
    a, b = a.strip().upper(), b.strip().upper()
    if not a or not b:
        raise InputError("a timeline needs two country codes, e.g. PAK and USA", origin="timeline")
    query = EventQuery(
        dyad=(a, b),
        source=a if directed else None,
        since=since,
        until=until,
        min_confidence=min_confidence,
    )
    rows = store.timeline(query, by)
    if not rows and (since is None or until is None):
        return []
    first = since or rows[0].period
    last = until or period_of(rows[-1].period, by).end
    return fill_periods(rows, first, last, by)


def timelines(
    store: Store, pairs: Sequence[tuple[str, str]], *, by: str = "month"
) -> list[list[TimelinePeriod]]:
    """Return what :func:`timeline` returns for each pair over all its dates, read in one go.

    Args:
        store: An open store.
        pairs: Country pairs (``("PAK", "USA")``), either order.
        by: ``week``, ``month``, ``quarter`` or ``year``.

    Returns:
        One timeline per pair, in the pairs' order.

    Raises:
        InputError: A code or the period cannot be used.
    """
    cleaned = [(a.strip().upper(), b.strip().upper()) for a, b in pairs]
    if any(not a or not b for a, b in cleaned):
        raise InputError("a timeline needs two country codes, e.g. PAK and USA", origin="timeline")
    found = store.timelines(cleaned, by)
    return [
        fill_periods(rows, rows[0].period, period_of(rows[-1].period, by).end, by) if rows else []
        for rows in found
    ]


def fill_periods(
    rows: Sequence[TimelineRow], first: str, last: str, by: str
) -> list[TimelinePeriod]:
    """Return every period from ``first`` to ``last`` with the store's counts, others as zeros.

    Args:
        rows: The store's per-period counts (:meth:`bilat.store.Store.timeline`).
        first: The first day (ISO).
        last: The last day (ISO).
        by: ``week``, ``month``, ``quarter`` or ``year``.

    Returns:
        One row per period, oldest first.

    Raises:
        InputError: A date or the period cannot be used.
    """
    found = {row.period: row for row in rows}
    result: list[TimelinePeriod] = []
    for period in periods_between(first, last, by):
        row = found.get(period.start)
        if row is None:
            result.append(
                TimelinePeriod(period.label, period.start, period.end, 0, 0, 0, 0, 0, None, 0.0)
            )
            continue
        result.append(
            TimelinePeriod(
                period=period.label,
                start=period.start,
                end=period.end,
                events=row.events,
                verbal_coop=row.verbal_coop,
                material_coop=row.material_coop,
                verbal_conflict=row.verbal_conflict,
                material_conflict=row.material_conflict,
                goldstein_mean=round(row.goldstein_mean, 6),
                goldstein_sum=round(row.goldstein_sum, 6),
            )
        )
    return result
