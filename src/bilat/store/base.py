"""The storage protocols every backend implements: one per concern, and :class:`Store` of all.

A function that needs only part of a store asks for that part (``EventStore`` to read events,
``MonitoringStore`` to poll feeds); :func:`~bilat.store.open_store` returns the whole
:class:`Store`. The query and result records live in :mod:`bilat.store.rows` and are
re-exported here.

>>> from bilat.store import open_store, EventQuery
>>> with open_store(":memory:") as store:
...     store.count_events(EventQuery(dyad=("PAK", "USA"), since="2025-01-01"))
0
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from types import TracebackType
from typing import Protocol, Self

from bilat.records import Event, Extraction, Rejection
from bilat.store.rows import (
    ALL_FACTS,
    ALL_QUOTES,
    EVERY_EVENT,
    ORDERS,
    PERIODS,
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
    PatternCount,
    QuoteQuery,
    TimelineRow,
)
from bilat.verdicts import Verdict

__all__ = [
    "ALL_FACTS",
    "ALL_QUOTES",
    "EVERY_EVENT",
    "ORDERS",
    "PERIODS",
    "ActorRow",
    "AddResult",
    "ClusteredEvent",
    "DatedFact",
    "DatedQuote",
    "DedupStore",
    "DocumentRow",
    "DocumentStore",
    "DyadRow",
    "EventQuery",
    "EventStore",
    "FactQuery",
    "FeedItemRow",
    "FeedRow",
    "MonitoringStore",
    "PatternCount",
    "QuoteQuery",
    "Store",
    "TimelineRow",
    "VerdictStore",
]


class DocumentStore(Protocol):
    """Add, list, read and remove documents and the inputs rejected on the way."""

    def add(
        self, extractions: Sequence[Extraction], rejections: Sequence[Rejection] = ()
    ) -> AddResult:
        """Write extractions and rejections in one transaction; already stored documents skip.

        A document whose content hash is stored is skipped with all its events. A document whose
        id is taken by a different text is stored as ``"<id>~<hash8>"`` (its events, quotes and
        facts follow it). A rejection with an origin and reason already recorded is not repeated.

        Args:
            extractions: What the pipeline found, one per document.
            rejections: Inputs that did not become documents.

        Returns:
            The counts of what was written.
        """
        ...

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """Return those of the given content hashes that are already stored."""
        ...

    def documents(
        self, *, status: str | None = None, limit: int | None = None
    ) -> list[DocumentRow]:
        """List accepted documents then rejected inputs, each in the order they were stored.

        Args:
            status: ``"accepted"`` or ``"rejected"`` to list only those; None lists both.
            limit: At most this many rows.

        Returns:
            The rows.
        """
        ...

    def extraction(self, doc_id: str) -> Extraction | None:
        """Return everything stored for one document, or None if there is no such document."""
        ...

    def remove_document(self, doc_id: str) -> bool:
        """Delete a document with its events, mentions, quotes and facts; keep its verdicts.

        Re-adding the document (or a re-coded extraction of it) re-attaches the verdicts.

        Args:
            doc_id: The stored document id.

        Returns:
            True if a document was removed, False if there was none.
        """
        ...

    def replace_document(self, extraction: Extraction) -> AddResult:
        """Replace a stored document and everything found in it by a new extraction of it.

        The old rows go and the new ones are written in one transaction: if anything fails,
        the document keeps its old events, and its verdicts stay attached to them.

        Args:
            extraction: The new extraction; its document's id names the document replaced.

        Returns:
            The counts of what was written.
        """
        ...

    def rejections(self) -> list[Rejection]:
        """Return every recorded rejection, in the order they were recorded."""
        ...


class EventStore(Protocol):
    """Read events and what is counted over them: clusters, dyads, timelines, actors, facts, quotes."""

    def events(self, query: EventQuery = EVERY_EVENT) -> list[Event]:
        """Return the events that match a query, in its order, paged by its limit and offset."""
        ...

    def event(self, event_id: str) -> Event | None:
        """Return one event by its stable id, whatever its factuality, or None."""
        ...

    def count_documents(self) -> dict[str, int]:
        """Count the stored documents and the rejected inputs.

        Returns:
            ``{"accepted": …, "rejected": …}``, as ``documents()`` would list them.
        """
        ...

    def count_events(self, query: EventQuery = EVERY_EVENT) -> int:
        """Return how many events match a query, ignoring its limit and offset."""
        ...

    def dyads(self, *, directed: bool = False, query: EventQuery | None = None) -> list[DyadRow]:
        """Summarise events by pair of countries, most events first.

        Only events whose two countries are known and different count. Undirected rows put the
        alphabetically smaller country in ``a``. The query's filters apply (factuality defaults to
        the counted ones); its limit, offset and order do not.

        Args:
            directed: Keep source → target apart instead of merging both directions.
            query: Filters on the events summarised.

        Returns:
            One row per dyad, sorted by events descending, then ``a`` and ``b``.
        """
        ...

    def facts(self, query: FactQuery = ALL_FACTS) -> list[DatedFact]:
        """Return the stored facts that match a query, in date order, paged.

        Args:
            query: Filters and page.

        Returns:
            The facts, equal to those added, with their dates and linked event's actors.
        """
        ...

    def quotes(self, query: QuoteQuery = ALL_QUOTES) -> list[DatedQuote]:
        """Return the stored quotes that match a query, in date order, paged.

        Args:
            query: Filters and page.

        Returns:
            The quotes, equal to those added, with their documents' dates.
        """
        ...

    def timelines(self, pairs: Sequence[tuple[str, str]], by: str) -> list[list[TimelineRow]]:
        """Return several dyads' timelines, each what ``timeline(EventQuery(dyad=pair), by)`` is.

        Args:
            pairs: Country pairs, either order.
            by: ``week``, ``month``, ``quarter`` or ``year``.

        Returns:
            One list of rows per pair, in the pairs' order.
        """
        ...

    def timeline(self, query: EventQuery, by: str) -> list[TimelineRow]:
        """Count a query's events per period, in SQL; periods without events are absent.

        Args:
            query: Filters on the events (factuality defaults to the counted ones); its
                ``since``/``until`` compare with each event's placed date (see
                :class:`TimelineRow`); limit, offset and order do not apply.
            by: One of :data:`PERIODS`.

        Returns:
            One row per period holding events, oldest first.
        """
        ...

    def actors(
        self, query: EventQuery | None = None, *, limit: int | None = None
    ) -> list[ActorRow]:
        """Count the events each actor code takes part in, most events first.

        Args:
            query: Filters on the events counted (factuality defaults to the counted ones);
                its limit, offset and order do not apply.
            limit: At most this many actors.

        Returns:
            One row per actor code, sorted by events descending, then code.
        """
        ...

    def clusters(self, query: EventQuery = EVERY_EVENT) -> list[ClusteredEvent]:
        """Return the events :meth:`events` returns, each with its cluster's id and counts."""
        ...

    def cluster_mentions(self, cluster_id: str) -> list[Event]:
        """Return every mention of one cluster in store order (empty for an unknown id)."""
        ...


class VerdictStore(Protocol):
    """Record and read analysts' verdicts on events."""

    def set_verdict(
        self,
        event_id: str,
        verdict: str,
        *,
        note: str | None = None,
        cameo: str | None = None,
        source_code: str | None = None,
        target_code: str | None = None,
    ) -> Verdict:
        """Record an analyst's verdict on an event, replacing any earlier one.

        ``confirm`` verifies the event as coded; ``reject`` hides it from queries, counts and
        exports; ``correct`` needs at least one of ``cameo``, ``source_code``, ``target_code``,
        and the event is then read with the corrected code (its Goldstein, quad class and PLOVER
        type from the CAMEO table) and actors; the machine's coding stays in the stored data
        and in the verdict's ``machine_*`` fields. The verdict follows the event through
        re-ingest and re-coding (see :func:`bilat.verdicts.anchor_of`).

        Args:
            event_id: The event's stable id.
            verdict: ``"confirm"``, ``"reject"`` or ``"correct"``.
            note: The analyst's note.
            cameo: The right CAMEO code (correct only).
            source_code: The right source actor code, e.g. ``PAKMIL`` (correct only).
            target_code: The right target actor code (correct only).

        Returns:
            The verdict as stored.

        Raises:
            InputError: Unknown verdict, event, CAMEO or actor code, or corrections that do
                not fit the verdict.
            StoreError: The store is read-only or the write failed.
        """
        ...

    def verdict(self, event_id: str) -> Verdict | None:
        """Return the verdict on an event, or None if it has none."""
        ...

    def verdicts(self) -> list[Verdict]:
        """Return every verdict, oldest first (including those whose event is gone)."""
        ...

    def delete_verdict(self, event_id: str) -> Verdict | None:
        """Remove the verdict on an event, so it reads as the machine coded it again.

        Args:
            event_id: The event's stable id.

        Returns:
            The verdict removed, or None when the event had none.

        Raises:
            StoreError: The store is read-only or the delete failed.
        """
        ...

    def pattern_counts(self) -> list[PatternCount]:
        """Return, per rule that fired, its stored events and the verdicts on them.

        Every stored mention counts, whatever its factuality; see
        :func:`bilat.store.review.pattern_counts`.
        """
        ...


class DedupStore(Protocol):
    """Keep the near-duplicate signatures of documents and the clusters of events."""

    def unsigned_documents(self) -> list[tuple[str, str]]:
        """Return ``(doc_id, text)`` of documents not checked for near-duplicates, in store order."""
        ...

    def signatures(self) -> list[tuple[str, str, str | None]]:
        """Return ``(doc_id, hashvalues, duplicate_of)`` of every checked document, in order."""
        ...

    def save_signatures(self, rows: Sequence[tuple[str, str, str | None, float | None]]) -> None:
        """Store ``(doc_id, hashvalues, duplicate_of, similarity)`` for checked documents."""
        ...

    def unclustered_events(self) -> list[tuple[Event, str | None]]:
        """Return ``(event, date)`` of checked, non-duplicate events not yet clustered, in order."""
        ...

    def clustered_events(self, since: str, until: str) -> list[tuple[Event, str | None, str]]:
        """Return ``(event, date, cluster_id)`` of clusters first reported in a date range."""
        ...

    def assign_clusters(self, assignments: Mapping[str, str]) -> None:
        """Set the cluster of events, given as event id → cluster id, in one transaction."""
        ...


class MonitoringStore(Protocol):
    """Keep registered feeds, the items seen in them and the alerts already fired."""

    def add_feed(self, url: str, name: str) -> bool:
        """Register a feed (or rename a registered one); return True when it is new."""
        ...

    def remove_feed(self, url: str) -> bool:
        """Forget a feed and its validators (its items stay); return True when it existed."""
        ...

    def feeds(self) -> list[FeedRow]:
        """Return every registered feed, in the order they were added."""
        ...

    def record_feed_poll(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        error: str | None = None,
    ) -> None:
        """Record a poll: on success its validators (None clears them), else why it failed."""
        ...

    def feed_items_known(self, values: Iterable[str]) -> set[str]:
        """Return those of the given URLs or content hashes any feed item already has."""
        ...

    def add_feed_items(self, items: Sequence[FeedItemRow]) -> int:
        """Record items seen in feeds (an item already recorded for its feed is kept)."""
        ...

    def fired_alert_keys(self, rule: str) -> set[str]:
        """Return the cluster keys (cluster or event ids) an alert rule has fired for."""
        ...

    def record_fired_alerts(self, fired: Sequence[tuple[str, str, str]]) -> int:
        """Record ``(rule, cluster_key, event_id)`` firings; return how many were new."""
        ...

    def feed_item_counts(self) -> list[tuple[str, str, str | None, int]]:
        """Return ``(feed, item status, rejection reason or None, items)`` over all feed items."""
        ...


class Store(DocumentStore, EventStore, VerdictStore, DedupStore, MonitoringStore, Protocol):
    """A place to keep documents, events and rejections; open one with :func:`open_store`.

    with open_store("bilat.duckdb") as store:
        result = store.add(extractions, rejections)
        events = store.events(EventQuery(dyad=("PAK", "CHN")))
    """

    def exclusive(self) -> AbstractContextManager[None]:
        """Hold the store's writer lock across several calls (one writer across processes).

        Dedup and clustering read, decide and write in several steps; two ``bilat ingest``
        processes on one PostgreSQL database must not interleave them.
        """
        ...

    def close(self) -> None:
        """Close the connection; the store cannot be used afterwards."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
