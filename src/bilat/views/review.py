"""The review queue and pattern health as the API and the dashboard show them."""

from __future__ import annotations

from typing import Any

from bilat.knowledge import knowledge_for
from bilat.review import pattern_health, review_queue
from bilat.settings import Settings
from bilat.store import Store
from bilat.views.params import EventFilters, event_query, invalid


def review_data(store: Store, filters: EventFilters) -> dict[str, Any]:
    """Return the review queue for the filters: the items, most urgent first.

    Args:
        store: The store to read.
        filters: The parameters as sent (``limit`` is the queue's length).

    Returns:
        The JSON body of ``/api/review`` and of the ``/review`` page's twin.

    Raises:
        HTTPException: 422 when a filter cannot be used or the limit is 0.
    """
    query = event_query(filters)
    if not filters.limit:
        raise invalid("invalid limit 0: the review queue needs a limit of 1 or more")
    items = review_queue(store, query, limit=filters.limit)
    return {
        "ok": True,
        "count": len(items),
        "filters": filters.echo(),
        "items": [item.as_dict() for item in items],
    }


def patterns_data(store: Store, settings: Settings) -> dict[str, Any]:
    """Return every verb pattern with its matches, verdicts, precision and flags.

    Args:
        store: The store whose events are counted.
        settings: Where the user's knowledge (and ``patterns_off``) is.

    Returns:
        The JSON body of ``/api/patterns``.
    """
    rows = pattern_health(store, knowledge_for(settings))
    return {
        "ok": True,
        "flagged": sum(1 for row in rows if row.flagged),
        "patterns": [row.as_dict() for row in rows],
    }
