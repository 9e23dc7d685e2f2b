"""Validate people_core.yaml: schema, ids, offices, tenure overlaps, aliases and key tenures."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from bilat.knowledge.schema import Person, Role
from conftest import floor, tenure_clashes

KNOWLEDGE = Path(__file__).resolve().parents[1] / "src" / "bilat" / "knowledge"
PEOPLE_FILE = KNOWLEDGE / "people_core.yaml"

# Offices one person holds at a time in a country; two holders on overlapping dates is an error
# unless one of the roles says why ("acting", "overlap").
SINGLE_HOLDER = frozenset(
    {
        "head_of_state",
        "head_of_government",
        "vice_president",
        "foreign_minister",
        "secretary_of_state",
        "defence_minister",
        "secretary_of_defense",
        "interior_minister",
        "finance_minister",
        "national_security_adviser",
        "army_chief",
    }
)
FAR_FUTURE = dt.date(9999, 12, 31)


@cache
def _people() -> tuple[Person, ...]:
    data: dict[str, Any] = yaml.safe_load(PEOPLE_FILE.read_text(encoding="utf-8"))
    return tuple(Person.model_validate(entry) for entry in data["people"])


@cache
def _by_id() -> dict[str, Person]:
    return {person.id: person for person in _people()}


def _codes(file_name: str, section: str, key: str) -> set[str]:
    data: dict[str, Any] = yaml.safe_load((KNOWLEDGE / file_name).read_text(encoding="utf-8"))
    return {str(entry[key]) for entry in data[section]}


def _excused(role: Role) -> bool:
    text = f"{role.title or ''} {role.note or ''}".lower()
    return "acting" in text or "overlap" in text


def _holder(office: str, country: str, day: dt.date) -> list[str]:
    return sorted(
        person.id
        for person in _people()
        for role in person.roles
        if role.office == office
        and role.country == country
        and role.start <= day
        and (role.end is None or day < role.end)
        and not _excused(role)
    )


def test_people_core_every_entry_validates() -> None:
    data: dict[str, Any] = yaml.safe_load(PEOPLE_FILE.read_text(encoding="utf-8"))
    assert list(data) == ["people"]
    for entry in data["people"]:
        Person.model_validate(entry)


def test_people_core_volume_meets_floor() -> None:
    assert len(_people()) >= floor("people_core", "people")
    assert sum(len(person.roles) for person in _people()) >= floor("people_core", "roles")


def test_people_core_ids_are_unique() -> None:
    ids = [person.id for person in _people()]
    assert len(ids) == len(set(ids))


def test_people_core_offices_exist_in_offices_yaml() -> None:
    offices = _codes("offices.yaml", "offices", "id")
    unknown = {role.office for person in _people() for role in person.roles} - offices
    assert unknown == set()


def test_people_core_countries_are_known_iso3() -> None:
    countries = _codes("countries.yaml", "countries", "code")
    used = {person.country for person in _people()}
    used |= {role.country for person in _people() for role in person.roles}
    assert used - countries == set()


def test_people_core_every_person_has_a_role() -> None:
    assert [person.id for person in _people() if not person.roles] == []


def test_people_core_no_role_starts_after_today() -> None:
    today = dt.date(2026, 11, 23)
    late = [p.id for p in _people() for role in p.roles if role.start > today]
    assert late == []


def test_people_core_ambassadors_name_the_receiving_state() -> None:
    missing = [
        person.id
        for person in _people()
        for role in person.roles
        if role.office == "ambassador" and not (role.note or "").startswith("to ")
    ]
    assert missing == []


def test_people_core_single_holder_offices_do_not_overlap() -> None:
    clashes = tenure_clashes(_people(), SINGLE_HOLDER, excused=_excused, until=FAR_FUTURE)
    assert clashes == []


def test_people_core_aliases_are_unambiguous() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for person in _people():
        for text in [person.name, *person.aliases]:
            owners[text.casefold()].add(person.id)
    shared = {text: ids for text, ids in owners.items() if len(ids) > 1}
    assert shared == {}


def test_people_core_aliases_do_not_repeat_the_name() -> None:
    repeats = [
        p.id for p in _people() if p.name in p.aliases or len(p.aliases) != len(set(p.aliases))
    ]
    assert repeats == []


@pytest.mark.parametrize(
    ("office", "country", "day", "expected"),
    [
        ("secretary_of_state", "USA", dt.date(2021, 1, 26), ["antony-blinken"]),
        ("secretary_of_state", "USA", dt.date(2025, 1, 19), ["antony-blinken"]),
        ("secretary_of_state", "USA", dt.date(2025, 1, 21), ["marco-rubio"]),
        ("secretary_of_state", "USA", dt.date(2010, 6, 1), ["hillary-clinton"]),
        ("head_of_government", "PAK", dt.date(2020, 1, 1), ["imran-khan"]),
        ("head_of_government", "PAK", dt.date(2022, 4, 11), ["shehbaz-sharif"]),
        ("head_of_government", "PAK", dt.date(2023, 10, 1), ["anwaar-ul-haq-kakar"]),
        ("head_of_government", "PAK", dt.date(2024, 3, 4), ["shehbaz-sharif"]),
        ("foreign_minister", "PAK", dt.date(2022, 6, 1), ["bilawal-bhutto-zardari"]),
        ("foreign_minister", "PAK", dt.date(2024, 3, 11), ["ishaq-dar"]),
        ("army_chief", "PAK", dt.date(2016, 11, 29), ["qamar-javed-bajwa"]),
        ("army_chief", "PAK", dt.date(2022, 11, 29), ["asim-munir"]),
        ("army_chief", "PAK", dt.date(2010, 1, 1), ["ashfaq-parvez-kayani"]),
        ("army_chief", "PAK", dt.date(2015, 1, 1), ["raheel-sharif"]),
        ("army_chief", "PAK", dt.date(2000, 1, 1), ["pervez-musharraf"]),
        ("head_of_state", "PAK", dt.date(2005, 1, 1), ["pervez-musharraf"]),
        ("head_of_state", "PAK", dt.date(2020, 1, 1), ["arif-alvi"]),
        ("head_of_state", "PAK", dt.date(2024, 3, 10), ["asif-ali-zardari"]),
        ("head_of_state", "PAK", dt.date(2010, 1, 1), ["asif-ali-zardari"]),
        ("foreign_minister", "CHN", dt.date(2023, 3, 1), ["qin-gang"]),
        ("foreign_minister", "CHN", dt.date(2023, 7, 25), ["wang-yi"]),
        ("foreign_minister", "CHN", dt.date(2020, 1, 1), ["wang-yi"]),
        ("foreign_minister", "IND", dt.date(2019, 5, 30), ["s-jaishankar"]),
        ("national_security_adviser", "IND", dt.date(2024, 1, 1), ["ajit-doval"]),
        ("head_of_government", "BGD", dt.date(2025, 1, 1), ["muhammad-yunus"]),
        ("head_of_government", "BGD", dt.date(2026, 3, 1), ["tarique-rahman"]),
        ("secretary_of_defense", "USA", dt.date(2025, 6, 1), ["pete-hegseth"]),
        ("head_of_state", "USA", dt.date(2025, 1, 20), ["donald-trump"]),
    ],
)
def test_people_core_holder_on_date(
    office: str, country: str, day: dt.date, expected: list[str]
) -> None:
    assert _holder(office, country, day) == expected


def test_people_core_muttaqi_is_acting_afghan_foreign_minister() -> None:
    role = _by_id()["amir-khan-muttaqi"].roles[0]
    assert (role.office, role.country, role.start, role.end, role.title) == (
        "foreign_minister",
        "AFG",
        dt.date(2021, 9, 7),
        None,
        "acting Foreign Minister",
    )


def test_people_core_munir_is_coas_and_chief_of_defence_forces() -> None:
    roles = [(r.office, r.start, r.end, r.title) for r in _by_id()["asim-munir"].roles]
    assert roles == [
        ("intelligence_chief", dt.date(2018, 10, 25), dt.date(2019, 6, 16), "DG ISI"),
        ("army_chief", dt.date(2022, 11, 29), None, "Chief of Army Staff"),
        ("army_chief", dt.date(2025, 12, 4), None, "Chief of Defence Forces"),
    ]


def test_people_core_dar_roles_are_exact() -> None:
    dar = _by_id()["ishaq-dar"]
    assert "Dar" in dar.aliases
    current = [(r.office, r.start) for r in dar.roles if r.end is None]
    assert current == [
        ("foreign_minister", dt.date(2024, 3, 11)),
        ("deputy_head_of_government", dt.date(2024, 4, 28)),
    ]


def test_people_core_iranian_supreme_leaders_hand_over_in_2026() -> None:
    ali = _by_id()["ali-khamenei"].roles[0]
    mojtaba = _by_id()["mojtaba-khamenei"].roles[0]
    assert (ali.start, ali.end, mojtaba.start, mojtaba.end) == (
        dt.date(1989, 6, 4),
        dt.date(2026, 2, 28),
        dt.date(2026, 3, 8),
        None,
    )
