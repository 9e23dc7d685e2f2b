"""Precision rules from old wire reports and the PETR2/PLOVER sentences: one case per rule."""

from __future__ import annotations

import pytest

from bilat.events.coder import planned_code
from bilat.extract import Pipeline
from bilat.records import Document
from conftest import coded


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        # "is to meet": an arrangement still ahead, coded as the intent to meet
        (
            "Finnish President Tarja Halonen is to meet Swedish officials in Stockholm on Monday.",
            "2004-03-01",
            [("FINGOV", "036", "SWEGOV", "planned")],
        ),
        # committing to sign is a promise, not a signing
        (
            "Chile committed itself to sign a trade accord with Peru next year.",
            None,
            [("CHL", "057", "PER", "planned")],
        ),
        # "determined to improve ties" says what the sides want, not what they did
        (
            "Egypt said Norway and Chile are determined to improve their economic ties.",
            None,
            [("NOR", "050", "CHL", "planned")],
        ),
        # a present tense after "before" speaks of what is still to come
        (
            "The report appeared a day before the Chilean president travels to Peru.",
            "2004-03-01",
            [("CHLGOV", "036", "PER", "planned")],
        ),
        # a planned attack is a threat of force, not the attack itself
        (
            "Chile wants to attack Peru.",
            None,
            [("CHL", "1384", "PER", "planned")],
        ),
        # what a plan comes after has happened, and a clash noun never becomes a threat
        (
            "Chile was due to hold talks with Bolivia after the clashes between Peru and Chile.",
            None,
            [("CHL", "036", "BOL", "planned"), ("PER", "190", "CHL", "asserted")],
        ),
        # a planned release of prisoners is the intent to release them
        (
            "Chile announced it would free 40 Peruvian prisoners by the end of May.",
            None,
            [("CHL", "0353", "PER", "planned")],
        ),
        # a participle's noun is its victim: with no "by" phrase there is no doer
        ("Five Chilean soldiers were reported killed in Peru on Monday.", None, []),
        ("There were six Peruvian sailors killed in Chile last week.", None, []),
        # an ability to act is no act
        (
            "Peru fears Chile's ability to attack Bolivia.",
            None,
            [("CHL", "190", "BOL", "hypothetical")],
        ),
        # what a ban forbids does not happen
        (
            "Chile kept its ban on direct negotiations with Peru.",
            None,
            [("CHL", "040", "PER", "negated")],
        ),
        # a count's "up to" is no particle: the advisers are what was seized
        (
            "Peruvian rebels kidnapped up to 12 Chilean engineers on Monday.",
            None,
            [("PERREB", "181", "CHL", "asserted")],
        ),
        # migrants and pilgrims arriving make no visit between states; leaders do
        ("Some 9,000 Peruvians have arrived in Chile by bus.", None, []),
        ("Bolivian pilgrims arrived in Peru on Monday.", None, []),
        (
            "Bolivian leaders arrived in Peru on Monday.",
            None,
            [("BOL", "042", "PER", "asserted")],
        ),
        # "the time for X to act" urges the act, it does not report it
        (
            "Now is the time for Chile to open its market to Peruvian wine.",
            None,
            [("CHL", "061", "PER", "hypothetical")],
        ),
        # a killing by a bomber is a bombing (183), not small-arms fire (193)
        (
            "Two Chileans were killed by a Peruvian suicide bomber on Monday.",
            None,
            [("PERREB", "183", "CHL", "asserted")],
        ),
        (
            "After the bombing, Chilean troops killed two Peruvian militants.",
            None,
            [("CHLMIL", "193", "PERREB", "asserted")],
        ),
        # the place of a topic ("on the unrest in Peru") is not where the summit is
        (
            "Chile is scheduled to attend a summit in Brazil on the unrest in Peru.",
            None,
            [("CHL", "036", "BRA", "planned")],
        ),
    ],
)
def test_wire_precision_rule_codes_sentence(
    pipeline: Pipeline, text: str, date: str | None, expected: list[tuple[str, str, str, str]]
) -> None:
    assert coded(pipeline, text, date) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("042", "036"),
        ("0841", "0353"),
        ("085", "0354"),
        ("0874", "0874"),
        ("183", "1383"),
        ("190", "1384"),
        ("202", "138"),
        ("057", "057"),
        ("111", "111"),
    ],
)
def test_wire_planned_code_is_cameo_intent_or_threat(code: str, expected: str) -> None:
    assert planned_code(code) == expected


@pytest.mark.parametrize(
    ("date", "person"),
    [("1990-06-01", "george-h-w-bush"), ("2006-06-01", "george-w-bush"), ("2015-06-01", None)],
)
def test_wire_president_bush_is_the_one_in_office(
    pipeline: Pipeline, date: str, person: str | None
) -> None:
    extraction = pipeline.extract(
        Document.from_text("President Bush spoke to reporters.", doc_id="t", published=date)
    )
    bush = [m.actor.person_id for m in extraction.mentions if "Bush" in m.text]
    assert bush == ([person] if person else [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a stance is no party: the "anti-Peruvian" paper is not Peru's
        ("Chile criticised the anti-Peruvian newspaper.", ["Chile"]),
        # a currency is no party: a "US dollar" grant is not the US's
        ("Norway signed a 4 million US dollar agreement.", ["Norway"]),
        # a known first name before another surname is someone else, even with a title
        ("Chile mourned the journalist and MP Gibran Haddad.", ["Chile"]),
        # a sports team is no party, a negotiating team is
        ("The Chilean football team arrived in Peru.", ["Peru"]),
        ("Chile's squad will meet Peru on Sunday.", ["Peru"]),
        ("The Chilean negotiating team arrived in Peru.", ["Chilean", "Peru"]),
    ],
)
def test_wire_country_word_or_name_is_no_actor(
    pipeline: Pipeline, text: str, expected: list[str]
) -> None:
    extraction = pipeline.extract(Document.from_text(text, doc_id="t", published="2005-06-01"))
    assert [m.text for m in extraction.mentions] == expected


def test_wire_bare_embassy_is_not_the_articles_country(pipeline: Pipeline) -> None:
    text = "Peru told its citizens to leave Chile. The embassy urged them to go at once."
    extraction = pipeline.extract(Document.from_text(text, doc_id="t", published="2005-06-01"))
    assert [m.text for m in extraction.mentions if m.actor.sector == "GOV"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the Community's old names are the EU's
        ("The European Community criticised Peru.", [("IGOEU", "111", "PER", "asserted")]),
        # a stance before an organisation leaves the organisation resolved
        ("The pro-Iranian Hezbollah condemned Chile.", [("LBNREB", "111", "CHL", "asserted")]),
        # the wire's common misspelling of a known name is still the name
        ("President Francois Mitterand criticised Chile.", [("FRAGOV", "111", "CHL", "asserted")]),
    ],
)
def test_wire_old_names_and_stances_before_organisations(
    pipeline: Pipeline, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert coded(pipeline, text, "1991-06-01") == expected
