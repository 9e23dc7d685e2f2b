"""Decide whether the text asserts an event, plans it, negates it, reports it or supposes it.

The field's peers code every "will", "would" and "said" as a fact. bilat labels each event from
the trigger's own clause: a negation, a modal, a future auxiliary, a conditional, a question, a
governing verb of intent or denial, or a hedge such as "reportedly".
"""

from __future__ import annotations

from spacy.tokens import Token

from bilat.events.factuality_words import (
    ABILITY_NOUNS,
    ARRANGED_VERBS,
    BAN_NOUNS,
    CAME_TO_NOTHING,
    COMMITMENT_VERBS,
    DEMAND_CLAUSE_NOUNS,
    DEMAND_NOUNS,
    DEMANDS,
    DENIAL,
    DENIAL_PHRASAL,
    DENIED_CLAUSE,
    ENDING_NOUNS,
    EXHORTATION_NOUNS,
    FAILURE_NOUNS,
    FORETOLD_ROOTS,
    FUTURE,
    FUTURE_MARKS,
    GATHERING_VERBS,
    GOAL_PREPOSITIONS,
    HABITUAL,
    HEDGES,
    INTENT,
    INTENT_NOUNS,
    MODAL,
    NEAR_MISS,
    NEGATORS,
    PAST_PREPOSITIONS,
    PLANNED_MODIFIERS,
    PLANNED_PREPOSITIONS,
    POSSIBLE_MODIFIERS,
    PRESS_FOR,
    PROSPECT_NOUNS,
    PROSPECT_PREPOSITIONS,
    STANCE_HEADS,
    STANCE_ROOTS,
    THREAT_VERBS,
    TIME_NOUNS,
    TOPIC_VERBS,
)
from bilat.events.syntax import SPEECH, headline_verb
from bilat.records import Factuality


def factuality(trigger: Token, code: str) -> tuple[Factuality, str]:
    """Return the factuality of an event triggered by ``trigger`` and why.

    Args:
        trigger: the verb or noun that triggered the event.
        code: its CAMEO code (03x codes are intent themselves, so intent verbs do not make
            them "planned").

    Returns:
        The label and a short reason for ``explain``.
    """
    intent_code = code.startswith("03")
    if trigger.pos_ in ("NOUN", "PROPN"):
        mods = {c.lower_ for c in trigger.children if c.dep_ in ("amod", "compound", "nmod")}
        if mods & POSSIBLE_MODIFIERS:
            return (
                Factuality.HYPOTHETICAL,
                f"'{sorted(mods & POSSIBLE_MODIFIERS)[0]}' {trigger.text}",
            )
        if mods & PLANNED_MODIFIERS and not intent_code:
            return Factuality.PLANNED, f"'{sorted(mods & PLANNED_MODIFIERS)[0]}' {trigger.text}"
        governor = trigger.head
        if (
            trigger.dep_ == "nsubjpass"
            and governor.lemma_.lower() in ARRANGED_VERBS
            and not intent_code
        ):
            return Factuality.PLANNED, f"'{governor.text}' {trigger.text}"
        if (
            trigger.dep_ == "pobj"
            and governor.lower_ in ("on", "against")
            and governor.head.lemma_.lower() in BAN_NOUNS
        ):
            return Factuality.NEGATED, f"banned ('{governor.head.text} {governor.text}')"
        if (
            trigger.dep_ == "pobj"
            and governor.lower_ in ("of", "from")
            and governor.head.lemma_.lower() in ENDING_NOUNS
        ):
            return Factuality.NEGATED, f"ended ('{governor.head.text} {governor.text}')"
        if (
            trigger.dep_ == "pobj"
            and governor.lower_ == "for"
            and governor.head.pos_ == "VERB"
            and governor.head.lemma_.lower() in PRESS_FOR
        ):
            # "the report will call for a withdrawal": pressed for, not done nor planned
            return Factuality.HYPOTHETICAL, f"demanded ('{governor.head.text} for')"
        if (trigger.dep_ == "dobj" and governor.lemma_.lower() in STANCE_HEADS) or (
            trigger.dep_ == "pobj"
            and governor.lower_ == "to"
            and governor.head.lemma_.lower() in STANCE_HEADS
        ):
            # "favours dialogue with Damascus", "opposed to talks with Syria": a view of talks
            return Factuality.HYPOTHETICAL, f"stance on it ('{governor.text}')"
        if trigger.dep_ == "pobj" and governor.lower_ in PAST_PREPOSITIONS:
            # "due to meet after deadly clashes": what a plan follows has happened
            return Factuality.ASSERTED, f"'{governor.text}' {trigger.text}"
        if trigger.dep_ == "pobj" and governor.dep_ in ("prep", "pcomp"):
            word = governor.head.lower_ if governor.lower_ in ("of", "to") else governor.lower_
            if word in PLANNED_PREPOSITIONS and not intent_code:
                return Factuality.PLANNED, f"'{word}' {trigger.text}"
            prospect = _prospect_head(governor)
            if (
                governor.lower_ in PROSPECT_PREPOSITIONS
                and prospect.pos_ == "NOUN"
                and prospect.lemma_.lower() in PROSPECT_NOUNS
                and not intent_code
            ):
                return Factuality.PLANNED, f"prospect '{prospect.text} {governor.text}'"
    topic = _topic_of(trigger)
    if topic is not None and not intent_code:
        return Factuality.HYPOTHETICAL, f"topic of '{topic.text}'"
    if (
        trigger.dep_ in ("relcl", "acl")
        and _to_infinitive(trigger)
        and trigger.head.lemma_.lower() in EXHORTATION_NOUNS
    ):
        return Factuality.HYPOTHETICAL, f"urged ('{trigger.head.text} to {trigger.text}')"
    noun = _intent_noun(trigger)
    if noun is not None and noun.lemma_.lower() in FAILURE_NOUNS:
        return Factuality.NEGATED, f"not done ('{noun.text}')"
    if noun is not None and noun.lemma_.lower() in ABILITY_NOUNS:
        return Factuality.HYPOTHETICAL, f"ability ('{noun.text}')"
    if noun is not None and noun.lemma_.lower() in DEMAND_NOUNS:
        # "US pressure to cut ties with Hamas": what is pressed for has not happened
        return Factuality.HYPOTHETICAL, f"demanded ('{noun.text}')"
    if noun is not None and not intent_code:
        return Factuality.PLANNED, f"intent '{noun.text}'"
    chain = _clause_chain(trigger)
    sentence = trigger.sent
    if sentence.text.rstrip().endswith("?"):
        return Factuality.HYPOTHETICAL, "question"
    if (
        trigger.dep_ == "relcl"
        and trigger.tag_ in ("VBZ", "VBP")
        and code[:2] in STANCE_ROOTS
        and not any(c.dep_ in ("aux", "auxpass") for c in trigger.children)
    ):
        return Factuality.HYPOTHETICAL, f"standing stance ('{trigger.text}')"
    for depth, (token, via) in enumerate(chain):
        children = list(token.children)
        if _open_question(token):
            # "agree on what sanctions to impose", "weighing whether to expel": still undecided
            return Factuality.HYPOTHETICAL, f"open question ('{token.text}')"
        if (
            depth == 0
            and token.dep_ == "advcl"
            and code.startswith("04")
            and token.head.lemma_.lower() in GATHERING_VERBS
        ):
            # "officials gathered on Monday to discuss malaria": the gathering was the talks,
            # as real as the gathering itself ("will gather to discuss" is planned)
            return factuality(token.head, code)
        if token.dep_ == "advcl" and _to_infinitive(token) and not intent_code:
            # a purpose ("met him to discuss trade") says what was meant to happen
            return Factuality.PLANNED, f"purpose 'to {token.text}'"
        if any(
            c.dep_ == "neg" or (c.lower_ in NEGATORS and c.dep_ in ("neg", "advmod", "det"))
            for c in children
        ):
            return Factuality.NEGATED, f"negated at '{token.text}'"
        if any(c.dep_ == "advmod" and c.lower_ in NEAR_MISS for c in children):
            return Factuality.NEGATED, f"not quite ('{token.text}')"
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in children):
            return Factuality.HYPOTHETICAL, f"conditional at '{token.text}'"
        if token.dep_ == "advcl" and any(c.lower_ == "if" for c in children):
            return Factuality.HYPOTHETICAL, "conditional clause"
        auxes = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
        if auxes & FUTURE:
            return Factuality.PLANNED, f"future '{sorted(auxes & FUTURE)[0]}'"
        if "would" in auxes and _future_in_the_past(token):
            return Factuality.PLANNED, f"'would {token.text}' of a plan"
        if auxes & MODAL:
            return Factuality.HYPOTHETICAL, f"modal '{sorted(auxes & MODAL)[0]}'"
        # "the two leaders often meet" says how things go, not that a meeting happened; "has
        # often accused" says it did happen, more than once
        perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in children)
        if not perfect and any(c.dep_ == "advmod" and c.lower_ in HABITUAL for c in children):
            return Factuality.HYPOTHETICAL, f"habitual ('{token.text}')"
        if any(c.lower_ in HEDGES for c in children):
            return (
                Factuality.REPORTED,
                f"hedged ('{next(c.text for c in children if c.lower_ in HEDGES)}')",
            )
        if depth > 0 and via in ("dobj", "nsubj") and token.lemma_ in THREAT_VERBS:
            return Factuality.HYPOTHETICAL, f"threatened ('{token.text}')"
        # "the talks failed to reach a deal": the talks were held, and came to nothing
        held = via == "nsubj" and token.lemma_ in CAME_TO_NOTHING
        if depth > 0 and via in ("xcomp", "dobj", "ccomp", "nsubj") and not held and _denies(token):
            return Factuality.NEGATED, f"under '{token.text}'"
        if depth > 0 and via == "ccomp" and _lemma(token) in DEMANDS:
            # what one side demands of another has not happened: the demand is the event
            return Factuality.HYPOTHETICAL, f"demanded ('{token.text}')"
        if _demanded_clause(token):
            # "rejected the demand that Kabul expel the envoy": the noun's demand is the event
            return Factuality.HYPOTHETICAL, f"demanded ('{token.head.text} that')"
        if depth > 0 and via in ("xcomp", "ccomp") and _lemma(token) in INTENT and not intent_code:
            return Factuality.PLANNED, f"intent '{token.text}'"
        if (
            depth > 0
            and via == "pcomp"
            and any(c.dep_ == "prep" and c.lower_ in GOAL_PREPOSITIONS for c in children)
            and not intent_code
        ):
            # "is moving towards cutting off supplies": a goal, not yet a deed
            return Factuality.PLANNED, f"goal ('{token.text} towards')"
        if depth > 0 and via == "xcomp" and token.lemma_ in ("have", "need") and not intent_code:
            # "still has to sign the protocols", "we need to train them": an obligation, not a
            # deed done
            return Factuality.PLANNED, f"'{token.text} to' (still to do)"
        if depth > 0 and via == "xcomp" and token.lemma_ == "be" and not intent_code:
            # "is to meet Putin on Friday", "were to sign": an arrangement, not a deed done
            return Factuality.PLANNED, f"'{token.text} to' (arranged)"
        if (
            token.tag_ in ("VBZ", "VBP")
            and any(c.dep_ in ("mark", "advmod") and c.lower_ in FUTURE_MARKS for c in children)
            and not intent_code
        ):
            # "comes a day before Sarkozy heads to Beijing": a present tense after "before"
            # or "until" speaks of what is still to come
            return Factuality.PLANNED, f"'{token.text}' after '{token.head.text}'"
        if (
            token.tag_ in ("VBZ", "VBP")
            and token.dep_ == "relcl"
            and token.head.lemma_.lower() in TIME_NOUNS
            and token.head.head.lower_ in FUTURE_MARKS | {"by"}
            and not intent_code
        ):
            # "by the time Hashimoto meets Clinton": a meeting still to come
            return Factuality.PLANNED, f"'{token.head.head.text} the {token.head.text}'"
        headline = token.dep_ == "ROOT" or (
            token.dep_ in ("acl", "relcl")
            and token.head.dep_ == "ROOT"
            and token.head.pos_ == "NOUN"
        )
        if headline and _to_infinitive(token) and not intent_code:
            # a headline's "China, US to hold talks", "UN chief to visit China" announces
            # what is arranged
            return Factuality.PLANNED, f"headline 'to {token.text}'"
        expected = token.lemma_ in ("expect", "schedule", "set")
        if expected and not intent_code and any(c.dep_ == "auxpass" for c in children):
            return Factuality.PLANNED, f"'{token.text}' (expected)"
    return Factuality.ASSERTED, "asserted"


def predicted(
    fact: Factuality,
    reason: str,
    code: str,
    *,
    speaker: str | None,
    doers: set[str | None],
) -> tuple[Factuality, str]:
    """Return a planned hostile deed that another side foretells as a supposition.

    "Blinken said Russia will invade Ukraine" is a forecast, not Russia's plan: only the doer
    announces its own plans. Cooperative plans announced by a host or mediator ("Moon said
    the two leaders will meet") stay planned.

    Args:
        fact: the label from the trigger's clause.
        reason: why it was given.
        code: the event's CAMEO code.
        speaker: the country of whoever reports the clause, if not the doer.
        doers: the countries of the event's sources.

    Returns:
        The label and reason, changed only for a foretold deed of force or coercion.
    """
    if (
        fact == Factuality.PLANNED
        and code[:2] in FORETOLD_ROOTS
        and speaker is not None
        and speaker not in doers
    ):
        return Factuality.HYPOTHETICAL, f"foretold by another side ({reason})"
    return fact, reason


def _topic_of(trigger: Token) -> Token | None:
    """Return the verb of discussion whose gerund object the trigger is ("hash out expanding ties").

    The gerund names what the talks were about; the talks are their own event.
    """
    if trigger.tag_ != "VBG" or trigger.dep_ not in ("xcomp", "dobj", "pcomp", "ccomp", "advcl"):
        return None
    head = trigger.head
    between = trigger.doc[min(head.i, trigger.i) + 1 : max(head.i, trigger.i)]
    if trigger.dep_ == "advcl" and (head.i > trigger.i or any(t.is_punct for t in between)):
        return None  # "…, expanding ties": a participle clause of its own, not the topic
    if trigger.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in ("about", "on", "over"):
        head = head.head  # "talked about expanding", "talks on expanding"
    if head.lemma_.lower() in TOPIC_VERBS or (
        head.pos_ == "NOUN" and head.lemma_.lower() in ("talk", "discussion", "negotiation")
    ):
        return head
    return None


def _intent_noun(trigger: Token) -> Token | None:
    """Return the noun of intent a verb trigger complements ("readiness to cooperate")."""
    if trigger.pos_ not in ("VERB", "AUX") or trigger.dep_ not in ("acl", "xcomp", "relcl"):
        return None
    head = trigger.head
    if head.i == trigger.i or head.pos_ not in ("NOUN", "PROPN"):
        return None
    if trigger.dep_ == "relcl":
        return None
    to_infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children)
    participle = trigger.tag_ == "VBG"
    if (to_infinitive or participle) and head.lemma_.lower() in (
        INTENT_NOUNS | DEMAND_NOUNS | ABILITY_NOUNS | FAILURE_NOUNS
    ):
        return head
    return None


def _demanded_clause(token: Token) -> bool:
    """Return whether a verb is the that-clause of a noun of demand ("the call that X go")."""
    # the parser may call the clause a relative one; its "that" is then still a mark, where a
    # true relative's "that" is a subject or object ("the demand that Peru made")
    return (
        token.dep_ in ("acl", "relcl")
        and token.head.lemma_.lower() in DEMAND_CLAUSE_NOUNS
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children)
    )


def _lemma(token: Token) -> str:
    """Return a verb's lemma, mending the lemmatizer's "hop" for "hopes"."""
    if token.lemma_ == "hop" and token.lower_.startswith("hope"):
        return "hope"
    return token.lemma_


def _clause_chain(trigger: Token) -> list[tuple[Token, str]]:
    """Return the trigger and the verbs that govern it through control or coordination.

    Each token comes with the dependency that led up to it ("xcomp" for "plans to visit"),
    so a denial governs its complement but not a coordinated verb ("denied … and called").
    """
    chain = [(trigger, "")]
    token = trigger
    if trigger.pos_ == "NOUN" and not headline_verb(trigger):
        while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
            token = token.head
        if token.i == trigger.i or token.pos_ not in ("VERB", "AUX"):
            return chain
        # the noun phrase's own place under its verb: the subject of "failed" or the object
        below = (
            next(t for t in trigger.ancestors if t.head.i == token.i)
            if trigger.head.i != token.i
            else trigger
        )
        chain.append((token, "nsubj" if below.dep_ == "nsubj" else "dobj"))
    while _governed(token) and token.head.i != token.i:
        via = token.dep_
        token = token.head
        if via == "pcomp" and token.lower_ in GOAL_PREPOSITIONS and token.head.pos_ == "VERB":
            # "would move towards cutting off supplies": the verb the goal is a goal of
            token = token.head
        chain.append((token, via))
        if len(chain) > 5:
            break
    return chain


def _governed(token: Token) -> bool:
    """Return whether a verb's factuality comes from the verb above it."""
    if token.dep_ in ("xcomp", "conj", "acomp", "pcomp"):
        return True
    # an infinitive clause: "expected the talks to start" (start is a ccomp of expected)
    if token.dep_ == "ccomp" and token.head.lemma_ in DEMANDS | DENIED_CLAUSE:
        return True  # "demanded (that) Syria cooperate": the demand governs the clause
    return token.dep_ == "ccomp" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children
    )


def _open_question(verb: Token) -> bool:
    """Return whether a to-infinitive asks what, whether or how to do it ("what sanctions to impose")."""
    if not _to_infinitive(verb):
        return False
    if any(c.dep_ == "mark" and c.lower_ == "whether" for c in verb.children):
        return True
    return any(t.tag_ in ("WDT", "WP", "WRB") for t in verb.subtree if t.i < verb.i)


def _to_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _denies(verb: Token) -> bool:
    """Return whether a verb denies, stops or postpones what it governs ("put off the talks")."""
    if verb.lemma_ in DENIAL:
        return True
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    return any((verb.lemma_, p) in DENIAL_PHRASAL for p in particles)


def _future_in_the_past(verb: Token) -> bool:
    """Return whether "would" marks a plan ("would meet next week to discuss") not a supposition.

    A "would" clause with a time, a purpose or a reporting verb above it tells of a plan; one
    with an "if" clause, or with none of these, stays hypothetical.
    """
    children = list(verb.children)
    if any(
        c.dep_ == "advcl"
        and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children)
        for c in children
    ):
        return False
    timed = any(t.ent_type_ in ("DATE", "TIME") for c in children for t in c.subtree)
    purpose = any(c.dep_ == "advcl" and _to_infinitive(c) for c in children)
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head  # "said they shared … and would hold talks"
    reported = clause.dep_ == "ccomp" and clause.head.lemma_ in SPEECH | COMMITMENT_VERBS
    return timed or purpose or reported


def _prospect_head(prep: Token) -> Token:
    """Return the noun a preposition completes, also when the parser hangs it on the verb.

    "expressed openness to dialogue" attaches "to" to "expressed"; the object before it is
    what the preposition completes.
    """
    head = prep.head
    if head.pos_ in ("VERB", "AUX"):
        obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < prep.i), None)
        if obj is not None:
            return obj
    return head
