"""Word senses, factuality and era actors from hand-judged old wire reports: one case per rule."""

from __future__ import annotations

import pytest

from bilat.extract import Pipeline
from bilat.records import Document
from conftest import coded

Row = tuple[str, str, str, str]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a place phrase is not the verb's object: "take place in the port city" seizes nothing
        (
            "The APEC summit is to take place next month in Chile's southern port city of Valparaiso.",
            [],
        ),
        ("Chile captured the town of Tacna from Peru.", [("CHL", "192", "PER", "asserted")]),
        # hosting refugees is no visit; hosting a president is
        ("Peru hosts some 20,000 Chilean refugees.", []),
        (
            "Peru hosted Chilean President Ricardo Lagos in Lima.",
            [("PER", "043", "CHLGOV", "asserted")],
        ),
        # the talks a guest is hosted for are no object of "host": the guest is
        (
            "Peru hosted the Chilean foreign minister for talks.",
            [("PER", "043", "CHLGOV", "asserted")],
        ),
        # a hosted meeting still keeps "host" from coding its guests or its beneficiaries
        ("Peru hosted a summit for Andean ministers.", []),
        ("Peru hosted a meeting of Chilean and Bolivian officials.", []),
        # welcoming a call approves of it
        ("Chile welcomed Peru's call for calm.", [("CHL", "051", "PER", "asserted")]),
        # a match, fires and a government brought down are not armed force
        ("Peru battled to a 1-1 draw against Chile in Lima.", []),
        ("Peru sent firemen to fight the fires in Chile.", []),
        ("Peru clashed with Chile across the border.", [("PER", "190", "CHL", "asserted")]),
        ("The Bolivian opposition is seeking to bring down Chile's government.", []),
        (
            "Peruvian gunners brought down a Chilean helicopter.",
            [("PER", "190", "CHL", "asserted")],
        ),
    ],
)
def test_wire_sense_of_verb_and_object(pipeline: Pipeline, text: str, expected: list[Row]) -> None:
    assert coded(pipeline, text, "2005-06-01") == expected


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        # "hopes to sign" is a plan (the lemmatizer reads "hopes" as "hop")
        (
            "Peru hopes to sign a trade accord with Chile by spring.",
            None,
            [("PER", "057", "CHL", "planned")],
        ),
        # what the sides were supposed to stop, and stopped doing, is not done
        (
            "Chile and Peru were supposed to stop firing at each other.",
            None,
            [("CHL", "193", "PER", "negated"), ("PER", "193", "CHL", "negated")],
        ),
        (
            "Peru stopped allowing Chilean inspectors into its ports.",
            None,
            [("PER", "0862", "CHL", "negated")],
        ),
        # a present tense after "by the time" is still to come
        (
            "Prime Minister Ryutaro Hashimoto hopes this is settled by the time he meets "
            "President Bill Clinton.",
            "1997-04-07",
            [("JPNGOV", "036", "USAGOV", "planned")],
        ),
        # a failure to act and an agreement "almost reached" did not happen
        (
            "Chile criticised Peru over its failure to cooperate with Bolivia.",
            None,
            [("CHL", "111", "PER", "asserted"), ("CHL", "061", "BOL", "negated")],
        ),
        (
            "Chile had almost reached an agreement with Peru.",
            None,
            [("CHL", "057", "PER", "negated")],
        ),
        # what is called for is demanded, not done
        (
            "Chile called for a withdrawal of Peruvian troops from Bolivia.",
            None,
            [("CHL", "0256", "PERMIL", "asserted"), ("PERMIL", "0874", "BOL", "hypothetical")],
        ),
        # a headline's "to" announces an arrangement
        ("Chile to sign trade accord with Peru", None, [("CHL", "057", "PER", "planned")]),
    ],
)
def test_wire_factuality_of_clause(
    pipeline: Pipeline, text: str, date: str | None, expected: list[Row]
) -> None:
    assert coded(pipeline, text, date) == expected


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        # before South Sudan's independence its leaders acted for Sudan: rebel, then government
        (
            "Salva Kiir met Kenyan officials in Nairobi.",
            "1999-11-12",
            [("SDNREB", "040", "KENGOV", "asserted")],
        ),
        (
            "Salva Kiir discussed the rebel threat with the US administration.",
            "2005-11-12",
            [("SDNGOV", "040", "USAGOV", "asserted")],
        ),
        (
            "Salva Kiir discussed the rebel threat with the US administration.",
            "2015-11-12",
            [("SSDGOV", "040", "USAGOV", "asserted")],
        ),
    ],
)
def test_wire_era_actor_at_document_date(
    pipeline: Pipeline, text: str, date: str, expected: list[Row]
) -> None:
    assert coded(pipeline, text, date) == expected


def test_wire_stance_prefix_split_by_a_space_names_no_actor(pipeline: Pipeline) -> None:
    text = "Chile condemned the killing of an anti- Peruvian journalist."
    extraction = pipeline.extract(Document.from_text(text, doc_id="t", published="2005-06-01"))
    assert [m.text for m in extraction.mentions] == ["Chile"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a crowd's assault or destruction is a riot; weapons of war keep their code
        (
            "Peruvian protesters attacked the Chilean embassy in Lima.",
            [("PEROPP", "145", "CHLGOV", "asserted")],
        ),
        (
            "The Chilean consulate was demolished by a Peruvian protestor.",
            [("PER", "145", "CHLGOV", "asserted")],
        ),
        ("Peruvian demonstrators fired rockets at Chile.", [("PEROPP", "195", "CHL", "asserted")]),
        # force against protesters, shooting included, is violent repression
        (
            "Chilean police fired on Peruvian demonstrators in Santiago.",
            [("CHLCOP", "175", "PEROPP", "asserted")],
        ),
        ("Chilean troops fired on Peruvian soldiers.", [("CHLMIL", "193", "PERMIL", "asserted")]),
        # a side that claims its own attack acknowledges it (015); a claim about another accuses
        ("Chile admitted it had attacked Peru.", [("CHL", "015", "PER", "asserted")]),
        ("Chile claimed that Bolivia had attacked Peru.", [("BOL", "190", "PER", "asserted")]),
    ],
)
def test_wire_force_by_crowds_and_claims_of_it(
    pipeline: Pipeline, text: str, expected: list[Row]
) -> None:
    assert coded(pipeline, text, "2005-06-01") == expected


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        # soldiers left behind make no journey
        (
            "President George W. Bush will get a report calling for a pullout from Iraq, while "
            "leaving some soldiers behind for training of Iraqi forces.",
            "2006-12-04",
            [],
        ),
        (
            "Chilean President Ricardo Lagos left Lima for Bolivia on Sunday.",
            "2005-06-01",
            [("CHLGOV", "042", "BOL", "asserted")],
        ),
        # three or more sides joining a summit are no pair meeting; each one's arrival stays
        (
            "Leaders from Chile, Peru, Bolivia and Ecuador arrived in Quito to join the summit.",
            "2005-06-01",
            [
                ("CHL", "042", "ECUGOV", "asserted"),
                ("PER", "042", "ECUGOV", "asserted"),
                ("BOL", "042", "ECUGOV", "asserted"),
            ],
        ),
        # a visit whose named owner is unresolved is not the clause subject's
        (
            "During Juan Perez's visit to Peru, a Bolivian newspaper accused Chile of lying.",
            "2005-06-01",
            [("BOLMED", "112", "CHL", "asserted")],
        ),
    ],
)
def test_wire_who_travels_and_who_meets(
    pipeline: Pipeline, text: str, date: str, expected: list[Row]
) -> None:
    assert coded(pipeline, text, date) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the sides of a fight are named on the noun, not by whoever urges its end
        ("Chile and Peru urged an end to the fighting in Bolivia.", []),
        (
            "Fierce fighting between Chile and Peru killed ten soldiers.",
            [("CHL", "190", "PER", "asserted")],
        ),
        # finding a side in breach of a treaty is no agreement
        ("The IAEA in May found Peru in non-compliance with the Non-Proliferation Treaty.", []),
        # a relative clause in the present tense describes a stance; in the past it reports
        (
            "Chile's president, who opposes close ties with Peru, met Bolivia's leader.",
            [("CHLGOV", "110", "PER", "hypothetical"), ("CHLGOV", "040", "BOL", "asserted")],
        ),
        (
            "Chile, which condemned Peru on Monday, met Bolivia.",
            [("CHL", "111", "PER", "asserted"), ("CHL", "040", "BOL", "asserted")],
        ),
    ],
)
def test_wire_who_fights_and_standing_stances(
    pipeline: Pipeline, text: str, expected: list[Row]
) -> None:
    assert coded(pipeline, text, "2005-06-01") == expected


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        # leaders of the years of the wire reports, known by name at the document's date
        ("Moamer Kadhafi met Chandrika Kumaratunga.", "1998-03-01", ["LBYGOV", "LKAGOV"]),
        ("Thaksin Shinawatra met Paek Nam-sun.", "2002-05-01", ["THAGOV", "PRKGOV"]),
        ("Ahmed Qurei met Iyad Allawi.", "2004-09-01", ["PSEGOV", "IRQGOV"]),
        # an envoy or secretary-general acts for the organisation in those years only
        ("Amr Moussa met Martti Ahtisaari.", "2006-11-25", ["IGOARL", "IGOUNO"]),
        ("Amr Moussa met Martti Ahtisaari.", "1998-05-01", ["EGYGOV", "FINGOV"]),
        # the era's names of states and its armed groups
        ("Zaire accused UNITA.", "1997-04-01", ["COD", "AGOREB"]),
        ("Yugoslavia fought the KLA.", "1998-06-01", ["SRB", "SRBREB"]),
        ("Chechen rebels attacked the Northern Alliance.", "1999-06-01", ["RUSREB", "AFGREB"]),
    ],
)
def test_wire_era_names_resolve(
    pipeline: Pipeline, text: str, date: str, expected: list[str]
) -> None:
    extraction = pipeline.extract(Document.from_text(text, doc_id="t", published=date))
    assert [m.actor.code for m in extraction.mentions] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a headline's "to" announces what is arranged
        ("UN chief to visit Chile in December", [("IGOUNO", "036", "CHL", "planned")]),
        # an attack a leader makes while saying something is one of words; troops' is force
        (
            "Chilean President Ricardo Lagos attacked Peru on Wednesday, saying its claims were absurd.",
            [("CHLGOV", "111", "PER", "asserted")],
        ),
        (
            "Chile attacked Peru on Wednesday, saying Peruvian troops had crossed the border.",
            [("CHL", "190", "PER", "asserted")],
        ),
        (
            "Chilean President Ricardo Lagos launched a scathing attack on Peru.",
            [("CHLGOV", "111", "PER", "asserted")],
        ),
        # a view of talks is no talks
        ("Chile remained opposed to talks with Peru.", [("CHL", "040", "PER", "hypothetical")]),
        (
            "Chile, which favours dialogue with Peru, is expected to discuss the issue.",
            [("CHL", "040", "PER", "hypothetical")],
        ),
        # meeting a request satisfies it
        ("The Chilean government plans to meet a NATO request to send more troops.", []),
        # fighting alongside an army is no fight against its country
        ("Chilean troops, fighting alongside the army in Bolivia, shelled rebel positions.", []),
    ],
)
def test_wire_words_views_and_allies(pipeline: Pipeline, text: str, expected: list[Row]) -> None:
    assert coded(pipeline, text, "2005-11-01") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an appeal's named but unresolved addressee is its target, not an actor further on
        (
            "The LTTE urged the Tamil voters to boycott the election, claiming that they had no "
            "trust in both candidates, Prime Minister Mahinda Rajapakse and the opposition leader.",
            [],
        ),
        ("Chile urged Peru to withdraw.", [("CHL", "0256", "PER", "asserted")]),
        ("Chile urged restraint on Peru.", [("CHL", "0256", "PER", "asserted")]),
        # talks of many parties are no pair's talks; a pair meeting beside them is
        ("Chile and Peru can work together on advancing the multilateral trade talks.", []),
        ("The six-party talks between Chile and Peru resumed.", []),
        (
            "Chile and Peru met on the sidelines of the six-party talks.",
            [("CHL", "044", "PER", "asserted")],
        ),
    ],
)
def test_wire_addressees_and_many_parties(
    pipeline: Pipeline, text: str, expected: list[Row]
) -> None:
    assert coded(pipeline, text, "2005-11-17") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what a side still has to do is not done
        ("Chile still has to sign protocols with Peru.", [("CHL", "057", "PER", "planned")]),
        ("Chile has signed protocols with Peru.", [("CHL", "057", "PER", "asserted")]),
        # what one side suggests the sides do is a proposal, not a meeting
        (
            "The Peruvian president suggested Peru and Chile hold a ministerial meeting soon.",
            [("PER", "040", "CHL", "hypothetical")],
        ),
        ("Chile refused to give ground to Peru.", [("CHL", "124", "PER", "asserted")]),
    ],
)
def test_wire_obligations_proposals_and_declining(
    pipeline: Pipeline, text: str, expected: list[Row]
) -> None:
    assert coded(pipeline, text, "2005-11-12") == expected


def test_wire_declining_to_give_details_is_no_refusal_to_yield(pipeline: Pipeline) -> None:
    text = "President Bill Clinton declined to give further details to Israel."
    asserted = [row for row in coded(pipeline, text, "1997-04-07") if row[3] == "asserted"]
    assert asserted == []


def test_wire_troops_clashing_with_protesters_repress_them(pipeline: Pipeline) -> None:
    text = "Chilean troops clashed with Bolivian protesters in Peru."
    assert coded(pipeline, text) == [("CHLMIL", "175", "BOLOPP", "asserted")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a verb that takes a measure away ends it: the noun codes no imposition
        (
            "The United States cut tariffs on Peruvian goods on Friday.",
            [("USA", "085", "PER", "asserted")],
        ),
        (
            "US cuts tariff on Peruvian goods to 19% under new deal",
            [("USA", "085", "PER", "asserted")],
        ),
        (
            "Turkey lifted the blockade of the Armenian border.",
            [("TUR", "0872", "ARM", "asserted")],
        ),
        # lifting a duty to a figure raises it: no easing
        ("The United States lifted duties on Peruvian goods to 145% on Friday.", []),
        (
            "The United States lifted sanctions on Peru on Friday.",
            [("USA", "085", "PER", "asserted")],
        ),
    ],
)
def test_senses_measures_taken_away_or_raised(
    pipeline: Pipeline, text: str, expected: list[Row]
) -> None:
    assert coded(pipeline, text, "2025-04-12") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a present-tense relative clause on a bare plural tells a habit of a kind
        (
            "Chile criticised Peruvian soldiers who attack Bolivian posts.",
            [("CHL", "111", "PERMIL", "asserted")],
        ),
        # a past one tells a deed
        (
            "Chile criticised Peruvian soldiers who attacked Bolivian posts.",
            [("CHL", "111", "PERMIL", "asserted"), ("PERMIL", "190", "BOL", "asserted")],
        ),
    ],
)
def test_senses_habit_of_a_kind_is_no_event(
    pipeline: Pipeline, text: str, expected: list[Row]
) -> None:
    assert coded(pipeline, text, "2025-04-12") == expected
