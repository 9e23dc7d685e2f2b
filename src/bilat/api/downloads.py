"""The download endpoint: events, facts or quotes as a file in a research format.

The export is written page by page (:func:`bilat.exports.write_export`) under one read of the
store into a spooled temporary file, which stays in memory up to :data:`SPOOL_BYTES` and moves
to disk beyond; the file is then streamed to the client after the read lock is released, so a
slow client never holds up writers.
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Iterator
from typing import IO, Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from bilat.errors import InputError
from bilat.exports import MEDIA_TYPES, check_download, export_filename, write_export
from bilat.views.params import event_query, invalid
from bilat.views.reads import Filters, reading

router = APIRouter()

SPOOL_BYTES = 8 * 1024 * 1024
"""How much of an export is kept in memory before it spills to a temporary file."""

_CHUNK = 64 * 1024


def _chunks(spool: IO[bytes]) -> Iterator[bytes]:
    try:
        spool.seek(0)
        while chunk := spool.read(_CHUNK):
            yield chunk
    finally:
        spool.close()


@router.get(
    "/api/export",
    summary="Download events (with the /api/events filters), facts or quotes as a file",
    response_class=StreamingResponse,
    responses={200: {"content": {media: {} for media in sorted(set(MEDIA_TYPES.values()))}}},
)
def export(
    request: Request,
    filters: Filters,
    format: Annotated[
        str, Query(description="csv, jsonl, parquet, gdelt or plover (events only)")
    ] = "csv",
    what: Annotated[str, Query(description="events, facts or quotes")] = "events",
    verified_only: Annotated[
        bool, Query(description="Only events a verdict confirmed or corrected")
    ] = False,
) -> StreamingResponse:
    """Return the matching records as a file, with its content type and a file name.

    Without ``limit`` every matching event is exported, not one page.
    """
    try:
        check_download(what, format)
    except InputError as error:
        raise invalid(str(error)) from error
    if "limit" not in request.query_params:
        filters = dataclasses.replace(filters, limit=None)
    query = event_query(filters)
    # The response's iterator closes the file once it is sent, after this function returns.
    spool: Any = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
    try:
        with reading(request) as store:
            write_export(
                store, spool, what=what, fmt=format, query=query, verified_only=verified_only
            )
    except InputError as error:
        spool.close()
        raise invalid(str(error)) from error
    except BaseException:
        spool.close()
        raise
    filename = export_filename(what, format)
    return StreamingResponse(
        _chunks(spool),
        media_type=MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
