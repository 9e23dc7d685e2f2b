"""Round-6 patterns found on general news: what they code and the senses they leave alone."""

from __future__ import annotations

from typing import Any

import pytest

from bilat.records import Document


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # asking an actor to do something is an appeal; asking about something is a question
        ("Kenya asked Uganda to reopen the border.", [("KEN", "020", "UGA", "020-ask-to")]),
        ("Uganda was asked by Kenya to reopen the border.", [("KEN", "020", "UGA", "020-ask-to")]),
        ("Kenya asked Uganda about the border closure.", []),
        # a bare group's country is often a guess: left to the narrower requests
        ("Kenya asked the police to stop the protests.", []),
        # a narrower request keeps its own code
        (
            "Japan asked China to release the fishermen.",
            [("JPN", "0253", "CHN", "0253-urge-release")],
        ),
        # a lending programme named by its facility is economic aid
        (
            "The IMF approved an extended credit facility for Zambia.",
            [("IGOIMF", "071", "ZMB", "071-approve-facility")],
        ),
        ("The bank provided a storage facility to Kenya.", []),
        # the indirect object of a giving verb is the recipient, as a to-phrase is
        ("Britain gave France $5 million.", [("GBR", "071", "FRA", "071-grant-money")]),
        ("Britain gave millions of pounds to France.", [("GBR", "071", "FRA", "071-grant-money")]),
        ("The US sold Taiwan fighter jets.", [("USA", "072", "TWN", "072-military-aid")]),
        ("Russia offered Turkey a loan.", [("RUS", "0331", "TUR", "0331-offer-loan")]),
        ("Britain gave France a hard time.", []),
    ],
)
def test_lexicon_round6_pattern_codes_its_sense(
    pipeline: Any, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert _coded(pipeline, text, "2024-06-01") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the parser makes "visiting" a clause whose object is the visitor the host meets
        (
            "Chinese President Hu Jintao met visiting Kenyan President Mwai Kibaki on Monday.",
            [("CHNGOV", "040", "KENGOV", "040-meet")],
        ),
        (
            "Chinese President Hu Jintao met with visiting Kenyan President Mwai Kibaki.",
            [("CHNGOV", "040", "KENGOV", "040-meet")],
        ),
        (
            "Chinese President Hu Jintao held talks with visiting Kenyan President Mwai Kibaki.",
            [("CHNGOV", "040", "KENGOV", "040-hold-talks")],
        ),
        (
            "Chinese President Hu Jintao spoke when meeting visiting Kenyan President Mwai Kibaki.",
            [("CHNGOV", "040", "KENGOV", "040-meet")],
        ),
        # visiting a place is a trip of the subject's own, not a visitor met
        (
            "The Kenyan president insisted on visiting China.",
            [("KENGOV", "042", "CHN", "042-visit")],
        ),
        ("The Kenyan president looks forward to visiting China.", []),
    ],
)
def test_lexicon_round6_host_meets_visitor(
    pipeline: Any, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert _coded(pipeline, text, "2006-11-01") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "let" is "allow" in a promise to admit others
        (
            "Iran agreed to let the IAEA replace cameras.",
            [("IRN", "0355", "IGOIAEA", "0355-agree-allow")],
        ),
        ("Egypt agreed to let the matter rest.", []),
        # a warship or a named military installation attacked is military force
        (
            "A Houthi missile targeted an American destroyer on Sunday.",
            [("YEMREB", "190", "USA", "190-attack-military")],
        ),
        (
            "Afghan forces targeted Pakistani military centers with heavy weapons.",
            [("AFG", "190", "PAK", "190-attack-military")],
        ),
        ("The campaign targeted American voters.", []),
    ],
)
def test_lexicon_round6_object_nouns(
    pipeline: Any, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert _coded(pipeline, text, "2024-06-01") == expected


def _coded(pipeline: Any, text: str, published: str) -> list[tuple[str, str, str, str]]:
    """Return (source, code, target, rule) of each event the pipeline codes in the text."""
    extraction = pipeline.extract(Document.from_text(text, doc_id="t", published=published))
    return [
        (e.source.code, e.cameo, e.target.code if e.target else "", e.rule)
        for e in extraction.events
    ]
