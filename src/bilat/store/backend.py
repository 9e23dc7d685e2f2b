"""What every SQL backend shares: its connection's lifecycle, reads, transactions and writes.

:class:`Backend` holds one writing connection under a lock and turns the driver's errors (its
:class:`~bilat.store.dialect.Dialect` names their types) into :class:`~bilat.errors.StoreError`
messages that say what to do. The store's concerns (documents, events, verdicts, dedup state,
monitoring) are mixins over it; each backend supplies the connection and its dialect.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Self

from bilat.errors import StoreError
from bilat.store import summary
from bilat.store.dialect import Dialect
from bilat.store.migrations import check_not_newer, migrate, pending

Connection = Any
"""The backend's connection or cursor: DuckDB's own, or the PostgreSQL store's wrapper; both
take ``execute(sql, params)`` with ``?`` parameters and answer ``fetchall()``."""


def now() -> datetime:
    """Return the current time in UTC without its zone, as the timestamp columns keep it."""
    return datetime.now(UTC).replace(tzinfo=None)


def stamp(value: datetime | None) -> str | None:
    """Return a stored timestamp as ISO text to the second, or None."""
    return value.isoformat(timespec="seconds") if value is not None else None


def write_hint(error: Exception) -> str:
    """Return how to fix a failed write, for the failures a user can fix."""
    text = str(error).lower()
    if "no space left" in text or "disk is full" in text:
        return (
            "; the disk is full: free some space (or move the database to another disk with "
            "--db) and run the same command again"
        )
    if "read-only" in text or "permission denied" in text:
        return "; the file or its disk is read-only: make it writable or use another --db path"
    return ""


class Backend:
    """A connection to a bilat database, with the locks, reads and writes every concern uses.

    Subclasses open ``_con`` and set ``url``, ``read_only`` and ``dialect``, then call
    :meth:`_prepare`; ``_readers`` is an optional second connection that only makes read
    cursors, so a read never waits for a write.
    """

    url: str
    read_only: bool
    dialect: Dialect
    _con: Connection
    _lock: Any
    _closed: bool
    _readers: Connection | None = None
    _readers_lock: Any = None

    _summary_reads = True
    """Answer counts, timelines and the dyad table from the summary tables when they can."""

    def _prepare(self) -> None:
        if not self.read_only:
            migrate(self._con, dialect=self.dialect)
            return
        try:
            check_not_newer(self._con)
            missing = pending(self._con)
        except self.dialect.errors as error:
            raise StoreError(
                f"cannot read {self.url!r}: {error}; check that it is a database bilat wrote",
                url=self.url,
            ) from error
        if missing:
            raise StoreError(
                f"{self.url!r} lacks schema migrations {[m.version for m in missing]}; open it "
                "once without read_only (e.g. `bilat ingest` with no inputs) to upgrade it",
                url=self.url,
            )

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection; closing twice is harmless."""
        with self._lock:
            if not self._closed:
                self._closed = True
                if self._readers is not None:
                    with self._readers_lock:
                        self._readers.close()
                self._con.close()

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the writer lock across several calls; DuckDB admits one writing process anyway."""
        with self._lock:
            self._check_open()
            yield

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        cursor = self._read_cursor()
        try:
            yield cursor
        except self.dialect.errors as error:
            raise StoreError(f"cannot read {self.url!r}: {error}", url=self.url) from error
        finally:
            cursor.close()

    def _read_cursor(self) -> Connection:
        if self._readers is None:
            with self._lock:
                self._check_open()
                return self._con.cursor()
        with self._readers_lock:
            self._check_open()
            return self._readers.cursor()

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"the store {self.url!r} is closed; open it again", url=self.url)

    def _writable(self, action: str) -> None:
        if self.read_only:
            raise StoreError(
                f"{self.url!r} is open read-only; open it without read_only to {action}",
                url=self.url,
            )

    @contextmanager
    def _transaction(self, failure: Callable[[Exception], str]) -> Iterator[Connection]:
        """Run a block in one transaction under the writer lock; roll back on any error.

        A database error becomes a :class:`StoreError` whose message is ``failure(error)``;
        anything else (an interrupt, a bug) is re-raised after the rollback.
        """
        with self._lock:
            self._check_open()
            con = self._con
            con.begin()
            try:
                yield con
                con.commit()
            except BaseException as error:
                self._rollback(con)
                if isinstance(error, self.dialect.errors):
                    raise StoreError(failure(error), url=self.url) from error
                raise

    def _write_steps(
        self,
        steps: Sequence[tuple[str, list[Any]]],
        what: str,
        *,
        event_ids: Collection[str] = (),
        doc_ids: Collection[str] = (),
    ) -> None:
        if not steps:
            return
        self._writable(what)
        with (
            self._transaction(self._nothing_written(what)) as con,
            # The summary rows of the events and documents the steps change follow them.
            summary.maintained(con, event_ids=event_ids, doc_ids=doc_ids),
        ):
            for statement, params in steps:
                con.execute(statement, params).fetchall()

    def _write_many(self, statement: str, rows: Sequence[Sequence[Any]], what: str) -> None:
        self._writable(what)
        with self._transaction(self._nothing_written(what)) as con:
            for row in rows:
                con.execute(statement, list(row)).fetchall()

    def _nothing_written(self, what: str) -> Callable[[Exception], str]:
        return lambda error: f"cannot {what} in {self.url!r}: {error}; nothing was written"

    @staticmethod
    def _count(con: Connection, table: str) -> int:
        # fetchall, not fetchone: DuckDB refuses new work while a result is left half-read.
        rows = con.execute(f"SELECT count(*) FROM {table}").fetchall()
        return int(rows[0][0])

    def _table_size(self, table: str) -> int:
        with self._reading() as cursor:
            return self._count(cursor, table)

    def _rollback(self, con: Connection) -> None:
        """Roll back, unless the failed statement (a COMMIT on a full disk) already ended it."""
        # Raising here would hide the error that made the write fail.
        with contextlib.suppress(*self.dialect.errors):
            con.rollback()
