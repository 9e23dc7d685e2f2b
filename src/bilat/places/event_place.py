"""Choose where an event happened: a place its own sentence puts it at, else one the article set.

An event whose sentence names no place takes the scene the article has set for the news of the
day: the venue of the latest current event placed before it ("in Riyadh on Tuesday" … "the two
sides also agreed"), else the dateline city ("DOHA:"), else the first venue the article gives
later. Background events take no place from the article (a war of 1980 was not fought where
today's report is filed); an exchange by phone has no place.

>>> parse_dateline_place("BEIJING, Dec. 3 (Xinhua) --").name
'Beijing'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bilat.places.gazetteer import Gazetteer
from bilat.places.geocoder import Geocoder, with_how
from bilat.places.phrases import (
    DETERMINERS,
    WORD,
    forms,
    introducing_preposition,
    is_modifier,
    names_settlement,
    names_target,
    object_visit,
    topic_noun,
    trigger_offset,
)
from bilat.records import Place

# "ISLAMABAD:", "KUALA LUMPUR, April 1", "BEIJING, Dec. 3 (Xinhua) --", "QUETTA (Dawn) -"
_DATELINE = re.compile(r"^\s*([^\W\d_][^\W\d_ .'’-]*(?:[ .'’-]+[^\W\d_]+)*)\s*(?:[,:(/–—-]|$)")

_FEATURE_RANK = {"city": 0, "region": 1, "country": 2, "continent": 3}
# An opening line's dateline in any case: "Washington:", "Doha, Feb 29:", "[HANOI]",
# "PARIS/BRUSSELS —", "MOSCOW —". At most four capitalised words name the place.
_TEXT_DATELINE = re.compile(
    r"^\s*\[?(?P<name>[A-Z][\w.'’-]*(?:[ ][A-Z][\w.'’-]*){0,3})(?:/[A-Z][\w/ -]*)?\]?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?(?:\s*(?::|--|[–—-])\s+|(?<=\])\s+)(?=\S)"
)
_DATELINE_LINES = 6
_VENUE_REACH = 80
_VENUE_FEATURES = ("city", "region", "country")
_VENUE_HOW = ("in-sentence 'in ", "in-sentence 'at ", "in-sentence 'to ", "in-sentence 'visit")
# "a meeting held here": the city the report is filed from.
_HERE = re.compile(r"\bhere\b(?!\s+(?:is|are|was|were)\b)")


def parse_dateline_place(dateline: str) -> Place | None:
    """Resolve the city at the head of a dateline.

    Args:
        dateline: e.g. ``"ISLAMABAD:"``, ``"ISLAMABAD, April 1 (AFP) -"``,
            ``"KUALA LUMPUR, April 1 , 1997 (AFP)"``.

    Returns:
        The place with ``how="dateline"``, or None when no known place heads the dateline.
    """
    match = _DATELINE.match(dateline)
    if match is None:
        return None
    name = match.group(1).strip()
    if name.isupper():
        # Datelines shout; the gazetteer is written in title case ("Dera Ismail Khan").
        name = " ".join(word.capitalize() for word in name.split())
    place = Geocoder.load().geocode(name)
    return None if place is None else with_how(place, "dateline")


def dateline_place_in_text(text: str) -> Place | None:
    """Resolve the dateline that opens one of the first lines of a text ("ISLAMABAD: …").

    Args:
        text: the article text.

    Returns:
        The place with ``how="dateline"``, or None when no opening line starts with a known place.
    """
    lines = [line for line in text.splitlines() if line.strip()][:_DATELINE_LINES]
    for line in lines:
        match = _TEXT_DATELINE.match(line)
        if match is None:
            continue
        place = parse_dateline_place(match.group("name"))
        if place is not None:
            return place
    return None


@dataclass(frozen=True)
class PlaceSlot:
    """What an event's own sentence says of its place, before the article's scene is applied.

    ``start``/``end`` are the sentence's offsets in the text; ``current`` is True for the news of the day (no date of its own, or a date near the
    document's); ``remote`` for an exchange at a distance (by phone, by video); ``venue`` when
    the event is a gathering, visit or clash (see :func:`is_venue`) whose place later events
    inherit; ``fighting`` when the event is fighting (see :func:`is_fighting`): only fighting
    inherits the place of a clash, and a fighting event's venue is a clash's; other events do
    when it lies in ``source_country``, their source's country (Iraq protesting a strike on Iraq).
    """

    own: Place | None
    current: bool
    start: int = 0
    end: int = 0
    remote: bool = False
    here: bool = False
    venue: bool = False
    fighting: bool = False
    source_country: str | None = None


# CAMEO roots of fighting: force posture, assault, fight, mass violence.
_FIGHTING_ROOTS = ("15", "18", "19", "20")
_CLASH = "clash '"


def is_fighting(code: str) -> bool:
    """Return whether a CAMEO code is fighting, which alone inherits a clash's place.

    Args:
        code: the event's CAMEO code ("190").
    """
    return code.startswith(_FIGHTING_ROOTS)


def inherit_places(
    slots: Sequence[PlaceSlot],
    *,
    dateline: Place | None,
    venues: Sequence[tuple[int, Place]] = (),
) -> list[Place | None]:
    """Give each event its own place, else the scene the article set for it.

    Args:
        slots: the events of one article in text order.
        dateline: the article's dateline place, if any.
        venues: ``(offset, place)`` of the venues the text names (see :func:`find_venues`).

    Returns:
        One place (or None) per slot.

    A clash's venue (a venue of :func:`find_venues` whose ``how`` starts with "clash", or the
    place of a fighting venue slot) is inherited by fighting, and by other events only in their
    source's country: "troops clashed in Ladakh" does not place China's criticism in Ladakh.
    """
    marked = [(offset, place, place.how.startswith(_CLASH)) for offset, place in venues]
    held = [(s.start, s.own, s.fighting) for s in slots if s.own and s.venue and s.current]
    everything = sorted([*marked, *held], key=lambda item: item[0])
    chosen: list[Place | None] = []
    for slot in slots:
        scene = [
            (offset, place)
            for offset, place, clash in everything
            if not clash or slot.fighting or place.country == (slot.source_country or "")
        ]
        before = [place for offset, place in scene if offset < slot.end]
        if slot.remote:
            chosen.append(None)
        elif slot.own is not None:
            own = _in_scene_city(slot.own, before, dateline) if slot.venue else slot.own
            chosen.append(own)
        elif slot.here and dateline is not None:
            chosen.append(with_how(dateline, "dateline 'here'"))
        elif not slot.current:
            # Background ("the two countries fought a war in 1980"): the text says nothing of
            # where, and the report's dateline is where today's news happens.
            chosen.append(None)
        elif before:
            chosen.append(with_how(before[-1], f"venue named earlier ({before[-1].name})"))
        elif dateline is not None:
            chosen.append(with_how(dateline, "dateline"))
        elif scene:
            chosen.append(with_how(scene[0][1], f"venue of the article ({scene[0][1].name})"))
        else:
            chosen.append(None)
    return chosen


def _in_scene_city(own: Place, scene: Sequence[Place], dateline: Place | None) -> Place:
    """Narrow a gathering's or visit's country to the article's city in it, naming both.

    The city is the latest venue named before the event (``scene``), else the dateline.

    "the first head of state visit to Pakistan" in a report from Islamabad happens in Islamabad:
    the place becomes "Islamabad, Pakistan" at the city's point. A country with no such city
    (or a city, region or continent) stays as it is; a strike on a country is not narrowed to
    the city the report comes from.
    """
    if own.feature != "country" or not own.country or _SPREAD in own.how:
        return own
    cities = [p for p in (*reversed(scene), dateline) if p is not None and p.feature == "city"]
    city = next((p for p in cities if p.country == own.country), None)
    if city is None:
        return own
    return Place(
        f"{city.name}, {own.name}",
        own.country,
        city.lat,
        city.lon,
        "city",
        f"{own.how}; city of the article ({city.name})",
    )


def find_venues(
    text: str,
    places: Sequence[tuple[int, int, Place]],
    lemmas: Sequence[tuple[int, str]],
) -> list[tuple[int, Place]]:
    """Return the venues a text names: a city or country "in"/"at" which a gathering happens.

    "the summit on Wednesday with Biden in Geneva", "met at the PM House in Islamabad": a venue
    word (a meeting, a visit, a signing, a clash; kind ``venue_trigger``) stands at most
    ``_VENUE_REACH`` characters before or after the place, in the same sentence.

    Args:
        text: the article text.
        places: ``(start, end, place)`` found in the text.
        lemmas: ``(offset, lemma)`` of the text's words; a word as written also does (lines the
            parser skipped have no lemmas), its regular inflections taken off.

    Returns:
        ``(offset, place)`` of each venue, in text order.
    """
    cues = Geocoder.load().gazetteer
    triggers = [offset for offset, lemma in lemmas if forms(lemma) & cues.venue_triggers]
    gatherings = cues.venue_triggers - cues.clash_triggers
    meetings = [offset for offset, lemma in lemmas if forms(lemma) & gatherings]
    visits = [offset for offset, lemma in lemmas if forms(lemma) & cues.visit_triggers]
    found: list[tuple[int, Place]] = []
    for start, end, place in places:
        if place.feature not in _VENUE_FEATURES or text[start:end] in cues.calendar:
            continue
        line_start = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
        before = text[line_start:start]
        line_end = min(e for e in (text.find(".", end), text.find("\n", end), len(text)) if e >= 0)
        near = range(max(line_start, start - _VENUE_REACH), min(line_end, end + _VENUE_REACH))
        if names_settlement(text, end, places, cues):
            continue
        topic = topic_noun(before, cues)
        if topic is not None and not forms(topic) & cues.venue_triggers:
            # "a visit to Russia amid the war in Ukraine": Ukraine is what the war is about.
            continue
        preposition = introducing_preposition(
            before, {"in", "at", "near"}, cues.idioms, cues.settlements
        )
        if preposition is not None and any(t in near for t in triggers):
            # A clash's venue when no gathering word is near: later fighting alone inherits it.
            kind = "venue" if any(t in near for t in meetings) else _CLASH.split()[0]
            found.append((start, with_how(place, f"{kind} '{preposition} {text[start:end]}'")))
            continue
        # A visit's destination: "left for Moscow on a two-day visit", "arrived to Doha".
        preposition = introducing_preposition(
            before, set(cues.destination), cues.idioms, cues.settlements
        )
        if preposition is not None and any(line_start <= t < start for t in visits):
            found.append((start, with_how(place, f"visit '{preposition} {text[start:end]}'")))
    return found


def is_venue(lemma: str, place: Place | None) -> bool:
    """Return whether an event at a place sets the venue of the news that follows it.

    Gatherings, visits and clashes do ("met in Riyadh", "arrived in Doha"), when their place is
    a city, region or country introduced by "in", "at" or a visit's "to" (not "across the Black
    Sea").

    Args:
        lemma: the event trigger's lemma.
        place: the place the event's own sentence gives it, if any.
    """
    if place is None or place.feature not in _VENUE_FEATURES:
        return False
    cues = Geocoder.load().gazetteer
    return lemma.lower() in cues.venue_triggers and place.how.startswith(_VENUE_HOW)


def is_remote(sentence: str) -> bool:
    """Return whether a sentence reports an exchange at a distance ("spoke by phone").

    Args:
        sentence: the event's sentence.
    """
    remote = Geocoder.load().gazetteer.remote
    return any(word.lower() in remote for word in WORD.findall(sentence))


# "has long been pushing", "have repeatedly accused", "for years": a habit, not the day's news.
_HABITUAL = re.compile(
    r"\b(?:has|have|had)\s+(?:\w+\s+)?(?:long|repeatedly|regularly|often|frequently|consistently"
    r"|traditionally|always)\b|\bfor\s+(?:years|decades)\b",
    re.IGNORECASE,
)


def is_habitual(sentence: str) -> bool:
    """Return whether a sentence reports a habit ("has repeatedly accused"), not the day's news.

    Such an event takes no place from the article (the venue of the day, the dateline).

    Args:
        sentence: the event's clause.
    """
    return _HABITUAL.search(sentence) is not None


def says_here(sentence: str) -> bool:
    """Return whether a sentence places its event "here", the city the report is filed from.

    Args:
        sentence: the event's sentence.
    """
    return _HERE.search(sentence) is not None


def choose_event_place(
    sentence: str,
    sentence_start: int,
    places: Sequence[tuple[int, int, Place]],
    *,
    dateline: Place | None,
    trigger: str | None = None,
    lemma: str | None = None,
    target_country: str | None = None,
) -> Place | None:
    """Choose an event's place: one its sentence introduces with a locative, else the dateline.

    A place counts when a locative preposition introduces it ("in Beijing", "near the border
    town of Chaman"); "to" counts only for visits, that is when ``trigger`` is a visit lemma
    ("visit", "arrive"), which also accepts the place as its object ("visited Kabul"); "on",
    "of" and "against" count for strikes ("an attack on Iran"). A country name that modifies a
    following name or noun ("at the Pakistan Consulate in New York", "attacked the Bangladesh
    mission in Agartala") is not the place. Among several, the one nearest the trigger wins,
    else the most specific, else the first.

    Args:
        sentence: the event's sentence.
        sentence_start: the sentence's offset in the text the places' offsets refer to.
        places: ``(start, end, place)`` found in the text (as from ``find_places``).
        dateline: the dateline's place, the fallback.
        trigger: the event's verb or noun as written, if known.
        lemma: the trigger's lemma, if known ("visited" → "visit"); the trigger when None.
        target_country: the ISO3 code of the event's target, if known: a visit to several
            places ("state visits to Vietnam, India and Pakistan") goes to the one in it.

    Returns:
        The place with ``how`` saying why ("in-sentence 'in Beijing'", "dateline"), or None.
    """
    cues = Geocoder.load().gazetteer
    prepositions = set(cues.locative)
    base = lemma or trigger
    visit = base is not None and (
        base.lower() in cues.visit_triggers
        or (base.lower() in cues.visit_verbs and object_visit(sentence, trigger, cues))
    )
    strike = base is not None and base.lower() in cues.strike_triggers
    if visit:
        prepositions |= cues.destination
    if base is not None and base.lower() in cues.withdrawal_triggers:
        # A withdrawal happens where it leaves: "withdraw its troops from Afghanistan".
        prepositions |= cues.withdrawal
    # A strike happens where it hits: "an attack on Iran", "launched an invasion of Ukraine".
    prepositions |= cues.target
    found: list[tuple[int, int, str, Place]] = []
    listed: list[tuple[int, int, str, Place]] = []
    local = [(start - sentence_start, end - sentence_start, place) for start, end, place in places]
    for start, end, place in places:
        s, e = start - sentence_start, end - sentence_start
        if s < 0 or e > len(sentence) or sentence[s:e] in cues.calendar:
            continue
        if names_settlement(sentence, e, local, cues):
            # "in the Black Sea resort of Sochi": Sochi is the place, the sea only qualifies it.
            continue
        topic = topic_noun(sentence[:s], cues)
        if topic is not None and not (trigger and forms(topic) & forms(trigger)):
            # "discussed the situation in Ivory Coast": the subject of the talks, not their venue.
            continue
        preposition = introducing_preposition(
            sentence[:s], prepositions, cues.idioms, cues.settlements
        )
        if (
            preposition in cues.target
            and preposition not in cues.locative
            and not names_target(sentence[:s], trigger, strike=strike, cues=cues)
        ):
            # "attacked by the army of China": only a strike's own "on"/"of" names its target;
            # "in the city of Quetta" still has its "in".
            preposition = introducing_preposition(
                sentence[:s], prepositions - cues.target, cues.idioms, cues.settlements
            )
        if preposition is None and (visit or strike) and trigger is not None:
            # "visited Kabul", "seized the Crimean Peninsula": the place is the verb's object.
            previous: list[str] = WORD.findall(sentence[:s])[-2:]
            if len(previous) == 2 and previous[1] in DETERMINERS:
                previous = previous[:1]
            if previous and previous[-1].lower().startswith(trigger.lower()[:4]):
                preposition = previous[-1]
        if preposition is None and visit and (found or listed):
            # "state visits to Vietnam, Laos and India": a listed place shares the preposition,
            # and counts only as the visit's host (below).
            last = max((*found, *listed), key=lambda f: f[1])
            if _AND_NEXT.fullmatch(sentence, last[1], s):
                listed.append((s, e, last[2], place))
            continue
        if preposition is None:
            continue
        if place.feature == "country" and is_modifier(sentence[e:], cues):
            continue
        found.append((s, e, preposition, place))
    if visit and target_country:
        hosts = [f for f in (*found, *listed) if f[3].country == target_country]
        found = hosts or found
    if found:
        anchor = trigger_offset(sentence, trigger)
        if anchor is not None:
            best = min(found, key=lambda f: (abs(f[0] - anchor), f[0]))
        else:
            best = min(found, key=lambda f: (_FEATURE_RANK.get(f[3].feature, 0), f[0]))
        s, e, preposition, place = best
        spread = _spread_country(sentence, sentence_start, places, best, cues)
        if spread is not None:
            return spread
        return with_how(place, f"in-sentence '{preposition} {sentence[s:e]}'")
    if dateline is not None:
        return with_how(dateline, "dateline")
    return None


# An event spread over two cities of one country is in the country, not in the report's city.
_SPREAD = "both in"
_AND_NEXT = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)")


def _spread_country(
    sentence: str,
    sentence_start: int,
    places: Sequence[tuple[int, int, Place]],
    best: tuple[int, int, str, Place],
    cues: Gazetteer,
) -> Place | None:
    """Return the country of an event spread over two of its places ("in Lahore and Karachi").

    Only when both are cities or regions of one country; else None.
    """
    s, e, preposition, place = best
    joint = _AND_NEXT.match(sentence, e)
    if joint is None or place.feature not in ("city", "region") or not place.country:
        return None
    following = [
        (start - sentence_start, end - sentence_start, other)
        for start, end, other in places
        if start - sentence_start == joint.end()
    ]
    if not following:
        return None
    _, end, other = following[0]
    country = cues.countries.get(place.country)
    if other.country != place.country or other.feature not in ("city", "region") or not country:
        return None
    how = f"in-sentence '{preposition} {sentence[s:end]}' ({_SPREAD} {country.name})"
    return Place(country.name, country.country, country.lat, country.lon, "country", how)
