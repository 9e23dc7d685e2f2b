"""Research exports: events as CSV, JSONL, Parquet, GDELT 2.0 TSV or PLOVER JSONL; facts, quotes.

The library side of ``bilat export``: each function reads from a store and returns the file's
bytes, and :func:`to_dataframe` / :func:`to_arrow` give the same table to Python.

    with open_store("bilat.duckdb", read_only=True) as store:
        Path("events.parquet").write_bytes(export_events(store, "parquet", verified_only=True))
        frame = to_dataframe(store.events(EventQuery(dyad=("PAK", "USA"))))
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from bilat.exports.formats import EVENT_FORMATS, check_format, events_bytes
from bilat.exports.gdelt import GDELT_COLUMNS, Counts, gdelt_row, global_event_id
from bilat.exports.plover import plover_record
from bilat.exports.records import fact_rows, quote_rows, rows_bytes
from bilat.exports.stream import (
    DOWNLOAD_FORMATS,
    MEDIA_TYPES,
    check_download,
    export_filename,
    write_export,
)
from bilat.exports.table import (
    COLUMNS,
    SCHEMA,
    event_row,
    to_arrow,
    to_dataframe,
)
from bilat.store import EVERY_EVENT, EventQuery, Store

__all__ = [
    "COLUMNS",
    "DOWNLOAD_FORMATS",
    "EVENT_FORMATS",
    "GDELT_COLUMNS",
    "MEDIA_TYPES",
    "RECORD_FORMATS",
    "SCHEMA",
    "Counts",
    "check_download",
    "event_row",
    "events_bytes",
    "export_events",
    "export_facts",
    "export_filename",
    "export_quotes",
    "fact_rows",
    "gdelt_row",
    "global_event_id",
    "plover_record",
    "quote_rows",
    "to_arrow",
    "to_dataframe",
    "write_export",
]

RECORD_FORMATS = ("csv", "jsonl", "parquet")
"""Formats :func:`export_facts` and :func:`export_quotes` write."""


def export_events(
    store: Store,
    fmt: str = "jsonl",
    query: EventQuery = EVERY_EVENT,
    *,
    verified_only: bool = False,
    added: dt.datetime | None = None,
    header: bool = False,
) -> bytes:
    """Return a query's events from a store in a research format.

    Rejected events are never exported; corrected ones carry their corrections.

    Args:
        store: The open store.
        fmt: ``csv``, ``jsonl`` (the shared scorer's shape), ``json`` (one array),
            ``parquet``, ``gdelt`` (GDELT 2.0
            event TSV, 61 columns) or ``plover`` (PLOVER JSONL).
        query: Which events (default: every counted event, in date order).
        verified_only: Only events a verdict confirmed or corrected.
        added: GDELT's ``DATEADDED`` (default now, UTC).
        header: Give the GDELT file a header row.

    Returns:
        The file's bytes.

    Raises:
        InputError: The format or a query value is not valid.
    """
    check_format(fmt, EVENT_FORMATS, "events")
    if verified_only:
        query = dataclasses.replace(query, verified=True)
    events = store.events(query)
    return events_bytes(events, fmt, store=store, added=added, header=header)


def export_facts(store: Store, fmt: str = "jsonl") -> bytes:
    """Return every stored fact (casualties, money, percentages…) as CSV, JSONL or Parquet.

    Args:
        store: The open store.
        fmt: One of :data:`RECORD_FORMATS`.

    Returns:
        The file's bytes; rows have the fact's fields plus ``date``, ``source``, ``target``.

    Raises:
        InputError: The format is unknown.
    """
    check_format(fmt, RECORD_FORMATS, "facts")
    return rows_bytes(fact_rows(store), fmt)


def export_quotes(store: Store, fmt: str = "jsonl") -> bytes:
    """Return every stored quotation with its speaker as CSV, JSONL or Parquet.

    Args:
        store: The open store.
        fmt: One of :data:`RECORD_FORMATS`.

    Returns:
        The file's bytes; rows have the quote's fields, the speaker's code, country and name,
        and ``date``.

    Raises:
        InputError: The format is unknown.
    """
    check_format(fmt, RECORD_FORMATS, "quotes")
    return rows_bytes(quote_rows(store), fmt)
