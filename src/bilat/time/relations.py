"""When pairs of states established diplomatic relations, and which states a text names.

Both come from knowledge files: ``relations.yaml`` (the dates) and ``countries.yaml`` (the
names, adjectives and capitals that refer to each state).

    >>> table = RelationsTable.load()
    >>> table.get("USA", "PAK").established
    '1947-10-20'
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bilat.errors import KnowledgeError
from bilat.knowledge.schema import Country

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"


class DiplomaticRelation(BaseModel):
    """Two states and the day (or year) they established diplomatic relations."""

    model_config = ConfigDict(extra="forbid", frozen=True)

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
        # YAML reads an unquoted 1947-10-20 as a date and 1947 as an int.
        return value.isoformat() if isinstance(value, dt.date) else str(value)

    @property
    def year(self) -> int:
        """Return the year relations were established."""
        return int(self.established[:4])

    @property
    def label(self) -> str:
        """Return the dyad as ``PAK–USA`` (codes in alphabetical order)."""
        return "–".join(sorted(self.pair))


@dataclass(frozen=True, eq=False)
class RelationsTable:
    """Diplomatic relations by dyad, and a matcher for country names; build with :meth:`load`."""

    relations: dict[frozenset[str], DiplomaticRelation]
    names: dict[str, str]
    pattern: re.Pattern[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        forms = sorted(self.names, key=len, reverse=True)
        alternatives = "|".join(re.escape(form) for form in forms) or r"(?!)"
        object.__setattr__(self, "pattern", re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])"))

    @classmethod
    def load(cls, path: Path | None = None, *, countries: Path | None = None) -> RelationsTable:
        """Read the relations file and the country names.

        Args:
            path: a relations YAML file; the bundled ``relations.yaml`` when None.
            countries: a countries YAML file; the bundled ``countries.yaml`` when None.

        Returns:
            The table.

        Raises:
            KnowledgeError: a file is missing or an entry is invalid.
        """
        path = path or KNOWLEDGE / "relations.yaml"
        relations: dict[frozenset[str], DiplomaticRelation] = {}
        for number, entry in enumerate(_section(path, "relations")):
            try:
                relation = DiplomaticRelation.model_validate(entry)
            except ValidationError as exc:
                first = exc.errors()[0]
                raise KnowledgeError(
                    f"relations entry {number + 1}: {'.'.join(map(str, first['loc']))}: "
                    f"{first['msg']}; fix the entry or remove it",
                    file=str(path),
                ) from exc
            key = frozenset(relation.pair)
            if key in relations:
                raise KnowledgeError(
                    f"relations entry {number + 1}: {relation.label} is listed twice; keep one",
                    file=str(path),
                )
            relations[key] = relation
        return cls(relations, _country_names(countries or KNOWLEDGE / "countries.yaml"))

    def get(self, first: str, second: str) -> DiplomaticRelation | None:
        """Return the relation between two states (either order), or None when unknown."""
        return self.relations.get(frozenset((first, second)))

    def countries_in(self, text: str) -> Counter[str]:
        """Return how often each state is named in a text (names, adjectives, capitals)."""
        counts: Counter[str] = Counter()
        for match in self.pattern.finditer(text):
            counts[self.names[match.group(0)]] += 1
        return counts

    def dyad_in(self, text: str, *, context: str = "") -> DiplomaticRelation | None:
        """Return the known dyad a text is about: the two most-named states that have one.

        Args:
            text: the passage that should name both states (a sentence).
            context: a wider text (the document) used when the passage names fewer than two.

        Returns:
            The relation, or None when no two named states have a known one.
        """
        for scope in (text, context):
            counts = self.countries_in(scope)
            ranked = sorted(counts, key=lambda code: (-counts[code], code))
            pairs = [
                (counts[a] + counts[b], self.relations[frozenset((a, b))])
                for i, a in enumerate(ranked)
                for b in ranked[i + 1 :]
                if frozenset((a, b)) in self.relations
            ]
            if pairs:
                return max(pairs, key=lambda item: item[0])[1]
        return None


def _section(path: Path, name: str) -> list[Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise KnowledgeError(f"cannot read {path}: {exc.strerror}", file=str(path)) from exc
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"not valid YAML: {exc}", file=str(path)) from exc
    entries = data.get(name) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise KnowledgeError(f"expected a top-level '{name}:' list", file=str(path))
    return entries


def _country_names(path: Path) -> dict[str, str]:
    names: dict[str, str] = {}
    for entry in _section(path, "countries"):
        try:
            country = Country.model_validate(entry)
        except ValidationError as exc:
            raise KnowledgeError(
                f"invalid country entry: {exc.errors()[0]['msg']}", file=str(path)
            ) from exc
        forms = [country.name, *country.names, *country.adjectives, *country.demonyms]
        forms += [m.text for m in country.metonyms]
        for form in forms:
            names.setdefault(form, country.code)
    return names
