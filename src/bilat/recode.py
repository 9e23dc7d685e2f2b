"""Re-code stored documents with the current rules and knowledge, keeping the analyst's verdicts.

Each document's stored text runs through :func:`bilat.extract` again and replaces its old
extraction in one transaction per document, so a failure leaves that document with its old
events and verdicts (the documents re-coded before it keep their new ones). A verdict stays with the event it judged: an event coded the same way keeps its id,
and one coded differently (a new code or actor changes the id) inherits the verdict through its
anchor (see :mod:`bilat.verdicts`). A verdict whose sentence no longer yields an event is
*orphaned*: it is kept, listed in the report and marked in ``bilat verdicts``.

    with open_store("bilat.duckdb") as store:
        report = recode(store, load_settings(), since="2025-01-01")
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from bilat.dedup import ClusterOptions, Deduplicator, DedupOptions
from bilat.errors import InputError
from bilat.extract import Pipeline
from bilat.knowledge import knowledge_for
from bilat.records import Extraction, Record
from bilat.settings import Settings
from bilat.store import DocumentRow, Store
from bilat.verdicts import Verdict


@dataclass(frozen=True)
class RecodeReport(Record):
    """What a re-coding changed: documents, events before and after, verdicts kept and orphaned.

    RecodeReport(documents=2, events_before=5, events_after=6, verdicts=3, orphaned=("9f…",))
    """

    documents: int
    events_before: int
    events_after: int
    verdicts: int
    orphaned: tuple[str, ...] = ()


def orphaned_verdicts(store: Store) -> list[Verdict]:
    """Return the verdicts whose event no longer exists (its sentence no longer yields it).

    Args:
        store: The store.

    Returns:
        The verdicts, oldest first.
    """
    return [v for v in store.verdicts() if store.event(v.event_id) is None]


def recode(
    store: Store,
    settings: Settings,
    *,
    since: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> RecodeReport:
    """Re-run extraction over stored documents and replace their events, keeping verdicts.

    Args:
        store: A writable store.
        settings: The model, knowledge (``knowledge_dirs``), minimum confidence, dedup options.
        since: Only documents dated on or after this ISO date (undated ones are left alone).
        progress: Called with (documents done, documents chosen) after each document.

    Returns:
        The report; ``orphaned`` lists the event ids of verdicts left without their event.

    Raises:
        InputError: ``since`` is not an ISO date.
        StoreError: Writing a document failed; it and the documents after it are unchanged.
    """
    if since is not None and not _iso_date(since):
        raise InputError(
            f"--since {since!r} is not a date; write it as YYYY-MM-DD", origin="recode"
        )
    chosen = [row for row in store.documents(status="accepted") if _chosen(row, since)]
    pipeline = Pipeline.load(settings)
    before = after = 0
    for done, row in enumerate(chosen, 1):
        assert row.id is not None
        stored = store.extraction(row.id)
        if stored is None:
            continue
        fresh = _kept(pipeline.extract(stored.document), settings.min_confidence)
        before += len(stored.events)
        after += len(fresh.events)
        store.replace_document(fresh)
        if progress is not None:
            progress(done, len(chosen))
    if chosen:
        _deduplicate(store, settings)
    verdicts = store.verdicts()
    orphans = tuple(v.event_id for v in verdicts if store.event(v.event_id) is None)
    return RecodeReport(len(chosen), before, after, len(verdicts), orphans)


def _iso_date(value: str) -> bool:
    parts = value.split("-")
    return len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[0]) == 4


def _chosen(row: DocumentRow, since: str | None) -> bool:
    if row.id is None:
        return False
    if since is None:
        return True
    return row.published is not None and row.published >= since


def _kept(extraction: Extraction, minimum: float) -> Extraction:
    if minimum <= 0:
        return extraction
    events = tuple(e for e in extraction.events if e.confidence >= minimum)
    return dataclasses.replace(extraction, events=events)


def _deduplicate(store: Store, settings: Settings) -> None:
    Deduplicator(
        store,
        documents=DedupOptions(
            threshold=settings.dedup_threshold, max_days=settings.dedup_max_days
        ),
        clusters=ClusterOptions(window_days=settings.cluster_window_days),
        knowledge=knowledge_for(settings),
    ).update()
