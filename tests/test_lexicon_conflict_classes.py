"""Conflict patterns take their envoys, sanctions, talks, agreements and truces from the shared
noun classes of nouns.yaml, so a word added to a class reaches them too (our own sentences)."""

from __future__ import annotations

import pytest

from bilat.extract import Pipeline
from bilat.records import Document

Row = tuple[str, str, str, str, str]


def _events(pipeline: Pipeline, text: str) -> list[Row]:
    extraction = pipeline.extract(Document.from_text(text, doc_id="t"))
    return [
        (e.source.code, e.cameo, e.target.code if e.target else "", e.factuality.value, e.rule)
        for e in extraction.events
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Nigeria recalled its emissary from Niger.",
            [("NGA", "161", "NER", "asserted", "161-recall-envoy")],
        ),
        (
            "Kenya suspended consultations with Somalia.",
            [("KEN", "164", "SOM", "asserted", "164-halt-talks")],
        ),
        (
            "Serbia rejected the memorandum of understanding with Kosovo.",
            [("SRB", "127", "XKX", "asserted", "127-reject-agreement")],
        ),
        (
            "Ethiopia threatened export bans against Eritrea.",
            [("ETH", "1312", "ERI", "asserted", "1312-threaten-sanctions")],
        ),
    ],
)
def test_conflict_pattern_reads_its_noun_class(
    pipeline: Pipeline, text: str, expected: list[Row]
) -> None:
    assert _events(pipeline, text) == expected
