"""Everything the event page shows about one event: its sentence marked up, its document, why.

detail = event_detail(store, "3f2a…")
detail["highlights"]  # [{"start": 4, "end": 22, "role": "source"}, …] within the sentence
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bilat.records import Actor, Event, Extraction, Mention
from bilat.store import Store

ROLES = ("source", "trigger", "target")


@dataclass(frozen=True)
class Span:
    """A stretch of text to mark, in the offsets of the text it belongs to."""

    start: int
    end: int
    role: str
    label: str = ""


def _pick(
    mentions: Sequence[Mention], actor: Actor | None, *, before: int | None
) -> Mention | None:
    """Choose the mention of an actor: same code, nearest the trigger on the expected side."""
    if actor is None:
        return None
    same = [m for m in mentions if m.actor.code == actor.code] or [
        m for m in mentions if actor.country and m.actor.country == actor.country
    ]
    if not same:
        return None
    if before is None:
        return same[0]
    preceding = [m for m in same if m.end <= before]
    return preceding[-1] if preceding else same[0]


def event_spans(event: Event, mentions: Sequence[Mention]) -> list[Span]:
    """Return the source, trigger and target spans of an event, relative to its sentence.

    Args:
        event: The event.
        mentions: The actor mentions of its document (document offsets).

    Returns:
        Non-overlapping spans, in order; an actor with no mention in the sentence is left out,
        and a mention overlapping the trigger gives way to it.
    """
    inside = [
        m for m in mentions if event.sentence_start <= m.start and m.end <= event.sentence_end
    ]
    base = event.sentence_start
    chosen: list[Span] = [
        Span(event.trigger_start - base, event.trigger_end - base, "trigger", event.cameo_name)
    ]
    source = _pick(inside, event.source, before=event.trigger_start)
    rest = [m for m in inside if m is not source]
    target = _pick(rest, event.target, before=None)
    for mention, role in ((source, "source"), (target, "target")):
        if mention is not None:
            chosen.append(Span(mention.start - base, mention.end - base, role, mention.actor.code))
    return _non_overlapping(chosen, len(event.sentence))


def _non_overlapping(spans: Sequence[Span], length: int) -> list[Span]:
    """Keep the spans that fit the text and overlap no earlier one; return them in text order."""
    kept: list[Span] = []
    for span in spans:
        if span.start < 0 or span.end > length or span.start >= span.end:
            continue
        if any(span.start < k.end and k.start < span.end for k in kept):
            continue
        kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def document_spans(extraction: Extraction) -> list[Span]:
    """Return the actor mentions and event triggers of a document, for marking it up.

    Args:
        extraction: The stored document.

    Returns:
        Non-overlapping spans in document offsets; triggers win over mentions they overlap.
    """
    spans = [
        Span(e.trigger_start, e.trigger_end, "trigger", f"{e.cameo} {e.cameo_name}")
        for e in extraction.events
    ]
    spans += [Span(m.start, m.end, "actor", m.actor.code) for m in extraction.mentions]
    return _non_overlapping(spans, len(extraction.document.text))


def segments(text: str, spans: Sequence[Span]) -> list[tuple[str, Span | None]]:
    """Cut a text into plain pieces and marked pieces.

    Args:
        text: The text.
        spans: Non-overlapping spans, in order, in the text's offsets.

    Returns:
        ``(piece, span)`` pairs covering the whole text; ``span`` is None for plain pieces.
    """
    pieces: list[tuple[str, Span | None]] = []
    at = 0
    for span in spans:
        if span.start > at:
            pieces.append((text[at : span.start], None))
        pieces.append((text[span.start : span.end], span))
        at = span.end
    if at < len(text):
        pieces.append((text[at:], None))
    return pieces


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
