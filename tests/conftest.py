"""Shared fixtures for bilat's tests."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from pg_server import PostgresServer, PostgresUnavailable

from bilat.store import Store, open_store

STORE_BACKENDS = ["duckdb", "postgresql"]

_database_names = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """Start one throwaway PostgreSQL server for the session, or skip saying why it cannot."""
    try:
        server = PostgresServer()
        server.start()
    except PostgresUnavailable as error:
        pytest.skip(f"PostgreSQL server unavailable: {error}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """Return the URL of a new, empty database on the session's PostgreSQL server."""
    return postgres_server.create_database(f"t{next(_database_names)}")


@pytest.fixture(params=STORE_BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """Yield an empty, migrated store of each backend, closed afterwards."""
    if request.param == "duckdb":
        opened = open_store(tmp_path / "bilat.duckdb")
    elif request.param == "postgresql":
        opened = open_store(request.getfixturevalue("postgres_url"))
    else:
        pytest.fail(f"no store fixture for backend {request.param!r}")
    with opened:
        yield opened


SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def pipeline() -> object:
    """Return the extraction pipeline, loaded once for the whole test session."""
    from bilat.extract import Pipeline

    return Pipeline.load()


@pytest.fixture
def shared() -> Path:
    """Return ../shared, or skip the test when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared not present")
    return SHARED
