"""The one server: mount the REST API's routers and the dashboard's pages over one store.

    app = create_app("bilat.duckdb")
    serve("bilat.duckdb", port=8000, token="s3cret")

The app holds one read-only handle for its whole life (opening a DuckDB file costs about a
tenth of a second, far more than a query); each read takes its own cursor so the thread pool
can run requests side by side. Writes (ingest, verdicts) are off unless a token is given, and
then go through one writer that opens the file writable for each write
(:class:`bilat.live.gate.StoreGate`). ``serve`` on a DuckDB file goes further: the server owns
the file (kept writable, a lock file beside it) and other local processes hand their reads and
writes to it (:mod:`bilat.live`), so ingests and feed watches run while the dashboard is up.
Everything the pages need, Plotly and the map's outlines
included, is served by the app itself: the dashboard works offline.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bilat.api import downloads, live, review, routes, writes
from bilat.api.responses import SecurityHeaders, error_response, install_error_handlers
from bilat.errors import StoreError
from bilat.live.gate import StoreGate
from bilat.live.service import LiveService
from bilat.live.watcher import FeedWatcher
from bilat.settings import Settings, load_settings
from bilat.store import Store, open_store
from bilat.store.lockfile import ServerLock
from bilat.store.remote import LOCAL_PREFIX
from bilat.version import __version__
from bilat.web import pages, static

UPLOAD_OVERHEAD = 64 * 1024
"""Bytes allowed in a request body beyond the article size limit, for form framing."""


class BodyLimit:
    """ASGI middleware refusing request bodies larger than a limit with a 413 in the API shape.

    Args:
        app: The application to wrap.
        limit: The most bytes a request body may have.
    """

    def __init__(self, app: ASGIApp, *, limit: int) -> None:
        self.app = app
        self.limit = limit

    def _refusal(self) -> str:
        return (
            f"the request body is larger than {self.limit} bytes; send a smaller article, or "
            "raise max_bytes in bilat.toml and restart the server"
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse at once when Content-Length is too large; count the bytes otherwise."""
        # A batch of documents handed over by a local process may be larger than one article;
        # those calls are checked for the local token before their body is read.
        if scope["type"] != "http" or scope["path"].startswith(LOCAL_PREFIX):
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > self.limit:
                await error_response(413, self._refusal())(scope, receive, send)
                return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _BodyTooLarge(self._refusal())
            return message

        await self.app(scope, counted, send)


_POSTGRES = ("postgresql://", "postgres://")


class _BodyTooLarge(Exception):
    """A streamed request body went past the limit."""


def create_app(
    db: str,
    *,
    token: str | None = None,
    settings: Settings | None = None,
    lock: ServerLock | None = None,
    watch: float | None = None,
) -> FastAPI:
    """Return the API and dashboard over the store at ``db``, opened read-only now.

    Args:
        db: The DuckDB file (or URL) to serve.
        token: The secret write endpoints require as ``Authorization: Bearer <token>``; None
            (or empty) leaves writes off.
        settings: Settings for ingest through the API (size limit, model); default: loaded
            from bilat.toml and the environment.
        lock: Own the DuckDB file: keep it writable, write this lock file while serving and
            run the store calls local processes hand over (see :mod:`bilat.live`).
        watch: With ``lock``, poll the registered feeds every this many seconds.

    Returns:
        The FastAPI application; its OpenAPI schema is at ``/openapi.json``, docs at ``/docs``.

    Raises:
        StoreError: The store cannot be opened read-only (missing, locked, not migrated).
    """

    settings = settings or load_settings(db=db)
    # With writes enabled, one writable handle serves reads and writes (see StoreGate).
    limit = settings.memory_limit

    def opener(url: str, read_only: bool) -> Store:
        return open_store(url, read_only=read_only, memory_limit=limit)

    def own_file(url: str, read_only: bool) -> Store:
        # The owner opens the file itself: open_store would hand its calls to another server.
        from bilat.store.duckdb_store import DuckDBStore

        return DuckDBStore(Path(url).expanduser(), read_only=read_only, memory_limit=limit)

    # Other processes write a PostgreSQL database beside the server: nothing may be cached.
    cache = not db.startswith(_POSTGRES)
    if lock is not None:
        gate = StoreGate(db, writable=True, opener=own_file, cache=cache)
    else:
        gate = StoreGate(db, writable=token is not None, opener=opener, cache=cache)
    service = LiveService(gate, token=lock.token) if lock is not None else None
    watcher = (
        FeedWatcher(service, settings, interval=watch)
        if service is not None and watch is not None
        else None
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            if lock is not None:
                lock.write()
            if watcher is not None:
                watcher.start()
            yield
        finally:
            if watcher is not None:
                watcher.stop()
            if lock is not None:
                lock.remove()
            gate.close()

    app = FastAPI(
        title="bilat",
        version=__version__,
        description="Coded international events from news reports. Reads are open; writes "
        "(ingest, verdicts) need the server's bearer token.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.gate = gate
    app.state.token = token or None
    app.state.settings = settings
    app.state.live = service
    install_error_handlers(app)

    async def on_too_large(request: Request, exc: Exception) -> JSONResponse:
        return error_response(413, str(exc))

    app.add_exception_handler(_BodyTooLarge, on_too_large)
    app.add_middleware(BodyLimit, limit=settings.max_bytes + UPLOAD_OVERHEAD)
    app.add_middleware(SecurityHeaders)
    app.include_router(routes.router)
    app.include_router(downloads.router)
    app.include_router(writes.router)
    app.include_router(review.router)
    app.include_router(live.router)
    app.include_router(pages.router)
    static.mount(app)
    return app


def serve(
    db: str,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    settings: Settings | None = None,
    watch: float | None = None,
) -> None:
    """Run the API and dashboard with uvicorn until interrupted.

    A DuckDB file is owned by the server while it runs: other local processes (``bilat
    ingest``, ``watch``, ``verify``, reads) hand their store calls to it (see
    :mod:`bilat.live`).

    Args:
        db: The DuckDB file to serve.
        host: The interface to listen on; the default answers this machine only.
        port: The TCP port.
        token: The secret write endpoints require; None leaves writes off.
        settings: Settings for ingest through the API.
        watch: Poll the registered feeds every this many seconds, in the server.

    Raises:
        StoreError: The store cannot be opened, or a feed watch was asked of PostgreSQL.
    """
    owned = not db.startswith(_POSTGRES) and db != ":memory:"
    lock = ServerLock.new(db, host=host, port=port) if owned else None
    running = ServerLock.read(db) if owned else None
    if running is not None:
        raise StoreError(
            f"cannot serve {db!r}: `bilat serve` (pid {running.pid}) already serves it on "
            f"port {running.port}; open http://{running.address}:{running.port}/ or stop that "
            f"server (if no server runs, delete {str(running.path)!r})",
            url=db,
        )
    if watch is not None and lock is None:
        raise StoreError(
            "`bilat serve --watch` polls feeds into a DuckDB file; with PostgreSQL run "
            "`bilat watch` beside the server instead",
            url=db,
        )
    app = create_app(db, token=token, settings=settings, lock=lock, watch=watch)
    config = uvicorn.Config(app, host=host, port=port, log_level="info")
    # An ingest handed over makes hundreds of store calls; the access log shows page requests.
    logging.getLogger("uvicorn.access").addFilter(_NoStoreCalls())
    uvicorn.Server(config).run()


class _NoStoreCalls(logging.Filter):
    """Leave the store calls of local processes (``/api/local/...``) out of the access log."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Return False for a store call's log line."""
        return "/api/local/" not in record.getMessage()
