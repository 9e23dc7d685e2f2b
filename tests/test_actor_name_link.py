"""A bare name links to the full name written earlier in the document."""

from __future__ import annotations

import pytest

from bilat.actors.coref import _short_for
from bilat.extract import Pipeline
from bilat.records import Document


def _codes(pipeline: Pipeline, text: str) -> list[tuple[str, str]]:
    document = Document.from_text(text, doc_id="n", published="2019-06-30")
    return [(m.text, m.actor.code) for m in pipeline.explain(document).extraction.mentions]


def test_family_name_first_links_to_full_name(pipeline: Pipeline) -> None:
    text = (
        "North Korean leader Kim Jong Un met South Korean President Moon Jae-in. "
        "Trump met Kim on the border."
    )
    assert _codes(pipeline, text) == [
        ("North Korean leader Kim Jong Un", "PRKGOV"),
        ("South Korean President Moon Jae-in", "KORGOV"),
        ("Trump", "USAGOV"),
        ("Kim", "PRKGOV"),
    ]


@pytest.mark.parametrize(
    ("short", "full", "expected"),
    [
        ("Bass", "John Bass", True),
        ("al-Thani", "Tamim bin Hamad Al Thani", True),
        ("Kim", "Kim Jong Un", True),
        # a first name of a two-word name is not a short form
        ("John", "John Bass", False),
        ("John Bass", "John Bass", False),
        ("Ass", "John Bass", False),
    ],
)
def test_short_form_of_a_name(short: str, full: str, expected: bool) -> None:
    assert _short_for(short, full) is expected
