"""Convert records to database rows and JSON, and rebuild them exactly from JSON.

Every row keeps the whole record as JSON (``data``) next to the columns queries filter on; the
JSON is what rebuilds the record, so a round trip gives back an equal record, nested frozen
dataclasses, enums and tuples included: ``event_from_dict(event.as_dict()) == event``.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import json
import types
import typing
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, TypeVar

from bilat.errors import StoreError
from bilat.records import (
    Actor,
    Document,
    DocumentDate,
    Event,
    Extraction,
    Fact,
    Mention,
    Place,
    Quote,
    Record,
    Rejection,
)

R = TypeVar("R", bound=Record)

DOCUMENT_COLUMNS = (
    "id",
    "content_hash",
    "title",
    "published",
    "published_source",
    "date_value",
    "date_earliest",
    "date_latest",
    "date_precision",
    "date_source",
    "date_evidence",
    "date_flags",
    "url",
    "origin",
    "outlet",
    "dateline",
    "text",
    "n_events",
    "sentences",
    "ingested_at",
)

EVENT_COLUMNS = (
    "id",
    "doc_id",
    "ordinal",
    "sentence_index",
    "sentence",
    "sentence_start",
    "sentence_end",
    "cameo",
    "root",
    "cameo_name",
    "source_code",
    "source_country",
    "source_sector",
    "source_name",
    "source_person",
    "target_code",
    "target_country",
    "target_sector",
    "target_name",
    "target_person",
    "goldstein",
    "quad_class",
    "plover_type",
    "plover_mode",
    "factuality",
    "confidence",
    "rule",
    "trigger",
    "date",
    "date_precision",
    "date_effective",
    "place_name",
    "place_country",
    "place_lat",
    "place_lon",
    "reported_by_code",
    "symmetric",
    "data",
)

MENTION_COLUMNS = (
    "doc_id",
    "ordinal",
    "sentence_index",
    "char_start",
    "char_end",
    "text",
    "actor_code",
    "actor_country",
    "kind",
    "how",
    "data",
)

QUOTE_COLUMNS = (
    "doc_id",
    "ordinal",
    "sentence_index",
    "char_start",
    "char_end",
    "text",
    "speaker_code",
    "speaker_text",
    "data",
)

FACT_COLUMNS = (
    "doc_id",
    "ordinal",
    "sentence_index",
    "kind",
    "value",
    "unit",
    "event_id",
    "text",
    "data",
)

Row = tuple[Any, ...]


def to_json(value: Any) -> str:
    """Return compact JSON for a record (same data as its ``as_dict()``) or for plain data.

    Args:
        value: A record, or dicts, lists and scalars.

    Returns:
        The JSON text, non-ASCII characters kept as they are.
    """
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_shallow)


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _shallow(value: Any) -> Any:
    # The JSON encoder recurses itself and writes tuples as lists and str-enums as their value;
    # this hook only opens records, one level at a time, several times faster than as_dict().
    if isinstance(value, Record):
        kind: Any = type(value)
        return {name: getattr(value, name) for name in _field_names(kind)}
    if isinstance(value, enum.Enum):
        return value.value
    raise TypeError(f"cannot store a {type(value).__name__} as JSON: {value!r}")


Decoder = Callable[[Any], Any]


def _identity(value: Any) -> Any:
    return value


def _to_float(value: Any) -> Any:
    # JSON gives back 3 for a record built with 3; records declare float, so make it 3.0.
    return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _optional(decode: Decoder) -> Decoder:
    return lambda value: None if value is None else decode(value)


@functools.cache
def _decoder(tp: Any) -> Decoder:
    """Return a function turning plain JSON data into a value of type ``tp``."""
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _optional(_decoder(options[0])) if len(options) == 1 else _identity
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            return _optional(lambda value: tuple(item(v) for v in value))
        items = [_decoder(a) for a in args]
        return _optional(lambda value: tuple(d(v) for d, v in zip(items, value, strict=True)))
    if isinstance(tp, type):
        if issubclass(tp, Record) and dataclasses.is_dataclass(tp):
            record: Any = tp
            return _optional(lambda value: record_from_dict(record, value))
        if issubclass(tp, enum.Enum):
            return _optional(tp)
        if tp is float:
            return _to_float
    return _identity


@functools.cache
def _plan(cls: type) -> tuple[tuple[str, Decoder], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((name, _decoder(hints[name])) for name in _field_names(cls))


def record_from_dict(cls: type[R], data: Mapping[str, Any]) -> R:
    """Rebuild a record of type ``cls`` from its ``as_dict()`` form.

    Keys the record does not know are ignored and missing keys take the field's default, so
    rows written by an older bilat still load.

    Args:
        cls: The record class, e.g. :class:`~bilat.records.Event`.
        data: The plain data.

    Returns:
        The record, with nested records, enums and tuples rebuilt.

    Raises:
        StoreError: The data lacks a required field or holds an impossible value.
    """
    try:
        record: Any = cls
        kwargs = {name: decode(data[name]) for name, decode in _plan(record) if name in data}
        return cls(**kwargs)
    except (TypeError, ValueError) as error:
        raise StoreError(
            f"cannot rebuild {cls.__name__} from stored data ({error}); the database was "
            "written by an incompatible bilat version: re-ingest into a new database"
        ) from error


def actor_from_dict(data: Mapping[str, Any]) -> Actor:
    """Rebuild an :class:`~bilat.records.Actor` from its ``as_dict()`` form."""
    return record_from_dict(Actor, data)


def place_from_dict(data: Mapping[str, Any]) -> Place:
    """Rebuild a :class:`~bilat.records.Place` from its ``as_dict()`` form."""
    return record_from_dict(Place, data)


def event_from_dict(data: Mapping[str, Any]) -> Event:
    """Rebuild an :class:`~bilat.records.Event` from its ``as_dict()`` form."""
    return record_from_dict(Event, data)


def mention_from_dict(data: Mapping[str, Any]) -> Mention:
    """Rebuild a :class:`~bilat.records.Mention` from its ``as_dict()`` form."""
    return record_from_dict(Mention, data)


def quote_from_dict(data: Mapping[str, Any]) -> Quote:
    """Rebuild a :class:`~bilat.records.Quote` from its ``as_dict()`` form."""
    return record_from_dict(Quote, data)


def fact_from_dict(data: Mapping[str, Any]) -> Fact:
    """Rebuild a :class:`~bilat.records.Fact` from its ``as_dict()`` form."""
    return record_from_dict(Fact, data)


def document_from_dict(data: Mapping[str, Any]) -> Document:
    """Rebuild a :class:`~bilat.records.Document` from its ``as_dict()`` form."""
    return record_from_dict(Document, data)


def rejection_from_dict(data: Mapping[str, Any]) -> Rejection:
    """Rebuild a :class:`~bilat.records.Rejection` from its ``as_dict()`` form."""
    return record_from_dict(Rejection, data)


def extraction_from_dict(data: Mapping[str, Any]) -> Extraction:
    """Rebuild an :class:`~bilat.records.Extraction` from its ``as_dict()`` form."""
    return record_from_dict(Extraction, data)


def event_from_json(text: str) -> Event:
    """Rebuild an :class:`~bilat.records.Event` from the JSON kept in an events row."""
    return event_from_dict(json.loads(text))


def effective_date(event: Event, date: DocumentDate, document: Document) -> str | None:
    """Return the date an event is filed under: its own, else its document's best date.

    Args:
        event: The event.
        date: Its document's date.
        document: Its document.

    Returns:
        An ISO date, or None when nothing dates the event.
    """
    return event.date or date.value or document.published


def document_row(extraction: Extraction, *, ingested_at: datetime) -> Row:
    """Return the documents row (in :data:`DOCUMENT_COLUMNS` order) for an extraction."""
    doc, date = extraction.document, extraction.date
    return (
        doc.id,
        doc.content_hash,
        doc.title,
        doc.published,
        doc.date_source.value,
        date.value,
        date.earliest,
        date.latest,
        date.precision.value,
        date.source.value,
        date.evidence,
        to_json(list(date.flags)),
        doc.url,
        doc.origin,
        doc.outlet,
        doc.dateline,
        doc.text,
        len(extraction.events),
        to_json([list(pair) for pair in extraction.sentences]),
        ingested_at,
    )


def event_row(event: Event, *, ordinal: int, date_effective: str | None) -> Row:
    """Return the events row (in :data:`EVENT_COLUMNS` order) for an event."""
    source, target, place = event.source, event.target, event.place
    return (
        event.id,
        event.doc_id,
        ordinal,
        event.sentence_index,
        event.sentence,
        event.sentence_start,
        event.sentence_end,
        event.cameo,
        event.cameo[:2],
        event.cameo_name,
        source.code,
        source.country,
        source.sector,
        source.name,
        source.person_id or source.person,
        target.code if target else None,
        target.country if target else None,
        target.sector if target else None,
        target.name if target else None,
        (target.person_id or target.person) if target else None,
        event.goldstein,
        event.quad_class,
        event.plover_type,
        event.plover_mode,
        event.factuality.value,
        event.confidence,
        event.rule,
        event.trigger,
        event.date,
        event.date_precision.value,
        date_effective,
        place.name if place else None,
        place.country if place else None,
        place.lat if place else None,
        place.lon if place else None,
        event.reported_by.code if event.reported_by else None,
        event.symmetric,
        to_json(event),
    )


def mention_row(mention: Mention, *, doc_id: str, ordinal: int) -> Row:
    """Return the mentions row (in :data:`MENTION_COLUMNS` order) for a mention."""
    return (
        doc_id,
        ordinal,
        mention.sentence_index,
        mention.start,
        mention.end,
        mention.text,
        mention.actor.code,
        mention.actor.country,
        mention.kind,
        mention.how,
        to_json(mention),
    )


def quote_row(quote: Quote, *, ordinal: int) -> Row:
    """Return the quotes row (in :data:`QUOTE_COLUMNS` order) for a quote."""
    return (
        quote.doc_id,
        ordinal,
        quote.sentence_index,
        quote.start,
        quote.end,
        quote.text,
        quote.speaker.code if quote.speaker else None,
        quote.speaker_text,
        to_json(quote),
    )


def fact_row(fact: Fact, *, ordinal: int) -> Row:
    """Return the facts row (in :data:`FACT_COLUMNS` order) for a fact."""
    return (
        fact.doc_id,
        ordinal,
        fact.sentence_index,
        fact.kind,
        fact.value,
        fact.unit,
        fact.event_id,
        fact.text,
        to_json(fact),
    )


def document_from_row(row: Mapping[str, Any]) -> tuple[Document, DocumentDate]:
    """Rebuild a document and its date from a documents row given as a column → value mapping.

    Args:
        row: The row, keyed by the names in :data:`DOCUMENT_COLUMNS`.

    Returns:
        The document and its date.
    """
    document = document_from_dict(
        {
            "id": row["id"],
            "text": row["text"],
            "content_hash": row["content_hash"],
            "title": row["title"],
            "published": row["published"],
            "date_source": row["published_source"],
            "url": row["url"],
            "origin": row["origin"],
            "outlet": row["outlet"],
            "dateline": row["dateline"],
        }
    )
    date = record_from_dict(
        DocumentDate,
        {
            "value": row["date_value"],
            "earliest": row["date_earliest"],
            "latest": row["date_latest"],
            "precision": row["date_precision"],
            "source": row["date_source"],
            "evidence": row["date_evidence"],
            "flags": json.loads(row["date_flags"]),
        },
    )
    return document, date
