"""The argument finder: which actors a pattern's roles take, beyond the trigger's own children."""

from __future__ import annotations

from typing import Any

import pytest

from bilat.records import Document
from conftest import coded


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # conjoined modifiers of a subject noun name two sides
        (
            "Chilean and Peruvian negotiators signed a fisheries accord on Tuesday.",
            [("CHL", "057", "PER", "asserted")],
        ),
        # a group noun acts as the countries of its of/from phrase
        (
            "The leaders of Kenya and Tanzania met in Arusha.",
            [("KEN", "040", "TZA", "asserted")],
        ),
        (
            "Delegations from Norway and Iceland will meet next month.",
            [("NOR", "036", "ISL", "planned")],
        ),
        (
            "Experts from Norway and Iceland met in Oslo.",
            [("NOR", "040", "ISL", "asserted")],
        ),
        (
            "A group of Indian soldiers was attacked by Chinese troops.",
            [("CHNMIL", "190", "INDMIL", "asserted")],
        ),
        # "it" takes the state named as the subject before it
        (
            "Ghana recalled its envoy. It decided to downgrade ties with Togo.",
            [("GHA", "161", "TGO", "asserted")],
        ),
        # a with-phrase bilat cannot resolve is another partner, not the second subject
        (
            "Chile and Peru signed a fisheries accord with Zorblandia.",
            [],
        ),
        # the purpose of a meeting is the same event, not a second one
        (
            "Officials of Norway and Iceland will meet to sign a fisheries accord.",
            [("NORGOV", "036", "ISL", "planned")],
        ),
        # the partner of a relative clause's with-phrase is its antecedent, and the clause's
        # pronoun subject is someone other than that antecedent
        (
            "Putin praised Chancellor Olaf Scholz, with whom he held talks on Monday.",
            [("RUSGOV", "051", "DEUGOV", "asserted"), ("RUSGOV", "040", "DEUGOV", "asserted")],
        ),
        (
            "Macron thanked Biden, whom he met in Rome.",
            [("FRAGOV", "051", "USAGOV", "asserted"), ("FRAGOV", "040", "USAGOV", "asserted")],
        ),
    ],
)
def test_arguments_roles(pipeline: Any, text: str, expected: list[tuple[str, ...]]) -> None:
    assert coded(pipeline, text, "2024-05-06") == expected


@pytest.mark.parametrize(
    "text",
    [
        "It was decided to downgrade ties with Togo.",
        "It is important to improve ties with Togo.",
    ],
)
def test_arguments_expletive_it_names_no_one(pipeline: Any, text: str) -> None:
    assert coded(pipeline, "Ghana recalled its envoy. " + text, "2024-05-06") == []


def test_arguments_relative_clause_on_the_last_of_two_people(pipeline: Any) -> None:
    # the parser hangs the clause on the first name; it describes the nearer one
    text = (
        "Manmohan Singh flew to Tokyo on Wednesday. Singh and Japanese Premier Shinzo Abe,"
        " with whom he will hold talks this week, want closer ties."
    )
    assert coded(pipeline, text, "2006-12-13") == [
        ("INDGOV", "042", "JPNGOV", "asserted"),
        ("INDGOV", "036", "JPNGOV", "planned"),
    ]


def test_arguments_place_of_a_deed_is_not_its_doer(pipeline: Any) -> None:
    text = "Canada thanked Mexico for arresting a suspect in the Kabul airport bombing that killed 13 Canadians."
    assert coded(pipeline, text, "2025-03-05") == [("CAN", "051", "MEX", "asserted")]


def test_arguments_subject_is_not_both_sides(pipeline: Any) -> None:
    assert (
        coded(pipeline, "Norway and Chile urged both sides to show restraint.", "2025-03-05") == []
    )


def test_arguments_headline_restated_by_the_lede_is_one_event(pipeline: Any) -> None:
    text = (
        "Chile rolls over $1 billion loan to Peru\n"
        "SANTIAGO: Chile has agreed to roll over a $1 billion loan to Peru for a year, officials said.\n"
    )
    events = pipeline.extract(Document.from_text(text, doc_id="t", published="2024-01-24")).events
    assert [(e.sentence_index, e.source.code, e.cameo, e.target.code) for e in events] == [
        (1, "CHL", "071", "PER")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a passive agent's phrase names both sides
        (
            "A fisheries deal was signed by negotiators from Chile and Peru on Monday.",
            [("CHL", "057", "PER", "asserted")],
        ),
        # the parser hangs "with A and B doing …" under a clause: A and B are still partners
        (
            "Chile and Peru signed separate accords with Ecuador and Bolivia opening the border.",
            [
                ("CHL", "057", "ECU", "asserted"),
                ("CHL", "057", "BOL", "asserted"),
                ("PER", "057", "ECU", "asserted"),
                ("PER", "057", "BOL", "asserted"),
            ],
        ),
        # talks led by two sides' negotiators are negotiations between them; mediators are not
        (
            "Talks led by the foreign ministers of Chile and Peru continued all day.",
            [("CHLGOV", "046", "PER", "asserted")],
        ),
        (
            "Talks mediated by Chile and Peru continued all day.",
            [],
        ),
        # the object of a light verb is what was agreed
        (
            "Ecuador and Peru agreed to implement a ceasefire along the border.",
            [("ECU", "0871", "PER", "asserted")],
        ),
    ],
)
def test_arguments_phrases(pipeline: Any, text: str, expected: list[tuple[str, ...]]) -> None:
    assert coded(pipeline, text, "2024-05-06") == expected


def test_arguments_organisation_of_a_person_out_of_office(pipeline: Any) -> None:
    # Barnier held no French office in 2020; "the EU's" names whom he acted for
    text = "The EU's Michel Barnier held talks with Peru's envoy."
    assert coded(pipeline, text, "2020-12-24") == [("IGOEU", "040", "PERGOV", "asserted")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the doer of a by-clause is the clause's subject
        (
            "Chile responded by reaffirming its commitment to working with Peru.",
            [("CHL", "030", "PER", "asserted")],
        ),
        # the helper of a for-clause is the object, so no event of the thanker's
        (
            "Chile thanked Peru for helping to arrest a smuggler.",
            [("CHL", "051", "PER", "asserted")],
        ),
        # a meeting noun inside a clause takes the clause's conjoined subjects as its sides
        (
            "The presidents of Chile and Peru, in a meeting held in Lima, agreed to expand trade.",
            [("CHL", "040", "PER", "asserted"), ("CHL", "030", "PER", "asserted")],
        ),
    ],
)
def test_arguments_clauses(pipeline: Any, text: str, expected: list[tuple[str, ...]]) -> None:
    assert coded(pipeline, text, "2024-05-06") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a passive raising verb's subject does what its infinitive says
        (
            "The President of Chile is scheduled to hold talks with Peru's foreign minister.",
            [("CHLGOV", "036", "PERGOV", "planned")],
        ),
        ("Chile is expected to sign a trade accord with Peru.", [("CHL", "057", "PER", "planned")]),
        # a passive order's subject does not: someone ordered it
        ("Chile was told to sign a trade accord with Peru.", []),
        # "they" takes the organisation or state named as the subject before it
        (
            "Chile's navy said on Friday they had seized a Peruvian tanker.",
            [("CHLMIL", "1711", "PER", "asserted")],
        ),
    ],
)
def test_arguments_raising(pipeline: Any, text: str, expected: list[tuple[str, ...]]) -> None:
    assert coded(pipeline, text, "2024-05-06") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one verb, two targets behind a group noun
        (
            "Chile's president spoke to the foreign ministers of Peru and Bolivia.",
            [("CHLGOV", "040", "PERGOV", "asserted"), ("CHLGOV", "040", "BOL", "asserted")],
        ),
        # conjoined nationality words before one noun: two doers
        (
            "Chile condemned the attacks by Peruvian and Bolivian troops.",
            [("CHL", "111", "BOLMIL", "asserted"), ("CHL", "111", "PER", "asserted")],
        ),
    ],
)
def test_arguments_conjoined_targets(
    pipeline: Any, text: str, expected: list[tuple[str, ...]]
) -> None:
    assert coded(pipeline, text, "2024-05-06") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Chile demanded that Peru withdraw its troops from the border.",
            [("CHL", "100", "PER", "asserted")],
        ),
        ("Chile alleged that Peru had sheltered the rebels.", [("CHL", "112", "PER", "asserted")]),
    ],
)
def test_arguments_that_clause_subject(
    pipeline: Any, text: str, expected: list[tuple[str, ...]]
) -> None:
    assert coded(pipeline, text, "2024-05-06") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a headline lists its sides with a comma where prose says "and"
        ("Chile, Peru sign trade pact", [("PER", "057", "CHL", "asserted")]),
        ("Kenya, Tanzania hold talks on fishing rights", [("KEN", "040", "TZA", "asserted")]),
        # a participle's by-phrase is its doer and the noun it describes its object
        (
            "The accord signed by Chile and Peru opens the border.",
            [("CHL", "057", "PER", "asserted")],
        ),
        (
            "The loan approved by the IMF for Kenya will be disbursed soon.",
            [("IGOIMF", "070", "KEN", "asserted")],
        ),
        # a slot naming only the source ("its" = the speaker) leaves the target to the next
        (
            "Chile expressed gratitude to Peru for its help.",
            [("CHL", "051", "PER", "asserted")],
        ),
    ],
)
def test_arguments_headlines_and_participles(
    pipeline: Any, text: str, expected: list[tuple[str, ...]]
) -> None:
    assert coded(pipeline, text, "2024-05-06") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a group noun's of-phrase names the two sides of a meeting noun
        (
            "The talks between the leaders of Ghana and Togo ended on Friday.",
            [("GHA", "040", "TGO", "asserted")],
        ),
        (
            "The meeting of the foreign ministers of Ghana and Togo ended in Lome.",
            [("GHAGOV", "040", "TGO", "asserted")],
        ),
        # a list of more than two names no pair in particular
        ("The meeting of the leaders of Ghana, Togo, Benin and Niger ended.", []),
        # what two sides agree to do they do to each other
        (
            "Ghana and Togo agreed to reopen the border.",
            [("GHA", "081", "TGO", "asserted")],
        ),
        # agreeing with a proposal is not agreeing with each other
        ("Ghana and Togo agreed with the proposal.", []),
    ],
)
def test_arguments_group_sides_and_agreements(
    pipeline: Any, text: str, expected: list[tuple[str, ...]]
) -> None:
    assert coded(pipeline, text, "2024-05-06") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a preposition the parser hangs under another ("out of") is still the verb's
        (
            "Chile pulled its troops out of Peru.",
            [("CHL", "0874", "PER", "asserted")],
        ),
        # the sides of what an event noun acts on are its sides, not the onlooker's
        (
            "The Brazilian president attended the signing of the accord between Chile and Peru.",
            [("CHL", "057", "PER", "asserted")],
        ),
    ],
)
def test_arguments_compound_prepositions_and_inner_sides(
    pipeline: Any, text: str, expected: list[tuple[str, ...]]
) -> None:
    assert coded(pipeline, text, "2024-05-06") == expected


def test_arguments_headline_verb_read_as_a_plural_noun(pipeline: Any) -> None:
    assert coded(pipeline, "France thanks Morocco for help", "2024-05-06") == [
        ("FRA", "051", "MAR", "asserted")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a relative pronoun object is its antecedent
        (
            "Chile backed Juan Guaido, whom Peru recognised as Venezuela's leader.",
            [("CHL", "050", "VENGOV", "asserted"), ("PER", "054", "VENGOV", "asserted")],
        ),
        # an appeal noun's addressee is the subject of the clause that handles it
        (
            "Chile is still weighing a request by Peru to roll over a loan.",
            [("CHL", "014", "PER", "asserted"), ("PER", "0231", "CHL", "asserted")],
        ),
        # a dateline is where the news comes from, not a second actor
        (
            "LIMA, May 6 - Chile's president arrived in Lima on Monday.",
            [("CHLGOV", "042", "PERGOV", "asserted")],
        ),
        # an indefinite group noun names no one in particular
        ("It was the first visit by a leader of a NATO country to Peru.", []),
    ],
)
def test_arguments_relatives_clauses_datelines(
    pipeline: Any, text: str, expected: list[tuple[str, ...]]
) -> None:
    assert coded(pipeline, text, "2024-05-06") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an unresolved "it" of a reported clause is the speaker
        (
            "Chile said it was willing to work with Peru.",
            [("CHL", "030", "PER", "asserted")],
        ),
        # an expletive "it" names no one
        ("Chile said it was important to work with Peru.", []),
    ],
)
def test_arguments_reported_pronoun_is_the_speaker(
    pipeline: Any, text: str, expected: list[tuple[str, ...]]
) -> None:
    assert coded(pipeline, text, "2024-05-06") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the thing a handover noun hands over is an object too
        (
            "The World Bank approved the release of a loan to Chile.",
            [("IGOWBK", "070", "CHL", "asserted")],
        ),
        # ending a boycott "of" a state lifts it from that state
        ("Peru ended its boycott of Chile.", [("PER", "085", "CHL", "asserted")]),
    ],
)
def test_arguments_handover_nouns(
    pipeline: Any, text: str, expected: list[tuple[str, ...]]
) -> None:
    assert coded(pipeline, text, "2024-05-06") == expected
