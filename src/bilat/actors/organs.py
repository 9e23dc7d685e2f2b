"""Give an organisation's organs and the nouns that stand for an armed group their organisation.

"The Executive Board of the International Monetary Fund approved …": the subject is the board,
and the board acts for the IMF, so the organ noun with its "of" phrase (or after the
organisation's name: "the IMF Executive Board") is a mention of the organisation
(``organ_nouns`` in ``actor_rules.yaml``). "Hamas freed two hostages. The group
also said …": a noun that stands for an armed group (``armed_group_nouns``) is the nearest
organisation named in its sentence or the two before, when that organisation is an armed
group; after a bloc ("the G7 … the group") it stays open.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from bilat.actors.implicit import earlier
from bilat.actors.mention import ActorSpan, ResolveContext

_MODIFIERS = ("amod", "compound")


def organ_mentions(doc: Doc, found: list[ActorSpan], ctx: ResolveContext) -> list[ActorSpan]:
    """Return mentions for organs named by their organisation and for "the group" of armed groups.

    Args:
        doc: the parsed document.
        found: the mentions resolved so far, sorted by position.
        ctx: knowledge (the nouns and the organisations' kinds).

    Returns:
        New mentions, resolved to their organisation.
    """
    rules = ctx.knowledge.actor_rules
    covered = {i for f in found for i in range(f.start, f.end)}
    at = {i: f for f in found for i in range(f.start, f.end)}
    armed = {o.name for o in ctx.knowledge.organisations.values() if o.kind == "armed"}
    made: list[ActorSpan] = []
    for token in doc:
        noun = token.lower_
        if token.i in covered or token.pos_ not in ("NOUN", "PROPN"):
            continue
        if noun in rules.organ_nouns:
            owner = _of_organisation(token, at)
            named = _named_before(token, at)
            if owner is None and named is not None:
                # "the IMF Executive Board": the organ's words after the organisation's name
                owner = named
            if owner is not None and owner.actor is not None:
                start = owner.end if owner is named else _phrase_start(token, covered)
                text = doc[start : token.i + 1].text
                actor = replace(owner.actor, name=text)
                how = f"'{text}', an organ of {owner.actor.code}"
                made.append(ActorSpan(start, token.i + 1, actor, "org", how))
        elif noun in rules.armed_group_nouns and token.tag_ == "NN" and _definite(token):
            group = _armed_group_before(doc, token, found, armed)
            if group is not None and group.actor is not None:
                start = _phrase_start(token, covered)
                text = doc[start : token.i + 1].text
                how = f"'{text}' → {group.actor.code}, the armed group named before"
                made.append(
                    ActorSpan(start, token.i + 1, replace(group.actor, name=text), "org", how)
                )
    return made


def _of_organisation(token: Token, at: dict[int, ActorSpan]) -> ActorSpan | None:
    """Return the organisation mention in a noun's "of" phrase ("the board of the IMF")."""
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for pobj in prep.children:
            owner = at.get(pobj.i) if pobj.dep_ == "pobj" else None
            if owner is not None and owner.kind == "org":
                return owner
    return None


def _named_before(token: Token, at: dict[int, ActorSpan]) -> ActorSpan | None:
    """Return the organisation a noun's compound modifier names ("the IMF Executive Board")."""
    for child in token.lefts:
        owner = at.get(child.i) if child.dep_ == "compound" else None
        if owner is not None and owner.kind == "org" and owner.end <= token.i:
            return owner
    return None


def _phrase_start(token: Token, covered: set[int]) -> int:
    """Return where a noun's phrase starts: its adjective and compound modifiers before it."""
    mods = [t for t in token.lefts if t.dep_ in _MODIFIERS and t.i not in covered]
    return min((t.left_edge.i for t in mods), default=token.i)


def _definite(token: Token) -> bool:
    """Return whether a noun has "the" and only adjectives besides ("the Islamist group")."""
    left = list(token.lefts)
    return any(t.dep_ == "det" and t.lower_ == "the" for t in left) and all(
        t.dep_ in ("det", "amod") for t in left
    )


def _armed_group_before(
    doc: Doc, token: Token, found: list[ActorSpan], armed: set[str]
) -> ActorSpan | None:
    """Return the nearest organisation named before, if it is an armed group."""
    for mention in earlier(doc, token, found, sentences=2):
        if mention.kind != "org" or mention.actor is None:
            continue
        return mention if mention.actor.organisation in armed else None
    return None
