"""Read the actors a noun phrase names: its own mention, conjuncts, group nouns, pairs.

"Germany and France", "U.S. and Taliban negotiators", "the leaders of Ukraine and Russia",
"delegations from Israel and the UAE" and "India-China talks" each name two actors; a deed noun's
modifiers name its doer ("Israel's strikes", "terrorist attacks").
"""

from __future__ import annotations

from spacy.tokens import Token

from bilat.actors.resolve import ActorSpan
from bilat.events.syntax import DEED_NOUNS, GROUP_HEADS


def mention_at(token: Token, index: dict[int, ActorSpan]) -> ActorSpan | None:
    """Return the mention at a token, or one modifying it ("Pakistan's efforts")."""
    if token.i in index:
        return index[token.i]
    deed = token.lemma_.lower() in DEED_NOUNS
    for child in token.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod", "appos") and child.i in index:
            if deed and child.dep_ != "poss" and index[child.i].kind == "capital":
                continue  # "the Kabul airport bombing" happened in Kabul, not by its government
            return index[child.i]
    if token.lemma_.lower() in GROUP_HEADS:
        # "a group of Indian soldiers", "the leaders of Ukraine and Russia"
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "from")):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                inner = mention_at(pobj, index)
                if inner is not None:
                    return inner
    if token.dep_ == "csubj":
        # the parser reads a leading "Acting Under Secretary Bass" as a clause
        return next((index[t.i] for t in token.subtree if t.i in index), None)
    return None


def group_sides(head: Token, first: ActorSpan, index: dict[int, ActorSpan]) -> list[ActorSpan]:
    """Return the two sides a group noun's of-phrase names, or nothing.

    "talks between the leaders of Kenya and Uganda", "the meeting of the foreign ministers of
    A and B"; a list of more than two names no pair in particular.
    """
    if head.lemma_.lower() not in GROUP_HEADS:
        return []
    listed = [
        t
        for prep in head.children
        if prep.dep_ == "prep" and prep.lower_ in ("of", "from")
        for pobj in prep.children
        if pobj.dep_ == "pobj"
        for t in pobj.subtree
        if t.i == pobj.i or t.dep_ == "conj"
    ]
    sides = phrase_actors(head, first, index)
    return sides if len(sides) == 2 and len(listed) <= 2 else []


def phrase_actors(head: Token, first: ActorSpan, index: dict[int, ActorSpan]) -> list[ActorSpan]:
    """Return every actor a noun phrase names, in order: the head's and its conjuncts'.

    "Germany and France", "U.S. and Taliban negotiators" (conjoined modifiers), "the leaders
    of Ukraine and Russia" and "delegations from Israel and the UAE" (a group noun's of/from
    phrase) each name two actors.
    """
    found = [first]
    # "A, B and C": the parser chains C to B, so every coordinated noun is read, not only A's
    heads = [head, *head.conjuncts]
    for noun in heads:
        own = mention_at(noun, index)
        if own is not None and all(own is not f for f in found):
            found.append(own)
        for child in noun.children:
            if child.dep_ in ("compound", "amod", "nmod", "poss") and child.i in index:
                conjoined = any(c.dep_ == "conj" for c in child.children)
                if conjoined and all(index[child.i] is not f for f in found):
                    found.append(index[child.i])
                for conj in child.children:
                    if conj.dep_ == "conj" and conj.i in index:
                        other = index[conj.i]
                        if all(other is not f for f in found):
                            found.append(other)
        if noun.lemma_.lower() in GROUP_HEADS:
            for prep in (
                c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "from")
            ):
                for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                    for other in with_conj(pobj, index):
                        if all(other is not f for f in found):
                            found.append(other)
    return found


def hyphen_pair(noun: Token, index: dict[int, ActorSpan]) -> list[ActorSpan]:
    """Return the two sides a hyphenated modifier names: "India-China" in "India-China talks".

    Args:
        noun: an event noun.
        index: the resolved mentions by token.

    Returns:
        Both mentions, in text order, when a modifier of the noun is "A-B" with A and B actors of
        two countries; otherwise nothing.
    """
    doc = noun.doc
    for mod in noun.children:
        if mod.dep_ not in ("compound", "amod", "nmod") or mod.i not in index or mod.i < 2:
            continue
        first = doc[mod.i - 2]
        second = index[mod.i]
        if doc[mod.i - 1].text not in ("-", "–") or first.whitespace_ or first.i not in index:
            continue
        if first.head.i != mod.i:
            continue
        one = index[first.i]
        if one is not second and one.country and second.country and one.country != second.country:
            return [one, second]
    return []


def doers_of(noun: Token, index: dict[int, ActorSpan]) -> list[ActorSpan]:
    """Return the actors modifying a deed noun: "Israel's strikes", "terrorist attacks"."""
    deed = noun.lemma_.lower() in DEED_NOUNS
    return [
        index[c.i]
        for c in noun.children
        if c.dep_ in ("poss", "amod", "compound", "nmod")
        and c.i in index
        # "the Kabul bombing" happened in Kabul; its government did not do it
        and not (deed and c.dep_ != "poss" and index[c.i].kind == "capital")
    ]


def deeper(token: Token, index: dict[int, ActorSpan]) -> list[ActorSpan]:
    """Return the actor one "from"/"of" phrase further down: "on imports from Pakistan"."""
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("from", "of")):
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            found = with_conj(pobj, index)
            if found:
                return found
    return []


def with_conj(token: Token, index: dict[int, ActorSpan]) -> list[ActorSpan]:
    """Return the actors a phrase names, conjuncts included."""
    first = mention_at(token, index)
    if first:
        # "spoke to the foreign ministers of Peru and Bolivia": one verb, two targets
        return phrase_actors(token, first, index)
    result: list[ActorSpan] = []
    for conj in token.conjuncts:
        other = mention_at(conj, index)
        if other and other is not first and all(other is not r for r in result):
            result.append(other)
    if not result:
        # "gave an ultimatum to all migrants, including Afghan nationals": the named members
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "including"):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                result.extend(with_conj(pobj, index))
    return result


def between_sides(noun: Token, index: dict[int, ActorSpan]) -> list[ActorSpan]:
    """Return the sides a noun's between-phrase names: "the agreement between A and B".

    Args:
        noun: any noun.
        index: the resolved mentions by token.

    Returns:
        The actors of its between-phrase when there are two, else nothing: three or more
        countries ("talks between A, B and C") make a multilateral gathering, no pair's event.
    """
    sides = [
        found
        for prep in noun.children
        if prep.dep_ == "prep" and prep.lower_ == "between"
        for pobj in prep.children
        if pobj.dep_ == "pobj"
        for found in with_conj(pobj, index)
    ]
    if multilateral(sides):
        return []
    return sides if len(sides) >= 2 else []


def multilateral(sides: list[ActorSpan]) -> bool:
    """Return whether sides name three or more countries: a gathering, no pair's event."""
    return len({side.country for side in sides}) >= 3


def hidden_recipient(token: Token, index: dict[int, ActorSpan]) -> list[ActorSpan]:
    """Return the recipient of a double object the parser read as a modifier of the thing given.

    "Germany sent Ukraine tanks", "China offered Pakistan fresh loans": the small parser hangs
    the country under the object ("Ukraine tanks") instead of giving the verb two objects; a
    country named right after the verb, as a modifier of its object, is what "to" would name.
    """
    for obj in (c for c in token.children if c.dep_ == "dobj" and c.i not in index):
        for mod in obj.children:
            if (
                mod.dep_ in ("compound", "nmod")
                and mod.pos_ == "PROPN"
                and mod.i == token.i + 1
                and mod.i in index
                and index[mod.i].kind in ("country", "capital")
            ):
                return [index[mod.i]]
    return []
