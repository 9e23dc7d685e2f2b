"""Actor resolution: armed groups coded to their home country's rebels, organisations' organs."""

from __future__ import annotations

import pytest

from bilat.lookup import resolve_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("al-Qaeda claimed the attack.", ("al-Qaeda", "IMGALQ")),
        ("al-Shabaab claimed the attack.", ("al-Shabaab", "SOMREB")),
        ("The Qassam Brigades claimed the attack.", ("Qassam Brigades", "PSEREB")),
        ("Kataib Hezbollah claimed the attack.", ("Kataib Hezbollah", "IRQREB")),
        ("Jaish al-Adl claimed the attack.", ("Jaish al-Adl", "IRNREB")),
        ("The TPLF claimed the attack.", ("TPLF", "ETHREB")),
        ("The LTTE claimed the attack.", ("LTTE", "LKAREB")),
        ("ULFA claimed the attack.", ("ULFA", "INDREB")),
        ("The Allied Democratic Forces claimed it.", ("Allied Democratic Forces", "UGAREB")),
        ("PJAK claimed the attack.", ("PJAK", "IRNREB")),
        (
            "The AU Peace and Security Council met.",
            ("AU Peace and Security Council", "IGOAFU"),
        ),
        ("The Security Council met.", ("Security Council", "IGOUNO")),
        ("The FARC claimed the attack.", ("FARC", "COLREB")),
        # a curly apostrophe matches a name filed with a straight one
        ("The Kurdistan Workers’ Party claimed it.", ("Kurdistan Workers’ Party", "TURREB")),
        ("The FDLR claimed the attack.", ("FDLR", "RWAREB")),
        ("The Free Syrian Army claimed it.", ("Free Syrian Army", "SYRREB")),
        ("The TNLA claimed the attack.", ("TNLA", "MMRREB")),
        ("The Oromo Liberation Army claimed it.", ("Oromo Liberation Army", "ETHREB")),
        ("The PFLP claimed the attack.", ("PFLP", "PSEREB")),
        ("Mali's junta claimed the attack.", ("Mali's junta", "MLIMIL")),
    ],
)
def test_actors_armed_groups_and_organs(text: str, expected: tuple[str, str]) -> None:
    found = resolve_text(text, date="2022-06-01")
    assert [(r["text"], r["code"]) for r in found] == [expected]


@pytest.mark.parametrize(
    ("date", "expected"),
    [("1998-05-01", "AGOREB"), ("2022-09-01", "AGOOPP")],
)
def test_actors_unita_is_rebel_before_the_ceasefire_and_a_party_after(
    date: str, expected: str
) -> None:
    found = resolve_text("UNITA rejected the results.", date=date)
    assert [(r["text"], r["code"]) for r in found] == [("UNITA", expected)]


def test_actors_lower_case_arabic_article_only_before_a_capital() -> None:
    # "al-qaeda" in lower case throughout is not a name as written
    assert resolve_text("an al-qaeda style attack", date="2022-06-01") == []


def test_actors_organisation_foreign_policy_chief_is_its_high_representative() -> None:
    found = resolve_text("The EU foreign policy chief spoke.", date="2022-06-01")
    assert [(r["code"], r["person"], r["office"]) for r in found] == [
        ("IGOEU", "Josep Borrell", "foreign_minister")
    ]


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        # the prime minister at the date
        ("Sharif met Modi in Lahore.", "2015-12-25", ("Sharif", "Nawaz Sharif", "PAKGOV")),
        ("Sharif met Xi in Beijing.", "2023-05-01", ("Sharif", "Shehbaz Sharif", "PAKGOV")),
        # a title beside it names the bearer holding that office
        (
            "Army chief Sharif met Kerry.",
            "2015-12-25",
            ("Army chief Sharif", "Raheel Sharif", "PAKMIL"),
        ),
        # a caretaker government: no Sharif in office
        ("Sharif met Xi in Beijing.", "2023-10-01", ("Sharif", None, None)),
        # no date: no one
        ("Sharif met Xi in Beijing.", None, ("Sharif", None, None)),
    ],
)
def test_actors_shared_surname_names_the_bearer_in_office(
    text: str, date: str | None, expected: tuple[str, str | None, str | None]
) -> None:
    found = resolve_text(text, date=date)
    assert (found[0]["text"], found[0]["person"], found[0]["code"]) == expected


def test_actors_shared_surname_names_the_bearer_written_in_full_before() -> None:
    text = "Former prime minister Nawaz Sharif returned home. Sharif met supporters."
    found = resolve_text(text, date="2023-10-21")
    assert [(r["text"], r["person"]) for r in found] == [
        ("prime minister Nawaz Sharif", "Nawaz Sharif"),
        ("Sharif", "Nawaz Sharif"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The UN chief spoke.", [("UN chief", "IGOUNO", "António Guterres")]),
        ("The IAEA head spoke.", [("IAEA head", "IGOIAEA", "Rafael Grossi")]),
        # a national organisation's chief is not looked up
        ("The BBC chief spoke.", [("BBC", "GBRMED", None)]),
        # "head" modifying another noun names no one
        ("The UN head office spoke.", [("UN", "IGOUNO", None)]),
    ],
)
def test_actors_organisation_chief_word_names_its_head_at_the_date(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    found = resolve_text(text, date="2021-06-01")
    assert [(r["text"], r["code"], r["person"]) for r in found] == expected
