"""Documents and rejections: adding extractions in one transaction, listing and reading them.

A document's content hash is its identity: adding a stored text again skips it, and a new text
under a taken id is stored as ``"<id>~<hash8>"``. Each backend writes a batch's rows its fastest
way (:meth:`Documents._insert_rows`) into the table :data:`BATCH_TABLE`, then runs the shared
``INSERT … SELECT`` of :data:`INSERTS`.
"""

from __future__ import annotations

import dataclasses
import json
from abc import abstractmethod
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from bilat.errors import InputError, StoreError
from bilat.records import Event, Extraction, Rejection, RejectReason
from bilat.store import codec, summary, verdict_rows
from bilat.store.backend import Backend, Connection, now, write_hint
from bilat.store.base import AddResult, DocumentRow
from bilat.store.codec import (
    DOCUMENT_COLUMNS,
    EVENT_COLUMNS,
    FACT_COLUMNS,
    MENTION_COLUMNS,
    QUOTE_COLUMNS,
    Row,
)
from bilat.verdicts import anchor_of

BATCH_TABLE = "bilat_batch"
"""The name a batch's rows of one table go by while ``INSERT … SELECT`` copies them."""


def _insert_select(table: str, columns: Sequence[str], *, ignore_conflicts: bool = False) -> str:
    names = ", ".join(f'"{column}"' for column in columns)  # "symmetric" is a reserved word
    conflict = " ON CONFLICT DO NOTHING" if ignore_conflicts else ""
    return f"INSERT INTO {table} ({names}) SELECT {names} FROM {BATCH_TABLE}{conflict}"


@dataclasses.dataclass(frozen=True)
class TableInsert:
    """How a batch's rows reach one table: its name, columns and the statement copying them."""

    table: str
    columns: tuple[str, ...]
    statement: str


INSERTS = tuple(
    TableInsert(table, columns, _insert_select(table, columns, ignore_conflicts=ignore))
    for table, columns, ignore in (
        ("documents", DOCUMENT_COLUMNS, False),
        ("events", EVENT_COLUMNS, True),  # an event id already stored keeps its first row
        ("mentions", MENTION_COLUMNS, False),
        ("quotes", QUOTE_COLUMNS, False),
        ("facts", FACT_COLUMNS, False),
    )
)
"""The tables one :meth:`Documents.add` fills, in the order they are written."""

_INSERT_REJECTION = (
    "INSERT INTO rejections (origin, reason, detail, doc_id, created_at)"
    " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"
)


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
class Batch:
    """The rows one :meth:`Documents.add` writes, table by table."""

    documents: list[Row] = dataclasses.field(default_factory=list)
    events: list[Row] = dataclasses.field(default_factory=list)
    mentions: list[Row] = dataclasses.field(default_factory=list)
    quotes: list[Row] = dataclasses.field(default_factory=list)
    facts: list[Row] = dataclasses.field(default_factory=list)
    skipped: int = 0
    event_ids: set[str] = dataclasses.field(default_factory=set)
    anchors: dict[str, list[Event]] = dataclasses.field(default_factory=dict)

    def rows(self, insert: TableInsert) -> list[Row]:
        """Return the rows bound for one of :data:`INSERTS`."""
        rows: list[Row] = getattr(self, insert.table)
        return rows

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


class Documents(Backend):
    """Add, list, read and remove documents and rejections (see :class:`~bilat.store.Store`)."""

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

        def failed(error: Exception) -> str:
            return (
                f"cannot add {len(extractions)} documents to {self.url!r}: {error}; "
                f"nothing from this batch was written{write_hint(error)}"
            )

        with self._transaction(failed) as con:
            return self._write(con, extractions, rejections)

    def _write(
        self,
        con: Connection,
        extractions: Sequence[Extraction],
        rejections: Sequence[Rejection],
    ) -> AddResult:
        hashes = [e.document.content_hash for e in extractions]
        known = self._known(con, hashes)
        rows = con.execute(
            f"SELECT id, content_hash FROM documents WHERE {self.dialect.any_of('id')}",
            [sorted({e.document.id for e in extractions})],
        ).fetchall()
        taken: dict[str, str] = {str(i): str(h) for i, h in rows}
        batch = Batch()
        ingested_at = now()
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
        verdict_rows.reattach(con, batch.anchors, batch.event_ids, dialect=self.dialect)
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

    @staticmethod
    def _free_id(doc_id: str, content_hash: str, taken: dict[str, str]) -> str:
        if doc_id not in taken:
            return doc_id
        for width in (8, 16, len(content_hash)):
            candidate = f"{doc_id}~{content_hash[:width]}"
            if candidate not in taken:
                return candidate
        raise StoreError(f"no free id for document {doc_id!r}; give it another id")

    def _known(self, con: Connection, hashes: Iterable[str]) -> set[str]:
        wanted = sorted(set(hashes))
        if not wanted:
            return set()
        rows = con.execute(
            f"SELECT content_hash FROM documents WHERE {self.dialect.any_of('content_hash')}",
            [wanted],
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
                reason, origin, detail, earliest, latest, evidence
            FROM (
                SELECT id, title, date_value AS published, date_precision, date_source,
                    n_events, 'accepted' AS status, CAST(NULL AS VARCHAR) AS reason, origin,
                    CAST(NULL AS VARCHAR) AS detail, date_earliest AS earliest,
                    date_latest AS latest, date_evidence AS evidence, 0 AS part, seq
                FROM documents
                UNION ALL
                SELECT doc_id, NULL, NULL, NULL, NULL, 0, 'rejected', reason, origin, detail,
                    NULL, NULL, NULL, 1, seq
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

    def document_links(self, doc_ids: Iterable[str]) -> dict[str, tuple[str | None, str | None]]:
        """Return each stored document's address (its URL, else its origin) and title.

        Args:
            doc_ids: Document ids; unknown ones are left out.

        Returns:
            ``(address, title)`` by document id.
        """
        with self._reading() as cursor:
            rows = cursor.execute(
                "SELECT id, coalesce(url, origin), title FROM documents"
                f" WHERE {self.dialect.any_of('id')}",
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
                f" WHERE {self.dialect.any_of('id')}",
                [sorted(set(doc_ids))],
            ).fetchall()
        keys = ("id", "title", "published", "url", "outlet", "origin")
        return {str(row[0]): dict(zip(keys, row, strict=True)) for row in rows}

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

    @abstractmethod
    def _insert_rows(self, con: Connection, batch: Batch) -> None:
        """Write a batch's rows, table by table in the order of :data:`INSERTS`."""
