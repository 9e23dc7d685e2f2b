"""Events found in a sentence, and how one bears on another: purposes, partners, restatements.

The coder finds each event at its trigger; these rules look across the events already found:
the purpose of a meeting is no second event, a verb conjoined to a meeting takes its partner, a
denial answers the latest accuser, and a headline the lede restates is one event.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from bilat.actors.resolve import ActorSpan
from bilat.events import arguments
from bilat.events.patterns import Pattern
from bilat.records import Actor, Factuality

# prepositions that place a clause at a meeting: "during talks with X", "at a meeting with Y"
SETTINGS = {"during", "at", "in", "on"}


@dataclass(frozen=True)
class Candidate:
    """An event found in a sentence, before dates, places and ids are attached."""

    sentence: Span
    sentence_index: int
    pattern: Pattern
    code: str
    trigger: Token
    source: Actor
    target: Actor
    factuality: Factuality
    factuality_reason: str
    confidence: float
    reported_by: Actor | None
    symmetric: bool


def purpose_of(candidate: Candidate, candidates: list[Candidate]) -> bool:
    """Return whether an event is what an event already coded between the same sides is about.

    "Delegations will meet … to sign agreements" (the signing is what the meeting is for),
    "threatened to sever ties", "refused to lift sanctions": one event, the governing one, not
    a second one between the same two countries.

    Args:
        candidate: an event just found.
        candidates: the events found before it.

    Returns:
        True when its trigger is a to-infinitive of a trigger already coded between the same
        two countries.
    """
    token = candidate.trigger
    if token.dep_ not in ("advcl", "xcomp") or not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children
    ):
        return False
    sides = frozenset((candidate.source.country, candidate.target.country))
    return any(
        c.trigger.i == token.head.i and frozenset((c.source.country, c.target.country)) == sides
        for c in candidates
    )


def accuser(sources: list[ActorSpan], prior: list[Candidate], number: int) -> list[ActorSpan]:
    """Return the source of the latest accusation against a source, within two sentences.

    Args:
        sources: the mentions of a denial's source.
        prior: the events found before it.
        number: the denial's sentence number.

    Returns:
        The accuser as a mention at the accusation's trigger, or nothing.
    """
    countries = {f.country for f in sources if f.country}
    for earlier in reversed(prior):
        if earlier.sentence_index < number - 2:
            break
        if earlier.code[:2] == "11" and earlier.target.country in countries:
            actor = earlier.source
            return [
                ActorSpan(earlier.trigger.i, earlier.trigger.i + 1, actor, "antecedent", "accuser")
            ]
    return []


def shared_partner(
    token: Token, sources: list[ActorSpan], prior: list[Candidate], number: int
) -> list[ActorSpan]:
    """Return the partner of the meeting whose subject a conjoined or participial verb shares.

    "Kenya met Uganda and agreed to reopen the border", "visited Ghana, signing three deals":
    what is agreed or signed at a meeting or visit is agreed with its partner, as is what is done
    during it ("during his visit to Uganda, Ruto signed three agreements"). Only a meeting
    lends its partner: who attacks Y and kills soldiers, or criticises Y and warns that …,
    may kill or warn others.

    Args:
        token: a verb whose pattern found no target.
        sources: its source mentions.
        prior: the events found before it.
        number: its sentence number.

    Returns:
        The meeting's other side as a mention at the meeting's trigger, or nothing.
    """
    if token.pos_ not in ("VERB", "AUX") or any(c.dep_ == "ccomp" for c in token.children):
        return []
    anchors: set[int] = set()
    # a bare participle only: "after meeting X", "while visiting Y" are other clauses
    participle = token.dep_ == "advcl" and token.tag_ == "VBG"
    linked = token.dep_ == "conj" or (
        participle and not any(c.dep_ in ("mark", "aux") for c in token.children)
    )
    if linked and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children):
        anchors |= {token.head.i, *(o.i for o in arguments.objects_of(token.head))}
    # "during his visit to Uganda, Ruto signed three deals": the meeting the clause happens at
    clause = [token, token.head] if token.dep_ == "xcomp" else [token]
    anchors |= {
        g.i
        for verb in clause
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ in SETTINGS
        for g in prep.children
        if g.dep_ == "pobj"
    }
    own = {f.country for f in sources}
    for earlier in reversed(prior):
        if earlier.sentence_index != number:
            break
        if earlier.trigger.i not in anchors or not earlier.code.startswith("04"):
            continue
        if earlier.source.country in own:
            partner = earlier.target
        elif earlier.symmetric and earlier.target.country in own:
            partner = earlier.source
        else:
            continue
        at = earlier.trigger.i
        return [ActorSpan(at, at + 1, partner, "antecedent", "partner of the governing event")]
    return []


def agreed_before(
    token: Token, sources: list[ActorSpan], prior: list[Candidate], number: int
) -> list[ActorSpan]:
    """Return the partner of the agreement a definite object refers back to.

    "The US and the Taliban reached a deal on Saturday. … Khalilzad signed the pact": "the
    pact" is the deal just reported, so its signing is with the same partner.

    Args:
        token: a symmetric trigger with an object and no target ("signed").
        sources: its source mentions.
        prior: the events found before it.
        number: its sentence number.

    Returns:
        The other side of the latest agreement (057) of a source's country within the last two
        sentences, as a mention at that event's trigger, or nothing.
    """
    definite = [
        o
        for o in token.children
        if o.dep_ in ("dobj", "nsubjpass")
        and any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in o.children)
        and not any(c.dep_ in ("poss", "compound", "amod", "prep") for c in o.children)
    ]
    if not definite:
        return []
    own = {f.country for f in sources}
    for earlier in reversed(prior):
        if earlier.sentence_index < number - 2:
            break
        if earlier.sentence_index == number or not earlier.code.startswith("057"):
            continue
        if earlier.source.country in own:
            partner = earlier.target
        elif earlier.target.country in own:
            partner = earlier.source
        else:
            continue
        at = earlier.trigger.i
        return [ActorSpan(at, at + 1, partner, "antecedent", "partner of the agreement before")]
    return []


def restated(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """Drop a headline's events that the lede's first sentences report again.

    "China rolls over loan to Pakistan" above "BEIJING: China has agreed to roll over …" is one
    event; the lede's copy is kept, with its dateline, date and full sentence.

    Args:
        doc: the parsed document.
        candidates: its events.

    Returns:
        The events without the headline's restated ones.
    """
    first = next((s for s in doc.sents if s.text.strip()), None)
    if first is None or not is_headline(doc, first):
        return candidates

    # sentences are numbered from the first non-empty one, so the headline is number 0
    def key(c: Candidate) -> tuple[str, frozenset[str | None]]:
        return c.code[:2], frozenset((c.source.country, c.target.country))

    lede = {key(c) for c in candidates if 0 < c.sentence_index <= 3}
    return [c for c in candidates if c.sentence_index != 0 or key(c) not in lede]


def is_headline(doc: Doc, sentence: Span) -> bool:
    """Return whether a sentence is a headline line: alone on its line, no closing full stop.

    Args:
        doc: the parsed document.
        sentence: one of its sentences.

    Returns:
        True for a line such as "Kenya recalls envoy" followed by a line break.
    """
    text = sentence.text.rstrip()
    end = sentence.start_char + len(text)
    after = doc.text[end : end + 1]
    closing = text.rstrip("\"'”’")
    return bool(closing) and closing[-1] not in ".!?" and (after.startswith("\n") or not after)


def dedup(candidates: list[Candidate]) -> list[Candidate]:
    """Keep one event per sentence, CAMEO root and pair of countries: the surest.

    "At their first meeting, both officials praised the dialogue between Peru and Chile"
    reports one exchange between the two countries, whether the actors found are the
    officials (PERGOV, CHLGOV) or the countries (PER, CHL).

    Args:
        candidates: a document's events.

    Returns:
        The surest event of each sentence, root and pair, in text order.
    """
    best: dict[tuple[int, str, str, str], Candidate] = {}
    for c in candidates:
        sides = [c.source.country or c.source.code, c.target.country or c.target.code]
        pair = sorted(sides) if c.symmetric else sides
        key = (c.sentence_index, c.code[:2], pair[0], pair[1])
        if key not in best or c.confidence > best[key].confidence:
            best[key] = c
    return sorted(best.values(), key=lambda c: (c.sentence_index, c.trigger.i))
