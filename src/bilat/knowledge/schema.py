"""Schemas of bilat's knowledge files, validated on load.

A knowledge file is YAML whose top level maps section names to lists of entries::

    people:
      - id: ishaq-dar
        name: Ishaq Dar
        aliases: [Dar, FM Dar]
        country: PAK
        roles:
          - {office: foreign_minister, country: PAK, start: 2024-03-11}

Every section bilat reads is declared once, in :data:`SECTIONS`, with the schema its content is
validated against and how a user's file merges with the bundled one (see :class:`Section`).
A YAML file may hold any sections; a table (``.csv``, ``.tsv``) or word list (``.txt``) is one
section named after the file (``places_regions.csv`` is the ``places_regions`` section).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Metonym(_Entry):
    """A place or building that stands for a country's institution ("the White House")."""

    text: str
    sector: str = "GOV"
    # True when the name is also an ordinary place ("Islamabad"): it is an actor only as the
    # subject of a speech or action verb, otherwise a location.
    place: bool = False


class Country(_Entry):
    """A state: ISO codes, the names and adjectives that refer to it, and its metonyms."""

    code: str = Field(pattern=r"^[A-Z]{3}$")
    iso2: str = Field(pattern=r"^[A-Z]{2}$")
    name: str
    names: list[str] = []
    adjectives: list[str] = []
    demonyms: list[str] = []
    capital: str | None = None
    metonyms: list[Metonym] = []


class Sector(_Entry):
    """An actor sector (GOV, MIL, REB, …) and the words that signal it."""

    code: str = Field(pattern=r"^[A-Z]{3}$")
    name: str
    words: list[str] = []
    located: bool = False
    """A bare word of this sector ("militants in Quetta") belongs to the country it is in."""
    acts: list[str] = []
    """Nouns that a sector adjective makes the sector's deed: in "terrorist attacks" the
    adjective names who attacked, while "military equipment" names no actor."""


class Office(_Entry):
    """A title or office ("Foreign Minister", "COAS") and the sector its holder acts for.

    ``country`` limits a title to one country ("Secretary of State" → USA when no country is
    named); ``rank`` orders offices when one person holds several (lower is more senior).
    """

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    sector: str = Field(pattern=r"^[A-Z]{3}$")
    titles: list[str]
    country: str | None = None
    rank: int = 50
    # The office this one is a national name for ("secretary_of_state" is the US
    # "foreign_minister"), so "the American top diplomat" finds the Secretary of State.
    same_as: str | None = None


class Role(_Entry):
    """One tenure of one office by one person; ``end`` is ``None`` while in office."""

    office: str
    country: str
    start: dt.date
    end: dt.date | None = None
    title: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _end_after_start(self) -> Role:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"role {self.office}: end {self.end} is before start {self.start}")
        return self


class Person(_Entry):
    """A named person with aliases and dated roles."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    aliases: list[str] = []
    country: str
    roles: list[Role] = []
    female: bool = False
    """Marked for women, so "she" and "her" find them and "he" and "his" do not."""


class Organisation(_Entry):
    """An IGO, armed group, party or company that acts in foreign relations."""

    code: str = Field(pattern=r"^[A-Z]{3,9}$")
    name: str
    aliases: list[str] = []
    country: str | None = None
    sector: str = Field(default="IGO", pattern=r"^[A-Z]{3}$")
    kind: str = Field(pattern=r"^(igo|armed|party|company|ngo|agency|media)$")
    start: dt.date | None = None
    end: dt.date | None = None
    """A coding dated by ``start`` and/or ``end`` holds only then, and there it wins over an
    undated entry of the same name (an armed group that later governed, say)."""

    @property
    def dated(self) -> bool:
        """Return whether the coding holds only in a period."""
        return self.start is not None or self.end is not None

    def holds_on(self, day: dt.date | None) -> bool:
        """Return whether this dated coding holds on a day (never on an unknown day).

        Args:
            day: The document's date.

        Returns:
            True when the entry is dated and the day falls in its period.
        """
        if not self.dated or day is None:
            return False
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class CameoCode(_Entry):
    """One CAMEO code with its Goldstein score, quad class and PLOVER crosswalk."""

    code: str = Field(pattern=r"^[0-9]{2,4}$")
    name: str
    goldstein: float = Field(ge=-10, le=10)
    quad_class: int = Field(ge=1, le=4)
    plover_type: str | None = None
    plover_mode: str | None = None

    @field_validator("plover_type", "plover_mode")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value or None


class DiplomaticRelation(_Entry):
    """Two states and the day (or year) they established diplomatic relations."""

    pair: tuple[str, str]
    established: str = Field(pattern=r"^\d{4}(-\d{2}-\d{2})?$")
    note: str | None = None

    @field_validator("pair")
    @classmethod
    def _codes(cls, pair: tuple[str, str]) -> tuple[str, str]:
        for code in pair:
            if not re.fullmatch(r"[A-Z]{3}", code):
                raise ValueError(f"{code!r} is not an ISO3 country code (three capitals)")
        if pair[0] == pair[1]:
            raise ValueError(f"a relation needs two different states, got {pair[0]} twice")
        return pair

    @field_validator("established", mode="before")
    @classmethod
    def _as_text(cls, value: Any) -> Any:
        # YAML reads an unquoted 1947-10-20 as a date (with some loaders) and 1947 as an int.
        return value.isoformat() if isinstance(value, dt.date) else str(value)

    @property
    def year(self) -> int:
        """Return the year relations were established."""
        return int(self.established[:4])

    @property
    def label(self) -> str:
        """Return the dyad as ``PAK–USA`` (codes in alphabetical order)."""
        return "–".join(sorted(self.pair))


class CodeGroup(_Entry):
    """CAMEO code prefixes whose events may be one real-world event (dedup clusters)."""

    name: str
    codes: tuple[str, ...] = Field(min_length=1)
    symmetric: bool = False

    @field_validator("codes")
    @classmethod
    def _prefixes(cls, codes: tuple[str, ...]) -> tuple[str, ...]:
        for code in codes:
            if not code.isdigit():
                raise ValueError(f"{code!r} is not a CAMEO code prefix; write digits in quotes")
        return codes


class Currency(_Entry):
    """One currency: ISO code and the symbols written before or words written after amounts."""

    code: str = Field(pattern=r"^[A-Z]{3}$")
    before: list[str] = []
    after: list[str] = []


class CasualtyPhrases(_Entry):
    """Phrases that mark a count as killed, injured, … when before or after it."""

    before: list[str]
    after: list[str]


class CountLinks(_Entry):
    """Words between two counts that make the second continue or break down the first."""

    series: list[str]
    including: list[str]


class Units(_Entry):
    """The words facts are read with, assembled from the sections of ``units.yaml``."""

    currencies: list[Currency]
    scales: dict[str, float]
    money_details: list[str]
    qualifiers: list[str]
    number_words: dict[str, int]
    number_multipliers: dict[str, int]
    vague_counts: dict[str, int]
    percent_signs: list[str]
    tariff_words: list[str]
    tariff_window: int = Field(ge=0)
    tariff_breakers: list[str]
    particle_verbs: list[str]
    casualty_nouns: list[str]
    casualties: dict[str, CasualtyPhrases]
    casualty_auxiliaries: list[str]
    count_links: CountLinks
    unit_stop_words: list[str]
    count_followers: list[str]


class QuoteWords(_Entry):
    """The words quotes are attributed with, assembled from the sections of ``quotes.yaml``."""

    speech_verbs: list[str]
    speech_adverbs: list[str]
    source_phrases: list[str]
    speaker_leading_words: list[str]
    speaker_trailing_words: list[str]
    speaker_pronouns: list[str]
    min_words: int = Field(ge=1)


class ActorRules(_Entry):
    """The actor resolver's word lists, the sections of ``actor_rules.yaml``."""

    organisation_heads: frozenset[str]
    organisation_prefixes: frozenset[str]
    domestic_challengers: frozenset[str]
    title_modifiers: frozenset[str]
    group_nouns: frozenset[str]
    group_determiners: tuple[str, ...]
    pair_nouns: frozenset[str]
    personal_groups: frozenset[str]
    institutional_sectors: frozenset[str]
    shared_surnames: frozenset[str]
    family_name_first: frozenset[str]
    organisation_chief_words: frozenset[str]
    country_nouns: frozenset[str]
    regional_state_nouns: frozenset[str]
    first_person_singular: frozenset[str]
    first_person_plural: frozenset[str]
    organisation_nouns: dict[str, list[str]]
    owner_verbs: frozenset[str]
    stance_prefixes: frozenset[str]
    currency_words: frozenset[str]
    foreign_missions: frozenset[str]
    team_nouns: frozenset[str]
    sport_words: frozenset[str]
    removal_words: frozenset[str]
    removal_nouns: frozenset[str]
    country_descriptions: dict[str, list[str]]
    region_names: frozenset[str]
    organ_nouns: frozenset[str]
    armed_group_nouns: frozenset[str]
    compass_states: dict[str, list[list[str]]]


class CalibrationCount(_Entry):
    """How many events of one pattern family with one raw confidence were right."""

    family: str = Field(pattern=r"^[0-9]{2}$")
    """The CAMEO root of the events' code."""
    raw: float = Field(ge=0, le=1)
    """The coder's score before calibration (see ``Event.raw_confidence``)."""
    n: int = Field(ge=1)
    right: int = Field(ge=0)

    @model_validator(mode="after")
    def _right_within_n(self) -> CalibrationCount:
        if self.right > self.n:
            raise ValueError(f"right ({self.right}) is more than n ({self.n})")
        return self


class CalibrationData(_Entry):
    """The evidence confidence is calibrated from: right and wrong events by family and score.

    ``pooling`` is how many events' worth of weight the all-family curve carries inside one
    family, so a family with few events keeps close to it.
    """

    source: str = ""
    pooling: float = Field(default=10.0, gt=0)
    counts: list[CalibrationCount] = []


class TableRow(BaseModel):
    """A row of a knowledge table; cells stay text, as the readers of the tables expect."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _number(value: str) -> str:
    float(value)  # raises ValueError with the text in its message
    return value


class PlaceCountry(TableRow):
    """``places_countries.csv``: a country's geocoding point and its other names (``|``)."""

    code: str = Field(pattern=r"^[A-Z]{3}$")
    lat: str
    lon: str
    names: str = ""

    _lat = field_validator("lat", "lon")(_number)


class PlaceRegion(TableRow):
    """``places_regions.csv``: a region, its country (empty when it spans several), centre."""

    name: str = Field(min_length=1)
    country: str = Field(pattern=r"^([A-Z]{3})?$")
    lat: str
    lon: str
    aliases: str = ""

    _lat = field_validator("lat", "lon")(_number)


class PlaceAlias(TableRow):
    """``places_aliases.csv``: a landmark or political name that stands for a gazetteer place."""

    alias: str = Field(min_length=1)
    place: str = Field(min_length=1)
    country: str = Field(pattern=r"^[A-Z]{3}$")


class PlaceStop(TableRow):
    """``places_stoplist.csv``: a word never geocoded as a place."""

    text: str = Field(min_length=1)
    kind: str = Field(pattern=r"^(word|demonym)$")


class PlaceCue(TableRow):
    """``places_cues.csv``: a word that ties a place to an event, by kind."""

    word: str = Field(min_length=1)
    kind: str = Field(
        pattern=r"^(locative|destination|visit_trigger|connector|origin|calendar|remote"
        r"|venue_trigger|strike_trigger|strike_verb|target|withdrawal_trigger|withdrawal|idiom"
        r"|modified|settlement|clash_trigger|visit_verb|topic)$"
    )


class ReferredEvent(TableRow):
    """``referred_events.csv``: a well-known event, the day it happened, and how texts name it.

    ``pattern`` is a regular expression matched in one sentence; a text that refers to the
    event dates from that day or later.
    """

    name: str = Field(min_length=1)
    date: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    pattern: str = Field(min_length=3)

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        try:
            re.compile(pattern)
        except re.error as error:
            raise ValueError(f"pattern {pattern!r} is not a regular expression: {error}") from None
        return pattern


class PloverContext(TableRow):
    """``plover_contexts.tsv``: a CAMEO code's PLOVER contexts, joined by ``;``."""

    code: str = Field(pattern=r"^[0-9]{2,4}$")
    context: str = Field(min_length=1)


class PloverRoots(TableRow):
    """``plover_gsr_roots.csv``: the CAMEO roots (space-separated) of a PLOVER event type."""

    plover_type: str = Field(pattern=r"^[A-Z_]+$")
    cameo_roots: str = Field(pattern=r"^[0-9]{2}( [0-9]{2})*$")


class FipsCountry(TableRow):
    """``fips_countries.csv``: an ISO3 code and its FIPS 10-4 code (GDELT geography)."""

    iso3: str = Field(pattern=r"^[A-Z]{3}$")
    fips: str = Field(pattern=r"^[A-Z0-9]{2}$")


NounWord = Annotated[str, StringConstraints(min_length=1, pattern=r"^[^<>A-Z]+$")]
"""A member of a noun class: a lower-case lemma or phrase, as the coder compares objects."""


Kind = Literal["entries", "words", "table", "value", "rows", "patterns"]


@dataclass(frozen=True)
class Section:
    """How one section is validated and how a later file's content merges into it.

    ``kind`` says both:

    - ``entries``: a list of ``schema`` entries identified by the ``key`` fields; a later file's
      entry replaces the earlier one with the same key (a user's person with a bundled id).
    - ``rows``: a table (one file) of ``schema`` rows; a later file's rows are added.
    - ``words``: a list of words or phrases; a later file's words are added.
    - ``table``: a mapping of words to ``schema`` values; a later file's keys win.
    - ``value``: one ``schema`` value; a later file's value replaces it.
    - ``patterns``: the coder's verb patterns, validated by :mod:`bilat.events.patterns`; the
      registry only lists the files that hold them.
    """

    kind: Kind
    schema: Any
    key: tuple[str, ...] = ()
    file: str = ""
    """The bundled file that holds the section (for messages)."""


def _entries(schema: type[BaseModel], *key: str, file: str) -> Section:
    return Section("entries", schema, key, file)


def _words(file: str) -> Section:
    return Section("words", str, file=file)


SECTIONS: dict[str, Section] = {
    # actors
    "countries": _entries(Country, "code", file="countries.yaml"),
    "sectors": _entries(Sector, "code", file="sectors.yaml"),
    "offices": _entries(Office, "id", file="offices.yaml"),
    "people": _entries(Person, "id", file="people_*.yaml"),
    "organisations": _entries(Organisation, "code", "name", file="organisations.yaml"),
    "organisation_heads": _words("actor_rules.yaml"),
    "organisation_prefixes": _words("actor_rules.yaml"),
    "domestic_challengers": _words("actor_rules.yaml"),
    "title_modifiers": _words("actor_rules.yaml"),
    "group_nouns": _words("actor_rules.yaml"),
    "group_determiners": _words("actor_rules.yaml"),
    "pair_nouns": _words("actor_rules.yaml"),
    "personal_groups": _words("actor_rules.yaml"),
    "institutional_sectors": _words("actor_rules.yaml"),
    "shared_surnames": _words("actor_rules.yaml"),
    "family_name_first": _words("actor_rules.yaml"),
    "organisation_chief_words": _words("actor_rules.yaml"),
    "country_nouns": _words("actor_rules.yaml"),
    "regional_state_nouns": _words("actor_rules.yaml"),
    "first_person_singular": _words("actor_rules.yaml"),
    "first_person_plural": _words("actor_rules.yaml"),
    "organisation_nouns": Section("table", list[str], file="actor_rules.yaml"),
    "owner_verbs": _words("actor_rules.yaml"),
    "stance_prefixes": _words("actor_rules.yaml"),
    "currency_words": _words("actor_rules.yaml"),
    "foreign_missions": _words("actor_rules.yaml"),
    "team_nouns": _words("actor_rules.yaml"),
    "sport_words": _words("actor_rules.yaml"),
    "removal_words": _words("actor_rules.yaml"),
    "removal_nouns": _words("actor_rules.yaml"),
    "country_descriptions": Section("table", list[str], file="actor_rules.yaml"),
    "region_names": _words("actor_rules.yaml"),
    "organ_nouns": _words("actor_rules.yaml"),
    "armed_group_nouns": _words("actor_rules.yaml"),
    "compass_states": Section("table", list[list[str]], file="actor_rules.yaml"),
    # events
    "cameo": Section("rows", CameoCode, file="cameo.tsv"),
    "verbs": Section("patterns", None, file="verbs*.yaml"),
    # named lists of nouns a pattern's word lists take in by name ("<agreement>")
    "noun_classes": Section("table", list[NounWord], file="nouns.yaml"),
    # a user switches a pattern off by its id (the bundled knowledge switches none off)
    "patterns_off": _words("(a user's file)"),
    "code_groups": _entries(CodeGroup, "name", file="cluster_codes.yaml"),
    "calibration": Section("value", CalibrationData, file="calibration.yaml"),
    # time
    "relations": _entries(DiplomaticRelation, "pair", file="relations.yaml"),
    "referred_events": Section("rows", ReferredEvent, file="referred_events.csv"),
    # facts
    "currencies": _entries(Currency, "code", file="units.yaml"),
    "scales": Section("table", float, file="units.yaml"),
    "money_details": _words("units.yaml"),
    "qualifiers": _words("units.yaml"),
    "number_words": Section("table", int, file="units.yaml"),
    "number_multipliers": Section("table", int, file="units.yaml"),
    "vague_counts": Section("table", int, file="units.yaml"),
    "percent_signs": _words("units.yaml"),
    "tariff_words": _words("units.yaml"),
    "tariff_window": Section("value", int, file="units.yaml"),
    "tariff_breakers": _words("units.yaml"),
    "particle_verbs": _words("units.yaml"),
    "casualty_nouns": _words("units.yaml"),
    "casualties": Section("table", CasualtyPhrases, file="units.yaml"),
    "casualty_auxiliaries": _words("units.yaml"),
    "count_links": Section("value", CountLinks, file="units.yaml"),
    "unit_stop_words": _words("units.yaml"),
    "count_followers": _words("units.yaml"),
    "speech_verbs": _words("quotes.yaml"),
    "speech_adverbs": _words("quotes.yaml"),
    "source_phrases": _words("quotes.yaml"),
    "speaker_leading_words": _words("quotes.yaml"),
    "speaker_trailing_words": _words("quotes.yaml"),
    "speaker_pronouns": _words("quotes.yaml"),
    "min_words": Section("value", int, file="quotes.yaml"),
    # places
    "places_countries": Section("rows", PlaceCountry, file="places_countries.csv"),
    "places_regions": Section("rows", PlaceRegion, file="places_regions.csv"),
    "places_aliases": Section("rows", PlaceAlias, file="places_aliases.csv"),
    "places_stoplist": Section("rows", PlaceStop, file="places_stoplist.csv"),
    "places_cues": Section("rows", PlaceCue, file="places_cues.csv"),
    # sources
    "english_stopwords": _words("english_stopwords.txt"),
    "foreign_stopwords": _words("foreign_stopwords.txt"),
    # exports and evaluation
    "plover_contexts": Section("rows", PloverContext, file="plover_contexts.tsv"),
    "plover_gsr_roots": Section("rows", PloverRoots, file="plover_gsr_roots.csv"),
    "fips_countries": Section("rows", FipsCountry, file="fips_countries.csv"),
}
"""Every knowledge section, by the name it has in a YAML file or the stem of its table."""
