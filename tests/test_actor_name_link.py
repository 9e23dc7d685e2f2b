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


def test_family_first_two_word_name_is_short_for_its_first_word() -> None:
    assert _short_for("Hu", "Hu Jintao", family_first=True) is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare family name the tagger leaves untagged still links to the full name
        (
            "President Hu Jintao met Kenyan President Mwai Kibaki in Beijing. "
            "Hu praised Kenya for its support.",
            [("CHNGOV", "040", "KENGOV", "asserted"), ("CHNGOV", "051", "KEN", "asserted")],
        ),
        (
            "Foreign Minister Li Zhaoxing met Condoleezza Rice in Beijing on Monday. "
            "Li criticised Washington over tariffs.",
            [("CHNGOV", "040", "USAGOV", "asserted"), ("CHNGOV", "111", "USAGOV", "asserted")],
        ),
        # an unknown person of the same family name named before: "Li" may be either
        (
            "President Hu Jintao met Li Changchun and Li Zhaoxing in Beijing. "
            "Li thanked Kenya for its support.",
            [],
        ),
        # a family name inside a longer name is someone else's
        (
            "President Hu Jintao arrived in Nairobi on Monday. "
            "Hu Yaobang Street praised Kenya for its support.",
            [("CHNGOV", "042", "KENGOV", "asserted")],
        ),
    ],
)
def test_bare_family_name_after_the_full_name(
    pipeline: Pipeline, text: str, expected: list[tuple[str, ...]]
) -> None:
    document = Document.from_text(text, doc_id="n", published="2006-11-03")
    assert [
        (e.source.code, e.cameo, e.target.code if e.target else "", e.factuality.value)
        for e in pipeline.extract(document).events
    ] == expected


def test_titled_name_is_neither_an_earlier_holder_nor_the_home_one(pipeline: Pipeline) -> None:
    # "Prime Minister Jose Socrates" is not Paroubek, named before, nor Wen Jiabao, the
    # premier of the article's home country: bilat does not know whose premier he is
    text = (
        "Chinese Premier Wen Jiabao met Czech Prime Minister Jiri Paroubek in Prague on Monday. "
        "Wen held talks with Prime Minister Jose Socrates on Wednesday."
    )
    document = Document.from_text(text, doc_id="n", published="2005-11-30")
    extraction = pipeline.extract(document)
    assert [(m.text, m.actor.code) for m in extraction.mentions] == [
        ("Chinese Premier Wen Jiabao", "CHNGOV"),
        ("Czech Prime Minister Jiri Paroubek", "CZEGOV"),
        ("Prague", "CZEGOV"),
        ("Wen", "CHNGOV"),
    ]
    assert [(e.source.code, e.cameo, e.target.code) for e in extraction.events if e.target] == [
        ("CHNGOV", "040", "CZEGOV")
    ]
