"""What the API and the dashboard both read: the store of a request, the index and event lists.

A page and its JSON twin are built from the same data (DESIGN: every page has a JSON twin), so
the request helpers and the list presenters live here, below both :mod:`bilat.api` and
:mod:`bilat.web`. Each read holds the gate's shared lock while it runs, so a write waits for
it (see :mod:`bilat.live.gate`).
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any, TypeVar

from fastapi import Depends, HTTPException, Query, Request

from bilat.live.gate import StoreGate
from bilat.store import EventQuery, Store
from bilat.version import __version__
from bilat.views.filters import EVENT_FILTERS, Filter
from bilat.views.params import ALL_FACTUALITY, EventFilters, event_query

ENDPOINTS = {
    "dashboard": "/",
    "index": "/api",
    "events": "/api/events",
    "event": "/api/events/{id}",
    "verdict": "/api/events/{id}/verdict",
    "dyads": "/api/dyads",
    "timeline": "/api/timeline",
    "actors": "/api/actors",
    "facts": "/api/facts",
    "quotes": "/api/quotes",
    "documents": "/api/documents",
    "document": "/api/documents/{id}",
    "export": "/api/export",
    "ingest": "/api/ingest",
    "health": "/api/health",
    "docs": "/docs",
    "openapi": "/openapi.json",
}


def gate_of(request: Request) -> StoreGate:
    """Return the app's store gate."""
    gate: StoreGate = request.app.state.gate
    return gate


@contextmanager
def reading(request: Request) -> Iterator[Store]:
    """Yield the read-only store for the duration of one request's reads."""
    with gate_of(request).reading() as store:
        yield store


def plain(row: Any) -> dict[str, Any]:
    """Return a dataclass row as a dict."""
    return dataclasses.asdict(row)


T = TypeVar("T")


def _query_parameter(item: Filter) -> inspect.Parameter:
    kind: Any = item.kind if item.api_default is not None else item.kind | None
    return inspect.Parameter(
        item.name,
        inspect.Parameter.KEYWORD_ONLY,
        default=item.api_default,
        annotation=Annotated[kind, Query(description=item.help, ge=item.ge, le=item.le)],
    )


def query_dependency(build: Callable[..., T]) -> Callable[..., T]:
    """Return a FastAPI dependency taking every API filter as a query parameter.

    Args:
        build: Called with the filters as keyword arguments; its result is the dependency's.

    Returns:
        A function whose signature FastAPI reads as the query parameters.
    """

    def dependency(**values: Any) -> T:
        return build(**values)

    parameters = [_query_parameter(item) for item in EVENT_FILTERS if item.api]
    dependency.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    return dependency


event_filters = query_dependency(EventFilters)
"""Collect the event filters of a request (a FastAPI dependency; see :mod:`bilat.views.filters`)."""

Filters = Annotated[EventFilters, Depends(event_filters)]


def index_data(store: Store) -> dict[str, Any]:
    """Return the endpoints, how many documents and events are stored, and the dyads.

    Args:
        store: The store to count.

    Returns:
        The JSON body of ``/api``.
    """
    documents = store.count_documents()
    return {
        "ok": True,
        "name": "bilat",
        "version": __version__,
        "endpoints": ENDPOINTS,
        "counts": {
            "documents": documents["accepted"],
            "rejected": documents["rejected"],
            "events": store.count_events(),
            "events_all_factuality": store.count_events(EventQuery(factuality=ALL_FACTUALITY)),
        },
        "dyads": [plain(row) for row in store.dyads()],
    }


def events_data(store: Store, filters: EventFilters) -> dict[str, Any]:
    """Return one page of the events matching the filters, and how many match in all.

    Args:
        store: The store to ask.
        filters: The parameters as sent.

    Returns:
        The JSON body of ``/api/events``.

    Raises:
        HTTPException: 422 when a filter cannot be used.
    """
    query = event_query(filters)
    found = store.events(query)
    return {
        "ok": True,
        "total": store.count_events(query),
        "limit": filters.limit,
        "offset": filters.offset,
        "events": [event.export_dict() for event in found],
    }


def no_event(event_id: str) -> HTTPException:
    """Return the 404 for an unknown event id."""
    return HTTPException(
        status_code=404,
        detail=f"no event with id {event_id!r}; list events at /api/events to find ids",
    )


def no_document(doc_id: str) -> HTTPException:
    """Return the 404 for an unknown document id."""
    return HTTPException(
        status_code=404,
        detail=f"no document with id {doc_id!r}; list documents at /api/documents",
    )
