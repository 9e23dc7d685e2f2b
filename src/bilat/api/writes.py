"""The write endpoints: ingest an article, record a verdict; both need the bearer token.

Without a token configured at start (``bilat serve --token`` or ``BILAT_TOKEN``) they answer
403 saying how to enable them; with one, a request must send ``Authorization: Bearer <token>``,
compared in constant time. Every write goes through the app's one writer
(:class:`bilat.live.gate.StoreGate`).
"""

from __future__ import annotations

import hmac
import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from pydantic import BaseModel, ConfigDict, Field

from bilat.ingest import IngestReport, ingest_items
from bilat.records import Document, Rejection
from bilat.settings import Settings
from bilat.sources import ReadOptions, read_inputs, read_text
from bilat.store import Store
from bilat.verdicts import Verdict
from bilat.views.detail import event_detail
from bilat.views.params import blank_to_none, parse_code, parse_date
from bilat.views.reads import gate_of, no_event, reading

router = APIRouter()

UPLOAD_SUFFIXES = frozenset(
    {".txt", ".text", ".md", ".html", ".htm", ".jsonl", ".ndjson", ".json", ".csv", ".tsv"}
)
"""File kinds an upload may be, by name; anything else is read as plain text."""


def require_token(request: Request) -> None:
    """Refuse a write unless writes are on and the request carries the right bearer token.

    Args:
        request: The request.

    Raises:
        HTTPException: 403 when no token is configured, 401 when the token is missing or wrong.
    """
    token: str | None = request.app.state.token
    if not token:
        raise HTTPException(
            status_code=403,
            detail="writes are off: start the server with a token (bilat serve --token SECRET, "
            "or set BILAT_TOKEN) and send it as 'Authorization: Bearer SECRET'",
        )
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode("utf-8"), token.encode("utf-8")
    ):
        raise HTTPException(
            status_code=401,
            detail="missing or wrong bearer token: send 'Authorization: Bearer <token>' with the "
            "token the server was started with",
            headers={"WWW-Authenticate": "Bearer"},
        )


Writer = Annotated[None, Depends(require_token)]


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _too_large(limit: int) -> HTTPException:
    return HTTPException(
        status_code=413,
        detail=f"the article is larger than the limit of {limit} bytes; split it, or raise "
        "max_bytes in bilat.toml and restart the server",
    )


def _ingest_job(
    items: list[Document | Rejection], settings: Settings, folder: tempfile.TemporaryDirectory[str]
) -> Any:
    def job(store: Store) -> IngestReport:
        try:
            return ingest_items(items, store, settings=settings)
        finally:
            folder.cleanup()

    return job


@router.post("/api/ingest", summary="Add one article (text or file upload); needs the token")
async def ingest(
    request: Request,
    _: Writer,
    text: Annotated[str | None, Form(description="The article's text (or send a file)")] = None,
    file: Annotated[UploadFile | None, File(description="A .txt, .html, .jsonl or .csv file")] = (
        None
    ),
    doc_id: Annotated[str | None, Form(description="The document's id (default: a hash)")] = None,
    published: Annotated[
        str | None, Form(description="The publication date (YYYY-MM-DD), if known")
    ] = None,
) -> dict[str, Any]:
    """Read, extract and store an article; answer what was added, skipped or rejected."""
    settings = _settings(request)
    limit = settings.max_bytes
    date = parse_date("published", published)
    options = ReadOptions(max_bytes=limit, date=date) if date else ReadOptions(max_bytes=limit)
    folder = tempfile.TemporaryDirectory(prefix="bilat-upload-")
    items: list[Document | Rejection]
    try:
        if file is not None and file.filename:
            data = await file.read(limit + 1)
            if len(data) > limit:
                raise _too_large(limit)
            suffix = Path(file.filename).suffix.lower()
            # Only the suffix of the client's name is used: it picks the reader, and no path
            # the client sends ever reaches the file system.
            name = "upload" + (suffix if suffix in UPLOAD_SUFFIXES else ".txt")
            path = Path(folder.name) / name
            path.write_bytes(data)
            items = list(read_inputs([path], options))
        elif blank_to_none(text) is not None:
            assert text is not None
            if len(text.encode("utf-8")) > limit:
                raise _too_large(limit)
            items = [read_text(text, doc_id=blank_to_none(doc_id), options=options)]
        else:
            raise HTTPException(
                status_code=422,
                detail="nothing to ingest: send the article as the form field 'text' or as a "
                "file upload named 'file'",
            )
    except BaseException:
        folder.cleanup()
        raise
    report: IngestReport = await gate_of(request).write_async(_ingest_job(items, settings, folder))
    return {"ok": True, **report.as_dict()}


class VerdictBody(BaseModel):
    """A reviewer's verdict on an event: confirm, reject, or correct its code or actors."""

    model_config = ConfigDict(extra="forbid")

    verdict: Literal["confirm", "reject", "correct"]
    note: str | None = Field(default=None, max_length=2000)
    cameo: str | None = Field(default=None, pattern=r"^[0-9]{2,4}$")
    source: str | None = Field(default=None, description="Corrected source actor code")
    target: str | None = Field(default=None, description="Corrected target actor code")


@router.post("/api/events/{event_id}/verdict", summary="Confirm, reject or correct an event")
async def verdict(request: Request, event_id: str, body: VerdictBody, _: Writer) -> dict[str, Any]:
    """Record a verdict on an event (replacing an earlier one) and return the event as now read."""
    source = parse_code("source", body.source)
    target = parse_code("target", body.target)
    with reading(request) as store:
        if store.event(event_id) is None:
            raise no_event(event_id)

    def job(store: Store) -> Verdict:
        return store.set_verdict(
            event_id,
            body.verdict,
            note=blank_to_none(body.note),
            cameo=body.cameo,
            source_code=source,
            target_code=target,
        )

    saved = await gate_of(request).write_async(job)
    with reading(request) as store:
        detail = event_detail(store, event_id)
    return {
        "ok": True,
        "verdict": saved.as_dict(),
        "event": detail["event"] if detail else None,
    }
