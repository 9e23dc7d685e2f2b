"""Measures and deeds whose sense turns on the words around them.

A verb that takes a hostile measure away ("cut tariffs", "ended the freeze") leaves the
measure's noun no event; "lift duties to 145%" raises them; beside a measure object an
on-phrase names what the measure bears on ("cut tariffs on goods" cuts no goods); a
present-tense relative clause on a bare plural ("terrorists who kill") tells a habit.
"""

from __future__ import annotations

from spacy.tokens import Token

from bilat.events import arguments, senses
from bilat.events.factuality_words import DENIAL

# Measures a verb can take as its object while an on-phrase names what they bear on.
MEASURE_NOUNS = frozenset(
    {"tariff", "duty", "sanction", "embargo", "levy", "ban", "restriction", "curb", "tax"}
)
# Roots of material conflict: sanctions, coercion, assault, force and mass violence; their
# nouns name a hostile measure or act (sanctions, a blockade, a strike, attacks).
MATERIAL_ROOTS = frozenset({"16", "17", "18", "19", "20"})
# Verbs that take a measure or act away: "cut tariffs", "lifted the blockade", "halted attacks".
UNDOING_VERBS = frozenset(
    {
        "cut", "lower", "reduce", "slash", "trim", "lift", "ease", "relax", "remove", "waive",
        "scrap", "drop", "end", "suspend", "halt", "stop", "withdraw", "rescind", "repeal",
        "revoke", "exempt", "roll", "pause", "cancel", "abolish", "loosen",
    }
)  # fmt: skip


def undone(noun: Token) -> bool:
    """Return whether a hostile noun is the object of a verb that takes it away.

    "The US cut tariffs on Pakistani goods", "Turkey lifted the blockade of the port": the
    sanction or blockade ends; the verb's own pattern (easing, 08) codes what happened.
    """
    verb = noun.head.lemma_.lower()
    # "lifted its sanctions": the factuality rules keep such a measure as a negated event
    return (
        noun.dep_ in ("dobj", "nsubjpass")
        and noun.head.i != noun.i
        and verb in UNDOING_VERBS
        and verb not in DENIAL
    )


def raised_to_a_level(token: Token) -> bool:
    """Return whether "lift" is raising to a figure ("lift duties to 145%"), not easing."""
    if token.lemma_.lower() not in ("lift", "raise"):
        return False
    heads = [token, *arguments.objects_of(token)]
    return any(
        c.dep_ == "prep"
        and c.lower_ == "to"
        and any(g.like_num or g.text == "%" or g.lower_ == "percent" for g in c.subtree)
        for head in heads
        for c in head.children
    )


def generic_relative(token: Token) -> bool:
    """Return whether a trigger tells what a kind of people does ("terrorists who kill our people").

    A present-tense verb in a relative clause on a bare plural (no article, possessor or
    number) describes a habit of the kind, not something that happened.
    """
    head = token.head
    return (
        token.dep_ == "relcl"
        and token.tag_ in ("VBP", "VBZ")
        and head.tag_ in ("NNS", "NNPS")
        and not any(c.dep_ in ("det", "poss", "nummod") for c in head.children)
    )


def own_object_named(token: Token, objects: list[Token], words: tuple[str, ...]) -> bool:
    """Return whether a pattern's object words name the verb's own object.

    Beside a measure object ("cut tariffs on Pakistani goods") the on-phrase says what the
    tariffs bear on, so only the other objects count; any other verb keeps all its objects.
    """
    if not any(c.dep_ == "dobj" and c.lemma_.lower() in MEASURE_NOUNS for c in token.children):
        return True
    own = [o for o in objects if not (o.dep_ == "pobj" and o.head.lower_ == "on")]
    return senses.named_as(own, words)
