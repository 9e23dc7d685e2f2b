"""The endpoints of a live store: local processes hand their store calls to the server.

``/api/local/*`` answers only when the server owns a DuckDB file (``bilat serve`` writes its
lock file, :mod:`bilat.store.lockfile`), only to callers on this machine, and only with the
lock file's token. ``/api/activity`` tells the dashboard whether an ingest or a feed watch is
writing, for everyone who may read.
"""

from __future__ import annotations

import hmac
import ipaddress
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from starlette.concurrency import run_in_threadpool

from bilat.live.service import LiveService
from bilat.store import wire
from bilat.store.remote import LABEL_HEADER, SESSION_HEADER, TOKEN_HEADER

router = APIRouter()


def live_of(request: Request) -> LiveService | None:
    """Return the app's live service, or None when the server does not own its store."""
    service: LiveService | None = getattr(request.app.state, "live", None)
    return service


def _local(request: Request) -> LiveService:
    """Return the live service after checking the caller is local and sent the token."""
    service = live_of(request)
    if service is None:
        raise HTTPException(
            status_code=404,
            detail="this server does not own its store (it serves PostgreSQL, or was started by "
            "create_app); open the database directly",
        )
    host = request.client.host if request.client else ""
    try:
        local = ipaddress.ip_address(host).is_loopback or host == request.url.hostname
    except ValueError:
        local = False
    given = request.headers.get(TOKEN_HEADER, "")
    if not local or not hmac.compare_digest(given.encode("utf-8"), service.token.encode("utf-8")):
        raise HTTPException(
            status_code=401,
            detail="store calls are for local processes with the token of the server's lock "
            "file (<db>.live.json); run the command on the server's machine as its user",
        )
    return service


@router.get("/api/local/hello", include_in_schema=False)
def hello(request: Request) -> dict[str, Any]:
    """Answer a local client checking that this server owns the file its lock names."""
    service = _local(request)
    return {"ok": True, "db": service.gate.url}


@router.post("/api/local/call", include_in_schema=False)
async def call(request: Request) -> Response:
    """Run one handed-over store call; the answer carries its result or its error."""
    service = _local(request)
    session = request.headers.get(SESSION_HEADER, "anonymous")[:64]
    label = request.headers.get(LABEL_HEADER, "a local process")[:120]
    try:
        method, args, kwargs = wire.load_call(await request.body())
        result = await run_in_threadpool(service.run, session, label, method, args, kwargs)
        body = wire.dump_result(result)
    except Exception as error:  # the client re-raises it: its message says what to do
        body = wire.dump_error(error)
    return Response(content=body, media_type=wire.CONTENT_TYPE)


@router.get("/api/activity", summary="What is writing to the store now (ingests, feed watch)")
def activity(request: Request) -> dict[str, Any]:
    """Return the processes writing through this server and the feed watcher's state."""
    service = live_of(request)
    if service is None:
        return {"ok": True, "writing": False, "writers": [], "watching": None}
    return {"ok": True, **service.activity()}
