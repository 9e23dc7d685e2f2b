"""The review queue: which unverified events an analyst should look at first, and why.

An event rises in the queue when the machine is unsure of it (low confidence), when it brings
someone the store has not seen (a new actor code), when it is the first contact the store
records between two countries, when it matters (a high |Goldstein|), and when many reports
carry it. Only public store reads are used (clusters, actors, dyads, extraction), so the queue
is the same on DuckDB, PostgreSQL and through a running ``bilat serve``.

    items = review_queue(store, EventQuery(dyad=("PAK", "USA")), limit=20)
    items[0].reasons  # ("low confidence 0.35", "first contact PAK–USA")
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bilat.errors import InputError
from bilat.highlights import Span, event_spans
from bilat.records import Event, Mention
from bilat.store import EventQuery, Store

# Weights of the priority score. Doubt weighs most: a confidence of 0.2 alone (2.4) outranks
# a first contact (1.5), which outranks a war-level Goldstein of -10 (1.5 at most, equal).
CONFIDENCE_WEIGHT = 3.0
NEW_ACTOR_WEIGHT = 1.0
FIRST_CONTACT_WEIGHT = 1.5
GOLDSTEIN_WEIGHT = 0.15
REPORT_WEIGHT = 0.25
REPORTS_COUNTED = 4
"""Extra reports beyond the first that still raise the score (a wire story reprinted 50 times
is not 50 times more urgent)."""

LOW_CONFIDENCE = 0.6
"""Below this confidence the queue says "low confidence"."""
HIGH_GOLDSTEIN = 5.0
"""From this |Goldstein| on the queue names the score as a reason."""


@dataclass(frozen=True)
class ReviewItem:
    """One event in the review queue, with its priority, the reasons and the marks to show.

    ``highlights`` are the source, trigger and target spans in the event's sentence offsets.

        ReviewItem(event=e, score=2.4, reasons=("low confidence 0.20",), highlights=())
    """

    event: Event
    score: float
    reasons: tuple[str, ...]
    highlights: tuple[Span, ...]
    num_mentions: int = 1

    def as_dict(self) -> dict[str, Any]:
        """Return the item as plain data: the event (export shape), score, reasons, marks."""
        return {
            "event": self.event.export_dict(),
            "score": round(self.score, 3),
            "reasons": list(self.reasons),
            "highlights": [dataclasses.asdict(span) for span in self.highlights],
            "num_mentions": self.num_mentions,
        }


def priority(
    event: Event,
    *,
    new_actors: Sequence[str] = (),
    first_contact: tuple[str, str] | None = None,
    mentions: int = 1,
) -> tuple[float, tuple[str, ...]]:
    """Return how urgently an event needs an analyst, and the reasons to show.

    Args:
        event: The event.
        new_actors: Its actor codes the store has seen in no other event.
        first_contact: Its two countries when it is their first recorded contact.
        mentions: How many reports carry it (its cluster's mentions).

    Returns:
        ``(score, reasons)``; a higher score comes first.
    """
    extra_reports = min(max(mentions - 1, 0), REPORTS_COUNTED)
    score = (
        CONFIDENCE_WEIGHT * (1.0 - min(max(event.confidence, 0.0), 1.0))
        + NEW_ACTOR_WEIGHT * len(new_actors)
        + (FIRST_CONTACT_WEIGHT if first_contact else 0.0)
        + GOLDSTEIN_WEIGHT * abs(event.goldstein)
        + REPORT_WEIGHT * extra_reports
    )
    reasons = []
    if event.confidence < LOW_CONFIDENCE:
        reasons.append(f"low confidence {event.confidence:.2f}")
    reasons += [f"new actor {code}" for code in new_actors]
    if first_contact:
        reasons.append(f"first contact {first_contact[0]}–{first_contact[1]}")
    if abs(event.goldstein) >= HIGH_GOLDSTEIN:
        reasons.append(f"Goldstein {event.goldstein:+.1f}")
    if mentions > 1:
        reasons.append(f"{mentions} reports")
    return score, tuple(reasons)


def review_queue(
    store: Store, query: EventQuery | None = None, *, limit: int = 50
) -> list[ReviewItem]:
    """Rank the unverified events that match a query, most urgent first.

    Args:
        store: The store to read.
        query: Filters (dyad, actor, period, code…); its ``verified``, order and page are
            replaced: the queue holds events without a verdict, one per cluster of reports.
        limit: At most this many items.

    Returns:
        The items, by score descending, then date and id.

    Raises:
        InputError: ``limit`` is not positive.
    """
    if limit < 1:
        raise InputError(f"the review queue needs a limit of 1 or more, got {limit}")
    base = query or EventQuery()
    wanted = dataclasses.replace(
        base, verified=False, include_rejected=False, mentions=False, limit=None, offset=0
    )
    candidates = store.clusters(wanted)
    if not candidates:
        return []
    seen = {row.code: row.events for row in store.actors()}
    first = {frozenset((row.a, row.b)): row.first for row in store.dyads()}
    ranked = []
    for row in candidates:
        event = row.event
        codes = [event.source.code] + ([event.target.code] if event.target else [])
        new = [code for code in dict.fromkeys(codes) if seen.get(code, 0) <= 1]
        contact = _first_contact(event, first)
        score, reasons = priority(
            event, new_actors=new, first_contact=contact, mentions=row.num_mentions
        )
        ranked.append((score, reasons, row.num_mentions, event))
    ranked.sort(key=lambda r: (-r[0], r[3].date or "9999", r[3].id))
    mentions: dict[str, Sequence[Mention]] = {}
    items = []
    for score, reasons, count, event in ranked[:limit]:
        if event.doc_id not in mentions:
            extraction = store.extraction(event.doc_id)
            mentions[event.doc_id] = extraction.mentions if extraction is not None else ()
        marks = tuple(event_spans(event, mentions[event.doc_id]))
        items.append(ReviewItem(event, score, reasons, marks, num_mentions=count))
    return items


def _first_contact(event: Event, first: dict[frozenset[str], str | None]) -> tuple[str, str] | None:
    """Return the event's two countries when no stored event between them is older."""
    a = event.source.country
    b = event.target.country if event.target else None
    if not a or not b or a == b or event.date is None:
        return None
    earliest = first.get(frozenset((a, b)))
    if earliest is None or event.date[:10] > earliest[:10]:
        return None
    low, high = sorted((a, b))
    return low, high
