"""Syntax the parser gets wrong or leaves implicit: headline verbs, plans' owners, disapproval.

Small readings of the dependency parse that the argument finder relies on: a headline verb
tagged as a plural noun ("Pakistan expels envoy"), the owner of an unowned plan ("approved a
plan to remove X"), and the verbs whose object is someone else's deed ("condemned the drills").
"""

from __future__ import annotations

from spacy.tokens import Token

# verbs whose object, not their subject, does what the infinitive says: "urged X to act"
OBJECT_CONTROL = {
    "urge",
    "ask",
    "call",
    "appeal",
    "press",
    "encourage",
    "persuade",
    "tell",
    "order",
    "allow",
    "invite",
    "help",
    "want",
    "expect",
    "force",
    "pressure",
}
# verbs whose object does what they help with: "assisted Tunisia in obtaining funds"
ASSISTING = {"assist", "support", "back", "aid", "guide", "train", "equip"}
# passive forms of these raise their subject: "X is expected to visit" is X's planned visit,
# where "X was told to leave" is someone's order
RAISING = {"expect", "want", "help", "allow"}

# verbs whose object is someone else's deed: its doer is never the verb's subject
DISAPPROVING = {
    "condemn",
    "denounce",
    "deplore",
    "decry",
    "criticise",
    "criticize",
    "slam",
    "blast",
    "protest",
    "oppose",
    "reject",
    "investigate",
    "probe",
}

# verbs that report what their subject says: the speaker of "X said it would …"
SPEECH = {
    "say",
    "tell",
    "state",
    "add",
    "note",
    "announce",
    "claim",
    "assert",
    "stress",
    "reveal",
    "remark",
    "insist",
    "explain",
}
# adjectives that make "it" an expletive: "it is important to work with Peru" names no one
EXPLETIVE_ADJECTIVES = {
    "important",
    "necessary",
    "essential",
    "vital",
    "crucial",
    "clear",
    "likely",
    "unlikely",
    "possible",
    "impossible",
    "imperative",
    "time",
}
# nouns that stand for the people of the phrase after them: "the leaders of A and B",
# "negotiators from the UK", "a group of 50 soldiers" act as A and B, the UK, the soldiers
GROUP_HEADS = {
    "group",
    "number",
    "member",
    "delegation",
    "leader",
    "head",
    "team",
    "representative",
    "negotiator",
    "official",
    "envoy",
    "diplomat",
    "expert",
    "commander",
    "officer",
    "lawmaker",
    "legislator",
    "president",
    "minister",
    "government",
    "force",
    "troop",
    "soldier",
    "dozen",
    "hundred",
    "thousand",
    "both",
    "each",
    "all",
}
# deeds whose place can modify them like a doer would: "the Kabul bombing", "a Quetta attack"
DEED_NOUNS = {
    "attack",
    "bombing",
    "blast",
    "explosion",
    "strike",
    "airstrike",
    "raid",
    "shooting",
    "assault",
    "ambush",
    "killing",
    "massacre",
    "shelling",
}
# verbs of firing or sending: "rockets launched by X", "a Houthi-fired missile" are X's deed
LAUNCH_VERBS = {"fire", "launch", "shoot", "drop", "lob", "deploy", "send", "plant", "fly"}
# verbs that add nothing to the noun they take: "implement a ceasefire" is the ceasefire
LIGHT_VERBS = {
    "implement",
    "observe",
    "hold",
    "establish",
    "restore",
    "resume",
    "reach",
    "conclude",
    "honour",
    "honor",
    "respect",
    "maintain",
    "declare",
}
# nouns of handing over whose of-phrase is the thing handed: "the release of a tranche"
HANDOVER_NOUNS = {"release", "disbursement", "provision", "delivery", "transfer", "supply"}
# nouns that frame a kind named in their of-phrase ("a memorandum of understanding with X",
# "a new round of talks with X"): the of-phrase is the object too, and its partner the target
FRAME_NOUNS = {
    "memorandum",
    "letter",
    "message",
    "note",
    "round",
    "exchange",
    "series",
    "instrument",
}
# amounts whose in-phrase says what the money is: "2 billion euros in military aid to Kyiv"
AMOUNT_NOUNS = {
    "$",
    "dollar",
    "euro",
    "pound",
    "yen",
    "yuan",
    "rupee",
    "riyal",
    "dirham",
    "billion",
    "million",
    "trillion",
}


def inner_objects(obj: Token) -> list[Token]:
    """Return the nouns an object stands in for: the thing handed, framed or paid for.

    Args:
        obj: an object of a trigger.

    Returns:
        "a tranche" in "the release of a tranche", "understanding" in "a memorandum of
        understanding", "aid" in "$2 billion in aid"; empty for any other object.
    """
    lemma = obj.lemma_.lower()
    if lemma in HANDOVER_NOUNS or lemma in FRAME_NOUNS:
        preps = ("of",)
    elif lemma in AMOUNT_NOUNS or obj.lower_ in AMOUNT_NOUNS:
        preps = ("in",)
    else:
        return []
    return [
        g
        for c in obj.children
        if c.dep_ == "prep" and c.lower_ in preps
        for g in c.children
        if g.dep_ == "pobj"
    ]


# words before a participle that make it describe the next noun: "met visiting President X",
# "talks with visiting President X", "the visiting President X"
ATTRIBUTIVE_BEFORE = {"with", "to", "from", "between", "among"}


def visitor_objects(verb: Token) -> list[Token]:
    """Return the visitor a host's verb acts on when the parser gave it to "visiting".

    Args:
        verb: a trigger verb, or a preposition under it.

    Returns:
        "Blinken" in "met (with) visiting Secretary of State Blinken", whose parse makes
        "visiting" a clause of "met" (or of "with") with the visitor as its object; empty for
        any other verb, for a preposition that does not keep company ("insisted on visiting
        Taiwan") and for a place ("plans to meet after visiting Kenya"): that is a trip.
    """
    if verb.pos_ == "ADP" and verb.lower_ not in ATTRIBUTIVE_BEFORE:
        return []
    clauses = ("xcomp", "advcl", "ccomp", "pcomp", "acl")
    return [
        g
        for c in verb.children
        if c.lower_ == "visiting" and c.i == verb.i + 1 and c.dep_ in clauses
        for g in c.children
        if g.dep_ == "dobj" and g.ent_type_ not in ("GPE", "LOC", "FAC")
    ]


# nouns of intent whose infinitive is done by their owner: "a plan to remove", "the decision to suspend"
PLAN_NOUNS = {"plan", "decision", "move", "bid", "proposal", "order", "step", "measure"}
# verbs whose subject makes a plan its own: "approved a plan", "took the decision"
ADOPTING = {
    "approve",
    "adopt",
    "announce",
    "unveil",
    "take",
    "make",
    "finalise",
    "finalize",
    "endorse",
    "issue",
    "pass",
}


def adopter(verb: Token) -> Token | None:
    """Return the verb whose subject owns an unowned plan: "Japan approved a plan to remove X".

    A plan, decision or move with no possessor belongs to whoever approves, announces or takes
    it; one that is rejected or criticised does not ("India rejected the plan to impose").

    Args:
        verb: an infinitive that modifies a noun ("to remove" of "a plan").

    Returns:
        The adopting verb ("approved"), or None.
    """
    noun = verb.head
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    if noun.lemma_.lower() not in PLAN_NOUNS or noun.dep_ != "dobj":
        return None
    if any(
        c.dep_ in ("poss", "compound", "amod", "nmod") and c.pos_ == "PROPN" for c in noun.children
    ):
        return None
    if any(c.dep_ == "poss" for c in noun.children) or noun.head.lemma_.lower() not in ADOPTING:
        return None
    return noun.head


def headline_verb(token: Token) -> bool:
    """Return whether a token is a present-tense verb, or a plural noun with an object.

    Headlines drop articles, and the parser then reads "Pakistan expels envoy" with "expels"
    as a noun; a noun never takes a direct object, so one that does is the verb.

    Args:
        token: any token.

    Returns:
        True for "expels" in "Pakistan expels envoy".
    """
    if token.tag_ in ("VBZ", "VBP"):
        return True
    return token.tag_ == "NNS" and any(c.dep_ == "dobj" for c in token.children)


def headline_future(token: Token) -> bool:
    """Return whether a verb is a headline's "to" future: "Kenya to expel Ugandan diplomats".

    A sentence's main verb never takes "to" except in headline syntax, where "X to do Y" says
    X will do Y.

    Args:
        token: a trigger.

    Returns:
        True for "expel" in the example, or a verb conjoined to it ("to meet, sign deals").
    """
    verb = token.head if token.dep_ == "conj" else token
    return (
        verb.dep_ == "ROOT"
        and verb.tag_ == "VB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )


def headline_subject(verb: Token) -> Token | None:
    """Return the subject the parser misreads in headline syntax, or None.

    "Pakistan expels Indian envoy": with no article the subject comes out as a modifier of a
    present-tense verb; "Pakistan expels envoy, suspends trade": the first verb hangs off the
    second, which has no subject of its own.

    Args:
        verb: a verb with no subject of its own.

    Returns:
        The token that names the subject, or None.
    """
    if not headline_verb(verb):
        return None
    for child in verb.children:
        if child.i > verb.i:
            break
        if child.dep_ in ("amod", "compound", "npadvmod", "nmod") and child.pos_ in (
            "PROPN",
            "NOUN",
            "ADJ",
        ):
            return child
    for child in verb.children:
        if (
            child.dep_ == "advcl"
            and child.i < verb.i
            and headline_verb(child)
            and not any(g.dep_ in ("mark", "advmod") for g in child.children)
        ):
            for grand in child.children:
                if grand.dep_ in ("nsubj", "amod", "compound", "npadvmod") and grand.i < child.i:
                    return grand
    return None


def dateline_apposition(subject: Token) -> Token | None:
    """Return the real subject the parser hangs as an apposition on a dateline, or None.

    "New Delhi: India and Nepal signed seven agreements": the parser makes the dateline city
    the subject and the actors its apposition.

    Args:
        subject: the subject of a verb.

    Returns:
        "India" in the example; None when the subject does not open its sentence or no dash
        or colon parts it from an apposition.
    """
    if subject.left_edge.i != subject.sent.start:
        return None
    # the actors hang as an apposition of the city, or as a second subject of the verb
    candidates = [c for c in subject.children if c.dep_ == "appos"]
    candidates += [c for c in subject.head.children if c.dep_ == "nsubj" and c.i != subject.i]
    for child in candidates:
        if child.i < subject.i:
            continue
        between = subject.doc[subject.i + 1 : child.left_edge.i]
        if any(t.text in (":", "—", "–", "-", "--") for t in between):
            return child
    return None
