"""The read-only endpoints: each parses its query, asks the store once and renders the rows.

Endpoints are plain ``def`` functions, so FastAPI runs them in its thread pool and the DuckDB
reads never block the event loop.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request

from bilat import __version__
from bilat.records import Factuality
from bilat.store import ORDERS, EventQuery, Store

router = APIRouter()

MAX_LIMIT = 1000
"""The most events one page of ``/api/events`` returns."""

ALL_FACTUALITY = tuple(f.value for f in Factuality)
_CODE = re.compile(r"[A-Z0-9]{2,12}")

ENDPOINTS = {
    "events": "/api/events",
    "event": "/api/events/{id}",
    "dyads": "/api/dyads",
    "documents": "/api/documents",
    "document": "/api/documents/{id}",
    "health": "/api/health",
    "docs": "/docs",
    "openapi": "/openapi.json",
}


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _invalid(message: str) -> HTTPException:
    return HTTPException(status_code=422, detail=message)


def _blank_to_none(value: str | None) -> str | None:
    """Treat an empty parameter (as an HTML form sends it) as absent."""
    if value is None or not value.strip():
        return None
    return value.strip()


def parse_dyad(value: str | None) -> tuple[str, str] | None:
    """Parse ``"PAK,USA"`` into two upper-case country codes.

    Args:
        value: The parameter as sent, or None.

    Returns:
        The pair, or None when the parameter is absent or blank.

    Raises:
        HTTPException: 422 when the value is not two codes separated by a comma.
    """
    text = _blank_to_none(value)
    if text is None:
        return None
    parts = [part.strip().upper() for part in text.split(",")]
    if len(parts) != 2 or not all(_CODE.fullmatch(part) for part in parts):
        raise _invalid(
            f"invalid dyad {value!r}: give two country codes separated by a comma, "
            "e.g. dyad=PAK,USA"
        )
    return parts[0], parts[1]


def parse_factuality(value: str | None) -> tuple[str, ...] | None:
    """Parse a comma list of factuality values; ``all`` selects every one.

    Args:
        value: The parameter as sent, or None.

    Returns:
        The values, or None (the store's default: asserted, planned, reported).

    Raises:
        HTTPException: 422 when a value is unknown.
    """
    text = _blank_to_none(value)
    if text is None:
        return None
    if text.lower() == "all":
        return ALL_FACTUALITY
    values = tuple(part.strip().lower() for part in text.split(",") if part.strip())
    unknown = [part for part in values if part not in ALL_FACTUALITY]
    if unknown:
        raise _invalid(
            f"invalid factuality {', '.join(map(repr, unknown))}: use a comma list of "
            f"{', '.join(ALL_FACTUALITY)}, or 'all'"
        )
    return values


def parse_date(name: str, value: str | None) -> str | None:
    """Check an ISO date parameter and return it as ``YYYY-MM-DD``.

    Raises:
        HTTPException: 422 when the value is not a date.
    """
    text = _blank_to_none(value)
    if text is None:
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise _invalid(
            f"invalid {name} {value!r}: give an ISO date such as {name}=2025-04-07"
        ) from None


def _order(value: str) -> str:
    if value not in ORDERS:
        raise _invalid(f"invalid order {value!r}: use one of {', '.join(ORDERS)}")
    return value


def _plain(row: Any) -> dict[str, Any]:
    return dataclasses.asdict(row)


@router.get("/", summary="Index: endpoints, counts and the dyad table")
def index(request: Request) -> dict[str, Any]:
    """Return the endpoints, how many documents and events are stored, and the dyads."""
    store = _store(request)
    documents = store.documents()
    return {
        "ok": True,
        "name": "bilat",
        "version": __version__,
        "endpoints": ENDPOINTS,
        "counts": {
            "documents": sum(1 for row in documents if row.status == "accepted"),
            "rejected": sum(1 for row in documents if row.status == "rejected"),
            "events": store.count_events(),
            "events_all_factuality": store.count_events(EventQuery(factuality=ALL_FACTUALITY)),
        },
        "dyads": [_plain(row) for row in store.dyads()],
    }


@router.get("/api/events", summary="Events matching filters, paged")
def events(
    request: Request,
    dyad: Annotated[
        str | None, Query(description="Two country codes, either direction: PAK,USA")
    ] = None,
    actor: Annotated[str | None, Query(description="Source or target code prefix")] = None,
    source: Annotated[str | None, Query(description="Source actor code prefix")] = None,
    target: Annotated[str | None, Query(description="Target actor code prefix")] = None,
    since: Annotated[str | None, Query(description="First date, inclusive (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, Query(description="Last date, inclusive (YYYY-MM-DD)")] = None,
    root: Annotated[str | None, Query(description="CAMEO code prefix: 04 or 042")] = None,
    quad_class: Annotated[
        int | None, Query(ge=1, le=4, description="1 verbal coop … 4 material conflict")
    ] = None,
    factuality: Annotated[
        str | None,
        Query(
            description="Comma list of asserted, planned, negated, reported, hypothetical; "
            "or all. Default: asserted, planned, reported"
        ),
    ] = None,
    doc_id: Annotated[str | None, Query(description="Only this document's events")] = None,
    q: Annotated[str | None, Query(description="Case-insensitive text in the sentence")] = None,
    limit: Annotated[int, Query(ge=0, le=MAX_LIMIT)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
    order: Annotated[str, Query(description=f"One of {', '.join(ORDERS)}")] = "date",
) -> dict[str, Any]:
    """Return one page of the events that match the filters, and how many match in all."""
    query = EventQuery(
        dyad=parse_dyad(dyad),
        actor=_blank_to_none(actor),
        source=_blank_to_none(source),
        target=_blank_to_none(target),
        since=parse_date("since", since),
        until=parse_date("until", until),
        root=_blank_to_none(root),
        quad_class=quad_class,
        factuality=parse_factuality(factuality),
        doc_id=_blank_to_none(doc_id),
        text=_blank_to_none(q),
        limit=limit,
        offset=offset,
        order=_order(order),
    )
    store = _store(request)
    found = store.events(query)
    return {
        "ok": True,
        "total": store.count_events(query),
        "limit": limit,
        "offset": offset,
        "events": [event.export_dict() for event in found],
    }


@router.get("/api/events/{event_id}", summary="One event by id, whatever its factuality")
def event(request: Request, event_id: str) -> dict[str, Any]:
    """Return one event, or 404."""
    found = _store(request).event(event_id)
    if found is not None:
        return {"ok": True, "event": found.export_dict()}
    raise HTTPException(
        status_code=404,
        detail=f"no event with id {event_id!r}; list events at /api/events to find ids",
    )


@router.get("/api/dyads", summary="Event counts and Goldstein totals per pair of countries")
def dyads(
    request: Request,
    directed: Annotated[bool, Query(description="Keep source → target apart")] = False,
) -> dict[str, Any]:
    """Return the dyad table, most events first."""
    rows = _store(request).dyads(directed=directed)
    return {"ok": True, "directed": directed, "dyads": [_plain(row) for row in rows]}


@router.get("/api/documents", summary="Stored documents and rejected inputs")
def documents(
    request: Request,
    status: Annotated[str | None, Query(description="accepted or rejected; blank: both")] = None,
    limit: Annotated[int | None, Query(ge=0)] = None,
) -> dict[str, Any]:
    """Return the documents (and rejected inputs), in the order they were stored."""
    wanted = _blank_to_none(status)
    if wanted is not None and wanted not in ("accepted", "rejected"):
        raise _invalid(f"invalid status {status!r}: use accepted or rejected, or leave it out")
    rows = _store(request).documents(status=wanted, limit=limit)
    return {"ok": True, "documents": [_plain(row) for row in rows]}


@router.get("/api/documents/{doc_id:path}", summary="Everything stored for one document")
def document(request: Request, doc_id: str) -> dict[str, Any]:
    """Return a document with its date, mentions, events, quotes and facts, or 404."""
    extraction = _store(request).extraction(doc_id)
    if extraction is None:
        raise HTTPException(
            status_code=404,
            detail=f"no document with id {doc_id!r}; list documents at /api/documents",
        )
    return {"ok": True, **extraction.as_dict()}


@router.get("/api/health", summary="Whether the API can read its store")
def health(request: Request) -> dict[str, Any]:
    """Return ok and the number of stored events when the store answers."""
    return {
        "ok": True,
        "version": __version__,
        "events": _store(request).count_events(EventQuery(factuality=ALL_FACTUALITY)),
    }
