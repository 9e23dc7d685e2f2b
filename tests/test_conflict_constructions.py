"""Argument finding for conflict events: headline syntax, agentless passives, judgements, plans.

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
        # the parser reads a headline's verb as a plural noun with an object
        ("Pakistan expels Indian envoy", [("PAK", "164", "INDGOV", "asserted")]),
        # two juxtaposed headline verbs: the first hangs off the second
        ("Pakistan expels Indian envoy, suspends trade", [("PAK", "164", "INDGOV", "asserted")]),
        ("Iran summons British envoy over tanker", [("IRN", "114", "GBRGOV", "asserted")]),
    ],
)
def test_coder_reads_headline_syntax(pipeline: Pipeline, text: str, expected: list[Row]) -> None:
    assert coded(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a recalled envoy's own side recalled him, from the post his phrase or "from" names
        (
            "Russia's ambassador to the US was recalled from Washington.",
            [("RUSGOV", "161", "USAGOV", "asserted")],
        ),
        # a summons or an expulsion is the host's: the place it happened or who reports it
        (
            "The Indian envoy was summoned to the foreign ministry in Dhaka.",
            [("BGDGOV", "114", "INDGOV", "asserted")],
        ),
        (
            "Iran said the Pakistani ambassador had been expelled.",
            [("IRN", "161", "PAKGOV", "asserted")],
        ),
        # a ministry the envoy is summoned to names the host as well as a place does
        (
            "The Nepali ambassador was summoned to India's Ministry of External Affairs.",
            [("INDGOV", "114", "NPLGOV", "asserted")],
        ),
        # a named agent still wins over context
        ("The Dutch envoy was summoned by Turkey.", [("TUR", "114", "NLDGOV", "asserted")]),
        # no counterpart in the sentence: no event rather than a guess
        ("The French ambassador was recalled.", []),
        ("The Indian envoy was summoned over remarks about Pakistan.", []),
    ],
)
def test_coder_finds_actor_of_agentless_passive(
    pipeline: Pipeline, text: str, expected: list[Row]
) -> None:
    assert coded(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kabul described Pakistan's decision as unacceptable.",
            [("AFGGOV", "111", "PAK", "asserted")],
        ),
        (
            "Afghanistan said that Pakistan's decision was unacceptable.",
            [("AFG", "111", "PAK", "asserted")],
        ),
        # the parser may hang "as" on the object: the judging noun is read there too
        (
            "Moscow described the move by Washington as a hostile action.",
            [("RUSGOV", "111", "USAGOV", "asserted")],
        ),
        # a quoted judgement the parser leaves after its noun
        (
            'Peru called the Chilean statement "unacceptable".',
            [("PER", "111", "CHL", "asserted")],
        ),
        # a judgement of a deed with no doer names no target
        ("Afghanistan said that the decision was unacceptable.", []),
        # a predicate noun judges the subject's doer, named by possessor or "by"
        (
            "Pakistan said India's statement was a violation of the agreement.",
            [("PAK", "111", "IND", "asserted")],
        ),
        ("India said the decision was a mistake.", []),
        # a warning is about what is to come, not what has happened
        ("Pakistan said India had paid a heavy price for the attack.", []),
    ],
)
def test_coder_codes_judgement_of_a_deed(
    pipeline: Pipeline, text: str, expected: list[Row]
) -> None:
    assert coded(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an unowned decision taken by X is X's
        (
            "Pakistan took the decision to suspend trade with India.",
            [("PAK", "163", "IND", "planned")],
        ),
        # one criticised by X is not
        ("India criticised the plan to impose tariffs on China.", []),
    ],
)
def test_coder_gives_plan_to_its_adopter(
    pipeline: Pipeline, text: str, expected: list[Row]
) -> None:
    assert coded(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the condemner is never the attacker: an unnamed perpetrator is the rebels of the place
        (
            "The United States condemned the suicide attack in Pakistan.",
            [("USA", "111", "PAKREB", "asserted")],
        ),
        # a perpetrator described only by role is the rebels of the place
        (
            "Germany condemned the attack by a suicide bomber in Quetta.",
            [("DEU", "111", "PAKREB", "asserted")],
        ),
    ],
)
def test_coder_codes_condemnation_of_attack(
    pipeline: Pipeline, text: str, expected: list[Row]
) -> None:
    assert coded(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # force is coded against the state whose territory it lands in
        ("Iran fired missiles at a US base in Qatar.", [("IRN", "195", "QAT", "asserted")]),
        ("Pakistan killed ten militants in Afghanistan.", [("PAK", "193", "AFG", "asserted")]),
        # the state's own forces there are the same side
        ("Russia shelled Ukrainian troops in Ukraine.", [("RUS", "194", "UKR", "asserted")]),
        # one's own territory is no target
        ("Pakistan killed ten militants in Pakistan.", []),
        # a named province or town places the force in its country, even as the only other name
        ("Pakistan carried out airstrikes in Paktika.", [("PAK", "195", "AFG", "asserted")]),
        (
            "Pakistani jets struck hideouts in Khost and Paktika provinces.",
            [("PAK", "195", "AFG", "asserted")],
        ),
        # a place is never an actor outside a use of force
        ("India arrived in Khost.", []),
        # an opponent fought "with" is the target wherever the fight was
        (
            "Chilean troops clashed with Bolivian militants in Peru.",
            [("CHLMIL", "190", "BOLREB", "asserted")],
        ),
    ],
)
def test_coder_codes_force_against_hit_territory(
    pipeline: Pipeline, text: str, expected: list[Row]
) -> None:
    assert coded(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian troops attacked Kyiv.", [("RUSMIL", "190", "UKRGOV", "asserted")]),
        ("Israel and Iran traded strikes.", [("ISR", "190", "IRN", "asserted")]),
        # a terrorist attack keeps its own code whoever the victim
        (
            "The Taliban staged a terrorist attack on the Pakistani embassy.",
            [("AFGTAL", "180", "PAKGOV", "asserted")],
        ),
    ],
)
def test_coder_codes_force_between_states(
    pipeline: Pipeline, text: str, expected: list[Row]
) -> None:
    assert coded(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russia and Ukraine accused each other of violating the truce.",
            [("RUS", "112", "UKR", "asserted"), ("UKR", "112", "RUS", "asserted")],
        ),
        # conjoined subjects of a mutual pattern accuse each other
        (
            "India and China traded accusations.",
            [("IND", "112", "CHN", "asserted"), ("CHN", "112", "IND", "asserted")],
        ),
        # a symmetric event stays one
        ("India and China clashed with each other.", [("IND", "190", "CHN", "asserted")]),
    ],
)
def test_coder_codes_reciprocal_object_both_ways(
    pipeline: Pipeline, text: str, expected: list[Row]
) -> None:
    assert coded(pipeline, text) == expected


def test_coder_reads_denounced_deal_as_criticism(pipeline: Pipeline) -> None:
    text = "France denounced the AUKUS deal as a stab in the back."
    assert coded(pipeline, text) == [("FRA", "111", "IGOAUKUS", "asserted")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the members an "including" phrase names are the target of a group with no actor
        (
            "The interim government in Chile gave an ultimatum to all illegal migrants, "
            "including Peruvian nationals, to leave the country by March 3.",
            [("CHLGOV", "139", "PER", "asserted")],
        ),
        # a softer verb still demands a withdrawal of forces; an urging stays an appeal
        (
            "Pakistan told India to withdraw its High Commissioner.",
            [("PAK", "161", "IND", "asserted")],
        ),
        ("Ukraine urged Russia to withdraw its troops.", [("UKR", "0256", "RUS", "asserted")]),
        ("The president asked India to withdraw its proposal.", []),
    ],
)
def test_coder_finds_target_of_demand(pipeline: Pipeline, text: str, expected: list[Row]) -> None:
    assert coded(pipeline, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # an actor near a condemned deed is where it happened or who suffered it, not its doer
        "The United States condemned the drills around Taiwan.",
        # who condemns a deed did not do it
        "The US condemned the military exercises near Taiwan.",
        # what one insists on for oneself names no other side
        "The US insisted on its commitment to Taiwan.",
    ],
)
def test_coder_codes_no_event_for_bystander_of_disapproval(pipeline: Pipeline, text: str) -> None:
    assert coded(pipeline, text) == []


def test_coder_reads_struck_a_tone_as_no_strike(pipeline: Pipeline) -> None:
    text = "Chilean and Peruvian leaders struck a warm tone at a meeting in Lima."
    assert coded(pipeline, text) == [("CHL", "040", "PER", "asserted")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a protest made to a government is a formal complaint like one lodged
        ("Japan made a strong protest with China.", [("JPN", "114", "CHN", "asserted")]),
        # cutting off talks halts them; the talks are not a meeting
        ("Chile cut off talks with Peru.", [("CHL", "164", "PER", "asserted")]),
        # students protesting are no government's formal complaint
        ("Bolivian students protested the detention of sailors by Peru.", []),
        # a renewed or repeated warning is a warning
        ("Washington renewed its warning to Beijing.", [("USAGOV", "130", "CHNGOV", "asserted")]),
    ],
)
def test_coder_codes_protests_and_warnings_by_other_verbs(
    pipeline: Pipeline, text: str, expected: list[Row]
) -> None:
    assert coded(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a speaker's "must" demands it of another side, whatever the clause's verb
        ("Chile said Peru must pay the fine.", [("CHL", "100", "PER", "asserted")]),
        # of its own side it is a resolve, not a demand
        ("Chile said it must defend itself.", []),
        # a thing that must do something is no actor, whoever made it
        ("Chile said Peru's report must be read.", []),
        # soldiers, "both sides" or a stative "should be" name no one a demand is put to
        ("Chile said the soldiers must stay in Peru.", []),
        ("Chile said Peru must be in no doubt about its resolve.", []),
        # no speaker, no demand: a bare "must" is the writer's
        ("Peru must pay the fine.", []),
    ],
)
def test_coder_reads_speakers_must_as_demand(
    pipeline: Pipeline, text: str, expected: list[Row]
) -> None:
    assert coded(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # stopping aid is a cut in aid (162), by what kind of aid it is
        ("Chile suspended military aid to Peru.", [("CHL", "1622", "PER", "asserted")]),
        ("Norway froze aid to Peru.", [("NOR", "162", "PER", "asserted")]),
    ],
)
def test_coder_codes_suspended_aid_as_cut_aid(
    pipeline: Pipeline, text: str, expected: list[Row]
) -> None:
    assert coded(pipeline, text) == expected
