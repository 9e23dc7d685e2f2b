"""Actors named without a name: "the country", "his country", and "we" or "I" inside a quote."""

from __future__ import annotations

import functools

import pytest

from bilat.extract import Pipeline
from bilat.records import Document


@functools.cache
def _unscreened(pipeline: Pipeline) -> Pipeline:
    """Return the pipeline without its pre-filter (built once per pipeline)."""
    return Pipeline(pipeline.nlp, pipeline.knowledge, prefilter=False)


def _codes(pipeline: Pipeline, text: str, on: str = "2024-01-20") -> list[tuple[str, str]]:
    """Return each mention's text and code, with every line parsed.

    These sentences test how mentions resolve; some carry no event trigger ("The deposit is
    vital for the South Asian nation."), which the pre-filter would leave unparsed.
    """
    document = Document.from_text(text, doc_id="i", published=on)
    return [(m.text, m.actor.code) for m in _unscreened(pipeline).extract(document).mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Finance Minister Ishaq Dar confirmed the loan. "
            "The deposit is vital for the South Asian nation.",
            [("Finance Minister Ishaq Dar", "PAKGOV"), ("South Asian nation", "PAK")],
        ),
        (
            "Qatar said it would host the talks. The Gulf state has mediated between them before.",
            [("Qatar", "QAT"), ("it", "QAT"), ("Gulf state", "QAT")],
        ),
        (
            "Norway said on Monday it would send more aid. The kingdom has pledged funds.",
            [("Norway", "NOR"), ("it", "NOR"), ("kingdom", "NOR")],
        ),
        (
            "Maldivian president Mohamed Muizzu asked India to withdraw troops from his country.",
            [
                ("Maldivian president Mohamed Muizzu", "MDVGOV"),
                ("India", "IND"),
                ("his", "MDVGOV"),
                ("country", "MDV"),
            ],
        ),
    ],
)
def test_country_noun_takes_the_state_before(
    pipeline: Pipeline, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _codes(pipeline, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # two states as the subject: either may be "the country"
        "Pakistan and India agreed to hold talks. The country will host them.",
        # no state as a subject before
        "Exports fell in March. The country faces a crisis.",
        # a name follows: the gazetteer's business, not a reference back
        "The country of Chile held elections.",
        # "state" alone is as often a province
        "Qatar said it would host the talks. The state has mediated between them before.",
    ],
)
def test_country_noun_without_one_subject_state_stays_open(pipeline: Pipeline, text: str) -> None:
    assert [t for t, _ in _codes(pipeline, text) if t.lower().endswith(("country", "state"))] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Nepal signed a deal with India. China also praised the Himalayan nation.",
            [("Nepal", "NPL"), ("India", "IND"), ("China", "CHN"), ("Himalayan nation", "NPL")],
        ),
        (
            "Sri Lanka met Chinese officials. China has sent aid to the island nation.",
            [
                ("Sri Lanka", "LKA"),
                ("Chinese officials", "CHNGOV"),
                ("China", "CHN"),
                ("island nation", "LKA"),
            ],
        ),
        (
            "Saudi Arabia and Iran restored ties. The kingdom reopened its embassy.",
            [
                ("Saudi Arabia", "SAU"),
                ("Iran", "IRN"),
                ("kingdom", "SAU"),
                ("its", "SAU"),
                ("embassy", "SAUGOV"),
            ],
        ),
        (
            "Brazil hosted Argentina's president. The South American country signed a deal.",
            [
                ("Brazil", "BRA"),
                ("Argentina's president", "ARGGOV"),
                ("South American country", "BRA"),
            ],
        ),
    ],
)
def test_described_country_noun_takes_the_state_that_fits(
    pipeline: Pipeline, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _codes(pipeline, text) == expected


def test_described_country_noun_without_a_fitting_state_stays_open(pipeline: Pipeline) -> None:
    text = "India met Japan on Monday. The Gulf state said it would attend."
    assert [t for t, _ in _codes(pipeline, text) if "state" in t] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rains hit the Indian Ocean coast of Kenya on Monday.", [("Kenya", "KEN")]),
        (
            "Latin American leaders met Chinese officials.",
            [("Chinese officials", "CHNGOV")],
        ),
    ],
)
def test_country_word_in_a_region_name_names_no_state(
    pipeline: Pipeline, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _codes(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kenya asked the IMF for a loan. The lender approved the request.",
            [("Kenya", "KEN"), ("IMF", "IGOIMF"), ("lender", "IGOIMF")],
        ),
        (
            "The European Union imposed sanctions on Iran. The bloc also condemned Syria.",
            [
                ("European Union", "IGOEU"),
                ("Iran", "IRN"),
                ("bloc", "IGOEU"),
                ("Syria", "SYR"),
            ],
        ),
    ],
)
def test_organisation_noun_takes_the_organisation_before(
    pipeline: Pipeline, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _codes(pipeline, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a lender, but not one the noun may stand for
        "China's ICBC gave a loan. The lender praised Pakistan.",
        # named three sentences before: too far
        "The IMF met. Talks went on. Rain fell. The lender praised Pakistan.",
    ],
)
def test_organisation_noun_without_its_organisation_stays_open(
    pipeline: Pipeline, text: str
) -> None:
    assert [t for t, _ in _codes(pipeline, text) if "lender" in t] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Executive Board of the International Monetary Fund approved a loan.",
            [("Executive Board", "IGOIMF"), ("International Monetary Fund", "IGOIMF")],
        ),
        (
            "The loan was approved by the IMF Executive Board.",
            [("IMF", "IGOIMF"), ("Executive Board", "IGOIMF")],
        ),
        (
            "The Council of the European Union imposed sanctions on Iran.",
            [("Council", "IGOEU"), ("European Union", "IGOEU"), ("Iran", "IRN")],
        ),
        (
            "Hamas released two hostages. The group also accused Israel of delays.",
            [("Hamas", "PSEREB"), ("group", "PSEREB"), ("Israel", "ISR")],
        ),
        (
            "Sri Lanka asked the IMF for a bailout. The board approved it on Monday.",
            [("Sri Lanka", "LKA"), ("IMF", "IGOIMF"), ("board", "IGOIMF")],
        ),
    ],
)
def test_organ_and_group_nouns_take_their_organisation(
    pipeline: Pipeline, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _codes(pipeline, text) == expected


def test_group_noun_after_a_bloc_stays_open(pipeline: Pipeline) -> None:
    text = "The G7 met in Japan. The group condemned Russia."
    assert _codes(pipeline, text) == [("G7", "IGOSEVEN"), ("Japan", "JPN"), ("Russia", "RUS")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "North Korea fired a missile. The North also threatened Japan.",
            [("North Korea", "PRK"), ("North", "PRK"), ("Japan", "JPN")],
        ),
        (
            "Pyongyang tested a rocket. The South protested on Monday.",
            [("Pyongyang", "PRKGOV"), ("South", "KOR")],
        ),
        # no state of the division named before, or part of a longer name
        ("Floods hit the North. Britain sent aid.", [("Britain", "GBR")]),
        (
            "North Korea fired a missile into the South China Sea.",
            [("North Korea", "PRK")],
        ),
    ],
)
def test_compass_word_names_the_divided_state(
    pipeline: Pipeline, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _codes(pipeline, text) == expected


def test_country_descriptions_name_known_countries(pipeline: Pipeline) -> None:
    known = set(pipeline.knowledge.countries)
    descriptions = pipeline.knowledge.actor_rules.country_descriptions
    assert sorted({c for codes in descriptions.values() for c in codes} - known) == []


def test_organisation_nouns_name_known_organisations(pipeline: Pipeline) -> None:
    known = {o.code for o in pipeline.knowledge.organisations.values()}
    listed = {
        c for codes in pipeline.knowledge.actor_rules.organisation_nouns.values() for c in codes
    }
    assert sorted(listed - known) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Biden wrote on social media, “We have concluded a deal with Pakistan.”",
            [("Biden", "USAGOV"), ("We", "USAGOV"), ("Pakistan", "PAK")],
        ),
        (
            "“Our envoys will no longer stay in New Delhi,” Foreign Minister Shah Mehmood "
            "Qureshi said.",
            [
                ("Our", "PAKGOV"),
                ("New Delhi", "INDGOV"),
                ("Foreign Minister Shah Mehmood Qureshi", "PAKGOV"),
            ],
        ),
        (
            "“I welcome the Kenyan president to India,” Prime Minister Narendra Modi said.",
            [
                ("I", "INDGOV"),
                ("Kenyan president", "KENGOV"),
                ("India", "IND"),
                ("Prime Minister Narendra Modi", "INDGOV"),
            ],
        ),
    ],
)
def test_first_person_in_quote_is_its_speaker(
    pipeline: Pipeline, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _codes(pipeline, text) == expected


def test_first_person_we_is_the_state_not_the_person(pipeline: Pipeline) -> None:
    text = "“We strongly condemn Pakistan,” Prime Minister Narendra Modi said."
    document = Document.from_text(text, doc_id="i", published="2019-08-08")
    we = pipeline.extract(document).mentions[0]
    assert (we.text, we.actor.code, we.actor.person) == ("We", "INDGOV", None)


@pytest.mark.parametrize(
    "text",
    [
        # no speech verb: whose "we" it is is unknown
        "The banner read “We want peace” outside the Indian embassy.",
        # two speakers in the sentence: no one of them
        "“We will talk,” Modi said, and Sharif said he agreed.",
        # "I" of a country is not a person
        "“I am ready,” India said.",
    ],
)
def test_first_person_without_one_speaker_stays_open(pipeline: Pipeline, text: str) -> None:
    assert [t for t, _ in _codes(pipeline, text) if t in ("We", "I")] == []


def test_bare_institution_takes_the_subject_state_over_the_dateline(pipeline: Pipeline) -> None:
    text = (
        "NAIROBI — Somali lawmakers voted to expel the Kenyan ambassador. "
        "The parliament also condemned Ethiopia."
    )
    assert _codes(pipeline, text) == [
        ("Somali lawmakers", "SOMLEG"),
        ("Kenyan ambassador", "KENGOV"),
        ("parliament", "SOMLEG"),
        ("Ethiopia", "ETH"),
    ]


def test_bare_institution_keeps_the_home_without_a_subject_state(pipeline: Pipeline) -> None:
    text = "NAIROBI — Heavy rain fell on Monday. The parliament condemned Ethiopia."
    assert _codes(pipeline, text) == [("parliament", "KENLEG"), ("Ethiopia", "ETH")]


def test_they_after_two_people_is_both(pipeline: Pipeline) -> None:
    text = (
        "Jaishankar also met Russian counterpart Sergey Lavrov, who said they discussed "
        "military cooperation."
    )
    document = Document.from_text(text, doc_id="i", published="2023-11-17")
    mentions = pipeline.explain(document).extraction.mentions
    assert [(m.text, m.actor.code, m.how) for m in mentions if m.text == "they"] == [
        ("they", "INDGOV", "they: INDGOV and RUSGOV named before in the sentence")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # states, not people: "they" is the subject state (coreference), not the pair
        ("Kenya accused Uganda of arming rebels and said they crossed the border.", ["KEN"]),
        # three people of three countries
        ("Biden met Modi and Kishida, and they discussed trade.", []),
    ],
)
def test_they_without_two_people_is_no_pair(
    pipeline: Pipeline, text: str, expected: list[str]
) -> None:
    document = Document.from_text(text, doc_id="i", published="2023-11-17")
    spans = pipeline.explain(document).extraction.mentions
    assert [m.actor.code for m in spans if m.text == "they"] == expected


def test_gunmen_are_of_where_they_struck(pipeline: Pipeline) -> None:
    text = "Gunmen killed three Chinese engineers in Karachi on Monday."
    assert _codes(pipeline, text) == [("Gunmen", "PAKUAF"), ("Chinese", "CHN")]


def test_first_person_of_an_unnamed_source_is_the_body_they_speak_for(
    pipeline: Pipeline,
) -> None:
    text = (
        "A Downing Street source said: “We have made the rules again. "
        "We have signed a free trade agreement with the EU.”"
    )
    assert _codes(pipeline, text, on="2020-12-24") == [
        ("Downing Street", "GBRGOV"),
        ("We", "GBRGOV"),
        ("We", "GBRGOV"),
        ("EU", "IGOEU"),
    ]


def test_quote_running_into_the_next_paragraph_keeps_its_speaker(pipeline: Pipeline) -> None:
    text = (
        "European Commission chief Ursula von der Leyen said: “We have at last reached a "
        "deal with Britain.\n\n“It was a long road.”"
    )
    assert _codes(pipeline, text, on="2020-12-24") == [
        ("European Commission chief Ursula von der Leyen", "IGOEU"),
        ("We", "IGOEU"),
        ("Britain", "GBR"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The United States still stations about 800 troops in Chad.",
            [("United States", "USA"), ("troops", "USAMIL"), ("Chad", "TCD")],
        ),
        (
            "The European Union set up a mission for Mozambique to help train its armed forces.",
            [
                ("European Union", "IGOEU"),
                ("Mozambique", "MOZ"),
                ("its", "MOZ"),
                ("armed forces", "MOZMIL"),
            ],
        ),
    ],
)
def test_sector_word_takes_its_owner(
    pipeline: Pipeline, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _codes(pipeline, text) == expected


def test_sector_word_attacked_is_not_the_attackers(pipeline: Pipeline) -> None:
    assert _codes(pipeline, "Russia attacked troops near the border.") == [("Russia", "RUS")]


def test_bare_rebels_are_the_armed_group_named_before(pipeline: Pipeline) -> None:
    text = "M23 seized the town of Bunagana. The Congolese army said the rebels attacked its posts."
    assert _codes(pipeline, text) == [
        ("M23", "CODREB"),
        ("Congolese army", "CODMIL"),
        ("rebels", "CODREB"),
        # a singular "its" is not the plural rebels'
        ("its", "CODMIL"),
    ]


def test_rebel_word_describing_another_name_is_not_the_armed_group(pipeline: Pipeline) -> None:
    text = (
        "M23 seized the town of Bunagana. Kenya cut its ties with Al Nusra Front, "
        "the terrorist group that attacked Nigeria."
    )
    codes = _codes(pipeline, text)
    # "the terrorist group" describes Al Nusra Front, not the only armed group named before (M23)
    assert [c for t, c in codes if t.endswith("group")] == []
    assert ("M23", "CODREB") in codes


def test_bare_institution_in_a_reported_clause_is_not_the_speakers(pipeline: Pipeline) -> None:
    text = "NAIROBI — Ugandan envoy Paul Okello said the parliament had condemned Ethiopia."
    codes = _codes(pipeline, text)
    assert [c for c in codes if c[0] == "parliament"] == [("parliament", "KENLEG")]
