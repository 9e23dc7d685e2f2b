"""Senses and codes that depend on who acts and how a deed is said.

A crowd's assault is a riot and force against a crowd repression; a side that claims its own
attack acknowledges it; an attack made in words is criticism; an appeal to someone unresolved,
or a gathering of three or more sides, gives no pair's event. The coder asks these questions
after a pattern matches.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from bilat.actors.resolve import ActorSpan
from bilat.events import arguments
from bilat.events.syntax import ATTRIBUTIVE_BEFORE, SPEECH

# people whose violence is a riot, and whom force against is repression (CAMEO 145 and 175)
PROTEST_NOUNS = {"protester", "protestor", "demonstrator", "rioter"}
# verbs by which a side owns a deed as its own: "claimed that they had attacked Iraq" (015)
CLAIM_VERBS = {"claim", "admit", "acknowledge", "confess"}
# coercion, assault and force: the deeds a riot, a repression or a claim of responsibility covers
ASSAULT_ROOTS = {"17", "18", "19", "20"}
NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "dozen": 12,
}
# modifiers of a meeting noun that make it a gathering of many parties
MULTILATERAL = {
    "multilateral",
    "multiparty",
    "multi-party",
    "six-party",
    "six-nation",
    "four-party",
}
# words that make an attack one of words: "a scathing attack", "attacked Israel, saying …"
VERBAL_MODIFIERS = {"verbal", "scathing", "blistering", "stinging", "rhetorical", "withering"}
# participles after "X-" that make X the backer of the noun that follows: "the UN-backed government"
BACKING_PARTICIPLES = {
    "backed",
    "led",
    "sponsored",
    "supported",
    "brokered",
    "funded",
    "financed",
    "armed",
    "trained",
    "dominated",
    "controlled",
    "installed",
    "appointed",
    "imposed",
    "occupied",
    "mediated",
    "allied",
    "friendly",
}
# envoys whose "to" phrase names where they serve, not who they are: "the German ambassador to
# the UAE" is Germany's
ENVOY_NOUNS = {"ambassador", "envoy", "consul", "representative", "emissary", "delegate"}
# words that make a sentence a sports report, whose countries are teams: "Japan and Australia
# begin Group F action with a clash", "hosts Germany meet Costa Rica"
SPORTS_WORDS = {
    "world cup",
    "olympic",
    "olympics",
    "asian games",
    "tournament",
    "championship",
    "championships",
    "qualifier",
    "qualifiers",
    "finals",
    "semifinal",
    "semi-final",
    "quarterfinal",
    "quarter-final",
    "coach",
    "play-off",
    "playoff",
    "football",
    "soccer",
    "cricket",
    "rugby",
    "striker",
    "goalkeeper",
    "medal",
    "medals",
    "group a",
    "group b",
    "group c",
    "group d",
    "group e",
    "group f",
    "group g",
    "group h",
}
# what a "round" holds when it is a round of talks: "a new round of clashes" is fighting
ROUND_OF_MEETINGS = {
    "talk",
    "talks",
    "negotiation",
    "consultation",
    "discussion",
    "meeting",
    "dialogue",
    "contact",
    "visit",
}
# modifiers and phrases that make a call an appeal, not a telephone call: "their common call
# to be good neighbours", "a call for calm"
APPEAL_MODIFIERS = {"common", "joint", "repeated", "renewed", "urgent", "international"}
PHONE_WORDS = {"phone", "telephone", "telephonic"}
HOST_VERBS = {
    "meet",
    "tell",
    "receive",
    "welcome",
    "host",
    "greet",
    "brief",
    "thank",
    "accompany",
    "assure",
    "inform",
    "invite",
    "urge",
    "see",
}
# trips in whose course something else was said or done: "criticised X during a visit to Y"
TRIP_NOUNS = {"visit", "trip", "tour", "stay", "stopover"}
TRIP_PREPOSITIONS = {"during", "on", "in"}
# nouns whose with-phrase names whom one spoke to, not whom the words were about
INTERVIEW_NOUNS = {"interview", "interviews"}
DISPARAGING_VERBS = {
    "dismiss",
    "brand",
    "call",
    "describe",
    "label",
    "accuse",
    "denounce",
    "deride",
}


def verbal_attack(token: Token, sources: list[ActorSpan]) -> bool:
    """Return whether an attack is made in words ("launched an attack on Israel, dismissing…").

    A scathing attack is always one of words; an attack followed by what its maker says is
    one only when a person or title makes it: "troops attacked Gaza, saying…" is force.

    Args:
        token: the trigger of an assault or force code.
        sources: the mentions that do it.

    Returns:
        True when the attack is criticism (111).
    """
    nouns = [token, *(c for c in token.children if c.dep_ == "dobj")]
    if any(c.dep_ == "amod" and c.lower_ in VERBAL_MODIFIERS for n in nouns for c in n.children):
        return True
    if not sources or any(f.kind not in ("person", "title", "counterpart") for f in sources):
        return False
    verb = token.head if token.pos_ == "NOUN" and token.dep_ == "dobj" else token
    return any(
        c.dep_ == "advcl"
        and c.tag_ == "VBG"
        and (c.lemma_ in SPEECH or c.lemma_ in DISPARAGING_VERBS)
        for c in verb.children
    )


def addressee_unresolved(
    token: Token, targets: list[ActorSpan], index: dict[int, ActorSpan]
) -> bool:
    """Return whether an appeal's object names someone bilat did not resolve.

    "The rebels urged the voters of the north to boycott the vote, … Rajapakse": the appeal
    is to the voters; an actor found further on is not its addressee.

    Args:
        token: the trigger of an appeal or demand.
        targets: the targets the argument finder found.
        index: the resolved mentions by token.

    Returns:
        True when targets were found but the object told to act is no resolved actor.
    """
    if not any(c.dep_ in ("xcomp", "ccomp") and _to_clause(c) for c in token.children):
        return False  # "urged restraint", "demanded an apology": the object is what is asked
    for obj in (c for c in token.children if c.dep_ == "dobj"):
        if arguments.mention_at(obj, index) is not None:
            return False
        span = range(obj.left_edge.i, obj.right_edge.i + 1)
        if any(i in index for i in span):
            return False
        return bool(targets)
    return False


def _to_clause(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def many_sides(sources: list[ActorSpan], index: dict[int, ActorSpan], doc: Doc) -> bool:
    """Return whether a subject lists three or more actors ("leaders of A, B and C met").

    Three or more sides in one clause make a multilateral gathering, not one pair's meeting.

    Args:
        sources: the subject's mentions.
        index: the resolved mentions by token.
        doc: the parsed document.

    Returns:
        True when a source has two or more resolved conjuncts.
    """
    for found in sources:
        root = doc[found.start : found.end].root
        if 1 + sum(1 for c in root.conjuncts if c.i in index) >= 3:
            return True
    return False


def protest_code(code: str, sources: list[ActorSpan], targets: list[ActorSpan], doc: Doc) -> str:
    """Return the code of force done by or to protesters.

    CAMEO codes a crowd's destruction or assault as violent protest (145), not as an armed
    attack (a killing keeps its own code), and force against protesters, shooting included,
    as violent repression (175); artillery, missiles and air strikes keep their codes.

    Args:
        code: the event's code so far.
        sources: its source mentions.
        targets: its target mentions.
        doc: the parsed document.

    Returns:
        "145", "175" or the code unchanged.
    """
    riot = code[:2] == "17" or code in ("180", "190")
    if riot and any(_protesters(f, doc) for f in sources):
        return "145"
    if (riot or code in ("191", "193")) and any(_protesters(f, doc) for f in targets):
        return "175"
    return code


def _protesters(found: ActorSpan, doc: Doc) -> bool:
    """Return whether a mention names protesters: "the demonstrators", "a Ukrainian protestor"."""
    root = doc[found.start : found.end].root
    nouns = {root.lemma_.lower(), root.lower_.removesuffix("s")}
    if root.dep_ in ("amod", "compound"):
        nouns |= {root.head.lemma_.lower(), root.head.lower_.removesuffix("s")}
    return bool(nouns & PROTEST_NOUNS)


def own_claim(token: Token, index: dict[int, ActorSpan], sources: list[ActorSpan]) -> bool:
    """Return whether the doer of a deed claims it: "the US claimed that it had attacked Iraq".

    Args:
        token: the trigger of the deed.
        index: the resolved mentions by token.
        sources: the deed's doers.

    Returns:
        True when a verb of claiming governs the deed and its subject is of a doer's country.
    """
    if token.dep_ != "ccomp" or token.head.lemma_.lower() not in CLAIM_VERBS:
        return False
    subject, _passive = arguments.subject_of(token.head)
    found = arguments.mention_at(subject, index) if subject is not None else None
    if found is None or found.actor is None:
        return False
    return any(s.actor is not None and s.actor.country == found.actor.country for s in sources)


# prepositions of a setting (place, time), not of what is done: "take place in the port city"
SETTING_PREPOSITIONS = {"in", "at", "during", "near", "inside", "within", "throughout", "around"}


def named_as(objects: list[Token], words: tuple[str, ...]) -> bool:
    """Return whether any object is one of a pattern's words (the surface form too).

    Args:
        objects: a trigger's objects.
        words: the pattern's ``objects`` or ``not_objects``.

    Returns:
        True when an object's phrase, lemma or surface form is among the words.
    """
    # the surface form too: the lemmatizer reads "doses" as "dos"
    return any(
        arguments.phrase_lemma(o) in words or o.lemma_.lower() in words or o.lower_ in words
        for o in objects
    )


def loose_objects(token: Token) -> set[int]:
    """Return the prepositional objects that do not count as the trigger's object.

    A headline's particle may take the object as its own ("hands over patrol vessel"), but a
    verb with an object of its own is not about the noun of a place or time phrase: "take
    place in the port city" takes no city, "found Iran in breach of the treaty" reaches no
    treaty.

    Args:
        token: a trigger.

    Returns:
        The token indices of its place and time phrases' nouns, when it has an object of its own.
    """
    # a passive subject that names someone ("Egypt is locked in talks") is no thing acted on
    if not any(
        c.dep_ in ("dobj", "attr", "oprd") or (c.dep_ == "nsubjpass" and c.pos_ == "NOUN")
        for c in token.children
    ):
        return set()
    return {
        g.i
        for c in token.children
        if c.dep_ == "prep" and c.lower_ in SETTING_PREPOSITIONS
        for g in c.children
        if g.dep_ == "pobj"
    }


def phrase_object_only(token: Token, words: tuple[str, ...]) -> bool:
    """Return whether a trigger with a direct object names the words only in a prep phrase.

    "hosted the Israeli premier for talks": the talks are what the visit was for, not what
    was hosted, so a pattern about hosting talks has not found its own object.

    Args:
        token: a trigger.
        words: the pattern's ``objects``.

    Returns:
        True when the trigger has a direct object and none of its objects outside its
        prepositional phrases is among the words.
    """
    if not any(c.dep_ == "dobj" for c in token.children):
        return False
    phrased = {g.i for c in token.children if c.dep_ == "prep" for g in c.subtree}
    return not named_as([o for o in arguments.objects_of(token) if o.i not in phrased], words)


def no_pair(token: Token, code: str, index: dict[int, ActorSpan], *, nominal: bool) -> str:
    """Return why a matched trigger names no pair of actors, or an empty string.

    Args:
        token: the trigger.
        code: its pattern's code.
        index: the resolved mentions by token.
        nominal: whether the trigger is a noun.

    Returns:
        The reason for ``explain``: allies fighting side by side, talks of many parties, or a
        deed noun owned by a named person bilat did not resolve.
    """
    if code[:2] in ("18", "19") and any(
        c.dep_ == "prep" and c.lower_ in ("alongside", "beside") for c in token.children
    ):
        # "forces fighting alongside the army": allies, whoever's land it is
        return "fights alongside its partner"
    if not nominal:
        return ""
    named = _in_name(token, index)
    if named:
        return named
    if code[:2] == "04" and token.lemma_.lower() == "round":
        held = [
            g.lemma_.lower()
            for c in token.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj"
        ]
        if held and held[0] not in ROUND_OF_MEETINGS:
            # "a new round of clashes", "the latest round of strikes"
            return f"a round of {held[0]}, not of talks"
    if code == "041" and _appeal(token):
        return "a call that is an appeal, not a telephone call"
    if code[:2] == "04" and _of_many(token):
        # "a meeting of the five permanent members plus Germany"
        return "talks of many parties"
    before = token.doc[token.left_edge.i : token.i].text.lower()
    if code[:2] == "04" and any(w in before for w in MULTILATERAL):
        # "the Doha Round multilateral trade talks", "the six-party talks": no pair's talks
        return "talks of many parties"
    if any(
        c.dep_ == "poss"
        and c.pos_ == "PROPN"
        and c.i not in index
        and c.ent_type_ not in ("DATE", "TIME")
        for c in token.children
    ):
        # "During the Dalai Lama's visit to Taiwan, a Chinese paper accused…": the visit is
        # the named owner's, whom bilat did not resolve, not the clause subject's; a day's
        # name ("Wednesday's talks") names no one
        return "its possessor names someone unresolved"
    return ""


def _in_name(token: Token, index: dict[int, ActorSpan]) -> str:
    """Return why a capitalized trigger is part of a name ("the Asia-Europe Meeting"), or ""."""
    if token.pos_ != "PROPN" or not token.text[:1].isupper() or token.i == token.sent.start:
        return ""
    if not any(
        t.is_alpha and t.is_lower and len(t.text) > 3 and t.pos_ in ("VERB", "NOUN", "ADJ")
        for t in token.sent
    ):
        # a title-case headline capitalizes every word: "Bush, Putin Meeting Ends"
        return ""
    if _hyphened_sides(token, index):
        # "the Morocco-Spain High Level Meeting": a series of the two sides' own meetings
        return ""
    if any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children):
        return f"'{token.text}' is part of a name"
    return ""


def _hyphened_sides(noun: Token, index: dict[int, ActorSpan]) -> bool:
    """Return whether a name before a noun joins two countries' names by a hyphen."""
    doc = noun.doc
    for i in range(noun.left_edge.i + 1, noun.i - 1):
        if doc[i].text not in ("-", "–") or i - 1 not in index or i + 1 not in index:
            continue
        one, other = index[i - 1].actor, index[i + 1].actor
        if one and other and one.country and other.country and one.country != other.country:
            return True
    return False


def _of_many(noun: Token) -> bool:
    """Return whether a meeting noun's of-phrase counts three or more members."""
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            for number in (g for g in pobj.children if g.dep_ == "nummod"):
                value = NUMBER_WORDS.get(number.lower_)
                if value is None and number.text.isdigit():
                    value = int(number.text)
                if value is not None and value >= 3:
                    return True
    return False


def _appeal(call: Token) -> bool:
    if call.lemma_.lower() != "call":
        return False
    mods = {c.lower_ for c in call.children if c.dep_ in ("amod", "compound", "nmod")}
    if mods & PHONE_WORDS:
        return False
    if mods & APPEAL_MODIFIERS:
        return True
    # "a call for calm", "the call of the two sides", "a call to end the war"
    return any(
        (c.dep_ == "prep" and c.lower_ in ("for", "of"))
        or (c.dep_ in ("acl", "relcl") and _to_clause(c))
        for c in call.children
    )


def attributive_participle(token: Token) -> bool:
    """Return whether a participle describes the noun after it: "met visiting President X".

    The parser often reads "visiting" there as a clause of its own whose object is the
    visitor; the visitor is then no target of a visit by the clause's subject.

    Args:
        token: a verb.

    Returns:
        True for "visiting" right after a determiner, a host's verb such as "met" or "told",
        or a preposition of company, heading no clause of its own.
    """
    if token.lower_ != "visiting" or token.i == token.sent.start:
        return False
    before = token.doc[token.i - 1]
    if before.pos_ == "VERB" and before.lemma_.lower() in HOST_VERBS:
        # the parser makes "visiting" the host verb's complement or clause
        return token.dep_ in ("xcomp", "advcl", "ccomp", "dobj", "amod")
    if token.dep_ in ("ROOT", "xcomp", "ccomp", "conj", "relcl", "csubj"):
        return False
    return before.pos_ == "DET" or before.lower_ in ATTRIBUTIVE_BEFORE


def on_a_trip(found: ActorSpan, trigger: Token) -> bool:
    """Return whether a mention names where a trip went or who interviewed the speaker.

    "Voiced opposition to NATO expansion during a visit to the Czech Republic": the country
    visited is where it was said, not whom it was said about; so is the news agency of "in an
    interview with AFP".

    Args:
        found: a target mention.
        trigger: the event's trigger.

    Returns:
        True when the mention lies in a "during/on a visit to" or "in an interview with"
        phrase under the trigger.
    """
    token = trigger.doc[found.start]
    for ancestor in token.ancestors:
        if ancestor.i == trigger.i:
            return False
        if (
            ancestor.dep_ == "pobj"
            and ancestor.head.lower_ in TRIP_PREPOSITIONS
            and ancestor.lemma_.lower() in TRIP_NOUNS | INTERVIEW_NOUNS
        ):
            return True
    return False


def hyphen_modifier(found: ActorSpan, doc: Doc) -> bool:
    """Return whether a mention the parser took for an object only modifies a noun.

    "Troops supporting the UN-backed government": the parser may split "UN-backed" and make
    "UN" the object; a name joined by a hyphen to such a participle describes the noun after it.

    Args:
        found: a target mention.
        doc: the parsed document.

    Returns:
        True when the mention is followed by "-" and a participle of backing or leading
        ("-backed", "-led"); "Hong Kong-based press" is the Hong Kong press.
    """
    if found.end + 1 >= len(doc) or doc[found.end].text != "-":
        return False
    return doc[found.end + 1].lower_ in BACKING_PARTICIPLES


def envoy_post(found: ActorSpan, doc: Doc) -> bool:
    """Return whether a mention names only the country an envoy is posted to.

    Args:
        found: a target mention.
        doc: the parsed document.

    Returns:
        True for "X" in "the ambassador to X": the envoy, not X, is the one spoken to.
    """
    head = doc[found.start : found.end].root
    prep = head.head
    return (
        head.dep_ == "pobj"
        and prep.lower_ == "to"
        and prep.head.lemma_.lower() in ENVOY_NOUNS
        and prep.head.i < found.start
    )


def sports_report(sentence: Span) -> bool:
    """Return whether a sentence reports sport: its countries may be teams, not states.

    Args:
        sentence: the trigger's sentence.

    Returns:
        True when the sentence names a competition, a sport or a player's post.
    """
    text = " " + " ".join(t.lower_ for t in sentence) + " "
    return any(f" {word} " in text for word in SPORTS_WORDS)
