"""The analyst's loop simulated on dev-modern (benchmarks/analyst_loop.py): what it pays back."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilat.knowledge import Knowledge
from conftest import floor, load_script

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "analyst_loop.py"


@pytest.mark.slow
def test_analyst_loop_on_dev_modern_fixes_the_armed_groups_it_was_shown(
    shared: Path, tmp_path: Path
) -> None:
    if not (shared / "corpora/dev-modern.jsonl").exists():
        pytest.skip("dev-modern not present in ../shared")
    result = load_script(SCRIPT).simulate(shared, 100, tmp_path)
    assert result.judged == 100
    knowledge = Knowledge.load()
    taught = {(p.event_id, p.side) for p in result.proposals}
    learned = [c for c in result.corrections if (c.event_id, c.side) in taught]
    armed = [c for c in result.corrections if c.kind == "armed group"]
    # Every person or armed group a proposal came from is coded as the analyst said.
    assert [c for c in learned if not result.right(c, knowledge)] == []
    assert len(armed) >= floor("analyst_loop", "armed_group_corrections")
    assert all(result.right(c, knowledge) for c in armed)
    before, after = result.figures["before, all"], result.figures["after, all"]
    even_before, even_after = result.figures["before, even"], result.figures["after, even"]
    # No regression elsewhere: the machine's coding is as good as before, or better.
    assert after.precision >= before.precision
    assert after.recall >= before.recall
    assert even_after.precision >= even_before.precision
    assert even_after.recall >= even_before.recall
    assert even_after.ece is not None
    assert even_after.ece <= floor("analyst_loop", "dev_modern_even_ece")
