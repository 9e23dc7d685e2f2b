"""The dashboard's pages; each renders the same data its JSON twin (``?format=json``) returns.

Pages are plain ``def`` endpoints, so their store reads run in the thread pool, under the same
read lock as the API's. The overview and the dyad pages, the costly ones, are computed once per
write to the store (:meth:`bilat.live.gate.StoreGate.cached`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from bilat.highlights import document_spans, event_spans
from bilat.records import Event
from bilat.store import EventQuery, Store
from bilat.store.base import QuoteQuery
from bilat.views import analysis
from bilat.views.detail import event_detail
from bilat.views.params import invalid, parse_dyad, parse_period
from bilat.views.reads import (
    Filters,
    events_data,
    gate_of,
    index_data,
    no_document,
    no_event,
    plain,
    reading,
)
from bilat.views.review import review_data
from bilat.web.render import mark_up, render_page

router = APIRouter(include_in_schema=False)

OVERVIEW_DYADS = 30
"""How many dyads the overview ranks."""

Format = Annotated[str | None, Query(description="json for the page's data")]


def _wants_json(fmt: str | None) -> bool:
    if fmt is None or fmt == "" or fmt == "html":
        return False
    if fmt == "json":
        return True
    raise invalid(f"invalid format {fmt!r}: use json, or leave it out for the HTML page")


def overview_data(store: Store) -> dict[str, Any]:
    """Return the counts and the dyads ranked by activity, each with its sparkline and trend.

    Args:
        store: The store to read.

    Returns:
        The overview's data.
    """
    data = index_data(store)
    shown = data["dyads"][:OVERVIEW_DYADS]
    lines = analysis.timelines_data(store, [(row["a"], row["b"]) for row in shown], "month")
    data["dyads"] = [
        {**row, "sparkline": line["sparkline"], "trend": line["trend"]}
        for row, line in zip(shown, lines, strict=True)
    ]
    return data


@router.get("/", response_model=None)
def overview(request: Request, format: Format = None) -> Response:
    """Show the dyads ranked by activity, with sparklines and trend words."""
    as_json = _wants_json(format)
    data = gate_of(request).cached(("overview",), overview_data)
    if as_json:
        return JSONResponse(data)
    return render_page("overview.html", request, title="Dyads", data=data)


def _places(events: Iterable[Event]) -> list[dict[str, Any]]:
    return [
        {
            "name": e.place.name,
            "lat": e.place.lat,
            "lon": e.place.lon,
            "event": e.id,
            "cameo": e.cameo,
            "text": f"{e.date or ''} {e.source.code} {e.cameo_name} "
            f"{e.target.code if e.target else ''}".strip(),
        }
        for e in events
        if e.place is not None and e.place.lat is not None and e.place.lon is not None
    ]


def _quotes(store: Store, events: list[Event], pair: tuple[str, str]) -> list[dict[str, Any]]:
    """Return the quotations, in the dyad's articles, spoken by an actor of either country.

    The articles come newest event first, each article's quotations in their own order; one
    query fetches them all (one query per article took most of the page's time).
    """
    doc_ids = tuple(dict.fromkeys(e.doc_id for e in events))
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for row in analysis.quotes(store, QuoteQuery(doc_ids=doc_ids)):
        speaker = row.get("speaker") or {}
        if speaker.get("country") in pair:
            by_doc.setdefault(row["doc_id"], []).append(row)
    found = [row for doc_id in doc_ids for row in by_doc.get(doc_id, ())]
    return found[:20]


def dyad_data(store: Store, pair: tuple[str, str], by: str) -> dict[str, Any]:
    """Return what the dyad page shows: summary, timeline, places, actors, quotes, events.

    Args:
        store: The store to read.
        pair: The two country codes.
        by: The timeline's period.

    Returns:
        The page's data.
    """
    query = EventQuery(dyad=pair)
    summary = [plain(row) for row in store.dyads(query=query)]
    events = store.events(EventQuery(dyad=pair, order="-date", limit=500))
    return {
        "ok": True,
        "dyad": list(pair),
        "summary": summary[0] if summary else None,
        "timeline": analysis.timeline_data(store, pair, by, None, None),
        "places": _places(events),
        "actors": [plain(row) for row in store.actors(query, limit=10)],
        "quotes": _quotes(store, events, pair),
        "events": [e.export_dict() for e in events[:50]],
    }


@router.get("/dyads/{a}/{b}", response_model=None)
def dyad(
    request: Request,
    a: str,
    b: str,
    by: Annotated[str, Query(description="month or quarter (or week, year)")] = "month",
    format: Format = None,
) -> Response:
    """Show one dyad: its timeline, map, top actors, quotes and latest events."""
    as_json = _wants_json(format)
    pair = parse_dyad(f"{a},{b}")
    if pair is None:
        raise invalid("give two country codes in the address, e.g. /dyads/PAK/USA")
    period = parse_period(by)
    data = gate_of(request).cached(
        ("dyad", *pair, period), lambda store: dyad_data(store, pair, period)
    )
    if as_json:
        return JSONResponse(data)
    return render_page("dyad.html", request, title=f"{pair[0]}–{pair[1]}", data=data)


@router.get("/events", response_model=None)
def event_list(request: Request, filters: Filters, format: Format = None) -> Response:
    """List the events matching the filters, with a form to change them."""
    as_json = _wants_json(format)
    with reading(request) as store:
        data = events_data(store, filters)
    if as_json:
        return JSONResponse(data)
    # A download holds every matching event, not only this page.
    download = {k: v for k, v in filters.echo().items() if k not in ("limit", "offset")}
    return render_page(
        "events.html",
        request,
        title="Events",
        data=data,
        filters=filters.echo(),
        download=download,
    )


@router.get("/review", response_model=None)
def review_page(request: Request, filters: Filters, format: Format = None) -> Response:
    """Judge unverified events one at a time with the keyboard, most urgent first."""
    as_json = _wants_json(format)
    with reading(request) as store:
        data = review_data(store, filters)
    if as_json:
        return JSONResponse(data)
    return render_page("review.html", request, title="Review", data=data)


@router.get("/events/{event_id}", response_model=None)
def event_page(request: Request, event_id: str, format: Format = None) -> Response:
    """Show one event: its sentence marked up, its code, date, place, articles and verdict."""
    as_json = _wants_json(format)
    with reading(request) as store:
        detail = event_detail(store, event_id)
        event = store.event(event_id)
        extraction = store.extraction(event.doc_id) if event is not None else None
    if detail is None or event is None:
        raise no_event(event_id)
    if as_json:
        return JSONResponse({"ok": True, **detail})
    mentions = extraction.mentions if extraction is not None else ()
    sentence = mark_up(event.sentence, event_spans(event, mentions))
    return render_page(
        "event.html", request, title=f"Event {event.cameo}", detail=detail, sentence=sentence
    )


@router.get("/documents/{doc_id:path}", response_model=None)
def document_page(request: Request, doc_id: str, format: Format = None) -> Response:
    """Show one article with its actors and event triggers marked."""
    as_json = _wants_json(format)
    with reading(request) as store:
        extraction = store.extraction(doc_id)
    if extraction is None:
        raise no_document(doc_id)
    if as_json:
        return JSONResponse({"ok": True, **extraction.as_dict()})
    text = mark_up(extraction.document.text, document_spans(extraction))
    return render_page(
        "document.html",
        request,
        title=extraction.document.title or extraction.document.id,
        extraction=extraction,
        text=text,
        events=[e.export_dict() for e in extraction.events],
    )


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """Document the API from its OpenAPI schema, on a page needing nothing from elsewhere."""
    schema = request.app.openapi()
    operations = [
        {
            "path": path,
            "method": method.upper(),
            "summary": operation.get("summary", ""),
            "description": operation.get("description", ""),
            "parameters": operation.get("parameters", []),
            "body": "requestBody" in operation,
            "try": method == "get" and "{" not in path,
        }
        for path, methods in schema.get("paths", {}).items()
        for method, operation in methods.items()
    ]
    return render_page("docs.html", request, title="API", schema=schema, operations=operations)
