"""Validate the world leaders file: schema, ids, offices, overlaps and key tenures."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from bilat.knowledge.schema import Person, Role
from bilat.lookup import resolve_text
from conftest import floor, tenure_clashes

KNOWLEDGE = Path(__file__).resolve().parents[1] / "src" / "bilat" / "knowledge"
PEOPLE_FILE = KNOWLEDGE / "people_world.yaml"
OFFICES_FILE = KNOWLEDGE / "offices.yaml"

# Offices that one person holds at a time in a given country.
SINGLE_HOLDER = {
    "head_of_state",
    "head_of_government",
    "vice_president",
    "foreign_minister",
    "secretary_of_state",
    "uk_foreign_secretary",
    "defence_minister",
    "secretary_of_defense",
    "army_chief",
}
TODAY = dt.date(2026, 11, 23)
# Countries and bodies this file covers; EU and UNO are the two non-state codes it uses.
COUNTRIES = {
    "GBR", "FRA", "DEU", "ITA", "CAN", "JPN", "KOR", "RUS", "AUS", "BRA", "MEX", "ARG",
    "ZAF", "IDN", "TUR", "SAU", "ARE", "QAT", "EU", "UNO", "SUN",
    # national posts of EU officials filed here (Tusk, Charles Michel)
    "POL", "BEL",
}  # fmt: skip


def _load_people() -> list[Person]:
    data = yaml.safe_load(PEOPLE_FILE.read_text(encoding="utf-8"))
    return [Person.model_validate(entry) for entry in data["people"]]


def _load_office_ids() -> set[str]:
    data = yaml.safe_load(OFFICES_FILE.read_text(encoding="utf-8"))
    return {entry["id"] for entry in data["offices"]}


PEOPLE = _load_people()
BY_ID = {person.id: person for person in PEOPLE}


def _holder(office: str, country: str, on: dt.date) -> list[str]:
    """Return ids of people holding an office on a date, acting holders excluded."""
    found = []
    for person in PEOPLE:
        for role in person.roles:
            if role.office != office or role.country != country:
                continue
            if "acting" in (role.title or "").lower():
                continue
            if role.start <= on and (role.end is None or on < role.end):
                found.append(person.id)
    return found


def _may_overlap(role: Role) -> bool:
    note = (role.note or "").lower()
    return "acting" in note or "overlap" in note


def test_people_world_every_entry_validates() -> None:
    raw = yaml.safe_load(PEOPLE_FILE.read_text(encoding="utf-8"))
    assert list(raw) == ["people"]
    assert len(PEOPLE) == len(raw["people"])


def test_people_world_ids_are_unique() -> None:
    ids = [person.id for person in PEOPLE]
    assert len(ids) == len(set(ids))


def test_people_world_offices_exist() -> None:
    offices = _load_office_ids()
    unknown = {role.office for person in PEOPLE for role in person.roles} - offices
    assert unknown == set()


def test_people_world_countries_are_known_codes() -> None:
    used = {role.country for person in PEOPLE for role in person.roles}
    used |= {person.country for person in PEOPLE}
    assert used <= COUNTRIES


def test_people_world_dates_are_not_in_the_future() -> None:
    late = [
        (person.id, role.office)
        for person in PEOPLE
        for role in person.roles
        if role.start > TODAY or (role.end is not None and role.end > TODAY)
    ]
    assert late == []


def test_people_world_has_volume() -> None:
    roles = sum(len(person.roles) for person in PEOPLE)
    assert roles >= floor("people_world", "roles")
    assert all(person.roles for person in PEOPLE)


def test_people_world_single_holder_offices_do_not_overlap() -> None:
    assert tenure_clashes(PEOPLE, SINGLE_HOLDER, excused=_may_overlap, until=TODAY) == []


def test_people_world_bare_surnames_are_unambiguous() -> None:
    # A one-word alias must point at one person only, and be no other person's name part.
    owners: dict[str, set[str]] = defaultdict(set)
    for person in PEOPLE:
        for alias in person.aliases:
            if re.fullmatch(r"[^\s]+", alias):
                owners[alias.lower()].add(person.id)
    shared = {alias: ids for alias, ids in owners.items() if len(ids) > 1}
    assert shared == {}


# Surnames that are common words or shared by many public figures; never bare aliases.
AMBIGUOUS_SURNAMES = {
    "abbott", "blair", "borne", "brown", "bush", "cameron", "cannon", "champagne", "clark",
    "cleverly", "clinton", "cook", "cooper", "downer", "fox", "graham", "hague", "hammond",
    "howard", "hunt", "johnson", "khan", "kim", "lee", "li", "major", "martin", "may",
    "monti", "moon", "park", "singh", "smith", "straw", "struck", "truss", "tusk", "wang",
    "wong",
}  # fmt: skip


def test_people_world_no_ambiguous_bare_surname() -> None:
    bare = {alias.lower() for person in PEOPLE for alias in person.aliases if " " not in alias}
    assert bare & AMBIGUOUS_SURNAMES == set()


def test_people_world_aliases_are_not_duplicated_within_a_person() -> None:
    repeated = [p.id for p in PEOPLE if len(set(p.aliases)) != len(p.aliases)]
    assert repeated == []


@pytest.mark.parametrize(
    ("office", "country", "on", "expected"),
    [
        ("head_of_government", "GBR", dt.date(2024, 7, 5), ["keir-starmer"]),
        ("head_of_government", "GBR", dt.date(2024, 7, 4), ["rishi-sunak"]),
        ("uk_foreign_secretary", "GBR", dt.date(2025, 1, 1), ["david-lammy"]),
        ("uk_foreign_secretary", "GBR", dt.date(2025, 9, 6), ["yvette-cooper"]),
        ("uk_foreign_secretary", "GBR", dt.date(2024, 1, 1), ["david-cameron"]),
        ("defence_minister", "GBR", dt.date(2025, 1, 1), ["john-healey"]),
        ("head_of_government", "DEU", dt.date(2025, 5, 6), ["friedrich-merz"]),
        ("head_of_government", "DEU", dt.date(2025, 5, 5), ["olaf-scholz"]),
        ("foreign_minister", "DEU", dt.date(2025, 6, 1), ["johann-wadephul"]),
        ("head_of_government", "FRA", dt.date(2024, 3, 1), ["gabriel-attal"]),
        ("head_of_government", "FRA", dt.date(2024, 10, 1), ["michel-barnier"]),
        ("head_of_government", "FRA", dt.date(2025, 3, 1), ["francois-bayrou"]),
        ("head_of_government", "FRA", dt.date(2025, 11, 1), ["sebastien-lecornu"]),
        ("foreign_minister", "FRA", dt.date(2024, 5, 1), ["stephane-sejourne"]),
        ("foreign_minister", "FRA", dt.date(2025, 1, 1), ["jean-noel-barrot"]),
        ("head_of_government", "JPN", dt.date(2025, 1, 1), ["shigeru-ishiba"]),
        ("head_of_government", "JPN", dt.date(2025, 10, 21), ["sanae-takaichi"]),
        ("head_of_state", "KOR", dt.date(2025, 6, 4), ["lee-jae-myung"]),
        ("head_of_state", "KOR", dt.date(2024, 1, 1), ["yoon-suk-yeol"]),
        ("head_of_government", "CAN", dt.date(2025, 3, 14), ["mark-carney"]),
        ("foreign_minister", "CAN", dt.date(2025, 6, 1), ["anita-anand"]),
        ("foreign_minister", "RUS", dt.date(2004, 3, 9), ["sergey-lavrov"]),
        ("foreign_minister", "RUS", dt.date(2026, 1, 1), ["sergey-lavrov"]),
        ("defence_minister", "RUS", dt.date(2024, 6, 1), ["andrei-belousov"]),
        ("head_of_government", "SAU", dt.date(2022, 9, 27), ["mohammed-bin-salman"]),
        ("foreign_minister", "SAU", dt.date(2019, 10, 23), ["faisal-bin-farhan"]),
        ("foreign_minister", "TUR", dt.date(2023, 6, 4), ["hakan-fidan"]),
        ("head_of_state", "IDN", dt.date(2024, 10, 20), ["prabowo-subianto"]),
        ("head_of_state", "MEX", dt.date(2024, 10, 1), ["claudia-sheinbaum"]),
        ("head_of_state", "ARG", dt.date(2023, 12, 10), ["javier-milei"]),
        ("head_of_state", "USA", dt.date(2023, 12, 10), []),
        ("head_of_government", "EU", dt.date(2020, 1, 1), ["ursula-von-der-leyen"]),
        ("head_of_state", "UNO", dt.date(2010, 1, 1), ["ban-ki-moon"]),
    ],
)
def test_people_world_key_tenure(
    office: str, country: str, on: dt.date, expected: list[str]
) -> None:
    assert _holder(office, country, on) == expected


def test_people_world_lavrov_tenure_is_exact() -> None:
    assert BY_ID["sergey-lavrov"].roles == [
        Role(office="foreign_minister", country="RUS", start=dt.date(2004, 3, 9))
    ]


def test_people_world_lammy_foreign_secretary_role_is_exact() -> None:
    assert BY_ID["david-lammy"].roles[0] == Role(
        office="uk_foreign_secretary",
        country="GBR",
        start=dt.date(2024, 7, 5),
        end=dt.date(2025, 9, 5),
    )


def test_people_world_korean_acting_presidents_are_marked() -> None:
    acting = [
        (role.start, role.end)
        for role in BY_ID["han-duck-soo"].roles
        if role.office == "head_of_state"
    ]
    assert acting == [
        (dt.date(2024, 12, 14), dt.date(2024, 12, 27)),
        (dt.date(2025, 3, 24), dt.date(2025, 5, 1)),
    ]


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        ("Charles Michel", "2017-05-01", ("BELGOV", "head_of_government")),
        ("Charles Michel", "2021-05-01", ("IGOEU", "head_of_state")),
        ("Donald Tusk", "2012-05-01", ("POLGOV", "head_of_government")),
        ("Donald Tusk", "2016-05-01", ("IGOEU", "head_of_state")),
        ("Donald Tusk", "2024-05-01", ("POLGOV", "head_of_government")),
        ("Michelle Bachelet", "2016-05-01", ("CHLGOV", "head_of_state")),
        ("Michelle Bachelet", "2021-05-01", ("IGOUNO", "official")),
        ("Ismail Haniyeh", "2021-05-01", ("PSEREB", "rebel_leader")),
        ("Ahmed Aboul Gheit", "2009-05-01", ("EGYGOV", "foreign_minister")),
        ("Ahmed Aboul Gheit", "2021-05-01", ("IGOARL", "head_of_state")),
        ("the Arab League Secretary-General", "2021-05-01", ("IGOARL", "secretary_general")),
        ("Commission chief von der Leyen", "2020-12-24", ("IGOEU", "head_of_government")),
    ],
)
def test_people_world_holders_of_national_and_organisation_posts(
    text: str, date: str, expected: tuple[str, str]
) -> None:
    found = resolve_text(text, date=date)
    assert [(r["code"], r["office"]) for r in found][-1:] == [expected]
