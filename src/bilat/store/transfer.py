"""Copy everything one store holds into another: DuckDB to PostgreSQL and back.

    with open_store("bilat.duckdb", read_only=True) as source, open_store(url) as target:
        report = copy_store(source, target)

Documents travel as whole extractions through :meth:`Store.add` (so the target applies its own
identity rules and skips what it already holds), rejections with them, and verdicts last, keyed
by event id. Running a copy twice adds nothing the second time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bilat.records import Extraction
from bilat.store.base import Store


@dataclass(frozen=True)
class CopyReport:
    """What :func:`copy_store` moved: documents added and skipped, events, rejections, verdicts."""

    documents: int
    skipped: int
    events: int
    rejections: int
    verdicts: int


def copy_store(
    source: Store,
    target: Store,
    *,
    batch_size: int = 200,
    progress: Callable[[int], None] | None = None,
) -> CopyReport:
    """Copy documents, events, mentions, quotes, facts, rejections and verdicts.

    Args:
        source: The store to read (it may be open read-only).
        target: The store to write.
        batch_size: Documents written per transaction.
        progress: Called with the number of documents read so far after each batch.

    Returns:
        The counts written to the target.
    """
    added = skipped = events = 0
    batch: list[Extraction] = []
    read = 0

    def flush() -> None:
        nonlocal added, skipped, events
        if batch:
            result = target.add(batch)
            added, skipped, events = (
                added + result.added,
                skipped + result.skipped,
                events + result.events,
            )
            batch.clear()
            if progress is not None:
                progress(read)

    for row in source.documents(status="accepted"):
        extraction = source.extraction(str(row.id))
        if extraction is None:  # deleted between the listing and the read
            continue
        batch.append(extraction)
        read += 1
        if len(batch) >= batch_size:
            flush()
    flush()
    rejected = target.add([], source.rejections()).rejected
    return CopyReport(
        documents=added,
        skipped=skipped,
        events=events,
        rejections=rejected,
        verdicts=_copy_verdicts(source, target),
    )


def _copy_verdicts(source: Store, target: Store) -> int:
    """Copy human verdicts on events the target holds; a verdict on a deleted event stays behind."""
    copied = 0
    for verdict in source.verdicts():
        if target.event(verdict.event_id) is None:
            continue
        target.set_verdict(
            verdict.event_id,
            verdict.verdict.value,
            note=verdict.note,
            cameo=verdict.cameo,
            source_code=verdict.source_code,
            target_code=verdict.target_code,
        )
        copied += 1
    return copied
