"""The DuckDB backend: one file (or ``:memory:``) holding documents, events and rejections.

One connection writes, under a lock and in one transaction per :meth:`DuckDBStore.add`; reads
each take their own cursor so a thread pool can run them side by side.

    >>> with DuckDBStore(":memory:") as store:
    ...     store.add([]).added
    0
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import duckdb
import pyarrow as pa

from bilat.errors import InputError, StoreError
from bilat.knowledge import Knowledge
from bilat.records import Event, Extraction, Rejection, RejectReason
from bilat.store import codec, sql, summary
from bilat.store import verdicts as verdict_rows
from bilat.store.base import (
    ALL_FACTS,
    ALL_QUOTES,
    EVERY_EVENT,
    ActorRow,
    AddResult,
    ClusteredEvent,
    DatedFact,
    DatedQuote,
    DocumentRow,
    DyadRow,
    EventQuery,
    FactQuery,
    FeedItemRow,
    FeedRow,
    QuoteQuery,
    TimelineRow,
)
from bilat.store.codec import (
    DOCUMENT_COLUMNS,
    EVENT_COLUMNS,
    FACT_COLUMNS,
    MENTION_COLUMNS,
    QUOTE_COLUMNS,
    Row,
)
from bilat.store.migrations import check_not_newer, migrate, pending
from bilat.verdicts import Verdict, anchor_of, apply_judgement, judge, parse_verdict

MEMORY = ":memory:"


_BATCH_VIEW = "bilat_batch"


SMALL_BATCH_ROWS = 200
"""Batches of at most this many rows are inserted from DuckDB list parameters, not Arrow."""


def _insert_select(table: str, columns: Sequence[str], *, ignore_conflicts: bool = False) -> str:
    names = ", ".join(f'"{column}"' for column in columns)  # "symmetric" is a reserved word
    conflict = " ON CONFLICT DO NOTHING" if ignore_conflicts else ""
    return f"INSERT INTO {table} ({names}) SELECT {names} FROM {_BATCH_VIEW}{conflict}"


def _insert_listed(table: str, columns: Sequence[str], *, ignore_conflicts: bool = False) -> str:
    """Return the INSERT of rows given as one list parameter per column, in column order."""
    listed = ", ".join(f'unnest(?) AS "{column}"' for column in columns)
    select = _insert_select(table, columns, ignore_conflicts=ignore_conflicts)
    return select.replace(f"FROM {_BATCH_VIEW}", f"FROM (SELECT {listed}) AS {_BATCH_VIEW}", 1)


_INSERT_DOCUMENTS = _insert_select("documents", DOCUMENT_COLUMNS)
_INSERT_EVENTS = _insert_select("events", EVENT_COLUMNS, ignore_conflicts=True)
_INSERT_MENTIONS = _insert_select("mentions", MENTION_COLUMNS)
_INSERT_QUOTES = _insert_select("quotes", QUOTE_COLUMNS)
_INSERT_FACTS = _insert_select("facts", FACT_COLUMNS)
_INSERT_LISTED = {
    "documents": _insert_listed("documents", DOCUMENT_COLUMNS),
    "events": _insert_listed("events", EVENT_COLUMNS, ignore_conflicts=True),
    "mentions": _insert_listed("mentions", MENTION_COLUMNS),
    "quotes": _insert_listed("quotes", QUOTE_COLUMNS),
    "facts": _insert_listed("facts", FACT_COLUMNS),
}
_INSERT_REJECTION = (
    "INSERT INTO rejections (origin, reason, detail, doc_id, created_at)"
    " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"
)


def _judged(cursor: duckdb.DuckDBPyConnection, events: list[Event]) -> list[Event]:
    """Show events as analysts judged them: corrected code and actors where a verdict says."""
    judged = verdict_rows.judged_for(cursor, [e.id for e in events])
    if not judged:
        return events
    return [apply_judgement(e, *judged[e.id]) if e.id in judged else e for e in events]


# GDELT-style counts of the clusters in a page of events, counted as Store.clusters counts them.
_CLUSTER_COUNTS = """
    SELECT m.cluster_id, count(*), count(DISTINCT m.doc_id),
        count(DISTINCT coalesce(md.outlet, 'document:' || md.id))
    FROM events m JOIN documents md ON md.id = m.doc_id
    WHERE list_contains(?, m.cluster_id) AND md.duplicate_of IS NULL
    GROUP BY m.cluster_id
"""


def _timeline_rows(rows: Iterable[Sequence[Any]]) -> list[TimelineRow]:
    """Return timeline rows from the SQL's (period, events, four quads, mean, sum) tuples."""
    return [
        TimelineRow(
            period=str(period),
            events=int(n),
            verbal_coop=int(vc),
            material_coop=int(mc),
            verbal_conflict=int(vf),
            material_conflict=int(mf),
            goldstein_mean=float(mean),
            goldstein_sum=float(total),
        )
        for period, n, vc, mc, vf, mf, mean, total in rows
    ]


def _with_clusters(
    cursor: duckdb.DuckDBPyConnection, rows: Sequence[tuple[str, str | None]]
) -> list[Event]:
    """Decode ``(data, cluster_id)`` event rows, giving each its cluster's id and counts."""
    wanted = sorted({cluster for _, cluster in rows if cluster is not None})
    counts: dict[str, tuple[int, int, int]] = {}
    if wanted:
        found = cursor.execute(_CLUSTER_COUNTS, [wanted]).fetchall()
        counts = {str(c): (int(n), int(a), int(s)) for c, n, a, s in found}
    events = []
    for data, cluster in rows:
        fields = json.loads(data)
        # Set before decoding: dataclasses.replace afterwards doubles the cost of a read.
        mentions, articles, sources = counts.get(cluster, (1, 1, 1)) if cluster else (1, 1, 1)
        fields["cluster_id"] = cluster
        fields["num_mentions"] = mentions
        fields["num_articles"] = articles
        fields["num_sources"] = sources
        events.append(codec.event_from_dict(fields))
    return events


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back, unless the failed statement (a COMMIT on a full disk) already ended it."""
    # Raising here would hide the error that made the write fail.
    with contextlib.suppress(duckdb.Error):
        con.rollback()


def _write_hint(error: duckdb.Error) -> str:
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


def _stamp(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value is not None else None


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


def _renamed(extraction: Extraction, new_id: str) -> Extraction:
    """Move an extraction to a new document id; its events get ids with the same suffix."""
    suffix = new_id[len(extraction.document.id) :]
    event_ids = {event.id: event.id + suffix for event in extraction.events}
    return dataclasses.replace(
        extraction,
        document=dataclasses.replace(extraction.document, id=new_id),
        events=tuple(
            dataclasses.replace(event, id=event_ids[event.id], doc_id=new_id)
            for event in extraction.events
        ),
        quotes=tuple(dataclasses.replace(quote, doc_id=new_id) for quote in extraction.quotes),
        facts=tuple(
            dataclasses.replace(
                fact,
                doc_id=new_id,
                event_id=event_ids.get(fact.event_id, fact.event_id) if fact.event_id else None,
            )
            for fact in extraction.facts
        ),
    )


@dataclasses.dataclass
class _Batch:
    """The rows one :meth:`DuckDBStore.add` writes, table by table."""

    documents: list[Row] = dataclasses.field(default_factory=list)
    events: list[Row] = dataclasses.field(default_factory=list)
    mentions: list[Row] = dataclasses.field(default_factory=list)
    quotes: list[Row] = dataclasses.field(default_factory=list)
    facts: list[Row] = dataclasses.field(default_factory=list)
    skipped: int = 0
    event_ids: set[str] = dataclasses.field(default_factory=set)
    anchors: dict[str, list[Event]] = dataclasses.field(default_factory=dict)

    def take(self, extraction: Extraction, *, ingested_at: datetime) -> None:
        """Add the rows of one extraction."""
        doc = extraction.document
        self.documents.append(codec.document_row(extraction, ingested_at=ingested_at))
        for ordinal, event in enumerate(extraction.events):
            # Two documents should never yield one event id; if they do, the first one stays.
            if event.id in self.event_ids:
                continue
            self.event_ids.add(event.id)
            date = codec.effective_date(event, extraction.date, doc)
            self.events.append(codec.event_row(event, ordinal=ordinal, date_effective=date))
            self.anchors.setdefault(anchor_of(event, doc.content_hash), []).append(event)
        for ordinal, mention in enumerate(extraction.mentions):
            self.mentions.append(codec.mention_row(mention, doc_id=doc.id, ordinal=ordinal))
        for ordinal, quote in enumerate(extraction.quotes):
            self.quotes.append(codec.quote_row(quote, ordinal=ordinal))
        for ordinal, fact in enumerate(extraction.facts):
            self.facts.append(codec.fact_row(fact, ordinal=ordinal))


class DuckDBStore:
    """A :class:`~bilat.store.base.Store` kept in a DuckDB file, migrated to the latest schema.

        with DuckDBStore("bilat.duckdb") as store:
            store.add(extractions)

    Args:
        path: The database file, created if absent, or ``":memory:"``.
        read_only: Open without writing; several processes may then read the file at once.

    Raises:
        StoreError: The file is locked, unwritable, missing (read-only) or not a bilat database.
    """

    _summary_reads = True
    """Answer counts, timelines and the dyad table from the summary tables when they can."""

    _readers: duckdb.DuckDBPyConnection | None = None
    """A connection used only to make read cursors, so a read never waits for a write."""

    def __init__(
        self, path: str | Path, *, read_only: bool = False, memory_limit: str | None = None
    ) -> None:
        self.url = str(path)
        self.read_only = read_only
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

    def _prepare(self) -> None:
        if not self.read_only:
            migrate(self._con)
            return
        try:
            check_not_newer(self._con)
            missing = pending(self._con)
        except duckdb.Error as error:
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
    def _reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        cursor = self._read_cursor()
        try:
            yield cursor
        except duckdb.Error as error:
            raise StoreError(f"cannot read {self.url!r}: {error}", url=self.url) from error
        finally:
            cursor.close()

    def _read_cursor(self) -> duckdb.DuckDBPyConnection:
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
    def _transaction(
        self, failure: Callable[[duckdb.Error], str]
    ) -> Iterator[duckdb.DuckDBPyConnection]:
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
                _rollback(con)
                if isinstance(error, duckdb.Error):
                    raise StoreError(failure(error), url=self.url) from error
                raise

    def add(
        self, extractions: Sequence[Extraction], rejections: Sequence[Rejection] = ()
    ) -> AddResult:
        """Write extractions and rejections in one transaction; already stored documents skip.

        Args:
            extractions: What the pipeline found, one per document.
            rejections: Inputs that did not become documents.

        Returns:
            The counts of what was written.

        Raises:
            StoreError: The store is read-only or closed, or the write failed (nothing is kept).
        """
        self._writable("add documents")

        def failed(error: duckdb.Error) -> str:
            return (
                f"cannot add {len(extractions)} documents to {self.url!r}: {error}; "
                f"nothing from this batch was written{_write_hint(error)}"
            )

        with self._transaction(failed) as con:
            return self._write(con, extractions, rejections)

    def _write(
        self,
        con: duckdb.DuckDBPyConnection,
        extractions: Sequence[Extraction],
        rejections: Sequence[Rejection],
    ) -> AddResult:
        hashes = [e.document.content_hash for e in extractions]
        known = self._known(con, hashes)
        rows = con.execute(
            "SELECT id, content_hash FROM documents WHERE list_contains(?, id)",
            [sorted({e.document.id for e in extractions})],
        ).fetchall()
        taken: dict[str, str] = {str(i): str(h) for i, h in rows}
        batch = _Batch()
        ingested_at = _now()
        for extraction in extractions:
            doc = extraction.document
            if doc.content_hash in known:
                batch.skipped += 1
                continue
            known.add(doc.content_hash)
            new_id = self._free_id(doc.id, doc.content_hash, taken)
            if new_id != doc.id:
                extraction = _renamed(extraction, new_id)
            taken[new_id] = doc.content_hash
            batch.take(extraction, ingested_at=ingested_at)
        events_before = self._count(con, "events")
        rejections_before = self._count(con, "rejections")
        self._insert_rows(con, batch)
        verdict_rows.reattach(con, batch.anchors, batch.event_ids)
        summary.add_documents(con, [str(row[0]) for row in batch.documents])
        if rejections:
            con.executemany(
                _INSERT_REJECTION,
                [(r.origin, r.reason.value, r.detail, r.doc_id, ingested_at) for r in rejections],
            )
        return AddResult(
            added=len(batch.documents),
            skipped=batch.skipped,
            events=self._count(con, "events") - events_before,
            rejected=self._count(con, "rejections") - rejections_before,
        )

    def _insert_rows(self, con: duckdb.DuckDBPyConnection, batch: _Batch) -> None:
        # Row-by-row executemany costs milliseconds a row in DuckDB; an Arrow table inserted with
        # one INSERT … SELECT costs microseconds. But pyarrow imports pandas on its first array
        # (a third of a CPU second), so a few rows (one article) go in as list parameters:
        # a little slower per row, and nothing to import.
        tables = (
            ("documents", _INSERT_DOCUMENTS, DOCUMENT_COLUMNS, batch.documents),
            ("events", _INSERT_EVENTS, EVENT_COLUMNS, batch.events),
            ("mentions", _INSERT_MENTIONS, MENTION_COLUMNS, batch.mentions),
            ("quotes", _INSERT_QUOTES, QUOTE_COLUMNS, batch.quotes),
            ("facts", _INSERT_FACTS, FACT_COLUMNS, batch.facts),
        )
        small = sum(len(rows) for *_, rows in tables) <= SMALL_BATCH_ROWS
        for table_name, statement, columns, rows in tables:
            if not rows:
                continue
            if small:
                listed = [[row[i] for row in rows] for i in range(len(columns))]
                con.execute(_INSERT_LISTED[table_name], listed).fetchall()
                continue
            try:
                table = pa.table({name: [row[i] for row in rows] for i, name in enumerate(columns)})
            except pa.ArrowException as error:
                raise StoreError(
                    f"cannot store {len(rows)} rows: a record holds a value of the wrong type "
                    f"({error}); nothing was written: check the records passed to add()",
                    url=self.url,
                ) from error
            con.register(_BATCH_VIEW, table)
            try:
                # DuckDB keeps an unread result open; read it so the next statement may run.
                con.execute(statement).fetchall()
            finally:
                con.unregister(_BATCH_VIEW)

    @staticmethod
    def _free_id(doc_id: str, content_hash: str, taken: dict[str, str]) -> str:
        if doc_id not in taken:
            return doc_id
        for width in (8, 16, len(content_hash)):
            candidate = f"{doc_id}~{content_hash[:width]}"
            if candidate not in taken:
                return candidate
        raise StoreError(f"no free id for document {doc_id!r}; give it another id")

    @staticmethod
    def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
        # fetchall, not fetchone: DuckDB refuses new work while a result is left half-read.
        rows = con.execute(f"SELECT count(*) FROM {table}").fetchall()
        return int(rows[0][0])

    @staticmethod
    def _known(con: duckdb.DuckDBPyConnection, hashes: Iterable[str]) -> set[str]:
        wanted = sorted(set(hashes))
        if not wanted:
            return set()
        rows = con.execute(
            "SELECT content_hash FROM documents WHERE list_contains(?, content_hash)", [wanted]
        ).fetchall()
        return {str(row[0]) for row in rows}

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """Return those of the given content hashes that are already stored.

        Args:
            hashes: Content hashes, as :func:`bilat.records.content_hash` makes them.

        Returns:
            The subset already in the store.
        """
        with self._reading() as cursor:
            return self._known(cursor, hashes)

    def documents(
        self, *, status: str | None = None, limit: int | None = None
    ) -> list[DocumentRow]:
        """List accepted documents then rejected inputs, each in the order they were stored.

        Args:
            status: ``"accepted"`` or ``"rejected"`` to list only those; None lists both.
            limit: At most this many rows.

        Returns:
            The rows.

        Raises:
            InputError: The status or limit is not valid.
        """
        if status not in (None, "accepted", "rejected"):
            raise InputError(
                f"unknown document status {status!r}; use 'accepted' or 'rejected'",
                origin="documents(status)",
            )
        if limit is not None and limit < 0:
            raise InputError(f"limit must be 0 or more, got {limit}", origin="documents(limit)")
        query = """
            SELECT id, title, published, date_precision, date_source, n_events, status,
                reason, origin, detail, earliest, latest
            FROM (
                SELECT id, title, date_value AS published, date_precision, date_source,
                    n_events, 'accepted' AS status, CAST(NULL AS VARCHAR) AS reason, origin,
                    CAST(NULL AS VARCHAR) AS detail, date_earliest AS earliest,
                    date_latest AS latest, 0 AS part, seq
                FROM documents
                UNION ALL
                SELECT doc_id, NULL, NULL, NULL, NULL, 0, 'rejected', reason, origin, detail,
                    NULL, NULL, 1, seq
                FROM rejections
            ) listed
        """
        params: list[Any] = []
        if status is not None:
            query += " WHERE status = ?"
            params.append(status)
        query += " ORDER BY part, seq"
        if limit is not None:
            query += " LIMIT ?"
            params.append(limit)
        with self._reading() as cursor:
            rows = cursor.execute(query, params).fetchall()
        return [DocumentRow(*row) for row in rows]

    def count_documents(self) -> dict[str, int]:
        """Count the stored documents and the rejected inputs.

        Returns:
            ``{"accepted": …, "rejected": …}``, as :meth:`documents` would list them.
        """
        with self._reading() as cursor:
            rows = cursor.execute(
                "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM rejections)"
            ).fetchall()
        return {"accepted": int(rows[0][0]), "rejected": int(rows[0][1])}

    def extraction(self, doc_id: str) -> Extraction | None:
        """Return everything stored for one document, or None if there is no such document.

        Args:
            doc_id: The document's id as stored (possibly ``"<id>~<hash8>"``).

        Returns:
            The extraction, equal to the one added (minus events whose id another document
            already had).
        """
        with self._reading() as cursor:
            found = cursor.execute("SELECT * FROM documents WHERE id = ?", [doc_id])
            rows = found.fetchall()
            if not rows:
                return None
            names = [d[0] for d in found.description or ()]
            record = dict(zip(names, rows[0], strict=True))
            parts = {
                table: [
                    json.loads(data)
                    for (data,) in cursor.execute(
                        f"SELECT data FROM {table} WHERE doc_id = ? ORDER BY ordinal", [doc_id]
                    ).fetchall()
                ]
                for table in ("mentions", "events", "quotes", "facts")
            }
        document, date = codec.document_from_row(record)
        return codec.extraction_from_dict(
            {
                "document": document.as_dict(),
                "date": date.as_dict(),
                "mentions": parts["mentions"],
                "events": parts["events"],
                "quotes": parts["quotes"],
                "facts": parts["facts"],
                "sentences": json.loads(record["sentences"]),
            }
        )

    def event(self, event_id: str) -> Event | None:
        """Return one event by its stable id, whatever its factuality, or None."""
        with self._reading() as cursor:
            rows = cursor.execute(
                "SELECT data, cluster_id FROM events WHERE id = ?", [event_id]
            ).fetchall()
            found = _judged(cursor, _with_clusters(cursor, rows))
        return found[0] if found else None

    def events(self, query: EventQuery = EVERY_EVENT) -> list[Event]:
        """Return the events that match a query, in its order, paged by its limit and offset.

        Args:
            query: Filters, order and page.

        Returns:
            The events, equal to those added.

        Raises:
            InputError: A query value cannot be used.
        """
        clause, params = sql.where(query)
        paging, page_params = sql.page(query)
        statement = (
            f"SELECT e.data, e.cluster_id FROM events e WHERE {clause}"
            f" ORDER BY {sql.order_by(query)} {paging}"
        )
        with self._reading() as cursor:
            rows = cursor.execute(statement, params + page_params).fetchall()
            return _judged(cursor, _with_clusters(cursor, rows))

    def count_events(self, query: EventQuery = EVERY_EVENT) -> int:
        """Return how many events match a query, ignoring its limit, offset and order.

        Args:
            query: Filters.

        Returns:
            The number of matching events.
        """
        clause, params = sql.where(query)
        with self._reading() as cursor:
            counted = summary.count_events(cursor, query) if self._summary_reads else None
            if counted is not None:
                return counted
            rows = cursor.execute(
                f"SELECT count(*) FROM events e WHERE {clause}", params
            ).fetchall()
        return int(rows[0][0])

    def dyads(self, *, directed: bool = False, query: EventQuery | None = None) -> list[DyadRow]:
        """Summarise events by pair of countries, most events first.

        Args:
            directed: Keep source → target apart instead of merging both directions.
            query: Filters on the events summarised (factuality defaults to the counted ones).

        Returns:
            One row per dyad, sorted by events descending, then ``a`` and ``b``.
        """
        statement, params = sql.dyads(directed=directed, query=query or EVERY_EVENT)
        with self._reading() as cursor:
            rows = (
                summary.dyads(cursor, directed=directed, query=query or EVERY_EVENT)
                if self._summary_reads
                else None
            )
            if rows is None:
                rows = cursor.execute(statement, params).fetchall()
        return [
            DyadRow(
                a=a,
                b=b,
                events=int(n),
                verbal_coop=int(vc),
                material_coop=int(mc),
                verbal_conflict=int(vf),
                material_conflict=int(mf),
                goldstein_mean=float(mean),
                goldstein_sum=float(total),
                first=first,
                last=last,
                documents=int(docs),
                sources=int(sources),
            )
            for a, b, n, vc, mc, vf, mf, mean, total, first, last, docs, sources in rows
        ]

    def facts(self, query: FactQuery = ALL_FACTS) -> list[DatedFact]:
        """Return the stored facts that match a query, in date order, paged.

        Args:
            query: Filters and page.

        Returns:
            The facts, equal to those added, with their dates and linked event's actors.

        Raises:
            InputError: A query value cannot be used.
        """
        statement, params = sql.facts(query)
        with self._reading() as cursor:
            rows = cursor.execute(statement, params).fetchall()
        return [
            DatedFact(
                fact=codec.fact_from_dict(json.loads(data)),
                date=date,
                source=source,
                target=target,
            )
            for data, date, source, target in rows
        ]

    def quotes(self, query: QuoteQuery = ALL_QUOTES) -> list[DatedQuote]:
        """Return the stored quotes that match a query, in date order, paged.

        Args:
            query: Filters and page.

        Returns:
            The quotes, equal to those added, with their documents' dates.

        Raises:
            InputError: A query value cannot be used.
        """
        statement, params = sql.quotes(query)
        with self._reading() as cursor:
            rows = cursor.execute(statement, params).fetchall()
        return [
            DatedQuote(quote=codec.quote_from_dict(json.loads(data)), date=date)
            for data, date in rows
        ]

    def timeline(self, query: EventQuery, by: str) -> list[TimelineRow]:
        """Count a query's events per period, in SQL; periods without events are absent.

        Args:
            query: Filters on the events (factuality defaults to the counted ones); its
                since/until compare with each event's placed date.
            by: ``week``, ``month``, ``quarter`` or ``year``.

        Returns:
            One row per period holding events, oldest first.

        Raises:
            InputError: ``by`` is unknown or a filter value cannot be used.
        """
        statement, params = sql.timeline(query, by)
        with self._reading() as cursor:
            rows = summary.timeline(cursor, query, by) if self._summary_reads else None
            if rows is None:
                rows = cursor.execute(statement, params).fetchall()
        return _timeline_rows(rows)

    def timelines(self, pairs: Sequence[tuple[str, str]], by: str) -> list[list[TimelineRow]]:
        """Return several dyads' timelines, each what ``timeline(EventQuery(dyad=pair), by)`` is.

        Args:
            pairs: Country pairs, either order.
            by: ``week``, ``month``, ``quarter`` or ``year``.

        Returns:
            One list of rows per pair, in the pairs' order.

        Raises:
            InputError: ``by`` is unknown or a pair cannot be used.
        """
        queries = [EventQuery(dyad=pair) for pair in pairs]
        for query in queries:
            sql.timeline(query, by)  # the same validation and messages as timeline()
        with self._reading() as cursor:
            found = summary.timelines(cursor, pairs, by) if self._summary_reads else None
        if found is None:
            return [self.timeline(query, by) for query in queries]
        return [_timeline_rows(rows) for rows in found]

    def actors(
        self, query: EventQuery | None = None, *, limit: int | None = None
    ) -> list[ActorRow]:
        """Count the events each actor code takes part in, most events first.

        Args:
            query: Filters on the events counted (factuality defaults to the counted ones).
            limit: At most this many actors.

        Returns:
            One row per actor code, sorted by events descending, then code.
        """
        statement, params = sql.actors(query or EVERY_EVENT, limit=limit)
        with self._reading() as cursor:
            rows = cursor.execute(statement, params).fetchall()
        return [
            ActorRow(
                code=code,
                country=country,
                sector=sector,
                name=name,
                events=int(n),
                as_source=int(sources),
                as_target=int(targets),
                first=first,
                last=last,
            )
            for code, country, sector, name, n, sources, targets, first, last in rows
        ]

    def set_verdict(
        self,
        event_id: str,
        verdict: str,
        *,
        note: str | None = None,
        cameo: str | None = None,
        source_code: str | None = None,
        target_code: str | None = None,
        knowledge: Knowledge | None = None,
    ) -> Verdict:
        """Record an analyst's verdict on an event, replacing any earlier one.

        See :meth:`bilat.store.base.Store.set_verdict`; ``knowledge`` (default: the bundled
        knowledge) is where CAMEO and actor codes are checked.

        Returns:
            The verdict as stored.

        Raises:
            InputError: Unknown verdict, event, CAMEO or actor code, or corrections that do
                not fit the verdict.
            StoreError: The store is read-only or the write failed.
        """
        kind = parse_verdict(verdict)
        kb = knowledge or Knowledge.load()
        self._writable("record verdicts")
        with self._lock:
            self._check_open()
            found = verdict_rows.machine_event(self._con, event_id)
            if found is None:
                raise InputError(
                    f"no event with id {event_id!r}; list ids with `bilat events --format json`",
                    origin="verdict",
                )
            machine, content_hash = found
            corrections = {
                "cameo": cameo or None,
                "source_code": source_code.upper() if source_code else None,
                "target_code": target_code.upper() if target_code else None,
            }
            judged = judge(machine, kind, knowledge=kb, **corrections)
            record = Verdict(
                event_id=event_id,
                verdict=kind,
                note=note,
                anchor=anchor_of(machine, content_hash),
                machine_cameo=machine.cameo,
                machine_source=machine.source.code,
                machine_target=machine.target.code if machine.target else None,
                **corrections,
            )
            with (
                self._transaction(
                    lambda error: (
                        f"cannot record the verdict on {event_id!r} in {self.url!r}: "
                        f"{error}; nothing was written"
                    )
                ) as con,
                summary.maintained(con, event_ids=[event_id]),
            ):
                verdict_rows.write(con, record, judged, now=_now())
                verdict_rows.sync_event(con, event_id)
            return verdict_rows.read(self._con, event_id)[0]

    def verdict(self, event_id: str) -> Verdict | None:
        """Return the verdict on an event, or None if it has none."""
        with self._reading() as cursor:
            found = verdict_rows.read(cursor, event_id)
        return found[0] if found else None

    def verdicts(self) -> list[Verdict]:
        """Return every verdict, oldest first (including those whose event is gone)."""
        with self._reading() as cursor:
            return verdict_rows.read(cursor)

    def document_links(self, doc_ids: Iterable[str]) -> dict[str, tuple[str | None, str | None]]:
        """Return each stored document's address (its URL, else its origin) and title.

        Args:
            doc_ids: Document ids; unknown ones are left out.

        Returns:
            ``(address, title)`` by document id.
        """
        with self._reading() as cursor:
            rows = cursor.execute(
                "SELECT id, coalesce(url, origin), title FROM documents WHERE list_contains(?, id)",
                [sorted(set(doc_ids))],
            ).fetchall()
        return {str(i): (address, title) for i, address, title in rows}

    def document_cards(self, doc_ids: Iterable[str]) -> dict[str, dict[str, str | None]]:
        """Return what an event page lists of each reporting article, in one query.

        Args:
            doc_ids: Document ids; unknown ones are left out.

        Returns:
            By document id: ``id``, ``title``, ``published`` (the best date), ``url``,
            ``outlet`` and ``origin``.
        """
        with self._reading() as cursor:
            rows = cursor.execute(
                "SELECT id, title, date_value, url, outlet, origin FROM documents"
                " WHERE list_contains(?, id)",
                [sorted(set(doc_ids))],
            ).fetchall()
        keys = ("id", "title", "published", "url", "outlet", "origin")
        return {str(row[0]): dict(zip(keys, row, strict=True)) for row in rows}

    def remove_document(self, doc_id: str) -> bool:
        """Delete a document with its events, mentions, quotes and facts; keep its verdicts.

        Re-adding the document (or a re-coded extraction of it) re-attaches the verdicts.

        Args:
            doc_id: The stored document id.

        Returns:
            True if a document was removed, False if there was none.

        Raises:
            StoreError: The store is read-only or the delete failed (nothing is removed).
        """
        self._writable("remove documents")
        with self._transaction(
            lambda error: (
                f"cannot remove document {doc_id!r} from {self.url!r}: {error}; nothing was removed"
            )
        ) as con:
            gone = con.execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchall()
            with summary.maintained(con, doc_ids=[doc_id]):
                for table in ("facts", "quotes", "mentions", "events", "documents"):
                    key = "id" if table == "documents" else "doc_id"
                    con.execute(f"DELETE FROM {table} WHERE {key} = ?", [doc_id]).fetchall()
        return bool(gone)

    def rejections(self) -> list[Rejection]:
        """Return every recorded rejection, in the order they were recorded."""
        with self._reading() as cursor:
            rows = cursor.execute(
                "SELECT origin, reason, detail, doc_id FROM rejections ORDER BY seq"
            ).fetchall()
        return [
            Rejection(origin=origin, reason=RejectReason(reason), detail=detail, doc_id=doc_id)
            for origin, reason, detail, doc_id in rows
        ]

    def clusters(self, query: EventQuery = EVERY_EVENT) -> list[ClusteredEvent]:
        """Return the events :meth:`events` returns, each with its cluster's id and counts.

        Args:
            query: Filters, order and page, as for :meth:`events`.

        Returns:
            One row per event: by default each cluster's representative, with ``mentions=True``
            every mention (each carrying its cluster's counts).

        Raises:
            InputError: A query value cannot be used.
        """
        clause, params = sql.where(query)
        paging, page_params = sql.page(query)
        statement = f"""
            WITH counts AS (
                SELECT m.cluster_id, count(*) AS mentions, count(DISTINCT m.doc_id) AS articles,
                    count(DISTINCT coalesce(md.outlet, 'document:' || md.id)) AS sources,
                    min(coalesce(md.date_value, md.published)) AS first_report,
                    max(coalesce(md.date_value, md.published)) AS last_report
                FROM events m JOIN documents md ON md.id = m.doc_id
                WHERE m.cluster_id IS NOT NULL AND md.duplicate_of IS NULL
                GROUP BY m.cluster_id
            )
            SELECT e.data, coalesce(e.cluster_id, e.id), coalesce(c.mentions, 1),
                coalesce(c.articles, 1), coalesce(c.sources, 1),
                coalesce(c.first_report, ed.date_value, ed.published),
                coalesce(c.last_report, ed.date_value, ed.published)
            FROM events e
            JOIN documents ed ON ed.id = e.doc_id
            LEFT JOIN counts c ON c.cluster_id = e.cluster_id
            WHERE {clause} ORDER BY {sql.order_by(query)} {paging}
        """
        with self._reading() as cursor:
            rows = cursor.execute(statement, params + page_params).fetchall()
        return [
            ClusteredEvent(
                event=codec.event_from_json(data),
                cluster_id=str(cluster_id),
                num_mentions=int(mentions),
                num_articles=int(articles),
                num_sources=int(sources),
                first_report=first,
                last_report=last,
            )
            for data, cluster_id, mentions, articles, sources, first, last in rows
        ]

    def cluster_mentions(self, cluster_id: str) -> list[Event]:
        """Return every mention of one cluster in store order (empty for an unknown id)."""
        with self._reading() as cursor:
            rows = cursor.execute(
                "SELECT e.data FROM events e JOIN documents d ON d.id = e.doc_id"
                f" WHERE e.cluster_id = ? AND {sql.NOT_DUPLICATE} ORDER BY d.seq, e.ordinal",
                [cluster_id],
            ).fetchall()
        return [codec.event_from_json(data) for (data,) in rows]

    def unsigned_documents(self) -> list[tuple[str, str]]:
        """Return ``(doc_id, text)`` of documents not checked for near-duplicates, in store order."""
        with self._reading() as cursor:
            rows = cursor.execute(
                "SELECT d.id, d.text FROM documents d WHERE d.id NOT IN"
                " (SELECT s.doc_id FROM document_signatures s) ORDER BY d.seq"
            ).fetchall()
        return [(str(doc_id), str(text)) for doc_id, text in rows]

    def signatures(self) -> list[tuple[str, str, str | None]]:
        """Return ``(doc_id, hashvalues, duplicate_of)`` of every checked document, in order."""
        with self._reading() as cursor:
            rows = cursor.execute(
                "SELECT s.doc_id, s.hashvalues, d.duplicate_of FROM document_signatures s"
                " JOIN documents d ON d.id = s.doc_id ORDER BY d.seq"
            ).fetchall()
        return [(str(doc_id), str(values), original) for doc_id, values, original in rows]

    def save_signatures(self, rows: Sequence[tuple[str, str, str | None, float | None]]) -> None:
        """Store ``(doc_id, hashvalues, duplicate_of, similarity)`` for checked documents.

        Raises:
            StoreError: The store is read-only or closed, or the write failed (nothing is kept).
        """
        if not rows:
            return
        now = _now()
        steps: list[tuple[str, list[Any]]] = [
            (
                "INSERT INTO document_signatures (doc_id, hashvalues, created_at)"
                " SELECT unnest(CAST(? AS VARCHAR[])), unnest(CAST(? AS VARCHAR[])), ?"
                " ON CONFLICT DO NOTHING",
                [[r[0] for r in rows], [r[1] for r in rows], now],
            )
        ]
        steps += [
            (
                "UPDATE documents SET duplicate_of = ?, duplicate_similarity = ? WHERE id = ?",
                [original, similarity, doc_id],
            )
            for doc_id, _, original, similarity in rows
            if original is not None
        ]
        marked = [r[0] for r in rows if r[2] is not None]
        self._write_steps(steps, "store document signatures", doc_ids=marked)

    def unclustered_events(self) -> list[tuple[Event, str | None]]:
        """Return ``(event, date)`` of checked, non-duplicate events not yet clustered, in order."""
        with self._reading() as cursor:
            rows = cursor.execute(
                "SELECT e.data, e.date_effective FROM events e JOIN documents d ON d.id = e.doc_id"
                " WHERE e.cluster_id IS NULL AND d.duplicate_of IS NULL"
                " AND d.id IN (SELECT s.doc_id FROM document_signatures s)"
                " ORDER BY d.seq, e.ordinal"
            ).fetchall()
        return [(codec.event_from_json(data), date) for data, date in rows]

    def clustered_events(self, since: str, until: str) -> list[tuple[Event, str | None, str]]:
        """Return ``(event, date, cluster_id)`` of clusters first reported in a date range.

        Args:
            since: First date (ISO) of the clusters' first mentions, inclusive.
            until: Last date, inclusive.

        Returns:
            Every mention of those clusters, in the order they were clustered.
        """
        with self._reading() as cursor:
            rows = cursor.execute(
                "SELECT e.data, e.date_effective, e.cluster_id FROM events e"
                " JOIN events f ON f.id = e.cluster_id JOIN documents d ON d.id = e.doc_id"
                " WHERE f.date_effective >= ? AND f.date_effective <= ?"
                " AND d.duplicate_of IS NULL ORDER BY d.seq, e.ordinal",
                [since, until],
            ).fetchall()
        return [(codec.event_from_json(data), date, str(cid)) for data, date, cid in rows]

    def assign_clusters(self, assignments: Mapping[str, str]) -> None:
        """Set the cluster of events, given as event id → cluster id, in one transaction.

        Raises:
            StoreError: The store is read-only or closed, or the write failed (nothing is kept).
        """
        groups: dict[str, list[str]] = {}
        for event_id, cluster_id in assignments.items():
            groups.setdefault(cluster_id, []).append(event_id)
        # Most events found their own cluster: one statement sets them all.
        alone = sorted(e for e, c in assignments.items() if e == c)
        steps: list[tuple[str, list[Any]]] = []
        if alone:
            steps.append(("UPDATE events SET cluster_id = id WHERE list_contains(?, id)", [alone]))
        for cluster_id, members in sorted(groups.items()):
            others = sorted(m for m in members if m != cluster_id)
            if others:
                steps.append(
                    (
                        "UPDATE events SET cluster_id = ? WHERE list_contains(?, id)",
                        [cluster_id, others],
                    )
                )
        touched = set(assignments) | set(assignments.values())
        self._write_steps(steps, "assign event clusters", event_ids=touched)

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

    def _nothing_written(self, what: str) -> Callable[[duckdb.Error], str]:
        return lambda error: f"cannot {what} in {self.url!r}: {error}; nothing was written"

    def add_feed(self, url: str, name: str) -> bool:
        """Register a feed (or rename a registered one); return True when it is new."""
        new = not any(feed.url == url for feed in self.feeds())
        self._write_many(
            "INSERT INTO feeds (url, name, added_at) VALUES (?, ?, ?)"
            " ON CONFLICT (url) DO UPDATE SET name = excluded.name",
            [(url, name, _now())],
            "add a feed",
        )
        return new

    def remove_feed(self, url: str) -> bool:
        """Forget a feed and its validators (its items stay); return True when it existed."""
        existed = any(feed.url == url for feed in self.feeds())
        self._write_many("DELETE FROM feeds WHERE url = ?", [(url,)], "remove a feed")
        return existed

    def feeds(self) -> list[FeedRow]:
        """Return every registered feed, in the order they were added."""
        with self._reading() as cursor:
            rows = cursor.execute(
                "SELECT url, name, etag, last_modified, last_success, last_error, last_error_at,"
                " added_at FROM feeds ORDER BY added_at, url"
            ).fetchall()
        return [
            FeedRow(u, n, e, m, _stamp(s), err, _stamp(ea), str(_stamp(a)))
            for u, n, e, m, s, err, ea, a in rows
        ]

    def record_feed_poll(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        error: str | None = None,
    ) -> None:
        """Record a poll: on success its validators (None clears them), else why it failed."""
        if error is not None:
            statement = "UPDATE feeds SET last_error = ?, last_error_at = ? WHERE url = ?"
            params: tuple[Any, ...] = (error, _now(), url)
        else:
            statement = (
                "UPDATE feeds SET etag = ?, last_modified = ?, last_success = ? WHERE url = ?"
            )
            params = (etag, last_modified, _now(), url)
        self._write_many(statement, [params], "record a feed poll")

    def feed_items_known(self, values: Iterable[str]) -> set[str]:
        """Return those of the given URLs or content hashes any feed item already has."""
        wanted = sorted(set(values))
        if not wanted:
            return set()
        with self._reading() as cursor:
            rows = cursor.execute(
                "SELECT url FROM feed_items WHERE list_contains(?, url)"
                " UNION SELECT canonical_url FROM feed_items WHERE list_contains(?, canonical_url)"
                " UNION SELECT content_hash FROM feed_items WHERE list_contains(?, content_hash)",
                [wanted, wanted, wanted],
            ).fetchall()
        return {str(row[0]) for row in rows}

    def add_feed_items(self, items: Sequence[FeedItemRow]) -> int:
        """Record items seen in feeds (an item already recorded for its feed is kept)."""
        before = self._table_size("feed_items")
        self._write_many(
            "INSERT INTO feed_items (feed, url, canonical_url, content_hash, doc_id, status,"
            " seen_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [
                (i.feed, i.url, i.canonical_url, i.content_hash, i.doc_id, i.status, _now())
                for i in items
            ],
            "record feed items",
        )
        return self._table_size("feed_items") - before

    def fired_alert_keys(self, rule: str) -> set[str]:
        """Return the cluster keys (cluster or event ids) an alert rule has fired for."""
        with self._reading() as cursor:
            rows = cursor.execute(
                "SELECT cluster_key FROM fired_alerts WHERE rule = ?", [rule]
            ).fetchall()
        return {str(row[0]) for row in rows}

    def record_fired_alerts(self, fired: Sequence[tuple[str, str, str]]) -> int:
        """Record ``(rule, cluster_key, event_id)`` firings; return how many were new."""
        before = self._table_size("fired_alerts")
        self._write_many(
            "INSERT INTO fired_alerts (rule, cluster_key, event_id, fired_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [(rule, key, event_id, _now()) for rule, key, event_id in fired],
            "record fired alerts",
        )
        return self._table_size("fired_alerts") - before

    def feed_item_counts(self) -> list[tuple[str, str, str | None, int]]:
        """Return ``(feed, item status, rejection reason or None, items)`` over all feed items."""
        with self._reading() as cursor:
            rows = cursor.execute(
                "SELECT i.feed, i.status, r.reason, count(*) FROM feed_items i"
                " LEFT JOIN rejections r ON r.origin = i.url"
                " GROUP BY i.feed, i.status, r.reason ORDER BY i.feed, i.status, r.reason"
            ).fetchall()
        return [(str(f), str(s), None if r is None else str(r), int(n)) for f, s, r, n in rows]

    def _table_size(self, table: str) -> int:
        with self._reading() as cursor:
            return self._count(cursor, table)
