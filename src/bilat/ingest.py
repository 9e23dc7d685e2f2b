"""Read sources, extract every document, and write the results to a store in batches.

Each batch of documents is one transaction, so a killed ingest leaves whole documents or
none; a document already stored (same content hash) is skipped before it is parsed, so
re-running an ingest is cheap and adds nothing. Ctrl-C lets the batch in progress finish and
then raises :class:`IngestInterrupted`, whose message says how to resume; a second Ctrl-C stops
at once, rolling that batch back.
"""

from __future__ import annotations

import itertools
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from bilat.capacity import auto_workers
from bilat.dedup import ClusterOptions, Deduplicator, DedupOptions
from bilat.errors import BilatError
from bilat.knowledge import knowledge_for
from bilat.records import Document, Extraction, Rejection
from bilat.settings import Settings
from bilat.sources import ReadOptions, read_inputs
from bilat.store import Store, open_store

if TYPE_CHECKING:
    from bilat.extract import Pipeline

AUTO_POOL_WORDS = 20_000
"""Fewest words of new text for which ``workers = "auto"`` starts worker processes: below it
(about 50 news articles, seconds of parsing) starting a pipeline in each worker costs more than
the parse saves, so the ingest stays in one process."""


@dataclass
class IngestReport:
    """What one ingest did: documents read, added, skipped as known, rejected; events written.

    ``duplicates`` counts the added documents found to be near-duplicates of earlier ones;
    ``merged`` the events that joined an earlier report's cluster.
    """

    read: int = 0
    added: int = 0
    skipped: int = 0
    rejected: int = 0
    events: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    duplicates: int = 0
    merged: int = 0

    def as_dict(self) -> dict[str, object]:
        """Return the report as plain data (rejections as dicts)."""
        return {
            "read": self.read,
            "added": self.added,
            "skipped": self.skipped,
            "rejected": self.rejected,
            "events": self.events,
            "rejections": [r.as_dict() for r in self.rejections],
            "duplicates": self.duplicates,
            "merged": self.merged,
        }


Progress = Callable[[IngestReport], None]


class IngestInterrupted(BilatError):
    """Ctrl-C stopped an ingest between batches (or, pressed twice, within one, rolled back).

    ``report`` holds the counts of the batches that were written before the interrupt.
    """

    default_code = "E010"

    def __init__(self, report: IngestReport, *, db: str | None = None) -> None:
        where = f" in {db!r}" if db else ""
        super().__init__(
            f"ingest interrupted: {report.added} documents and {report.events} events were "
            f"stored{where} before the stop, in whole batches; run the same command again to "
            "resume (stored documents are skipped, nothing is doubled)"
        )
        self.report = report


def ingest(
    paths: Sequence[str | Path],
    *,
    settings: Settings | None = None,
    options: ReadOptions | None = None,
    store: Store | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Ingest files, folders and ``-`` (stdin) into the store named by the settings.

    Args:
        paths: inputs to read (see :func:`bilat.sources.read_inputs`).
        settings: settings (database, batch size, knowledge directories).
        options: reader options (field names, size limit, imposed date).
        store: an open store to write to instead of opening ``settings.db``.
        progress: called after every batch with the running report.

    Returns:
        Counts of what was read, added, skipped and rejected, and the rejections.

    Raises:
        IngestInterrupted: Ctrl-C (SIGINT) stopped it; every finished batch is stored.
        StoreError: the store cannot be opened or written (locked, read-only, disk full).
    """
    settings = settings or Settings()
    options = options or ReadOptions(max_bytes=settings.max_bytes)
    try:
        target = (
            store
            if store is not None
            else open_store(settings.db, memory_limit=settings.memory_limit)
        )
    except KeyboardInterrupt:
        raise IngestInterrupted(IngestReport(), db=settings.db) from None
    try:
        return ingest_items(
            read_inputs(paths, options), target, settings=settings, progress=progress
        )
    except IngestInterrupted as stop:
        raise IngestInterrupted(stop.report, db=getattr(target, "url", None)) from None
    finally:
        if store is None:
            target.close()


def ingest_items(
    items: Iterable[Document | Rejection],
    store: Store,
    *,
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Ingest already-read documents and rejections into an open store.

    Args:
        items: documents and rejections, as :func:`bilat.sources.read_inputs` yields them.
        store: the store to write to, one transaction per batch.
        settings: settings (batch size, model, knowledge, minimum confidence).
        progress: called after every batch with the running report.

    Returns:
        The counts of what was read, added, skipped and rejected.

    Raises:
        IngestInterrupted: Ctrl-C (SIGINT) stopped it; every finished batch is stored.
    """
    settings = settings or Settings()
    report = IngestReport()
    pipeline: Pipeline | WorkerPool | None = None
    finished = False
    try:
        with _deferred_interrupt() as stopping:
            workers, items = plan_workers(items, settings, store)
            pipeline = (
                _load_pipeline(settings)
                if workers == 1
                else WorkerPool(settings, processes=workers)
            )
            _ingest_batches(items, store, pipeline, settings, report, progress, stopping)
            finished = True
    except KeyboardInterrupt:
        # The store rolled back the batch it was writing; say what is kept and how to go on.
        finished = False
        raise IngestInterrupted(report) from None
    finally:
        if isinstance(pipeline, WorkerPool):
            pipeline.close(cancel=not finished)
    return report


def plan_workers(
    items: Iterable[Document | Rejection], settings: Settings, store: Store
) -> tuple[int, Iterable[Document | Rejection]]:
    """Return how many extraction processes to use, and the items to ingest.

    A number in the ``workers`` setting is used as it is. ``"auto"`` takes the usable cores
    as memory allows (:func:`bilat.capacity.auto_workers`), but reads ahead first: an input
    whose new documents hold fewer than :data:`AUTO_POOL_WORDS` words stays in one process.

    Args:
        items: the documents and rejections to ingest (read lazily).
        settings: the settings; ``workers`` is read.
        store: the store, asked which read-ahead documents it already holds.

    Returns:
        The process count and an iterable giving every item, the read-ahead ones included.
    """
    if settings.workers != "auto":
        return settings.workers, items
    wanted = auto_workers()
    if wanted == 1:
        return 1, items
    stream = iter(items)
    ahead: list[Document | Rejection] = []
    pending: list[Document] = []
    fresh = pending_words = read_words = 0
    for item in stream:
        ahead.append(item)
        if isinstance(item, Document):
            pending.append(item)
            pending_words += len(item.text.split())
        if fresh + pending_words >= AUTO_POOL_WORDS:
            known = store.known_hashes(d.content_hash for d in pending)
            fresh += sum(len(d.text.split()) for d in pending if d.content_hash not in known)
            read_words += pending_words
            pending, pending_words = [], 0
            if fresh >= AUTO_POOL_WORDS:
                return wanted, itertools.chain(ahead, stream)
            if read_words >= 10 * AUTO_POOL_WORDS:
                # Mostly stored already (a re-run): little to parse, and no reason to hold more.
                return 1, itertools.chain(ahead, stream)
    return 1, ahead


def _ingest_batches(
    items: Iterable[Document | Rejection],
    store: Store,
    pipeline: Pipeline | WorkerPool,
    settings: Settings,
    report: IngestReport,
    progress: Progress | None,
    stopping: Callable[[], bool],
) -> None:
    # Near-duplicates and clusters follow every batch, so a stopped ingest leaves them current.
    dedup = Deduplicator(
        store,
        documents=DedupOptions(
            threshold=settings.dedup_threshold, max_days=settings.dedup_max_days
        ),
        clusters=ClusterOptions(window_days=settings.cluster_window_days),
        knowledge=knowledge_for(settings),
    )
    # With worker processes, the next batch is extracted while this one is written and
    # deduplicated; a stop drops the batch in flight, which was not stored.
    ahead = 1 if isinstance(pipeline, WorkerPool) else 0
    flight: deque[_Batch] = deque()
    for documents, rejections in _batches(items, settings.batch_size):
        if stopping():
            raise KeyboardInterrupt
        known = store.known_hashes(d.content_hash for d in documents)
        fresh = _unique([d for d in documents if d.content_hash not in known])
        flight.append(_Batch(documents, rejections, fresh, _start(pipeline, fresh, settings)))
        if len(flight) > ahead:
            _write(flight.popleft(), store, dedup, settings, report, progress)
            if stopping():
                raise KeyboardInterrupt
    while flight:
        _write(flight.popleft(), store, dedup, settings, report, progress)
        if stopping():
            raise KeyboardInterrupt


@dataclass
class _Batch:
    """A batch read, its documents not yet stored, and how to get their extractions."""

    documents: list[Document]
    rejections: list[Rejection]
    fresh: list[Document]
    extractions: Callable[[], list[Extraction]]


def _start(
    pipeline: Pipeline | WorkerPool, fresh: list[Document], settings: Settings
) -> Callable[[], list[Extraction]]:
    if isinstance(pipeline, WorkerPool):
        return pipeline.submit(fresh, batch_size=settings.batch_size)
    return lambda: list(pipeline.extract_many(fresh, batch_size=settings.batch_size))


def _write(
    batch: _Batch,
    store: Store,
    dedup: Deduplicator,
    settings: Settings,
    report: IngestReport,
    progress: Progress | None,
) -> None:
    extractions = [_filter(e, settings.min_confidence) for e in batch.extractions()]
    result = store.add(extractions, batch.rejections)
    report.read += len(batch.documents) + len(batch.rejections)
    report.added += result.added
    report.skipped += len(batch.documents) - len(batch.fresh) + result.skipped
    report.events += result.events
    report.rejected += len(batch.rejections)
    report.rejections.extend(batch.rejections)
    found = dedup.update()
    report.duplicates += found.duplicates
    report.merged += found.merged
    if progress is not None:
        progress(report)


@contextmanager
def _deferred_interrupt() -> Iterator[Callable[[], bool]]:
    """Turn the first Ctrl-C into a request to stop after the batch in progress.

    DuckDB turns a signal that arrives mid-query into an error of its own, so the first
    Ctrl-C only raises a flag that the batch loop reads between batches; a second one
    interrupts at once. Only the main thread may set signal handlers, and a handler other
    than Python's default (a server's) is left alone: then Ctrl-C interrupts as usual.

    Yields:
        A function telling whether a stop was asked for.
    """
    default = signal.getsignal(signal.SIGINT) is signal.default_int_handler
    if threading.current_thread() is not threading.main_thread() or not default:
        yield lambda: False
        return
    asked = threading.Event()

    def handler(signum: int, frame: FrameType | None) -> None:
        if asked.is_set():
            raise KeyboardInterrupt
        asked.set()

    signal.signal(signal.SIGINT, handler)
    try:
        yield asked.is_set
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def _unique(documents: list[Document]) -> list[Document]:
    seen: set[str] = set()
    unique = []
    for document in documents:
        if document.content_hash not in seen:
            seen.add(document.content_hash)
            unique.append(document)
    return unique


def _filter(extraction: Extraction, minimum: float) -> Extraction:
    if minimum <= 0:
        return extraction
    from dataclasses import replace

    return replace(
        extraction, events=tuple(e for e in extraction.events if e.confidence >= minimum)
    )


def _batches(
    items: Iterable[Document | Rejection], size: int
) -> Iterator[tuple[list[Document], list[Rejection]]]:
    documents: list[Document] = []
    rejections: list[Rejection] = []
    for item in items:
        if isinstance(item, Rejection):
            rejections.append(item)
        else:
            documents.append(item)
        if len(documents) + len(rejections) >= size:
            yield documents, rejections
            documents, rejections = [], []
    if documents or rejections:
        yield documents, rejections


class WorkerPool:
    """Extract documents in worker processes forked with this one's pipeline; writes stay here.

    Where fork is missing, or from a thread other than the main one (a server's writer), the
    workers are spawned and each loads the pipeline once; ``start_method`` says which.

    pool = WorkerPool(Settings(), processes=2)
    extractions = list(pool.extract_many(documents))
    pool.close()
    """

    def __init__(self, settings: Settings, *, processes: int) -> None:
        import multiprocessing

        self.settings = settings
        self.processes = processes
        forkable = "fork" in multiprocessing.get_all_start_methods()
        if forkable and threading.current_thread() is threading.main_thread():
            # Forked workers start with this process's loaded pipeline (shared copy-on-write)
            # instead of each importing spaCy and loading it again, 2-3 CPU-seconds a worker.
            # They never touch the open database or its threads, and they leave through
            # os._exit, so nothing of the parent's is finalized twice. A server ingesting in
            # one of its threads spawns instead: its other threads may hold locks at any time.
            _load_pipeline(settings)
            method = "fork"
        else:
            method = "spawn"
        self.start_method = method
        context = multiprocessing.get_context(method)
        self._pool = context.Pool(
            processes, initializer=_load_worker, initargs=(settings, os.getpid())
        )

    def extract_many(
        self, documents: Iterable[Document], *, batch_size: int = 16
    ) -> Iterator[Extraction]:
        """Yield the extraction of each document, in order, computed by the workers."""
        yield from self.submit(list(documents), batch_size=batch_size)()

    def submit(
        self, documents: list[Document], *, batch_size: int = 16
    ) -> Callable[[], list[Extraction]]:
        """Start extracting documents; return a function that waits for them, in order."""
        # Small chunks balance the workers; each chunk still parses with nlp.pipe.
        size = max(1, min(8, -(-len(documents) // (2 * self.processes))))
        chunks = [documents[i : i + size] for i in range(0, len(documents), size)]
        waiting = [
            self._pool.apply_async(_extract_chunk, ((self.settings, batch_size, chunk),))
            for chunk in chunks
        ]
        return lambda: [e for result in waiting for e in result.get()]

    def close(self, *, cancel: bool = False) -> None:
        """Stop the worker processes, at once when ``cancel`` (work in flight is dropped)."""
        if cancel:
            self._pool.terminate()
        else:
            self._pool.close()
        self._pool.join()


def _load_pipeline(settings: Settings) -> Pipeline:
    """Return the process's pipeline for these settings (``Pipeline.load`` caches it)."""
    # Imported on first use: spaCy takes about a second to import, and commands that only
    # read the store import this module too.
    from bilat.extract import Pipeline

    return Pipeline.load(settings)


def _load_worker(settings: Settings, parent: int) -> None:
    """Load the pipeline once in a worker process, which ends when the ingesting one dies."""
    # A worker shares its task pipe with its siblings, so it never sees end-of-file when a
    # killed ingest (SIGKILL, OOM) leaves it behind; it watches its parent instead.
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    _load_pipeline(settings)


def _exit_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _extract_chunk(task: tuple[Settings, int, list[Document]]) -> list[Extraction]:
    settings, batch_size, documents = task
    pipeline = _load_pipeline(settings)
    return list(pipeline.extract_many(documents, batch_size=batch_size))
