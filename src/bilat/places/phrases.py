"""Read how a sentence's words tie a place to an event: prepositions, objects and modifiers.

"in the southwestern city of Quetta" introduces Quetta with "in"; "the situation in Syria" names
what talks were about; "the Pakistan Consulate" is no place of its own.

>>> introducing_preposition("talks were held in the city of ", {"in"})
'in'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bilat.places.gazetteer import Gazetteer
from bilat.records import Place

# The words between a preposition and its place: "in the southwestern city of Quetta".
DETERMINERS = frozenset({"the", "a", "an"})
_OBJECT_OPENERS = DETERMINERS | {"his", "her", "its", "their", "our", "my", "this"}
_MAX_BETWEEN = 4
WORD = re.compile(r"[\w'’-]+")
# Clause boundaries: a place beyond one of these belongs to another clause than its preposition.
_CLAUSE_BREAK = re.compile(r"[,;:()\"“”]")
# "in eastern Ladakh": one compass adjective may stand between a preposition and its place.
COMPASS = re.compile(
    r"(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?"
)


def forms(word: str) -> set[str]:
    """Return a word and its possible bases once a regular inflection is taken off."""
    word = word.lower()
    found = {word}
    for ending, back in (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            found.add(word[: -len(ending)] + back)
    return found


def introducing_preposition(
    before: str,
    prepositions: set[str],
    idioms: frozenset[str] = frozenset(),
    settlements: frozenset[str] = frozenset(),
) -> str | None:
    """Return the preposition that introduces a place preceded by ``before``, if any.

    Between the two only "the"/"a"/"an" with one adjective may stand ("in the restive
    Balochistan"), or a noun phrase ending in "of" ("in the southwestern city of Quetta") whose
    noun is none of ``idioms`` ("in the wake of Russia's invasion" puts nothing in Russia); a
    noun of ``settlements`` may follow names ("in the Russian city of Sochi", "in the Black Sea
    resort of Sochi").
    """
    clause: list[str] = WORD.findall(_CLAUSE_BREAK.split(before)[-1])
    settled = _settlement_preposition(clause[-(_MAX_BETWEEN + 3) :], prepositions, settlements)
    if settled is not None:
        return settled
    words = clause[-(_MAX_BETWEEN + 2) :]
    if words and words[-1][:1].isupper() and words[-1].endswith(("'s", "’s")):
        # "in Ukraine's Donbass": the possessive owner stands between preposition and place.
        words = words[:-1]
    words = words[-(_MAX_BETWEEN + 1) :]
    for back in range(1, len(words) + 1):
        word = words[-back]
        if not word.islower():
            return None
        if word in prepositions:
            between = words[len(words) - back + 1 :]
            if len(between) == 1 and COMPASS.fullmatch(between[0]):
                return word
            if not between or (
                between[0] in DETERMINERS
                and (len(between) <= 2 or between[-1] == "of")
                and not idioms.intersection(between)
            ):
                return word
            return None
    return None


# "the situation in", "the war in eastern Ukraine": a noun, "in", and at most a determiner and a
# compass adjective before the place.
_TOPIC_BEFORE = re.compile(
    rf"\b(?P<noun>[a-z]+)\s+in\s+(?:the\s+)?(?:{COMPASS.pattern}\s+)?$", re.IGNORECASE
)


def topic_noun(before: str, cues: Gazetteer) -> str | None:
    """Return the noun of kind ``topic`` whose "in" introduces a place preceded by ``before``.

    "discussed the situation in Syria" → "situation"; "met in Syria" → None.
    """
    match = _TOPIC_BEFORE.search(before)
    if match is None or match.group("noun").lower() not in cues.topics:
        return None
    return match.group("noun").lower()


_SETTLEMENT_AFTER = re.compile(r"\s+([a-z]+)\s+of\s+")


def names_settlement(
    text: str, end: int, places: Sequence[tuple[int, int, Place]], cues: Gazetteer
) -> bool:
    """Return whether the place ending at ``end`` qualifies a settlement named after it.

    "the Black Sea resort of Sochi", "the West Bank city of Jenin": a place must follow "of".
    """
    match = _SETTLEMENT_AFTER.match(text, end)
    if match is None or match.group(1) not in cues.settlements:
        return False
    return any(start == match.end() for start, _, _ in places)


def _settlement_preposition(
    words: list[str], prepositions: set[str], settlements: frozenset[str]
) -> str | None:
    """Return the preposition of "in the Black Sea resort of", "at the Afghan town of", if any.

    Between the preposition and the settlement noun only a determiner, capitalised words (a
    name or a nationality) and a compass adjective may stand.
    """
    if len(words) < 3 or words[-1] != "of" or words[-2] not in settlements:
        return None
    for word in reversed(words[:-2]):
        if word in prepositions:
            return word
        if not (word[:1].isupper() or word in DETERMINERS or COMPASS.fullmatch(word)):
            return None
    return None


def object_visit(sentence: str, trigger: str | None, cues: Gazetteer) -> bool:
    """Return whether the trigger's object is a visit ("made his first visit", "paid a visit").

    A determiner or possessive opens the object, and a visit word ends it, within four words.
    """
    if not trigger:
        return False
    match = re.search(rf"\b{re.escape(trigger)}((?:\s+[\w-]+){{1,4}})", sentence)
    if match is None:
        return False
    words = match.group(1).split()
    if words[0].lower() not in _OBJECT_OPENERS and not words[0].islower():
        # "paid a visit", "paid state visits"; not "made Egypt's case".
        return False
    return any(forms(word) & cues.visit_triggers for word in words[1:])


def names_target(before: str, trigger: str | None, *, strike: bool, cues: Gazetteer) -> bool:
    """Return whether the preposition ending ``before`` introduces a strike's target.

    It does right after a strike trigger ("the attack on"), or right after a strike noun that
    stands at most four words after a strike verb trigger ("launched a full-scale invasion of").
    """
    match = re.search(r"([\w-]+)\s+\w+\s+(?:the\s+)?$", before)
    if match is None or not trigger:
        return False
    word = match.group(1)
    if strike and word.lower().startswith(trigger.lower()[:4]):
        return True
    if not forms(word) & cues.strike_triggers or not forms(trigger) & cues.strike_verbs:
        return False
    head = before[: match.start()]
    pattern = rf"\b{re.escape(trigger[:4])}\w*(?:\s+[\w-]+){{0,3}}\s*$"
    return re.search(pattern, head, flags=re.IGNORECASE) is not None


def is_modifier(after: str, cues: Gazetteer) -> bool:
    """Return whether a place name modifies the name or noun that follows it.

    A capitalised name ("the Pakistan Consulate", "Pakistan's Foreign Office") or a noun of kind
    ``modified`` ("the Bangladesh mission in Agartala", "Iran's embassy"): an event at the
    mission is not in the country.
    """
    match = re.match(r"(?:['’]s)?\s([\w-]+)", after)
    if match is None:
        return False
    word = match.group(1)
    if word[:1].isupper():
        return word not in cues.calendar
    return word in cues.modified


def trigger_offset(sentence: str, trigger: str | None) -> int | None:
    if not trigger:
        return None
    match = re.search(rf"\b{re.escape(trigger[:4])}\w*", sentence, flags=re.IGNORECASE)
    return None if match is None else match.start()
