"""The two sides a group mention ("both sides", "the two leaders") stands for."""

from __future__ import annotations

from spacy.tokens import Doc

from bilat.actors.mention import ActorSpan
from bilat.knowledge import Knowledge
from bilat.records import Actor

# group nouns that name states only: "the two countries" pairs no international organisation
STATE_GROUPS = {"countries", "nations", "states", "neighbours", "neighbors"}

# prepositions whose country, hung on a thing ("a summit in Jakarta"), is named only in passing
PASSING_PREPOSITIONS = {"in", "at", "of"}


def last_pair(
    doc: Doc, mention: ActorSpan, earlier: list[ActorSpan], kb: Knowledge
) -> tuple[Actor, Actor] | None:
    """Return the two sides a "both sides" or "the two leaders" stands for: the last two named.

    Only countries named within about 400 tokens before count; a personal group ("the two
    leaders") takes each country's principal person, a state group ("the two countries")
    skips international organisations, and the clause's own subject is never a side.
    """
    sent_start = doc[mention.start].sent.start
    window = [
        f
        for f in earlier
        if f.actor and f.actor.country and doc[f.start].sent.start >= max(0, sent_start - 400)
    ]
    group = mention.pieces[0].entries[0].key if mention.pieces else ""
    personal = group.split()[-1:] != [] and group.split()[-1] in kb.actor_rules.personal_groups
    if personal:
        # "both officials", "the two leaders": people, not the countries named in between
        window = [f for f in window if f.individual and f.kind != "pronoun"]
    # "Saudi Arabia and Qatar urged both sides …": the clause's own subject is not a side
    verb = doc[mention.start]
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    own = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree} - set(
        range(mention.start, mention.end)
    )
    if group.split()[-1:] and group.split()[-1] in STATE_GROUPS:
        # "the two countries" are states, not the bloc or the UN named beside them
        window = [f for f in window if not (f.actor and f.actor.code.startswith("IGO"))]
    pair = _conjoined_pair(doc, mention, window, own)
    if pair is not None and not personal:
        return pair
    # "a forum in Brazil", "the prism of Afghanistan": a country only named in passing is
    # no side while two others are named
    named = [f for f in window if not _in_passing(doc, f, earlier)]
    last = _last_two(named, window, own, personal) or _last_two(window, window, own, personal)
    joined = None if personal else _previous_pair(doc, mention, window)
    if joined is not None and (last is None or _countries(joined) != _countries(last)):
        return joined
    return last


def _countries(pair: tuple[Actor, Actor]) -> set[str | None]:
    """Return the two countries of a pair."""
    return {pair[0].country, pair[1].country}


def _last_two(
    candidates: list[ActorSpan], window: list[ActorSpan], own: set[int], personal: bool
) -> tuple[Actor, Actor] | None:
    """Return the last two countries of the candidates, earlier first."""
    seen: list[Actor] = []
    for f in reversed(candidates):
        assert f.actor is not None
        if f.kind == "group" or f.actor.country in [a.country for a in seen] or f.start in own:
            continue
        seen.append(_principal(f.actor.country, window) if personal else f.actor)
        if len(seen) == 2:
            return seen[1], seen[0]
    return None


def _in_passing(doc: Doc, found: ActorSpan, mentions: list[ActorSpan]) -> bool:
    """Tell whether a country is only named in passing: a noun's place or of-phrase.

    "a trade forum in Brazil", "a dinner at a summit in Jakarta", "through the
    prism of Afghanistan": the phrase hangs on a thing, not on a verb or a person, so the country
    acts in nothing; nor is one of three or more countries listed together a side of a pair. "Modi arrived in Beijing" (a verb's place), "the President of France" (a
    person's of-phrase), "the visit of Prime Minister Modi" (a person) and "a department of the
    Foreign Ministry" (a state body) still name a side: only a country or its capital is a place.
    """
    if found.kind not in ("country", "capital"):
        return False
    root = doc[found.start : found.end].root
    if _listed(doc, root.i, mentions):
        return True
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ not in PASSING_PREPOSITIONS:
        return False
    noun = prep.head
    if prep.dep_ != "prep" or noun.pos_ not in ("NOUN", "PROPN") or noun.ent_type_ == "PERSON":
        return False
    return not any(f.start <= noun.i < f.end for f in mentions)


def headline_pair(
    mention: ActorSpan, later: list[ActorSpan], window: tuple[int, int] | None
) -> tuple[Actor, Actor] | None:
    """Return the two countries a headline's "both sides" are, from the lede's sentences.

    Only in a document's headline lines (``window``, from :func:`bilat.actors.coref._headline_window`) does "both
    sides" point forward; elsewhere it needs an antecedent.
    """
    if window is None or mention.start >= window[0]:
        return None
    until = window[1]
    seen: list[Actor] = []
    for f in later:
        if f.start >= until:
            break
        if f.actor is None or f.kind in ("group", "pronoun") or f.actor.country is None:
            continue
        if f.actor.country not in [a.country for a in seen]:
            seen.append(f.actor)
        if len(seen) == 2:
            return seen[0], seen[1]
    return None


def _principal(country: str | None, window: list[ActorSpan]) -> Actor:
    """Return a country's main actor in a window: a known person, the most named, the latest."""
    same = [f for f in window if f.actor is not None and f.actor.country == country]
    names = [f.actor.person or f.actor.name for f in same if f.actor is not None]

    def weight(item: tuple[int, ActorSpan]) -> tuple[bool, int, int]:
        index, found = item
        assert found.actor is not None
        key = found.actor.person or found.actor.name
        return (found.actor.person is not None, names.count(key), index)

    best = max(enumerate(same), key=weight)[1]
    assert best.actor is not None
    return best.actor


def _conjoined_pair(
    doc: Doc, mention: ActorSpan, window: list[ActorSpan], own: set[int]
) -> tuple[Actor, Actor] | None:
    """Return two countries its own sentence names joined by "and" before the group mention.

    "The UN accused Rwanda and Uganda of backing the rebels, though both governments deny it":
    the pair named together is the two sides, not the last two countries named.
    """
    sent = doc[mention.start].sent
    here = [
        f
        for f in window
        if sent.start <= f.start < mention.start and f.start not in own and f.kind != "group"
    ]
    return _joined(doc, here)


def _joined(doc: Doc, here: list[ActorSpan]) -> tuple[Actor, Actor] | None:
    """Return the last two mentions of different countries joined by "and", earlier first."""
    roots = {doc[f.start : f.end].root.i: f for f in here}
    for f in reversed(here):
        root = doc[f.start : f.end].root
        if root.dep_ != "conj" or root.head.i not in roots:
            continue
        first = roots[root.head.i]
        if first.actor and f.actor and first.actor.country != f.actor.country:
            return first.actor, f.actor
    return None


def _listed(doc: Doc, index: int, mentions: list[ActorSpan]) -> bool:
    """Tell whether a token is one of three or more countries joined by commas and "and"."""
    first = doc[index]
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    members = [first.i] + [t.i for t in first.subtree if t.dep_ == "conj" and t.head.i != t.i]
    roots = {doc[f.start : f.end].root.i for f in mentions if f.kind in ("country", "capital")}
    return len([i for i in members if i in roots]) >= 3


def _previous_pair(
    doc: Doc, mention: ActorSpan, window: list[ActorSpan]
) -> tuple[Actor, Actor] | None:
    """Return two countries the sentence before names joined by "and" (not in a longer list).

    "Musharraf and Singh met in Havana. The two sides agreed to resume talks": the pair named
    together just before is the two sides, not the host of their meeting named after them.
    """
    start = doc[mention.start].sent.start
    # a paragraph break is a sentence of its own: skip it
    while start > 0 and not doc[start - 1].sent.text.strip():
        start = doc[start - 1].sent.start
    if start == 0:
        return None
    before = doc[start - 1].sent
    here = [
        f
        for f in window
        if before.start <= f.start < before.end
        and f.kind != "group"
        and not _listed(doc, doc[f.start : f.end].root.i, window)
    ]
    return _joined(doc, here)
