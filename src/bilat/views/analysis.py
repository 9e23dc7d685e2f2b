"""Timelines, trends, facts and quotes for the API and the dashboard, as JSON-ready data.

The numbers come from :mod:`bilat.analytics` and the store's fact and quote queries; this module
only turns their records into plain data.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import bilat.analytics as analytics
from bilat.facts.quotes import speaker_label
from bilat.store import Store
from bilat.store.base import FactQuery, QuoteQuery


def timeline_data(
    store: Store,
    pair: tuple[str, str],
    by: str,
    since: str | None,
    until: str | None,
    *,
    min_confidence: float | None = None,
) -> dict[str, Any]:
    """Return a dyad's timeline rows, its sparkline and its trend in words.

    Args:
        store: The store to read.
        pair: The two country codes.
        by: week, month, quarter or year.
        since: First date, or None for the first event.
        until: Last date, or None for the last event.
        min_confidence: Count only events at least this likely to be right.

    Returns:
        ``{"dyad", "by", "periods": [...], "sparkline", "trend"}``: one row per period (zeros
        where nothing happened), the Goldstein means as a sparkline, and the trend with its
        ``summary`` sentence.
    """
    rows = analytics.timeline(
        store, pair[0], pair[1], by=by, since=since, until=until, min_confidence=min_confidence
    )
    return _timeline_data(pair, by, rows)


def timelines_data(store: Store, pairs: Sequence[tuple[str, str]], by: str) -> list[dict[str, Any]]:
    """Return what :func:`timeline_data` returns for each pair over all its dates, in one read.

    Args:
        store: The store to read.
        pairs: The country pairs.
        by: week, month, quarter or year.

    Returns:
        One ``timeline_data`` answer per pair, in the pairs' order.
    """
    found = analytics.timelines(store, pairs, by=by)
    return [_timeline_data(pair, by, rows) for pair, rows in zip(pairs, found, strict=True)]


@functools.lru_cache(maxsize=512)
def _trend(rows: tuple[analytics.TimelinePeriod, ...]) -> analytics.Trend:
    # A write changes the timelines of a few dyads; the overview's other trends (a slope fit
    # and a change-point search each) are the same as before it.
    return analytics.trend(rows)


def _timeline_data(
    pair: tuple[str, str], by: str, rows: list[analytics.TimelinePeriod]
) -> dict[str, Any]:
    return {
        "dyad": list(pair),
        "by": by,
        "periods": [row.as_dict() for row in rows],
        "sparkline": analytics.sparkline([row.goldstein_mean for row in rows], low=-10, high=10),
        "trend": _trend(tuple(rows)).as_dict(),
    }


def facts(store: Store, query: FactQuery) -> list[dict[str, Any]]:
    """Return the facts matching a query as plain data, each with its date and actors.

    Args:
        store: The store to read.
        query: The filters.

    Returns:
        One dict per fact: the fact's fields plus ``date``, ``source`` and ``target``.
    """
    return [
        {**row.fact.as_dict(), "date": row.date, "source": row.source, "target": row.target}
        for row in store.facts(query)
    ]


def quotes(store: Store, query: QuoteQuery) -> list[dict[str, Any]]:
    """Return the quotations matching a query as plain data, each with its document's date.

    Args:
        store: The store to read.
        query: The filters.

    Returns:
        One dict per quotation: its fields plus ``date`` and ``said_by`` (who said it, for a
        reader: the person a "he" or "she" stands for).
    """
    return [
        {**row.quote.as_dict(), "date": row.date, "said_by": speaker_label(row.quote)}
        for row in store.quotes(query)
    ]
