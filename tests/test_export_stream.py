"""`bilat export` writes page by page: the same bytes as the whole-file export, never half a file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilat.cli import app
from bilat.exports import export_events
from bilat.store import open_store
from conftest import make_event, make_extraction


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "events.duckdb"
    extractions = [
        make_extraction(
            f"d{i}",
            f"Pakistan met the United States, round {i}.",
            (make_event(f"e{i}", f"d{i}", "PAK", "USA", date=f"2025-03-{i + 1:02d}"),),
            date=f"2025-03-{i + 1:02d}",
        )
        for i in range(7)
    ]
    with open_store(path) as store:
        store.add(extractions)
    return path


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "plover"])
def test_export_stream_cli_gives_the_whole_file(
    fmt: str, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(db, read_only=True) as store:
        whole = export_events(store, fmt)
    # The command must not build the whole file in memory: the whole-file function is off.
    monkeypatch.setattr(sys.modules["bilat.exports"], "export_events", None)
    result = CliRunner().invoke(app, ["export", "--db", str(db), "--format", fmt])
    assert (result.exit_code, result.stdout_bytes) == (0, whole)
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(app, ["export", "--db", str(db), "-f", fmt, "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_bytes() == whole
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("out")] == [out.name]


def test_export_stream_failure_leaves_no_file(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> int:
        raise OSError("disk full")

    monkeypatch.setattr(sys.modules["bilat.exports"], "write_export", broken)
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["export", "--db", str(db), "-f", "csv", "-o", str(out)])
    assert result.exit_code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.duckdb"]
