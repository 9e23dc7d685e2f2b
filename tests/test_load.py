"""A bounded load test of a real ``bilat serve`` on 127.0.0.1 (benchmarks/load_api.py, shorter)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import load_script

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "load_api.py"


def test_load_percentile_is_nearest_rank() -> None:
    script = load_script(SCRIPT)
    values = [float(v) for v in range(1, 101)]
    assert script.percentile(values, 0.95) == 95.0
    assert script.percentile(values, 0.5) == 50.0
    assert script.percentile([], 0.95) == 0.0


@pytest.mark.slow
def test_load_serve_under_concurrent_reads_and_verdicts_loses_nothing(tmp_path: Path) -> None:
    script = load_script(SCRIPT)
    summary = script.run(tmp_path, clients=50, seconds=10, documents=200, write_share=0.05)
    print(f"\nload: {summary}")
    assert summary["errors"] == 0, summary["first_errors"]
    assert summary["lost_verdicts"] == 0
    assert summary["requests"] > 50
    assert summary["verdicts_acknowledged"] > 0
