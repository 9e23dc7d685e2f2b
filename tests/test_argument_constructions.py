"""General constructions of the argument finder: multi-word triggers, several events a sentence."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import coded


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the tokenizer splits a hyphenated trigger; the coder finds it at its last word
        (
            "The stand-off between Kenya and Uganda continued on Friday.",
            [("KEN", "150", "UGA", "asserted")],
        ),
        (
            "Ghana demanded the pull-out of Togolese troops.",
            [("GHA", "106", "TGOMIL", "asserted")],
        ),
        (
            "Chile and Peru agreed to re-establish diplomatic relations.",
            [("CHL", "050", "PER", "asserted")],
        ),
        (
            "Norway condemned the Danish air-strikes on Iceland.",
            [("NOR", "111", "DNK", "asserted"), ("DNK", "195", "ISL", "asserted")],
        ),
        # a hyphenated object is looked up whole too
        (
            "Chile and Peru agreed to a cease-fire.",
            [("CHL", "0871", "PER", "asserted")],
        ),
    ],
)
def test_constructions_multiword_triggers(
    pipeline: Any, text: str, expected: list[tuple[str, ...]]
) -> None:
    assert coded(pipeline, text, "2024-05-06") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what is agreed or signed at a meeting is agreed with the meeting's partner
        (
            "The Kenyan president met Ugandan President Museveni and agreed to boost trade.",
            [("KENGOV", "040", "UGAGOV", "asserted"), ("KENGOV", "030", "UGAGOV", "asserted")],
        ),
        (
            "Kenyan President Ruto visited Uganda on Monday, signing three agreements.",
            [("KENGOV", "042", "UGA", "asserted"), ("KENGOV", "057", "UGA", "asserted")],
        ),
        # what is done during a visit or at a meeting is done with its partner
        (
            "During his visit to Uganda, Ruto signed three agreements.",
            [("KENGOV", "042", "UGA", "asserted"), ("KENGOV", "057", "UGA", "asserted")],
        ),
        (
            "During a meeting with Ugandan officials in Kampala, Ruto agreed to boost trade.",
            [("KENGOV", "040", "UGAGOV", "asserted"), ("KENGOV", "030", "UGAGOV", "asserted")],
        ),
        # only a meeting lends its partner: a warning says whom it warns in its own clause
        (
            "Norway criticised Denmark's fishing quotas and warned that talks would fail.",
            [("NOR", "111", "DNK", "asserted")],
        ),
    ],
)
def test_constructions_second_verb_takes_meeting_partner(
    pipeline: Any, text: str, expected: list[tuple[str, ...]]
) -> None:
    assert coded(pipeline, text, "2024-05-06") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a hyphenated pair before an event noun names both sides
        ("Kenya-Uganda talks resumed in Nairobi on Monday.", [("KEN", "040", "UGA", "asserted")]),
        (
            "The third round of Chile-Peru border talks was held in Lima.",
            [("CHL", "040", "PER", "asserted")],
        ),
        # two places of one country are no pair
        ("The Nairobi-Mombasa talks resumed on Monday.", []),
    ],
)
def test_constructions_hyphenated_pair_of_event_noun(
    pipeline: Any, text: str, expected: list[tuple[str, ...]]
) -> None:
    assert coded(pipeline, text, "2024-05-06") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an agentless passive whose subject says between whom: both sides did it
        (
            "The trade agreement between Kenya and Uganda was signed in Nairobi in May.",
            [("KEN", "057", "UGA", "asserted")],
        ),
        # a weapon's firer is the doer of what the weapon does
        (
            "Rockets launched by Hezbollah struck northern Israel on Sunday.",
            [("LBNREB", "195", "ISR", "asserted")],
        ),
        (
            "A Houthi-fired missile struck a US destroyer.",
            [("YEMREB", "195", "USA", "asserted")],
        ),
        # a weapon sent from a place names no firer
        ("A drone launched from Lebanon struck an Israeli base.", []),
    ],
)
def test_constructions_doer_of_a_subject_noun(
    pipeline: Any, text: str, expected: list[tuple[str, ...]]
) -> None:
    assert coded(pipeline, text, "2024-05-06") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the goal a clause moves towards is its subject's deed
        (
            "Kenya and Uganda succeeded in restoring diplomatic ties.",
            [("KEN", "050", "UGA", "asserted")],
        ),
        ("Kenya objected to restoring ties with Uganda.", []),
        # whom a verb assists does what it is assisted in
        ("The EU would assist Tunisia in obtaining loans from the IMF.", []),
        # a thing that restores ties does it for the two sides its object names
        (
            "The deal restores diplomatic relations between Kenya and Uganda.",
            [("KEN", "050", "UGA", "asserted")],
        ),
        # a subject noun or a participle of force is placed by its governing clause
        (
            "Ghanaian airstrikes left eight people dead in Togo, officials said.",
            [("GHA", "195", "TGO", "asserted")],
        ),
        (
            "Mortars fired by Armenian forces wounded four people in Azerbaijan.",
            [("ARM", "194", "AZE", "asserted")],
        ),
        # force lands in the country a nested place phrase lies in
        (
            "Pakistani jets bombed hideouts in a remote valley of the Afghan province of Khost.",
            [("PAK", "195", "AFG", "asserted")],
        ),
    ],
)
def test_constructions_sides_of_goals_and_places(
    pipeline: Any, text: str, expected: list[tuple[str, ...]]
) -> None:
    assert coded(pipeline, text, "2024-05-06") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a relative pronoun object stands for the actor it follows
        (
            "Uganda, which Kenya invaded in 1990, signed a peace deal.",
            [("KEN", "190", "UGA", "asserted")],
        ),
        # and for the thing it follows, which a pattern's object may name
        (
            "The trade pact, which Kenya signed with Uganda in May, took effect.",
            [("KEN", "057", "UGA", "asserted")],
        ),
        # "which" after a clause may stand for the whole clause: no actor of its own, no target
        ("India abstained on the Ukraine conflict, which Moscow has appreciated.", []),
    ],
)
def test_constructions_relative_clause_objects(
    pipeline: Any, text: str, expected: list[tuple[str, ...]]
) -> None:
    assert coded(pipeline, text, "2024-05-06") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a headline's "to" future is a plan: a planned visit or meeting is an intent to meet
        ("Ruto to visit Uganda next week", [("KENGOV", "036", "UGA", "planned")]),
        ("Kenya to expel Ugandan diplomats", [("KEN", "164", "UGAGOV", "planned")]),
        # the same deed told in the past is asserted
        ("Kenya expelled Ugandan diplomats", [("KEN", "164", "UGAGOV", "asserted")]),
    ],
)
def test_constructions_headline_to_future(
    pipeline: Any, text: str, expected: list[tuple[str, ...]]
) -> None:
    assert coded(pipeline, text, "2024-05-06") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the pact" refers back to the deal just reported: its signing is with the same partner
        (
            "Kenya and Uganda reached a trade deal on Saturday. "
            "Kenyan President Ruto signed the pact in Nairobi.",
            [("KEN", "057", "UGA", "asserted"), ("KENGOV", "057", "UGA", "asserted")],
        ),
        # an indefinite one is another agreement
        (
            "Kenya and Uganda reached a trade deal on Saturday. "
            "Kenyan President Ruto signed a pact in Nairobi.",
            [("KEN", "057", "UGA", "asserted")],
        ),
    ],
)
def test_constructions_definite_agreement_refers_back(
    pipeline: Any, text: str, expected: list[tuple[str, ...]]
) -> None:
    assert coded(pipeline, text, "2024-05-06") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list of three: the parser hangs the third on the second, and all three are read
        (
            "Kenya's president spoke to the leaders of Peru, Chile and Bolivia on Monday.",
            [
                ("KENGOV", "040", "PER", "asserted"),
                ("KENGOV", "040", "CHL", "asserted"),
                ("KENGOV", "040", "BOL", "asserted"),
            ],
        ),
        (
            "Norway received aid from Sweden, Finland and Denmark.",
            [
                ("SWE", "070", "NOR", "asserted"),
                ("FIN", "070", "NOR", "asserted"),
                ("DNK", "070", "NOR", "asserted"),
            ],
        ),
        # talks between three countries are multilateral: no pair's meeting
        ("Talks between Peru, Chile and Bolivia stalled on Monday.", []),
        ("Talks between Peru and Chile resumed on Monday.", [("PER", "040", "CHL", "asserted")]),
    ],
)
def test_constructions_lists_of_three(
    pipeline: Any, text: str, expected: list[tuple[str, ...]]
) -> None:
    assert coded(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the parser reads the recipient of a double object as a modifier of the thing given
        (
            "Germany sent Ukraine tanks and air defence systems.",
            [("DEU", "072", "UKR", "asserted")],
        ),
        (
            "China offered Pakistan fresh loans worth $2 billion.",
            [("CHN", "0331", "PAK", "asserted")],
        ),
        # an adjective is no recipient
        ("Germany sent Ukrainian tanks to the front.", []),
    ],
)
def test_constructions_double_object_read_as_modifier(
    pipeline: Any, text: str, expected: list[tuple[str, ...]]
) -> None:
    assert coded(pipeline, text, "2024-05-06") == expected
