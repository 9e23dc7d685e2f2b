"""A threat said as a clause of the threatener's own deed: its target is inside the clause.

Each case is a sentence of our own with every event the coder finds in it.
"""

from __future__ import annotations

import pytest

from bilat.extract import Pipeline
from conftest import coded

Row = tuple[str, str, str, str]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "North Korea warned it would retaliate against South Korea's drills.",
            [("PRK", "138", "KOR", "asserted")],
        ),
        (
            "North Korea warned that it would retaliate against the drills of South Korea.",
            [("PRK", "138", "KOR", "asserted")],
        ),
        # a response warned of to a hostile deed: the deed's author is the target
        (
            "Iran warned it would respond to any Israeli attack.",
            [("IRN", "130", "ISR", "asserted")],
        ),
    ],
)
def test_coder_finds_threat_target_in_own_clause(
    pipeline: Pipeline, text: str, expected: list[Row]
) -> None:
    assert coded(pipeline, text) == expected


def test_coder_leaves_threat_clause_of_another_doer(pipeline: Pipeline) -> None:
    # the clause is Japan's deed, not Russia's threat against South Korea
    assert coded(pipeline, "Russia warned that Japan would retaliate against South Korea.") == []


def test_coder_leaves_a_response_to_needs(pipeline: Pipeline) -> None:
    # responding to a need is help, not a threat
    assert coded(pipeline, "The US vowed to respond to the needs of Afghanistan.") == []
