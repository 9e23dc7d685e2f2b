"""A meeting that failed took place; one postponed, cancelled or failed to be held did not."""

from __future__ import annotations

import pytest

from bilat.extract import Pipeline
from conftest import coded


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the subject of "failed" was held and came to nothing
        (
            "The talks between Peru and Chile failed to reach a deal.",
            [("PER", "040", "CHL", "asserted")],
        ),
        (
            "The second round of talks between Peru and Chile failed on Monday.",
            [("PER", "040", "CHL", "asserted")],
        ),
        # what one failed to do, and a postponed or cancelled meeting, did not happen
        ("Peru failed to meet Chile.", [("PER", "040", "CHL", "negated")]),
        (
            "The talks between Peru and Chile were postponed.",
            [("PER", "040", "CHL", "negated")],
        ),
        (
            "The meeting between Peru and Chile was cancelled.",
            [("PER", "040", "CHL", "negated")],
        ),
        # fighting that stopped is reported as its end, not as fighting
        (
            "The fighting between Peru and Chile stopped.",
            [("PER", "190", "CHL", "negated")],
        ),
    ],
)
def test_factuality_subject_of_failed_took_place(
    pipeline: Pipeline, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert coded(pipeline, text, "2024-03-05") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the that-clause of a noun of demand is what one side wants, not a deed
        (
            "Peru rejected Bolivia's demand that Chile cut ties with Argentina.",
            [("PER", "120", "BOL", "asserted"), ("CHL", "161", "ARG", "hypothetical")],
        ),
        (
            "Peru rejected Bolivia's call that Chile expel the Bolivian ambassador.",
            [("PER", "120", "BOL", "asserted"), ("CHL", "164", "BOLGOV", "hypothetical")],
        ),
        # the same act told outright is asserted
        ("Chile expelled the Bolivian ambassador.", [("CHL", "164", "BOLGOV", "asserted")]),
    ],
)
def test_factuality_clause_of_demand_noun(
    pipeline: Pipeline, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert coded(pipeline, text) == expected
