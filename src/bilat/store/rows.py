"""The query and result records the store speaks: what to select, and the rows it answers.

>>> EventQuery(dyad=("PAK", "USA"), since="2025-01-01").order
'date'
"""

from __future__ import annotations

from dataclasses import dataclass

from bilat.records import Event, Fact, Quote

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
    ``min_confidence`` keeps events whose (calibrated) confidence is at least that probability.

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
    min_confidence: float | None = None


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
    ``detail`` and have no date or events. ``evidence`` says where the date came from; for an
    inferred range, the clues, with ``[earliest]``/``[latest]`` after the ones that set its ends.
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
    evidence: str | None = None


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
class PatternCount:
    """How often one rule (a verb pattern's id) fired in the store, and the verdicts on it."""

    rule: str
    matches: int
    confirmed: int
    rejected: int
    corrected: int


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
