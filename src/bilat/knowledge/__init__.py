"""bilat's domain knowledge: countries, sectors, offices, people, organisations, CAMEO, verbs.

Loaded once into a read-only :class:`Knowledge`. User directories (``knowledge_dirs`` in
``bilat.toml``) are read after the bundled files, and their entries win: a person, office,
country or organisation with the same id or code replaces the bundled one.

    >>> kb = Knowledge.load()
    >>> [p.name for p in kb.holders("secretary_of_state", "USA", dt.date(2025, 4, 7))]
    ['Marco Rubio']
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bilat.errors import KnowledgeError
from bilat.knowledge.loader import load_cameo, load_yaml_file
from bilat.knowledge.schema import (
    SECTIONS,
    CameoCode,
    Country,
    Office,
    Organisation,
    Person,
    Role,
    Sector,
)

BUNDLED = Path(__file__).parent


@dataclass(frozen=True, eq=False)
class Knowledge:
    """Everything bilat knows, indexed for lookup; build it with :meth:`Knowledge.load`."""

    countries: dict[str, Country]
    sectors: dict[str, Sector]
    offices: dict[str, Office]
    people: dict[str, Person]
    organisations: dict[str, Organisation]
    cameo: dict[str, CameoCode]
    verb_files: tuple[Path, ...] = ()
    sources: tuple[str, ...] = field(default=())

    @classmethod
    def load(cls, dirs: Sequence[str | Path] = ()) -> Knowledge:
        """Load the bundled knowledge, then each user directory over it (cached per process).

        Args:
            dirs: directories of the user's own YAML files, in order of priority (last wins).

        Returns:
            The merged, validated knowledge.
        """
        return _load(tuple(str(Path(d).resolve()) for d in dirs))

    def cameo_code(self, code: str) -> CameoCode:
        """Return a CAMEO code's row; raise KnowledgeError for an unknown code."""
        try:
            return self.cameo[code]
        except KeyError:
            raise KnowledgeError(f"unknown CAMEO code {code!r}; see cameo.tsv") from None

    def holders(self, office: str, country: str, on: dt.date) -> list[Person]:
        """Return who held ``office`` for ``country`` on a date (several only when acting).

        An office and its national names count as one: the US ``secretary_of_state`` is
        found for ``foreign_minister``, and the other way round.
        """
        names = self.same_office(office)
        found = []
        for person in self.people.values():
            for role in person.roles:
                if role.office in names and role.country == country and _in_role(role, on):
                    found.append(person)
                    break
        return found

    def same_office(self, office: str) -> set[str]:
        """Return an office id with every office that is a national name for the same post."""
        base = self.offices[office].same_as if office in self.offices else None
        root = base or office
        return {root} | {o.id for o in self.offices.values() if o.same_as == root}

    def role_on(self, person: Person, on: dt.date | None) -> Role | None:
        """Return the most senior role a person held on a date (or their latest, undated)."""
        if on is None:
            return max(person.roles, key=lambda r: r.start, default=None)
        current = self.roles_on(person, on)
        return current[0] if current else None

    def roles_on(self, person: Person, on: dt.date) -> list[Role]:
        """Return the roles a person held on a date, most senior first."""
        current = [r for r in person.roles if _in_role(r, on)]
        return sorted(
            current, key=lambda r: self.offices[r.office].rank if r.office in self.offices else 99
        )


def _in_role(role: Role, on: dt.date) -> bool:
    return role.start <= on and (role.end is None or on <= role.end)


@functools.lru_cache(maxsize=8)
def _load(dirs: tuple[str, ...]) -> Knowledge:
    countries: dict[str, Country] = {}
    sectors: dict[str, Sector] = {}
    offices: dict[str, Office] = {}
    people: dict[str, Person] = {}
    organisations: dict[str, Organisation] = {}
    cameo: dict[str, CameoCode] = {}
    verb_files: list[Path] = []
    sources: list[str] = []
    folders = [BUNDLED, *(Path(d) for d in dirs)]
    for folder in folders:
        if not folder.is_dir():
            raise KnowledgeError(
                f"knowledge directory {folder} does not exist; fix knowledge_dirs in bilat.toml"
            )
        for path in sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")):
            if folder == BUNDLED and not _is_actor_knowledge(path):
                continue  # data of other stages (units, quotes, relations) lives here too
            sections = load_yaml_file(path)
            sources.append(str(path))
            for entry in sections.get("countries", []):
                countries[entry.code] = entry
            for entry in sections.get("sectors", []):
                sectors[entry.code] = entry
            for entry in sections.get("offices", []):
                offices[entry.id] = entry
            for entry in sections.get("people", []):
                people[entry.id] = entry
            for entry in sections.get("organisations", []):
                organisations[entry.code + ":" + entry.name] = entry
            if _has_verbs(path):
                verb_files.append(path)
        cameo_path = folder / "cameo.tsv"
        if cameo_path.exists():
            for row in load_cameo(cameo_path):
                cameo[row.code] = row
    _check_references(people, offices)
    return Knowledge(
        countries=countries,
        sectors=sectors,
        offices=offices,
        people=people,
        organisations=organisations,
        cameo=cameo,
        verb_files=tuple(verb_files),
        sources=tuple(sources),
    )


def _is_actor_knowledge(path: Path) -> bool:
    with path.open(encoding="utf-8") as handle:
        return any(line.split(":")[0] in SECTIONS for line in handle if line[:1].isalpha())


def _has_verbs(path: Path) -> bool:
    with path.open(encoding="utf-8") as handle:
        return any(line.startswith("verbs:") for line in handle)


def _check_references(people: dict[str, Person], offices: dict[str, Office]) -> None:
    for person in people.values():
        for role in person.roles:
            if role.office not in offices:
                raise KnowledgeError(
                    f"person {person.id!r} has a role in unknown office {role.office!r}; "
                    f"add the office to an offices section or fix the id"
                )


__all__ = ["Knowledge"]
