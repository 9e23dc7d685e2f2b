"""The storage protocol every backend implements, and the query and result records it speaks.

>>> from bilat.store import open_store, EventQuery
>>> with open_store(":memory:") as store:
...     store.count_events(EventQuery(dyad=("PAK", "USA"), since="2025-01-01"))
0
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from types import TracebackType
from typing import Protocol, Self

from bilat.records import Event, Extraction, Fact, Quote, Rejection
from bilat.verdicts import Verdict

ORDERS = ("date", "-date", "goldstein", "-goldstein", "confidence", "-confidence")
"""Accepted values of :attr:`EventQuery.order`; a leading ``-`` sorts descending."""


@dataclass(frozen=True)
class EventQuery:
    """Which events to return, and in which order; every filter left at None matches all.

    ``dyad`` takes two country codes and matches both directions. ``actor``, ``source`` and
    ``target`` match actor codes by prefix (``PAK`` matches ``PAKGOV``). ``since``/``until`` are
    inclusive ISO dates compared with the event's date, or its document's date when the event has
    none. ``root`` matches CAMEO codes by prefix (``"04"`` or ``"042"``). ``factuality`` None means
    the counted ones (asserted, planned, reported). ``text`` is a case-insensitive substring of
    the sentence. ``order`` is one of :data:`ORDERS`. Each real-world event counts once: by
    default only the first mention of each cluster of reports (its representative) matches, and
    ``mentions=True`` matches every mention; events of near-duplicate documents never match.
    ``verified`` True keeps only events a verdict confirmed or corrected, False only events
    without a verdict; events a verdict rejected never match unless ``include_rejected``.

        EventQuery(actor="PAK", root="04", since="2025-01-01", order="-date", limit=20)
    """

    dyad: tuple[str, str] | None = None
    actor: str | None = None
    source: str | None = None
    target: str | None = None
    since: str | None = None
    until: str | None = None
    root: str | None = None
    quad_class: int | None = None
    factuality: tuple[str, ...] | None = None
    doc_id: str | None = None
    text: str | None = None
    limit: int | None = None
    offset: int = 0
    order: str = "date"
    mentions: bool = False
    verified: bool | None = None
    include_rejected: bool = False


EVERY_EVENT = EventQuery()
"""The query that matches every counted event, in date order."""

PERIODS = ("week", "month", "quarter", "year")
"""Accepted values of ``by`` in :meth:`Store.timeline`; weeks start on Monday (ISO weeks)."""


@dataclass(frozen=True)
class FactQuery:
    """Which stored facts to return; every filter left at None matches all.

    ``kind`` is a fact kind (``killed``, ``injured``, ``money``, ``percent``, ``tariff``…) or
    several (any of them matches); :func:`bilat.facts.kinds.resolve_kind` turns a user's word
    (``casualties``) into them.
    ``actor`` matches the source or target code of the fact's linked event by prefix, and
    ``dyad`` its two countries in either direction; facts with no linked event match neither.
    ``since``/``until`` are inclusive ISO dates compared with the fact's date (see
    :class:`DatedFact`). ``text`` is a case-insensitive substring of the fact's text. Results
    come in date order (undated last), then by document and position.

        FactQuery(kind="killed", since="2024-01-01", limit=20)
    """

    doc_id: str | None = None
    kind: str | tuple[str, ...] | None = None
    actor: str | None = None
    dyad: tuple[str, str] | None = None
    since: str | None = None
    until: str | None = None
    text: str | None = None
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True)
class QuoteQuery:
    """Which stored quotes to return; every filter left at None matches all.

    ``speaker`` matches the resolved speaker's actor code by prefix (``PAK`` matches
    ``PAKGOV``); ``since``/``until`` are inclusive ISO dates compared with the quote's date (see
    :class:`DatedQuote`);
    ``text`` is a case-insensitive substring of the quote; ``doc_ids`` keeps the quotes of any of
    these documents (an empty tuple matches none). Results come in date order (undated last),
    then by document and position.

        QuoteQuery(speaker="PAKGOV", limit=10)
    """

    doc_id: str | None = None
    doc_ids: tuple[str, ...] | None = None
    speaker: str | None = None
    since: str | None = None
    until: str | None = None
    text: str | None = None
    limit: int | None = None
    offset: int = 0


ALL_FACTS = FactQuery()
"""The query that matches every stored fact."""

ALL_QUOTES = QuoteQuery()
"""The query that matches every stored quote."""


@dataclass(frozen=True)
class DatedFact:
    """A stored fact with its date and the actor codes of the event it belongs to, if any.

    ``date`` is the linked event's date, else its document's placed date: the document's best
    date, else the middle of its date range (the range's known end when it is open), else None.
    """

    fact: Fact
    date: str | None
    source: str | None = None
    target: str | None = None


@dataclass(frozen=True)
class DatedQuote:
    """A stored quote with its document's placed date (see :class:`DatedFact`), or None."""

    quote: Quote
    date: str | None


@dataclass(frozen=True)
class TimelineRow:
    """Counts by quad class and Goldstein totals of the events in one period.

    ``period`` is the first day of the period (ISO). Events are placed by their own date, else
    their document's best date, else the middle of their document's date range (its known end
    when the range is open); events nothing dates are left out.
    """

    period: str
    events: int
    verbal_coop: int
    material_coop: int
    verbal_conflict: int
    material_conflict: int
    goldstein_mean: float
    goldstein_sum: float


@dataclass(frozen=True)
class ClusteredEvent:
    """An event with the cluster of reports it belongs to, counted as GDELT does.

    ``cluster_id`` is the id of the cluster's first mention (its representative); an event not
    clustered yet is its own cluster of one. ``num_mentions`` counts the cluster's events,
    ``num_articles`` its documents, ``num_sources`` its distinct outlets (a document with no
    outlet counts as its own source); ``first_report``/``last_report`` are the earliest and
    latest dates of those documents. Near-duplicate documents are not counted.
    """

    event: Event
    cluster_id: str
    num_mentions: int
    num_articles: int
    num_sources: int
    first_report: str | None
    last_report: str | None


@dataclass(frozen=True)
class AddResult:
    """What one :meth:`Store.add` wrote: new documents, skipped duplicates, events, rejections."""

    added: int
    skipped: int
    events: int
    rejected: int


@dataclass(frozen=True)
class DyadRow:
    """Counts, Goldstein totals and date span of the events between two countries.

    ``events`` counts clusters (each real-world event once); ``documents`` counts the articles
    of those events' first mentions, ``sources`` the distinct outlets over every article that
    reports them (a document with no outlet is its own source; near-duplicates not counted).
    """

    a: str
    b: str
    events: int
    verbal_coop: int
    material_coop: int
    verbal_conflict: int
    material_conflict: int
    goldstein_mean: float
    goldstein_sum: float
    first: str | None
    last: str | None
    documents: int
    sources: int


@dataclass(frozen=True)
class DocumentRow:
    """One stored document or rejected input, as listed by :meth:`Store.documents`.

    ``published`` is the document's best date (its :class:`~bilat.records.DocumentDate` value);
    ``status`` is ``"accepted"`` or ``"rejected"``; rejected inputs carry ``reason`` and
    ``detail`` and have no date or events.
    """

    id: str | None
    title: str | None
    published: str | None
    date_precision: str | None
    date_source: str | None
    n_events: int
    status: str
    reason: str | None
    origin: str | None
    detail: str | None
    earliest: str | None = None
    latest: str | None = None


@dataclass(frozen=True)
class ActorRow:
    """One actor code and how many matching events it takes part in, as source or target.

    ``name`` is one of the names the actor was stored with (the largest, for determinism).
    """

    code: str
    country: str | None
    sector: str | None
    name: str | None
    events: int
    as_source: int
    as_target: int
    first: str | None
    last: str | None


@dataclass(frozen=True)
class FeedRow:
    """One registered feed, its conditional-GET validators and how its last poll went.

    ``last_success`` and ``last_error_at`` are ISO timestamps (UTC); ``last_error`` says why the
    last failed poll failed, and stays set after a later success so the reason is not lost.
    """

    url: str
    name: str
    etag: str | None
    last_modified: str | None
    last_success: str | None
    last_error: str | None
    last_error_at: str | None
    added_at: str


@dataclass(frozen=True)
class FeedItemRow:
    """One item seen in a feed: its address, canonical address, text hash and document.

    ``status`` is ``"ingested"`` (``doc_id`` set), ``"duplicate"`` (``doc_id`` of the document
    it repeats) or ``"disallowed"`` (robots.txt forbids fetching it).
    """

    feed: str
    url: str
    canonical_url: str | None
    content_hash: str | None
    doc_id: str | None
    status: str


class Store(Protocol):
    """A place to keep documents, events and rejections; open one with :func:`open_store`.

    with open_store("bilat.duckdb") as store:
        result = store.add(extractions, rejections)
        events = store.events(EventQuery(dyad=("PAK", "CHN")))
    """

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

    def count_documents(self) -> dict[str, int]:
        """Count the stored documents and the rejected inputs.

        Returns:
            ``{"accepted": …, "rejected": …}``, as :meth:`documents` would list them.
        """
        ...

    def extraction(self, doc_id: str) -> Extraction | None:
        """Return everything stored for one document, or None if there is no such document."""
        ...

    def events(self, query: EventQuery = EVERY_EVENT) -> list[Event]:
        """Return the events that match a query, in its order, paged by its limit and offset."""
        ...

    def event(self, event_id: str) -> Event | None:
        """Return one event by its stable id, whatever its factuality, or None."""
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

    def rejections(self) -> list[Rejection]:
        """Return every recorded rejection, in the order they were recorded."""
        ...

    def clusters(self, query: EventQuery = EVERY_EVENT) -> list[ClusteredEvent]:
        """Return the events :meth:`events` returns, each with its cluster's id and counts."""
        ...

    def cluster_mentions(self, cluster_id: str) -> list[Event]:
        """Return every mention of one cluster in store order (empty for an unknown id)."""
        ...

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

    def remove_document(self, doc_id: str) -> bool:
        """Delete a document with its events, mentions, quotes and facts; keep its verdicts.

        Re-adding the document (or a re-coded extraction of it) re-attaches the verdicts.

        Args:
            doc_id: The stored document id.

        Returns:
            True if a document was removed, False if there was none.
        """
        ...

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
