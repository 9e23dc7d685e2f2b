"""When pairs of states established diplomatic relations, and which states a text names.

Both come from knowledge files: ``relations.yaml`` (the dates) and ``countries.yaml`` (the
names, adjectives and capitals that refer to each state).

    >>> table = RelationsTable.load()
    >>> table.get("USA", "PAK").established
    '1947-10-20'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from bilat.knowledge import Knowledge
from bilat.knowledge.schema import Country, DiplomaticRelation

__all__ = ["DiplomaticRelation", "RelationsTable"]


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
    def load(cls, knowledge: Knowledge | None = None) -> RelationsTable:
        """Return the table of a knowledge base's ``relations`` and ``countries`` sections.

        Args:
            knowledge: the knowledge (the bundled one by default).

        Returns:
            The table.

        Raises:
            KnowledgeError: a file holding either section is invalid (``file:line``).
        """
        kb = knowledge or Knowledge.load()
        return cls(kb.relations, _country_names(kb.countries.values()))

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


def _country_names(countries: Iterable[Country]) -> dict[str, str]:
    names: dict[str, str] = {}
    for country in countries:
        forms = [country.name, *country.names, *country.adjectives, *country.demonyms]
        forms += [m.text for m in country.metonyms]
        for form in forms:
            names.setdefault(form, country.code)
    return names
