"""Gather what a brief says about one dyad or actor over a period, compared with the one before.

with open_store("bilat.duckdb", read_only=True) as store:
    brief = build_brief(store, BriefScope.parse(dyad=("PAK", "IND"), since="30d"))
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bilat.alerts.evaluate import SourceLink, event_sources
from bilat.analytics import TimelinePeriod, fill_periods, trend
from bilat.errors import InputError
from bilat.records import Event
from bilat.store import EventQuery, Store
from bilat.store.base import DatedFact, DatedQuote, FactQuery, QuoteQuery

QUAD_NAMES = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
_SPAN = re.compile(r"^\s*(\d+)\s*([dwm])\s*$")
_SPAN_DAYS = {"d": 1, "w": 7, "m": 30}
TOP_EVENTS = 10
# The chart's period follows the brief's length so that it keeps between ~4 and ~30 bars.
_CHART_PERIODS = ((16 * 7, "week"), (3 * 366, "month"))
# How many characters of a date a chart period needs: a month-dated event fits a month's bar.
_DATE_LENGTH = {"week": 10, "month": 7, "quarter": 7}


@dataclass(frozen=True)
class BriefScope:
    """Whose events a brief covers (a dyad or an actor prefix) and which days (inclusive).

    ``previous_since``/``previous_until`` bound the period of equal length just before.

        BriefScope.parse(dyad=("PAK", "IND"), since="30d", until="2025-05-31")
    """

    dyad: tuple[str, str] | None
    actor: str | None
    since: str
    until: str
    previous_since: str
    previous_until: str
    min_confidence: float | None = None

    @classmethod
    def parse(
        cls,
        *,
        dyad: tuple[str, str] | None = None,
        actor: str | None = None,
        since: str = "7d",
        until: str | None = None,
        min_confidence: float | None = None,
    ) -> BriefScope:
        """Return the scope for a dyad or actor, a span (``7d``, ``4w``, ``3m``) or a first day.

        Args:
            dyad: Two country codes.
            actor: An actor code prefix (instead of a dyad).
            since: A span ending on ``until`` (``30d``), or the first day (``2025-05-01``).
            until: The last day (ISO); default today.
            min_confidence: Leave out events less likely than this to be right.

        Returns:
            The scope.

        Raises:
            InputError: Both or neither of dyad and actor, or a date or span cannot be read.
        """
        if (dyad is None) == (actor is None):
            raise InputError(
                "a brief covers one dyad or one actor; pass exactly one", origin="brief"
            )
        end = _day(until, "until") if until else dt.date.today()
        match = _SPAN.match(since)
        if match:
            days = int(match.group(1)) * _SPAN_DAYS[match.group(2)]
            start = end - dt.timedelta(days=days - 1)
        else:
            start = _day(since, "since")
        if start > end:
            raise InputError(f"since {start} is after until {end}; swap them", origin="brief")
        length = (end - start).days + 1
        before_end = start - dt.timedelta(days=1)
        before_start = before_end - dt.timedelta(days=length - 1)
        return cls(
            dyad=dyad,
            actor=actor.upper() if actor else None,
            since=start.isoformat(),
            until=end.isoformat(),
            previous_since=before_start.isoformat(),
            previous_until=before_end.isoformat(),
            min_confidence=min_confidence,
        )

    @property
    def label(self) -> str:
        """Return the scope in words: ``PAK–IND`` or ``actor PAK``."""
        return "–".join(self.dyad) if self.dyad else f"actor {self.actor}"

    def query(self, since: str | None, until: str | None) -> EventQuery:
        """Return the event query of this scope between two days (inclusive)."""
        return EventQuery(
            dyad=self.dyad,
            actor=self.actor,
            since=since,
            until=until,
            min_confidence=self.min_confidence,
        )


def _day(value: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(
            f"{what} {value!r} is not a day; write YYYY-MM-DD or a span like 7d, 4w, 3m",
            origin=what,
        ) from None


@dataclass(frozen=True)
class QuadRow:
    """Events of one quad class in the period and in the period before."""

    quad_class: int
    name: str
    now: int
    before: int


@dataclass(frozen=True)
class TopEvent:
    """An important event with how many articles report it and links to them."""

    event: Event
    articles: int
    sources: tuple[SourceLink, ...]


@dataclass(frozen=True)
class Brief:
    """Everything a brief reports; render it with :mod:`bilat.brief.render`."""

    scope: BriefScope
    quads: tuple[QuadRow, ...]
    goldstein_now: float | None
    goldstein_before: float | None
    trend: str
    series: tuple[TimelinePeriod, ...]
    top: tuple[TopEvent, ...]
    new_actors: tuple[str, ...]
    first_contacts: tuple[tuple[str, str], ...]
    facts: tuple[DatedFact, ...]
    quotes: tuple[DatedQuote, ...]
    by: str = "week"
    uncharted: int = 0

    @property
    def events_now(self) -> int:
        """Return the number of events in the period."""
        return sum(q.now for q in self.quads)

    @property
    def events_before(self) -> int:
        """Return the number of events in the period before."""
        return sum(q.before for q in self.quads)


def _mean(events: Sequence[Event]) -> float | None:
    return round(sum(e.goldstein for e in events) / len(events), 2) if events else None


def chart_period(since: str, until: str) -> str:
    """Return the period of a brief's chart: week up to 16 weeks, month up to 3 years, else quarter.

    Args:
        since: The first day (ISO).
        until: The last day (ISO).

    Returns:
        ``week``, ``month`` or ``quarter``.
    """
    days = (dt.date.fromisoformat(until) - dt.date.fromisoformat(since)).days + 1
    return next((by for most, by in _CHART_PERIODS if days <= most), "quarter")


def _series(store: Store, scope: BriefScope, by: str) -> list[TimelinePeriod]:
    """Count the period's events per chart period, periods without events as zeros."""
    rows = store.timeline(scope.query(scope.since, scope.until), by)
    return fill_periods(rows, scope.since, scope.until, by)


def _uncharted(events: Sequence[Event], by: str) -> int:
    """Count the events dated too coarsely for the chart (a month-dated one in a weekly chart)."""
    return sum(1 for e in events if e.date is not None and len(e.date) < _DATE_LENGTH[by])


def _codes(event: Event) -> list[str]:
    return [event.source.code] + ([event.target.code] if event.target else [])


def _pair(event: Event) -> tuple[str, str] | None:
    if event.target is None or event.target.code == event.source.code:
        return None
    a, b = sorted((event.source.code, event.target.code))
    return a, b


def _articles(store: Store, events: Sequence[Event]) -> dict[str, tuple[str, int]]:
    """Return each event's cluster id and number of reporting articles (1 when unclustered)."""
    found = {e.id: (e.id, 1) for e in events}
    clusters = getattr(store, "clusters", None)
    if callable(clusters) and events:
        wanted = set(found)
        for row in clusters(EventQuery(since=min((e.date or "") for e in events) or None)):
            if row.event.id in wanted:
                found[row.event.id] = (row.cluster_id, row.num_articles)
    return found


def build_brief(store: Store, scope: BriefScope) -> Brief:
    """Gather a brief's figures, trend, timeline, top events, newcomers, facts and quotes.

    Args:
        store: An open store.
        scope: The dyad or actor and the period.

    Returns:
        The brief.
    """
    now = store.events(scope.query(scope.since, scope.until))
    before = store.events(scope.query(scope.previous_since, scope.previous_until))
    history = store.events(scope.query(None, scope.previous_until))
    quads = tuple(
        QuadRow(
            q,
            QUAD_NAMES[q - 1],
            sum(e.quad_class == q for e in now),
            sum(e.quad_class == q for e in before),
        )
        for q in (1, 2, 3, 4)
    )
    by = chart_period(scope.since, scope.until)
    series = _series(store, scope, by)
    counts = _articles(store, now)
    ranked = sorted(
        now, key=lambda e: (-abs(e.goldstein), -counts[e.id][1], -e.confidence, e.date or "", e.id)
    )
    top: list[TopEvent] = []
    clusters_done: set[str] = set()
    for event in ranked:
        cluster, articles = counts[event.id]
        if cluster in clusters_done:
            continue
        clusters_done.add(cluster)
        top.append(TopEvent(event, articles, event_sources(store, event, cluster)))
        if len(top) == TOP_EVENTS:
            break
    seen_codes = {c for e in history for c in _codes(e)}
    seen_pairs = {p for e in history if (p := _pair(e)) is not None}
    new_actors = sorted({c for e in now for c in _codes(e)} - seen_codes)
    contacts = sorted({p for e in now if (p := _pair(e)) is not None} - seen_pairs)
    facts = store.facts(
        FactQuery(dyad=scope.dyad, actor=scope.actor, since=scope.since, until=scope.until)
    )
    quotes = [
        q
        for q in store.quotes(QuoteQuery(since=scope.since, until=scope.until))
        if q.quote.speaker is not None and _speaks_for(q.quote.speaker.code, scope)
    ]
    return Brief(
        scope=scope,
        quads=quads,
        goldstein_now=_mean(now),
        goldstein_before=_mean(before),
        trend=trend(series).summary,
        series=tuple(series),
        top=tuple(top),
        new_actors=tuple(new_actors),
        first_contacts=tuple(contacts),
        facts=tuple(facts),
        quotes=tuple(quotes[:8]),
        by=by,
        uncharted=_uncharted(now, by),
    )


def _speaks_for(code: str, scope: BriefScope) -> bool:
    if scope.dyad is not None:
        return code[:3] in scope.dyad
    return scope.actor is not None and code.startswith(scope.actor)
