"""The DuckDB backend: one file (or ``:memory:``) holding documents, events and rejections.

One connection writes, under a lock and in one transaction per :meth:`DuckDBStore.add`; reads
each take their own cursor so a thread pool can run them side by side. The queries are shared
with PostgreSQL (:class:`~bilat.store.sql_store.SQLStore`); what is DuckDB's own is opening the
file, explaining why it cannot be opened, and inserting a batch as Arrow tables.

    >>> with DuckDBStore(":memory:") as store:
    ...     store.add([]).added
    0
"""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb

from bilat.errors import StoreError
from bilat.store.backend import Connection
from bilat.store.dialect import DUCKDB
from bilat.store.documents import BATCH_TABLE, INSERTS, Batch, TableInsert
from bilat.store.sql_store import SQLStore

MEMORY = ":memory:"


def _open_error(error: duckdb.Error, url: str, *, read_only: bool) -> StoreError:
    """Turn DuckDB's reason for not opening a file into a message that says what to do."""
    text = str(error)
    if "lock" in text.lower():
        message = (
            f"cannot open {url!r}: another process is using it ({text}); stop that process "
            "(a running `bilat ingest` or `bilat serve`) or wait for it to finish, then retry"
        )
    elif "permission denied" in text.lower() or "read-only file system" in text.lower():
        message = (
            f"cannot open {url!r} for writing: permission denied; open it read-only "
            "(read_only=True, --read-only) or make the file and its directory writable"
        )
    elif "does not exist" in text.lower() and read_only:
        message = (
            f"cannot open {url!r} read-only: there is no database there; check the path, "
            "or ingest something first to create it"
        )
    elif "no such file or directory" in text.lower():
        message = (
            f"cannot create {url!r}: its directory does not exist; create the directory "
            "or choose another path"
        )
    elif "different configuration" in text.lower():
        message = (
            f"cannot open {url!r} with read_only={read_only}: this process already has it open "
            "in the other mode; close that store first"
        )
    else:
        message = f"cannot open {url!r}: {text}; check that it is a DuckDB database bilat wrote"
    return StoreError(message, url=url)


SMALL_BATCH_ROWS = 200
"""Batches of at most this many rows are inserted from DuckDB list parameters, not Arrow."""


def _listed(insert: TableInsert) -> str:
    """Return the INSERT of one table's rows given as one list parameter per column."""
    columns = ", ".join(f'unnest(?) AS "{column}"' for column in insert.columns)
    source = f"(SELECT {columns}) AS {BATCH_TABLE}"
    return insert.statement.replace(f"FROM {BATCH_TABLE}", f"FROM {source}", 1)


_LISTED = {insert.table: _listed(insert) for insert in INSERTS}


class DuckDBStore(SQLStore):
    """A :class:`~bilat.store.base.Store` kept in a DuckDB file, migrated to the latest schema.

        with DuckDBStore("bilat.duckdb") as store:
            store.add(extractions)

    Args:
        path: The database file, created if absent, or ``":memory:"``.
        read_only: Open without writing; several processes may then read the file at once.
        memory_limit: DuckDB's buffer limit (``"1GB"``); None or empty: DuckDB's default.

    Raises:
        StoreError: The file is locked, unwritable, missing (read-only) or not a bilat database.
    """

    def __init__(
        self, path: str | Path, *, read_only: bool = False, memory_limit: str | None = None
    ) -> None:
        self.url = str(path)
        self.read_only = read_only
        self.dialect = DUCKDB
        self._lock = threading.RLock()
        self._closed = False
        if read_only and self.url == MEMORY:
            raise StoreError(
                "an in-memory database cannot be opened read-only; pass a file path",
                url=self.url,
            )
        config: dict[str, str | bool | int | float | list[str]] = (
            {"memory_limit": memory_limit.strip()} if memory_limit and memory_limit.strip() else {}
        )
        try:
            self._con = duckdb.connect(self.url, read_only=read_only, config=config)
        except duckdb.Error as error:
            if config and "memory" in str(error).lower():
                raise StoreError(
                    f"memory_limit {memory_limit!r} is not a size DuckDB accepts ({error}); "
                    "write it like 1GB or 512MB",
                    url=self.url,
                ) from error
            raise _open_error(error, self.url, read_only=read_only) from error
        try:
            self._prepare()
            # Cursors made from the writing connection would wait for its transaction to end
            # (it is not safe to share between threads); this one only ever makes cursors.
            self._readers = self._con.cursor()
        except BaseException:
            self._con.close()
            raise
        self._readers_lock = threading.Lock()

    def _insert_rows(self, con: Connection, batch: Batch) -> None:
        # Row-by-row executemany costs milliseconds a row in DuckDB; an Arrow table inserted with
        # one INSERT … SELECT costs microseconds. But pyarrow takes a tenth of a CPU second to
        # import and imports pandas on its first array (a third more), so a few rows (one
        # article) go in as list parameters: a little slower per row, and nothing to import.
        if sum(len(batch.rows(insert)) for insert in INSERTS) <= SMALL_BATCH_ROWS:
            for insert in INSERTS:
                rows = batch.rows(insert)
                if rows:
                    listed = [[row[i] for row in rows] for i in range(len(insert.columns))]
                    con.execute(_LISTED[insert.table], listed).fetchall()
            return
        import pyarrow as pa

        for insert in INSERTS:
            rows = batch.rows(insert)
            if not rows:
                continue
            try:
                table = pa.table(
                    {name: [row[i] for row in rows] for i, name in enumerate(insert.columns)}
                )
            except pa.ArrowException as error:
                raise StoreError(
                    f"cannot store {len(rows)} rows: a record holds a value of the wrong type "
                    f"({error}); nothing was written: check the records passed to add()",
                    url=self.url,
                ) from error
            con.register(BATCH_TABLE, table)
            try:
                # DuckDB keeps an unread result open; read it so the next statement may run.
                con.execute(insert.statement).fetchall()
            finally:
                con.unregister(BATCH_TABLE)
