"""The ``memory_limit`` setting reaches DuckDB; a size DuckDB cannot read is a clear error."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bilat.errors import ConfigError, StoreError
from bilat.ingest import ingest
from bilat.settings import Settings, load_settings
from bilat.store import open_store


def _limit(store: object) -> str:
    con = store._con  # type: ignore[attr-defined]
    return str(con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0])


def test_memory_limit_reaches_duckdb(tmp_path: Path) -> None:
    with open_store(tmp_path / "a.duckdb", memory_limit="300MB") as store:
        assert _limit(store) == "286.1 MiB"
    with open_store(tmp_path / "a.duckdb", read_only=True, memory_limit="1GiB") as store:
        assert _limit(store) == "1.0 GiB"


def test_memory_limit_used_by_ingest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str | None] = []

    def spy(url: str, *, read_only: bool = False, memory_limit: str | None = None) -> object:
        seen.append(memory_limit)
        return open_store(url, read_only=read_only, memory_limit=memory_limit)

    monkeypatch.setattr(sys.modules["bilat.ingest"], "open_store", spy)
    db = str(tmp_path / "b.duckdb")
    report = ingest([], settings=Settings(db=db, memory_limit="512MB", workers=1))
    assert (report.read, seen) == (0, ["512MB"])


def test_memory_limit_bad_size_is_refused() -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(memory_limit="lots")
    assert "memory_limit" in str(caught.value)
    with pytest.raises(StoreError) as opened:
        open_store(":memory:", memory_limit="12 parsecs")
    assert str(opened.value).startswith("[E300] memory_limit '12 parsecs' is not a size DuckDB")
    assert str(opened.value).endswith("write it like 1GB or 512MB")
