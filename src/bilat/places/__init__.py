"""Places: an offline gazetteer, a geocoder, toponym finding and the choice of an event's place.

>>> from bilat.places import Geocoder, parse_dateline_place
>>> Geocoder.load().geocode("Balochistan").country
'PAK'
"""

from __future__ import annotations

from bilat.places.event_place import choose_event_place, parse_dateline_place
from bilat.places.geocoder import Geocoder, find_places

__all__ = ["Geocoder", "choose_event_place", "find_places", "parse_dateline_place"]
