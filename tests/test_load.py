"""A bounded load test of a real ``bilat serve`` on 127.0.0.1 (benchmarks/load_api.py, shorter)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "load_api.py"


def load_script() -> ModuleType:
    """Import benchmarks/load_api.py, which is a script, not part of the package."""
    spec = importlib.util.spec_from_file_location("load_api", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Its dataclasses look their module up in sys.modules while they are built.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_load_percentile_is_nearest_rank() -> None:
    script = load_script()
    values = [float(v) for v in range(1, 101)]
    assert script.percentile(values, 0.95) == 95.0
    assert script.percentile(values, 0.5) == 50.0
    assert script.percentile([], 0.95) == 0.0


@pytest.mark.slow
def test_load_serve_under_concurrent_reads_and_verdicts_loses_nothing(tmp_path: Path) -> None:
    script = load_script()
    summary = script.run(tmp_path, clients=50, seconds=10, documents=200, write_share=0.05)
    print(f"\nload: {summary}")
    assert summary["errors"] == 0, summary["first_errors"]
    assert summary["lost_verdicts"] == 0
    assert summary["requests"] > 50
    assert summary["verdicts_acknowledged"] > 0
