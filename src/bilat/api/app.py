"""Build and serve bilat's REST API over one store, opened read-only.

    app = create_app("bilat.duckdb")
    serve("bilat.duckdb", port=8000)

The app holds one read-only connection for its whole life: opening a DuckDB file costs about a
tenth of a second, far more than a query, and the store hands each read its own cursor so the
thread pool can run requests side by side. While the API runs, the file is locked against
writers (`bilat ingest`); stop the server to ingest.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn
from fastapi import FastAPI

from bilat import __version__
from bilat.api.responses import SecurityHeaders, install_error_handlers
from bilat.api.routes import router
from bilat.store import open_store


def create_app(db: str, *, token: str | None = None) -> FastAPI:
    """Return the API over the store at ``db``, opened read-only now and closed at shutdown.

    Args:
        db: The DuckDB file (or URL) to serve.
        token: The secret that write endpoints will require; kept in ``app.state.token``
            (this version has no write endpoints).

    Returns:
        The FastAPI application; its OpenAPI schema is at ``/openapi.json``, docs at ``/docs``.

    Raises:
        StoreError: The store cannot be opened read-only (missing, locked, not migrated).
    """
    store = open_store(db, read_only=True)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            store.close()

    app = FastAPI(
        title="bilat",
        version=__version__,
        description="Coded international events from news reports: read-only queries.",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.token = token
    install_error_handlers(app)
    app.add_middleware(SecurityHeaders)
    app.include_router(router)
    return app


def serve(db: str, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    """Run the API with uvicorn until interrupted.

    Args:
        db: The DuckDB file to serve.
        host: The interface to listen on; the default answers this machine only.
        port: The TCP port.
        token: The secret write endpoints will require.

    Raises:
        StoreError: The store cannot be opened read-only.
    """
    uvicorn.run(create_app(db, token=token), host=host, port=port, log_level="info")
