"""Give "the North" and "the South" of a divided nation the state the article is about.

In a report on the Korean peninsula "the North fired a missile" is North Korea and "the South
protested" South Korea. A capitalised compass word after "the", standing alone as a noun,
names the state that ``compass_states`` in ``actor_rules.yaml`` lists for it, once the
article has named one of the states of that division before it; otherwise it names no one
("the North of England", "the South" of a country).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from bilat.actors.mention import ActorSpan, ResolveContext
from bilat.records import Actor


def compass_mentions(doc: Doc, found: list[ActorSpan], ctx: ResolveContext) -> list[ActorSpan]:
    """Return mentions for "the North" and "the South" of a divided nation named before.

    Args:
        doc: the parsed document.
        found: the mentions resolved so far, sorted by position.
        ctx: knowledge (the compass words and their states).

    Returns:
        New mentions, resolved to a state.
    """
    states = ctx.knowledge.actor_rules.compass_states
    covered = {i for f in found for i in range(f.start, f.end)}
    made: list[ActorSpan] = []
    for token in doc:
        divisions = states.get(token.lower_)
        if divisions is None or token.i in covered or not _alone(doc, token):
            continue
        named = {f.actor.country for f in found if f.actor is not None and f.end <= token.i}
        for division in divisions:
            state, *others = division
            if named & {state, *others}:
                name = ctx.knowledge.countries[state].name
                actor = Actor(state, state, None, name=token.text)
                how = f"'the {token.text}' → {state} ({name} named before)"
                made.append(ActorSpan(token.i, token.i + 1, actor, "country", how))
                break
    return made


def _alone(doc: Doc, token: Token) -> bool:
    """Return whether a capitalised compass word after "the" is a noun of its own."""
    if not token.text[:1].isupper() or token.i == 0 or doc[token.i - 1].lower_ != "the":
        return False
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if following is not None and (following.text[:1].isupper() or following.text == "-"):
        return False  # "the North Korean leader", "the South China Sea"
    if following is not None and following.lower_ == "of":
        return False  # "the North of England"
    return token.dep_ not in ("compound", "amod")
