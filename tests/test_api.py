"""Tests for the REST API: every endpoint and filter, the error shape and the security headers."""

from __future__ import annotations

import dataclasses
import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from bilat import __version__
from bilat.api.responses import CSP
from bilat.errors import InputError, StoreError
from bilat.records import (
    Actor,
    Event,
    Fact,
    Factuality,
    Mention,
    Place,
    Quote,
    Rejection,
    RejectReason,
)
from bilat.server import create_app
from bilat.settings import Settings
from bilat.store import EVERY_EVENT, EventQuery, open_store
from conftest import actor, make_event, make_extraction

# Starlette deprecates its httpx-based test client in favour of a package not installed here;
# the client works, so keep the notice from failing the run (filterwarnings = error).
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


KARACHI = Place("Karachi", "PAK", 24.86, 67.01, how="sentence")
A = dataclasses.replace(
    make_event(
        "A", "d1", "PAKGOV", "USAGOV", cameo="042", quad=1, goldstein=2.0, date="2025-04-07",
        sentence="The Pakistani minister hosted the American envoy.", confidence=0.9,
        place=KARACHI,
    ),
    trigger="hosted", trigger_start=23, trigger_end=29,
)  # fmt: skip
B = make_event(
    "B", "d1", "USAGOV", "PAKGOV", cameo="061", quad=2, goldstein=6.0, date="2025-04-09",
    factuality=Factuality.REPORTED, confidence=0.8,
)  # fmt: skip
C = make_event(
    "C", "d1", "PAKGOV", "USAGOV", cameo="112", quad=3, goldstein=-2.0, date="2025-04-08",
    factuality=Factuality.NEGATED,
)  # fmt: skip
D = make_event("D", "d2", "CHNGOV", "PAKMIL", cameo="073", quad=2, goldstein=7.0, confidence=0.7)
E = make_event(
    "E", "d2", "INDMIL", "PAKMIL", cameo="190", quad=4, goldstein=-10.0, date="2025-05-07",
    sentence="Indian jets hit positions near the frontier.", confidence=0.95,
)  # fmt: skip
F = make_event(
    "F", "d3", "USAGOV", "CHNGOV", cameo="036", quad=1, goldstein=4.0,
    factuality=Factuality.PLANNED,
)  # fmt: skip

MINISTER = Mention(4, 22, "Pakistani minister", Actor("PAKGOV", "PAK", "GOV"), "title", "gaz", 0)
ENVOY = Mention(34, 48, "American envoy", Actor("USAGOV", "USA", "GOV"), "title", "gaz", 0)
D1 = make_extraction(
    "d1",
    "The Pakistani minister hosted the American envoy. Grain shipments followed.",
    (A, C, B),
    date="2025-04-07",
    mentions=(MINISTER, ENVOY),
    quotes=(Quote("d1", "We agreed.", 51, 61, actor("PAKGOV"), "minister", 1),),
    facts=(Fact("d1", "money", 2e8, "USD", None, "$200m", 51, 56, 1, event_id="B"),),
    sentences=((0, 50), (51, 75)),
)
D2 = make_extraction("d2", "Beijing and Delhi moved near Pakistan.", (D, E), date="2024-11-02")
D3 = make_extraction("d3", "Washington intends to visit Beijing.", (F,))
REJECTED = Rejection("blank.txt", RejectReason.EMPTY, "the file is empty; give it some text")

ERROR_KEYS = {"ok", "error", "status"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Return the path of a DuckDB store holding three documents and one rejection."""
    path = tmp_path_factory.mktemp("api") / "bilat.duckdb"
    with open_store(path) as store:
        store.add([D1, D2, D3], [REJECTED])
    return str(path)


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    """Yield a client of the API over the test store, closed afterwards."""
    with TestClient(create_app(db)) as opened:
        yield opened


def get(client: TestClient, url: str, *, status: int = 200) -> Any:
    """Return the JSON body of a GET after checking its status."""
    response = client.get(url)
    assert response.status_code == status, response.text
    return response.json()


def ids(body: dict[str, Any]) -> list[str]:
    return [event["id"] for event in body["events"]]


def test_api_index_lists_endpoints_counts_and_dyads(client: TestClient) -> None:
    body = get(client, "/api")
    assert body["counts"] == {
        "documents": 3,
        "rejected": 1,
        "events": 5,
        "events_all_factuality": 6,
    }
    assert body["endpoints"] == {
        "dashboard": "/",
        "index": "/api",
        "events": "/api/events",
        "event": "/api/events/{id}",
        "verdict": "/api/events/{id}/verdict",
        "dyads": "/api/dyads",
        "timeline": "/api/timeline",
        "actors": "/api/actors",
        "facts": "/api/facts",
        "quotes": "/api/quotes",
        "documents": "/api/documents",
        "document": "/api/documents/{id}",
        "export": "/api/export",
        "ingest": "/api/ingest",
        "health": "/api/health",
        "docs": "/docs",
        "openapi": "/openapi.json",
    }
    assert (body["ok"], body["name"], body["version"]) == (True, "bilat", __version__)
    assert [(row["a"], row["b"], row["events"]) for row in body["dyads"]] == [
        ("PAK", "USA", 2),
        ("CHN", "PAK", 1),
        ("CHN", "USA", 1),
        ("IND", "PAK", 1),
    ]


def test_api_events_default_page_is_counted_events_in_date_order(client: TestClient) -> None:
    body = get(client, "/api/events")
    assert body == {
        "ok": True,
        "total": 5,
        "limit": 100,
        "offset": 0,
        "events": [e.export_dict() for e in (D, A, B, E, F)],
    }


def test_api_events_render_the_export_shape(client: TestClient) -> None:
    assert get(client, "/api/events?q=hosted")["events"] == [
        {
            "id": "A",
            "doc_id": "d1",
            "sentence": "The Pakistani minister hosted the American envoy.",
            "sentence_start": 0,
            "sentence_end": 49,
            "sentence_index": 0,
            "cameo": "042",
            "cameo_name": "code 042",
            "source": {
                "code": "PAKGOV",
                "country": "PAK",
                "sector": "GOV",
                "name": None,
                "person": None,
                "person_id": None,
                "office": None,
                "organisation": None,
            },
            "target": {
                "code": "USAGOV",
                "country": "USA",
                "sector": "GOV",
                "name": None,
                "person": None,
                "person_id": None,
                "office": None,
                "organisation": None,
            },
            "goldstein": 2.0,
            "quad_class": 1,
            "plover_type": None,
            "plover_mode": None,
            "factuality": "asserted",
            "confidence": 0.9,
            "rule": "test-rule",
            "trigger": "hosted",
            "trigger_start": 23,
            "trigger_end": 29,
            "date": "2025-04-07",
            "date_precision": "day",
            "place": {
                "name": "Karachi",
                "country": "PAK",
                "lat": 24.86,
                "lon": 67.01,
                "feature": "city",
                "how": "sentence",
            },
            "reported_by": None,
            "symmetric": False,
            "cluster_id": None,
            "num_mentions": 1,
            "num_articles": 1,
            "num_sources": 1,
        }
    ]


@pytest.mark.parametrize(
    ("params", "expected", "total"),
    [
        ("dyad=PAK,USA", ["A", "B"], 2),
        ("dyad=usa,%20pak", ["A", "B"], 2),
        ("dyad=CHN,USA", ["F"], 1),
        ("actor=IND", ["E"], 1),
        ("actor=PAK", ["D", "A", "B", "E"], 4),
        ("source=PAK", ["A"], 1),
        ("target=PAKMIL", ["D", "E"], 2),
        ("since=2025-04-08", ["B", "E"], 2),
        ("until=2025-04-07", ["D", "A"], 2),
        ("since=2025-04-01&until=2025-04-30", ["A", "B"], 2),
        ("root=04", ["A"], 1),
        ("root=0", ["D", "A", "B", "F"], 4),
        ("quad_class=4", ["E"], 1),
        ("quad_class=2", ["D", "B"], 2),
        ("factuality=negated", ["C"], 1),
        ("factuality=reported,NEGATED", ["C", "B"], 2),
        ("factuality=all", ["D", "A", "C", "B", "E", "F"], 6),
        ("doc_id=d2", ["D", "E"], 2),
        ("q=JETS", ["E"], 1),
        ("q=nothing%20like%20this", [], 0),
        ("order=-date", ["E", "B", "A", "D", "F"], 5),
        ("order=-goldstein", ["D", "B", "F", "A", "E"], 5),
        ("order=confidence", ["F", "D", "B", "A", "E"], 5),
        ("limit=2&offset=1", ["A", "B"], 5),
        ("limit=0", [], 5),
        ("offset=4", ["F"], 5),
        ("actor=&dyad=&since=&factuality=", ["D", "A", "B", "E", "F"], 5),
        ("dyad=PAK,USA&factuality=all&order=-date", ["B", "C", "A"], 3),
    ],
)
def test_api_events_filter(
    client: TestClient, params: str, expected: list[str], total: int
) -> None:
    body = get(client, f"/api/events?{params}")
    assert (ids(body), body["total"]) == (expected, total)


def test_api_events_echo_limit_and_offset(client: TestClient) -> None:
    body = get(client, "/api/events?limit=1000&offset=3")
    assert (body["limit"], body["offset"], ids(body)) == (1000, 3, ["E", "F"])


@pytest.mark.parametrize("event", [A, C, F], ids=["asserted", "negated", "planned"])
def test_api_event_by_id_returns_it_whatever_its_factuality(
    client: TestClient, event: Event
) -> None:
    assert get(client, f"/api/events/{event.id}")["event"] == event.export_dict()


def test_api_event_by_id_carries_document_mentions_highlights_and_rule(
    client: TestClient,
) -> None:
    body = get(client, "/api/events/A")
    assert {k: v for k, v in body.items() if k != "event"} == {
        "ok": True,
        "document": {
            "id": "d1",
            "title": "Title d1",
            "published": "2025-04-07",
            "url": None,
            "outlet": None,
            "origin": None,
        },
        "mentions": [MINISTER.as_dict(), ENVOY.as_dict()],
        "highlights": [
            {"start": 4, "end": 22, "role": "source", "label": "PAKGOV"},
            {"start": 23, "end": 29, "role": "trigger", "label": "code 042"},
            {"start": 34, "end": 48, "role": "target", "label": "USAGOV"},
        ],
        "explain": {
            "rule": "test-rule",
            "trigger": "hosted",
            "cameo": "042",
            "cameo_name": "code 042",
            "factuality": "asserted",
            "confidence": 0.9,
            "reported_by": None,
            "sentence_index": 0,
            "command": "bilat explain d1 --sentence 0",
        },
        "verdict": None,
        "reports": [
            {
                "id": "d1",
                "title": "Title d1",
                "published": "2025-04-07",
                "url": None,
                "outlet": None,
                "origin": None,
                "event_id": "A",
                "sentence": "The Pakistani minister hosted the American envoy.",
            }
        ],
    }


def test_api_dyads_undirected(client: TestClient) -> None:
    body = get(client, "/api/dyads")
    assert body["directed"] is False
    assert body["dyads"][0] == {
        "a": "PAK",
        "b": "USA",
        "events": 2,
        "verbal_coop": 1,
        "material_coop": 1,
        "verbal_conflict": 0,
        "material_conflict": 0,
        "goldstein_mean": 4.0,
        "goldstein_sum": 8.0,
        "first": "2025-04-07",
        "last": "2025-04-09",
        "documents": 1,
        "sources": 1,
    }
    assert [(row["a"], row["b"]) for row in body["dyads"]] == [
        ("PAK", "USA"),
        ("CHN", "PAK"),
        ("CHN", "USA"),
        ("IND", "PAK"),
    ]


def test_api_dyads_directed(client: TestClient) -> None:
    body = get(client, "/api/dyads?directed=true")
    assert body["directed"] is True
    assert [(row["a"], row["b"], row["events"]) for row in body["dyads"]] == [
        ("CHN", "PAK", 1),
        ("IND", "PAK", 1),
        ("PAK", "USA", 1),
        ("USA", "CHN", 1),
        ("USA", "PAK", 1),
    ]


def accepted(doc_id: str, published: str | None, n_events: int) -> dict[str, Any]:
    """Return the listing row of an accepted test document."""
    return {
        "id": doc_id,
        "title": f"Title {doc_id}",
        "published": published,
        "date_precision": "day" if published else "unknown",
        "date_source": "metadata" if published else "none",
        "n_events": n_events,
        "status": "accepted",
        "reason": None,
        "origin": None,
        "detail": None,
        "earliest": published,
        "latest": published,
        "evidence": "meta" if published else "",
    }


REJECTED_ROW = {
    "id": None,
    "title": None,
    "published": None,
    "date_precision": None,
    "date_source": None,
    "n_events": 0,
    "status": "rejected",
    "reason": "empty",
    "origin": "blank.txt",
    "detail": "the file is empty; give it some text",
    "earliest": None,
    "latest": None,
    "evidence": None,
}
ACCEPTED_ROWS = [accepted("d1", "2025-04-07", 3), accepted("d2", "2024-11-02", 2)]
ACCEPTED_ROWS.append(accepted("d3", None, 1))


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ("", [*ACCEPTED_ROWS, REJECTED_ROW]),
        ("?status=accepted", ACCEPTED_ROWS),
        ("?status=rejected", [REJECTED_ROW]),
        ("?status=", [*ACCEPTED_ROWS, REJECTED_ROW]),
        ("?limit=1", ACCEPTED_ROWS[:1]),
    ],
)
def test_api_documents_list(client: TestClient, params: str, expected: list[Any]) -> None:
    assert get(client, f"/api/documents{params}") == {"ok": True, "documents": expected}


def test_api_document_returns_the_whole_extraction(client: TestClient) -> None:
    body = get(client, "/api/documents/d1")
    assert body == {"ok": True, **D1.as_dict()}
    assert list(body) == [
        "ok",
        "document",
        "date",
        "mentions",
        "events",
        "quotes",
        "facts",
        "sentences",
    ]


def test_api_health(client: TestClient) -> None:
    assert get(client, "/api/health") == {
        "ok": True,
        "version": __version__,
        "events": 6,
        "writes": False,
    }


def test_api_openapi_lists_the_endpoints(client: TestClient) -> None:
    schema = get(client, "/openapi.json")
    assert sorted(schema["paths"]) == [
        "/api",
        "/api/activity",
        "/api/actors",
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/dyads",
        "/api/events",
        "/api/events/{event_id}",
        "/api/events/{event_id}/verdict",
        "/api/export",
        "/api/facts",
        "/api/health",
        "/api/ingest",
        "/api/patterns",
        "/api/quotes",
        "/api/review",
        "/api/timeline",
    ]


def test_api_docs_page_is_self_hosted(client: TestClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    assert "<code>/api/events</code>" in response.text
    assert "http://" not in response.text
    assert "https://" not in response.text


def test_api_error_shape_has_exactly_ok_error_status(client: TestClient) -> None:
    response = client.get("/api/events/missing")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert set(response.json()) == ERROR_KEYS
    assert response.json() == {
        "ok": False,
        "error": "no event with id 'missing'; list events at /api/events to find ids",
        "status": 404,
    }


@pytest.mark.parametrize(
    ("url", "status", "error"),
    [
        ("/api/documents/nowhere", 404,
         "no document with id 'nowhere'; list documents at /api/documents"),
        ("/api/nowhere", 404, "no endpoint at /api/nowhere; GET /api lists the endpoints"),
        ("/api/events?dyad=PAK", 422,
         "invalid dyad 'PAK': give two country codes separated by a comma, e.g. dyad=PAK,USA"),
        ("/api/events?dyad=PAK,USA,CHN", 422,
         "invalid dyad 'PAK,USA,CHN': give two country codes separated by a comma, "
         "e.g. dyad=PAK,USA"),
        ("/api/events?dyad=PAK,U'SA", 422,
         "invalid dyad \"PAK,U'SA\": give two country codes separated by a comma, "
         "e.g. dyad=PAK,USA"),
        ("/api/events?limit=1001", 422,
         "invalid query parameter 'limit': Input should be less than or equal to 1000 "
         "(got '1001'); correct the request (the parameters are listed at /docs)"),
        ("/api/events?offset=-1", 422,
         "invalid query parameter 'offset': Input should be greater than or equal to 0 "
         "(got '-1'); correct the request (the parameters are listed at /docs)"),
        ("/api/events?quad_class=five", 422,
         "invalid query parameter 'quad_class': Input should be a valid integer, unable to "
         "parse string as an integer (got 'five'); correct the request (the parameters are "
         "listed at /docs)"),
        ("/api/events?factuality=asserted,maybe", 422,
         "invalid factuality 'maybe': use a comma list of asserted, planned, negated, "
         "reported, hypothetical, or 'all'"),
        ("/api/events?order=newest", 422,
         "invalid order 'newest': use one of date, -date, goldstein, -goldstein, confidence, "
         "-confidence"),
        ("/api/events?since=last%20week", 422,
         "invalid since 'last week': give an ISO date such as since=2025-04-07"),
        ("/api/events?until=2025-13-01", 422,
         "invalid until '2025-13-01': give an ISO date such as until=2025-04-07"),
        ("/api/dyads?directed=perhaps", 422,
         "invalid query parameter 'directed': Input should be a valid boolean, unable to "
         "interpret input (got 'perhaps'); correct the request (the parameters are listed "
         "at /docs)"),
        ("/api/documents?status=pending", 422,
         "invalid status 'pending': use accepted or rejected, or leave it out"),
    ],
)  # fmt: skip
def test_api_errors_answer_one_shape(client: TestClient, url: str, status: int, error: str) -> None:
    assert get(client, url, status=status) == {"ok": False, "error": error, "status": status}


@pytest.mark.parametrize(
    ("path", "name", "bound"),
    [
        ("/api/events", "offset", "1000000000"),
        ("/api/facts", "offset", "1000000000"),
        ("/api/quotes", "offset", "1000000000"),
        ("/api/documents", "limit", "1000"),
    ],
)
def test_api_huge_offsets_and_limits_answer_422(
    client: TestClient, path: str, name: str, bound: str
) -> None:
    # Past INT64 the store overflowed and answered 503; every page bound is checked up front.
    huge = "97101283470404386816"
    assert get(client, f"{path}?{name}={huge}", status=422) == {
        "ok": False,
        "error": f"invalid query parameter '{name}': Input should be less than or equal to "
        f"{bound} (got '{huge}'); correct the request (the parameters are listed at /docs)",
        "status": 422,
    }


def test_api_post_is_not_allowed(client: TestClient) -> None:
    response = client.post("/api/events")
    assert response.status_code == 405
    assert response.json() == {
        "ok": False,
        "error": "POST is not allowed on /api/events; /docs lists the methods each endpoint "
        "accepts",
        "status": 405,
    }


class FailingStore:
    """A stand-in store whose every read raises the given exception."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    def count_events(self, query: EventQuery = EVERY_EVENT) -> int:
        raise self.error

    def close(self) -> None:
        pass


@pytest.fixture
def failing_app(db: str) -> Iterator[FastAPI]:
    """Yield an app over the test store; tests swap its store for a failing one."""
    app = create_app(db)
    real = app.state.gate.store
    yield app
    real.close()


@pytest.mark.parametrize(
    ("error", "status", "message"),
    [
        (StoreError("cannot read 'x.duckdb': disk gone; check the disk"), 503,
         "[E300] cannot read 'x.duckdb': disk gone; check the disk"),
        (InputError("bad value; send a good one"), 400, "[E100] bad value; send a good one"),
        (RuntimeError("secret internals at line 12"), 500,
         "internal error while answering GET /api/health; the server log has the details; "
         "retry, and report the problem if it persists"),
    ],
)  # fmt: skip
def test_api_exceptions_answer_one_shape_without_tracebacks(
    failing_app: FastAPI, error: Exception, status: int, message: str
) -> None:
    failing_app.state.gate.store = FailingStore(error)
    with TestClient(failing_app, raise_server_exceptions=False) as failing:
        response = failing.get("/api/health")
    assert response.status_code == status
    assert response.json() == {"ok": False, "error": message, "status": status}
    assert response.headers["content-security-policy"] == CSP
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("GET", "/"),
        ("GET", "/api/events"),
        ("GET", "/api/events/A"),
        ("GET", "/api/dyads"),
        ("GET", "/api/documents"),
        ("GET", "/api/documents/d1"),
        ("GET", "/api/health"),
        ("GET", "/openapi.json"),
        ("GET", "/api/events/missing"),
        ("GET", "/api/events?limit=x"),
        ("GET", "/nowhere"),
        ("POST", "/api/events"),
    ],
)
def test_api_responses_carry_security_headers(client: TestClient, method: str, url: str) -> None:
    response = client.request(method, url)
    assert response.headers["content-security-policy"] == CSP
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "access-control-allow-origin" not in response.headers


def test_api_csp_allows_no_inline_or_foreign_script() -> None:
    assert CSP == (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
        "form-action 'self'"
    )


def test_api_cross_origin_requests_get_no_cors_grant(client: TestClient) -> None:
    response = client.options(
        "/api/events",
        headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "GET"},
    )
    assert response.status_code == 405
    assert "access-control-allow-origin" not in response.headers


def test_api_create_app_on_a_missing_file_raises_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="there is no database there"):
        create_app(str(tmp_path / "absent.duckdb"))


def test_api_create_app_keeps_the_token(db: str, tmp_path: Path) -> None:
    # A server with writes enabled holds its file writable: give it a copy of its own.
    own = tmp_path / "own.duckdb"
    shutil.copyfile(db, own)
    app = create_app(str(own), token="s3cret")
    try:
        assert app.state.token == "s3cret"
    finally:
        app.state.gate.close()


def test_api_timeline_fills_periods_and_says_the_trend(client: TestClient) -> None:
    assert get(client, "/api/timeline?dyad=usa,pak&by=month") == {
        "ok": True,
        "dyad": ["USA", "PAK"],
        "by": "month",
        "periods": [
            {
                "period": "2025-04",
                "start": "2025-04-01",
                "end": "2025-04-30",
                "events": 2,
                "verbal_coop": 1,
                "material_coop": 1,
                "verbal_conflict": 0,
                "material_conflict": 0,
                "goldstein_mean": 4.0,
                "goldstein_sum": 8.0,
            }
        ],
        "sparkline": "▆",
        "trend": {
            "periods": 1,
            "slope": None,
            "low": None,
            "high": None,
            "confidence": 0.95,
            "direction": "unknown",
            "change_points": [],
            "summary": "too few periods to tell a trend (1 with events; 4 needed)",
        },
    }


@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("/api/timeline", "invalid query parameter 'dyad': Field required; correct the "
         "request (the parameters are listed at /docs)"),
        ("/api/timeline?dyad=PAK,USA&by=day", "invalid by 'day': use one of week, month, "
         "quarter, year"),
        ("/api/actors?actor=PAK;DROP", "invalid actor 'PAK;DROP': give an actor or country "
         "code such as PAKGOV"),
        ("/api/events?verified=maybe", "invalid verified 'maybe': use true, false or any"),
    ],
)  # fmt: skip
def test_api_new_endpoints_reject_bad_parameters(client: TestClient, url: str, error: str) -> None:
    assert get(client, url, status=422) == {"ok": False, "error": error, "status": 422}


def test_api_actors_of_a_dyad(client: TestClient) -> None:
    assert get(client, "/api/actors?dyad=PAK,USA")["actors"] == [
        {
            "code": code,
            "country": code[:3],
            "sector": "GOV",
            "name": None,
            "events": 2,
            "as_source": 1,
            "as_target": 1,
            "first": "2025-04-07",
            "last": "2025-04-09",
        }
        for code in ("PAKGOV", "USAGOV")
    ]


def test_api_actors_ranked_and_limited(client: TestClient) -> None:
    rows = get(client, "/api/actors?limit=2")["actors"]
    assert [(r["code"], r["events"], r["as_source"], r["as_target"]) for r in rows] == [
        ("USAGOV", 3, 2, 1),
        ("CHNGOV", 2, 1, 1),
    ]


MONEY = {
    "doc_id": "d1",
    "kind": "money",
    "value": 200000000.0,
    "unit": "USD",
    "qualifier": None,
    "text": "$200m",
    "start": 51,
    "end": 56,
    "sentence_index": 1,
    "event_id": "B",
    "detail": None,
    "date": "2025-04-09",
    "source": "USAGOV",
    "target": "PAKGOV",
}


@pytest.mark.parametrize(
    ("params", "expected"),
    [("", [MONEY]), ("?kind=money&dyad=PAK,USA", [MONEY]), ("?kind=killed", []),
     ("?since=2025-05-01", [])],
)  # fmt: skip
def test_api_facts_filter(client: TestClient, params: str, expected: list[Any]) -> None:
    assert get(client, f"/api/facts{params}") == {"ok": True, "facts": expected}


WE_AGREED = {
    "doc_id": "d1",
    "text": "We agreed.",
    "start": 51,
    "end": 61,
    "speaker": {
        "code": "PAKGOV",
        "country": "PAK",
        "sector": "GOV",
        "name": None,
        "person": None,
        "person_id": None,
        "office": None,
        "organisation": None,
    },
    "speaker_text": "minister",
    "sentence_index": 1,
    "date": "2025-04-07",
    "said_by": "minister",
}


@pytest.mark.parametrize(
    ("params", "expected"),
    [("", [WE_AGREED]), ("?speaker=pak", [WE_AGREED]), ("?speaker=USA", []), ("?q=AGREED",
     [WE_AGREED]), ("?doc_id=d2", [])],
)  # fmt: skip
def test_api_quotes_filter(client: TestClient, params: str, expected: list[Any]) -> None:
    assert get(client, f"/api/quotes{params}") == {"ok": True, "quotes": expected}


TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def writable(tmp_path: Path) -> Iterator[TestClient]:
    """Yield a client of an app with writes on (token TOKEN) over a fresh copy of the store."""
    path = tmp_path / "bilat.duckdb"
    with open_store(path) as store:
        store.add([D1, D2, D3], [REJECTED])
    with TestClient(create_app(str(path), token=TOKEN)) as opened:
        yield opened


@pytest.mark.parametrize(
    ("method", "url", "body"),
    [("POST", "/api/events/A/verdict", {"verdict": "confirm"}),
     ("POST", "/api/ingest", None)],
)  # fmt: skip
def test_api_writes_are_off_without_a_token(
    client: TestClient, method: str, url: str, body: Any
) -> None:
    response = client.request(method, url, json=body)
    assert (response.status_code, response.json()) == (
        403,
        {
            "ok": False,
            "error": "writes are off: start the server with a token (bilat serve --token "
            "SECRET, or set BILAT_TOKEN) and send it as 'Authorization: Bearer SECRET'",
            "status": 403,
        },
    )


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"},
     {"Authorization": TOKEN}],
    ids=["none", "wrong", "basic", "bare"],
)  # fmt: skip
def test_api_writes_need_the_right_bearer_token(
    writable: TestClient, headers: dict[str, str]
) -> None:
    response = writable.post("/api/events/A/verdict", json={"verdict": "confirm"}, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["error"] == (
        "missing or wrong bearer token: send 'Authorization: Bearer <token>' with the token "
        "the server was started with"
    )


def test_api_token_is_compared_in_constant_time() -> None:
    source = (Path(__file__).resolve().parents[1] / "src/bilat/api/writes.py").read_text()
    assert "hmac.compare_digest(" in source


@pytest.mark.slow
def test_api_verdict_is_stored_and_read_back(writable: TestClient) -> None:
    response = writable.post(
        "/api/events/A/verdict", json={"verdict": "confirm", "note": "two outlets"}, headers=AUTH
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["verdict"]["event_id"], body["verdict"]["verdict"]) == ("A", "confirm")
    assert body["verdict"]["note"] == "two outlets"
    assert get(writable, "/api/events/A")["verdict"]["verdict"] == "confirm"
    assert ids(get(writable, "/api/events?verified=true")) == ["A"]
    assert ids(get(writable, "/api/events?verified=false")) == ["D", "B", "E", "F"]


def test_api_verdict_reject_hides_the_event(writable: TestClient) -> None:
    response = writable.post("/api/events/B/verdict", json={"verdict": "reject"}, headers=AUTH)
    assert response.status_code == 200, response.text
    assert ids(get(writable, "/api/events?dyad=PAK,USA")) == ["A"]


@pytest.mark.parametrize(
    ("event_id", "body", "status", "error"),
    [("nope", {"verdict": "confirm"}, 404,
      "no event with id 'nope'; list events at /api/events to find ids"),
     ("A", {"verdict": "maybe"}, 422, None),
     ("A", {"verdict": "confirm", "extra": 1}, 422, None),
     ("A", {"verdict": "correct", "source": "PAK GOV"}, 422,
      "invalid source 'PAK GOV': give an actor or country code such as PAKGOV")],
)  # fmt: skip
def test_api_verdict_refuses_bad_requests(
    writable: TestClient, event_id: str, body: Any, status: int, error: str | None
) -> None:
    response = writable.post(f"/api/events/{event_id}/verdict", json=body, headers=AUTH)
    assert response.status_code == status
    assert set(response.json()) == ERROR_KEYS
    if error is not None:
        assert response.json()["error"] == error


def test_api_verdict_survives_removing_and_re_adding_the_document(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bilat.duckdb"
    with open_store(path) as store:
        store.add([D1])
    with TestClient(create_app(str(path), token=TOKEN)) as writer:
        saved = writer.post("/api/events/A/verdict", json={"verdict": "confirm"}, headers=AUTH)
        assert saved.status_code == 200, saved.text
    with open_store(path) as store:
        assert store.remove_document("d1") is True
        store.add([D1])
    with TestClient(create_app(str(path))) as reader:
        assert get(reader, "/api/events/A")["verdict"]["verdict"] == "confirm"


def test_api_ingest_needs_text_or_file(writable: TestClient) -> None:
    response = writable.post("/api/ingest", data={"text": "  "}, headers=AUTH)
    assert (response.status_code, response.json()["error"]) == (
        422,
        "nothing to ingest: send the article as the form field 'text' or as a file upload "
        "named 'file'",
    )


def test_api_ingest_refuses_a_body_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "bilat.duckdb"
    open_store(path).close()
    settings = Settings(db=str(path), max_bytes=1000)
    with TestClient(create_app(str(path), token=TOKEN, settings=settings)) as small:
        big = small.post("/api/ingest", data={"text": "x" * 100_000}, headers=AUTH)
        upload = small.post("/api/ingest", files={"file": ("a.txt", b"y" * 2000)}, headers=AUTH)
    assert big.status_code == 413
    assert big.json()["error"].startswith("the request body is larger than 66536 bytes")
    assert (upload.status_code, upload.json()["error"]) == (
        413,
        "the article is larger than the limit of 1000 bytes; split it, or raise max_bytes in "
        "bilat.toml and restart the server",
    )


@pytest.mark.slow
def test_api_ingest_text_then_upload_through_the_one_writer(writable: TestClient) -> None:
    text = (
        "Islamabad, 3 March 2025\n"
        "Pakistan's foreign minister Ishaq Dar met the Chinese ambassador in Islamabad on "
        "Monday to discuss the new rail line."
    )
    first = writable.post("/api/ingest", data={"text": text, "doc_id": "mine"}, headers=AUTH)
    assert first.status_code == 200, first.text
    assert {k: first.json()[k] for k in ("read", "added", "skipped", "rejected")} == {
        "read": 1,
        "added": 1,
        "skipped": 0,
        "rejected": 0,
    }
    again = writable.post("/api/ingest", files={"file": ("same.txt", text.encode())}, headers=AUTH)
    assert {k: again.json()[k] for k in ("read", "added", "skipped")} == {
        "read": 1,
        "added": 0,
        "skipped": 1,
    }
    assert get(writable, "/api/documents/mine")["document"]["id"] == "mine"


@pytest.fixture(scope="module")
def clustered_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """Yield a client over a store where three articles from two outlets report one meeting."""
    from test_exports import _clustered_store

    path = tmp_path_factory.mktemp("clusters") / "bilat.duckdb"
    _clustered_store(path)
    with TestClient(create_app(str(path))) as opened:
        yield opened


def test_api_event_detail_lists_every_reporting_article(clustered_client: TestClient) -> None:
    body = get(clustered_client, "/api/events/aa01")
    assert [(r["id"], r["outlet"], r["published"], r["event_id"]) for r in body["reports"]] == [
        ("c1", "Dawn", "2025-04-07", "aa01"),
        ("c2", "Reuters", "2025-04-07", "bb02"),
        ("c3", "Dawn", "2025-04-08", "cc03"),
    ]
    assert body["reports"][1]["url"] == "https://example.org/c2"
    assert body["reports"][1]["sentence"] == "Pakistan's minister met the US envoy in Islamabad."


def test_api_events_rows_carry_cluster_counts(clustered_client: TestClient) -> None:
    rows = get(clustered_client, "/api/events")["events"]
    assert [(r["id"], r["num_mentions"], r["num_articles"], r["num_sources"]) for r in rows] == [
        ("aa01", 3, 3, 2),
        ("ee05", 1, 1, 1),
    ]


def test_api_dyads_count_outlets(clustered_client: TestClient) -> None:
    rows = get(clustered_client, "/api/dyads")["dyads"]
    assert [(r["a"], r["b"], r["events"], r["sources"]) for r in rows] == [
        ("CHN", "PAK", 1, 1),
        ("PAK", "USA", 1, 2),
    ]


def _download(client: TestClient, url: str, media: str, filename: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == media
    assert response.headers["content-disposition"] == f'attachment; filename="{filename}"'
    return response.content


@pytest.mark.parametrize(
    ("fmt", "media", "filename"),
    [
        ("csv", "text/csv; charset=utf-8", "bilat-events.csv"),
        ("jsonl", "application/x-ndjson", "bilat-events.jsonl"),
        ("parquet", "application/vnd.apache.parquet", "bilat-events.parquet"),
        ("gdelt", "text/tab-separated-values; charset=utf-8", "bilat-events.gdelt.tsv"),
        ("plover", "application/x-ndjson", "bilat-events.plover.jsonl"),
    ],
)
def test_api_export_events_round_trip(
    clustered_client: TestClient, tmp_path: Path, fmt: str, media: str, filename: str
) -> None:
    import duckdb
    import pandas as pd

    data = _download(clustered_client, f"/api/export?format={fmt}&what=events", media, filename)
    path = tmp_path / filename
    path.write_bytes(data)
    if fmt == "gdelt":
        frame = pd.read_csv(path, sep="\t", header=None, dtype=str)
        assert [(row[0], row[26], row[31]) for row in frame.itertuples(index=False)] == [
            (str(int("aa01", 16)), "042", "3"),
            (str(int("ee05", 16)), "057", "1"),
        ]
        return
    if fmt == "csv":
        rows = duckdb.execute(
            f"SELECT id, num_sources FROM read_csv('{path}', all_varchar = true)"
        ).fetchall()
        assert rows == [("aa01", "2"), ("ee05", "1")]
    elif fmt == "parquet":
        assert pd.read_parquet(path)[["id", "num_articles"]].values.tolist() == [
            ["aa01", 3],
            ["ee05", 1],
        ]
    else:
        frame = pd.read_json(path, lines=True, dtype=False)
        assert len(frame) == 2


def test_api_export_applies_filters_and_limit(clustered_client: TestClient) -> None:
    data = _download(
        clustered_client,
        "/api/export?format=jsonl&dyad=PAK,CHN",
        "application/x-ndjson",
        "bilat-events.jsonl",
    )
    assert [line[:13] for line in data.decode().splitlines()] == ['{"id": "ee05"']
    data = _download(
        clustered_client, "/api/export?format=csv&limit=1", "text/csv; charset=utf-8",
        "bilat-events.csv",
    )  # fmt: skip
    assert len(data.decode().splitlines()) == 2


def test_api_export_verified_only_is_empty_without_verdicts(clustered_client: TestClient) -> None:
    data = _download(
        clustered_client,
        "/api/export?format=jsonl&verified_only=true",
        "application/x-ndjson",
        "bilat-events.jsonl",
    )
    assert data == b""


@pytest.mark.parametrize("what", ["facts", "quotes"])
def test_api_export_facts_and_quotes_as_parquet(client: TestClient, what: str) -> None:
    import io

    import pandas as pd

    data = _download(
        client,
        f"/api/export?format=parquet&what={what}",
        "application/vnd.apache.parquet",
        f"bilat-{what}.parquet",
    )
    assert len(pd.read_parquet(io.BytesIO(data))) >= 1


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/api/export?format=xml", "[E100] cannot export events as 'xml'; use one of csv, jsonl, parquet, gdelt, plover"),
        ("/api/export?format=gdelt&what=facts", "[E100] cannot export facts as 'gdelt'; use one of csv, jsonl, parquet"),
        ("/api/export?what=people", "[E100] cannot export 'people'; use one of events, facts, quotes"),
    ],
)  # fmt: skip
def test_api_export_refuses_unknown_formats(client: TestClient, url: str, message: str) -> None:
    body = get(client, url, status=422)
    assert (body["ok"], body["error"]) == (False, message)
