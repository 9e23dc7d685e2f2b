"""Write an export to a file object page by page, so memory stays bounded whatever its size.

:func:`~bilat.exports.export_events` returns the whole file's bytes; the download endpoint and
large exports use :func:`write_export` instead, which reads the store in pages of
``page_size`` events and writes each page before reading the next.

    with open_store("bilat.duckdb", read_only=True) as store, open("e.parquet", "wb") as out:
        write_export(store, out, fmt="parquet", query=EventQuery(dyad=("PAK", "USA")))
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from typing import BinaryIO

import pyarrow.parquet as pq

from bilat.errors import InputError
from bilat.exports.formats import events_bytes
from bilat.exports.records import fact_rows, quote_rows, rows_bytes
from bilat.exports.table import SCHEMA, to_arrow
from bilat.records import Event
from bilat.store import EVERY_EVENT, EventQuery, Store

WHATS = ("events", "facts", "quotes")
"""What :func:`write_export` can export."""

DOWNLOAD_FORMATS = {
    "events": ("csv", "jsonl", "parquet", "gdelt", "plover"),
    "facts": ("csv", "jsonl", "parquet"),
    "quotes": ("csv", "jsonl", "parquet"),
}
"""The formats each kind of record can be downloaded in."""

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson",
    "parquet": "application/vnd.apache.parquet",
    "gdelt": "text/tab-separated-values; charset=utf-8",
    "plover": "application/x-ndjson",
}
"""The content type of each download format."""

_SUFFIXES = {
    "csv": ".csv",
    "jsonl": ".jsonl",
    "parquet": ".parquet",
    "gdelt": ".gdelt.tsv",
    "plover": ".plover.jsonl",
}


def export_filename(what: str, fmt: str) -> str:
    """Return the file name a download of records in a format is saved under.

    Args:
        what: ``events``, ``facts`` or ``quotes``.
        fmt: The format, e.g. ``gdelt``.

    Returns:
        A name such as ``bilat-events.gdelt.tsv``.

    Raises:
        InputError: The pair is not one of :data:`DOWNLOAD_FORMATS`.
    """
    check_download(what, fmt)
    return f"bilat-{what}{_SUFFIXES[fmt]}"


def check_download(what: str, fmt: str) -> None:
    """Raise unless records of kind ``what`` can be downloaded in format ``fmt``.

    Args:
        what: ``events``, ``facts`` or ``quotes``.
        fmt: The format.

    Raises:
        InputError: Unknown kind, or a format that kind has not.
    """
    if what not in DOWNLOAD_FORMATS:
        raise InputError(
            f"cannot export {what!r}; use one of {', '.join(WHATS)}", origin="export what"
        )
    formats = DOWNLOAD_FORMATS[what]
    if fmt not in formats:
        raise InputError(
            f"cannot export {what} as {fmt!r}; use one of {', '.join(formats)}",
            origin="export format",
        )


def write_export(
    store: Store,
    out: BinaryIO,
    *,
    what: str = "events",
    fmt: str = "jsonl",
    query: EventQuery = EVERY_EVENT,
    verified_only: bool = False,
    added: dt.datetime | None = None,
    page_size: int = 5000,
) -> int:
    """Write records from a store to a binary file object, one page of events at a time.

    Args:
        store: The open store.
        out: Where the file's bytes go.
        what: ``events``, ``facts`` or ``quotes`` (the query applies to events only).
        fmt: One of ``DOWNLOAD_FORMATS[what]``.
        query: Which events; its limit and offset bound the whole export.
        verified_only: Only events a verdict confirmed or corrected.
        added: GDELT's ``DATEADDED`` (default now, UTC).
        page_size: Events read and written at a time.

    Returns:
        How many events were written (0 for facts and quotes).

    Raises:
        InputError: The kind, format or a query value is not valid.
    """
    check_download(what, fmt)
    if what != "events":
        rows = fact_rows(store) if what == "facts" else quote_rows(store)
        out.write(rows_bytes(rows, fmt))
        return 0
    if verified_only:
        query = dataclasses.replace(query, verified=True)
    if fmt == "parquet":
        return _write_parquet(store, out, query, page_size)
    when = added or dt.datetime.now(dt.UTC)
    written = 0
    for page in _pages(store, query, page_size):
        data = events_bytes(page, fmt, store=store, added=when)
        if fmt == "csv" and written:
            data = data.split(b"\n", 1)[1]  # the header row goes out once
        out.write(data)
        written += len(page)
    if fmt == "csv" and not written:
        out.write(events_bytes([], "csv"))
    return written


def _write_parquet(store: Store, out: BinaryIO, query: EventQuery, page_size: int) -> int:
    verdicts = {v.event_id: v for v in store.verdicts()}
    written = 0
    with pq.ParquetWriter(out, SCHEMA, compression="zstd") as writer:
        for page in _pages(store, query, page_size):
            writer.write_table(to_arrow(page, verdicts=verdicts))
            written += len(page)
        if not written:
            writer.write_table(to_arrow([]))
    return written


def _pages(store: Store, query: EventQuery, page_size: int) -> Iterator[list[Event]]:
    if page_size < 1:
        raise InputError(f"page_size must be 1 or more, got {page_size}", origin="export")
    remaining = query.limit
    offset = query.offset
    while remaining is None or remaining > 0:
        size = page_size if remaining is None else min(page_size, remaining)
        page = store.events(dataclasses.replace(query, limit=size, offset=offset))
        if not page:
            return
        yield page
        offset += len(page)
        if remaining is not None:
            remaining -= len(page)
        if len(page) < size:
            return
