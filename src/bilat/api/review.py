"""The analyst's loop over HTTP: the review queue, undoing a verdict, and pattern health.

``GET /api/review`` ranks unverified events (the same filters as ``/api/events``);
``DELETE /api/events/{id}/verdict`` takes a verdict back (needs the token, like every write);
``GET /api/patterns`` lists every verb pattern with its matches, verdicts and precision.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from bilat.api.writes import Writer
from bilat.settings import Settings
from bilat.store import Store
from bilat.verdicts import Verdict
from bilat.views.detail import event_detail
from bilat.views.reads import Filters, gate_of, no_event, reading
from bilat.views.review import patterns_data, review_data

router = APIRouter()


@router.get("/api/review", summary="Unverified events ranked for review, most urgent first")
def review(request: Request, filters: Filters) -> dict[str, Any]:
    """Rank the unverified events matching the filters: low confidence, new actors, first
    contact between two countries, high |Goldstein| and many reports come first."""
    with reading(request) as store:
        return review_data(store, filters)


@router.delete("/api/events/{event_id}/verdict", summary="Remove the verdict on an event")
async def undo_verdict(request: Request, event_id: str, _: Writer) -> dict[str, Any]:
    """Take back the verdict on an event (an analyst's undo); the event reads as coded again."""
    with reading(request) as store:
        if store.event(event_id) is None:
            raise no_event(event_id)

    def job(store: Store) -> Verdict | None:
        return store.delete_verdict(event_id)

    removed = await gate_of(request).write_async(job)
    with reading(request) as store:
        detail = event_detail(store, event_id)
    return {
        "ok": True,
        "removed": removed.as_dict() if removed is not None else None,
        "event": detail["event"] if detail else None,
    }


@router.get("/api/patterns", summary="Every verb pattern's matches, verdicts and precision")
def patterns(request: Request) -> dict[str, Any]:
    """List every verb pattern: matches in the store, verdicts, measured precision, flags."""
    settings: Settings = request.app.state.settings
    with reading(request) as store:
        return patterns_data(store, settings)
