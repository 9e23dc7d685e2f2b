"""One read-only store shared by every request, and one writer that has the file to itself.

    gate = StoreGate("bilat.duckdb")
    with gate.reading() as store:
        store.count_events()
    result = gate.write(lambda store: store.add(extractions))
    gate.close()

DuckDB lets one process hold a file either read-only or writable, never both at once, and a
writable handle locks other processes out. So the gate keeps a read-only handle for the reads
(other processes may read the file too) and, for each write, waits for the reads in flight to
finish, closes the read-only handle, opens the file writable, runs the write, closes it and
opens the read-only handle again. Writes queue on a single worker thread, so two writes never
overlap and a slow one (parsing an uploaded article) never holds a request thread.

Reopening costs about half a second a write, too slow for analysts confirming events one after
another. A server started with writes enabled (``writable=True``: a token is set) therefore
opens the store writable once and keeps it: reads and the writer thread share that one handle
(DuckDB isolates a reader from a transaction in progress), at the price of keeping other
processes out of the file while the server runs. ``bilat serve`` on a DuckDB file always does
so, and lets the other processes in through itself (:mod:`bilat.live`).

Every write through the gate moves its write generation on. When the gate is the store's only
writer (``cache=True``: a DuckDB file, which no other process can write while the gate holds
it), :meth:`StoreGate.cached` keeps what the slow pages compute until the next write, so a page
costs its queries once per write instead of once per request.
"""

from __future__ import annotations

import asyncio
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

from bilat.errors import StoreError
from bilat.store import Store, open_store

T = TypeVar("T")

CACHED_ANSWERS = 64
"""How many computed answers the gate keeps (the least recently used go first)."""

StoreOpener = Callable[[str, bool], Store]
"""Open the store at a URL, read-only when the flag is set."""


def _open(url: str, read_only: bool) -> Store:
    return open_store(url, read_only=read_only)


class ReadWriteLock:
    """A lock many readers may hold at once, or one writer alone; a waiting writer goes first.

    lock = ReadWriteLock()
    with lock.shared():
        ...
    with lock.exclusive():
        ...
    """

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0

    @contextmanager
    def shared(self) -> Iterator[None]:
        """Hold the lock alongside other readers."""
        with self._condition:
            # Readers wait for queued writers too, so a stream of reads cannot starve a write.
            while self._writing or self._writers_waiting:
                self._condition.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._condition:
                self._readers -= 1
                if not self._readers:
                    self._condition.notify_all()

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the lock alone, once the readers in flight are done."""
        with self._condition:
            self._writers_waiting += 1
            try:
                while self._writing or self._readers:
                    self._condition.wait()
            finally:
                self._writers_waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._condition:
                self._writing = False
                self._condition.notify_all()


class StoreGate:
    """Hand out the shared read-only store to readers and run writes one at a time.

    Args:
        url: The database the app serves.
        writable: Keep one writable handle for reads and writes instead of a read-only one
            reopened writable for each write.
        opener: How to open it (tests pass their own); the default is :func:`open_store`.
        cache: The gate is the store's only writer, so :meth:`cached` may keep answers until
            the next write; leave it off when other processes write (PostgreSQL).

    Raises:
        StoreError: The store cannot be opened read-only.
    """

    def __init__(
        self,
        url: str,
        *,
        writable: bool = False,
        opener: StoreOpener = _open,
        cache: bool = False,
    ) -> None:
        self.url = url
        self.writable = writable
        self.caching = cache
        self._generation = 0
        self._answers: OrderedDict[Hashable, tuple[int, object]] = OrderedDict()
        self._answers_lock = threading.Lock()
        self._opener = opener
        self._lock = ReadWriteLock()
        self._store: Store | None = opener(url, not writable)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bilat-writer")

    @property
    def store(self) -> Store:
        """Return the current read-only store (for reads that manage no lock themselves)."""
        if self._store is None:
            raise StoreError(
                f"the store {self.url!r} is closed: the server is shutting down; retry later",
                url=self.url,
            )
        return self._store

    @store.setter
    def store(self, value: Store) -> None:
        self._store = value

    @contextmanager
    def reading(self) -> Iterator[Store]:
        """Yield the read-only store, kept open until the block ends."""
        with self._lock.shared():
            yield self.store

    @property
    def generation(self) -> int:
        """Return how many writes the gate has run (failed ones included)."""
        return self._generation

    def cached(self, key: Hashable, compute: Callable[[Store], T]) -> T:
        """Return ``compute(store)``, computed once per write generation when caching is on.

        The answer is shared by every request until the next write, so callers must not
        change it.

        Args:
            key: What is computed, with its arguments (``("dyad", "PAK", "USA", "month")``).
            compute: The reads; they run under the read lock like :meth:`reading`.

        Returns:
            The answer, from the cache when nothing was written since it was computed.
        """
        # The generation is read before the reads: an answer computed while a write commits
        # is filed under the old generation, which no later request asks for.
        generation = self._generation
        if self.caching:
            with self._answers_lock:
                found = self._answers.get(key)
                if found is not None and found[0] == generation:
                    self._answers.move_to_end(key)
                    return found[1]  # type: ignore[return-value]
        with self.reading() as store:
            answer = compute(store)
        if self.caching:
            with self._answers_lock:
                self._answers[key] = (generation, answer)
                self._answers.move_to_end(key)
                while len(self._answers) > CACHED_ANSWERS:
                    self._answers.popitem(last=False)
        return answer

    def write(self, job: Callable[[Store], T]) -> T:
        """Run ``job`` on the writable store in the writer thread and return its result.

        Args:
            job: The write; it gets the store opened writable, for this job only.

        Returns:
            What ``job`` returned.

        Raises:
            StoreError: The store cannot be opened writable (another process holds it).
            Exception: Whatever ``job`` raised.
        """
        return self._writer.submit(self._run, job).result()

    async def write_async(self, job: Callable[[Store], T]) -> T:
        """Run ``job`` like :meth:`write`, awaiting it without blocking the event loop.

        Args:
            job: The write.

        Returns:
            What ``job`` returned.
        """
        return await asyncio.wrap_future(self._writer.submit(self._run, job))

    def _run(self, job: Callable[[Store], T]) -> T:
        try:
            return self._run_job(job)
        finally:
            # A job may commit more than one transaction before it fails.
            self._generation += 1

    def _run_job(self, job: Callable[[Store], T]) -> T:
        if self.writable:
            with self._lock.shared():
                return job(self.store)
        with self._lock.exclusive():
            self.store.close()
            self._store = None
            try:
                writable = self._opener(self.url, False)
            except BaseException:
                self._store = self._opener(self.url, True)
                raise
            try:
                return job(writable)
            finally:
                writable.close()
                self._store = self._opener(self.url, True)

    def close(self) -> None:
        """Finish queued writes, then close the store; closing twice is harmless."""
        self._writer.shutdown(wait=True)
        with self._lock.exclusive():
            if self._store is not None:
                self._store.close()
                self._store = None
