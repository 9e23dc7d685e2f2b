"""The read endpoints: each parses its query, asks the store once and renders the rows.

Endpoints are plain ``def`` functions, so FastAPI runs them in its thread pool and the DuckDB
reads never block the event loop. Each read holds the gate's shared lock while it runs, so a
write waits for it (see :mod:`bilat.live.gate`). What each answer holds is built in
:mod:`bilat.views`, shared with the dashboard.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from bilat.store import EventQuery
from bilat.store.base import FactQuery, QuoteQuery
from bilat.version import __version__
from bilat.views import analysis
from bilat.views.detail import event_detail
from bilat.views.params import (
    ALL_FACTUALITY,
    MAX_LIMIT,
    MAX_OFFSET,
    blank_to_none,
    event_query,
    invalid,
    parse_code,
    parse_date,
    parse_dyad,
    parse_kind,
    parse_period,
)
from bilat.views.reads import (
    Filters,
    events_data,
    index_data,
    no_document,
    no_event,
    plain,
    reading,
)

router = APIRouter()


@router.get("/api", summary="Index: endpoints, counts and the dyad table")
def index(request: Request) -> dict[str, Any]:
    """Return the endpoints, how many documents and events are stored, and the dyads."""
    with reading(request) as store:
        return index_data(store)


@router.get("/api/events", summary="Events matching filters, paged")
def events(request: Request, filters: Filters) -> dict[str, Any]:
    """Return one page of the events that match the filters, and how many match in all."""
    with reading(request) as store:
        return events_data(store, filters)


@router.get(
    "/api/events/{event_id}",
    summary="One event by id, whatever its factuality, with its document, mentions and rule",
)
def event(request: Request, event_id: str) -> dict[str, Any]:
    """Return one event with the mentions of its sentence, its highlights and why it was coded."""
    with reading(request) as store:
        found = event_detail(store, event_id)
    if found is None:
        raise no_event(event_id)
    return {"ok": True, **found}


@router.get("/api/dyads", summary="Event counts and Goldstein totals per pair of countries")
def dyads(
    request: Request,
    directed: Annotated[bool, Query(description="Keep source → target apart")] = False,
    min_confidence: Annotated[
        float | None,
        Query(ge=0, le=1, description="Only events at least this likely to be right (0-1)"),
    ] = None,
) -> dict[str, Any]:
    """Return the dyad table, most events first."""
    query = EventQuery(min_confidence=min_confidence)
    with reading(request) as store:
        rows = store.dyads(directed=directed, query=query)
    return {"ok": True, "directed": directed, "dyads": [plain(row) for row in rows]}


@router.get("/api/timeline", summary="Goldstein and quad counts between two countries per period")
def timeline(
    request: Request,
    dyad: Annotated[str, Query(description="Two country codes: PAK,USA")],
    by: Annotated[str, Query(description="week, month, quarter or year")] = "month",
    since: Annotated[str | None, Query(description="First date (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, Query(description="Last date (YYYY-MM-DD)")] = None,
) -> dict[str, Any]:
    """Return one row per period (zeros where nothing happened) and the trend in words."""
    pair = parse_dyad(dyad)
    if pair is None:
        raise invalid("invalid dyad '': give two country codes, e.g. dyad=PAK,USA")
    period = parse_period(by)
    first, last = parse_date("since", since), parse_date("until", until)
    with reading(request) as store:
        return {"ok": True, **analysis.timeline_data(store, pair, period, first, last)}


@router.get("/api/actors", summary="Actors with how many events they are source or target of")
def actors(
    request: Request,
    filters: Filters,
) -> dict[str, Any]:
    """Return the actors of the events matching the filters, most events first."""
    query = dataclasses.replace(event_query(filters), limit=None, offset=0)
    with reading(request) as store:
        rows = store.actors(query, limit=filters.limit)
    return {"ok": True, "actors": [plain(row) for row in rows]}


@router.get("/api/facts", summary="Numbers the articles report: casualties, money, percentages")
def facts(
    request: Request,
    doc_id: Annotated[str | None, Query(description="Only this document's facts")] = None,
    kind: Annotated[
        str | None,
        Query(description="casualties (every casualty kind), killed, injured, money, percent…"),
    ] = None,
    actor: Annotated[str | None, Query(description="Actor code prefix of the linked event")] = None,
    dyad: Annotated[str | None, Query(description="Dyad of the linked event: PAK,USA")] = None,
    since: Annotated[str | None, Query(description="First date (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, Query(description="Last date (YYYY-MM-DD)")] = None,
    q: Annotated[str | None, Query(description="Text in the fact's words")] = None,
    limit: Annotated[int, Query(ge=0, le=MAX_LIMIT)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> dict[str, Any]:
    """Return the stored facts matching the filters."""
    query = FactQuery(
        doc_id=blank_to_none(doc_id),
        kind=parse_kind(kind),
        actor=parse_code("actor", actor),
        dyad=parse_dyad(dyad),
        since=parse_date("since", since),
        until=parse_date("until", until),
        text=blank_to_none(q),
        limit=limit,
        offset=offset,
    )
    with reading(request) as store:
        return {"ok": True, "facts": analysis.facts(store, query)}


@router.get("/api/quotes", summary="Direct quotations and who said them")
def quotes(
    request: Request,
    doc_id: Annotated[str | None, Query(description="Only this document's quotes")] = None,
    speaker: Annotated[str | None, Query(description="Speaker code prefix: PAKGOV")] = None,
    since: Annotated[str | None, Query(description="First date (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, Query(description="Last date (YYYY-MM-DD)")] = None,
    q: Annotated[str | None, Query(description="Text in the quotation")] = None,
    limit: Annotated[int, Query(ge=0, le=MAX_LIMIT)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> dict[str, Any]:
    """Return the stored quotations matching the filters."""
    query = QuoteQuery(
        doc_id=blank_to_none(doc_id),
        speaker=parse_code("speaker", speaker),
        since=parse_date("since", since),
        until=parse_date("until", until),
        text=blank_to_none(q),
        limit=limit,
        offset=offset,
    )
    with reading(request) as store:
        return {"ok": True, "quotes": analysis.quotes(store, query)}


@router.get("/api/documents", summary="Stored documents and rejected inputs")
def documents(
    request: Request,
    status: Annotated[str | None, Query(description="accepted or rejected; blank: both")] = None,
    limit: Annotated[int | None, Query(ge=0, le=MAX_LIMIT)] = None,
) -> dict[str, Any]:
    """Return the documents (and rejected inputs), in the order they were stored."""
    wanted = blank_to_none(status)
    if wanted is not None and wanted not in ("accepted", "rejected"):
        raise invalid(f"invalid status {status!r}: use accepted or rejected, or leave it out")
    with reading(request) as store:
        rows = store.documents(status=wanted, limit=limit)
    return {"ok": True, "documents": [plain(row) for row in rows]}


@router.get("/api/documents/{doc_id:path}", summary="Everything stored for one document")
def document(request: Request, doc_id: str) -> dict[str, Any]:
    """Return a document with its date, mentions, events, quotes and facts, or 404."""
    with reading(request) as store:
        extraction = store.extraction(doc_id)
    if extraction is None:
        raise no_document(doc_id)
    return {"ok": True, **extraction.as_dict()}


@router.get("/api/health", summary="Whether the API can read its store")
def health(request: Request) -> dict[str, Any]:
    """Return ok, the version, the number of stored events and whether writes are on."""
    with reading(request) as store:
        count = store.count_events(EventQuery(factuality=ALL_FACTUALITY))
    return {
        "ok": True,
        "version": __version__,
        "events": count,
        "writes": request.app.state.token is not None,
    }
