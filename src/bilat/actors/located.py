"""Place a bare sector word by the place phrases around it: "militants in Quetta" → PAKREB."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from bilat.actors.mention import ResolveContext

_PLACING = {"in", "near", "across", "inside", "at"}


def located(doc: Doc, start: int, end: int, ctx: ResolveContext) -> tuple[str, str] | None:
    """Return (place, country) a bare sector word is attached to by a preposition of place.

    "militants in Quetta" and "rebels from Syria" (the word's own phrase), "terrorist attacks
    in Balochistan" (the noun the word modifies), and "militants attacked a post in Quetta"
    (the clause whose subject or object it is, when its places are all in one country) qualify.
    """
    if ctx.locate is None:
        return None
    head = doc[end - 1]
    if any(c.ent_type_ in ("NORP", "GPE") for c in head.lefts):
        # "Burundian Hutu rebels": a nationality names them, where they are does not
        return None
    nouns = [head]
    if head.dep_ in ("amod", "compound") and head.head.i >= end:
        nouns.append(head.head)
    for noun in nouns:
        # "rebels from Syria" are Syrian wherever they fight
        placing = _PLACING | {"from"} if noun is head else _PLACING
        places = _places_under(doc, [p for p in noun.children if p.lower_ in placing], ctx)
        if places:
            return places[0]
    # "Militants attacked a post in Quetta", "killing civilians and police in Quetta": the
    # clause happens where its places are, if they agree on one country
    argument = nouns[-1]
    while argument.dep_ == "conj":
        argument = argument.head
    if argument.dep_ in ("nsubj", "nsubjpass", "dobj") and argument.head.pos_ == "VERB":
        verb = argument.head
        # the verb's own place phrases and its objects' (with their conjuncts), no deeper
        holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
        holders += [c for h in holders[1:] for c in h.children if c.dep_ == "conj"]
        preps = [c for h in holders for c in h.children if c.lower_ in _PLACING]
        places = _places_under(doc, preps, ctx)
        if places and len({country for _, country in places}) == 1:
            return places[0]
    return None


def _places_under(doc: Doc, preps: list[Token], ctx: ResolveContext) -> list[tuple[str, str]]:
    assert ctx.locate is not None
    found = []
    for prep in preps:
        if prep.dep_ != "prep":
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj" or not (
                obj.ent_type_ in ("GPE", "LOC", "FAC") or obj.pos_ == "PROPN"
            ):
                continue
            ent = next((e for e in doc.ents if e.start <= obj.i < e.end), None)
            name = ent.text if ent is not None else obj.text
            country = ctx.locate(name)
            if country is not None:
                found.append((name, country))
    return found
