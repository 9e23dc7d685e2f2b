"""The store's pre-aggregated summary: kept exact by every write, equal to the raw SQL's answers."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilat.errors import InputError
from bilat.knowledge import Knowledge
from bilat.records import (
    DatePrecision,
    DateSource,
    Document,
    DocumentDate,
    Event,
    Extraction,
    Factuality,
)
from bilat.store import EventQuery, Store, open_store, summary_reads
from bilat.store.base import DyadRow, TimelineRow
from bilat.store.sql_store import SQLStore
from conftest import make_event, make_extraction

T = TypeVar("T")


@functools.cache
def _knowledge() -> Knowledge:
    return Knowledge.load()


@pytest.fixture
def knowledge() -> Knowledge:
    """Return the bundled knowledge, loaded once for the verdicts of this module."""
    return _knowledge()


def _raw(store: Store, read: Callable[[], T]) -> T:
    """Run a read with the summary tables switched off, so it answers from the events table."""
    assert isinstance(store, SQLStore)
    store._summary_reads = False
    try:
        return read()
    finally:
        store._summary_reads = True


def _routed(read: Callable[[], T]) -> tuple[T, bool]:
    """Run a read and say whether the summary tables answered it (instead of the raw SQL)."""
    answers: list[bool] = []
    originals = {
        name: getattr(summary_reads, name)
        for name in ("count_events", "timeline", "timelines", "dyads")
    }

    def spy(function: Callable[..., Any]) -> Callable[..., Any]:
        def answer(*args: Any, **kwargs: Any) -> Any:
            found = function(*args, **kwargs)
            answers.append(found is not None)
            return found

        return answer

    for name, function in originals.items():
        setattr(summary_reads, name, spy(function))
    try:
        result = read()
    finally:
        for name, function in originals.items():
            setattr(summary_reads, name, function)
    return result, bool(answers) and all(answers)


def _served(read: Callable[[], T]) -> T:
    """Run a read that the summary tables must answer."""
    result, served = _routed(read)
    assert served
    return result


def _doc(doc_id: str, date: str | None, *events: Event, outlet: str | None = None) -> Extraction:
    """Return a document dated to a day, to a range (``"2024-02-20..2024-04-10"``) or not."""
    extraction = make_extraction(doc_id, f"Our own words for {doc_id}.", events, date=date)
    dated = extraction.date
    if date is not None and ".." in date:
        earliest, latest = date.split("..")
        date = None
        dated = DocumentDate(None, earliest, latest, DatePrecision.RANGE, DateSource.INFERRED)
    document = Document.from_text(
        extraction.document.text,
        doc_id=doc_id,
        title=extraction.document.title,
        published=date,
        outlet=outlet,
    )
    return Extraction(document=document, date=dated, events=events)


def _dyads(store: Store, **query: Any) -> list[tuple[str, str, int, int, int]]:
    return [
        (r.a, r.b, r.events, r.documents, r.sources)
        for r in store.dyads(query=EventQuery(**query) if query else None)
    ]


MEET = make_event("m1", "d1", "PAKGOV", "USAGOV", date="2025-03-04", goldstein=1.5)
CALL = make_event("c1", "d1", "USAGOV", "PAKGOV", cameo="036", goldstein=4.0)
AID = make_event("a1", "d2", "CHNGOV", "PAKMIL", cameo="070", quad=2, goldstein=7.0)
RAID = make_event("r1", "d3", "PAKMIL", "AFGREB", cameo="190", quad=4, goldstein=-10.0)
VISIT = make_event("v1", "d4", "PAKGOV", "USAGOV", date="2025-03-05")


def _fill(store: Store) -> None:
    store.add(
        [
            _doc("d1", "2025-03-04", MEET, CALL, outlet="Wire A"),
            _doc("d2", "2025-04-10", AID, outlet="Paper B"),
            _doc("d3", "2024-12-31", RAID),
            _doc("d4", "2025-03-05", VISIT, outlet="Paper B"),
        ]
    )


def test_summary_add_counts_dyads(store: Store) -> None:
    _fill(store)
    expected = [("PAK", "USA", 3, 2, 2), ("AFG", "PAK", 1, 1, 1), ("CHN", "PAK", 1, 1, 1)]
    assert _served(lambda: _dyads(store)) == expected
    assert _raw(store, lambda: _dyads(store)) == expected


def test_summary_add_serves_timeline_and_count(store: Store) -> None:
    _fill(store)
    rows = _served(lambda: store.timeline(EventQuery(dyad=("PAK", "USA")), "month"))
    assert rows == [TimelineRow("2025-03-01", 3, 3, 0, 0, 0, 6.5 / 3, 6.5)]
    assert _served(lambda: store.count_events(EventQuery(actor="PAK"))) == 5
    assert _served(lambda: store.count_events(EventQuery(since="2025-03"))) == 4


def test_summary_reject_verdict_lowers_dyad(store: Store, knowledge: Knowledge) -> None:
    _fill(store)
    assert isinstance(store, SQLStore)
    store.set_verdict("m1", "reject", knowledge=knowledge)
    assert _served(lambda: _dyads(store))[0] == ("PAK", "USA", 2, 2, 2)
    assert _served(lambda: store.count_events(EventQuery(dyad=("PAK", "USA")))) == 2


def test_summary_correct_verdict_moves_event_to_another_dyad(
    store: Store, knowledge: Knowledge
) -> None:
    _fill(store)
    assert isinstance(store, SQLStore)
    store.set_verdict("v1", "correct", target_code="CHNGOV", knowledge=knowledge)
    assert _served(lambda: _dyads(store)) == [
        ("CHN", "PAK", 2, 2, 1),
        ("PAK", "USA", 2, 1, 1),
        ("AFG", "PAK", 1, 1, 1),
    ]


def test_summary_duplicate_document_drops_its_events(store: Store) -> None:
    _fill(store)
    assert isinstance(store, SQLStore)
    store.save_signatures([("d4", "1 2 3", "d1", 0.9)])
    assert _served(lambda: _dyads(store))[0] == ("PAK", "USA", 2, 1, 1)


def test_summary_cluster_merge_counts_once_and_adds_sources(store: Store) -> None:
    _fill(store)
    assert isinstance(store, SQLStore)
    store.assign_clusters({"m1": "m1", "v1": "m1", "c1": "c1"})
    assert _served(lambda: _dyads(store))[0] == ("PAK", "USA", 2, 1, 2)
    assert _raw(store, lambda: _dyads(store))[0] == ("PAK", "USA", 2, 1, 2)


def test_summary_remove_document_drops_its_events(store: Store) -> None:
    _fill(store)
    assert store.remove_document("d1")
    assert _served(lambda: _dyads(store)) == [
        ("AFG", "PAK", 1, 1, 1),
        ("CHN", "PAK", 1, 1, 1),
        ("PAK", "USA", 1, 1, 1),
    ]


TIMELINE_PAIRS = [("PAK", "USA"), ("USA", "PAK"), ("PAK", "CHN"), ("IND", "CHN")]


def test_summary_timelines_of_many_dyads_in_one_read(store: Store) -> None:
    _fill(store)
    march = [TimelineRow("2025-03-01", 3, 3, 0, 0, 0, 6.5 / 3, 6.5)]
    april = [TimelineRow("2025-04-01", 1, 0, 1, 0, 0, 7.0, 7.0)]
    assert _served(lambda: store.timelines(TIMELINE_PAIRS, "month")) == [march, march, april, []]


@pytest.mark.parametrize("by", ["week", "month", "quarter", "year"])
def test_summary_timelines_equal_each_dyads_timeline(store: Store, by: str) -> None:
    _fill(store)
    one_by_one = [store.timeline(EventQuery(dyad=pair), by) for pair in TIMELINE_PAIRS]
    assert store.timelines(TIMELINE_PAIRS, by) == one_by_one
    raw = _raw(store, lambda: store.timelines(TIMELINE_PAIRS, by))
    for served, expected in zip(raw, one_by_one, strict=True):
        _same_timeline(served, expected)


def test_summary_timelines_by_week_fall_back(store: Store) -> None:
    _fill(store)
    _, served = _routed(lambda: store.timelines(TIMELINE_PAIRS, "week"))
    assert not served


def test_summary_timelines_refuse_what_timeline_refuses(store: Store) -> None:
    with pytest.raises(InputError, match="unknown period 'day'"):
        store.timelines([("PAK", "USA")], "day")


def test_summary_week_timeline_falls_back(store: Store) -> None:
    _fill(store)
    rows, served = _routed(lambda: store.timeline(EventQuery(dyad=("PAK", "USA")), "week"))
    assert [(r.period, r.events) for r in rows] == [("2025-03-03", 3)]
    assert not served


def test_summary_root_filter_falls_back(store: Store) -> None:
    _fill(store)
    assert _routed(lambda: store.count_events(EventQuery(root="04"))) == (2, False)
    rows, served = _routed(lambda: store.dyads(query=EventQuery(root="19")))
    assert ([r.events for r in rows], served) == ([1], False)


def test_summary_date_cutting_a_month_falls_back(store: Store) -> None:
    _fill(store)
    assert _routed(lambda: store.count_events(EventQuery(since="2025-03-05"))) == (2, False)
    assert _routed(lambda: store.count_events(EventQuery(until="2025-03-04"))) == (3, False)
    assert _routed(lambda: store.count_events(EventQuery(until="2025-03-31"))) == (4, True)


def test_summary_bad_filters_raise_as_before(store: Store) -> None:
    with pytest.raises(InputError, match="unknown factuality"):
        store.count_events(EventQuery(factuality=("rumoured",)))
    with pytest.raises(InputError, match="a dyad is two country codes"):
        store.timeline(EventQuery(dyad=("PAK",)), "month")  # type: ignore[arg-type]


# Random stores: documents, events, then verdicts, duplicates, clusters and removals.

ACTORS = ("PAKGOV", "USAGOV", "CHNMIL", "IND", "AFGREB")
DATES = (None, "2024", "2024-03", "2024-03-01", "2024-03-31", "2024-04-15", "2025-01-02")
DOCUMENT_DATES = (None, "2024-03-01", "2024-03-31", "2025-01-02", "2024-02-20..2024-04-10")
_examples = itertools.count()


@dataclass(frozen=True)
class Plan:
    """A random store's contents and the writes applied after adding them."""

    documents: list[tuple[str | None, str | None, list[tuple[Any, ...]]]]
    writes: list[tuple[Any, ...]]


_event_spec = st.tuples(
    st.sampled_from(ACTORS),
    st.sampled_from((None, *ACTORS)),
    st.integers(1, 4),
    st.sampled_from((-10.0, -2.0, 1.9, 4.0, 7.0)),
    st.sampled_from(DATES),
    st.sampled_from((Factuality.ASSERTED, Factuality.PLANNED, Factuality.NEGATED)),
)
_document_spec = st.tuples(
    st.sampled_from((None, "Wire A", "Paper B")),
    st.sampled_from(DOCUMENT_DATES),
    st.lists(_event_spec, max_size=3),
)
_write_spec = st.one_of(
    st.tuples(st.just("reject"), st.integers(0, 20)),
    st.tuples(st.just("correct"), st.integers(0, 20), st.sampled_from(ACTORS)),
    st.tuples(st.just("duplicate"), st.integers(0, 7), st.integers(0, 7)),
    st.tuples(st.just("cluster"), st.lists(st.integers(0, 20), min_size=1, max_size=3)),
    st.tuples(st.just("remove"), st.integers(0, 7)),
)
_plans = st.builds(
    Plan,
    documents=st.lists(_document_spec, min_size=1, max_size=6),
    writes=st.lists(_write_spec, max_size=4),
)


def _apply(store: SQLStore, plan: Plan, knowledge: Knowledge) -> None:
    run = next(_examples)
    extractions = []
    event_ids: list[str] = []
    for d, (outlet, date, specs) in enumerate(plan.documents):
        doc_id = f"x{run}-{d}"
        events = []
        for k, (source, target, quad, goldstein, event_date, factuality) in enumerate(specs):
            event_id = f"{doc_id}-e{k}"
            event_ids.append(event_id)
            events.append(
                make_event(
                    event_id,
                    doc_id,
                    source,
                    target,
                    quad=quad,
                    goldstein=goldstein,
                    date=event_date,
                    factuality=factuality,
                )
            )
        extractions.append(_doc(doc_id, date, *events, outlet=outlet))
    store.add(extractions)
    doc_ids = [e.document.id for e in extractions]
    for write in plan.writes:
        kind = write[0]
        if kind in ("reject", "correct") and event_ids:
            event_id = event_ids[write[1] % len(event_ids)]
            try:
                if kind == "reject":
                    store.set_verdict(event_id, "reject", knowledge=knowledge)
                else:
                    store.set_verdict(
                        event_id, "correct", target_code=write[2], knowledge=knowledge
                    )
            except InputError:
                continue  # the event's document was removed, or the correction is its own code
        elif kind == "duplicate" and write[1] % len(doc_ids) != write[2] % len(doc_ids):
            copy, original = doc_ids[write[1] % len(doc_ids)], doc_ids[write[2] % len(doc_ids)]
            store.save_signatures([(copy, "1 2", original, 0.95)])
        elif kind == "cluster" and event_ids:
            members = [event_ids[i % len(event_ids)] for i in write[1]]
            store.assign_clusters(dict.fromkeys(members, members[0]))
        elif kind == "remove":
            store.remove_document(doc_ids[write[1] % len(doc_ids)])


QUERIES = (
    EventQuery(),
    EventQuery(dyad=("PAK", "USA")),
    EventQuery(actor="PAK"),
    EventQuery(source="USA", quad_class=1),
    EventQuery(target="IND"),
    EventQuery(actor="PA"),
    EventQuery(factuality=("negated", "planned")),
    EventQuery(since="2024-03"),
    EventQuery(since="2024-03-01", until="2024-03-31"),
    EventQuery(until="2024"),
    EventQuery(since="2024-03-15"),
    EventQuery(factuality=()),
)


PAGES = (
    EventQuery(dyad=("PAK", "USA"), order="-date", limit=1),
    EventQuery(dyad=("USA", "PAK"), order="-date", limit=2, offset=1),
    EventQuery(dyad=("CHN", "PAK"), since="2024-03", order="-date", limit=3),
    EventQuery(dyad=("PAK", "USA"), until="2024-03-31", order="-date", limit=1),
    EventQuery(dyad=("PAK", "USA"), quad_class=1, order="-date", limit=2),
    EventQuery(dyad=("PAK", "USA"), mentions=True, include_rejected=True, order="-date", limit=2),
)
"""Newest-first pages of a dyad, which the store reads from date windows (bilat.store.windows)."""


def _goldstein(rows: list[TimelineRow] | list[DyadRow]) -> list[float]:
    """Return the Goldstein means and sums, equal up to the order floats were added in."""
    return [value for r in rows for value in (r.goldstein_mean, r.goldstein_sum)]


def _same_timeline(served: list[TimelineRow], raw: list[TimelineRow]) -> None:
    assert [(r.period, r.events, r.verbal_coop, r.material_conflict) for r in served] == [
        (r.period, r.events, r.verbal_coop, r.material_conflict) for r in raw
    ]
    assert _goldstein(served) == pytest.approx(_goldstein(raw))


def _same_dyads(served: list[DyadRow], raw: list[DyadRow]) -> None:
    def exact(r: DyadRow) -> tuple[Any, ...]:
        return (r.a, r.b, r.events, r.verbal_coop, r.material_coop, r.verbal_conflict)

    def rest(r: DyadRow) -> tuple[Any, ...]:
        return (r.material_conflict, r.first, r.last, r.documents, r.sources)

    assert [(*exact(r), *rest(r)) for r in served] == [(*exact(r), *rest(r)) for r in raw]
    assert _goldstein(served) == pytest.approx(_goldstein(raw))


@pytest.mark.slow
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=_plans)
def test_summary_answers_equal_raw_sql(store: Store, plan: Plan) -> None:
    # The store keeps every earlier example's documents: later examples test a fuller store.
    assert isinstance(store, SQLStore)
    _apply(store, plan, _knowledge())
    for query in QUERIES:
        assert store.count_events(query) == _raw(store, partial(store.count_events, query))
        for by in ("month", "quarter", "year"):
            _same_timeline(
                store.timeline(query, by), _raw(store, partial(store.timeline, query, by))
            )
    for query in PAGES:
        assert [e.id for e in store.events(query)] == [
            e.id for e in _raw(store, partial(store.events, query))
        ]
    for directed in (False, True):
        _same_dyads(
            store.dyads(directed=directed),
            _raw(store, partial(store.dyads, directed=directed)),
        )


def test_summary_migration_fills_a_store_made_before_it(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with open_store(path) as store:
        _fill(store)
    with duckdb.connect(str(path)) as con:
        for table in ("event_summary", "event_reports", "event_dyads"):
            con.execute(f"DROP TABLE {table}")
        con.execute("DELETE FROM schema_migrations WHERE version = 6")
    with open_store(path) as store:
        assert _served(lambda: _dyads(store)) == [
            ("PAK", "USA", 3, 2, 2),
            ("AFG", "PAK", 1, 1, 1),
            ("CHN", "PAK", 1, 1, 1),
        ]
        assert _served(lambda: store.count_events(EventQuery(actor="PAK"))) == 5
