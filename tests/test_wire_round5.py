"""Senses, settings and factuality from the fifth hand-judged sample of old wire reports."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bilat.actors.gazetteer import Gazetteer
from bilat.extract import Pipeline
from bilat.knowledge import Knowledge
from bilat.nlp import load_nlp
from conftest import coded

Row = tuple[str, str, str, str]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the visitor is the one told or met, not a place the host visits
        (
            "Chilean President Ricardo Lagos told visiting Peruvian President Alejandro Toledo"
            " on Friday that trade would grow.",
            [],
        ),
        ("Lagos held talks with visiting Peruvian President Alejandro Toledo on Friday.", []),
        # a participle heading its own clause still visits
        (
            "Peruvian President Alejandro Toledo, visiting Chile, met Ricardo Lagos.",
            [("PERGOV", "042", "CHL", "asserted")],
        ),
        (
            "Peruvian President Alejandro Toledo is visiting Chile this week.",
            [("PERGOV", "042", "CHL", "asserted")],
        ),
    ],
)
def test_wire_visiting_before_a_name_describes_the_visitor(
    pipeline: Pipeline, text: str, expected: list[Row]
) -> None:
    assert coded(pipeline, text, "2005-06-01") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a round of clashes is fighting, not a round of talks
        (
            "Chilean troops and Peruvian rebels began a new round of clashes in the south.",
            [("CHLMIL", "190", "PERREB", "asserted")],
        ),
        ("Chile and Peru began a new round of talks in Lima.", [("CHL", "040", "PER", "asserted")]),
        # a joint call to end a war is an appeal, not a telephone call
        ("Chile and Peru issued a joint call to end the war.", []),
        (
            "Peruvian President Alejandro Toledo had a phone call with Chilean President"
            " Ricardo Lagos.",
            [("PERGOV", "041", "CHLGOV", "asserted")],
        ),
        # a meeting's name is no meeting between the sides that belong to it
        (
            "Chile and Peru cooperate within the Asia-Europe Meeting, Toledo said.",
            [("CHL", "061", "PER", "asserted")],
        ),
        # a meeting named after the two sides is theirs
        (
            "Chile and Peru took part in the Chile-Peru Joint Meeting in Lima in May.",
            [("CHL", "040", "PER", "asserted")],
        ),
        # a meeting of five members and one more is no pair's meeting
        (
            "A session of the Security Council's five permanent members, joined by Peru,"
            " is planned for Tuesday.",
            [],
        ),
    ],
)
def test_wire_nouns_that_are_no_meeting_or_call(
    pipeline: Pipeline, text: str, expected: list[Row]
) -> None:
    assert coded(pipeline, text, "2005-06-01") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a meeting said to be planned is still to come
        (
            "A meeting between Chile and Peru is planned for Tuesday.",
            [("CHL", "036", "PER", "asserted")],
        ),
        (
            "A meeting between Chile and Peru was held on Tuesday.",
            [("CHL", "040", "PER", "asserted")],
        ),
        # what a side needs to do is not done yet
        (
            '"We need to train Peruvian security forces," the Chilean president said.',
            [("CHLGOV", "062", "PERMIL", "planned")],
        ),
        # officials who gathered to discuss a matter discussed it; a gathering still to come
        # is planned
        (
            "Chilean and Peruvian health officials gathered in Lima on Monday to discuss malaria.",
            [("PERHLH", "040", "CHL", "asserted")],
        ),
        # the talks a gathering prepares are still to come
        (
            "Chilean officials convened in Lima to prepare the talks between Peru and Bolivia.",
            [("PER", "036", "BOL", "planned")],
        ),
        (
            "Chilean and Peruvian health officials will gather in Lima on Monday to discuss"
            " malaria.",
            [("PERHLH", "036", "CHL", "planned")],
        ),
    ],
)
def test_wire_planned_needed_and_gathered(
    pipeline: Pipeline, text: str, expected: list[Row]
) -> None:
    assert coded(pipeline, text, "2005-06-01") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the country of a trip is where it was said, not whom it was said about
        (
            "The Chilean president voiced opposition to Peru's plan during a visit to Bolivia"
            " last week.",
            [("CHLGOV", "111", "PER", "asserted"), ("CHLGOV", "042", "BOL", "asserted")],
        ),
        (
            "The Chilean president criticized the plan during a visit to Bolivia last week.",
            [("CHLGOV", "042", "BOL", "asserted")],
        ),
    ],
)
def test_wire_trip_setting_is_no_target(pipeline: Pipeline, text: str, expected: list[Row]) -> None:
    assert coded(pipeline, text, "2005-06-01") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the agency that interviewed the speaker is not what the concern is about
        (
            "In an interview with AFP on Monday, Condoleezza Rice expressed grave concern that"
            " Syria and Iran wanted to bring down Lebanon's cabinet.",
            [],
        ),
        (
            "In an interview with Chilean television, Peruvian President Alejandro Toledo voiced"
            " concern over Chile's arms purchases.",
            [("PERGOV", "012", "CHL", "asserted")],
        ),
    ],
)
def test_wire_interviewer_is_no_target(pipeline: Pipeline, text: str, expected: list[Row]) -> None:
    assert coded(pipeline, text, "2005-06-01") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "justice will be done" names no judge
        ("Peru promised that justice will be done.", [(0, 1, "country", "PER")]),
        (
            "The president met Peru's president.",
            [
                (1, 2, "title", "head_of_state"),
                (3, 4, "country", "PER"),
                (5, 6, "title", "head_of_state"),
            ],
        ),
    ],
)
def test_wire_bare_singular_title_names_no_one(
    nlp: Language, text: str, expected: list[tuple[int, int, str, str]]
) -> None:
    gazetteer = Gazetteer(nlp, Knowledge.load(cache_dir="none"))
    found = [
        (p.start, p.end, p.entries[0].kind, p.entries[0].key) for p in gazetteer.pieces(nlp(text))
    ]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a siege in a time or reason phrase is not the clause subject's deed
        (
            "A Chilean court jailed 14 former soldiers over the massacre of prisoners after the"
            " siege of the Peruvian town of Tacna in 1991.",
            [],
        ),
        ("The Chilean army retreated after the siege of the Peruvian town of Tacna.", []),
        # clashes a visit happens amid are not the visitor's
        (
            "Peruvian President Alejandro Toledo visited Chile amid clashes in Bolivia.",
            [("PERGOV", "042", "CHL", "asserted")],
        ),
        # a siege that names its doer keeps it
        (
            "The Chilean army retreated after its siege of the Peruvian town of Tacna.",
            [("CHLMIL", "191", "PER", "asserted")],
        ),
    ],
)
def test_wire_deed_in_a_time_or_reason_phrase_has_no_clause_doer(
    pipeline: Pipeline, text: str, expected: list[Row]
) -> None:
    assert coded(pipeline, text, "2005-06-01") == expected


def test_wire_two_countries_are_no_bloc(pipeline: Pipeline) -> None:
    text = (
        "Chilean President Ricardo Lagos met Peruvian President Alejandro Toledo on the sidelines"
        " of the APEC summit. The two countries agreed to reopen the border."
    )
    assert coded(pipeline, text, "2005-06-01") == [
        ("CHLGOV", "044", "PERGOV", "asserted"),
        ("CHLGOV", "081", "PERGOV", "asserted"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "UN-backed" describes the government the troops support; the UN is not supported
        (
            "The rebels demanded the departure of Chilean troops supporting the UN-backed,"
            " but feeble government.",
            [],
        ),
        ("Chile supported the Peruvian government.", [("CHL", "050", "PERGOV", "asserted")]),
        # "Peru-based" says where the press is: the Peruvian press is met
        (
            "The Chilean army chief made the remarks while meeting with chief editors of"
            " Peru-based press.",
            [("CHLMIL", "040", "PERMED", "asserted")],
        ),
    ],
)
def test_wire_hyphenated_backer_is_no_target(
    pipeline: Pipeline, text: str, expected: list[Row]
) -> None:
    assert coded(pipeline, text, "2005-06-01") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "she" is not the spokesman named before, whoever he is
        (
            "Chilean party spokesman Julio Ramos spoke on Monday. She met Peruvian President"
            " Alejandro Toledo in Lima.",
            [],
        ),
        (
            "Chilean party spokeswoman Julia Ramos spoke on Monday. She met Peruvian President"
            " Alejandro Toledo in Lima.",
            [("CHLGOV", "040", "PERGOV", "asserted")],
        ),
    ],
)
def test_wire_pronoun_skips_a_person_of_the_other_worded_gender(
    pipeline: Pipeline, text: str, expected: list[Row]
) -> None:
    assert coded(pipeline, text, "2005-06-01") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # recalling an ambassador is done to the country of the post
        (
            "Peru recalled its ambassador to Chile on Monday.",
            [("PER", "161", "CHL", "asserted")],
        ),
        # a goal moved towards is not reached
        (
            "Chile is moving towards cutting off gas supplies to Peru.",
            [("CHL", "163", "PER", "planned")],
        ),
        ("Chile cut off gas supplies to Peru on Monday.", [("CHL", "163", "PER", "asserted")]),
        # the country an ambassador is posted to is not the one complained to
        (
            "Peru complained to the Chilean ambassador to Bolivia about the border.",
            [("PER", "114", "CHLGOV", "asserted")],
        ),
        # a present tense after "when" under an expectation is a visit still to come
        (
            "Peru expects to clinch the contract when President Alejandro Toledo visits Chile.",
            [("PERGOV", "036", "CHL", "planned")],
        ),
        (
            "Peru clinched the contract when President Alejandro Toledo visited Chile.",
            [("PERGOV", "042", "CHL", "asserted")],
        ),
    ],
)
def test_wire_envoy_posts_and_visits_to_come(
    pipeline: Pipeline, text: str, expected: list[Row]
) -> None:
    assert coded(pipeline, text, "2005-06-01") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what a rejected proposal is about is not who proposed it
        (
            "Chile rejected a Peruvian proposal for a merger of the two fleets under UN command.",
            [("CHL", "120", "PER", "asserted")],
        ),
        # a commitment owned by the speaker's own country still finds its partner in the clause
        (
            "Peruvian President Alejandro Toledo reiterated Peru's commitment to strengthening"
            " its partnership with Chile.",
            [("PERGOV", "030", "CHL", "asserted")],
        ),
        # a reaffirmed commitment owned by a pronoun still finds its partner in the clause
        (
            "Chile responded by reaffirming its commitment to negotiating a trade deal with Peru.",
            [("CHL", "030", "PER", "asserted")],
        ),
    ],
)
def test_wire_owner_of_the_object_is_the_target(
    pipeline: Pipeline, text: str, expected: list[Row]
) -> None:
    assert coded(pipeline, text, "2005-06-01") == expected


def test_wire_owner_pronoun_in_the_object_is_the_clause_subject(pipeline: Pipeline) -> None:
    text = (
        "Peruvian President Alejandro Toledo would inform Chilean President Ricardo Lagos about"
        " his talks with Bolivian President Carlos Mesa."
    )
    assert coded(pipeline, text, "2004-06-01") == [("PERGOV", "040", "BOLGOV", "hypothetical")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # in a sports report the countries are teams
        ("Peru and Chile begin Group F action with a clash in Lima on June 12.", []),
        (
            "Peruvian troops clashed with Chilean troops in the border area on June 12.",
            [("PERMIL", "190", "CHLMIL", "asserted")],
        ),
    ],
)
def test_wire_sports_report_names_teams(pipeline: Pipeline, text: str, expected: list[Row]) -> None:
    assert coded(pipeline, text, "2005-06-01") == expected


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        # before Sudan's Rapid Support Forces existed, "RSF" is Reporters Without Borders
        ("2006-12-21", [("NGORSF", "020", "PERGOV", "asserted")]),
        ("2023-06-01", [("SDNREB", "020", "PERGOV", "asserted")]),
    ],
)
def test_wire_rsf_by_era(pipeline: Pipeline, date: str, expected: list[Row]) -> None:
    text = "RSF calls on the Peruvian authorities to free the journalists without delay."
    assert coded(pipeline, text, date) == expected


def test_wire_sports_finals_name_teams(pipeline: Pipeline) -> None:
    text = "Peru-Chile clashes will dominate the eight finals with Peru's coach eyeing four titles."
    assert coded(pipeline, text, "2005-06-01") == []
