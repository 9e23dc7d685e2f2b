"""Tests for an event's place in context: text datelines, venues, visits, phone calls."""

from __future__ import annotations

from typing import Any

import pytest

from bilat.evaluation import score_events
from bilat.places import (
    Geocoder,
    PlaceSlot,
    choose_event_place,
    dateline_place_in_text,
    find_venues,
    inherit_places,
    is_fighting,
    is_habitual,
    is_remote,
    says_here,
)
from bilat.places.geocoder import with_how
from bilat.records import Document, Place

RIYADH = Place("Riyadh", "SAU", 24.68773, 46.72185, "city", "in-sentence 'in Riyadh'")
DOHA = Place("Doha", "QAT", 25.28545, 51.53096, "city", "dateline")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Washington: The administration acted.", "Washington"),
        ("[HANOI] The president said the talks ended.", "Hanoi"),
        ("PARIS/BRUSSELS — Officials said on Friday.", "Paris"),
        ("Doha, Feb 29: The two sides signed a deal.", "Doha"),
        ("MOSCOW — Officials met.", "Moscow"),
        ("Headline of the day\n\nISLAMABAD: The cabinet met.", "Islamabad"),
    ],
)
def test_dateline_place_in_text_reads_opening_line(text: str, expected: str) -> None:
    place = dateline_place_in_text(text)
    assert place is not None
    assert (place.name, place.how) == (expected, "dateline")


@pytest.mark.parametrize("text", ["Key points: nothing was agreed.", "Talks ended on Friday."])
def test_dateline_place_in_text_none_without_a_place(text: str) -> None:
    assert dateline_place_in_text(text) is None


def test_inherit_places_current_event_takes_earlier_venue() -> None:
    slots = [
        PlaceSlot(RIYADH, True, 0, 40, venue=True),
        PlaceSlot(None, True, 41, 80),
    ]
    chosen = inherit_places(slots, dateline=DOHA)
    assert [(p.name, p.how) if p else None for p in chosen] == [
        ("Riyadh", "in-sentence 'in Riyadh'"),
        ("Riyadh", "venue named earlier (Riyadh)"),
    ]


def test_inherit_places_background_event_takes_no_venue() -> None:
    slots = [PlaceSlot(RIYADH, True, 0, 40, venue=True), PlaceSlot(None, False, 41, 80)]
    chosen = inherit_places(slots, dateline=None)
    assert chosen[1] is None


def test_inherit_places_background_event_takes_no_dateline() -> None:
    slots = [PlaceSlot(None, True, 0, 40), PlaceSlot(None, False, 41, 80)]
    assert inherit_places(slots, dateline=DOHA) == [with_how(DOHA, "dateline"), None]


def test_inherit_places_phone_call_has_no_place() -> None:
    slots = [PlaceSlot(RIYADH, True, 0, 40, venue=True), PlaceSlot(None, True, 41, 80, remote=True)]
    assert inherit_places(slots, dateline=DOHA)[1] is None


def test_inherit_places_here_is_the_dateline_city() -> None:
    chosen = inherit_places([PlaceSlot(None, False, 0, 40, here=True)], dateline=DOHA)
    assert chosen == [Place("Doha", "QAT", 25.28545, 51.53096, "city", "dateline 'here'")]


def test_inherit_places_venue_named_later_when_nothing_came_before() -> None:
    slots = [PlaceSlot(None, True, 0, 40)]
    chosen = inherit_places(slots, dateline=None, venues=[(60, RIYADH)])
    assert chosen == [
        Place("Riyadh", "SAU", 24.68773, 46.72185, "city", "venue of the article (Riyadh)")
    ]


def test_find_venues_meeting_place() -> None:
    text = "The ministers met in Geneva on Wednesday."
    lemmas = [(text.index("met"), "meet")]
    places = Geocoder.load().find_places(text, entities=[(21, 27, "GPE")])
    assert [(o, p.name, p.how) for o, p in find_venues(text, places, lemmas)] == [
        (21, "Geneva", "venue 'in Geneva'")
    ]


def test_find_venues_visit_destination() -> None:
    text = "The premier left for Moscow on a two-day visit."
    places = Geocoder.load().find_places(text)
    lemmas = [(text.index("left"), "leave"), (text.index("visit"), "visit")]
    assert [(o, p.name, p.how) for o, p in find_venues(text, places, lemmas)] == [
        (21, "Moscow", "visit 'for Moscow'")
    ]


def test_find_venues_needs_a_gathering_word() -> None:
    text = "The minister was born in Geneva."
    places = Geocoder.load().find_places(text, entities=[(25, 31, "GPE")])
    assert find_venues(text, places, [(text.index("born"), "bear")]) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The two ministers spoke by phone.", True),
        ("They held a video conference.", True),
        ("The two ministers met in Doha.", False),
    ],
)
def test_is_remote(sentence: str, expected: bool) -> None:
    assert is_remote(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [("In a meeting held here, they agreed.", True), ("Here is the text.", False)],
)
def test_says_here(sentence: str, expected: bool) -> None:
    assert says_here(sentence) is expected


def _places(pipeline: Any, text: str) -> list[tuple[str, str, str, str | None]]:
    extraction = pipeline.extract(Document.from_text(text, doc_id="t", published="2023-03-07"))
    return [
        (e.source.code, e.cameo, e.target.code, e.place.name if e.place else None)
        for e in extraction.events
    ]


def test_extract_events_take_the_text_dateline(pipeline: Any) -> None:
    text = "ISLAMABAD: Pakistan condemned India on Sunday. Pakistan also criticised India."
    assert _places(pipeline, text) == [
        ("PAK", "111", "IND", "Islamabad"),
        ("PAK", "111", "IND", "Islamabad"),
    ]


def test_extract_event_after_a_visit_takes_its_destination(pipeline: Any) -> None:
    text = (
        "The prime minister left for Moscow on a two-day visit on Monday. Pakistan praised Russia."
    )
    assert _places(pipeline, text) == [("PAK", "051", "RUS", "Moscow")]


def test_extract_phone_call_has_no_place(pipeline: Any) -> None:
    text = (
        "ISLAMABAD: Pakistan's foreign minister held a phone call with Iran's foreign minister "
        "on Sunday."
    )
    assert _places(pipeline, text) == [("PAKGOV", "041", "IRNGOV", None)]


def _choose(sentence: str, trigger: str, lemma: str) -> str | None:
    places = Geocoder.load().find_places(sentence)
    place = choose_event_place(sentence, 0, places, dateline=None, trigger=trigger, lemma=lemma)
    return None if place is None else place.how


@pytest.mark.parametrize(
    ("sentence", "trigger", "lemma", "expected"),
    [
        (
            "Russia launched an invasion of Ukraine.",
            "invasion",
            "invasion",
            "in-sentence 'of Ukraine'",
        ),
        ("Iran condemned the attack on Israel.", "attack", "attack", "in-sentence 'on Israel'"),
        ("Troops were attacked by the army of China.", "attacked", "attack", None),
        ("Talks on Ukraine ended.", "Talks", "talk", None),
        ("Iran condemned the attack on Israel.", "condemned", "condemn", None),
        (
            "Russia launched an invasion of Ukraine.",
            "launched",
            "launch",
            "in-sentence 'of Ukraine'",
        ),
        ("Rebels rose in Ukraine's Donbass.", "rose", "rise", "in-sentence 'in Donbass'"),
    ],
)
def test_choose_event_place_strike_targets_and_possessive_owner(
    sentence: str, trigger: str, lemma: str, expected: str | None
) -> None:
    assert _choose(sentence, trigger, lemma) == expected


def test_extract_phone_call_in_another_clause_keeps_the_place(pipeline: Any) -> None:
    text = (
        "ISLAMABAD: Pakistan condemned India on Sunday, after its leaders did not receive a "
        "phone call from Iran."
    )
    assert _places(pipeline, text) == [
        ("PAK", "111", "IND", "Islamabad"),
        ("PAK", "041", "IRN", None),
    ]


def test_score_events_reports_share_of_empty_places() -> None:
    gold = [
        {
            "doc": "d",
            "id": f"d-{i}",
            "text": text,
            "codes": ["111"],
            "source": "PAK",
            "target": "IND",
            "place": "Islamabad",
            "required": True,
        }
        for i, text in enumerate(["Pakistan criticised India", "Pakistan condemned India"])
    ]
    system = [
        {
            "doc_id": "d",
            "sentence": "Pakistan criticised India.",
            "cameo": "111",
            "source": "PAK",
            "target": "IND",
            "place": {"name": "Islamabad"},
        },
        {
            "doc_id": "d",
            "sentence": "Pakistan condemned India.",
            "cameo": "111",
            "source": "PAK",
            "target": "IND",
            "place": None,
        },
    ]
    score = score_events(gold, system)
    assert (score.placed_matches, score.place_accuracy, score.empty_place_share) == (2, 0.5, 0.5)


@pytest.mark.parametrize(
    ("sentence", "trigger", "lemma", "expected"),
    [
        ("The army will withdraw its troops from Syria.", "withdraw", "withdraw", "from Syria"),
        ("The envoy was recalled from Berlin last month.", "recalled", "recall", "from Berlin"),
        ("Delegates from Kabul met in Doha.", "met", "meet", "in Doha"),
        ("Delegates from Kabul met officials.", "met", "meet", None),
        ("Troops seized the Crimean Peninsula.", "seized", "seize", "seized Crimean Peninsula"),
        ("Troops occupied Kuwait.", "occupied", "occupy", "occupied Kuwait"),
    ],
)
def test_choose_event_place_withdrawal_origin_and_seized_object(
    sentence: str, trigger: str, lemma: str, expected: str | None
) -> None:
    how = _choose(sentence, trigger, lemma)
    assert how == (None if expected is None else f"in-sentence '{expected}'")


ISLAMABAD = Place("Islamabad", "PAK", 33.72148, 73.04329, "city", "dateline")
PAKISTAN = Place("Pakistan", "PAK", 30.0, 70.0, "country", "in-sentence 'to Pakistan'")


def test_inherit_places_visit_country_narrowed_to_the_articles_city_in_it() -> None:
    chosen = inherit_places([PlaceSlot(PAKISTAN, True, 0, 40, venue=True)], dateline=ISLAMABAD)
    assert chosen == [
        Place(
            "Islamabad, Pakistan",
            "PAK",
            33.72148,
            73.04329,
            "city",
            "in-sentence 'to Pakistan'; city of the article (Islamabad)",
        )
    ]


def test_inherit_places_country_kept_when_the_articles_city_is_elsewhere() -> None:
    chosen = inherit_places([PlaceSlot(PAKISTAN, True, 0, 40, venue=True)], dateline=DOHA)
    assert chosen == [PAKISTAN]


def test_inherit_places_strike_on_a_country_not_narrowed_to_the_dateline_city() -> None:
    struck = Place("Pakistan", "PAK", 30.0, 70.0, "country", "in-sentence 'on Pakistan'")
    chosen = inherit_places([PlaceSlot(struck, True, 0, 40)], dateline=ISLAMABAD)
    assert chosen == [struck]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Talks were held in Lahore and Karachi.",
            "in-sentence 'in Lahore and Karachi' (both in Pakistan)",
        ),
        ("Talks were held in Lahore and Kabul.", "in-sentence 'in Lahore'"),
        ("Talks were held in Lahore, and officials left.", "in-sentence 'in Lahore'"),
    ],
)
def test_choose_event_place_two_cities_of_one_country_give_the_country(
    sentence: str, expected: str
) -> None:
    assert _choose(sentence, "Talks", "talk") == expected


def test_inherit_places_spread_country_not_narrowed_to_the_dateline_city() -> None:
    spread = Place(
        "Pakistan",
        "PAK",
        30.0,
        70.0,
        "country",
        "in-sentence 'in Lahore and Karachi' (both in Pakistan)",
    )
    chosen = inherit_places([PlaceSlot(spread, True, 0, 40, venue=True)], dateline=ISLAMABAD)
    assert chosen == [spread]


def test_inherit_places_other_events_keep_a_venue_of_no_country() -> None:
    sea = Place("Black Sea", None, 43.0, 35.0, "region", "venue 'in Black Sea'")
    chosen = inherit_places([PlaceSlot(None, True, 41, 80)], dateline=None, venues=[(10, sea)])
    assert chosen == [with_how(sea, "venue named earlier (Black Sea)")]


@pytest.mark.parametrize(
    ("sentence", "trigger", "lemma", "expected"),
    [
        (
            "Georgia applied in the wake of Russia's invasion of Ukraine.",
            "invasion",
            "invasion",
            "in-sentence 'of Ukraine'",
        ),
        ("Kyiv stood firm in the face of Russia's demands.", "stood", "stand", None),
        (
            "Talks were held in the southwestern city of Quetta.",
            "held",
            "hold",
            "in-sentence 'in Quetta'",
        ),
    ],
)
def test_choose_event_place_idiom_names_no_place(
    sentence: str, trigger: str, lemma: str, expected: str | None
) -> None:
    assert _choose(sentence, trigger, lemma) == expected


@pytest.mark.parametrize(
    ("sentence", "trigger", "lemma", "expected"),
    [
        ("Leaders met in the Russian city of Sochi.", "met", "meet", "in-sentence 'in Sochi'"),
        (
            "Leaders met in the Black Sea resort of Sochi.",
            "met",
            "meet",
            "in-sentence 'in Sochi'",
        ),
        ("Rebels came from the Russian city of Sochi.", "came", "come", None),
        (
            "Troops fought in the Gaza Strip town of Qarara.",
            "fought",
            "fight",
            "in-sentence 'in Gaza Strip'",
        ),
    ],
)
def test_choose_event_place_settlement_named_after_of(
    sentence: str, trigger: str, lemma: str, expected: str | None
) -> None:
    assert _choose(sentence, trigger, lemma) == expected


def test_find_venues_settlement_not_the_name_qualifying_it() -> None:
    text = "The summit was held in the Black Sea resort of Sochi."
    places = Geocoder.load().find_places(text)
    lemmas = [(text.index("summit"), "summit"), (text.index("held"), "hold")]
    assert [(offset, place.name) for offset, place in find_venues(text, places, lemmas)] == [
        (text.index("Sochi"), "Sochi")
    ]


def test_find_venues_clash_without_a_gathering_word() -> None:
    text = "Troops clashed in Ladakh on Monday. Envoys met in Geneva after the clash in Ladakh."
    places = Geocoder.load().find_places(text)
    lemmas = [
        (text.index("clashed"), "clash"),
        (text.index("met"), "meet"),
        (text.rindex("clash"), "clash"),
    ]
    assert [(p.name, p.how) for _, p in find_venues(text, places, lemmas)] == [
        ("Ladakh", "clash 'in Ladakh'"),
        ("Geneva", "venue 'in Geneva'"),
        ("Ladakh", "venue 'in Ladakh'"),
    ]


LADAKH = Place("Ladakh", "IND", 34.5, 77.5, "region", "clash 'in Ladakh'")


@pytest.mark.parametrize(
    ("slot", "expected"),
    [
        (PlaceSlot(None, True, 41, 80), "Doha"),
        (PlaceSlot(None, True, 41, 80, fighting=True), "Ladakh"),
        (PlaceSlot(None, True, 41, 80, source_country="IND"), "Ladakh"),
        (PlaceSlot(None, True, 41, 80, source_country="CHN"), "Doha"),
    ],
)
def test_inherit_places_clash_venue_only_for_fighting_or_its_country(
    slot: PlaceSlot, expected: str
) -> None:
    chosen = inherit_places([slot], dateline=DOHA, venues=[(10, LADAKH)])
    assert [None if p is None else p.name for p in chosen] == [expected]


def test_inherit_places_fighting_slot_sets_a_clash_venue() -> None:
    clash = Place("Ladakh", "IND", 34.5, 77.5, "region", "in-sentence 'in Ladakh'")
    slots = [
        PlaceSlot(clash, True, 0, 40, venue=True, fighting=True),
        PlaceSlot(None, True, 41, 80, source_country="CHN"),
        PlaceSlot(None, True, 81, 120, fighting=True),
    ]
    chosen = inherit_places(slots, dateline=None)
    assert [None if p is None else p.how for p in chosen] == [
        "in-sentence 'in Ladakh'",
        None,
        "venue named earlier (Ladakh)",
    ]


@pytest.mark.parametrize(("code", "expected"), [("190", True), ("150", True), ("111", False)])
def test_is_fighting(code: str, expected: bool) -> None:
    assert is_fighting(code) is expected


@pytest.mark.parametrize(
    ("sentence", "trigger", "lemma", "expected"),
    [
        ("Erdogan made his first visit to Egypt.", "made", "make", "in-sentence 'to Egypt'"),
        ("Sisi began a state visit to Turkey.", "began", "begin", "in-sentence 'to Turkey'"),
        ("Iran made a proposal to Egypt.", "made", "make", None),
        ("Russia made land concessions to Egypt.", "made", "make", None),
    ],
)
def test_choose_event_place_visit_as_the_verbs_object(
    sentence: str, trigger: str, lemma: str, expected: str | None
) -> None:
    assert _choose(sentence, trigger, lemma) == expected


@pytest.mark.parametrize(
    ("sentence", "trigger", "lemma", "expected"),
    [
        (
            "The envoys discussed the situation in Syria during talks in Geneva.",
            "discussed",
            "discuss",
            "in-sentence 'in Geneva'",
        ),
        ("The ministers discussed the crisis in eastern Ukraine.", "discussed", "discuss", None),
        ("Peru condemned the violence in Haiti.", "condemned", "condemn", None),
        ("The fighting in Gaza went on.", "fighting", "fighting", "in-sentence 'in Gaza'"),
        ("Russia waged war in Ukraine.", "war", "war", "in-sentence 'in Ukraine'"),
        ("The envoys met in Syria.", "met", "meet", "in-sentence 'in Syria'"),
    ],
)
def test_choose_event_place_topic_of_the_event_is_not_its_place(
    sentence: str, trigger: str, lemma: str, expected: str | None
) -> None:
    assert _choose(sentence, trigger, lemma) == expected


def test_find_venues_topic_sets_no_venue() -> None:
    text = "He made a rare visit to Russia amid the war in Ukraine."
    places = Geocoder.load().find_places(text)
    lemmas = [(text.index("made"), "make"), (text.index("visit"), "visit")]
    assert [(offset, place.name) for offset, place in find_venues(text, places, lemmas)] == [
        (text.index("Russia"), "Russia")
    ]


def test_find_venues_fighting_in_a_place_is_a_clash_venue() -> None:
    text = "The fighting in Gaza went on for a week."
    places = Geocoder.load().find_places(text)
    lemmas = [(text.index("fighting"), "fighting")]
    assert [(place.name, place.how) for _, place in find_venues(text, places, lemmas)] == [
        ("Gaza", "clash 'in Gaza'")
    ]


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("VNM", "in-sentence 'to Vietnam'"),
        ("LAO", "in-sentence 'to Laos'"),
        ("IND", "in-sentence 'to India'"),
        ("PAK", "in-sentence 'to Pakistan'"),
        ("CHN", "in-sentence 'to Vietnam'"),
        (None, "in-sentence 'to Vietnam'"),
    ],
)
def test_choose_event_place_visit_to_several_places_goes_to_the_target(
    target: str | None, expected: str
) -> None:
    sentence = "Hu will pay state visits next month to Vietnam, Laos, India and Pakistan."
    places = Geocoder.load().find_places(sentence)
    place = choose_event_place(
        sentence, 0, places, dateline=None, trigger="pay", lemma="pay", target_country=target
    )
    assert place is not None
    assert place.how == expected


def test_choose_event_place_listed_places_count_only_for_visits() -> None:
    sentence = "China protested to Vietnam, Laos and India on Monday."
    places = Geocoder.load().find_places(sentence)
    place = choose_event_place(
        sentence,
        0,
        places,
        dateline=None,
        trigger="protested",
        lemma="protest",
        target_country="IND",
    )
    assert place is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Chile has repeatedly accused Peru of stalling.", True),
        ("Russia has long been pushing for talks.", True),
        ("The two sides have often clashed.", True),
        ("Japan has protested to China for years.", True),
        ("Chile accused Peru of stalling on Monday.", False),
        ("Russia has pushed for talks.", False),
        ("The envoy arrived long after the talks began.", False),
    ],
)
def test_is_habitual(sentence: str, expected: bool) -> None:
    assert is_habitual(sentence) is expected
