"""Actor resolution: titles at dates, possessives and adjectives, metonymy, coreference."""

from __future__ import annotations

import pytest

from bilat.extract import Pipeline
from bilat.lookup import resolve_text
from bilat.records import Document


def _first(text: str, date: str | None) -> tuple[str | None, str | None]:
    found = resolve_text(text, date=date)
    return found[0]["code"], found[0]["person"]


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        ("the US Secretary of State", "2024-08-30", ("USAGOV", "Antony Blinken")),
        ("the US Secretary of State", "2025-04-07", ("USAGOV", "Marco Rubio")),
        ("the Chinese Foreign Minister", "2025-04-07", ("CHNGOV", "Wang Yi")),
        ("the Chinese Foreign Minister", "2023-06-01", ("CHNGOV", "Qin Gang")),
        ("Pakistan's Prime Minister", "2021-06-01", ("PAKGOV", "Imran Khan")),
        ("Pakistan's Prime Minister", "2024-06-01", ("PAKGOV", "Shehbaz Sharif")),
        ("Pakistan's Army Chief", "2020-06-01", ("PAKMIL", "Qamar Javed Bajwa")),
        ("Pakistan's Army Chief", "2024-06-01", ("PAKMIL", "Asim Munir")),
        ("the US Secretary of State", None, ("USAGOV", None)),
        ("the Nigerian Interior Minister", "2024-01-01", ("NGAGOV", None)),
        ("the White House", None, ("USAGOV", None)),
        ("the Pakistani military", None, ("PAKMIL", None)),
        ("NATO", None, ("IGONATO", None)),
    ],
)
def test_resolve_title_at_date(
    text: str, date: str | None, expected: tuple[str, str | None]
) -> None:
    code, person = _first(text, date)
    assert (code, person) == expected


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        ("the Peruvian President", "2022-01-10", ("PERGOV", "Pedro Castillo")),
        ("the Peruvian President", "2024-03-01", ("PERGOV", "Dina Boluarte")),
        ("the Peruvian President", "2025-11-01", ("PERGOV", "Jose Jeri")),
        ("the Malawian President", "2023-05-01", ("MWIGOV", "Lazarus Chakwera")),
        ("the Malawian President", "2025-12-01", ("MWIGOV", "Peter Mutharika")),
        ("the Moldovan President", "2022-06-01", ("MDAGOV", "Maia Sandu")),
        ("the New Zealand Prime Minister", "2023-06-01", ("NZLGOV", "Chris Hipkins")),
        ("the OIC Secretary-General", "2023-06-01", ("IGOOIC", "Hissein Brahim Taha")),
        ("Pakistan's Foreign Secretary", "2025-02-01", ("PAKGOV", "Amna Baloch")),
        ("the British Foreign Secretary", "2023-06-01", ("GBRGOV", "James Cleverly")),
        ("the Kazakh Foreign Minister", "2024-01-01", ("KAZGOV", "Murat Nurtleu")),
        ("the Rwandan Foreign Minister", "2025-02-01", ("RWAGOV", "Olivier Nduhungirehe")),
        ("the Kenyan Foreign Minister", "2024-02-01", ("KENGOV", "Musalia Mudavadi")),
    ],
)
def test_resolve_title_of_recent_office_holders(
    text: str, date: str, expected: tuple[str, str | None]
) -> None:
    assert _first(text, date) == expected


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        (
            "Zaire accused Rwanda of arming the rebels.",
            "1997-04-10",
            [("Zaire", "COD", None), ("Rwanda", "RWA", None)],
        ),
        (
            "Kabila rejected talks with Mobutu.",
            "1997-04-10",
            [
                ("Kabila", "CODREB", "Laurent-Desire Kabila"),
                ("Mobutu", "CODGOV", "Mobutu Sese Seko"),
            ],
        ),
        (
            "Kabila met Museveni on Monday.",
            "2005-04-10",
            [("Kabila", "CODGOV", "Joseph Kabila"), ("Museveni", "UGAGOV", "Yoweri Museveni")],
        ),
        (
            "Camdessus praised Thailand.",
            "1997-08-01",
            [("Camdessus", "IGOIMF", "Michel Camdessus"), ("Thailand", "THA", None)],
        ),
    ],
)
def test_resolve_wire_era_names(
    pipeline: Pipeline, text: str, date: str, expected: list[tuple[str, str, str | None]]
) -> None:
    extraction = pipeline.extract(Document.from_text(text, doc_id="w", published=date))
    found = [(m.text, m.actor.code, m.actor.person) for m in extraction.mentions]
    assert found == expected


def test_resolve_explains_unknown_date() -> None:
    (found,) = resolve_text("the US Secretary of State", date=None)
    assert (
        found["how"] == "title secretary_of_state of USA: document date unknown, holder not guessed"
    )


def test_coreference_pronoun_and_surname(pipeline: Pipeline) -> None:
    text = (
        "Foreign Minister Ishaq Dar arrived in Tokyo. He met Japanese officials. "
        "Dar later thanked Japan."
    )
    extraction = pipeline.extract(Document.from_text(text, doc_id="c", published="2025-02-03"))
    assert [
        (e.source.person, e.cameo, e.target.code if e.target else None) for e in extraction.events
    ] == [
        ("Ishaq Dar", "042", "JPNGOV"),
        ("Ishaq Dar", "040", "JPNGOV"),
        ("Ishaq Dar", "051", "JPN"),
    ]


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        ("Islamabad condemned the raid.", None, ("PAKGOV", None)),
        ("Beijing welcomed the step.", None, ("CHNGOV", None)),
        ("the Pentagon", None, ("USAMIL", None)),
        ("the TTP", None, ("PAKREB", None)),
        ("the Balochistan Liberation Army", None, ("PAKREB", None)),
        ("the IMF", None, ("IGOIMF", None)),
        ("the UN Secretary-General", "2005-06-01", ("IGOUNO", "Kofi Annan")),
        ("the UN Secretary-General", "2024-06-01", ("IGOUNO", "António Guterres")),
        ("the NATO Secretary General", "2020-06-01", ("IGONATO", "Jens Stoltenberg")),
        ("the NATO Secretary General", "2025-01-10", ("IGONATO", "Mark Rutte")),
        ("Kofi Annan", None, ("IGOUNO", "Kofi Annan")),
    ],
)
def test_resolve_metonyms_and_organisations(
    text: str, date: str | None, expected: tuple[str, str | None]
) -> None:
    assert _first(text, date) == expected


def test_resolve_titled_office_wins_over_seniority() -> None:
    found = resolve_text("Foreign Minister Ishaq Dar phoned his US counterpart.", date="2025-04-07")
    assert [(f["code"], f["person"], f["office"]) for f in found] == [
        ("PAKGOV", "Ishaq Dar", "foreign_minister"),
        ("PAKGOV", "Ishaq Dar", "foreign_minister"),
        ("USAGOV", "Marco Rubio", "foreign_minister"),
    ]


def _actors(pipeline: Pipeline, text: str, date: str) -> list[tuple[str, str | None, str]]:
    extraction = pipeline.extract(Document.from_text(text, doc_id="a", published=date))
    return [(m.text, m.actor.person, m.actor.code) for m in extraction.mentions]


def test_coreference_bare_title_and_titled_surname_look_back(pipeline: Pipeline) -> None:
    text = (
        "Prime Minister Shehbaz Sharif received Acting Under Secretary of State John Bass. "
        "Under Secretary Bass thanked Pakistan. The Under Secretary later left."
    )
    assert _actors(pipeline, text, "2024-09-10") == [
        ("Prime Minister Shehbaz Sharif", "Shehbaz Sharif", "PAKGOV"),
        ("Acting Under Secretary of State John Bass", "John Bass", "USAGOV"),
        ("Under Secretary Bass", "John Bass", "USAGOV"),
        ("Pakistan", None, "PAK"),
        ("Under Secretary", "John Bass", "USAGOV"),
    ]


def test_coreference_both_officials_are_the_two_known_people(pipeline: Pipeline) -> None:
    text = (
        "Foreign Minister Ishaq Dar met US Secretary of State Marco Rubio. "
        "The meeting was attended by Deputy Assistant Secretary Jane Roe. "
        "Both officials discussed trade."
    )
    extraction = pipeline.extract(Document.from_text(text, doc_id="b", published="2025-05-02"))
    assert [
        (e.source.person, e.cameo, e.target.person if e.target else None) for e in extraction.events
    ] == [
        ("Ishaq Dar", "040", "Marco Rubio"),
        ("Ishaq Dar", "040", "Marco Rubio"),
    ]


def test_home_country_is_where_officials_need_no_flag(pipeline: Pipeline) -> None:
    # The US is named more often, but the Pakistani minister is introduced by title alone,
    # so "the army chief" is Pakistan's.
    text = (
        "US Secretary of State Antony Blinken met Interior Minister Mohsin Naqvi. "
        "The US and the US Congress praised the talks. Blinken also called on the army chief."
    )
    extraction = pipeline.extract(Document.from_text(text, doc_id="h", published="2024-09-10"))
    assert [
        (e.source.country, e.cameo, e.target.code if e.target else None) for e in extraction.events
    ][-1] == (
        "USA",
        "042",
        "PAKMIL",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an organisation's head noun after a country word: the name is the organisation's
        ("The Korea Electric Power Company said so.", []),
        ("Israel Radio said so.", []),
        # a club prefix before a capital
        ("Real Madrid won.", []),
        # a title after a possessive is still the country's
        ("Israel's Prime Minister spoke.", [("ISRGOV", "Benjamin Netanyahu")]),
    ],
)
def test_actors_country_word_in_organisation_name_is_unresolved(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    found = resolve_text(text, date="1997-06-10")
    assert [(f["code"], f["person"]) for f in found if f["code"]] == expected


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        # in office at the date: the surname names the person
        ("Albright spoke.", "1997-06-10", [("USAGOV", "Madeleine Albright")]),
        # no role at the date: left open, with the reason
        ("Dutton spoke.", "1997-06-10", [(None, None)]),
    ],
)
def test_actors_bare_surname_needs_a_role_at_the_date(
    text: str, date: str, expected: list[tuple[str | None, str | None]]
) -> None:
    assert [(f["code"], f["person"]) for f in resolve_text(text, date=date)] == expected


def test_actors_bare_surname_reason_names_the_date() -> None:
    found = resolve_text("Dutton spoke.", date="1997-06-10")
    assert found[0]["how"] == "bare surname 'Dutton': Peter Dutton held no role on 1997-06-10"


def test_counterpart_found_through_the_owners_other_post(pipeline: Pipeline) -> None:
    # A deputy prime minister has no US counterpart as such; as foreign minister he does.
    text = (
        "Deputy Prime Minister Ishaq Dar spoke to reporters. "
        "Dar later discussed trade with his US counterpart."
    )
    extraction = pipeline.extract(Document.from_text(text, doc_id="c", published="2025-03-10"))
    counterpart = next(m for m in extraction.mentions if m.kind == "counterpart")
    assert (counterpart.actor.code, counterpart.actor.person, counterpart.actor.office) == (
        "USAGOV",
        "Marco Rubio",
        "foreign_minister",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Militants attacked a police post in Quetta.",
            [("Militants", None, "PAKREB"), ("police", None, "PAKCOP")],
        ),
        (
            "Protesters in Dhaka denounced India.",
            [("Protesters", None, "BGDOPP"), ("India", None, "IND")],
        ),
        (
            "Rebels from Syria attacked Turkish troops in Iraq.",
            [
                ("Rebels", None, "SYRREB"),
                ("Syria", None, "SYR"),
                ("Turkish troops", None, "TURMIL"),
                ("Iraq", None, "IRQ"),
            ],
        ),
        ("Unknown gunmen and militants fired shots.", []),
    ],
)
def test_located_sector_word_takes_the_country_of_its_place(
    pipeline: Pipeline, text: str, expected: list[tuple[str, str | None, str]]
) -> None:
    assert [a for a in _actors(pipeline, text, "2024-08-28") if a[0] != "Dhaka"] == expected


def test_sector_adjective_names_the_doer_of_an_attack_only(pipeline: Pipeline) -> None:
    text = (
        "The United States condemned the terrorist attacks in Balochistan. "
        "Pakistan bought military equipment in Texas."
    )
    extraction = pipeline.extract(Document.from_text(text, doc_id="t", published="2024-08-28"))
    assert [(m.text, m.actor.code) for m in extraction.mentions] == [
        ("United States", "USA"),
        ("terrorist", "PAKREB"),
        ("Pakistan", "PAK"),
    ]
    assert [
        (e.source.code, e.cameo, e.target.code if e.target else None) for e in extraction.events
    ] == [("USA", "111", "PAKREB")]


def test_both_leaders_of_both_countries_make_one_event(pipeline: Pipeline) -> None:
    text = (
        "Prime Minister Shehbaz Sharif met Secretary of State Marco Rubio. "
        "Both leaders agreed to work together to advance the interests of both countries."
    )
    extraction = pipeline.extract(Document.from_text(text, doc_id="b", published="2025-05-01"))
    second = [e for e in extraction.events if e.sentence.startswith("Both leaders")]
    assert [(e.source.person, e.cameo, e.target.code if e.target else None) for e in second] == [
        ("Shehbaz Sharif", "030", "USAGOV")
    ]


def test_coreference_feminine_pronoun_skips_known_men(pipeline: Pipeline) -> None:
    text = (
        "Secretary of State Antony Blinken met Ishaq Dar. "
        "Officials discussed the case of Mariam Tahir. Pakistan sought her release."
    )
    pronouns = [a for a in _actors(pipeline, text, "2024-06-01") if a[0] == "her"]
    assert pronouns == []


def test_coreference_headline_both_sides_points_forward(pipeline: Pipeline) -> None:
    text = (
        "Both sides agree to expand trade ties\n"
        "Pakistan and the United States agreed on Monday to expand trade."
    )
    assert _actors(pipeline, text, "2024-03-04")[0] == ("Both sides", None, "PAK")
    extraction = pipeline.extract(Document.from_text(text, doc_id="h", published="2024-03-04"))
    assert [
        (e.sentence_index, e.source.code, e.target.code if e.target else None)
        for e in extraction.events
    ] == [(1, "PAK", "USA")]  # the headline restates the lede: one event


def test_coreference_pronouns_follow_gender(pipeline: Pipeline) -> None:
    text = (
        "Secretary of State Hillary Clinton arrived in Islamabad. Ishaq Dar met reporters. "
        "She said Pakistan mattered. He thanked China."
    )
    # "He thanked China" holds an event, so the pre-filter parses it ("He agreed" alone
    # cannot, and a sentence left unparsed gives its pronouns no mention)
    pronouns = [a for a in _actors(pipeline, text, "2011-10-20") if a[0] in ("She", "He")]
    assert pronouns == [("She", "Hillary Clinton", "USAGOV"), ("He", "Ishaq Dar", "PAKGOV")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a subject pronoun opening its sentence continues the subject before
        (
            "Shehbaz Sharif met Antony Blinken in Washington. He thanked the United States.",
            [("He", "Shehbaz Sharif", "PAKGOV")],
        ),
        (
            "Antony Blinken met Shehbaz Sharif on Monday. He praised Pakistan.",
            [("He", "Antony Blinken", "USAGOV")],
        ),
        # the speaker of a quote is the subject of its speech verb
        (
            '"We will respond," said Hossein Amirabdollahian after meeting Ishaq Dar. '
            "He also condemned Israel.",
            [("He", "Hossein Amir-Abdollahian", "IRNGOV")],
        ),
        # an object pronoun is not the subject of its own clause
        (
            "Jaishankar said Wang Yi had assured him of support.",
            [("him", "S. Jaishankar", "INDGOV")],
        ),
    ],
)
def test_coreference_pronoun_prefers_the_subject(
    pipeline: Pipeline, text: str, expected: list[tuple[str, str, str]]
) -> None:
    pronouns = [a for a in _actors(pipeline, text, "2023-04-10") if a[0] in ("He", "him")]
    assert pronouns == expected


def test_coreference_headline_official_named_in_the_lede(pipeline: Pipeline) -> None:
    text = (
        "- US official vows to keep working with Pakistan\n"
        "- Talks cover trade\n"
        "Acting Under Secretary of State John Bass said on Tuesday that Washington valued ties "
        "with Islamabad and would keep working with Pakistan on trade and security.\n"
        "Pakistan thanked officials of the United States."
    )
    actors = _actors(pipeline, text, "2024-09-10")
    assert actors[0] == ("US official", "John Bass", "USAGOV")
    assert ("officials of the United States", None, "USAGOV") in actors
