"""Whom a threat's own clause aims at: "North Korea warned it would retaliate against Seoul".

A threat or vow said as a that-clause ("warned (that) it would strike X") holds its target
inside the clause, which the argument finder's complement slot leaves alone because a clause
usually reports someone else's deed ("warned that India would attack"). The clause is the
threatener's own deed only when its subject is the threatener's side ("it", "we", the same
country): then whoever the clause's deed is aimed at is the threat's target.
"""

from __future__ import annotations

from spacy.tokens import Token

from bilat.actors.resolve import ActorSpan
from bilat.events import arguments
from bilat.events.patterns import Pattern


def clause_targets(
    token: Token, pattern: Pattern, index: dict[int, ActorSpan], sources: list[ActorSpan]
) -> list[ActorSpan]:
    """Return the actors a threatener's own threatened clause is aimed at.

    Args:
        token: the threat trigger ("warned", "vowed").
        pattern: the threat pattern (a 13x code with complements such as "retaliate").
        index: the actor mentions by token.
        sources: the threatener's mentions.

    Returns:
        The actors of other countries under the clause whose verb is one of the pattern's
        complements and whose subject is the threatener's side; otherwise nothing.
    """
    if not pattern.code.startswith("13") or not pattern.complements:
        return []
    own = {s.country for s in sources if s.country is not None}
    for clause in token.children:
        if clause.dep_ != "ccomp" or clause.lemma_.lower() not in pattern.complements:
            continue
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        doer = arguments.mention_at(subject, index) if subject is not None else None
        if doer is None or doer.country not in own:
            continue  # "warned that India would strike": someone else's deed, not a threat
        found = arguments.in_subtree(clause, index, [*sources, doer])
        found = [f for f in found if f.country is not None and f.country not in own]
        if found:
            return found
    return []
