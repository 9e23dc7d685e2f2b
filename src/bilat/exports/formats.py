"""Events in each export format, with verdicts, cluster counts and article addresses.

The one place that turns a page of events into a file's bytes: :func:`events_bytes` serves the
whole-file exports (:func:`bilat.exports.export_events`) and the streamed downloads
(:mod:`bilat.exports.stream`) alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bilat.errors import InputError
from bilat.exports.gdelt import gdelt_bytes
from bilat.exports.plover import plover_bytes
from bilat.exports.table import csv_bytes, json_bytes, jsonl_bytes, parquet_bytes
from bilat.knowledge import Knowledge
from bilat.records import Event
from bilat.store import Store

EVENT_FORMATS = ("csv", "jsonl", "json", "parquet", "gdelt", "plover")
"""Formats :func:`export_events` writes."""


def check_format(fmt: str, formats: Sequence[str], what: str) -> None:
    """Refuse a format not among those offered for a kind of record.

    Raises:
        InputError: The format is not one of ``formats``.
    """
    if fmt not in formats:
        raise InputError(
            f"cannot export {what} as {fmt!r}; use one of {', '.join(formats)}",
            origin="export --format",
        )


def events_bytes(
    events: Sequence[Event],
    fmt: str,
    *,
    store: Store | None = None,
    added: dt.datetime | None = None,
    header: bool = False,
    knowledge: Knowledge | None = None,
) -> bytes:
    """Return events in a format, with verdicts, counts and article addresses from a store.

    Args:
        events: The events (as the store reads them: corrections applied).
        fmt: One of :data:`EVENT_FORMATS`.
        store: Where verdicts and articles' addresses and titles come from; without one, no
            verdicts and no addresses. GDELT counts are the events' own cluster counts.
        added: GDELT's ``DATEADDED`` (default now, UTC).
        header: Give the GDELT file a header row (GDELT's own files have none).
        knowledge: Country names for GDELT geography (default: the bundled ones).

    Returns:
        The file's bytes.

    Raises:
        InputError: The format is unknown.
    """
    check_format(fmt, EVENT_FORMATS, "events")
    verdicts = {v.event_id: v for v in store.verdicts()} if store is not None else {}
    if fmt == "csv":
        return csv_bytes(events, verdicts=verdicts)
    if fmt == "jsonl":
        return jsonl_bytes(events, verdicts=verdicts)
    if fmt == "json":
        return json_bytes(events, verdicts=verdicts)
    if fmt == "parquet":
        return parquet_bytes(events, verdicts=verdicts)
    documents = _documents(store, {e.doc_id for e in events}) if store is not None else {}
    if fmt == "plover":
        return plover_bytes(events, verdicts=verdicts, documents=documents)
    return gdelt_bytes(
        events,
        knowledge=knowledge,
        source_urls={doc: url for doc, (url, _) in documents.items() if url},
        added=added,
        header=header,
    )


def _documents(store: Store, doc_ids: set[str]) -> dict[str, tuple[str | None, str | None]]:
    # One query where the backend offers it; reading whole extractions costs ~30 ms a document.
    links = getattr(store, "document_links", None)
    if links is not None:
        found_links: dict[str, tuple[str | None, str | None]] = links(doc_ids)
        return found_links
    found: dict[str, tuple[str | None, str | None]] = {}
    for doc_id in sorted(doc_ids):
        extraction = store.extraction(doc_id)
        if extraction is not None:
            doc = extraction.document
            found[doc_id] = (doc.url or doc.origin, doc.title)
    return found
