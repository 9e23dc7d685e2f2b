"""Tests for the store's fact, quote and timeline queries and for bilat.analytics."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilat.analytics import (
    ChangePoint,
    Period,
    TimelinePeriod,
    change_points,
    period_of,
    periods_between,
    sparkline,
    timeline,
    trend,
)
from bilat.analytics.trends import signed
from bilat.errors import InputError
from bilat.records import (
    Actor,
    DatePrecision,
    DateSource,
    Document,
    DocumentDate,
    Event,
    Extraction,
    Fact,
    Factuality,
    Quote,
)
from bilat.store import Store, open_store
from bilat.store.base import (
    DatedFact,
    DatedQuote,
    EventQuery,
    FactQuery,
    QuoteQuery,
    TimelineRow,
)
from conftest import actor, make_event


def _actor(code: str) -> Actor:
    found = actor(code)
    assert found is not None
    return found


def _event(
    event_id: str,
    doc_id: str,
    source: str,
    target: str,
    *,
    quad: int = 1,
    goldstein: float = 1.0,
    date: str | None = None,
    factuality: Factuality = Factuality.ASSERTED,
) -> Event:
    return make_event(
        event_id,
        doc_id,
        source,
        target,
        cameo="040",
        quad=quad,
        goldstein=goldstein,
        date=date,
        factuality=factuality,
        sentence="The two sides talked.",
    )


def _extraction(
    doc_id: str,
    events: tuple[Event, ...],
    *,
    date: str | None = None,
    earliest: str | None = None,
    latest: str | None = None,
    facts: tuple[Fact, ...] = (),
    quotes: tuple[Quote, ...] = (),
) -> Extraction:
    document = Document.from_text(f"Report {doc_id} about talks.", doc_id=doc_id, published=date)
    if date:
        when = DocumentDate(date, date, date, DatePrecision.DAY, DateSource.METADATA)
    elif earliest or latest:
        when = DocumentDate(None, earliest, latest, DatePrecision.RANGE, DateSource.INFERRED)
    else:
        when = DocumentDate.unknown()
    return Extraction(document=document, date=when, events=events, facts=facts, quotes=quotes)


KILLED = Fact("d1", "killed", 50.0, "people", "over", "over 50 people", 9, 23, 0, event_id="a1")
TARIFF = Fact("d2", "tariff", 29.0, "%", None, "29%", 4, 7, 0)
MONEY = Fact("d3", "money", 7e9, "USD", None, "$7 billion", 0, 10, 0, detail="loan")
SAID = Quote("d1", "We will stay the course", 0, 23, _actor("PAKGOV"), "Dar", 0)
ASKED = Quote("d2", "We need more from our partners", 0, 30, _actor("USAGOV"), "he", 0)

CORPUS = [
    _extraction(
        "d1",
        (
            _event("a1", "d1", "PAKGOV", "USAGOV", goldstein=1.0, date="2025-01-10"),
            _event("a2", "d1", "USAGOV", "PAKGOV", quad=2, goldstein=7.0, date="2025-01-20"),
            _event("a3", "d1", "PAKGOV", "USAGOV", quad=3, goldstein=-2.0, date="2025-03-05"),
            _event(
                "a4",
                "d1",
                "PAKGOV",
                "USAGOV",
                goldstein=-9.0,
                date="2025-03-06",
                factuality=Factuality.NEGATED,
            ),
            _event(
                "a5",
                "d1",
                "USAGOV",
                "PAKGOV",
                goldstein=-9.0,
                date="2025-02-06",
                factuality=Factuality.HYPOTHETICAL,
            ),
        ),
        date="2025-01-10",
        facts=(KILLED,),
        quotes=(SAID,),
    ),
    # Dated only by a range: its undated events sit in the middle (2024-06-15).
    _extraction(
        "d2",
        (_event("b1", "d2", "USAGOV", "PAKMIL", quad=4, goldstein=-10.0),),
        earliest="2024-06-01",
        latest="2024-06-29",
        facts=(TARIFF,),
        quotes=(ASKED,),
    ),
    _extraction(
        "d3",
        (_event("c1", "d3", "CHNGOV", "PAKGOV", goldstein=4.0, date="2025-02-02"),),
        facts=(MONEY,),
    ),
]


@pytest.fixture
def filled(store: Store) -> Store:
    store.add(CORPUS)
    return store


def test_store_timeline_counts_by_quad_class_per_month(filled: Store) -> None:
    assert filled.timeline(EventQuery(dyad=("PAK", "USA")), "month") == [
        TimelineRow("2024-06-01", 1, 0, 0, 0, 1, -10.0, -10.0),
        TimelineRow("2025-01-01", 2, 1, 1, 0, 0, 4.0, 8.0),
        TimelineRow("2025-03-01", 1, 0, 0, 1, 0, -2.0, -2.0),
    ]


def test_store_timeline_since_compares_the_placed_date(filled: Store) -> None:
    query = EventQuery(dyad=("USA", "PAK"), since="2024-06-15", until="2024-06-15")
    assert filled.timeline(query, "year") == [
        TimelineRow("2024-01-01", 1, 0, 0, 0, 1, -10.0, -10.0)
    ]


def test_store_timeline_weeks_start_on_monday(filled: Store) -> None:
    rows = filled.timeline(EventQuery(dyad=("PAK", "USA"), since="2025-01-01"), "week")
    assert [(r.period, r.events) for r in rows] == [
        ("2025-01-06", 1),
        ("2025-01-20", 1),
        ("2025-03-03", 1),
    ]


def test_store_timeline_places_a_year_only_date_in_years_alone(store: Store) -> None:
    sentence_year = _event("y1", "y", "PAKGOV", "USAGOV", goldstein=3.0, date="2021")
    month_only = _event("m1", "y", "USAGOV", "PAKGOV", goldstein=5.0, date="2021-05")
    store.add([_extraction("y", (sentence_year, month_only))])
    query = EventQuery(dyad=("PAK", "USA"))
    assert [(r.period, r.events) for r in store.timeline(query, "year")] == [("2021-01-01", 2)]
    assert [(r.period, r.events) for r in store.timeline(query, "month")] == [("2021-05-01", 1)]
    assert store.timeline(query, "week") == []


def test_store_timeline_rejects_unknown_period(filled: Store) -> None:
    with pytest.raises(InputError, match="unknown period 'day'"):
        filled.timeline(EventQuery(), "day")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            FactQuery(),
            [
                DatedFact(TARIFF, "2024-06-15"),
                DatedFact(KILLED, "2025-01-10", "PAKGOV", "USAGOV"),
                DatedFact(MONEY, None),
            ],
        ),
        (FactQuery(kind="tariff"), [DatedFact(TARIFF, "2024-06-15")]),
        (
            FactQuery(kind=("killed", "tariff")),
            [DatedFact(TARIFF, "2024-06-15"), DatedFact(KILLED, "2025-01-10", "PAKGOV", "USAGOV")],
        ),
        (FactQuery(kind=()), []),
        (FactQuery(dyad=("USA", "PAK")), [DatedFact(KILLED, "2025-01-10", "PAKGOV", "USAGOV")]),
        (FactQuery(actor="USAGOV"), [DatedFact(KILLED, "2025-01-10", "PAKGOV", "USAGOV")]),
        (FactQuery(actor="CHN"), []),
        (FactQuery(since="2025-01-01"), [DatedFact(KILLED, "2025-01-10", "PAKGOV", "USAGOV")]),
        (FactQuery(until="2024-12-31"), [DatedFact(TARIFF, "2024-06-15")]),
        (FactQuery(doc_id="d3"), [DatedFact(MONEY, None)]),
        (FactQuery(text="BILLION"), [DatedFact(MONEY, None)]),
        (FactQuery(limit=1, offset=1), [DatedFact(KILLED, "2025-01-10", "PAKGOV", "USAGOV")]),
    ],
)
def test_store_facts_filters(filled: Store, query: FactQuery, expected: list[DatedFact]) -> None:
    assert filled.facts(query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (QuoteQuery(), [DatedQuote(ASKED, "2024-06-15"), DatedQuote(SAID, "2025-01-10")]),
        (QuoteQuery(speaker="PAK"), [DatedQuote(SAID, "2025-01-10")]),
        (QuoteQuery(doc_id="d2"), [DatedQuote(ASKED, "2024-06-15")]),
        (QuoteQuery(doc_ids=("d2",)), [DatedQuote(ASKED, "2024-06-15")]),
        (
            QuoteQuery(doc_ids=("d9", "d1", "d2")),
            [DatedQuote(ASKED, "2024-06-15"), DatedQuote(SAID, "2025-01-10")],
        ),
        (QuoteQuery(doc_ids=()), []),
        (QuoteQuery(since="2025-01-01"), [DatedQuote(SAID, "2025-01-10")]),
        (QuoteQuery(text="partners"), [DatedQuote(ASKED, "2024-06-15")]),
        (QuoteQuery(limit=1), [DatedQuote(ASKED, "2024-06-15")]),
    ],
)
def test_store_quotes_filters(filled: Store, query: QuoteQuery, expected: list[DatedQuote]) -> None:
    assert filled.quotes(query) == expected


def test_store_facts_rejects_negative_limit(filled: Store) -> None:
    with pytest.raises(InputError, match="limit and offset must be 0 or more"):
        filled.facts(FactQuery(limit=-1))


def _zero(label: str, start: str, end: str) -> TimelinePeriod:
    return TimelinePeriod(label, start, end, 0, 0, 0, 0, 0, None, 0.0)


def test_timeline_fills_periods_without_events_with_zeros(filled: Store) -> None:
    assert timeline(filled, "pak", "usa", by="quarter") == [
        TimelinePeriod("2024-Q2", "2024-04-01", "2024-06-30", 1, 0, 0, 0, 1, -10.0, -10.0),
        _zero("2024-Q3", "2024-07-01", "2024-09-30"),
        _zero("2024-Q4", "2024-10-01", "2024-12-31"),
        TimelinePeriod("2025-Q1", "2025-01-01", "2025-03-31", 3, 1, 1, 1, 0, 2.0, 6.0),
    ]


def test_timeline_bounds_without_events_are_all_zeros(filled: Store) -> None:
    assert timeline(filled, "PAK", "IND", by="month", since="2025-01-15", until="2025-02-01") == [
        _zero("2025-01", "2025-01-01", "2025-01-31"),
        _zero("2025-02", "2025-02-01", "2025-02-28"),
    ]


def test_timeline_without_events_or_bounds_is_empty(filled: Store) -> None:
    assert timeline(filled, "PAK", "IND", by="year") == []


def test_timeline_directed_keeps_one_direction(filled: Store) -> None:
    rows = timeline(filled, "USA", "PAK", by="year", directed=True)
    assert [(r.period, r.events, r.goldstein_sum) for r in rows] == [
        ("2024", 1, -10.0),
        ("2025", 1, 7.0),
    ]


def test_timeline_on_an_empty_store_with_bounds(tmp_path: Path) -> None:
    with open_store(tmp_path / "empty.duckdb") as store:
        assert timeline(store, "PAK", "USA", by="year", since="2024-05-01", until="2025-01-01") == [
            _zero("2024", "2024-01-01", "2024-12-31"),
            _zero("2025", "2025-01-01", "2025-12-31"),
        ]


@pytest.mark.parametrize(
    ("first", "last", "by", "labels"),
    [
        ("2024-12-20", "2025-01-08", "week", ["2024-W51", "2024-W52", "2025-W01", "2025-W02"]),
        ("2024-11-30", "2025-01-01", "month", ["2024-11", "2024-12", "2025-01"]),
        ("2024-08-15", "2025-02-01", "quarter", ["2024-Q3", "2024-Q4", "2025-Q1"]),
        ("2022-06-01", "2024-01-01", "year", ["2022", "2023", "2024"]),
        ("2025-02-01", "2025-01-01", "month", []),
    ],
)
def test_periods_between_labels(first: str, last: str, by: str, labels: list[str]) -> None:
    assert [p.label for p in periods_between(first, last, by)] == labels


def test_period_of_gives_first_and_last_day() -> None:
    assert period_of("2024-02-14", "month") == Period("2024-02", "2024-02-01", "2024-02-29")
    assert period_of("2025-01-01", "week") == Period("2025-W01", "2024-12-30", "2025-01-05")


def test_periods_between_rejects_a_bad_date() -> None:
    with pytest.raises(InputError, match="since '2025-13-01' is not a date; write it as"):
        periods_between("2025-13-01", "2025-12-01", "month")


def _series(values: list[float | None]) -> list[TimelinePeriod]:
    """Return monthly periods from 2024-01 holding one event of each Goldstein value."""
    rows = []
    for index, value in enumerate(values):
        label = f"{2024 + index // 12}-{index % 12 + 1:02d}"
        if value is None:
            rows.append(_zero(label, "", ""))
        else:
            rows.append(TimelinePeriod(label, "", "", 1, 1, 0, 0, 0, value, value))
    return rows


def test_trend_rising_series_has_positive_slope_and_interval() -> None:
    result = trend(_series([-2.0, -1.5, None, -0.5, 0.0, 0.5, 1.0]))
    assert (result.periods, result.slope, result.low, result.high) == (6, 0.5, 0.5, 0.5)
    assert result.direction == "rising"
    assert result.change_points == ()
    assert result.summary == (
        "Goldstein mean rose by +0.50 a month (95% CI +0.50 to +0.50); no change point"
    )


def test_trend_falling_series_has_negative_slope() -> None:
    result = trend(_series([3.0, 2.0, 2.5, 1.0, 0.5, 0.0, -1.0, -0.5]))
    assert result.direction == "falling"
    assert result.slope == -0.55
    assert result.high is not None
    assert result.high < 0


def test_trend_noisy_flat_series_has_no_clear_trend() -> None:
    result = trend(_series([1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 1.0, 2.0]))
    assert result.direction == "flat"
    assert result.summary.startswith("no clear trend: Goldstein mean ")
    assert result.change_points == ()


def test_trend_finds_the_change_point_of_a_step() -> None:
    result = trend(_series([-0.5, -0.3, -0.4, -0.4, 2.0, 2.2, 2.1, 2.1]))
    assert result.change_points == (ChangePoint("2024-05", "2024-04", -0.4, 2.1),)
    assert result.summary.endswith(
        "cooperation rose from −0.4 to +2.1 after 2024-04; change point at 2024-05"
    )


def test_change_points_find_a_fall() -> None:
    labels = [f"2025-Q{q}" for q in (1, 2, 3, 4)] + [f"2026-Q{q}" for q in (1, 2)]
    assert change_points([3.0, 3.0, 3.0, -1.0, -1.0, -1.0], labels) == [
        ChangePoint("2025-Q4", "2025-Q3", 3.0, -1.0)
    ]


def test_change_points_need_five_periods() -> None:
    assert change_points([0.0, 0.0, 5.0, 5.0], ["a", "b", "c", "d"]) == []


def test_trend_too_few_periods() -> None:
    result = trend(_series([1.0, None, 2.0, 3.0]))
    assert (result.direction, result.slope, result.periods) == ("unknown", None, 3)
    assert result.summary == "too few periods to tell a trend (3 with events; 4 needed)"


def test_trend_as_dict_is_plain() -> None:
    assert trend(_series([])).as_dict() == {
        "periods": 0,
        "slope": None,
        "low": None,
        "high": None,
        "confidence": 0.95,
        "direction": "unknown",
        "change_points": [],
        "summary": "too few periods to tell a trend (0 with events; 4 needed)",
    }


@pytest.mark.parametrize(
    ("values", "kwargs", "expected"),
    [
        ([0, 1, 2, 3, 4, 5, 6, 7], {}, "▁▂▃▄▅▆▇█"),
        ([2.0, None, 4.0], {}, "▁ █"),
        ([3, 3, 3], {}, "▄▄▄"),
        ([0, 5, 10], {"low": 0, "high": 20}, "▁▃▅"),
        ([None, None], {}, "  "),
        ([], {}, ""),
    ],
)
def test_sparkline_scales_values(
    values: list[float | None], kwargs: dict[str, float], expected: str
) -> None:
    assert sparkline(values, **kwargs) == expected


@pytest.mark.parametrize(("value", "text"), [(-0.4, "−0.4"), (2.1, "+2.1"), (-0.01, "+0.0")])
def test_signed_uses_a_true_minus(value: float, text: str) -> None:
    assert signed(value) == text
