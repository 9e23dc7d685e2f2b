"""The unnamed perpetrators of a condemned attack: the rebels of the country it happened in.

"Iran condemned the terrorist blasts in Jordan", "India denounced the attack on a convoy in
Quetta": disapproving of an attack targets whoever did it. When the text names no one, or only
describes them ("terrorists", "a suicide bomber", "gunmen"), CAMEO codes the rebels of the
country where it happened (``JORREB``, ``PAKREB``). A perpetrator the text names is found by the
pattern's own slots ("the TTP attack", "the bombing by Hamas"); this module only answers when
those found nobody, and never guesses: an attack with an unresolved named or state-force
modifier ("the Israeli raid", "the drone attack"), or placed in two countries, gives nobody.
"""

from __future__ import annotations

from spacy.tokens import Token

from bilat.actors.resolve import ActorSpan
from bilat.records import Actor

# disapproval codes whose target is the author of the deed disapproved of
DISAPPROVAL_CODES = ("111", "112")
# deeds typically done by irregular armed groups; force a state uses ("strike", "raid",
# "shelling", "killing") may have a state for its unnamed author and is left alone
ATTACK_NOUNS = {
    "attack",
    "bombing",
    "blast",
    "explosion",
    "shooting",
    "ambush",
    "massacre",
    "assassination",
    "kidnapping",
    "abduction",
    "beheading",
}
# modifiers that make the attack a state's force, whose author is not to be guessed
STATE_FORCE = {
    "drone",
    "air",
    "missile",
    "rocket",
    "artillery",
    "military",
    "naval",
    "army",
    "police",
    "security",
    "cross-border",
    "retaliatory",
    "aerial",
}
# phrases that place a deed, and phrases under the trigger that may hold the deed
PLACING = ("in", "at", "near", "inside")
HOLDING = ("of", "over", "for")
PLACE_KINDS = ("country", "capital")
# place nouns a country's adjective locates: "in the Jordanian capital of Amman"
PLACE_NOUNS = {"capital", "city", "town", "village", "province", "region", "district", "state"}
# victims a state's forces typically attack: a crackdown's author is not to be guessed
CRACKDOWN_VICTIMS = {"protester", "demonstrator", "protest", "demonstration", "rally", "march"}


def unnamed_rebels(
    token: Token, index: dict[int, ActorSpan], sources: list[ActorSpan]
) -> list[ActorSpan]:
    """Return the rebels of the country an unattributed attack disapproved of happened in.

    Args:
        token: the disapproval trigger ("condemned", "condemnation").
        index: the actor and place mentions by token (places as their country).
        sources: the source mentions: an attack in the source's own country is its domestic
            business, coded only when the perpetrator is named.

    Returns:
        One mention of ``XXXREB`` for the country the attack's place lies in, or nothing.
    """
    deeds = _deeds(token)
    countries = set()
    for deed in deeds:
        if not _undescribed(deed, index) or _crackdown(deed):
            return []
        countries |= _place_countries(deed, index)
    if len(countries) != 1:
        return []
    country = countries.pop()
    if any(s.country == country for s in sources):
        return []
    deed = deeds[0]
    actor = Actor(code=f"{country}REB", country=country, sector="REB", name=deed.text)
    return [ActorSpan(deed.i, deed.i + 1, actor, "sector", "perpetrator of an attack")]


def _deeds(token: Token) -> list[Token]:
    """Return the attack nouns a trigger disapproves of, conjuncts included."""
    # "the bombing was condemned by Germany": a passive's subject is the deed
    heads = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    holders = [token, *heads]
    heads += [
        pobj
        for holder in holders
        for prep in holder.children
        if prep.dep_ == "prep" and prep.lower_ in HOLDING
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]
    heads += [c for h in heads for c in h.children if c.dep_ == "conj"]
    return [h for h in heads if h.lemma_.lower() in ATTACK_NOUNS]


def _undescribed(deed: Token, index: dict[int, ActorSpan]) -> bool:
    """Return whether nothing in an attack's modifiers names or hints at its author."""
    for child in deed.children:
        if child.dep_ in ("poss", "amod", "compound", "nmod"):
            if child.ent_type_ in ("DATE", "TIME"):
                continue  # "Monday's attack" names when, not who
            if child.dep_ == "poss" and child.pos_ == "PRON":
                return False  # "its attack", "their bombings": named elsewhere
            if child.lower_ in STATE_FORCE:
                return False
            named = child.pos_ == "PROPN" or child.ent_type_ in ("NORP", "ORG", "GPE")
            if named and (child.i not in index or index[child.i].kind not in PLACE_KINDS):
                return False  # "the Israeli raid": a named author bilat could not resolve
    return True


def _crackdown(deed: Token) -> bool:
    """Return whether an attack's on/against phrase names protesters ("attacks on protesters")."""
    return any(
        pobj.lemma_.lower() in CRACKDOWN_VICTIMS
        for prep in deed.children
        if prep.dep_ == "prep" and prep.lower_ in ("on", "against")
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    )


def _place_countries(deed: Token, index: dict[int, ActorSpan]) -> set[str]:
    """Return the countries an attack's place phrases and place modifiers lie in."""
    found: set[str] = set()
    # "the Kabul bombing": a capital modifying a deed is where it happened
    for child in deed.children:
        if child.dep_ in ("compound", "nmod") and child.i in index:
            mention = index[child.i]
            if mention.kind == "capital" and mention.country is not None:
                found.add(mention.country)
    # "the attack on a convoy in Quetta", "the blasts that killed ten in Amman"
    for prep in deed.subtree:
        if prep.dep_ != "prep" or prep.lower_ not in PLACING:
            continue
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            place = index.get(pobj.i)
            if place is None and pobj.lemma_.lower() in PLACE_NOUNS:
                place = next(
                    (
                        index[c.i]
                        for c in pobj.children
                        if c.dep_ in ("amod", "compound", "nmod", "poss") and c.i in index
                    ),
                    None,
                )
            if place is not None and place.kind in PLACE_KINDS and place.country:
                found.add(place.country)
    return found
