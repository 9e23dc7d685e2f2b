"""Verified events as gold: the analyst's verdicts written in the shared gold JSONL format.

Every event a verdict confirmed or corrected becomes one gold row with its *judged*
coding (the corrections applied), so ``bilat eval gold.jsonl`` scores any later change of rules
or knowledge against the team's own checks. ``text`` is the event's sentence, so the row
matches an event coded in the same sentence; ``codes`` holds the judged CAMEO code.

    with open_store("bilat.duckdb", read_only=True) as store:
        Path("gold.jsonl").write_bytes(gold_bytes(store))
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from bilat.records import Actor, Event
from bilat.store import EventQuery, Store

GOLD_QUERY = EventQuery(
    factuality=("asserted", "planned", "reported", "negated", "hypothetical"),
    mentions=True,
    verified=True,
    order="date",
)
"""Every verified mention, whatever its factuality (the gold row keeps it)."""


def gold_row(event: Event) -> dict[str, Any]:
    """Return the gold row of a verified event (fields of ``../shared/README.md``'s gold).

    Args:
        event: The event as read from the store, showing its judged coding.

    Returns:
        ``doc``, ``id``, ``text``, ``source``, ``target``, ``codes``, ``source_person``,
        ``target_person``, ``date``, ``place``, ``factuality``, ``symmetric``, ``required``.
    """
    return {
        "doc": event.doc_id,
        "id": event.id,
        "text": event.sentence,
        "source": event.source.code,
        "target": event.target.code if event.target else None,
        "codes": [event.cameo],
        "source_person": _person(event.source),
        "target_person": _person(event.target),
        "date": event.date,
        "place": event.place.name if event.place else None,
        "factuality": event.factuality.value,
        "symmetric": event.symmetric,
        # bilat eval leaves negated and hypothetical events out, so such a row is optional.
        "required": event.factuality.value not in ("negated", "hypothetical"),
    }


def _person(actor: Actor | None) -> str | None:
    return actor.person if actor is not None else None


def gold_rows(store: Store, query: EventQuery = GOLD_QUERY) -> list[dict[str, Any]]:
    """Return a gold row for every verified event of a store.

    Args:
        store: The store.
        query: Which events (``verified`` is forced to True).

    Returns:
        The rows in date order.
    """
    verified = dataclasses.replace(query, verified=True, limit=None, offset=0)
    return [gold_row(event) for event in store.events(verified)]


def gold_bytes(store: Store, query: EventQuery = GOLD_QUERY) -> bytes:
    """Return a store's verified events as a gold JSONL file (one row a line).

    Args:
        store: The store.
        query: Which events (``verified`` is forced to True).
    """
    rows = gold_rows(store, query)
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode("utf-8")
