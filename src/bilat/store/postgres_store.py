"""The PostgreSQL backend: the same store, schema and queries as DuckDB, on a shared server.

:class:`PostgresStore` reuses every query of :class:`~bilat.store.duckdb_store.DuckDBStore`
through :class:`_Connection`, which gives a psycopg connection the small DuckDB surface the store
uses (``execute``, ``cursor``, ``begin``/``commit``/``rollback``) and rewrites DuckDB's SQL
spellings into PostgreSQL's (``?`` placeholders, ``list_contains``). Rows are written with COPY
into a temporary table, then one ``INSERT … SELECT``, the PostgreSQL counterpart of DuckDB's Arrow
insert. Writers take a transaction-scoped advisory lock, so two ``bilat ingest`` processes on one
database never write the same document twice.

    with PostgresStore("postgresql://bilat@127.0.0.1:5432/bilat") as store:
        store.add(extractions)
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Self

import duckdb
import psycopg

from bilat.errors import StoreError
from bilat.store.codec import (
    DOCUMENT_COLUMNS,
    EVENT_COLUMNS,
    FACT_COLUMNS,
    MENTION_COLUMNS,
    QUOTE_COLUMNS,
)
from bilat.store.duckdb_store import (
    _BATCH_VIEW,
    _INSERT_DOCUMENTS,
    _INSERT_EVENTS,
    _INSERT_FACTS,
    _INSERT_MENTIONS,
    _INSERT_QUOTES,
    DuckDBStore,
    _Batch,
)

_WRITER_LOCK = 0x62696C6174  # "bilat": one advisory lock key serialises writers across processes

_LIST_CONTAINS = re.compile(r"list_contains\(\s*\?\s*,\s*([\w.\"]+)\s*\)")
_STRING_OR_PLACEHOLDER = re.compile(r"'(?:[^']|'')*'|\?|%")


def translate(statement: str) -> str:
    """Rewrite a statement written for DuckDB into PostgreSQL's spelling.

    ``list_contains(?, col)`` becomes ``col = ANY(%s)``; ``?`` placeholders outside string
    literals become ``%s`` and a literal ``%`` becomes ``%%`` (psycopg's format style).

        >>> translate("SELECT 1 FROM t WHERE list_contains(?, id) AND x LIKE 'a%' AND y = ?")
        "SELECT 1 FROM t WHERE id = ANY(%s) AND x LIKE 'a%%' AND y = %s"
    """
    statement = _LIST_CONTAINS.sub(r"\1 = ANY(?)", statement)

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        return token.replace("%", "%%")

    return _STRING_OR_PLACEHOLDER.sub(replace, statement)


def _as_duckdb_error(error: psycopg.Error) -> duckdb.Error:
    """Re-raise PostgreSQL's errors as the error type the shared store code handles."""
    return duckdb.Error(f"PostgreSQL: {str(error).strip()}")


class _Cursor:
    """A psycopg cursor answering like a DuckDB result: execute returns self, then fetchall."""

    def __init__(self, cursor: psycopg.Cursor[Any], lock: threading.RLock) -> None:
        self._cursor = cursor
        self._lock = lock

    def execute(self, statement: str, params: Sequence[Any] | None = None) -> Self:
        with self._lock:
            try:
                self._cursor.execute(translate(statement), params or None)
            except psycopg.Error as error:
                raise _as_duckdb_error(error) from error
        return self

    def executemany(self, statement: str, rows: Sequence[Sequence[Any]]) -> Self:
        with self._lock:
            try:
                self._cursor.executemany(translate(statement), rows)
            except psycopg.Error as error:
                raise _as_duckdb_error(error) from error
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
    """One autocommit psycopg connection with DuckDB's connection methods the store calls."""

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


class PostgresStore(DuckDBStore):
    """A :class:`~bilat.store.base.Store` in a PostgreSQL database, migrated to the latest schema.

    Args:
        url: A ``postgresql://user[:password]@host[:port]/database`` URL.
        read_only: Open a read-only session; :meth:`add` is refused.

    Raises:
        StoreError: The server cannot be reached, the login fails, or the schema is newer.
    """

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        self.url = _safe_url(url)
        self.read_only = read_only
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
        self._con = _Connection(raw)  # type: ignore[assignment]
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

    def _write(self, con: Any, extractions: Sequence[Any], rejections: Sequence[Any]) -> Any:
        # Inside add()'s transaction: a second writer waits here until the first commits, then
        # finds its documents already stored and skips them.
        con.execute("SELECT pg_advisory_xact_lock(?)", [_WRITER_LOCK]).fetchall()
        return super()._write(con, extractions, rejections)

    def _insert_rows(self, con: Any, batch: _Batch) -> None:
        connection: psycopg.Connection[Any] = con.raw
        for statement, table, columns, rows in (
            (_INSERT_DOCUMENTS, "documents", DOCUMENT_COLUMNS, batch.documents),
            (_INSERT_EVENTS, "events", EVENT_COLUMNS, batch.events),
            (_INSERT_MENTIONS, "mentions", MENTION_COLUMNS, batch.mentions),
            (_INSERT_QUOTES, "quotes", QUOTE_COLUMNS, batch.quotes),
            (_INSERT_FACTS, "facts", FACT_COLUMNS, batch.facts),
        ):
            if not rows:
                continue
            names = ", ".join(f'"{column}"' for column in columns)
            try:
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"CREATE TEMP TABLE {_BATCH_VIEW} ON COMMIT DROP AS "
                        f"SELECT {names} FROM {table} WITH NO DATA"
                    )
                    with cursor.copy(f"COPY {_BATCH_VIEW} ({names}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
                    cursor.execute(statement)
                    cursor.execute(f"DROP TABLE {_BATCH_VIEW}")
            except psycopg.Error as error:
                raise _as_duckdb_error(error) from error
