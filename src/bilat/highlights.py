"""Which stretches of a sentence or an article to mark, and as what: source, verb, target.

The presenters of every front end use these (the event page, the document page, the review
queue in the terminal and on the dashboard); they know records, not web frameworks.

    spans = event_spans(event, extraction.mentions)
    [(piece, span.role if span else None) for piece, span in segments(event.sentence, spans)]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bilat.records import Actor, Event, Extraction, Mention

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
