"""The API's one error shape, its exception handlers and the headers every response carries.

Every failure, whatever raised it, answers ``{"ok": false, "error": "<what failed and how to
fix it>", "status": <int>}``; tracebacks stay in the server log.

    app = FastAPI()
    install_error_handlers(app)
    app.add_middleware(SecurityHeaders)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bilat.errors import BilatError, InputError, StoreError

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)
"""The Content-Security-Policy of every response: scripts only from bilat's own static files.

Inline styles are allowed because Plotly sets them on the SVG it draws; inline scripts are not.
"""

SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


def error_response(status: int, message: str) -> JSONResponse:
    """Return the API's error shape.

    Args:
        status: The HTTP status code.
        message: What failed and how to fix it.

    Returns:
        The JSON response, carrying the security headers itself so that it keeps them even when
        sent from outside the middleware (the catch-all handler runs there).
    """
    return JSONResponse(
        {"ok": False, "error": message, "status": status},
        status_code=status,
        headers=SECURITY_HEADERS,
    )


class SecurityHeaders:
    """ASGI middleware setting the security headers on every HTTP response.

    Args:
        app: The application to wrap.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on, adding the headers to the response start."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (name, value)
                    for name, value in message.get("headers", [])
                    if name.decode("latin-1").lower() not in SECURITY_HEADERS
                ]
                for name, value in SECURITY_HEADERS.items():
                    headers.append((name.encode("latin-1"), value.encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _where(loc: Sequence[Any]) -> str:
    """Name the part of a request a validation error points at: ``query parameter 'limit'``."""
    parts = [str(part) for part in loc]
    if not parts:
        return "request"
    kind = {"query": "query parameter", "path": "path parameter", "body": "request body"}.get(
        parts[0], parts[0]
    )
    name = ".".join(parts[1:])
    return f"{kind} {name!r}" if name else kind


def validation_message(errors: Sequence[Any]) -> str:
    """Turn FastAPI's validation errors into one sentence per problem.

    Args:
        errors: ``RequestValidationError.errors()``.

    Returns:
        The message, ending with how to fix it.
    """
    problems = []
    for error in errors:
        where = _where(error.get("loc", ()))
        text = f"invalid {where}: {error.get('msg', 'invalid value')}"
        if "input" in error and error["input"] is not None and error.get("type") != "missing":
            text += f" (got {error['input']!r})"
        problems.append(text)
    return "; ".join(problems) + "; correct the request (the parameters are listed at /docs)"


def _http_message(request: Request, exc: HTTPException) -> str:
    if isinstance(exc.detail, str) and exc.detail and exc.status_code not in (404, 405):
        return exc.detail
    path = request.url.path
    if exc.status_code == 404:
        if isinstance(exc.detail, str) and exc.detail not in ("", "Not Found"):
            return exc.detail
        return f"no endpoint at {path}; GET /api lists the endpoints"
    if exc.status_code == 405:
        return (
            f"{request.method} is not allowed on {path}; /docs lists the methods each "
            "endpoint accepts"
        )
    return f"request to {path} failed with HTTP {exc.status_code}"


def _bilat_status(exc: BilatError) -> int:
    if isinstance(exc, StoreError):
        return 503
    if isinstance(exc, InputError):
        return 400
    return 500


async def _on_http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    response = error_response(exc.status_code, _http_message(request, exc))
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def _on_validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return error_response(422, validation_message(exc.errors()))


async def _on_bilat(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, BilatError)
    return error_response(_bilat_status(exc), str(exc))


async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    # Starlette re-raises after this response is sent, so the server log keeps the traceback.
    return error_response(
        500,
        f"internal error while answering {request.method} {request.url.path}; "
        "the server log has the details; retry, and report the problem if it persists",
    )


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that give every error the API's one shape.

    Args:
        app: The application to configure.
    """
    app.add_exception_handler(HTTPException, _on_http)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(BilatError, _on_bilat)
    app.add_exception_handler(Exception, _on_unexpected)
