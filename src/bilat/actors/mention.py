"""The record of an actor mention during resolution, its context, and office-holder lookup.

Shared by the stages of resolution: grouping and resolving phrases (:mod:`bilat.actors.resolve`),
placing bare sector words (:mod:`bilat.actors.located`) and coreference
(:mod:`bilat.actors.coref`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from bilat.actors.gazetteer import Piece
from bilat.knowledge import Knowledge
from bilat.knowledge.schema import Person
from bilat.records import Actor

# words that may sit between the pieces of one mention
JOINERS = {"'s", "’s", "'", "’", "the", "of", "(", ")", "-", "–"}
PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
# "it decided to downgrade ties", "its envoy": a state or organisation named as a subject before
COLLECTIVE_PRONOUNS = {"it", "its", "they", "their"}
COLLECTIVE_KINDS = {"country", "org", "sector", "capital", "metonym"}


@dataclass
class ActorSpan:
    """A resolved (or deliberately unresolved) actor mention during resolution."""

    start: int
    end: int
    actor: Actor | None
    kind: str
    how: str
    individual: bool = False
    office: str | None = None
    pair: tuple[Actor, Actor] | None = None
    pieces: list[Piece] = field(default_factory=list)
    needs_antecedent: bool = False
    former: bool = False
    by_home: bool = False
    """Resolved to the article's home country only for want of a country of its own."""

    @property
    def country(self) -> str | None:
        """Return the mention's country, if resolved."""
        return self.actor.country if self.actor else None


@dataclass(frozen=True)
class ResolveContext:
    """What resolution needs besides the text: knowledge, the date (or range), home country."""

    knowledge: Knowledge
    on: dt.date | None = None
    earliest: dt.date | None = None
    latest: dt.date | None = None
    home: str | None = None
    locate: Callable[[str], str | None] | None = None
    """The country (ISO3) of a place name, for "militants in Quetta"; None disables it."""
    home_from_dateline: bool = False
    """``home`` is only where the report was filed (a bureau may cover its neighbours)."""


def piece_kind(piece: Piece) -> str:
    """Return the kind of a gazetteer piece's first entry ("country", "title", "person", …).

    Args:
        piece: a matched piece.

    Returns:
        The entry kind.
    """
    return piece.entries[0].kind


def office_holder(
    kb: Knowledge, office: str, country: str, ctx: ResolveContext
) -> tuple[Person | None, str]:
    """Return who held an office of a country at the document's date, and why (for ``explain``).

    Args:
        kb: the knowledge.
        office: the office id.
        country: the country (or organisation) code.
        ctx: the document's date or date range.

    Returns:
        The single holder (or None when there are none, several, or no date) and the reason.
    """
    if ctx.on is not None:
        found = kb.holders(office, country, ctx.on)
        if len(found) == 1:
            return found[0], f"held by {found[0].name} on {ctx.on}"
        return None, f"{len(found)} holders on {ctx.on}"
    if ctx.earliest and ctx.latest:
        a = kb.holders(office, country, ctx.earliest)
        b = kb.holders(office, country, ctx.latest)
        if len(a) == 1 and a == b:
            return a[0], f"held by {a[0].name} throughout {ctx.earliest}..{ctx.latest}"
        return None, "the document's date range spans more than one holder"
    return None, "document date unknown, holder not guessed"
