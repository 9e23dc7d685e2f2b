"""Tests for the answers the store gate keeps until the next write (the slow dashboard pages)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from bilat.live.gate import CACHED_ANSWERS, StoreGate
from bilat.server import create_app
from bilat.store import Store, open_store
from conftest import make_event, make_extraction

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

FIRST = make_extraction(
    "d1", "Pakistan met the US.", (make_event("e1", "d1", "PAKGOV", "USAGOV"),), date="2025-01-02"
)
SECOND = make_extraction(
    "d2", "India met China.", (make_event("e2", "d2", "INDGOV", "CHNGOV"),), date="2025-01-03"
)


@pytest.fixture
def gate(tmp_path: Path) -> Iterator[StoreGate]:
    """Yield a caching gate over a store holding one document."""
    path = tmp_path / "bilat.duckdb"
    with open_store(path) as store:
        store.add([FIRST])
    opened = StoreGate(str(path), writable=True, cache=True)
    yield opened
    opened.close()


class Counter:
    """Count the events, remembering how often it was asked."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, store: Store) -> int:
        self.calls += 1
        return store.count_events()


def test_gate_cached_answer_is_kept_until_the_next_write(gate: StoreGate) -> None:
    count = Counter()
    assert [gate.cached(("count",), count) for _ in range(3)] == [1, 1, 1]
    assert count.calls == 1
    assert gate.write(lambda store: store.add([SECOND]).added) == 1
    assert gate.generation == 1
    assert [gate.cached(("count",), count) for _ in range(2)] == [2, 2]
    assert count.calls == 2


def test_gate_failed_write_still_drops_cached_answers(gate: StoreGate) -> None:
    count = Counter()
    gate.cached(("count",), count)

    def failing(store: Store) -> None:
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        gate.write(failing)
    gate.cached(("count",), count)
    assert count.calls == 2


def test_gate_keeps_answers_per_key_and_forgets_the_oldest(gate: StoreGate) -> None:
    count = Counter()
    for key in range(CACHED_ANSWERS + 1):
        gate.cached(key, count)
    gate.cached(CACHED_ANSWERS, count)
    assert count.calls == CACHED_ANSWERS + 1
    gate.cached(0, count)
    assert count.calls == CACHED_ANSWERS + 2


def test_gate_without_cache_computes_every_time(tmp_path: Path) -> None:
    path = tmp_path / "bilat.duckdb"
    with open_store(path) as store:
        store.add([FIRST])
    gate = StoreGate(str(path), writable=True)
    count = Counter()
    try:
        assert [gate.cached(("count",), count) for _ in range(2)] == [1, 1]
    finally:
        gate.close()
    assert count.calls == 2


def test_dashboard_overview_and_dyad_page_show_a_verdict_at_once(tmp_path: Path) -> None:
    path = tmp_path / "bilat.duckdb"
    with open_store(path) as store:
        store.add([FIRST])
    auth = {"Authorization": "Bearer t0ken"}
    with TestClient(create_app(str(path), token="t0ken")) as client:
        assert client.get("/?format=json").json()["counts"]["events"] == 1
        assert client.get("/dyads/PAK/USA?format=json").json()["summary"]["events"] == 1
        response = client.post("/api/events/e1/verdict", json={"verdict": "reject"}, headers=auth)
        assert response.status_code == 200, response.text
        assert client.get("/?format=json").json()["counts"]["events"] == 0
        assert client.get("/dyads/PAK/USA?format=json").json()["summary"] is None
