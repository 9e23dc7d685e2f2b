"""Shared fixtures for bilat's tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bilat.store import Store, open_store

STORE_BACKENDS = ["duckdb"]


@pytest.fixture(params=STORE_BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """Yield an empty, migrated store of each backend, closed afterwards."""
    if request.param == "duckdb":
        opened = open_store(tmp_path / "bilat.duckdb")
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
