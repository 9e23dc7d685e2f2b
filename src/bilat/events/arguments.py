"""Find who does what to whom around a trigger: the argument finder every pattern shares.

A trigger's source is its subject (climbing through conjoined, controlled and raised verbs),
a passive agent, or for an event noun its possessor, "by" phrase or doer modifier; its target
sits in the slots a pattern names (object, prepositions, complement clauses, places). Every
role is a phrase, and a phrase can name several actors: conjoined nouns and modifiers, and group
nouns that stand for their of/from phrase ("the leaders of Ukraine and Russia").
"""

from __future__ import annotations

from spacy.tokens import Token

from bilat.actors.resolve import ActorSpan
from bilat.events.noun_phrases import between_sides as between_sides
from bilat.events.noun_phrases import (
    deeper,
    doers_of,
    group_sides,
    hidden_recipient,
    hyphen_pair,
    multilateral,
    phrase_actors,
)
from bilat.events.noun_phrases import mention_at as mention_at
from bilat.events.noun_phrases import with_conj as with_conj
from bilat.events.patterns import Pattern
from bilat.events.syntax import (
    ASSISTING,
    DISAPPROVING,
    EXPLETIVE_ADJECTIVES,
    GROUP_HEADS,
    LAUNCH_VERBS,
    LIGHT_VERBS,
    OBJECT_CONTROL,
    RAISING,
    SPEECH,
    adopter,
    dateline_apposition,
    headline_subject,
    inner_objects,
    visitor_objects,
)

RELATIVE = {"who", "which", "that", "whom"}
# "X responded by reaffirming …", "after meeting Y, X said": the clause's subject does both
# "succeeded in restoring ties", "moved towards restoring ties": the goal is the subject's
GOAL_PREPS = {"to", "towards", "toward", "in"}
# verbs whose goal their subject refuses: "objected to restoring ties"
OBJECTING = {"object", "resist", "refuse", "decline", "fail", "hesitate", "react"}
# prepositions that make a deed noun the time, setting or reason of a clause: "retreated after
# the siege of Tacna", "jailed them over the massacre", "visited Japan amid clashes in Gaza"; the
# clause's subject need not be its doer
CIRCUMSTANCE_PREPS = {"after", "before", "since", "following", "over", "for", "amid", "amidst"}
SHARED_SUBJECT_PREPS = {"by", "after", "before", "while", "without", "upon", "on"}


def objects_of(token: Token) -> list[Token]:
    """Return a trigger's objects: direct, attribute, passive subject, prepositional, light-verb and conjoined."""
    objects = [c for c in token.children if c.dep_ in ("dobj", "attr", "oprd", "nsubjpass")]
    if token.dep_ == "relcl" and any(o.lower_ in RELATIVE for o in objects):
        # "the pact, which Chile signed": the relative pronoun stands for the noun it follows
        objects.append(token.head)
    if token.dep_ == "acl" and token.tag_ == "VBN" and token.head.pos_ in ("NOUN", "PROPN"):
        # "the deal signed by Russia and Ukraine": the noun a participle describes is its object
        objects.append(token.head)
    # "agreed to implement a ceasefire", "vowed to restore ties": the thing agreed is the
    # object of a light verb under the trigger
    for light in (c for c in token.children if c.dep_ == "xcomp" and c.lemma_ in LIGHT_VERBS):
        objects.extend(g for g in light.children if g.dep_ == "dobj")
    # "hands over patrol vessel": a headline's particle can take the object as its own
    for prep in (c for c in token.children if c.dep_ in ("prep", "prt")):
        objects.extend(g for g in prep.children if g.dep_ == "pobj")
        if prep.lower_ == "as":
            # "described the decision as unacceptable": the parser hangs the adjective on "as"
            objects.extend(g for g in prep.children if g.pos_ == "ADJ")
    # "described the move as a provocation": the parser may hang "as" on the object instead;
    # 'called the statement "unacceptable"' leaves the quoted adjective after its noun
    for obj in [o for o in objects if o.dep_ == "dobj"]:
        objects.extend(c for c in obj.children if c.dep_ == "amod" and c.i > obj.i)
        for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ == "as"):
            objects.extend(g for g in prep.children if g.dep_ == "pobj" or g.pos_ == "ADJ")
    # "approved the release of a tranche", "$2 billion in aid": the inner noun is the object too
    for obj in list(objects):
        objects.extend(inner_objects(obj))
    for obj in list(objects):
        objects.extend(c for c in obj.conjuncts if c.i > obj.i and c not in objects)
    return objects


def phrase_lemma(token: Token) -> str:
    """Return a noun's lemma with the modifier right before it ("phone call", "cease-fire")."""
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and not doc[token.i - 2].whitespace_:
        # the tokenizer splits "cease-fire" and "pull-out"; the lexicon spells them whole
        return f"{doc[token.i - 2].lower_}-{token.lemma_.lower()}"
    mods = [
        c.lemma_.lower()
        for c in token.children
        if c.dep_ in ("compound", "amod") and c.i == token.i - 1
    ]
    return " ".join([*mods, token.lemma_.lower()])


def subject_of(verb: Token) -> tuple[Token | None, bool]:
    """Return a verb's subject, climbing through conjoined, controlled and raised verbs, and whether it is passive."""
    raised = False
    bare = verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    for _ in range(6):
        # a nominal subject beats a clausal one: "Visiting Kenyan President Ruto met …" reads
        # "Visiting" as a clause beside the real subject
        for child in sorted(verb.children, key=lambda c: c.dep_ not in ("nsubj", "nsubjpass")):
            if child.dep_ in ("nsubj", "nsubjpass", "csubj", "expl"):
                if child.lower_ in RELATIVE and verb.dep_ in ("relcl", "acl"):
                    return verb.head, False
                # "Raisi is scheduled to hold meetings": the governing verb's passive subject is
                # its infinitive's active one, not a bare participle's ("were reported killed")
                return child, child.dep_ == "nsubjpass" and (not raised or bare)
        headline = headline_subject(verb)
        if headline is not None:
            return headline, False
        if verb.dep_ == "acomp" and verb.head.i != verb.i:
            verb = verb.head
            continue
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
            if verb.dep_ != "conj" and object_controlled(verb):
                return None, False
            if verb.dep_ == "xcomp":
                if verb.head.lemma_ in OBJECT_CONTROL - RAISING and any(
                    c.dep_ == "nsubjpass" for c in verb.head.children
                ):
                    return None, False  # "India was told to withdraw": an order, not a deed
                raised = True
            verb = verb.head
            continue
        if verb.dep_ in ("relcl", "acl") and verb.head.i != verb.i:
            owner = adopter(verb)
            if owner is not None:
                verb = owner
                continue
            return verb.head, False
        if verb.dep_ == "pcomp" and verb.head.lower_ in SHARED_SUBJECT_PREPS:
            # "India responded by reaffirming …": the doer of the by-clause is the subject's;
            # not so "thanked Pakistan for helping", whose helper is the object
            verb = verb.head.head
            continue
        if verb.dep_ == "pcomp" and verb.head.lower_ in GOAL_PREPS:
            # "succeeded in restoring ties", "moved towards restoring ties": the goal of a verb
            # is its subject's deed ("accused X of violating" is not); a goal of a noun or an
            # adjective ("commitment to", "close to") is a wish, not the deed
            up = verb.head.head
            if up.lemma_.lower() in OBJECT_CONTROL | ASSISTING and any(
                c.dep_ in ("dobj", "dative") for c in up.children
            ):
                break  # "assisted Tunisia in obtaining funds": the object obtains them
            if up.pos_ not in ("VERB", "AUX") or up.lemma_.lower() in DISAPPROVING | OBJECTING:
                break
            verb = up
            continue
        break
    return None, False


def sources_of(
    token: Token,
    index: dict[int, ActorSpan],
    nominal: bool,
    *,
    own: bool = False,
    material: bool = False,
) -> tuple[list[ActorSpan], ActorSpan | None]:
    """Return the source mentions of a trigger, and for a passive verb its patient.

    Args:
        token: the trigger.
        index: the resolved mentions by token.
        nominal: whether the trigger is a noun.
        own: whether the deed must name its own doer (no clause subject).
        material: whether the deed is material conflict (force, coercion, sanctions), whose
            noun in a time or reason phrase takes no doer from the clause.
    """
    if nominal:
        for child in token.children:
            if child.dep_ == "poss" and child.i in index:
                found = index[child.i]
                if found.kind == "pronoun":
                    clause = clause_subject(token, index)
                    if clause is not None and clause[1].start > token.i:
                        return [clause[1]], None
                return [found], None
        for child in token.children:
            if child.dep_ in ("prep", "agent") and child.lower_ in ("by", "of", "between"):
                pobj = [g for g in child.children if g.dep_ == "pobj"]
                if pobj and pobj[0].i in index:
                    found = index[pobj[0].i]
                    others = [index[c.i] for c in pobj[0].conjuncts if c.i in index]
                    if child.lower_ == "between" and others:
                        sides = [found, *others]
                        # "talks between A, B and C" are multilateral: no pair's event
                        if multilateral(sides):
                            return [], None
                        return sides, None
                    return group_sides(pobj[0], found, index) or [found], None
                indefinite = pobj and any(c.lower_ in ("a", "an") for c in pobj[0].children)
                if pobj and pobj[0].lemma_.lower() in GROUP_HEADS and not indefinite:
                    # "a visit by a leader of a NATO country" names no one in particular
                    group = mention_at(pobj[0], index)
                    if group is not None:
                        return group_sides(pobj[0], group, index) or [group], None
        # "the signing of the agreement between A and B": the sides of what the noun acts on
        for inner in (g for c in token.children if c.lower_ == "of" for g in c.children):
            for prep in (c for c in inner.children if c.dep_ == "prep" and c.lower_ == "between"):
                sides = [f for g in prep.children if g.dep_ == "pobj" for f in with_conj(g, index)]
                if len(sides) >= 2:
                    return sides, None
        # "talks led by the EU's negotiator and the UK's", "a meeting attended by X and Y"
        participants = ("lead", "attend", "hold", "chair", "co-chair")
        for acl in (
            c
            for c in token.children
            if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_ in participants
        ):
            for by_phrase in (c for c in acl.children if c.dep_ == "agent"):
                for by_obj in (g for g in by_phrase.children if g.dep_ == "pobj"):
                    first = mention_at(by_obj, index)
                    if first is not None:
                        return phrase_actors(by_obj, first, index), None
        # "India-China talks", "the Kenya-Uganda border clash": a hyphenated pair names both sides
        sides = hyphen_pair(token, index)
        if sides:
            return sides, None
        # "a US strike", "terrorist attacks": the modifier of an event noun is its doer
        doers = doers_of(token, index)
        if doers:
            return doers[:1], None
        if own or (token.dep_ == "dobj" and token.head.lemma_.lower() in DISAPPROVING):
            # "the US condemned the drills": who condemns a deed did not do it
            return [], None
        if material and token.dep_ == "pobj" and token.head.lower_ in CIRCUMSTANCE_PREPS:
            return [], None
        clause = clause_subject(token, index)
        return (phrase_actors(*clause, index) if clause else []), None
    if token.dep_ == "acl" and token.tag_ == "VBN":
        # "the deal signed by Russia and Ukraine": a participle's doer is its by-phrase, and
        # the noun it describes is what was done, not who did it
        agents = [g for c in token.children if c.dep_ == "agent" for g in c.children]
        agent_obj = next((g for g in agents if g.dep_ == "pobj"), None)
        by = mention_at(agent_obj, index) if agent_obj is not None else None
        if agent_obj is not None and by is not None:
            return phrase_actors(agent_obj, by, index), None
        if agent_obj is None and token.head.dep_ != "ROOT" and token.head.pos_ == "NOUN":
            return [], None  # "were six soldiers killed in Ukraine": the victims, no doer
    subject, passive = subject_of(token)
    if subject is None:
        return [], None
    lead = dateline_apposition(subject)
    if lead is not None and mention_at(lead, index) is not None:
        subject = lead
    patient = mention_at(subject, index)
    if passive:
        agent = next((c for c in token.children if c.dep_ == "agent"), None)
        if agent is None:
            # "was given a warm welcome by the emir": the parser hangs the agent on the object
            objects = (c for c in token.children if c.dep_ == "dobj")
            agent = next((g for o in objects for g in o.children if g.lower_ == "by"), None)
        by_token = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
        if by_token is None and patient is None:
            # "the agreement between Kenya and Uganda was signed": what both did together
            sides = between_sides(subject, index)
            if sides:
                return sides, None
        if by_token is None:
            # no doer named: a pattern may still find one from context (``passive_actor``)
            return [], patient
        by = mention_at(by_token, index)
        if by is None:
            return [], None
        return phrase_actors(by_token, by, index), patient
    if patient is None:
        # "mortars fired by Armenian forces hit …": a weapon's firer is the doer
        firer = launcher(subject, index)
        if firer:
            return firer, None
        # "China said it was ready to work with the US": a pronoun subject the resolver left
        # open is the speaker of the clause it sits in
        speaker = reported_speaker(subject, index)
        return ([speaker] if speaker is not None else []), None
    if patient.kind == "pronoun" and subject.lower_ in ("they", "we"):
        # "Zambia and the IMF said they had reached a deal": "they" are both speakers
        speakers = reported_speakers(subject, index)
        if len(speakers) > 1:
            return speakers, None
    return phrase_actors(subject, patient, index) + headline_subjects(subject, index), None


def launcher(subject: Token, index: dict[int, ActorSpan]) -> list[ActorSpan]:
    """Return who fired or sent a subject that names a weapon or a force, or nothing.

    Args:
        subject: a verb's subject that names no actor itself.
        index: the resolved mentions by token.

    Returns:
        The by-phrase's actors of "rockets launched by Hezbollah", or the modifier of
        "a Houthi-fired missile"; nothing for any other subject.
    """
    for child in subject.children:
        if child.lemma_.lower() not in LAUNCH_VERBS or child.tag_ != "VBN":
            continue
        if child.dep_ == "acl":
            for agent in (c for c in child.children if c.dep_ == "agent"):
                for pobj in (g for g in agent.children if g.dep_ == "pobj"):
                    found = mention_at(pobj, index)
                    if found is not None:
                        return phrase_actors(pobj, found, index)
        elif child.dep_ == "amod":
            for mod in child.children:
                if mod.i < child.i and mod.i in index:
                    return [index[mod.i]]
    return []


def reported_speaker(subject: Token, index: dict[int, ActorSpan]) -> ActorSpan | None:
    """Return the speaker an unresolved "it"/"they" subject of a reported clause stands for."""
    if subject.lower_ not in ("it", "they", "we"):
        return None
    head = subject.head
    if any(c.dep_ == "acomp" and c.lemma_.lower() in EXPLETIVE_ADJECTIVES for c in head.children):
        return None
    for _ in range(4):
        if head.dep_ == "ccomp" and head.head.lemma_ in SPEECH:
            speaker, passive = subject_of(head.head)
            found = mention_at(speaker, index) if speaker is not None and not passive else None
            # "the two sides said they …" leaves open which side speaks for which
            return found if found is not None and found.kind != "group" else None
        if head.dep_ not in ("conj", "xcomp") or head.head.i == head.i:
            return None
        head = head.head
    return None


def reported_speakers(subject: Token, index: dict[int, ActorSpan]) -> list[ActorSpan]:
    """Return the conjoined speakers a "they"/"we" subject of their reported clause stands for."""
    head = subject.head
    if head.dep_ != "ccomp" or head.head.lemma_ not in SPEECH:
        return []
    speaker, passive = subject_of(head.head)
    found = mention_at(speaker, index) if speaker is not None and not passive else None
    return phrase_actors(speaker, found, index) if speaker is not None and found else []


def headline_subjects(subject: Token, index: dict[int, ActorSpan]) -> list[ActorSpan]:
    """Return the actors a headline lists beside its subject with a comma: "Chile, Peru sign pact".

    Headlines drop "and", and the parser hangs each name off the verb on its own.
    """
    verb = subject.head
    # the tagger reads some bare plural names as nouns ("Philippines, Japan sign deal")
    if verb.i == subject.i or (subject.pos_ != "PROPN" and subject.i not in index):
        return []
    # only "A, B verb" with nothing between the names: "CAIRO, Nov 10 - The emir landed" is a
    # dateline, and a city is where the news comes from, not who acts
    kinds = ("country", "org")
    names = [
        c
        for c in verb.children
        if c.i < verb.i
        and c.dep_ in ("nsubj", "npadvmod", "intj", "dep")
        and (c.pos_ == "PROPN" or c.i in index)
        and c.i != subject.i
        and (c.right_edge.i + 2 == subject.left_edge.i or subject.right_edge.i + 2 == c.left_edge.i)
    ]
    commas = [c for c in verb.children if c.dep_ == "punct" and c.text == "," and c.i < verb.i]
    first = min([subject.left_edge.i, *(n.left_edge.i for n in names)])
    if first != verb.sent.start:
        return []
    if not (names and commas):
        # "India, Nepal agree to …": the parser reads the second name as an apposition; a
        # real apposition ("Dar, Pakistan's minister") is a noun phrase, not a bare state
        names = [c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        if not any(c.text == "," for c in subject.children):
            return []
        found = [m for m in (mention_at(n, index) for n in names) if m and m.kind in kinds]
        own = mention_at(subject, index)
        if own is None or own.kind not in kinds:
            return []
        return [m for m in found if m.country != own.country]
    found = [m for m in (mention_at(n, index) for n in names) if m is not None]
    return [m for m in found if m.kind in kinds]


def object_controlled(verb: Token) -> bool:
    """Return whether an infinitive's doer is its governor's object ("urged X to back Y")."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    head = verb.head
    if head.lemma_.lower() not in OBJECT_CONTROL:
        return False
    # "wants to visit" keeps its subject; "wants Pakistan to act" does not
    return any(
        c.i < verb.i
        and (
            c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.lower_ in ("to", "on", "upon"))
        )
        for c in head.children
    )


def clause_subject(token: Token, index: dict[int, ActorSpan]) -> tuple[Token, ActorSpan] | None:
    """Return the subject of the clause a noun sits in, with its mention."""
    head = token.head
    for _ in range(4):
        if head.pos_ in ("VERB", "AUX"):
            subject, passive = subject_of(head)
            if subject is None or passive:
                return None
            found = mention_at(subject, index)
            return (subject, found) if found is not None else None
        if head.head.i == head.i:
            break
        head = head.head
    return None


def targets_of(
    token: Token, pattern: Pattern, index: dict[int, ActorSpan], exclude: list[ActorSpan]
) -> list[ActorSpan]:
    """Return the target mentions in the first of a pattern's slots that has any."""
    anchors = [token, *(o for o in objects_of(token) if o.dep_ != "nsubjpass")]
    if pattern.complement_objects:
        # "threatened to withdraw its troops from Iraq": the complement holds the target
        anchors.extend(c for c in token.children if c.dep_ in ("xcomp", "ccomp"))
    # "pulled out of Georgia": the parser hangs "of" under "out", a preposition with no object
    anchors.extend(
        c
        for c in token.children
        if c.dep_ in ("prep", "prt") and not any(g.dep_ == "pobj" for g in c.children)
    )
    for slot in pattern.target:
        found: list[ActorSpan] = []
        if slot == "dobj":
            ups = [g for c in token.children if c.lower_ == "up" for g in c.subtree]  # "up to 16"
            for obj in (
                [
                    c
                    for c in token.children
                    if c.dep_ in ("dobj", "attr", "dative")
                    or (c.dep_ == "npadvmod" and c.pos_ == "PROPN")
                ]
                + [g for g in ups if g.dep_ == "pobj" and g.head.lower_ == "to"]
                + visitor_objects(token)
            ):
                if obj.lower_ in RELATIVE and token.dep_ == "relcl":
                    # "Guaido, whom the US recognised as leader": the object is the antecedent;
                    # "…, which Moscow appreciated" after "the Ukraine conflict" may stand for
                    # the whole clause, so the antecedent must name an actor itself
                    if obj.lower_ == "which" and token.head.i not in index:
                        continue
                    obj = token.head
                found.extend(with_conj(obj, index))
                preps = ("of", "between", "with")
                for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ in preps):
                    for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                        found.extend(with_conj(pobj, index))
        elif slot == "dative":
            # "gave France $5 million"; "gave it to France" (also "dative") is the "to" slot
            for obj in (c for c in token.children if c.dep_ == "dative" and c.pos_ != "ADP"):
                found.extend(with_conj(obj, index))
        elif slot == "doer":
            for obj in (c for c in token.children if c.dep_ == "dobj"):
                found.extend(doers_of(obj, index))
        elif slot == "that":
            # "demanded that India withdraw", "alleged that Kabul sheltered them": the subject
            # of the clause the trigger governs
            for clause in (c for c in token.children if c.dep_ == "ccomp"):
                for subj in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
                    found.extend(with_conj(subj, index))
        elif slot == "clause":
            # "China is working on a request by Pakistan": an appeal noun's addressee is the
            # subject of the clause that handles it
            subject = clause_subject(token, index)
            if subject is not None:
                found.extend(phrase_actors(*subject, index))
        elif (
            slot == "xcomp"
            and "dobj" in pattern.target
            and not any(c.dep_ in ("xcomp", "ccomp") for c in token.children)
            and any(
                g.i in index
                and index[g.i].kind != "pronoun"
                and _other_country(index[g.i], exclude)
                for c in token.children
                if c.dep_ == "dobj" and c.i not in index
                for g in c.children
                if g.dep_ in ("compound", "amod", "poss")
            )
        ):
            # "rejected a US proposal for a merger under NATO command": with no complement
            # clause, an object that names another side as its owner leaves the rest of the
            # phrase alone ("reiterated Pakistan's commitment to ties with the US" does not)
            pass
        elif slot in ("xcomp", "any"):
            found.extend(in_subtree(token, index, exclude))
        elif slot == "place":  # not the place of a topic: "a summit on the unrest in Iran"
            for prep in (
                c
                for anchor in anchors
                if not (anchor.dep_ == "pobj" and anchor.head.lower_ in ("on", "over", "about"))
                for c in anchor.children
                if c.dep_ == "prep" and c.lower_ in ("in", "to", "at")
            ):
                for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                    m = mention_at(pobj, index)
                    if m and m.kind in ("country", "capital"):
                        found.append(m)
            # "Jaishankar's Moscow visit": a place naming an event noun is where it went
            compounds = (c for c in token.children if c.dep_ == "compound" and c.i in index)
            if token.pos_ == "NOUN":
                found.extend(
                    index[c.i] for c in compounds if index[c.i].kind in ("country", "capital")
                )
        else:
            for anchor in anchors:
                for prep in (
                    c
                    for c in anchor.children
                    if c.dep_ in ("prep", "agent", "dative") and c.lower_ == slot
                ):
                    pobjs = [g for g in prep.children if g.dep_ == "pobj"] + visitor_objects(prep)
                    for pobj in pobjs:
                        if pobj.lower_ in ("whom", "which") and anchor.dep_ == "relcl":
                            pobj = antecedent(anchor)  # "Scholz, with whom he held talks"
                        found.extend(with_conj(pobj, index) or deeper(pobj, index))
                    # "with Turkey and the UN clearing the way": the parser hangs the
                    # partners under a clause as its subject
                    for pcomp in (g for g in prep.children if g.dep_ == "pcomp"):
                        for subj in (g for g in pcomp.children if g.dep_ == "nsubj"):
                            found.extend(with_conj(subj, index))
            if slot == "to" and not found:
                found.extend(hidden_recipient(token, index))
        # "expressed gratitude to Japan for its help": a slot naming only the source itself
        # ("its" = the speaker) leaves the target to the next slot
        found = [
            f for f in found if all(f is not e and (f.actor != e.actor or f.pair) for e in exclude)
        ]
        if found:
            return found
    return []


def antecedent(clause: Token) -> Token:
    """Return what a relative clause describes: "A and B, with whom he met" describes B."""
    near = [c for c in clause.head.children if c.dep_ in ("conj", "appos") and c.i < clause.i]
    return max(near, key=lambda c: c.i, default=clause.head)


def _other_country(found: ActorSpan, sources: list[ActorSpan]) -> bool:
    """Return whether a mention names a country none of the sources belongs to."""
    country = found.actor.country if found.actor else None
    return country is not None and all(
        s.actor is None or s.actor.country != country for s in sources
    )


def in_subtree(
    token: Token, index: dict[int, ActorSpan], exclude: list[ActorSpan]
) -> list[ActorSpan]:
    """Return the actors under a trigger, leaving out its subject, clauses and place phrases."""
    # a clause joined by "but" is another act: "backed the deal but stressed Iran's right to…"
    contrast = any(c.dep_ == "cc" and c.lower_ == "but" for c in token.children)
    skip = {
        t.i
        for c in token.children
        if c.dep_ in ("nsubj", "nsubjpass", "ccomp", "advcl")
        or (contrast and c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))
        for t in c.subtree
    }
    # places are where things happen, not who they happen to: "left behind in Afghanistan"
    for t in token.subtree:
        locative = t.lower_ in ("in", "at", "near", "inside", "across", "from", "before", "after")
        if t.dep_ == "prep" and locative and any(g.dep_ == "pobj" for g in t.children):
            skip.update(g.i for g in t.subtree)
    seen: list[ActorSpan] = []
    for t in token.subtree:
        if t.i in skip or t.i not in index or t.i == token.i:
            continue
        found = index[t.i]
        if found not in seen and all(found is not e for e in exclude):
            seen.append(found)
    return seen
