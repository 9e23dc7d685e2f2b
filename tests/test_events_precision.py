"""Precision rules from the hand-judged newswire sample: one case per rule, exact events."""

from __future__ import annotations

import pytest

from bilat.extract import Pipeline
from conftest import coded


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a noun of intent makes its infinitive planned
        (
            "The statement stressed Peru's readiness to cooperate with Chile.",
            [("PER", "061", "CHL", "planned")],
        ),
        # an infinitive clause under "expected" is planned, even as a ccomp
        (
            "Kenya expected the talks between Uganda and Tanzania to resume soon.",
            [("UGA", "036", "TZA", "planned")],
        ),
        # freezing talks halts negotiations (164), not talks that go on
        (
            "Sweden decided to freeze its talks with Norway.",
            [("SWE", "164", "NOR", "asserted")],
        ),
        # a condemned act blames whoever the "by" phrase names
        (
            "Chile condemned the bombing by Peru.",
            [("CHL", "111", "PER", "asserted")],
        ),
        # a "before" phrase is where, not whom: the threat is against Iran
        (
            "The IAEA threatened to take Iran before the UN Security Council.",
            [("IGOIAEA", "130", "IRN", "asserted")],
        ),
        # reaching a deal is an agreement, not an arrival
        (
            "Egypt reached a deal with Hamas on Tuesday.",
            [("EGY", "057", "PSEREB", "asserted")],
        ),
        # offering support is political backing, not aid
        (
            "Norway offered support to Finland.",
            [("NOR", "050", "FIN", "asserted")],
        ),
        # a call with no object predicate is a telephone call
        (
            "The Norwegian prime minister called the Finnish president on Tuesday.",
            [("NORGOV", "041", "FINGOV", "asserted")],
        ),
    ],
)
def test_precision_rule_codes_sentence(
    pipeline: Pipeline, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert coded(pipeline, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # the victims of a condemned act are not its target
        "Chile condemned the bombing that killed ten Peruvians.",
        "Ghana condemned the assassination of a Togolese minister.",
        # landing passengers is not an arrival
        "Italian helicopters landed the Albanian president near the port.",
        # hosting a conference is not hosting the organisation that holds it
        "Kuwait is hosting the OPEC conference this week.",
        # the participle describes the visitor; the sentence's subject does not visit
        "Chinese President Hu Jintao told the visiting Kenyan President Mwai Kibaki that trade would grow.",
        # the doer of an infinitive under "appealed to X" is X, not the speaker
        "Britain appealed to the world to back the Lebanese government.",
        # calling someone something names them; it is no telephone call
        "The Peruvian president called the Chilean president a good neighbour.",
    ],
)
def test_precision_rule_drops_sentence(pipeline: Pipeline, text: str) -> None:
    assert coded(pipeline, text, "2006-11-03") == []


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        (
            "Netanyahu met Albright in Jerusalem.",
            "1997-09-10",
            [("ISRGOV", "040", "USAGOV", "asserted")],
        ),
        (
            "Gingrich criticised China.",
            "1997-03-26",
            [("USALEG", "111", "CHN", "asserted")],
        ),
        (
            "Ruggiero praised Japan.",
            "1998-05-18",
            [("IGOWTO", "051", "JPN", "asserted")],
        ),
        (
            "Mubarak telephoned Arafat.",
            "1998-02-01",
            [("EGYGOV", "041", "PSEGOV", "asserted")],
        ),
    ],
)
def test_precision_office_holders_of_the_1990s_resolve(
    pipeline: Pipeline, text: str, date: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert coded(pipeline, text, date) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a bare surname of a person with no role at the date is someone else
        "Dutton met Chinese officials in Beijing.",
        # a different first name before a known surname names another person
        "Major-General Bryan Dutton met Chinese officials in Beijing.",
        # state bodies of one country meeting each other are not an event between actors
        "US Defense Secretary William Cohen met US troops in Bosnia.",
        "The Iraqi interior minister met Iraqi police in Baghdad.",
        # flying people somewhere is transport, not a trip by the one who flies them
        "Saudi Arabia flew 100 Iraqis to Jordan.",
        # a country word inside an organisation's name is not the country
        "The Iraq Study Group criticised Iran.",
        "Real Madrid's president met the Spanish prime minister.",
    ],
)
def test_precision_round2_drops_sentence(pipeline: Pipeline, text: str) -> None:
    assert coded(pipeline, text, "1997-06-10") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a government and rebels of one country: a domestic conflict event CAMEO codes (an army
        # attacking armed rebels uses conventional force, 190)
        (
            "The Peruvian army attacked Peruvian rebels.",
            [("PERMIL", "190", "PERREB", "asserted")],
        ),
        # travelling with no object is still a trip
        (
            "The Chinese premier flew to Japan on Monday.",
            [("CHNGOV", "042", "JPN", "asserted")],
        ),
        # "would" with a time and a purpose tells of a plan; the purpose itself is planned
        (
            "President Bill Clinton would meet Chinese President Jiang Zemin next week to"
            " discuss trade.",
            [("USAGOV", "036", "CHNGOV", "planned")],
        ),
        # "would" under a condition stays hypothetical
        (
            "President Bill Clinton would meet Chinese President Jiang Zemin if China agreed.",
            [("USAGOV", "040", "CHNGOV", "hypothetical")],
        ),
        # paving the way for talks is not holding them
        (
            "The accord paved the way for talks between Israel and Syria.",
            [("ISR", "036", "SYR", "planned")],
        ),
        # openness to dialogue is an intent, even when "to" hangs on the verb
        (
            "India expressed openness to dialogue with Pakistan.",
            [("IND", "036", "PAK", "planned")],
        ),
        # postponed talks are not going on, in the active and the passive
        (
            "Israel put off talks with Syria.",
            [("ISR", "040", "SYR", "negated")],
        ),
        (
            "The talks between Israel and Syria were put off.",
            [("ISR", "040", "SYR", "negated")],
        ),
    ],
)
def test_precision_round2_codes_sentence(
    pipeline: Pipeline, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert coded(pipeline, text, "1997-06-10") == expected


def test_precision_round2_surname_in_office_resolves(pipeline: Pipeline) -> None:
    assert coded(pipeline, "Albright met Chinese officials in Beijing.", "1997-06-10") == [
        ("USAGOV", "040", "CHNGOV", "asserted")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what one side demands of another has not happened
        (
            "The United Nations demanded Syria cooperate with Lebanon.",
            [("IGOUNO", "100", "SYR", "asserted"), ("SYR", "061", "LBN", "hypothetical")],
        ),
        # a habit is not an event
        (
            "Chilean and Peruvian ministers often meet in Lima.",
            [("PERGOV", "040", "CHL", "hypothetical")],
        ),
        # "reach" is not read as an arrival
        ("Chile's exports reached Peru's markets last year.", []),
    ],
)
def test_precision_demands_habits_and_reach(
    pipeline: Pipeline, text: str, expected: list[tuple[str, ...]]
) -> None:
    assert coded(pipeline, text, "2024-05-06") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what one side presses another to do has not happened
        (
            "Chile rejected Peru's pressure to cut ties with Bolivia.",
            [("CHL", "120", "PER", "asserted"), ("PER", "161", "BOL", "hypothetical")],
        ),
        # one exchange between two countries in a sentence, whoever the actors found are
        (
            "The foreign ministers of Peru and Chile met for talks between Peru and Chile.",
            [("PERGOV", "040", "CHL", "asserted")],
        ),
    ],
)
def test_precision_pressure_and_one_event_per_pair(
    pipeline: Pipeline, text: str, expected: list[tuple[str, ...]]
) -> None:
    assert coded(pipeline, text, "2024-05-06") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the gerund a discussion is about is its topic, not a deed
        (
            "Pakistan and the United States discussed expanding defence cooperation.",
            [("PAK", "040", "USA", "asserted"), ("PAK", "062", "USA", "hypothetical")],
        ),
        (
            "US, Pakistan hash out expanding security cooperation.",
            [("PAK", "062", "USA", "hypothetical")],
        ),
        # a participle clause after a comma is a deed of its own
        (
            "Russia signed a deal with China, expanding military cooperation.",
            [("RUS", "057", "CHN", "asserted")],
        ),
    ],
)
def test_precision_topic_gerund_is_not_asserted(
    pipeline: Pipeline, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert coded(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # another side's "will invade" foretells; only the doer announces its own plan
        (
            "Chile said Peru will invade Bolivia.",
            [("PER", "190", "BOL", "hypothetical")],
        ),
        # the doer's own plan of force is a threat of it (1384)
        ("Peru said it will invade Bolivia.", [("PER", "1384", "BOL", "planned")]),
        # a plan of talks announced by a third side stays a plan
        (
            "Chile said Peru and Bolivia will hold talks.",
            [("PER", "036", "BOL", "planned")],
        ),
    ],
)
def test_precision_foretold_force_is_hypothetical(
    pipeline: Pipeline, text: str, expected: list[tuple[str, ...]]
) -> None:
    assert coded(pipeline, text, "2024-05-06") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a perfect tense says the repeated deed did happen
        (
            "Chile has often accused Peru of smuggling.",
            [("CHL", "1121", "PER", "asserted")],
        ),
        # "vowed it would": a commitment, so a plan, not a supposition
        (
            "Peru vowed it would defy the sanctions of Chile.",
            [("PER", "128", "CHL", "planned")],
        ),
    ],
)
def test_precision_habit_in_perfect_and_vowed_would(
    pipeline: Pipeline, text: str, expected: list[tuple[str, ...]]
) -> None:
    assert coded(pipeline, text, "2024-05-06") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what, whether or how to do it is still an open question
        ("Chile is weighing whether to expel Peru's ambassador.", "hypothetical"),
        ("Chile tried to agree on what sanctions to impose on Peru.", "hypothetical"),
        ("Chile decided to impose sanctions on Peru.", "asserted"),
    ],
)
def test_precision_open_question_is_hypothetical(
    pipeline: Pipeline, text: str, expected: str
) -> None:
    labels = {row[3] for row in coded(pipeline, text, "2024-05-06")}
    assert labels == {expected}
