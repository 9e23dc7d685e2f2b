"""Resolve actors a text names without a name of their own, from the actors around them.

News writes a state it has just named as "the country", "the island nation" or "the Gulf
state", an organisation as "the lender" or "the bloc", and officials speak for their state in
the first person ("“We will not accept this,” the minister said"). Bare words get their
country from their owner ("its troops", "stations 1,000 troops") or their clause's subject
("NAIROBI — Somali lawmakers … The parliament …"), and "they" after two people met is both.
None of these is in the gazetteer; each points at an actor the document already resolved.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Token

from bilat.actors.mention import ActorSpan, ResolveContext
from bilat.records import Actor

# quotation marks that open and close a quote; a straight quote does both
_OPENING = {"“": "”", "‘": "’", '"': '"'}


def descriptive_nouns(doc: Doc, found: list[ActorSpan], ctx: ResolveContext) -> list[ActorSpan]:
    """Return mentions for "the country", "the kingdom", "the lender", "the bloc" and the like.

    A state noun (``country_nouns`` in ``actor_rules.yaml``, or one of
    ``regional_state_nouns`` after a capitalised region: "the Gulf state") stands for the state
    that is the
    subject of its own sentence or the one before (or whose official is): "Dar confirmed the
    loan … The rollover is critical for the South Asian nation" is Pakistan. An organisation
    noun (``organisation_nouns``) stands for the nearest organisation it may describe named in
    its sentence or the two before: "Egypt asked the IMF for a loan. The lender agreed."
    A possessive pronoun ("his country") is left to :func:`owned_countries`; a noun with no
    such antecedent is left out.

    Args:
        doc: the parsed document.
        found: the mentions resolved so far, sorted by position.
        ctx: knowledge (the nouns).

    Returns:
        New mentions, resolved, or waiting for their possessor.
    """
    rules = ctx.knowledge.actor_rules
    # a country word inside a region's name ("South American") describes, it does not name
    covered = {i for f in found if f.kind != "region" for i in range(f.start, f.end)}
    made: list[ActorSpan] = []
    for token in doc:
        noun = token.lower_
        regional = noun in rules.regional_state_nouns
        state = regional or noun in rules.country_nouns
        if not (state or noun in rules.organisation_nouns):
            continue
        if token.tag_ != "NN" or token.i in covered:
            continue
        left = list(token.lefts)
        owned = [t for t in left if t.dep_ not in ("det", "poss")]
        if any(t.i in covered for t in owned) or _names_a_place(token):
            continue
        if regional and not (owned and all(t.text[:1].isupper() for t in owned)):
            # "the Gulf state", "the Baltic state"; a bare "state" is as often a province
            continue
        det = next((t for t in left if t.dep_ in ("det", "poss")), None)
        if det is None or any(t.dep_ not in ("det", "poss", "amod", "compound") for t in left):
            continue
        start = min((t.i for m in owned for t in m.subtree), default=token.i)
        text = doc[start : token.i + 1].text
        if state and det.lower_ in ("his", "her", "their", "its"):
            made.append(
                ActorSpan(
                    start, token.i + 1, None, "country", "possessed country", needs_antecedent=True
                )
            )
            continue
        if det.lower_ != "the":
            continue
        if not state:
            org = _named_organisation(doc, token, found, rules.organisation_nouns[noun])
            if org is not None and org.actor is not None:
                actor = replace(org.actor, name=text)
                how = f"'{text}' → {org.actor.code} named before"
                made.append(ActorSpan(start, token.i + 1, actor, "org", how))
            continue
        subject = _subject_state(doc, token, found, ctx)
        fits = _described_states(doc[start : token.i + 1].text, rules.country_descriptions)
        if fits is not None:
            subject = _fitting_state(doc, token, found, subject, fits)
        if subject is None or subject.actor is None or subject.actor.country is None:
            continue
        country = subject.actor.country
        actor = _state_of(subject.actor, country, text)
        how = f"'{text}' → {country}, the " + (
            "state before that fits" if fits else "subject before"
        )
        made.append(ActorSpan(start, token.i + 1, actor, "country", how))
    return made


def _described_states(text: str, descriptions: dict[str, list[str]]) -> frozenset[str] | None:
    """Return the states every description word in a phrase fits, or None with no such word.

    "the Gulf kingdom" fits Saudi Arabia and Bahrain; the longest description wins where one
    holds another ("South Asian" over "Asian").
    """
    words = text.lower().replace("-", " ").split()
    fits: frozenset[str] | None = None
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            key = " ".join(words[i:j])
            if key in descriptions:
                states = frozenset(descriptions[key])
                fits = states if fits is None else fits & states
                i = j
                break
        else:
            i += 1
    return fits


def _fitting_state(
    doc: Doc,
    token: Token,
    found: list[ActorSpan],
    subject: ActorSpan | None,
    fits: frozenset[str],
) -> ActorSpan | None:
    """Return the state a described noun stands for: the subject if it fits, else the nearest
    earlier state in the document that does ("China lent the island nation …" after Sri Lanka)."""
    if subject is not None and subject.actor is not None and subject.actor.country in fits:
        return subject
    for mention in reversed(found):
        if mention.end > token.i or mention.kind == "group" or mention.actor is None:
            continue
        if mention.actor.country in fits:
            return mention
    return None


def _named_organisation(
    doc: Doc, token: Token, found: list[ActorSpan], codes: list[str]
) -> ActorSpan | None:
    """Return the nearest earlier mention of one of ``codes`` in this sentence or the two before."""
    for mention in earlier(doc, token, found, sentences=2):
        if mention.kind == "org" and mention.actor is not None and mention.actor.code in codes:
            return mention
    return None


def earlier(
    doc: Doc, token: Token, found: list[ActorSpan], *, sentences: int
) -> Iterator[ActorSpan]:
    """Yield the mentions before a token, nearest first, in its sentence and ``sentences`` before.

    Args:
        doc: the parsed document.
        token: where to look back from.
        found: the mentions, sorted by position.
        sentences: how many sentences before the token's own to look into.
    """
    floor = token.sent.start
    for _ in range(sentences):
        if floor > 0:
            floor = doc[floor - 1].sent.start
    for mention in reversed(found):
        if mention.end > token.i:
            continue
        if mention.start < floor:
            return
        yield mention


def _names_a_place(token: Token) -> bool:
    """Return whether "country" is followed by a name ("the country of Pakistan") or a clause."""
    return any(c.dep_ == "prep" and c.lower_ in ("of", "'s") for c in token.children)


def _subject_state(
    doc: Doc,
    token: Token,
    found: list[ActorSpan],
    ctx: ResolveContext,
    *,
    before: bool = True,
    speakers: bool = True,
) -> ActorSpan | None:
    """Return the nearest earlier subject mention of a state in this sentence (or the one before).

    With ``speakers`` False, a speaker whose reported clause holds the token is no one's
    state: "Albright said restrictions imposed by the military …" is not the US military.
    """
    countries = ctx.knowledge.countries
    speech = {w.lower() for w in ctx.knowledge.quote_words.speech_verbs}
    for mention in earlier(doc, token, found, sentences=1 if before else 0):
        actor = mention.actor
        if actor is None or actor.country not in countries or mention.kind == "group":
            continue
        head = doc[mention.end - 1]
        if head.dep_ in ("poss", "compound", "amod") and head.head.dep_ in ("nsubj", "nsubjpass"):
            head = head.head
        if head.dep_ in ("nsubj", "nsubjpass"):
            verb = head.head
            if not speakers and verb.lower_ in speech and token in verb.subtree:
                return None
            # "Pakistan and India agreed …": either may be "the country"
            return None if any(c.dep_ == "conj" for c in head.children) else mention
    return None


def clause_country(doc: Doc, found: list[ActorSpan], ctx: ResolveContext) -> None:
    """Give "the parliament", "the government" the state of the subject, not the home's.

    A bare institutional word was given the article's home country for want of one of its
    own. When the subject of its own sentence is another state (or its official), the word
    is that state's ("Somalia said the parliament would …"); when the home is only the
    dateline's country, the subject of the sentence before counts too: "NAIROBI — Somali
    lawmakers voted … The parliament also …" is Somalia's parliament, not Kenya's. An
    article's own home (found from how it names its officials) is kept across sentences.

    Args:
        doc: the parsed document.
        found: the resolved mentions, sorted by position, changed in place.
        ctx: knowledge, the home country and where it came from.
    """
    for mention in found:
        if not mention.by_home or mention.actor is None:
            continue
        token = doc[mention.start]
        subject = _subject_state(
            doc, token, found, ctx, before=ctx.home_from_dateline, speakers=False
        )
        if subject is None or subject.actor is None:
            continue
        country = subject.actor.country
        if country is None or country == mention.actor.country:
            continue
        sector = mention.actor.sector or ""
        mention.actor = replace(mention.actor, code=country + sector, country=country)
        text = doc[mention.start : mention.end].text
        mention.how = f"'{text}' → {country}, the state of the subject before"
        mention.by_home = False


def owned_countries(doc: Doc, found: list[ActorSpan]) -> None:
    """Give "his country", "their country" the country of the resolved possessive pronoun.

    Args:
        doc: the parsed document.
        found: every mention, after coreference, changed in place.
    """
    at = {f.start: f for f in found if f.kind == "pronoun"}
    for mention in found:
        if mention.how != "possessed country" or mention.actor is not None:
            continue
        noun = doc[mention.end - 1]
        owner = next((at[c.i] for c in noun.children if c.dep_ == "poss" and c.i in at), None)
        if owner is None or owner.actor is None or owner.actor.country is None:
            continue
        country = owner.actor.country
        text = doc[mention.start : mention.end].text
        mention.actor = _state_of(owner.actor, country, text)
        mention.how = f"'{text}' → {country} of {owner.actor.name or owner.actor.code}"
        mention.needs_antecedent = False


def owned_sectors(doc: Doc, found: list[ActorSpan], ctx: ResolveContext) -> None:
    """Give a bare sector word the country of its owner: "its troops", "led a delegation".

    A sector word with no country of its own ("troops", "delegation", "armed forces") takes
    the country of a resolved possessive before it ("its armed forces" after Mozambique), or,
    as the object of a verb that says the subject owns it (``owner_verbs`` in
    ``actor_rules.yaml``: "the United States stations 1,000 troops", "Ramaphosa will lead a
    delegation"), the country of that verb's subject. A word the home country was given for
    want of another is replaced too.

    Args:
        doc: the parsed document.
        found: every mention, after coreference, changed in place.
        ctx: knowledge (the verbs).
    """
    verbs = ctx.knowledge.actor_rules.owner_verbs
    at = {i: f for f in found for i in range(f.start, f.end)}
    for mention in found:
        if mention.kind != "sector" or not (mention.actor is None or mention.by_home):
            continue
        head = doc[mention.end - 1]
        owner = next(
            (at[c.i] for c in head.children if c.dep_ == "poss" and c.i in at),
            None,
        )
        if owner is None and head.dep_ == "dobj" and head.head.lemma_.lower() in verbs:
            subject = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
            owner = at.get(subject.i) if subject is not None else None
        if owner is None or owner is mention or owner.actor is None or owner.pair:
            continue
        country = owner.actor.country
        if country is None or country not in ctx.knowledge.countries:
            continue
        sector = next(
            (e.key for p in mention.pieces for e in p.entries if e.kind == "sector"), None
        )
        if sector is None:
            continue
        text = doc[mention.start : mention.end].text
        mention.actor = Actor(country + sector, country, sector, name=text)
        mention.how = f"'{text}' of {owner.actor.name or owner.actor.code}"
        mention.by_home = False


def they_pair(doc: Doc, found: list[ActorSpan]) -> None:
    """Make an open "they" the two people its sentence names before it, when there are two.

    "After a meeting with Xi, Kishida said they agreed to …", "Jaishankar met Lavrov, who
    said they discussed …": coreference found no single state or organisation subject for
    "they", and the sentence names exactly two people of two countries (and no state or
    organisation) before it, so "they" is both, as "the two leaders" is.

    Args:
        doc: the parsed document.
        found: every mention, after coreference, changed in place.
    """
    for mention in found:
        if mention.kind != "pronoun" or mention.actor is not None:
            continue
        token = doc[mention.start]
        if token.lower_ != "they" or token.dep_ != "nsubj":
            continue
        sentence = token.sent
        before = [
            f
            for f in found
            if sentence.start <= f.start
            and f.end <= mention.start
            and f.actor is not None
            and f.actor.country is not None
            and f.kind not in ("pronoun", "group")
            and not f.pair
        ]
        if not before or not all(f.individual for f in before):
            # "India accused Pakistan … and said they …": "they" may be anyone the states
            # talk about; two people met are the parties "they" names
            continue
        sides: dict[str, Actor] = {}
        for f in before:
            if f.actor is not None and f.actor.country is not None:
                sides.setdefault(f.actor.country, f.actor)
        if len(sides) != 2:
            continue
        first, second = sides.values()
        mention.pair = (first, second)
        mention.actor = first
        mention.how = f"they: {first.code} and {second.code} named before in the sentence"


def quoted_first_person(doc: Doc, found: list[ActorSpan], ctx: ResolveContext) -> list[ActorSpan]:
    """Return mentions for "we", "our", "I" inside a direct quote, standing for its speaker.

    The speaker is the subject of a speech verb (``speech_verbs`` in ``quotes.yaml``) outside
    the quote, in the sentence where the quote opens or closes: "“We want peace,” the
    minister said", "Trump wrote, “We have a deal”". "I" is the speaker; "we" and "our" are
    the speaker's state or organisation, not the person. A quote with no resolved speaker, or
    with a pronoun speaker coreference left open, gives nothing.

    Args:
        doc: the parsed document.
        found: every mention, after coreference.
        ctx: knowledge (speech verbs, ``first_person`` in ``actor_rules.yaml``).

    Returns:
        New, resolved mentions.
    """
    kb = ctx.knowledge
    speech = {w.lower() for w in kb.quote_words.speech_verbs}
    singular = kb.actor_rules.first_person_singular
    plural = kb.actor_rules.first_person_plural
    covered = {i for f in found for i in range(f.start, f.end)}
    at = {i: f for f in found for i in range(f.start, f.end)}
    made: list[ActorSpan] = []
    for first, last in _quotes(doc):
        pronouns = [
            t
            for t in doc[first:last]
            if t.lower_ in singular | plural and t.pos_ == "PRON" and t.i not in covered
        ]
        if not pronouns:
            continue
        speaker = _speaker(doc, first, last, speech, at)
        if speaker is None or speaker.actor is None:
            continue
        for token in pronouns:
            if token.lower_ in singular:
                if not speaker.individual:
                    continue
                actor, individual = speaker.actor, True
            else:
                actor = replace(speaker.actor, name=token.text, person=None, person_id=None)
                individual = False
            who = speaker.actor.name or speaker.actor.code
            made.append(
                ActorSpan(
                    token.i,
                    token.i + 1,
                    actor,
                    "pronoun",
                    f"'{token.text}' in a quote of {who}",
                    individual=individual,
                    office=speaker.office if individual else None,
                )
            )
    return made


def _quotes(doc: Doc) -> list[tuple[int, int]]:
    """Return the token ranges inside quotation marks, each within one paragraph."""
    ranges: list[tuple[int, int]] = []
    opened: tuple[int, str] | None = None
    for token in doc:
        if "\n" in token.text:
            if opened is not None:
                # a quote running on into the next paragraph closes only there; what it
                # says up to the paragraph's end is still quoted
                ranges.append((opened[0] + 1, token.i))
            opened = None
            continue
        if opened is not None and token.text == opened[1]:
            ranges.append((opened[0] + 1, token.i))
            opened = None
        elif opened is None and token.text in _OPENING:
            opened = (token.i, _OPENING[token.text])
    return ranges


def _speaker(
    doc: Doc, first: int, last: int, speech: set[str], at: dict[int, ActorSpan]
) -> ActorSpan | None:
    """Return the resolved subject of the speech verb outside a quote, in its sentences."""
    opening, closing = doc[first].sent, doc[max(first, last - 1)].sent
    outside = [
        t
        for sentence in {opening.start: opening, closing.start: closing}.values()
        for t in sentence
        if (t.i < first - 1 or t.i > last) and t.lower_ in speech
    ]
    subjects = [c for verb in outside for c in verb.children if c.dep_ == "nsubj"]
    if len(subjects) != 1:
        # "“…,” Modi said, and Sharif said he agreed": whose words they are is not clear
        return None
    subject = subjects[0]
    if subject.i in at:
        return at[subject.i]
    # "a Downing Street source said", "a foreign ministry spokesman said": the unnamed
    # speaker speaks for the state or organisation that qualifies them
    owners = {
        id(f): f
        for t in subject.lefts
        if t.dep_ in ("compound", "amod", "poss", "nmod")
        for i in range(t.left_edge.i, t.i + 1)
        if (f := at.get(i)) is not None and not f.individual
    }
    return next(iter(owners.values())) if len(owners) == 1 else None


def _state_of(actor: Actor, country: str, text: str) -> Actor:
    """Return the state of an actor's country, named by the words that stand for it."""
    return replace(
        actor, code=country, sector=None, name=text, person=None, person_id=None, office=None
    )
