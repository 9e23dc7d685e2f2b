"""Validate people_recent.yaml and resolve its people by title and by name at dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from bilat.knowledge.schema import Person, Role
from bilat.lookup import resolve_text
from conftest import tenure_clashes

KNOWLEDGE = Path(__file__).resolve().parents[1] / "src" / "bilat" / "knowledge"
PEOPLE_FILE = KNOWLEDGE / "people_recent.yaml"
OTHER_FILES = sorted(set(KNOWLEDGE.glob("people*.yaml")) - {PEOPLE_FILE})
TODAY = dt.date(2026, 12, 7)
SINGLE_HOLDER = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister"}


def _load(path: Path) -> list[Person]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Person.model_validate(entry) for entry in data["people"]]


PEOPLE = _load(PEOPLE_FILE)


def _may_overlap(role: Role) -> bool:
    text = f"{role.title or ''} {role.note or ''}".lower()
    return "acting" in text or "overlap" in text


def test_people_recent_ids_are_new_and_unique() -> None:
    ids = [person.id for person in PEOPLE]
    elsewhere = {person.id for path in OTHER_FILES for person in _load(path)}
    assert len(ids) == len(set(ids))
    assert set(ids) & elsewhere == set()


def test_people_recent_names_are_not_people_of_other_files() -> None:
    def names(people: list[Person]) -> set[str]:
        return {n.casefold() for p in people for n in [p.name, *p.aliases] if " " in n}

    elsewhere = {name for path in OTHER_FILES for name in names(_load(path))}
    assert names(PEOPLE) & elsewhere == set()


def test_people_recent_every_person_has_a_dated_role() -> None:
    late = [
        person.id
        for person in PEOPLE
        for role in person.roles
        if role.start > TODAY or (role.end is not None and role.end > TODAY)
    ]
    assert all(person.roles for person in PEOPLE)
    assert late == []


def test_people_recent_single_holder_offices_do_not_overlap() -> None:
    assert tenure_clashes(PEOPLE, SINGLE_HOLDER, excused=_may_overlap, until=TODAY) == []


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        ("the Ukrainian foreign minister", "2021-06-01", ("UKRGOV", "Dmytro Kuleba")),
        ("Anatoly Antonov", "2021-06-16", ("RUSGOV", "Anatoly Antonov")),
        ("Pranay Verma", "2024-12-03", ("INDGOV", "Pranay Verma")),
        ("the Ukrainian foreign minister", "2025-01-10", ("UKRGOV", "Andrii Sybiha")),
        ("Zelensky", "2023-03-01", ("UKRGOV", "Volodymyr Zelensky")),
        ("the Ukrainian president", "2018-03-01", ("UKRGOV", "Petro Poroshenko")),
        ("the Ukrainian defence minister", "2022-06-01", ("UKRGOV", "Oleksii Reznikov")),
        ("the Polish president", "2020-05-01", ("POLGOV", "Andrzej Duda")),
        ("the Hungarian foreign minister", "2023-02-01", ("HUNGOV", "Péter Szijjártó")),
        ("the Armenian prime minister", "2022-09-14", ("ARMGOV", "Nikol Pashinyan")),
        ("the Azerbaijani foreign minister", "2021-01-01", ("AZEGOV", "Jeyhun Bayramov")),
        ("Lukashenko", "2021-06-01", ("BLRGOV", "Alexander Lukashenko")),
        ("Tsikhanouskaya", "2021-06-01", ("BLROPP", "Sviatlana Tsikhanouskaya")),
        ("the Israeli president", "2022-05-01", ("ISRGOV", "Isaac Herzog")),
        ("the Israeli defence minister", "2021-01-01", ("ISRGOV", "Benny Gantz")),
        ("the Israeli prime minister", "2021-10-01", ("ISRGOV", "Naftali Bennett")),
        ("the Egyptian foreign minister", "2020-01-01", ("EGYGOV", "Sameh Shoukry")),
        ("Sisi", "2019-01-01", ("EGYGOV", "Abdel Fattah el-Sisi")),
        ("the Jordanian foreign minister", "2023-01-01", ("JORGOV", "Ayman Safadi")),
        ("Nasrallah", "2020-01-01", ("LBNREB", "Hassan Nasrallah")),
        ("the Syrian foreign minister", "2025-03-01", ("SYRGOV", "Asaad al-Shaibani")),
        ("the Iraqi prime minister", "2021-01-01", ("IRQGOV", "Mustafa al-Kadhimi")),
        ("Abiy Ahmed", "2021-01-01", ("ETHGOV", "Abiy Ahmed")),
        ("Hemedti", "2024-01-01", ("SDNREB", "Mohamed Hamdan Dagalo")),
        ("Hemedti", "2020-01-01", ("SDNGOV", "Mohamed Hamdan Dagalo")),
        ("General Burhan", "2024-01-01", ("SDNGOV", "Abdel Fattah al-Burhan")),
        ("the Somali president", "2020-01-01", ("SOMGOV", "Mohamed Abdullahi Mohamed")),
        ("the Nigerian president", "2024-01-01", ("NGAGOV", "Bola Tinubu")),
        ("the Moroccan foreign minister", "2022-01-01", ("MARGOV", "Nasser Bourita")),
        ("Kim Jong Un", "2019-02-27", ("PRKGOV", "Kim Jong Un")),
        ("the Taiwanese president", "2020-01-01", ("TWNGOV", "Tsai Ing-wen")),
        ("the Taiwanese president", "2024-06-01", ("TWNGOV", "Lai Ching-te")),
        ("the Thai prime minister", "2024-10-01", ("THAGOV", "Paetongtarn Shinawatra")),
        ("the Sri Lankan president", "2023-01-01", ("LKAGOV", "Ranil Wickremesinghe")),
        ("the Sri Lankan foreign minister", "2023-01-01", ("LKAGOV", "Ali Sabry")),
        ("Muizzu", "2024-01-10", ("MDVGOV", "Mohamed Muizzu")),
        ("the Nepali prime minister", "2023-06-01", ("NPLGOV", "Pushpa Kamal Dahal")),
        ("the Malaysian prime minister", "2023-06-01", ("MYSGOV", "Anwar Ibrahim")),
        ("Tokayev", "2022-01-05", ("KAZGOV", "Kassym-Jomart Tokayev")),
        ("Maduro", "2020-01-01", ("VENGOV", "Nicolás Maduro")),
        ("Juan Guaido", "2019-03-01", ("VENOPP", "Juan Guaidó")),
        ("the Venezuelan foreign minister", "2019-01-01", ("VENGOV", "Jorge Arreaza")),
        ("the Cuban president", "2021-01-01", ("CUBGOV", "Miguel Díaz-Canel")),
        ("Georgieva", "2022-01-01", ("IGOIMF", "Kristalina Georgieva")),
        ("Tedros", "2020-03-11", ("IGOWHO", "Tedros Adhanom Ghebreyesus")),
        ("Michel Barnier", "2019-01-01", ("IGOEU", "Michel Barnier")),
        ("Stoltenberg", "2022-03-01", ("IGONATO", "Jens Stoltenberg")),
        ("the Dutch prime minister", "2025-01-01", ("NLDGOV", "Dick Schoof")),
        ("the Spanish foreign minister", "2023-01-01", ("ESPGOV", "José Manuel Albares")),
        ("the Finnish president", "2023-01-01", ("FINGOV", "Sauli Niinistö")),
        ("the Greek prime minister", "2021-01-01", ("GRCGOV", "Kyriakos Mitsotakis")),
        ("the Kuwaiti Emir", "2022-01-01", ("KWTGOV", "Nawaf Al-Ahmad Al-Jaber Al-Sabah")),
    ],
)
def test_people_recent_resolve_at_date(
    text: str, date: str, expected: tuple[str, str | None]
) -> None:
    found = resolve_text(text, date=date)
    assert (found[0]["code"], found[0]["person"]) == expected
