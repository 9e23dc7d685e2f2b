"""Timelines, trends, facts and quotes for the API and the dashboard, as JSON-ready data.

The numbers come from :mod:`bilat.analytics` and the store's fact and quote queries; this module
only turns their records into plain data.
"""

from __future__ import annotations

import dataclasses
import enum
import importlib
from typing import Any

from bilat.store import EventQuery, Store
from bilat.store.base import FactQuery, QuoteQuery


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, float) and value != value:  # NaN is not JSON
        return None
    return value


def _analytics() -> Any:
    try:
        return importlib.import_module("bilat.analytics")
    except ImportError:
        return None


def timeline_data(
    store: Store, pair: tuple[str, str], by: str, since: str | None, until: str | None
) -> dict[str, Any]:
    """Return a dyad's timeline rows, its sparkline and its trend in words.

    Args:
        store: The store to read.
        pair: The two country codes.
        by: week, month, quarter or year.
        since: First date, or None for the first event.
        until: Last date, or None for the last event.

    Returns:
        ``{"dyad", "by", "periods": [...], "sparkline", "trend"}``; ``trend`` holds the
        slope and the sentence describing it, or None when bilat.analytics is not installed.
    """
    analytics = _analytics()
    if analytics is None:
        query = EventQuery(dyad=pair, since=since, until=until)
        periods = _jsonable(store.timeline(query, by))
        return {"dyad": list(pair), "by": by, "periods": periods, "sparkline": "", "trend": None}
    rows = analytics.timeline(store, pair[0], pair[1], by=by, since=since, until=until)
    periods = _jsonable(list(rows))
    means = [float(row.get("goldstein_mean") or 0.0) for row in periods]
    return {
        "dyad": list(pair),
        "by": by,
        "periods": periods,
        "sparkline": str(analytics.sparkline(means)) if means else "",
        "trend": _jsonable(analytics.trend(rows)),
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
        One dict per quotation: its fields plus ``date``.
    """
    return [{**row.quote.as_dict(), "date": row.date} for row in store.quotes(query)]
