"""Schemas of bilat's knowledge files, validated on load.

A knowledge file is YAML whose top level maps section names to lists of entries::

    people:
      - id: ishaq-dar
        name: Ishaq Dar
        aliases: [Dar, FM Dar]
        country: PAK
        roles:
          - {office: foreign_minister, country: PAK, start: 2024-03-11}

Sections: ``countries``, ``sectors``, ``offices``, ``people``, ``organisations``, ``verbs``.
The CAMEO table is a TSV (``cameo.tsv``) with the columns of :class:`CameoCode`.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


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


SECTIONS = ("countries", "sectors", "offices", "people", "organisations", "verbs")
