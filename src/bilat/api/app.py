"""Build and serve bilat's REST API and dashboard over one store.

    app = create_app("bilat.duckdb")
    serve("bilat.duckdb", port=8000, token="s3cret")

The app holds one read-only handle for its whole life (opening a DuckDB file costs about a
tenth of a second, far more than a query); each read takes its own cursor so the thread pool
can run requests side by side. Writes (ingest, verdicts) are off unless a token is given, and
then go through one writer that opens the file writable for each write
(:class:`bilat.api.gate.StoreGate`). Everything the pages need, Plotly and the map's outlines
included, is served by the app itself: the dashboard works offline.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bilat import __version__
from bilat.api import downloads, routes, writes
from bilat.api.gate import StoreGate
from bilat.api.responses import SecurityHeaders, error_response, install_error_handlers
from bilat.settings import Settings, load_settings
from bilat.store import Store, open_store

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
        if scope["type"] != "http":
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


class _BodyTooLarge(Exception):
    """A streamed request body went past the limit."""


def create_app(db: str, *, token: str | None = None, settings: Settings | None = None) -> FastAPI:
    """Return the API and dashboard over the store at ``db``, opened read-only now.

    Args:
        db: The DuckDB file (or URL) to serve.
        token: The secret write endpoints require as ``Authorization: Bearer <token>``; None
            (or empty) leaves writes off.
        settings: Settings for ingest through the API (size limit, model); default: loaded
            from bilat.toml and the environment.

    Returns:
        The FastAPI application; its OpenAPI schema is at ``/openapi.json``, docs at ``/docs``.

    Raises:
        StoreError: The store cannot be opened read-only (missing, locked, not migrated).
    """
    from bilat.web import pages, static

    settings = settings or load_settings(db=db)
    # With writes enabled, one writable handle serves reads and writes (see StoreGate).
    limit = settings.memory_limit

    def opener(url: str, read_only: bool) -> Store:
        return open_store(url, read_only=read_only, memory_limit=limit)

    gate = StoreGate(db, writable=token is not None, opener=opener)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
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
    install_error_handlers(app)

    async def on_too_large(request: Request, exc: Exception) -> JSONResponse:
        return error_response(413, str(exc))

    app.add_exception_handler(_BodyTooLarge, on_too_large)
    app.add_middleware(BodyLimit, limit=settings.max_bytes + UPLOAD_OVERHEAD)
    app.add_middleware(SecurityHeaders)
    app.include_router(routes.router)
    app.include_router(downloads.router)
    app.include_router(writes.router)
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
) -> None:
    """Run the API and dashboard with uvicorn until interrupted.

    Args:
        db: The DuckDB file to serve.
        host: The interface to listen on; the default answers this machine only.
        port: The TCP port.
        token: The secret write endpoints require; None leaves writes off.
        settings: Settings for ingest through the API.

    Raises:
        StoreError: The store cannot be opened read-only.
    """
    app = create_app(db, token=token, settings=settings)
    uvicorn.run(app, host=host, port=port, log_level="info")
