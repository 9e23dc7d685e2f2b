"""Facts and quotes as flat rows, read through the store, written as CSV, JSONL or Parquet."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from bilat.records import Actor, Fact, Quote
from bilat.store import Store

FACT_COLUMNS = (
    "doc_id",
    "kind",
    "value",
    "unit",
    "qualifier",
    "text",
    "start",
    "end",
    "sentence_index",
    "event_id",
    "detail",
    "date",
    "source",
    "target",
)
"""Columns of an exported fact."""

QUOTE_COLUMNS = (
    "doc_id",
    "text",
    "start",
    "end",
    "sentence_index",
    "speaker_code",
    "speaker_country",
    "speaker_name",
    "speaker_text",
    "date",
)
"""Columns of an exported quote."""


def _fact_row(fact: Fact, date: str | None, source: str | None, target: str | None) -> Any:
    row = {name: getattr(fact, name) for name in FACT_COLUMNS[:11]}
    return row | {"date": date, "source": source, "target": target}


def _quote_row(quote: Quote, date: str | None) -> dict[str, Any]:
    speaker: Actor | None = quote.speaker
    return {
        "doc_id": quote.doc_id,
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "sentence_index": quote.sentence_index,
        "speaker_code": speaker.code if speaker else None,
        "speaker_country": speaker.country if speaker else None,
        "speaker_name": (speaker.person or speaker.name) if speaker else None,
        "speaker_text": quote.speaker_text,
        "date": date,
    }


def _extractions(store: Store) -> Iterator[Any]:
    for row in store.documents(status="accepted"):
        extraction = store.extraction(row.id) if row.id else None
        if extraction is not None:
            yield extraction


def fact_rows(store: Store) -> list[dict[str, Any]]:
    """Return every stored fact as a flat row (:data:`FACT_COLUMNS`), in date order.

    Args:
        store: The open store; its ``facts()`` query is used, else each document's extraction.

    Returns:
        The rows.
    """
    facts = getattr(store, "facts", None)
    if facts is not None:
        return [_fact_row(d.fact, d.date, d.source, d.target) for d in facts()]
    rows = []
    for extraction in _extractions(store):
        events = {e.id: e for e in extraction.events}
        for fact in extraction.facts:
            event = events.get(fact.event_id or "")
            target = event.target.code if event and event.target else None
            date = (event.date if event else None) or extraction.date.value
            rows.append(_fact_row(fact, date, event.source.code if event else None, target))
    return rows


def quote_rows(store: Store) -> list[dict[str, Any]]:
    """Return every stored quote as a flat row (:data:`QUOTE_COLUMNS`), in date order.

    Args:
        store: The open store; its ``quotes()`` query is used, else each document's extraction.

    Returns:
        The rows.
    """
    quotes = getattr(store, "quotes", None)
    if quotes is not None:
        return [_quote_row(d.quote, d.date) for d in quotes()]
    return [
        _quote_row(quote, extraction.date.value)
        for extraction in _extractions(store)
        for quote in extraction.quotes
    ]


def rows_bytes(rows: Sequence[dict[str, Any]], fmt: str) -> bytes:
    """Return flat rows as CSV (with header), JSONL or Parquet bytes.

    Args:
        rows: Dicts sharing one set of keys, in column order.
        fmt: ``csv``, ``jsonl`` or ``parquet``.

    Returns:
        The file's bytes.
    """
    if fmt == "jsonl":
        text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        return text.encode("utf-8")
    if fmt == "csv":
        buffer = io.StringIO()
        if rows:
            writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        return buffer.getvalue().encode("utf-8")
    sink = pa.BufferOutputStream()
    pq.write_table(pa.Table.from_pylist(list(rows)), sink)
    data: bytes = sink.getvalue().to_pybytes()
    return data
