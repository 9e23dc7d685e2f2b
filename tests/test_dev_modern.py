"""Unseen news: dev-modern's two halves stay at or above their measured quality."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilat.cli import app
from conftest import floor


@pytest.mark.slow
@pytest.mark.parametrize("half", ["sa", "wd"])
def test_dev_modern_half_meets_floors(
    shared: Path, tmp_path_factory: pytest.TempPathFactory, half: str
) -> None:
    corpus = shared / "corpora" / "dev-modern.jsonl"
    gold = shared / "gold" / "dev-modern.events.jsonl"
    if not corpus.exists() or not gold.exists():
        pytest.skip("dev-modern not present in ../shared")
    db = str(tmp_path_factory.mktemp("dev") / f"{half}.duckdb")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(corpus), "--db", db, "--quiet"]).exit_code == 0
    result = runner.invoke(
        app, ["eval", str(gold), "--db", db, "--format", "json", "--docs", f"{half}*"]
    )
    assert result.exit_code == 0
    scores = json.loads(result.stdout)
    assert scores["docs"] == 20
    floors = {
        "sa": (floor("dev_modern", "sa_precision"), floor("dev_modern", "sa_recall")),
        "wd": (floor("dev_modern", "wd_precision"), floor("dev_modern", "wd_recall")),
    }
    assert scores["precision"] >= floors[half][0]
    assert scores["recall"] >= floors[half][1]
