"""The PostgreSQL backend: the same store, schema and queries as DuckDB, on a shared server.

:class:`PostgresStore` runs the shared queries of :class:`~bilat.store.sql_store.SQLStore`;
its :data:`POSTGRES` dialect says how they differ (``col = ANY(?)`` for a list parameter,
psycopg's ``%s`` parameters, psycopg's errors). :class:`_Connection` gives a psycopg connection
the small surface the store calls (``execute(…).fetchall()``, ``cursor``,
``begin``/``commit``/``rollback``). Rows are written with COPY into a temporary table, then the
shared ``INSERT … SELECT``, the PostgreSQL counterpart of DuckDB's Arrow insert. Writers take a
transaction-scoped advisory lock, so two ``bilat ingest`` processes on one database never write
the same document twice.

    with PostgresStore("postgresql://bilat@127.0.0.1:5432/bilat") as store:
        store.add(extractions)
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Self

import psycopg

from bilat.errors import StoreError
from bilat.records import Extraction, Rejection
from bilat.store.backend import Connection
from bilat.store.base import AddResult
from bilat.store.dialect import Dialect
from bilat.store.documents import BATCH_TABLE, INSERTS, Batch
from bilat.store.sql_store import SQLStore

POSTGRES = Dialect(
    "PostgreSQL", errors=(psycopg.Error,), any_template="{column} = ANY(?)", pyformat=True
)
"""PostgreSQL through psycopg: ``= ANY`` over an array parameter, ``%s`` placeholders."""

_WRITER_LOCK = 0x62696C6174  # "bilat": one advisory lock key serialises writers across processes


class _Cursor:
    """A psycopg cursor answering like a DuckDB result: execute returns self, then fetchall."""

    def __init__(self, cursor: psycopg.Cursor[Any], lock: threading.RLock) -> None:
        self._cursor = cursor
        self._lock = lock

    def execute(self, statement: str, params: Sequence[Any] | None = None) -> Self:
        with self._lock:
            self._cursor.execute(POSTGRES.prepare(statement), params or None)
        return self

    def executemany(self, statement: str, rows: Sequence[Sequence[Any]]) -> Self:
        with self._lock:
            self._cursor.executemany(POSTGRES.prepare(statement), rows)
        return self

    def fetchall(self) -> list[tuple[Any, ...]]:
        with self._lock:
            if self._cursor.description is None:
                return []
            return list(self._cursor.fetchall())

    @property
    def description(self) -> Any:
        return self._cursor.description

    def close(self) -> None:
        with self._lock:
            self._cursor.close()


class _Connection:
    """One autocommit psycopg connection with the connection methods the store calls."""

    def __init__(self, connection: psycopg.Connection[Any]) -> None:
        self.raw = connection
        # psycopg serialises work on a connection; the lock keeps execute+fetch pairs together.
        self._lock = threading.RLock()

    def cursor(self) -> _Cursor:
        return _Cursor(self.raw.cursor(), self._lock)

    def execute(self, statement: str, params: Sequence[Any] | None = None) -> _Cursor:
        return self.cursor().execute(statement, params)

    def executemany(self, statement: str, rows: Sequence[Sequence[Any]]) -> _Cursor:
        return self.cursor().executemany(statement, rows)

    def begin(self) -> None:
        self.execute("BEGIN")

    def commit(self) -> None:
        self.execute("COMMIT")

    def rollback(self) -> None:
        self.execute("ROLLBACK")

    def close(self) -> None:
        self.raw.close()


def _safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(//[^:/@]+):[^@]*@", r"\1:***@", url)


class PostgresStore(SQLStore):
    """A :class:`~bilat.store.base.Store` in a PostgreSQL database, migrated to the latest schema.

        with PostgresStore("postgresql://bilat@127.0.0.1:5432/bilat") as store:
            store.count_events()

    Args:
        url: A ``postgresql://user[:password]@host[:port]/database`` URL.
        read_only: Open a read-only session; :meth:`add` is refused.

    Raises:
        StoreError: The server cannot be reached, the login fails, or the schema is newer.
    """

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        self.url = _safe_url(url)
        self.read_only = read_only
        self.dialect = POSTGRES
        self._lock = threading.RLock()
        self._closed = False
        options = "-c default_transaction_read_only=on" if read_only else ""
        try:
            raw = psycopg.connect(url, autocommit=True, options=options, connect_timeout=10)
        except psycopg.Error as error:
            raise StoreError(
                f"cannot connect to {self.url!r}: {str(error).strip()}; check that the server "
                "is running, and the host, port, user, password and database in the URL",
                url=self.url,
            ) from error
        self._con = _Connection(raw)
        try:
            self._prepare()
        except BaseException:
            raw.close()
            raise

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the writer lock across several calls, against other processes too."""
        with self._lock:
            self._check_open()
            self._con.execute("SELECT pg_advisory_lock(?)", [_WRITER_LOCK]).fetchall()
            try:
                yield
            finally:
                self._con.execute("SELECT pg_advisory_unlock(?)", [_WRITER_LOCK]).fetchall()

    def _write(
        self, con: Connection, extractions: Sequence[Extraction], rejections: Sequence[Rejection]
    ) -> AddResult:
        # Inside add()'s transaction: a second writer waits here until the first commits, then
        # finds its documents already stored and skips them.
        self._claim(con)
        return super()._write(con, extractions, rejections)

    def _claim(self, con: Connection) -> None:
        """Hold the writer lock against other processes until the transaction ends."""
        # Taken again by the same transaction it is held once more, and freed at its end.
        con.execute("SELECT pg_advisory_xact_lock(?)", [_WRITER_LOCK]).fetchall()

    def _insert_rows(self, con: Connection, batch: Batch) -> None:
        connection: psycopg.Connection[Any] = con.raw
        for insert in INSERTS:
            rows = batch.rows(insert)
            if not rows:
                continue
            names = ", ".join(f'"{column}"' for column in insert.columns)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"CREATE TEMP TABLE {BATCH_TABLE} ON COMMIT DROP AS "
                    f"SELECT {names} FROM {insert.table} WITH NO DATA"
                )
                with cursor.copy(f"COPY {BATCH_TABLE} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                cursor.execute(insert.statement)
                cursor.execute(f"DROP TABLE {BATCH_TABLE}")
