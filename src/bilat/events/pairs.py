"""Which actors make an event: kinds, travellers, "both sides", same-country pairs, confidence.

A pattern gives mentions for the source and the target; these rules turn them into the pairs of
actors an event is coded between, and score how sure the coder is.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from spacy.tokens import Doc

from bilat.actors.names import actor_rules
from bilat.actors.resolve import ActorSpan
from bilat.events.patterns import Pattern
from bilat.records import Actor

# people who travel on their own account: their arrival is no visit between states
TRAVELLER_NOUNS = {
    "migrant",
    "immigrant",
    "emigrant",
    "refugee",
    "pilgrim",
    "tourist",
    "jew",
    "national",
    "citizen",
    "resident",
    "worker",
    "student",
    "fan",
    "settler",
    "exile",
}


def expand(found: Iterable[ActorSpan], avoid: Actor | None = None) -> list[Actor]:
    """Return the actors of mentions, a "both sides" mention giving the side that is not ``avoid``.

    Args:
        found: resolved mentions.
        avoid: the other role's actor, whose country a pair should not repeat.

    Returns:
        The actors, in mention order.
    """
    actors: list[Actor] = []
    for mention in found:
        if mention.pair:
            a, b = mention.pair
            if avoid is not None:
                other = (
                    b if a.country == avoid.country else a if b.country == avoid.country else None
                )
                if other is not None:
                    actors.append(other)
                    continue
            actors.extend([a, b])
        elif mention.actor is not None:
            actors.append(mention.actor)
    return actors


def distinct(source: Actor, target: Actor) -> bool:
    """Return whether a source and a target make an event between two actors.

    Actors of two countries always do. Two actors of one country do only when one of them
    stands outside or against the state (a sector in ``domestic_challengers`` of
    ``actor_rules.yaml``) and the other is of another sector: CAMEO codes such domestic
    events ("the army attacked rebels"), but a minister meeting his own country's troops or
    police is internal business, not an event between actors.

    Args:
        source: the source actor.
        target: the target actor.

    Returns:
        True when the pair is coded.
    """
    if source.country is None or target.country is None:
        return False
    if source.country != target.country:
        return True
    if source.code in (source.country, target.code) or target.code == target.country:
        return False
    challengers = actor_rules().domestic_challengers
    return source.sector != target.sector and bool({source.sector, target.sector} & challengers)


def confidence(pattern: Pattern, actors: list[ActorSpan], nominal: bool) -> float:
    """Return an event's confidence from how narrow its pattern and how direct its actors are.

    Args:
        pattern: the pattern that matched.
        actors: the source and target mentions.
        nominal: whether the trigger is a noun.

    Returns:
        A score between 0.05 and 0.95.
    """
    score = 0.55 + 0.1 * min(pattern.specificity, 2)
    if any(a.kind in ("pronoun", "group", "counterpart") for a in actors):
        score -= 0.1
    if all(a.kind in ("person", "title", "org", "metonym") for a in actors):
        score += 0.1
    if nominal:
        score -= 0.05
    return round(max(0.05, min(0.95, score)), 2)


def of_kind(found: ActorSpan, kinds: Collection[str], *, target: bool = False) -> bool:
    """Return whether a mention is of one of a pattern's kinds.

    A surname linked to a known person's full name ("Fino" after "Bashkim Fino") is that
    person, whatever kind the bare name was found as; so is a personal pronoun resolved to
    someone in the target ("asked him to leave"). A subject pronoun stays a pronoun: "he went
    to Geneva to take up a post" is seldom a visit between states.

    Args:
        found: a resolved mention.
        kinds: the kinds a pattern accepts in the role.
        target: whether the mention fills the target role.
    """
    personal = ("name", "pronoun") if target else ("name",)
    if found.kind in personal and found.individual and found.actor is not None:
        return "person" in kinds
    return found.kind in kinds


def travellers(found: ActorSpan, doc: Doc) -> bool:
    """Return whether a visitor is a country's people, not its state ("Albanians arrived").

    Migrants, pilgrims and tourists who arrive somewhere make no visit between states: a plural
    demonym ("13,000 Albanians") or a country word on a noun of travellers ("Romanian jews",
    "Iranian pilgrims") names people; "Chinese leaders" or "US troops" do not.
    """
    if found.actor is not None and found.actor.sector in ("CVL", "REF"):
        return True
    if found.kind != "country":
        return False
    root = doc[found.start : found.end].root
    if root.tag_ in ("NNS", "NNPS"):
        return True
    nouns = {root.head.lemma_.lower(), root.head.lower_.removesuffix("s")}
    return root.dep_ in ("amod", "compound") and bool(nouns & TRAVELLER_NOUNS)
