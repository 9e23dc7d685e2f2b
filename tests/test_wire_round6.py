"""Argument slots found on wire-style sentences (issue 17, round 6)."""

from __future__ import annotations

import pytest

from bilat.extract import Pipeline
from conftest import coded

Row = tuple[str, str, str, str]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a recipient named before the thing given is the parser's dative noun
        (
            "Japan on Tuesday gave Kenya 20 million dollars for road projects.",
            [("JPN", "071", "KEN", "asserted")],
        ),
        (
            "Norway will lend Malawi ten million dollars next year.",
            [("NOR", "071", "MWI", "planned")],
        ),
        # a dative that names no actor gives no target
        ("The minister gave reporters 20 million reasons to worry.", []),
    ],
)
def test_wire_dative_noun_is_the_recipient(
    pipeline: Pipeline, text: str, expected: list[Row]
) -> None:
    assert coded(pipeline, text, "2001-06-01") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a clause joined by "but" is another act, not the support's target
        ("Spain expressed support for the plan but also stressed Algeria's right to reply.", []),
        # the warning is the second clause's own event; the backing has no target
        (
            "Spain backed the plan but warned Algeria's leaders against delay.",
            [("ESP", "130", "DZA", "asserted")],
        ),
    ],
)
def test_wire_coordinated_clause_is_another_act(
    pipeline: Pipeline, text: str, expected: list[Row]
) -> None:
    assert coded(pipeline, text, "2001-06-01") == expected
