"""Two people named by what they are together: "the pair", "the two", "the two presidents"."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import coded

HOSTED = "Cyril Ramaphosa hosted William Ruto in Pretoria on Monday."
HOST_EVENT = ("ZAFGOV", "043", "KENGOV", "asserted")


@pytest.mark.parametrize(
    "subject",
    ["The pair", "The two", "The two presidents", "The two heads of state", "Both presidents"],
)
def test_pair_subject_is_the_two_people_named_before(pipeline: Any, subject: str) -> None:
    text = f"{HOSTED} {subject} signed a trade accord."
    assert coded(pipeline, text, "2024-05-06") == [
        HOST_EVENT,
        ("ZAFGOV", "057", "KENGOV", "asserted"),
    ]


def test_pair_noun_takes_people_not_the_countries_between(pipeline: Any) -> None:
    text = (
        "Olaf Scholz met Emmanuel Macron in Paris to talk about Ukraine. The pair discussed trade."
    )
    assert coded(pipeline, text, "2024-05-06") == [
        ("DEUGOV", "040", "FRAGOV", "asserted"),
        ("DEUGOV", "040", "FRAGOV", "asserted"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # "the two" counting a noun is no pair of people
        f"{HOSTED} The two aides signed a trade accord.",
        # "the two" with no two people named before it is no one
        "Kenyan police held two Ugandan traders on Monday. The two signed a trade accord.",
        # "the two of" picks from a larger set
        f"{HOSTED} The two of the aides signed a trade accord.",
    ],
)
def test_two_without_a_pair_of_people_names_no_one(pipeline: Any, text: str) -> None:
    assert [e for e in coded(pipeline, text, "2024-05-06") if e[1] == "057"] == []


def test_pairs_both_governments_are_the_pair_named_together(pipeline: Any) -> None:
    # the last two countries named are Uganda and Congo; the pair named with "and" is meant
    text = (
        "The UN accused Rwanda and Uganda of backing Congolese rebels, though both governments"
        " denied the charge."
    )
    assert coded(pipeline, text, "2024-05-06") == [
        ("IGOUNO", "112", "RWA", "asserted"),
        ("IGOUNO", "112", "UGA", "asserted"),
        ("RWA", "016", "IGOUNO", "asserted"),
        ("UGA", "016", "IGOUNO", "asserted"),
    ]


@pytest.mark.parametrize(
    ("text", "events"),
    [
        # a summit's host country ("a summit in Brazil") is no side of the talks held there
        (
            "Narendra Modi met Anthony Albanese on the sidelines of a summit in Brazil."
            " The two countries signed a trade pact.",
            [
                ("INDGOV", "044", "AUSGOV", "asserted"),
                ("INDGOV", "057", "AUSGOV", "asserted"),
            ],
        ),
        (
            "Kenya and Uganda held talks at a summit in Ethiopia. The two countries signed a"
            " trade pact.",
            [("KEN", "040", "UGA", "asserted"), ("KEN", "057", "UGA", "asserted")],
        ),
        # an of-phrase of a thing ("the question of Afghanistan") names no side
        (
            "Pakistan wants ties with Washington that go beyond the question of Afghanistan."
            " The two sides also signed a trade pact.",
            [("PAK", "030", "USAGOV", "asserted"), ("PAK", "057", "USAGOV", "asserted")],
        ),
        # a verb's place ("arrived in Islamabad") still names a side
        (
            "Pakistan criticised India on Sunday. Wang Yi arrived in Islamabad on Monday."
            " The two sides signed a trade pact.",
            [
                ("PAK", "111", "IND", "asserted"),
                ("CHNGOV", "042", "PAKGOV", "asserted"),
                ("CHNGOV", "057", "PAKGOV", "asserted"),
            ],
        ),
    ],
)
def test_group_skips_a_country_named_in_passing(
    pipeline: Any, text: str, events: list[tuple[str, str, str, str]]
) -> None:
    assert coded(pipeline, text, "2024-05-06") == events


def test_group_skips_countries_listed_three_together(pipeline: Any) -> None:
    # a list of three names no pair: the two sides are the ones named before it
    text = (
        "Zimbabwe gave a rhino to Botswana. Botswana, Zambia and Zimbabwe signed a bridge accord."
        " Botswana's foreign minister praised the commission between the two countries."
    )
    assert coded(pipeline, text, "2024-05-06") == [("BWAGOV", "051", "ZWE", "asserted")]


def test_group_takes_the_pair_joined_in_the_sentence_before(pipeline: Any) -> None:
    # the two named together just before are the sides, not the host of their meeting
    text = (
        "Pervez Musharraf and Manmohan Singh met in the Cuban capital of Havana on Monday."
        " The two sides signed a trade pact."
    )
    assert coded(pipeline, text, "2006-09-18") == [
        ("PAKGOV", "040", "INDGOV", "asserted"),
        ("PAKGOV", "057", "INDGOV", "asserted"),
    ]
