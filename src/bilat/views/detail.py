"""Everything the event page shows about one event: its sentence marked up, its document, why.

detail = event_detail(store, "3f2a…")
detail["highlights"]  # [{"start": 4, "end": 22, "role": "source"}, …] within the sentence
"""

from __future__ import annotations

from typing import Any

from bilat.highlights import event_spans
from bilat.records import Event
from bilat.store import Store


def event_detail(store: Store, event_id: str) -> dict[str, Any] | None:
    """Return an event with its document, the mentions in its sentence, highlights and rule.

    Args:
        store: The store to read.
        event_id: The event's stable id.

    Returns:
        ``{"event", "document", "mentions", "highlights", "explain", "verdict", "reports"}``,
        or None when there is no such event.
    """
    event = store.event(event_id)
    if event is None:
        return None
    extraction = store.extraction(event.doc_id)
    mentions = extraction.mentions if extraction is not None else ()
    document: dict[str, Any] = {"id": event.doc_id}
    if extraction is not None:
        doc = extraction.document
        document = {
            "id": doc.id,
            "title": doc.title,
            "published": extraction.date.value,
            "url": doc.url,
            "outlet": doc.outlet,
            "origin": doc.origin,
        }
    return {
        "event": event.export_dict(),
        "document": document,
        "mentions": [
            m.as_dict()
            for m in mentions
            if event.sentence_start <= m.start and m.end <= event.sentence_end
        ],
        "highlights": [
            {"start": s.start, "end": s.end, "role": s.role, "label": s.label}
            for s in event_spans(event, mentions)
        ],
        "explain": {
            "rule": event.rule,
            "trigger": event.trigger,
            "cameo": event.cameo,
            "cameo_name": event.cameo_name,
            "factuality": event.factuality.value,
            "confidence": event.confidence,
            "reported_by": event.reported_by.as_dict() if event.reported_by else None,
            "sentence_index": event.sentence_index,
            "command": f"bilat explain {event.doc_id} --sentence {event.sentence_index}",
        },
        "verdict": verdict.as_dict() if (verdict := store.verdict(event_id)) else None,
        "reports": reporting_articles(store, event, document),
    }


def reporting_articles(
    store: Store, event: Event, document: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Return every article that reports an event: its cluster's mentions, in store order.

    Args:
        store: The store to read.
        event: The event, as the store reads it (with its ``cluster_id``).
        document: The event's own document card, when the caller has it already.

    Returns:
        One dict per mention: the document's ``id``, ``title``, ``published``, ``url``,
        ``outlet``, ``origin``, and the mention's ``event_id`` and ``sentence``. An event not
        clustered yet is reported by its own article only; near-duplicates are left out.
    """
    mentions = store.cluster_mentions(event.cluster_id) if event.cluster_id else []
    if not any(m.id == event.id for m in mentions):
        mentions = [event, *mentions]
    cards = _cards(store, {m.doc_id for m in mentions})
    if document is not None:
        cards.setdefault(event.doc_id, document)
    return [
        {
            **cards.get(m.doc_id, {"id": m.doc_id}),
            "event_id": m.id,
            "sentence": m.sentence,
        }
        for m in mentions
    ]


def _cards(store: Store, doc_ids: set[str]) -> dict[str, dict[str, Any]]:
    # One query where the backend offers it; reading whole extractions costs ~30 ms a document.
    cards = getattr(store, "document_cards", None)
    if cards is not None:
        found: dict[str, dict[str, Any]] = cards(doc_ids)
        return found
    result: dict[str, dict[str, Any]] = {}
    for doc_id in sorted(doc_ids):
        extraction = store.extraction(doc_id)
        if extraction is not None:
            doc = extraction.document
            result[doc_id] = {
                "id": doc.id,
                "title": doc.title,
                "published": extraction.date.value,
                "url": doc.url,
                "outlet": doc.outlet,
                "origin": doc.origin,
            }
    return result
