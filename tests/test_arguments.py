"""The argument finder: which actors a pattern's roles take, beyond the trigger's own children."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import coded


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # conjoined modifiers of a subject noun name two sides
        (
            "Chilean and Peruvian negotiators signed a fisheries accord on Tuesday.",
            [("CHL", "057", "PER", "asserted")],
        ),
        # a group noun acts as the countries of its of/from phrase
        (
            "The leaders of Kenya and Tanzania met in Arusha.",
            [("KEN", "040", "TZA", "asserted")],
        ),
        (
            "Delegations from Norway and Iceland will meet next month.",
            [("NOR", "036", "ISL", "planned")],
        ),
        (
            "A group of Indian soldiers was attacked by Chinese troops.",
            [("CHNMIL", "180", "INDMIL", "asserted")],
        ),
        # "it" takes the state named as the subject before it
        (
            "Ghana recalled its envoy. It decided to downgrade ties with Togo.",
            [("GHA", "161", "TGO", "asserted")],
        ),
        # a with-phrase bilat cannot resolve is another partner, not the second subject
        (
            "Chile and Peru signed a fisheries accord with Zorblandia.",
            [],
        ),
        # the purpose of a meeting is the same event, not a second one
        (
            "Officials of Norway and Iceland will meet to sign a fisheries accord.",
            [("NORGOV", "036", "ISL", "planned")],
        ),
    ],
)
def test_arguments_roles(pipeline: Any, text: str, expected: list[tuple[str, ...]]) -> None:
    assert coded(pipeline, text, "2024-05-06") == expected


@pytest.mark.parametrize(
    "text",
    [
        "It was decided to downgrade ties with Togo.",
        "It is important to improve ties with Togo.",
    ],
)
def test_arguments_expletive_it_names_no_one(pipeline: Any, text: str) -> None:
    assert coded(pipeline, "Ghana recalled its envoy. " + text, "2024-05-06") == []
