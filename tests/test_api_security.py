"""API security: fuzz every operation, then try injection, XSS, traversal, big bodies, tokens, CORS.

The operations come from the app's own OpenAPI schema, so endpoints added later are covered
without editing this file. The store holds hostile text (scripts in sentences, actor names and
verdict notes) so that every rendered page shows whether it escapes them.
"""

from __future__ import annotations

import dataclasses
import inspect
import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from bilat.api import writes
from bilat.api.responses import CSP
from bilat.records import Actor
from bilat.server import create_app
from bilat.settings import Settings
from bilat.store import EVERY_EVENT, open_store
from conftest import make_event, make_extraction

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TOKEN = "s3cret-token"
XSS = '<script>alert("x")</script>'
IMG = "<img src=x onerror=alert(1)>"
SQL = (
    "' OR '1'='1",
    "1; DROP TABLE events; --",
    "%' OR 1=1 --",
    '") OR 1=1 --',
    "PAK' UNION SELECT * FROM documents --",
)
HOSTILE = make_event(
    "E1",
    "d1",
    "PAKGOV",
    "USAGOV",
    date="2025-04-07",
    sentence=f"The minister {XSS} met the envoy {IMG}.",
)
HOSTILE = dataclasses.replace(
    HOSTILE,
    source=Actor("PAKGOV", "PAK", "GOV", name=IMG),
    target=Actor("USAGOV", "USA", "GOV", name=f"Envoy {XSS}"),
)
PLAIN = make_event("E2", "d2", "CHNGOV", "PAKGOV", cameo="036", date="2025-04-08")
SETTINGS = Settings(max_bytes=4000)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Return a store with one hostile document (scripts in text, names, a verdict note)."""
    path = tmp_path_factory.mktemp("sec") / "bilat.duckdb"
    with open_store(path) as store:
        store.add(
            [
                make_extraction("d1", f"{HOSTILE.sentence} Then {XSS}.", (HOSTILE,)),
                make_extraction("d2", "China will visit Pakistan.", (PLAIN,)),
            ]
        )
        store.set_verdict("E1", "confirm", note=f"checked {XSS}")
    return str(path)


@pytest.fixture(scope="module")
def app(db: str) -> FastAPI:
    """Return the app over the hostile store, with writes on."""
    return create_app(db, token=TOKEN, settings=SETTINGS)


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    """Yield a client of the app."""
    with TestClient(app) as opened:
        yield opened


@pytest.mark.slow
def test_api_security_schemathesis_finds_no_server_error(db: str, pipeline: object) -> None:
    # The pipeline fixture loads spaCy first, so the first upload does not time out. The app is
    # its own: schemathesis runs its lifespan, whose shutdown closes the store.
    app = create_app(db, token=TOKEN, settings=SETTINGS)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    calls: list[str] = []
    for result in schema.get_all_operations():
        # An operation the schema describes badly fails the test right here.
        operation = result.ok()  # type: ignore[union-attr]

        @settings(
            max_examples=25,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def run(case: Any) -> None:
            calls.append(case.path)
            case.call_and_validate(
                headers={"Authorization": f"Bearer {TOKEN}"},
                timeout=120,
                checks=[not_a_server_error],
            )

        run()
    paths = set(calls)
    assert {"/api/events", "/api/events/{event_id}/verdict", "/api/ingest"} <= paths
    print(f"\nschemathesis: {len(calls)} calls over {len(paths)} operations, 0 server errors")


def _operations(app: FastAPI) -> list[tuple[str, list[str]]]:
    """Return each GET path of the schema with its string query parameters."""
    found = []
    for path, methods in app.openapi()["paths"].items():
        operation = methods.get("get")
        if operation is None:
            continue
        names = [
            p["name"]
            for p in operation.get("parameters", [])
            if p["in"] == "query" and "string" in str(p.get("schema", {}))
        ]
        found.append((path, names))
    return found


def _fill(path: str) -> str:
    return (
        path.replace("{event_id}", "E1")
        .replace("{doc_id}", "d1")
        .replace("{a}", "PAK")
        .replace("{b}", "USA")
    )


def _counts(app: FastAPI) -> tuple[int, int, int]:
    # The app holds the file writable (its writes are on): read through its own handle.
    with app.state.gate.reading() as store:
        docs = len(store.documents())
        events = len(store.events(EVERY_EVENT))
        verdict = store.verdict("E1")
    return docs, events, 1 if verdict is not None else 0


def test_api_security_sql_injection_in_every_filter_is_inert(
    app: FastAPI, client: TestClient, db: str
) -> None:
    tried = 0
    for path, names in _operations(app):
        for name in names:
            for payload in SQL:
                response = client.get(_fill(path), params={name: payload})
                tried += 1
                assert response.status_code < 500, (path, name, payload, response.text)
                if path == "/api/events" and response.status_code == 200:
                    assert response.json()["total"] == 0, (name, payload)
    assert tried >= 50
    response = client.get("/api/events", params={"factuality": "all"})
    assert sorted(e["id"] for e in response.json()["events"]) == ["E1", "E2"]


def test_api_security_path_params_with_injection_and_traversal_are_404(
    client: TestClient,
) -> None:
    for payload in (*SQL, "../../etc/passwd", "..%2F..%2Fetc%2Fpasswd"):
        assert client.get(f"/api/events/{payload}").status_code == 404
        assert client.get(f"/api/documents/{payload}").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/static/../../../../etc/passwd",
        "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/static/..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/static/%2e%2e%2fapp.py",
        "/static/....//....//etc/passwd",
        "/static//etc/passwd",
        "/static/%00",
    ],
)
def test_api_security_static_route_refuses_path_traversal(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code in (400, 404)
    assert "root:" not in response.text
    assert "create_app" not in response.text


PAGES = ("/", "/events", "/events/E1", "/documents/d1", "/dyads/PAK/USA", "/docs")


def _html_pages(app: FastAPI) -> list[str]:
    """Return the dashboard's pages: the known ones and any GET outside /api in the schema."""
    pages = set(PAGES)
    for path, methods in app.openapi()["paths"].items():
        if "get" in methods and not path.startswith("/api") and "{" not in path:
            pages.add(path)
    return sorted(pages)


def test_api_security_pages_escape_hostile_text_and_send_csp(
    app: FastAPI, client: TestClient
) -> None:
    pages = _html_pages(app)
    assert "/events/E1" in pages
    rendered = []
    for url in pages:
        response = client.get(url, params={"factuality": "all"})
        assert response.status_code < 500, url
        assert response.headers["content-security-policy"] == CSP
        if response.headers.get("content-type", "").startswith("text/html"):
            rendered.append(url)
            assert XSS not in response.text, url
            assert IMG not in response.text, url
            assert "<img src=x" not in response.text, url
    event_page = client.get("/events/E1").text
    assert "&lt;script&gt;alert(" in event_page
    assert "checked &lt;script&gt;" in event_page
    assert len(rendered) >= 3


def test_api_security_json_keeps_text_exact_and_is_json(client: TestClient) -> None:
    response = client.get("/api/events/E1")
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.json()["event"]["sentence"] == HOSTILE.sentence


def test_api_security_writes_need_the_token(app: FastAPI, client: TestClient) -> None:
    body = {"verdict": "reject", "note": "no"}
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        response = client.post("/api/events/E2/verdict", json=body, headers=headers)
        assert response.status_code == 401
        assert response.json()["ok"] is False
    response = client.post("/api/ingest", data={"text": "Pakistan met India."})
    assert response.status_code == 401
    with app.state.gate.reading() as store:
        assert store.verdict("E2") is None


def test_api_security_writes_are_off_without_a_configured_token(db: str, tmp_path: Path) -> None:
    own = tmp_path / "own.duckdb"  # the module's app holds the shared file writable
    shutil.copyfile(db, own)
    with TestClient(create_app(str(own), settings=SETTINGS)) as plain:
        response = plain.post(
            "/api/events/E2/verdict",
            json={"verdict": "reject"},
            headers={"Authorization": "Bearer anything"},
        )
    assert response.status_code == 403
    assert "writes are off" in response.json()["error"]


def test_api_security_token_is_compared_in_constant_time() -> None:
    source = inspect.getsource(writes.require_token)
    assert "hmac.compare_digest(" in source
    assert "== token" not in source
    assert "token ==" not in source


@pytest.mark.parametrize("size", [5000, 70_000, 1_000_000])
def test_api_security_oversized_uploads_are_refused(client: TestClient, size: int) -> None:
    text = "Pakistan met India. " * (size // 20)
    headers = {"Authorization": f"Bearer {TOKEN}"}
    response = client.post("/api/ingest", data={"text": text}, headers=headers)
    assert response.status_code == 413
    assert response.json()["ok"] is False
    files = {"file": ("a.txt", text.encode(), "text/plain")}
    response = client.post("/api/ingest", files=files, headers=headers)
    assert response.status_code == 413


def test_api_security_cors_is_closed_by_default(client: TestClient) -> None:
    origin = {"Origin": "https://evil.example"}
    response = client.get("/api/events", headers=origin)
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers
    preflight = client.options(
        "/api/events/E1/verdict",
        headers={**origin, "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers
    assert "access-control-allow-credentials" not in preflight.headers


def test_api_security_hostile_store_is_intact_after_the_attacks(app: FastAPI, db: str) -> None:
    assert Path(db).exists()
    docs, events, verdicts = _counts(app)
    assert docs >= 2
    assert events >= 2
    assert verdicts == 1
