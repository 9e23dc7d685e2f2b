"""Places: an offline gazetteer, a geocoder, toponym finding and the choice of an event's place.

>>> from bilat.places import Geocoder, parse_dateline_place
>>> Geocoder.load().geocode("Balochistan").country
'PAK'
"""

from __future__ import annotations

from bilat.places.event_place import (
    PlaceSlot,
    choose_event_place,
    dateline_place_in_text,
    find_venues,
    inherit_places,
    is_fighting,
    is_habitual,
    is_remote,
    is_venue,
    parse_dateline_place,
    says_here,
)
from bilat.places.geocoder import Geocoder, find_places

__all__ = [
    "Geocoder",
    "PlaceSlot",
    "choose_event_place",
    "dateline_place_in_text",
    "find_places",
    "find_venues",
    "inherit_places",
    "is_fighting",
    "is_habitual",
    "is_remote",
    "is_venue",
    "parse_dateline_place",
    "says_here",
]
