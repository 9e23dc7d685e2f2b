"""Check bilat's bundled knowledge data: countries, sectors, organisations and the CAMEO table."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

from bilat.knowledge import schema
from bilat.knowledge.schema import CameoCode, Country, Organisation, Sector

KNOWLEDGE = Path(schema.__file__).resolve().parent
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CAMEO_REFERENCE = SHARED / "reference" / "cameo"

# Countries whose English adjective is the name itself or would be shared with another state.
NO_ADJECTIVE = {"COG", "DMA", "HKG", "LIE", "NZL"}


def _section(file: str, section: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((KNOWLEDGE / file).read_text(encoding="utf-8"))
    entries = data[section]
    assert isinstance(entries, list)
    return entries


@pytest.fixture(scope="module")
def countries() -> list[Country]:
    return [Country.model_validate(e) for e in _section("countries.yaml", "countries")]


@pytest.fixture(scope="module")
def sectors() -> list[Sector]:
    return [Sector.model_validate(e) for e in _section("sectors.yaml", "sectors")]


@pytest.fixture(scope="module")
def organisations() -> list[Organisation]:
    entries = _section("organisations.yaml", "organisations")
    return [Organisation.model_validate(e) for e in entries]


@pytest.fixture(scope="module")
def cameo() -> dict[str, CameoCode]:
    with (KNOWLEDGE / "cameo.tsv").open(encoding="utf-8", newline="") as handle:
        rows = [CameoCode.model_validate(r) for r in csv.DictReader(handle, delimiter="\t")]
    table = {row.code: row for row in rows}
    assert len(table) == len(rows), "duplicate codes in cameo.tsv"
    return table


def _country_forms(country: Country) -> set[str]:
    texts = [country.name, *country.names, *country.adjectives, *country.demonyms]
    return {t.casefold() for t in [*texts, *(m.text for m in country.metonyms)]}


def _reference(name: str) -> dict[str, str]:
    if not CAMEO_REFERENCE.is_dir():
        pytest.skip("../shared not present")
    lines = (CAMEO_REFERENCE / name).read_text(encoding="latin-1").splitlines()[1:]
    return {a.strip(): b.strip() for a, b in (line.split("\t") for line in lines if line)}


def test_countries_cover_every_state(countries: list[Country]) -> None:
    codes = {c.code for c in countries}
    assert len(countries) >= 193
    assert {"PAK", "USA", "CHN", "IND", "AFG", "TWN", "PSE", "XKX", "VAT", "SSD"} <= codes


def test_countries_codes_are_unique(countries: list[Country]) -> None:
    assert Counter(c.code for c in countries).most_common(1)[0][1] == 1
    assert Counter(c.iso2 for c in countries).most_common(1)[0][1] == 1


def test_countries_surface_forms_belong_to_one_country(countries: list[Country]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for country in countries:
        for form in _country_forms(country):
            owners[form].add(country.code)
    assert {form: codes for form, codes in owners.items() if len(codes) > 1} == {}


def test_countries_have_adjectives_except_documented(countries: list[Country]) -> None:
    assert {c.code for c in countries if not c.adjectives} == NO_ADJECTIVE
    assert all(c.name for c in countries)


def test_countries_pakistan_entry(countries: list[Country]) -> None:
    pakistan = next(c for c in countries if c.code == "PAK")
    assert (pakistan.iso2, pakistan.name, pakistan.capital) == ("PK", "Pakistan", "Islamabad")
    assert pakistan.adjectives[0] == "Pakistani"
    assert pakistan.demonyms == ["Pakistanis"]
    assert pakistan.metonyms[:2] == [
        schema.Metonym(text="Islamabad", sector="GOV", place=True),
        schema.Metonym(text="Rawalpindi", sector="MIL", place=True),
    ]


def test_countries_usa_names(countries: list[Country]) -> None:
    usa = next(c for c in countries if c.code == "USA")
    assert usa.name == "United States"
    assert {"US", "U.S.", "USA", "America", "United States of America"} <= set(usa.names)
    assert usa.adjectives == ["American", "U.S.", "US"]
    assert usa.demonyms == ["Americans"]


@pytest.mark.parametrize(
    ("text", "code", "sector", "place"),
    [
        ("Washington", "USA", "GOV", True),
        ("White House", "USA", "GOV", False),
        ("Pentagon", "USA", "MIL", False),
        ("Capitol Hill", "USA", "LEG", False),
        ("GHQ", "PAK", "MIL", False),
        ("Downing Street", "GBR", "GOV", False),
        ("Kremlin", "RUS", "GOV", False),
        ("Zhongnanhai", "CHN", "GOV", False),
        ("Beijing", "CHN", "GOV", True),
        ("South Block", "IND", "GOV", False),
        ("New Delhi", "IND", "GOV", True),
        ("Quai d'Orsay", "FRA", "GOV", False),
        ("Knesset", "ISR", "LEG", False),
        ("Kabul", "AFG", "GOV", True),
    ],
)
def test_countries_metonym(
    countries: list[Country], text: str, code: str, sector: str, place: bool
) -> None:
    found = [(c.code, m.sector, m.place) for c in countries for m in c.metonyms if m.text == text]
    assert found == [(code, sector, place)]


def test_sectors_codes_and_words_are_unique(sectors: list[Sector]) -> None:
    assert Counter(s.code for s in sectors).most_common(1)[0][1] == 1
    words = Counter(w.casefold() for s in sectors for w in s.words)
    assert [w for w, n in words.items() if n > 1] == []
    assert all(w == w.lower() for s in sectors for w in s.words)


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("government", "GOV"),
        ("army", "MIL"),
        ("security forces", "MIL"),
        ("defence ministry", "MIL"),
        ("militants", "REB"),
        ("opposition", "OPP"),
        ("parliament", "LEG"),
        ("supreme court", "JUD"),
        ("law enforcers", "COP"),
        ("intelligence agency", "SPY"),
        ("refugees", "REF"),
        ("gunmen", "UAF"),
    ],
)
def test_sectors_word(sectors: list[Sector], word: str, code: str) -> None:
    assert [s.code for s in sectors if word in s.words] == [code]


def test_sectors_cover_codes_used_elsewhere(
    sectors: list[Sector], countries: list[Country], organisations: list[Organisation]
) -> None:
    used = {o.sector for o in organisations} | {m.sector for c in countries for m in c.metonyms}
    assert used - {s.code for s in sectors} == set()


def test_organisations_count_and_kinds(organisations: list[Organisation]) -> None:
    kinds = Counter(o.kind for o in organisations)
    assert len(organisations) >= 120
    assert set(kinds) == {"igo", "armed", "party", "company", "ngo", "agency", "media"}


def test_organisations_names_and_aliases_are_unique(organisations: list[Organisation]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for org in organisations:
        for form in {t.casefold() for t in [org.name, *org.aliases]}:
            owners[form].add(org.name)
    assert {form: names for form, names in owners.items() if len(names) > 1} == {}


def test_organisations_do_not_reuse_country_forms(
    organisations: list[Organisation], countries: list[Country]
) -> None:
    country_forms = set().union(*(_country_forms(c) for c in countries))
    org_forms = {t.casefold() for o in organisations for t in [o.name, *o.aliases]}
    assert org_forms & country_forms == set()


def test_organisations_codes_start_with_their_country(
    organisations: list[Organisation], countries: list[Country]
) -> None:
    states = {c.code for c in countries}
    national = [o for o in organisations if o.country in states]
    assert [o.name for o in national if not o.code.startswith(str(o.country))] == []
    stateless = [o for o in organisations if o.country is None]
    assert {o.code[:3] for o in stateless} == {"IMG"}


@pytest.mark.parametrize(
    ("alias", "code", "country", "sector", "kind"),
    [
        ("TTP", "PAKREB", "PAK", "REB", "armed"),
        ("Pakistani Taliban", "PAKREB", "PAK", "REB", "armed"),
        ("BLA", "PAKREB", "PAK", "REB", "armed"),
        ("Taliban", "AFGTAL", "AFG", "GOV", "armed"),
        ("ISIS-K", "AFGREB", "AFG", "REB", "armed"),
        ("Daesh", "IMGISI", None, "REB", "armed"),
        ("UN", "IGOUNO", "UNO", "IGO", "igo"),
        ("Security Council", "IGOUNO", "UNO", "IGO", "igo"),
        ("IAEA", "IGOIAEA", "IAEA", "IGO", "igo"),
        ("EU", "IGOEU", "EU", "IGO", "igo"),
        ("World Bank", "IGOWBK", "WBK", "IGO", "igo"),
        ("ISI", "PAKSPY", "PAK", "SPY", "agency"),
        ("ISPR", "PAKMIL", "PAK", "MIL", "agency"),
        ("CIA", "USASPY", "USA", "SPY", "agency"),
        ("PTI", "PAKOPP", "PAK", "OPP", "party"),
        ("CCP", "CHNGOV", "CHN", "GOV", "party"),
        ("Huawei", "CHNBUS", "CHN", "BUS", "company"),
        ("Hamas", "PSEREB", "PSE", "REB", "armed"),
    ],
)
def test_organisations_alias_resolves(
    organisations: list[Organisation],
    alias: str,
    code: str,
    country: str | None,
    sector: str,
    kind: str,
) -> None:
    found = [
        (o.code, o.country, o.sector, o.kind)
        for o in organisations
        if alias in (o.name, *o.aliases)
    ]
    assert found == [(code, country, sector, kind)]


@pytest.mark.parametrize(
    "row",
    [
        CameoCode(
            code="042",
            name="Make a visit",
            goldstein=1.9,
            quad_class=1,
            plover_type="CONSULT",
            plover_mode="visit",
        ),
        CameoCode(
            code="0871",
            name="Declare truce, ceasefire",
            goldstein=9.0,
            quad_class=2,
            plover_type="RETREAT",
            plover_mode="ceasefire",
        ),
        CameoCode(
            code="190",
            name="Use conventional military force (general)",
            goldstein=-10.0,
            quad_class=4,
            plover_type="ASSAULT",
            plover_mode=None,
        ),
    ],
)
def test_cameo_row(cameo: dict[str, CameoCode], row: CameoCode) -> None:
    assert cameo[row.code] == row


@pytest.mark.parametrize(
    ("roots", "quad"),
    [
        (range(1, 6), 1),
        (range(6, 10), 2),
        (range(10, 15), 3),
        (range(15, 21), 4),
    ],
)
def test_cameo_quad_class_by_root(cameo: dict[str, CameoCode], roots: range, quad: int) -> None:
    prefixes = {f"{root:02d}" for root in roots}
    rows = [row for row in cameo.values() if row.code[:2] in prefixes]
    assert rows
    assert {row.quad_class for row in rows} == {quad}


def test_cameo_has_every_reference_code(cameo: dict[str, CameoCode]) -> None:
    reference = _reference("CAMEO.eventcodes.txt")
    assert sorted(cameo) == sorted(reference)


def test_cameo_goldstein_matches_reference(cameo: dict[str, CameoCode]) -> None:
    reference = _reference("CAMEO.goldsteinscale.txt")
    wrong = {
        code: row.goldstein
        for code, row in cameo.items()
        if row.goldstein != float(reference[code])
    }
    assert wrong == {}


def test_cameo_statements_and_appeals_have_no_plover_type(cameo: dict[str, CameoCode]) -> None:
    # PLOVER does not code CAMEO 01 (statements) and 02 (appeals).
    untyped = {row.code[:2] for row in cameo.values() if row.plover_type is None}
    assert untyped == {"01", "02"}
