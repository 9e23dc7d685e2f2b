"""Events as GDELT 2.0 event-table rows: 61 tab-separated columns in GDELT's order.

GDELT's own files have no header row; pass ``header=True`` for one. Fields bilat has no
counterpart for (ethnic and religion codes, tone, ADM codes below the country, feature ids of
cities) are empty. ``GLOBALEVENTID`` is the first 15 hex digits of bilat's event id read as an
integer, so it is stable and fits GDELT's 64-bit field. The country codes of the geography
fields are FIPS 10-4, as in GDELT; actor country codes stay ISO3/CAMEO.

    >>> len(GDELT_COLUMNS)
    61
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bilat.knowledge import Knowledge
from bilat.records import Actor, Event, Place

_ACTOR = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{name}" for name in _ACTOR),
    *(f"Actor2{name}" for name in _ACTOR),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(f"Actor1Geo_{name}" for name in _GEO),
    *(f"Actor2Geo_{name}" for name in _GEO),
    *(f"ActionGeo_{name}" for name in _GEO),
    "DATEADDED",
    "SOURCEURL",
)
"""The GDELT 2.0 event table's columns, in the order of its files and codebook."""

# GDELT geography types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
_COUNTRY, _US_STATE, _US_CITY, _CITY, _STATE = 1, 2, 3, 4, 5
_STATE_FEATURES = frozenset({"region", "state", "province", "adm1"})
# Sentences this early in an article are its lead, which GDELT marks as root events.
_LEAD_SENTENCES = 2


@dataclass(frozen=True)
class Counts:
    """How many mentions, sources and articles report one event (GDELT's count fields)."""

    mentions: int = 1
    sources: int = 1
    articles: int = 1


@dataclass(frozen=True)
class _Geo:
    """What the geography fields are written from: country names, FIPS codes and points."""

    names: Mapping[str, str]
    fips: Mapping[str, str]
    points: Mapping[str, tuple[str, str]]


def fips_codes(knowledge: Knowledge | None = None) -> dict[str, str]:
    """Return ISO3 → FIPS 10-4 country codes, from the ``fips_countries`` table.

    Args:
        knowledge: the knowledge (the bundled one by default).
    """
    rows = (knowledge or Knowledge.load()).rows("fips_countries")
    return {row["iso3"]: row["fips"] for row in rows}


@functools.lru_cache(maxsize=4)
def _geo(knowledge: Knowledge) -> _Geo:
    points = {row["code"]: (row["lat"], row["lon"]) for row in knowledge.rows("places_countries")}
    return _Geo(country_names(knowledge), fips_codes(knowledge), points)


def global_event_id(event_id: str) -> int:
    """Return a GDELT-style integer id for a bilat event id (its first 15 hex digits)."""
    return int(event_id[:15], 16)


def _date_fields(date: str | None) -> list[Any]:
    if not date or len(date) < 4:
        return ["", "", "", ""]
    year = int(date[:4])
    month = int(date[5:7]) if len(date) >= 7 else 1
    day = int(date[8:10]) if len(date) >= 10 else 1
    ordinal = dt.date(year, month, day).timetuple().tm_yday
    return [
        f"{year:04d}{month:02d}{day:02d}",
        f"{year:04d}{month:02d}",
        f"{year:04d}",
        f"{year + ordinal / 365:.4f}",
    ]


def _actor_fields(actor: Actor | None, names: Mapping[str, str]) -> list[Any]:
    if actor is None:
        return [""] * len(_ACTOR)
    code = actor.code
    country = actor.country if actor.country in names else None
    rest = code[3:] if country and code.startswith(country) else ""
    group = ""
    if actor.organisation or (actor.sector == "IGO" and not country):
        # CAMEO writes international bodies as IGO + their own code (IGOUNO → UNO).
        group = code[3:6] if code.startswith("IGO") else code[:3]
    types = [rest[i : i + 3] for i in range(0, len(rest), 3)] if rest else []
    if not types and actor.sector and actor.sector != "IGO":
        types = [actor.sector]
    types = [*types, "", "", ""][:3]
    name = actor.person or actor.organisation or actor.name or ""
    return [code, name, country or "", group, "", "", "", *types]


def _country_geo(country: str | None, geo: _Geo) -> list[Any]:
    fips = geo.fips.get(country or "")
    if not country or not fips:
        return [""] * len(_GEO)
    lat, lon = geo.points.get(country, ("", ""))
    name = geo.names.get(country, country)
    return [_COUNTRY, name, fips, fips, "", lat, lon, fips]


def _place_geo(place: Place | None, geo: _Geo) -> list[Any]:
    if place is None:
        return [""] * len(_GEO)
    fips = geo.fips.get(place.country or "", "")
    if place.feature == "country":
        fields = _country_geo(place.country, geo)
        if fields[0]:
            fields[1] = place.name
            fields[5] = "" if place.lat is None else place.lat
            fields[6] = "" if place.lon is None else place.lon
            return fields
    state = place.feature in _STATE_FEATURES
    if place.country == "USA":
        kind = _US_STATE if state else _US_CITY
    else:
        kind = _STATE if state else _CITY
    country = geo.names.get(place.country or "")
    # A place narrowed from a country to a city in it is already "Islamabad, Pakistan".
    named = country is None or place.name.endswith(f", {country}")
    full = place.name if named else f"{place.name}, {country}"
    lat = "" if place.lat is None else place.lat
    lon = "" if place.lon is None else place.lon
    return [kind, full, fips, fips, "", lat, lon, ""]


def _counts_of(event: Event, counts: Counts | None) -> list[int]:
    # Counts given by the caller win; otherwise the event's own, which the store reads from
    # the event's cluster of reports (1 each for a lone report).
    if counts is not None:
        return [counts.mentions, counts.sources, counts.articles]
    return [event.num_mentions, event.num_sources, event.num_articles]


def country_names(knowledge: Knowledge | None = None) -> dict[str, str]:
    """Return ISO3 → country name, from the ``countries`` section of a knowledge base.

    Args:
        knowledge: A loaded knowledge base, e.g. one with the user's knowledge directories.

    Returns:
        The names by code.
    """
    countries = (knowledge or Knowledge.load()).countries
    return {code: country.name for code, country in countries.items()}


def gdelt_row(
    event: Event,
    *,
    knowledge: Knowledge | None = None,
    counts: Counts | None = None,
    source_url: str = "",
    added: dt.datetime,
) -> list[Any]:
    """Return one event as the 61 values of a GDELT 2.0 event row.

    Args:
        event: The event (corrections applied).
        knowledge: Country names for the geography fields (default: the bundled ones).
        counts: Mentions, sources and articles reporting it (default: the event's own).
        source_url: The address of the article that reported it.
        added: When it was added, for ``DATEADDED`` (YYYYMMDDHHMMSS).

    Returns:
        The values in :data:`GDELT_COLUMNS` order; unknown ones are empty strings.
    """
    geo = _geo(knowledge or Knowledge.load())
    return _row(event, geo, counts, source_url, added.strftime("%Y%m%d%H%M%S"))


def _row(event: Event, geo: _Geo, counts: Counts | None, source_url: str, added: str) -> list[Any]:
    root, base = event.cameo[:2], event.cameo[:3]
    row: list[Any] = [global_event_id(event.id), *_date_fields(event.date)]
    row += _actor_fields(event.source, geo.names)
    row += _actor_fields(event.target, geo.names)
    row += [1 if 0 <= event.sentence_index < _LEAD_SENTENCES else 0, event.cameo, base, root]
    row += [event.quad_class, event.goldstein]
    row += _counts_of(event, counts)
    row += [""]
    row += _country_geo(event.source.country, geo)
    row += _country_geo(event.target.country if event.target else None, geo)
    row += _place_geo(event.place, geo)
    row += [added, source_url]
    return row


def gdelt_bytes(
    events: Sequence[Event],
    *,
    knowledge: Knowledge | None = None,
    counts: Mapping[str, Counts] | None = None,
    source_urls: Mapping[str, str] | None = None,
    added: dt.datetime | None = None,
    header: bool = False,
) -> bytes:
    """Return events as a GDELT 2.0 event file: tab-separated, no quoting, UTF-8.

    Args:
        events: The events.
        knowledge: Country names (default: the bundled ones).
        counts: GDELT counts by event id (default: each event's own cluster counts).
        source_urls: The reporting article's address by document id.
        added: The ``DATEADDED`` time (default now, UTC).
        header: Write :data:`GDELT_COLUMNS` as a first line (GDELT's files have none).

    Returns:
        The file's bytes.
    """
    geo = _geo(knowledge or Knowledge.load())
    stamp = (added or dt.datetime.now(dt.UTC)).strftime("%Y%m%d%H%M%S")
    found_counts = counts or {}
    urls = source_urls or {}
    lines = ["\t".join(GDELT_COLUMNS)] if header else []
    for event in events:
        row = _row(event, geo, found_counts.get(event.id), urls.get(event.doc_id, ""), stamp)
        lines.append("\t".join(_clean(value) for value in row))
    return "".join(line + "\n" for line in lines).encode("utf-8")


def _clean(value: Any) -> str:
    # GDELT files are unquoted: tabs and line breaks inside a value would split the row.
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)
