"""A store that hands every call to the running ``bilat serve`` that owns the DuckDB file.

DuckDB lets one process write a file. When ``bilat serve`` holds it, :func:`connect` finds the
server through its lock file and returns a :class:`RemoteStore`: the same methods as any
store, each sent to the server over the loopback with the server's local token. The caller
keeps doing its own reading and parsing (an ingest's extraction runs here, on this process's
CPU); only store calls cross, so the dashboard stays responsive and every write goes through
the server's one writer.

    store = connect("bilat.duckdb", read_only=False)   # None when no server owns the file
    if store is not None:
        store.add(extractions)

Each write is one transaction on the server, as it is locally: if either process dies, a
batch is stored whole or not at all, and re-running the command skips what is stored.
"""

from __future__ import annotations

import http.client
import os
import secrets
import sys
import time
from collections.abc import Callable, ItemsView, Iterator, KeysView, ValuesView
from contextlib import contextmanager
from types import TracebackType
from typing import Any, Self

from bilat.errors import StoreError
from bilat.store import wire
from bilat.store.lockfile import ServerLock

LOCAL_PREFIX = "/api/local/"
CALL_PATH = LOCAL_PREFIX + "call"
HELLO_PATH = LOCAL_PREFIX + "hello"
TOKEN_HEADER = "x-bilat-local-token"
SESSION_HEADER = "x-bilat-session"
LABEL_HEADER = "x-bilat-client"

STARTUP_WAIT = 10.0
"""Seconds to wait for a server whose lock file exists but which does not listen yet."""

NICENESS = 10
"""CPU priority (Unix nice value) a process writing through a server lowers itself to."""

CALL_TIMEOUT = 900.0
"""Seconds a call may take: a write can queue behind another client's dedup pass."""


def client_label() -> str:
    """Return how the server's activity list names this process: command and pid."""
    command = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("-") else "python"
    return f"bilat {command} (pid {os.getpid()})"


def _sendable(value: Any) -> Any:
    """Return a value that can travel: a one-shot iterable (a generator) becomes a list."""
    if isinstance(value, Iterator | KeysView | ValuesView | ItemsView):
        return list(value)
    return value


class RemoteStore:
    """A :class:`~bilat.store.Store` whose calls run in the ``bilat serve`` owning the file.

        with RemoteStore(lock, url="bilat.duckdb", read_only=False) as store:
            store.set_verdict(event_id, "confirm")

    Args:
        lock: The server's lock (address, port, token).
        url: The database path, as the caller named it.
        read_only: Refuse writing calls here, before they reach the server.
    """

    def __init__(self, lock: ServerLock, *, url: str, read_only: bool) -> None:
        self.lock = lock
        self.url = url
        self.read_only = read_only
        # The pid lets the server free the writer lease at once if this process is killed.
        self.session = f"{os.getpid()}-{secrets.token_hex(8)}"
        self.label = client_label()
        self._connection: http.client.HTTPConnection | None = None
        self._closed = False

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name not in wire.READS and name not in wire.WRITES:
            raise AttributeError(f"{type(self).__name__!r} has no store method {name!r}")

        def call(*args: Any, **kwargs: Any) -> Any:
            return self.call(name, *args, **kwargs)

        return call

    def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """Run one store method in the server and return its result.

        Args:
            method: The store method's name.
            args: Its positional arguments.
            kwargs: Its keyword arguments.

        Returns:
            What the method returned on the server.

        Raises:
            StoreError: The store is read-only or closed, or the server stopped or refused.
            BilatError: The error the method raised on the server.
        """
        if self._closed:
            raise StoreError(f"the store {self.url!r} is closed; open it again", url=self.url)
        if self.read_only and method in wire.WRITES:
            raise StoreError(
                f"{self.url!r} is open read-only; open it without read_only to {method}",
                url=self.url,
            )
        args = tuple(_sendable(value) for value in args)
        kwargs = {name: _sendable(value) for name, value in kwargs.items()}
        return wire.load_answer(self._post(CALL_PATH, wire.dump_call(method, args, kwargs)))

    def _post(self, path: str, body: bytes) -> bytes:
        headers = {
            "content-type": wire.CONTENT_TYPE,
            TOKEN_HEADER: self.lock.token,
            SESSION_HEADER: self.session,
            LABEL_HEADER: self.label,
        }
        # A kept-alive connection the server has since closed fails at once; one retry on a
        # fresh connection is safe because every store write is idempotent.
        for attempt in (1, 2):
            reused = self._connection is not None
            connection = self._connect()
            try:
                connection.request("POST", path, body=body, headers=headers)
                response = connection.getresponse()
                data = response.read()
            except (OSError, http.client.HTTPException) as error:
                self._drop()
                if reused and attempt == 1:
                    continue
                raise self._gone(error) from error
            if response.status != 200:
                raise StoreError(
                    f"the bilat server on port {self.lock.port} refused a store call "
                    f"(HTTP {response.status}: {data[:300].decode('utf-8', 'replace')}); stop "
                    "it and start it again with the same bilat version",
                    url=self.url,
                )
            return data
        raise AssertionError("unreachable")

    def _connect(self) -> http.client.HTTPConnection:
        if self._connection is None:
            self._connection = http.client.HTTPConnection(
                self.lock.address, self.lock.port, timeout=CALL_TIMEOUT
            )
        return self._connection

    def _drop(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _gone(self, error: Exception) -> StoreError:
        return StoreError(
            f"lost the bilat server (pid {self.lock.pid}, port {self.lock.port}) that owns "
            f"{self.url!r}: {error}; a write it had not answered was kept whole or not at all: "
            "start `bilat serve` again (or let this command open the file itself) and run the "
            "same command again; stored documents are skipped",
            url=self.url,
        )

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the server's writer lease across several calls (dedup reads, decides, writes)."""
        self.call("exclusive_enter")
        try:
            yield
        finally:
            self.call("exclusive_leave")

    def close(self) -> None:
        """Tell the server this client is done, then close the connection; twice is harmless."""
        if self._closed:
            return
        try:
            if not self.read_only:
                self.call("goodbye")
        except StoreError:
            pass  # a server that is gone has nothing to be told
        finally:
            self._closed = True
            self._drop()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def yield_cpu() -> None:
    """Lower this process's CPU priority to :data:`NICENESS`, once (a second call does nothing).

    A process that writes through a running server (an ingest parsing articles, a feed watch)
    shares the CPU with the dashboard; on a busy machine the pages should answer first.
    """
    if not hasattr(os, "nice"):
        return
    current = os.nice(0)
    if current < NICENESS:
        os.nice(NICENESS - current)


def _hello(lock: ServerLock) -> bool | None:
    """Ask the server whether it serves the lock's file: True, False, or None if unreachable."""
    connection = http.client.HTTPConnection(lock.address, lock.port, timeout=5)
    try:
        connection.request("GET", HELLO_PATH, headers={TOKEN_HEADER: lock.token})
        response = connection.getresponse()
        response.read()
    except (OSError, http.client.HTTPException):
        return None
    finally:
        connection.close()
    return response.status == 200


def connect(url: str, *, read_only: bool) -> RemoteStore | None:
    """Return a store handing calls to the ``bilat serve`` that owns ``url``, if one runs.

    Args:
        url: A DuckDB file path.
        read_only: Open for reading only.

    Returns:
        The remote store, or None when no live server owns the file (no lock file, a dead
        server's stale one, or this very process's own).
    """
    lock = ServerLock.read(url)
    if lock is None or lock.pid == os.getpid():
        return None
    deadline = time.monotonic() + STARTUP_WAIT
    while True:
        answer = _hello(lock)
        if answer:
            if not read_only:
                yield_cpu()
            return RemoteStore(lock, url=url, read_only=read_only)
        if answer is False or time.monotonic() > deadline:
            return None
        # The server writes its lock file just before it starts listening.
        time.sleep(0.2)
        current = ServerLock.read(url)
        if current is None:
            return None
        lock = current
