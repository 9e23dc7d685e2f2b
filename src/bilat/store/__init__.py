"""Where bilat keeps documents, events and rejections: protocols by concern, a file per backend.

:class:`Store` is the whole protocol; :class:`DocumentStore`, :class:`EventStore`,
:class:`VerdictStore`, :class:`DedupStore` and :class:`MonitoringStore` are its parts, for
code that needs only one. Both backends share :mod:`bilat.store.sql_store`.

>>> with open_store(":memory:") as store:
...     store.count_events()
0
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from bilat.store.base import (
    EVERY_EVENT,
    ORDERS,
    ActorRow,
    AddResult,
    DedupStore,
    DocumentRow,
    DocumentStore,
    DyadRow,
    EventQuery,
    EventStore,
    FeedItemRow,
    FeedRow,
    MonitoringStore,
    PatternCount,
    Store,
    VerdictStore,
)

if TYPE_CHECKING:
    from bilat.store.duckdb_store import DuckDBStore
    from bilat.store.postgres_store import PostgresStore

__all__ = [
    "EVERY_EVENT",
    "ORDERS",
    "ActorRow",
    "AddResult",
    "DedupStore",
    "DocumentRow",
    "DocumentStore",
    "DuckDBStore",
    "DyadRow",
    "EventQuery",
    "EventStore",
    "FeedItemRow",
    "FeedRow",
    "MonitoringStore",
    "PatternCount",
    "PostgresStore",
    "Store",
    "VerdictStore",
    "open_store",
]

_POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def __getattr__(name: str) -> Any:
    # DuckDB and pyarrow load when a store is first opened, not when a command module that
    # names the store is imported (``bilat --help`` needs neither).
    if name == "DuckDBStore":
        from bilat.store.duckdb_store import DuckDBStore

        return DuckDBStore
    if name == "PostgresStore":
        from bilat.store.postgres_store import PostgresStore

        return PostgresStore
    raise AttributeError(f"module 'bilat.store' has no attribute {name!r}")


def open_store(
    url: str | Path, *, read_only: bool = False, memory_limit: str | None = None
) -> Store:
    """Open the store at a path or URL, creating and migrating a new database as needed.

    A DuckDB file that a running ``bilat serve`` owns (see :mod:`bilat.live`) is not opened
    here: the store returned hands each call to that server, which is the file's one writer.

    Args:
        url: A DuckDB file path, ``":memory:"``, or a ``postgresql://`` URL.
        read_only: Open without writing (no migrations, :meth:`Store.add` refused).
        memory_limit: DuckDB's buffer limit (``"1GB"``); None or empty: DuckDB's default.
            PostgreSQL manages its own memory and ignores it.

    Returns:
        The open store; use it as a context manager or call ``close()``.

    Raises:
        StoreError: The backend is unavailable or the database cannot be opened.
    """
    from bilat.store.duckdb_store import MEMORY, DuckDBStore

    text = str(url)
    if text.startswith(_POSTGRES_SCHEMES):
        from bilat.store.postgres_store import PostgresStore

        return PostgresStore(text, read_only=read_only)
    if text == MEMORY:
        return DuckDBStore(MEMORY, read_only=read_only, memory_limit=memory_limit)
    from bilat.store.remote import connect

    remote = connect(text, read_only=read_only)
    if remote is not None:
        return cast(Store, remote)
    return DuckDBStore(Path(text).expanduser(), read_only=read_only, memory_limit=memory_limit)
