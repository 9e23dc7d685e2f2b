"""Every view takes events dated only to a month or a year, on both backends.

An event dated ``2025-04`` is placed on the first day of its month, one dated ``2025`` on the
first day of its year; a chart too fine for such a date leaves it out and says so.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import warnings

import pytest

from bilat.alerts import AlertRule, match_alerts
from bilat.analytics import timeline, trend
from bilat.brief import BriefScope, build_brief, to_html, to_markdown
from bilat.exports import EVENT_FORMATS, export_events
from bilat.records import DatePrecision
from bilat.store import EventQuery, Store
from conftest import make_event, make_extraction

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

DAY = make_event("da1", "d1", "PAKGOV", "INDGOV", date="2025-05-10")
MONTH = dataclasses.replace(
    make_event("a04", "d1", "INDMIL", "PAKMIL", cameo="190", quad=4, goldstein=-10.0),
    date="2025-04",
    date_precision=DatePrecision.MONTH,
)
YEAR = dataclasses.replace(
    make_event("e25", "d1", "PAKGOV", "INDGOV", cameo="111", quad=3, goldstein=-2.0),
    date="2025",
    date_precision=DatePrecision.YEAR,
)


@pytest.fixture
def coarse(store: Store) -> Store:
    """Return a store holding one day- (da1), one month- (a04) and one year-dated (e25) event."""
    text = "Pakistan and India met. Troops clashed. India protested."
    store.add([make_extraction("d1", text, (DAY, MONTH, YEAR), date="2025-05-12")])
    return store


def test_events_since_the_first_day_of_a_month_or_year_include_coarse_dates(
    coarse: Store,
) -> None:
    def ids(since: str, until: str) -> list[str]:
        query = EventQuery(since=since, until=until, order="date")
        return [e.id for e in coarse.events(query)]

    assert ids("2025-01-01", "2025-12-31") == ["e25", "a04", "da1"]
    assert ids("2025-04-01", "2025-04-30") == ["a04"]
    assert ids("2025-04-02", "2025-05-31") == ["da1"]
    assert ids("2024-01-01", "2024-12-31") == []


@pytest.mark.slow
def test_brief_over_half_a_year_counts_month_dated_events_by_month(coarse: Store) -> None:
    brief = build_brief(
        coarse, BriefScope.parse(dyad=("PAK", "IND"), since="2025-01-01", until="2025-06-30")
    )
    assert brief.events_now == 3
    assert brief.by == "month"
    assert [(r.period, r.events) for r in brief.series] == [
        ("2025-01", 0),
        ("2025-02", 0),
        ("2025-03", 0),
        ("2025-04", 1),
        ("2025-05", 1),
        ("2025-06", 0),
    ]
    assert brief.uncharted == 1
    note = "1 event dated only to a year is not in the chart."
    assert note in to_markdown(brief)
    assert note in to_html(brief)


def test_brief_by_week_leaves_month_dated_events_out_of_the_chart_only(coarse: Store) -> None:
    brief = build_brief(
        coarse, BriefScope.parse(actor="IND", since="2025-04-01", until="2025-04-30")
    )
    assert (brief.events_now, brief.by, brief.uncharted) == (1, "week", 1)
    assert [r.events for r in brief.series] == [0, 0, 0, 0, 0]
    assert "1 event dated only to a month or a year is not in the chart." in to_markdown(brief)


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        ("week", [("2025-W19", 1)]),
        ("month", [("2025-04", 1), ("2025-05", 1)]),
        ("quarter", [("2025-Q2", 2)]),
        ("year", [("2025", 3)]),
    ],
)
def test_timeline_places_coarse_dates_where_they_fit(
    coarse: Store, by: str, expected: list[tuple[str, int]]
) -> None:
    rows = timeline(coarse, "PAK", "IND", by=by)
    assert [(r.period, r.events) for r in rows] == expected
    assert trend(rows).summary


def test_alerts_match_coarse_dated_events(coarse: Store) -> None:
    alerts = match_alerts(coarse, [AlertRule.model_validate({"name": "r", "dyad": ["IND", "PAK"]})])
    assert sorted((a.event.id, a.event.date) for a in alerts) == [
        ("a04", "2025-04"),
        ("da1", "2025-05-10"),
        ("e25", "2025"),
    ]


@pytest.mark.parametrize("fmt", EVENT_FORMATS)
def test_exports_take_coarse_dates(coarse: Store, fmt: str) -> None:
    data = export_events(coarse, fmt)
    assert data
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
        assert sorted(r["date"] for r in rows) == ["2025", "2025-04", "2025-05-10"]


def test_dashboard_pages_take_coarse_dates(coarse: Store) -> None:
    from bilat.server import create_app

    db = str(getattr(coarse, "url", ""))
    coarse.close()
    pages = [
        "/",
        "/dyads/IND/PAK",
        "/events",
        "/events/a04",
        "/events/e25",
        "/documents/d1",
        "/api/timeline?dyad=PAK,IND&by=week",
        "/api/timeline?dyad=PAK,IND&by=year",
        "/api/events?since=2025-01-01",
    ]
    with TestClient(create_app(db)) as client:
        status = {page: client.get(page).status_code for page in pages}
        year = client.get("/api/timeline?dyad=PAK,IND&by=year").json()
    assert status == dict.fromkeys(pages, 200)
    assert [(r["period"], r["events"]) for r in year["periods"]] == [("2025", 3)]
