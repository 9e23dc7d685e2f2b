"""Conflict patterns reach the wider objects, slots and verbs news uses, and take their envoys,
sanctions, talks, agreements and truces from the shared noun classes of nouns.yaml, so a word
added to a class reaches them too (our own sentences)."""

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
            "Israel struck targets across Iran.",
            [("ISR", "195", "IRN", "asserted", "195-strike-positions")],
        ),
        (
            "India targeted nine sites in Pakistan early on Wednesday.",
            [("IND", "190", "PAK", "asserted", "190-attack-military")],
        ),
        (
            "Hungary blocked the EU's sanctions package against Russia.",
            [("HUN", "129", "IGOEU", "asserted", "129-block-resolution")],
        ),
        (
            "Manila presented a strongly worded protest to the Chinese ambassador.",
            [("PHLGOV", "114", "CHNGOV", "asserted", "114-hand-demarche")],
        ),
        (
            "Moscow advised the American envoy to go home.",
            [("RUSGOV", "161", "USAGOV", "asserted", "161-ask-diplomats-leave")],
        ),
        (
            "Australia's ban on Chinese telecom firms angered Beijing.",
            [("AUS", "163", "CHN", "asserted", "163-sanctions-noun")],
        ),
    ],
)
def test_conflict_pattern_reaches_wider_wording(
    pipeline: Pipeline, text: str, expected: list[Row]
) -> None:
    assert _events(pipeline, text) == expected


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
