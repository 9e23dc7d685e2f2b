"""Condemning an attack whose author the text does not name: the rebels where it happened.

Each case is a sentence of our own with every event the coder finds in it, so a case fails
both when the construction stops working and when it starts coding a wrong pair.
"""

from __future__ import annotations

import pytest

from bilat.extract import Pipeline
from conftest import coded

Row = tuple[str, str, str, str]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an undescribed attack placed in a country or a capital
        ("Iran condemned the terrorist blasts in Jordan.", [("IRN", "111", "JORREB", "asserted")]),
        (
            "Pakistan condemned the suicide bombing in Kabul.",
            [("PAK", "111", "AFGREB", "asserted")],
        ),
        # the place of the attack, not of its victim's owner
        (
            "India denounced the attack on the Indian consulate in Kabul.",
            [("IND", "111", "AFGREB", "asserted")],
        ),
        # a place noun a country's adjective locates; a date's possessive names no author
        (
            "Egypt condemned Sunday's bombing in the Iraqi city of Mosul.",
            [("EGY", "111", "IRQREB", "asserted")],
        ),
        # a passive's subject is the deed; conjoined condemners each condemn
        (
            "The bombing in Kabul was condemned by Germany and France.",
            [("DEU", "111", "AFGREB", "asserted"), ("FRA", "111", "AFGREB", "asserted")],
        ),
        # a capital naming the attack is its place, not its author
        ("France condemned the Kabul bombing.", [("FRA", "111", "AFGREB", "asserted")]),
        # a nominal disapproval's of-phrase holds the deed
        (
            "Turkey voiced condemnation of the bombing in Baghdad.",
            [("TUR", "111", "IRQREB", "asserted")],
        ),
        # towns of attacks the gazetteer's cities lack (places_regions.csv)
        (
            "Pakistan condemned the attack on tourists in Pahalgam.",
            [("PAK", "111", "INDREB", "asserted")],
        ),
        ("China condemned the bus bombing in Dasu.", [("CHN", "111", "PAKREB", "asserted")]),
    ],
)
def test_coder_targets_rebels_of_attack_place(
    pipeline: Pipeline, text: str, expected: list[Row]
) -> None:
    assert coded(pipeline, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # no place: the author is not guessed
        "Iran condemned the terrorist blasts.",
        # force a state may have used: its unnamed author is not guessed
        "Pakistan condemned the drone attack in Kabul.",
        # an attack in the condemner's own country is domestic business
        "Jordan condemned the terrorist blasts in Amman.",
        # attacks on protesters are a crackdown, whose author may be the state
        "France condemned the attacks on protesters in Sudan.",
        # placed in two countries: no single country's rebels
        "Iran condemned the blasts in Jordan and the attack in Iraq.",
    ],
)
def test_coder_does_not_guess_an_attack_author(pipeline: Pipeline, text: str) -> None:
    assert coded(pipeline, text) == []
