"""Roles that come from context rather than from the trigger's own phrase.

The speaker who judges a clause ("Kabul said Pakistan's decision was unacceptable"), the actor
of an agentless passive ("the envoy was summoned"), the state whose territory a use of force
hit ("missiles at a base in Qatar", "hideouts in Khost"), reciprocal objects ("accused each
other") and whether both sides act for states.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from bilat.actors.resolve import ActorSpan
from bilat.events import arguments
from bilat.events.patterns import Pattern
from bilat.events.syntax import SPEECH
from bilat.records import Actor

# a place name's country (ISO3), or None when it is not a known place
Locate = Callable[[str], "str | None"]
# sectors that act for a state: a country's government and armed forces, or the bare country
STATE_SECTORS = {None, "GOV", "MIL"}


def places(doc: Doc, index: dict[int, ActorSpan], locate: Locate | None) -> dict[int, ActorSpan]:
    """Return the named places after "in"/"inside"/"into" that are no actor, as their country.

    "Pakistani jets struck hideouts in Khost": a province or town locates a use of force in
    its country. Only :func:`hit_territory` reads these; they are never an event's actor
    otherwise.

    Args:
        doc: the parsed document.
        index: the actor mentions by token.
        locate: a place name's country, or None to find no places.

    Returns:
        A mention of the country for each place token.
    """
    found: dict[int, ActorSpan] = {}
    if locate is None:
        return found
    for token in doc:
        if (
            token.dep_ != "pobj"
            or token.i in index
            or token.head.lower_ not in ("in", "inside", "into")
        ):
            continue
        # "in Khost": the name itself; "in Khost and Paktika provinces": the names before the noun
        names = [token] if token.ent_type_ in ("GPE", "LOC") or token.pos_ == "PROPN" else []
        names += [c for c in token.children if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN"]
        for name_token in names:
            ent = next((e for e in doc.ents if e.start <= name_token.i < e.end), None)
            country = locate(ent.text if ent is not None else name_token.text)
            if country is not None:
                actor = Actor(code=country, country=country)
                found[token.i] = ActorSpan(token.i, token.i + 1, actor, "country", "place")
                break
    return found


def reciprocal(token: Token) -> bool:
    """Return whether a trigger's object is "each other" or "one another".

    Args:
        token: the trigger.

    Returns:
        True for "accused each other", "fought one another".
    """
    heads = [token, *(c for c in token.children if c.dep_ == "prep")]
    return any(
        c.lower_ in ("other", "another")
        and c.dep_ in ("dobj", "pobj", "dative")
        and any(g.lower_ in ("each", "one") for g in c.children)
        for head in heads
        for c in head.children
    )


def hit_territory(
    token: Token, index: dict[int, ActorSpan], sources: list[ActorSpan], targets: list[ActorSpan]
) -> list[ActorSpan]:
    """Return the state whose territory a use of force hit, in place of whom it aimed at.

    "Iran fired missiles at a US base in Qatar", "Pakistan killed militants in Afghanistan":
    force is coded against the country it lands in, when that is neither side's own.

    Args:
        token: the trigger.
        index: the actor and place mentions by token.
        sources: the source mentions.
        targets: the targets the pattern's slots found.

    Returns:
        The targets, or the country hit in their place.
    """
    land = territory(token, index)
    if land is None or land.actor is None:
        return targets
    # "clashed with Bolivian protesters in Peru": a named opponent fought is the target
    partners = [
        arguments.mention_at(pobj, index)
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ == "with"
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]
    if any(p is not None and any(p is t for t in targets) for p in partners):
        return targets
    country = land.actor.country
    if any(s.actor is not None and s.actor.country == country for s in sources):
        return targets
    # militants hit in a country are its state's business too: the state is the target
    if any(
        t.actor is not None and t.actor.country == country and t.actor.sector in STATE_SECTORS
        for t in targets
    ):
        return targets
    return [land]


def states(source: Actor, target: Actor) -> bool:
    """Return whether both sides act for a state: a country, its government or armed forces.

    Args:
        source: the source actor.
        target: the target actor.

    Returns:
        True when neither is a rebel, civilian or other non-state sector.
    """
    return all(
        a.country is not None and a.code[:3] == a.country and a.sector in STATE_SECTORS
        for a in (source, target)
    )


def speaker(token: Token, index: dict[int, ActorSpan]) -> ActorSpan | None:
    """Return who says the clause a trigger sits in: "Kabul said [the decision was unacceptable]".

    Args:
        token: the trigger (a verb, or a predicate adjective or noun).
        index: the actor mentions by token.

    Returns:
        The speaker's mention, or None when the clause is no speech verb's complement.
    """
    verb = speech_verb(token)
    if verb is None:
        return None
    subject, passive = arguments.subject_of(verb)
    if subject is None or passive:
        return None
    return arguments.mention_at(subject, index)


def speech_verb(token: Token) -> Token | None:
    """Return the speech verb whose complement clause a trigger sits in ("said"), or None.

    Args:
        token: the trigger (a verb, or a predicate adjective or noun).

    Returns:
        The speech verb, or None when the clause is no speech verb's complement.
    """
    # a predicate word or a modal ("said India must withdraw") stands for its clause's verb
    head = token.head if token.dep_ in ("acomp", "attr", "aux") else token
    for _ in range(4):
        if head.dep_ != "conj" or head.head.i == head.i:
            break
        head = head.head
    if head.dep_ != "ccomp" or head.head.lemma_ not in SPEECH:
        return None
    return head.head


# mentions a speaker's "must"/"should" can be put to: named states, governments and people
DEMANDED_KINDS = {"country", "capital", "metonym", "person", "title", "org"}


def judged(token: Token, index: dict[int, ActorSpan]) -> tuple[list[ActorSpan], list[ActorSpan]]:
    """Return the speaker who judges a clause and the actor the judgement is about.

    "Kabul said Pakistan's decision was unacceptable": Kabul judges Pakistan, the doer of the
    clause's subject; a subject with no actor ("the move was reckless") gives no event.

    Args:
        token: the predicate adjective or noun.
        index: the actor mentions by token.

    Returns:
        The speaker as source and the judged actor as target, or two empty lists.
    """
    judge = speaker(token, index)
    # "the visit was a provocation": a predicate noun's subject is its clause's
    subject, passive = arguments.subject_of(token.head if token.dep_ in ("attr", "aux") else token)
    if judge is None or subject is None or passive:
        return [], []
    if token.dep_ == "aux":
        # "said Georgia must act" asks it of a named actor; "said the report should silence
        # critics" of no one, and "the soldiers should be there" or "both sides should" name
        # no one a demand is put to
        found = index.get(subject.i)
        if found is None or found.kind not in DEMANDED_KINDS or token.head.lemma_ == "be":
            return [], []
        return ([judge], [found]) if found.actor != judge.actor else ([], [])
    judged = arguments.mention_at(subject, index) or next(
        (
            found
            for prep in subject.children
            if prep.dep_ in ("prep", "agent") and prep.lower_ == "by"
            for pobj in prep.children
            if pobj.dep_ == "pobj"
            for found in [arguments.mention_at(pobj, index)]
            if found is not None
        ),
        None,
    )
    if judged is None or judged.actor == judge.actor:
        return [], []
    return [judge], [judged]


def passive_context(
    token: Token, pattern: Pattern, patient: ActorSpan, index: dict[int, ActorSpan]
) -> tuple[list[ActorSpan], list[ActorSpan]]:
    """Return the source (and target) of an agentless passive from its context.

    ``own``: the patient's side acted ("Russia's ambassador was recalled from Washington"), and
    the other side is the pattern's target slots or the post in the patient's phrase
    ("ambassador to the US"). ``host``: the patient is the target and the actor is the speaker
    who reports it or the country or ministry of a place phrase ("summoned to the ministry in Dhaka",
    "summoned to Bangladesh's foreign ministry").

    Args:
        token: the passive verb.
        pattern: its pattern, whose ``passive_actor`` says which reading applies.
        patient: the passive subject's mention.
        index: the actor mentions by token.

    Returns:
        The sources and the targets found, or two empty lists.
    """
    if pattern.passive_actor == "own":
        subject, _passive = arguments.subject_of(token)
        posts = (
            [
                f
                for prep in (subject.children if subject is not None else [])
                if prep.dep_ == "prep" and prep.lower_ in ("to", "in", "at")
                for pobj in prep.children
                if pobj.dep_ == "pobj"
                for f in arguments.with_conj(pobj, index)
                if f.actor is not None and f.actor.country != patient.actor.country
            ]
            if patient.actor is not None
            else []
        )
        return [patient], posts
    country = patient.actor.country if patient.actor is not None else None
    reporter = speaker(token, index)
    if reporter is not None and reporter.actor is not None and reporter.actor.country != country:
        return [reporter], [patient]
    places = [
        t
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ in ("to", "in", "at")
        for t in prep.subtree
    ]
    for t in places:
        found = index.get(t.i)
        if (
            found is not None
            and found.actor is not None
            # "summoned to Bangladesh's foreign ministry": a ministry names its state as well
            and found.kind in ("country", "capital", "sector", "metonym")
            and found.actor.country != country
        ):
            return [found], [patient]
    return [], []


def territory(token: Token, index: dict[int, ActorSpan]) -> ActorSpan | None:
    """Return the country or capital a use of force lands in: "fired missiles at a base in Qatar".

    Args:
        token: the trigger.
        index: the actor and place mentions by token.

    Returns:
        The mention of the place's country, or None.
    """
    heads = [token, *arguments.objects_of(token)]
    clause = _governing_clause(token)
    if clause is not None:
        heads += [clause, *arguments.objects_of(clause)]
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "inside", "into"):
                continue
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                found = _land(pobj, index, depth=3)
                if found is not None:
                    return found
    return None


def _governing_clause(token: Token) -> Token | None:
    """Return the verb whose clause places a use of force that has no clause of its own.

    "Pakistani airstrikes killed eight people in Khost" (a subject noun), "…, killing eight
    in Khost" (a bare participle), "mortars fired by X wounded four in Kurram" (a participle
    of the subject): the place hangs on the governing verb.
    """
    if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ in ("NOUN", "PROPN"):
        return token.head
    bare = not any(c.dep_ in ("mark", "nsubj", "aux") for c in token.children)
    if token.dep_ == "advcl" and token.tag_ == "VBG" and bare:
        return token.head
    if token.dep_ == "acl" and token.tag_ == "VBN" and token.head.dep_ in ("nsubj", "nsubjpass"):
        return token.head.head
    return None


def _land(place: Token, index: dict[int, ActorSpan], *, depth: int) -> ActorSpan | None:
    """Return the country a place phrase lies in, through nested places.

    "in a sub-district of Sinjar in Iraq's Kurdistan region": a district of a town
    in a region of a country lies in that country.
    """
    found = arguments.mention_at(place, index)
    if found is not None and found.actor is not None and found.kind in ("country", "capital"):
        return found
    if depth == 0:
        return None
    for prep in place.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "of", "inside"):
            continue
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            inner = _land(pobj, index, depth=depth - 1)
            if inner is not None:
                return inner
    return None
