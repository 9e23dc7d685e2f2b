"""The design articles round trip: ingest, export, score with the shared scorer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilat.cli import app
from bilat.evaluation import load_gold, score_events
from conftest import floor, load_script


@pytest.mark.slow
def test_seeds_eval_matches_shared_scorer(shared: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    runner = CliRunner()
    assert (
        runner.invoke(
            app, ["ingest", str(shared / "corpus" / "seeds"), "--db", db, "--quiet"]
        ).exit_code
        == 0
    )
    out = tmp_path / "events.jsonl"
    assert runner.invoke(app, ["export", "--db", db, "--mentions", "-o", str(out)]).exit_code == 0
    scorer = load_script(shared / "tools" / "score_events.py")
    gold_path = shared / "gold" / "seeds.events.jsonl"
    system = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    theirs = scorer.score(scorer.load(gold_path), [dict(s) for s in system])
    ours = score_events(load_gold(gold_path), system).as_dict()
    assert {k: ours[k] for k in theirs} == theirs
    assert ours["precision"] >= floor("seeds_events", "precision")
    assert ours["recall"] >= floor("seeds_events", "recall")
