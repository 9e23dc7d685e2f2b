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
