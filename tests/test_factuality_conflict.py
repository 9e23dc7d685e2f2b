"""Factuality of conflict events: denials, threats and refusals (our own sentences)."""

from __future__ import annotations

import pytest

from bilat.extract import Pipeline
from conftest import coded


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Israel denied that its jets had struck the Iranian consulate.",
            [("ISR", "195", "IRNGOV", "negated")],
        ),
        (
            "Russia denied its forces had shelled the Ukrainian city.",
            [("RUS", "194", "UKR", "negated")],
        ),
    ],
)
def test_factuality_denied_clause_is_negated(
    pipeline: Pipeline, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert coded(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Washington lifted its sanctions on Venezuela.",
            [("USAGOV", "085", "VEN", "asserted"), ("USAGOV", "163", "VEN", "negated")],
        ),
        (
            "Caracas demanded the lifting of US sanctions on Venezuela.",
            [("VENGOV", "1054", "USA", "asserted"), ("USA", "163", "VEN", "negated")],
        ),
    ],
)
def test_factuality_lifted_measure_is_negated(
    pipeline: Pipeline, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert coded(pipeline, text) == expected


def test_factuality_threatened_measure_is_hypothetical(pipeline: Pipeline) -> None:
    events = coded(pipeline, "Kenya threatened new EU sanctions on Uganda.")
    assert [e for e in events if e[1] == "163"] == [("IGOEU", "163", "UGA", "hypothetical")]
