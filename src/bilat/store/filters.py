"""One builder for the WHERE clauses of the store's queries, and the date bound they share.

Events, facts, quotes, timelines and the summary tables filter with the same conditions
(actor-code prefixes, dyads, date ranges, text); :class:`Filters` spells each once. Every value
travels as a ``?`` parameter; only the fixed column names and fragments below become SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bilat.errors import InputError


class Filters:
    """The conditions of one WHERE clause and their parameters, added in order.

    Every query of the store (events, facts, quotes, timelines) builds its filters here, so a
    filter reads the same wherever it applies; a value left at None adds nothing.

        >>> where = Filters()
        >>> where.prefix("e.cameo", "04")
        >>> where.prefix("e.source_code", None)
        >>> where.sql(), where.params
        ('starts_with(e.cameo, ?)', ['04'])
    """

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> None:
        """Add a condition with its parameters, in the order its ``?`` marks take them."""
        self.clauses.append(clause)
        self.params += params

    def equals(self, column: str, value: Any) -> None:
        """Match rows whose column equals the value."""
        if value is not None:
            self.add(f"{column} = ?", value)

    def prefix(self, column: str, value: str | None) -> None:
        """Match rows whose column starts with the value (``PAK`` matches ``PAKGOV``)."""
        if value is not None:
            self.add(f"starts_with({column}, ?)", value)

    def either_prefix(self, first: str, second: str, value: str | None) -> None:
        """Match rows where either column starts with the value."""
        if value is not None:
            self.add(f"(starts_with({first}, ?) OR starts_with({second}, ?))", value, value)

    def one_of(self, column: str, values: Sequence[Any] | None) -> None:
        """Match rows whose column is one of the values; an empty sequence matches none."""
        if values is None:
            return
        if not values:
            self.add("FALSE")
            return
        self.add(f"{column} IN ({', '.join('?' for _ in values)})", *values)

    def contains(self, column: str, text: str | None) -> None:
        """Match rows whose column holds the text, ignoring case."""
        if text is not None:
            self.add(f"strpos(lower({column}), lower(?)) > 0", text)

    def dated(self, date: str, since: str | None, until: str | None) -> None:
        """Match rows whose date expression falls between two inclusive ISO dates."""
        if since is not None:
            self.add(f"{date} >= ?", since_bound(since))
        if until is not None:
            self.add(f"{date} <= ?", until)

    def dyad(self, dyad: tuple[str, ...] | None, origin: str) -> None:
        """Match events (aliased ``e``) between two countries, in either direction.

        Raises:
            InputError: The dyad is not two codes.
        """
        if dyad is None:
            return
        if len(dyad) != 2:
            raise InputError(
                f"a dyad is two country codes, got {dyad!r}; pass e.g. ('PAK', 'USA')",
                origin=origin,
            )
        a, b = dyad
        self.add(
            "((e.source_country = ? AND e.target_country = ?)"
            " OR (e.source_country = ? AND e.target_country = ?))",
            a,
            b,
            b,
            a,
        )

    def sql(self) -> str:
        """Return the conditions joined with AND (``TRUE`` when there are none)."""
        return " AND ".join(self.clauses) or "TRUE"


def since_bound(day: str) -> str:
    """Return the lower bound for dates compared as text, admitting coarse dates that start on it.

    A month- or year-dated event is placed on the first day of its period, but ``"2025-04"``
    sorts before ``"2025-04-01"``; a bound on a first day therefore drops its ``-01`` parts
    (``"2025-01-01"`` → ``"2025"``), and no full date sorts between the two forms.

    Args:
        day: The first day asked for (ISO).

    Returns:
        The bound to compare with ``>=``.
    """
    if len(day) == 10 and day.endswith("-01"):
        day = day[:7]
        if day.endswith("-01"):
            day = day[:4]
    return day
