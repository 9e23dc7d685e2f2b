"""Tests for bilat.places: gazetteer lookups, toponym finding, event places, datelines."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilat.evaluation.places import evaluate_geowebnews, haversine_km
from bilat.places import Geocoder, choose_event_place, find_places, parse_dateline_place
from bilat.records import Place
from conftest import floor

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
# Measured 2026-11-23: country accuracy 0.9726 on 1,499 resolved toponyms (docs/accuracy-places.md).

ISLAMABAD = Place("Islamabad", "PAK", 33.72148, 73.04329, "city", "dateline")
BEIJING = Place("Beijing", "CHN", 39.9075, 116.39723, "city", "dateline")


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    return Geocoder.load()


def test_geocoder_load_is_cached() -> None:
    assert Geocoder.load() is Geocoder.load()


def test_geocode_hyderabad_in_pakistani_context(geocoder: Geocoder) -> None:
    assert geocoder.geocode("Hyderabad", context=["PAK", "IND"]) == Place(
        "Hyderabad", "PAK", 25.39689, 68.37718, "city", "gazetteer: in context country PAK"
    )


def test_geocode_hyderabad_in_indian_context(geocoder: Geocoder) -> None:
    assert geocoder.geocode("Hyderabad", context=["IND", "PAK"]) == Place(
        "Hyderabad", "IND", 17.38405, 78.45636, "city", "gazetteer: in context country IND"
    )


def test_geocode_balochistan_is_a_pakistani_region(geocoder: Geocoder) -> None:
    assert geocoder.geocode("Balochistan") == Place(
        "Balochistan", "PAK", 28.5, 65.0, "region", "gazetteer: only match"
    )


@pytest.mark.parametrize(
    ("alias", "name", "country"),
    [
        ("the White House", "Washington", "USA"),
        ("Foggy Bottom", "Washington", "USA"),
        ("GHQ", "Rawalpindi", "PAK"),
        ("Downing Street", "London", "GBR"),
        ("the Kremlin", "Moscow", "RUS"),
        ("Zhongnanhai", "Beijing", "CHN"),
        ("IIOJK", "Jammu and Kashmir", "IND"),
        ("KPK", "Khyber Pakhtunkhwa", "PAK"),
    ],
)
def test_geocode_alias_resolves_to_its_place(
    geocoder: Geocoder, alias: str, name: str, country: str
) -> None:
    place = geocoder.geocode(alias)
    assert place is not None
    assert (place.name, place.country) == (name, country)


def test_geocode_white_house_is_washington(geocoder: Geocoder) -> None:
    place = geocoder.geocode("the White House")
    assert place is not None
    assert (place.name, place.country, place.lat, place.lon) == (
        "Washington",
        "USA",
        38.89511,
        -77.03637,
    )


def test_geocode_country_name_gives_country_point(geocoder: Geocoder) -> None:
    assert geocoder.geocode("Pakistan") == Place(
        "Pakistan", "PAK", 30.0, 70.0, "country", "gazetteer: only match"
    )


@pytest.mark.parametrize("word", ["Pakistani", "American", "Chinese", "Of", "Police", "us"])
def test_geocode_non_place_word_is_none(geocoder: Geocoder, word: str) -> None:
    assert geocoder.geocode(word) is None


def test_geocode_lowercase_name_is_none(geocoder: Geocoder) -> None:
    assert geocoder.geocode("karachi") is None


def test_geocode_context_state_beats_same_named_country(geocoder: Geocoder) -> None:
    place = geocoder.geocode("Georgia", context=["USA"])
    assert place is not None
    assert (place.country, place.feature) == ("USA", "region")


def test_find_places_multiword_and_possessive() -> None:
    text = "Envoys from Dera Ismail Khan flew to New York, then to Pakistan's capital."
    found = [(s, e, p.name, p.country) for s, e, p in find_places(text)]
    assert found == [
        (12, 28, "Dera Ismail Khan", "PAK"),
        (37, 45, "New York City", "USA"),
        (55, 63, "Pakistan", "PAK"),
    ]


def test_find_places_respects_bounds_and_entities() -> None:
    text = "George Washington spoke. Troops moved near Quetta and Khyber Pakhtunkhwa."
    found = find_places(text, start=25, entities=[(0, 17, "PERSON"), (43, 49, "GPE")])
    assert [(s, e, p.name) for s, e, p in found] == [
        (43, 49, "Quetta"),
        (54, 72, "Khyber Pakhtunkhwa"),
    ]


def test_find_places_scan_skips_town_names_of_people() -> None:
    text = "Secretary Marco Rubio met Ishaq Dar in Islamabad on Monday."
    assert [(s, e, p.name) for s, e, p in find_places(text)] == [(39, 48, "Islamabad")]


def test_find_places_skips_person_entity() -> None:
    text = "George Washington spoke."
    assert find_places(text, entities=[(0, 17, "PERSON")]) == []


@pytest.mark.parametrize(
    ("text", "person", "expected"),
    [
        ("Troops faced off in eastern Ladakh.", "Ladakh", [(28, 34, "Ladakh", "region")]),
        ("Talks went on in Jordan all week.", "Jordan", [(17, 23, "Jordan", "country")]),
        ("Michael Jordan spoke.", "Michael Jordan", []),
        ("They met Georgia at noon.", "Georgia", []),
    ],
)
def test_find_places_person_tag_after_a_locative_is_a_region(
    text: str, person: str, expected: list[tuple[int, int, str, str]]
) -> None:
    start = text.index(person)
    found = find_places(text, entities=[(start, start + len(person), "PERSON")])
    assert [(s, e, p.name, p.feature) for s, e, p in found] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The envoy arrived in the Iranian capital.",
            [(25, 40, "Tehran", "gazetteer: the Iranian capital")],
        ),
        (
            "Talks opened in the Afghan capital, Kabul.",
            [
                (20, 34, "Kabul", "gazetteer: the Afghan capital"),
                (36, 41, "Kabul", "gazetteer: only match"),
            ],
        ),
        ("The capital was calm.", []),
    ],
)
def test_find_places_nationality_capital(
    text: str, expected: list[tuple[int, int, str, str]]
) -> None:
    assert [(s, e, p.name, p.how) for s, e, p in find_places(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Envoys met in Agartala on Monday.", [(14, 22, "Agartala")]),
        ("Envoys met in Agartala Road Station.", []),
    ],
)
def test_find_places_city_before_a_connector_is_no_part_of_a_name(
    text: str, expected: list[tuple[int, int, str]]
) -> None:
    assert [(s, e, p.name) for s, e, p in find_places(text)] == expected


@pytest.mark.parametrize(
    ("dateline", "expected"),
    [
        ("ISLAMABAD:", ISLAMABAD),
        ("ISLAMABAD, April 1 (AFP) -", ISLAMABAD),
        ("BEIJING, Dec. 3 (Xinhua) --", BEIJING),
        (
            "KUALA LUMPUR, April 1 , 1997 (AFP)",
            Place("Kuala Lumpur", "MYS", 3.1412, 101.68653, "city", "dateline"),
        ),
        ("UNITED NATIONS, May 3 (AFP) -", None),
        ("", None),
    ],
)
def test_parse_dateline_place(dateline: str, expected: Place | None) -> None:
    assert parse_dateline_place(dateline) == expected


def _event_place(sentence: str, *, dateline: Place | None, trigger: str | None = None) -> Place:
    text = "Opening line. " + sentence
    start = text.index(sentence)
    places = find_places(text)
    result = choose_event_place(sentence, start, places, dateline=dateline, trigger=trigger)
    assert result is not None
    return result


def test_choose_event_place_in_clause_beats_dateline() -> None:
    place = _event_place("The two ministers met in Beijing on Tuesday.", dateline=ISLAMABAD)
    assert (place.name, place.how) == ("Beijing", "in-sentence 'in Beijing'")


def test_choose_event_place_skips_country_modifier() -> None:
    place = _event_place(
        "Protesters gathered at the Pakistan Consulate in New York.", dateline=ISLAMABAD
    )
    assert (place.name, place.how) == ("New York City", "in-sentence 'in New York'")


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        ("A mob attacked the Bangladesh mission in Agartala.", "attacked", "Agartala"),
        ("Protesters gathered outside Iran's embassy in Kabul.", "gathered", "Kabul"),
        ("A mob attacked the Bangladesh mission.", "attacked", None),
        ("Envoys met in Pakistan after the vote.", "met", "Pakistan"),
    ],
)
def test_choose_event_place_skips_country_modifying_a_noun(
    sentence: str, trigger: str, expected: str | None
) -> None:
    place = choose_event_place(sentence, 0, find_places(sentence), dateline=None, trigger=trigger)
    assert (None if place is None else place.name) == expected


def test_choose_event_place_noun_phrase_of_city() -> None:
    place = _event_place("A blast hit a market in the southwestern city of Quetta.", dateline=None)
    assert (place.name, place.how) == ("Quetta", "in-sentence 'in Quetta'")


def test_choose_event_place_dateline_fallback() -> None:
    place = _event_place("Pakistan said it would talk to China.", dateline=ISLAMABAD)
    assert place == ISLAMABAD


def test_choose_event_place_to_needs_visit_trigger() -> None:
    sentence = "The minister travelled to Beijing."
    assert _event_place(sentence, dateline=ISLAMABAD) == ISLAMABAD
    place = _event_place(sentence, dateline=ISLAMABAD, trigger="travel")
    assert (place.name, place.how) == ("Beijing", "in-sentence 'to Beijing'")


def test_choose_event_place_none_without_place_or_dateline() -> None:
    sentence = "Pakistan said it would talk to China."
    places = find_places(sentence)
    assert choose_event_place(sentence, 0, places, dateline=None) is None


def test_haversine_km_lahore_to_islamabad() -> None:
    assert round(haversine_km(31.558, 74.35071, 33.72148, 73.04329)) == 270


@pytest.mark.shared
def test_evaluate_geowebnews_meets_floor() -> None:
    path = SHARED / "gold" / "dev" / "geowebnews" / "GWN.xml"
    if not path.exists():
        pytest.skip("../shared not present")
    scores = evaluate_geowebnews(path)
    assert scores["toponyms"] == 2601
    assert scores["country_accuracy"] >= floor("geowebnews", "country_accuracy")
    assert scores["within_161km"] >= floor("geowebnews", "within_161km")


@pytest.mark.parametrize(
    ("text", "person", "expected"),
    [
        ("The envoys will meet in Sanaa next week.", "Sanaa", [(24, 29, "Sanaa", "city")]),
        ("Troops moved near Quetta overnight.", "Quetta", [(18, 24, "Quetta", "city")]),
        ("The talks were held in Nelson on Friday.", "Nelson", []),
        ("Sanaa spoke to reporters.", "Sanaa", []),
    ],
)
def test_find_places_person_tag_after_a_locative_is_a_large_city(
    text: str, person: str, expected: list[tuple[int, int, str, str]]
) -> None:
    start = text.index(person)
    found = find_places(text, entities=[(start, start + len(person), "PERSON")])
    assert [(s, e, p.name, p.feature) for s, e, p in found] == expected
