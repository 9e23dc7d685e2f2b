"""The server side of a live store: run handed-over store calls, track who is writing.

``bilat serve`` on a DuckDB file keeps the file open writable and writes its lock file (see
:mod:`bilat.store.lockfile`); other local processes then send their store calls here (see
:mod:`bilat.store.remote`). A read runs beside the page reads; a write queues on the app's one
writer thread (:class:`bilat.live.gate.StoreGate`), so an analyst's verdict waits at most for
one batch of a running ingest, never for the whole ingest.

A client's dedup pass reads, decides and writes in several calls; :class:`Lease` keeps other
writers out meanwhile, as a database lock does for PostgreSQL, and expires if its holder dies.

    service = LiveService(gate, token=lock.token)
    result = service.run("session-1", "bilat ingest (pid 42)", "known_hashes", (["abc"],), {})
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from bilat.errors import StoreError
from bilat.store import AddResult, Store, wire
from bilat.store.lockfile import pid_alive

if TYPE_CHECKING:
    from bilat.live.gate import StoreGate

LEASE_TIMEOUT = 60.0
"""Seconds after its holder's last call that a lease is broken (its holder has died)."""

ACTIVE_FOR = 15.0
"""Seconds after its last write that a client still counts as writing."""

log = logging.getLogger("bilat.live")


def _session_alive(session: str) -> bool:
    """Tell whether a session's process still runs: a client's session starts with its pid."""
    pid, _, rest = session.partition("-")
    return not (pid.isdigit() and rest) or pid_alive(int(pid))


class Lease:
    """One holder at a time across several calls; others' writes wait until it is released.

    lease = Lease()
    lease.acquire("a")
    lease.wait_turn("b")     # blocks until "a" releases (or stops calling for a minute)
    """

    def __init__(self, *, timeout: float = LEASE_TIMEOUT) -> None:
        self.timeout = timeout
        self._condition = threading.Condition()
        self._owner: str | None = None
        self._depth = 0
        self._touched = 0.0

    def _free_for(self, session: str) -> bool:
        if self._owner is None or self._owner == session:
            return True
        if not _session_alive(self._owner) or time.monotonic() - self._touched > self.timeout:
            log.warning("breaking the writer lease of a gone client (session %s)", self._owner)
            self._owner, self._depth = None, 0
            return True
        return False

    def wait_turn(self, session: str) -> None:
        """Return once ``session`` may write: nobody else holds the lease."""
        with self._condition:
            while not self._free_for(session):
                self._condition.wait(timeout=1.0)
            if self._owner == session:
                self._touched = time.monotonic()

    def acquire(self, session: str) -> None:
        """Take the lease for ``session`` (again, if it holds it already)."""
        with self._condition:
            while not self._free_for(session):
                self._condition.wait(timeout=1.0)
            self._owner = session
            self._depth += 1
            self._touched = time.monotonic()

    def release(self, session: str, *, entirely: bool = False) -> None:
        """Give the lease back (all of it when ``entirely``); a non-holder's release is ignored."""
        with self._condition:
            if self._owner != session:
                return
            self._depth = 0 if entirely else self._depth - 1
            if self._depth <= 0:
                self._owner, self._depth = None, 0
                self._condition.notify_all()


@dataclass
class Writer:
    """One process writing through the server: what it is, since when, what it has added."""

    label: str
    since: float
    last: float
    calls: int = 0
    added: int = 0
    events: int = 0

    def as_dict(self, now: float) -> dict[str, Any]:
        """Return the writer as plain data, with its age in seconds."""
        return {
            "client": self.label,
            "seconds": round(now - self.since, 1),
            "documents_added": self.added,
            "events_added": self.events,
        }


class LiveService:
    """Run store calls handed over by local processes on the served store, one writer at a time.

    Args:
        gate: The app's store gate, holding the file writable.
        token: The token local clients must send (from the server's lock file).
    """

    def __init__(self, gate: StoreGate, *, token: str) -> None:
        self.gate = gate
        self.token = token
        self.lease = Lease()
        self._writers: dict[str, Writer] = {}
        self._guard = threading.Lock()
        self.watching: str | None = None

    def run(
        self, session: str, label: str, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> Any:
        """Run one store call for a client and return its result.

        Args:
            session: The client's session id (one per opened remote store).
            label: How the activity list names the client.
            method: A store method (:data:`bilat.store.wire.READS` or ``WRITES``), or one of
                ``exclusive_enter``, ``exclusive_leave`` and ``goodbye``.
            args: Positional arguments.
            kwargs: Keyword arguments.

        Returns:
            The method's result.

        Raises:
            StoreError: The method is unknown, or the store failed.
        """
        if method == "exclusive_enter":
            self.lease.acquire(session)
            return None
        if method == "exclusive_leave":
            self.lease.release(session)
            return None
        if method == "goodbye":
            self.lease.release(session, entirely=True)
            with self._guard:
                self._writers.pop(session, None)
            return None
        if method in wire.READS:
            with self.gate.reading() as store:
                return getattr(store, method)(*args, **kwargs)
        if method not in wire.WRITES:
            raise StoreError(f"{method!r} is not a store method a client may call")
        self.lease.wait_turn(session)

        def job(store: Store) -> Any:
            return getattr(store, method)(*args, **kwargs)

        result = self.gate.write(job)
        self._note(session, label, result)
        return result

    def _note(self, session: str, label: str, result: Any) -> None:
        now = time.monotonic()
        with self._guard:
            writer = self._writers.setdefault(session, Writer(label=label, since=now, last=now))
            writer.last = now
            writer.calls += 1
            if isinstance(result, AddResult):
                writer.added += result.added
                writer.events += result.events

    def activity(self) -> dict[str, Any]:
        """Return who is writing now: clients that wrote lately, and the feed watcher.

        Returns:
            ``{"writing": bool, "writers": [...], "watching": str | None}``.
        """
        now = time.monotonic()
        with self._guard:
            for session in [s for s, w in self._writers.items() if now - w.last > ACTIVE_FOR]:
                del self._writers[session]
            writers = [w.as_dict(now) for w in self._writers.values()]
        return {"writing": bool(writers), "writers": writers, "watching": self.watching}

    def store(self, label: str) -> LocalClient:
        """Return a store for code in this process (the feed watcher) that writes like a client.

        Args:
            label: How the activity list names it.

        Returns:
            The store; its writes queue on the writer thread and respect the lease.
        """
        return LocalClient(self, label)


class LocalClient:
    """A store for this process's own background work, routed like a remote client's calls.

    Args:
        service: The service.
        label: How the activity list names it.
    """

    def __init__(self, service: LiveService, label: str) -> None:
        self._service = service
        self._session = f"local-{id(self):x}"
        self.label = label
        self.url = service.gate.url
        self.read_only = False

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name not in wire.READS and name not in wire.WRITES:
            raise AttributeError(f"{type(self).__name__!r} has no store method {name!r}")

        def call(*args: Any, **kwargs: Any) -> Any:
            return self._service.run(self._session, self.label, name, args, kwargs)

        return call

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the writer lease across several calls."""
        self._service.lease.acquire(self._session)
        try:
            yield
        finally:
            self._service.lease.release(self._session)

    def close(self) -> None:
        """Let go of the lease and leave the activity list."""
        self._service.run(self._session, self.label, "goodbye", (), {})

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
