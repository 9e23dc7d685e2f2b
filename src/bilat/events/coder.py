"""Code events from the dependency parse: trigger → pattern → source, target, factuality.

bilat codes an event only when a pattern matches and both roles resolve to actors; every
trigger tried leaves an :class:`Attempt` saying why it was or was not coded, which is what
``bilat explain`` prints.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from bilat.actors.resolve import Found
from bilat.events.factuality import factuality
from bilat.events.pairs import confidence, distinct, expand
from bilat.events.patterns import Pattern, PatternSet
from bilat.knowledge import Knowledge
from bilat.records import Actor, Factuality

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
RELATIVE = {"who", "which", "that", "whom"}
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
# passive forms of these raise their subject: "X is expected to visit" is X's planned visit,
# where "X was told to leave" is someone's order
RAISING = {"expect", "want", "help", "allow"}
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
# "X responded by reaffirming …", "after meeting Y, X said": the clause's subject does both
SHARED_SUBJECT_PREPS = {"by", "after", "before", "while", "without", "upon", "on"}
PREPOSITIONS = {
    "with",
    "to",
    "on",
    "against",
    "from",
    "between",
    "in",
    "at",
    "for",
    "into",
    "towards",
    "toward",
    "upon",
    "over",
    "of",
    "by",
    "about",
}


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


@dataclass(frozen=True)
class Attempt:
    """One trigger tried against one pattern, and what came of it."""

    sentence_index: int
    trigger: str
    trigger_index: int
    pattern: str
    coded: bool
    reason: str


class Coder:
    """Apply a pattern set to parsed sentences with resolved mentions."""

    def __init__(self, patterns: PatternSet, knowledge: Knowledge) -> None:
        self.patterns = patterns
        self.knowledge = knowledge

    def code(self, doc: Doc, mentions: list[Found]) -> tuple[list[Candidate], list[Attempt]]:
        """Return the events in a document and every attempt made.

        Args:
            doc: the parsed document.
            mentions: its resolved actor mentions.
        """
        index: dict[int, Found] = {}
        for mention in mentions:
            if mention.actor is None:
                continue
            for i in range(mention.start, mention.end):
                index.setdefault(i, mention)
        candidates: list[Candidate] = []
        attempts: list[Attempt] = []
        for number, sentence in enumerate(s for s in doc.sents if s.text.strip()):
            if not any(i in index for i in range(sentence.start, sentence.end)):
                continue
            claimed: set[int] = set()
            for token in sentence:
                # an object another trigger took ("held talks") is no trigger of its own, but
                # a deed with its own doer is ("condemned Peru's attack on Bolivia")
                found, tried = self._trigger(
                    token, sentence, number, index, candidates, owned_only=token.i in claimed
                )
                attempts.extend(tried)
                if found:
                    claimed.update(c.i for c in token.children if c.dep_ in ("dobj", "attr"))
                candidates.extend(c for c in found if not _purpose_of(c, candidates))
        return _restated(doc, _dedup(candidates)), attempts

    def _trigger(
        self,
        token: Token,
        sentence: Span,
        number: int,
        index: dict[int, Found],
        prior: list[Candidate],
        *,
        owned_only: bool = False,
    ) -> tuple[list[Candidate], list[Attempt]]:
        if token.pos_ in ("VERB", "AUX") and token.dep_ == "amod":
            # a participle describing a noun ("the visiting Kenyan President") is not a
            # clause: its subject is the noun it modifies, not the sentence's subject
            return [], []
        if token.pos_ in ("VERB", "AUX") or (token.pos_ == "ADJ" and token.dep_ == "acomp"):
            # "stands ready to work with", "is committed to strengthening": a predicate
            # adjective is looked up like a verb, its subject being its clause's
            patterns = self.patterns.for_verb(token.lemma_.lower())
            nominal = False
        elif token.pos_ in ("NOUN", "PROPN"):
            patterns = self.patterns.for_noun(token.lemma_.lower())
            nominal = True
        else:
            return [], []
        if owned_only:
            patterns = tuple(p for p in patterns if p.own_doer)
        attempts: list[Attempt] = []
        for pattern in patterns:
            ok, why = _constraints(token, pattern)
            if not ok:
                attempts.append(Attempt(number, token.text, token.i, pattern.id, False, why))
                continue
            found, reason = self._roles(token, pattern, sentence, number, index, nominal, prior)
            attempts.append(Attempt(number, token.text, token.i, pattern.id, bool(found), reason))
            if found:
                return found, attempts
            if pattern.exclusive:
                break
        return [], attempts

    def _roles(
        self,
        token: Token,
        pattern: Pattern,
        sentence: Span,
        number: int,
        index: dict[int, Found],
        nominal: bool,
        prior: list[Candidate],
    ) -> tuple[list[Candidate], str]:
        sources, passive_target = _sources(token, index, nominal, own=pattern.own_doer)
        if pattern.source_kinds:
            sources = [f for f in sources if f.kind in pattern.source_kinds]
        if not sources:
            return [], "no source resolved" + (
                f" of kind {list(pattern.source_kinds)}" if pattern.source_kinds else ""
            )
        targets = _targets(token, pattern, index, exclude=sources)
        if passive_target is not None and not targets:
            targets = [passive_target]
        if pattern.target_kinds:
            targets = [f for f in targets if f.kind in pattern.target_kinds]
            if not targets:
                return [], f"no target of kind {list(pattern.target_kinds)}"
        if not targets and pattern.rebuts:
            targets = _accuser(sources, prior, number)
        source_actors = expand(sources)
        pairs: list[tuple[Actor, Actor, bool]] = []
        if targets:
            # "Both leaders … of both countries": one event between the two, not one each way
            grouped = any(f.pair for f in sources)
            seen: set[frozenset[str | None]] = set()
            for source in source_actors:
                for target in expand(targets, avoid=source):
                    countries = frozenset((source.country, target.country))
                    if grouped and countries in seen:
                        continue
                    seen.add(countries)
                    pairs.append((source, target, pattern.symmetric))
        elif (
            len(source_actors) >= 2
            and pattern.symmetric
            and (nominal or not _partner_phrase(token, pattern))
        ):
            # "Israel and the UAE will meet": the conjoined subjects are the two sides, unless
            # a with-phrase names another partner ("A and B signed deals with C")
            pairs.append((source_actors[0], source_actors[1], True))
        if not pairs:
            return [], "no target resolved"
        if pattern.swap:
            # "received a loan from China": the giver named in the target slot is the source
            pairs = [(target, source, symmetric) for source, target, symmetric in pairs]
        fact, fact_reason = factuality(token, pattern.code)
        code = pattern.code
        if fact == Factuality.PLANNED and code.startswith("04"):
            code = "036"
        reporter = _reporter(token, index, sources)
        out = []
        for source, target, symmetric in pairs:
            if not distinct(source, target):
                continue
            score = confidence(pattern, sources + targets, nominal)
            out.append(
                Candidate(
                    sentence,
                    number,
                    pattern,
                    code,
                    token,
                    source,
                    target,
                    fact,
                    fact_reason,
                    score,
                    reporter,
                    symmetric,
                )
            )
        if not out:
            return [], "source and target are the same actor or the same country's state"
        matched = " ".join(t.text for t in _trigger_words(token, pattern))
        return out, f"pattern {pattern.id} matched '{matched}'"


def _partner_phrase(token: Token, pattern: Pattern) -> bool:
    """Return whether a target preposition of the pattern names someone bilat did not resolve."""
    anchors = [token, *_objects(token)]
    return any(
        c.dep_ == "prep"
        and c.lower_ in pattern.target
        and any(t.pos_ == "PROPN" for t in c.subtree)
        for a in anchors
        for c in a.children
    )


def _purpose_of(candidate: Candidate, candidates: list[Candidate]) -> bool:
    """Return whether an event is what an event already coded between the same sides is about.

    "Delegations will meet … to sign agreements" (the signing is what the meeting is for),
    "threatened to sever ties", "refused to lift sanctions": one event, the governing one, not
    a second one between the same two countries.
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


def _constraints(token: Token, pattern: Pattern) -> tuple[bool, str]:
    if pattern.objects:
        objects = _objects(token)
        if not any(
            _phrase_lemma(o) in pattern.objects or o.lemma_.lower() in pattern.objects
            for o in objects
        ):
            return False, f"object is not one of {list(pattern.objects)[:4]}"
    if pattern.particles:
        parts = {c.lower_ for c in token.children if c.dep_ in ("prt", "prep", "advmod")}
        if not parts & set(pattern.particles):
            return False, f"needs particle {list(pattern.particles)}"
    if pattern.complements:
        comps = [c for c in token.children if c.dep_ in ("xcomp", "ccomp", "acl", "advcl")]
        comps.extend(
            g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pcomp"
        )
        for obj in _objects(token):
            comps.extend(c for c in obj.children if c.dep_ in ("acl", "prep", "relcl"))
            comps.extend(g for c in obj.children if c.dep_ == "prep" for g in c.children)
        if not any(c.lemma_.lower() in pattern.complements for c in comps):
            return False, f"needs a complement among {list(pattern.complements)[:4]}"
    if pattern.modifiers:
        mods = {c.lemma_.lower() for c in token.children if c.dep_ in ("amod", "compound", "nmod")}
        if not mods & set(pattern.modifiers):
            return False, f"needs a modifier among {list(pattern.modifiers)[:4]}"
    if pattern.bare and _infinitive(token):
        return False, "followed by a to-infinitive"
    if pattern.intransitive and any(c.dep_ in ("dobj", "dative") for c in token.children):
        return False, "has a direct object: carrying someone somewhere is not travelling"
    return True, ""


def _infinitive(token: Token) -> bool:
    """Return whether a verb or its objects govern a to-infinitive ("called on X to act")."""
    heads = [token, *_objects(token)]
    return any(
        c.dep_ in ("xcomp", "advcl", "ccomp", "acl", "relcl")
        and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        for head in heads
        for c in head.children
    )


def _accuser(sources: list[Found], prior: list[Candidate], number: int) -> list[Found]:
    """Return the source of the latest accusation against a source, within two sentences."""
    countries = {f.country for f in sources if f.country}
    for earlier in reversed(prior):
        if earlier.sentence_index < number - 2:
            break
        if earlier.code[:2] == "11" and earlier.target.country in countries:
            actor = earlier.source
            return [Found(earlier.trigger.i, earlier.trigger.i + 1, actor, "antecedent", "accuser")]
    return []


def _objects(token: Token) -> list[Token]:
    objects = [c for c in token.children if c.dep_ in ("dobj", "attr", "oprd", "nsubjpass")]
    # "agreed to implement a ceasefire", "vowed to restore ties": the thing agreed is the
    # object of a light verb under the trigger
    for light in (c for c in token.children if c.dep_ == "xcomp" and c.lemma_ in LIGHT_VERBS):
        objects.extend(g for g in light.children if g.dep_ == "dobj")
    for prep in (c for c in token.children if c.dep_ == "prep"):
        objects.extend(g for g in prep.children if g.dep_ == "pobj")
    for obj in list(objects):
        objects.extend(c for c in obj.children if c.dep_ == "conj")
    return objects


def _phrase_lemma(token: Token) -> str:
    mods = [
        c.lemma_.lower()
        for c in token.children
        if c.dep_ in ("compound", "amod") and c.i == token.i - 1
    ]
    return " ".join([*mods, token.lemma_.lower()])


def _trigger_words(token: Token, pattern: Pattern) -> list[Token]:
    words = [token]
    if pattern.objects:
        words.extend(
            o
            for o in _objects(token)
            if o.lemma_.lower() in pattern.objects or _phrase_lemma(o) in pattern.objects
        )
    words.extend(
        c for c in token.children if c.dep_ in ("prt", "prep") and c.lower_ in pattern.target
    )
    return sorted(words[:4], key=lambda t: t.i)


def _mention(token: Token, index: dict[int, Found]) -> Found | None:
    """Return the mention at a token, or one modifying it ("Pakistan's efforts")."""
    if token.i in index:
        return index[token.i]
    deed = token.lemma_.lower() in DEED_NOUNS
    for child in token.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod", "appos") and child.i in index:
            if deed and child.dep_ != "poss" and index[child.i].kind == "capital":
                continue  # "the Kabul airport bombing" happened in Kabul, not by its government
            return index[child.i]
    if token.lemma_.lower() in GROUP_HEADS:
        # "a group of Indian soldiers", "the leaders of Ukraine and Russia"
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "from")):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                inner = _mention(pobj, index)
                if inner is not None:
                    return inner
    if token.dep_ == "csubj":
        # the parser reads a leading "Acting Under Secretary Bass" as a clause
        return next((index[t.i] for t in token.subtree if t.i in index), None)
    return None


def _subject(verb: Token) -> tuple[Token | None, bool]:
    raised = False
    for _ in range(6):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj", "expl"):
                if child.lower_ in RELATIVE and verb.dep_ in ("relcl", "acl"):
                    return verb.head, False
                # "Raisi is scheduled to hold meetings": the passive subject of the governing
                # verb is the active subject of its infinitive
                return child, child.dep_ == "nsubjpass" and not raised
        if verb.dep_ == "acomp" and verb.head.i != verb.i:
            verb = verb.head
            continue
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
            if verb.dep_ != "conj" and _object_controlled(verb):
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
            return verb.head, False
        if verb.dep_ == "pcomp" and verb.head.lower_ in SHARED_SUBJECT_PREPS:
            # "India responded by reaffirming …": the doer of the by-clause is the subject's;
            # not so "thanked Pakistan for helping", whose helper is the object
            verb = verb.head.head
            continue
        break
    return None, False


def _sources(
    token: Token, index: dict[int, Found], nominal: bool, *, own: bool = False
) -> tuple[list[Found], Found | None]:
    if nominal:
        for child in token.children:
            if child.dep_ == "poss" and child.i in index:
                found = index[child.i]
                if found.kind == "pronoun":
                    clause = _clause_subject(token, index)
                    if clause is not None and clause[1].start > token.i:
                        return [clause[1]], None
                return [found], None
        for child in token.children:
            if child.dep_ in ("prep", "agent") and child.lower_ in ("by", "of", "between"):
                pobj = [g for g in child.children if g.dep_ == "pobj"]
                if pobj and pobj[0].i in index:
                    found = index[pobj[0].i]
                    others = [
                        index[c.i] for c in pobj[0].children if c.dep_ == "conj" and c.i in index
                    ]
                    if child.lower_ == "between" and others:
                        return [found, *others], None
                    return [found], None
        # "talks led by the EU's negotiator and the UK's", "a meeting attended by X and Y"
        participants = ("lead", "attend", "hold", "chair", "co-chair")
        for acl in (
            c
            for c in token.children
            if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_ in participants
        ):
            for by_phrase in (c for c in acl.children if c.dep_ == "agent"):
                for by_obj in (g for g in by_phrase.children if g.dep_ == "pobj"):
                    first = _mention(by_obj, index)
                    if first is not None:
                        return _phrase_actors(by_obj, first, index), None
        # "a US strike", "terrorist attacks": the modifier of an event noun is its doer
        doers = _doers(token, index)
        if doers:
            return doers[:1], None
        if own:
            return [], None
        clause = _clause_subject(token, index)
        return (_phrase_actors(*clause, index) if clause else []), None
    subject, passive = _subject(token)
    if subject is None:
        return [], None
    patient = _mention(subject, index)
    if passive:
        agent = next((c for c in token.children if c.dep_ == "agent"), None)
        by_token = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
        if by_token is None:
            return [], None
        by = _mention(by_token, index)
        if by is None:
            return [], None
        return _phrase_actors(by_token, by, index), patient
    if patient is None:
        return [], None
    return _phrase_actors(subject, patient, index), None


def _phrase_actors(head: Token, first: Found, index: dict[int, Found]) -> list[Found]:
    """Return every actor a noun phrase names, in order: the head's and its conjuncts'.

    "Germany and France", "U.S. and Taliban negotiators" (conjoined modifiers), "the leaders
    of Ukraine and Russia" and "delegations from Israel and the UAE" (a group noun's of/from
    phrase) each name two actors.
    """
    found = [first]
    heads = [head, *(c for c in head.children if c.dep_ == "conj")]
    for noun in heads:
        own = _mention(noun, index)
        if own is not None and all(own is not f for f in found):
            found.append(own)
        for child in noun.children:
            if child.dep_ in ("compound", "amod", "nmod", "poss") and child.i in index:
                conjoined = any(c.dep_ == "conj" for c in child.children)
                if conjoined and all(index[child.i] is not f for f in found):
                    found.append(index[child.i])
                for conj in child.children:
                    if conj.dep_ == "conj" and conj.i in index:
                        other = index[conj.i]
                        if all(other is not f for f in found):
                            found.append(other)
        if noun.lemma_.lower() in GROUP_HEADS:
            for prep in (
                c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "from")
            ):
                for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                    for other in _with_conj(pobj, index):
                        if all(other is not f for f in found):
                            found.append(other)
    return found


def _object_controlled(verb: Token) -> bool:
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


def _clause_subject(token: Token, index: dict[int, Found]) -> tuple[Token, Found] | None:
    head = token.head
    for _ in range(4):
        if head.pos_ in ("VERB", "AUX"):
            subject, passive = _subject(head)
            if subject is None or passive:
                return None
            found = _mention(subject, index)
            return (subject, found) if found is not None else None
        if head.head.i == head.i:
            break
        head = head.head
    return None


def _targets(
    token: Token, pattern: Pattern, index: dict[int, Found], exclude: list[Found]
) -> list[Found]:
    anchors = [token, *(o for o in _objects(token) if o.dep_ != "nsubjpass")]
    for slot in pattern.target:
        found: list[Found] = []
        if slot == "dobj":
            for obj in (
                c
                for c in token.children
                if c.dep_ in ("dobj", "attr", "dative")
                or (c.dep_ == "npadvmod" and c.pos_ == "PROPN")
            ):
                found.extend(_with_conj(obj, index))
                preps = ("of", "between", "with")
                for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ in preps):
                    for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                        found.extend(_with_conj(pobj, index))
        elif slot == "doer":
            for obj in (c for c in token.children if c.dep_ == "dobj"):
                found.extend(_doers(obj, index))
        elif slot == "that":
            # "demanded that India withdraw", "alleged that Kabul sheltered them": the subject
            # of the clause the trigger governs
            for clause in (c for c in token.children if c.dep_ == "ccomp"):
                for subj in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
                    found.extend(_with_conj(subj, index))
        elif slot in ("xcomp", "any"):
            found.extend(_in_subtree(token, index, exclude))
        elif slot == "place":
            for prep in (
                c
                for anchor in anchors
                for c in anchor.children
                if c.dep_ == "prep" and c.lower_ in ("in", "to", "at")
            ):
                for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                    m = _mention(pobj, index)
                    if m and m.kind in ("country", "capital"):
                        found.append(m)
        else:
            for anchor in anchors:
                for prep in (
                    c
                    for c in anchor.children
                    if c.dep_ in ("prep", "agent", "dative") and c.lower_ == slot
                ):
                    for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                        found.extend(_with_conj(pobj, index) or _deeper(pobj, index))
                    # "with Turkey and the UN clearing the way": the parser hangs the
                    # partners under a clause as its subject
                    for pcomp in (g for g in prep.children if g.dep_ == "pcomp"):
                        for subj in (g for g in pcomp.children if g.dep_ == "nsubj"):
                            found.extend(_with_conj(subj, index))
        found = [f for f in found if all(f is not e for e in exclude)]
        if found:
            return found
    return []


def _doers(noun: Token, index: dict[int, Found]) -> list[Found]:
    """Return the actors modifying a deed noun: "Israel's strikes", "terrorist attacks"."""
    return [
        index[c.i]
        for c in noun.children
        if c.dep_ in ("poss", "amod", "compound", "nmod") and c.i in index
    ]


def _deeper(token: Token, index: dict[int, Found]) -> list[Found]:
    """Return the actor one "from"/"of" phrase further down: "on imports from Pakistan"."""
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("from", "of")):
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            found = _with_conj(pobj, index)
            if found:
                return found
    return []


def _with_conj(token: Token, index: dict[int, Found]) -> list[Found]:
    first = _mention(token, index)
    if first:
        # "spoke to the foreign ministers of Peru and Bolivia": one verb, two targets
        return _phrase_actors(token, first, index)
    result = []
    for conj in token.children:
        if conj.dep_ == "conj":
            other = _mention(conj, index)
            if other and other is not first:
                result.append(other)
    return result


def _in_subtree(token: Token, index: dict[int, Found], exclude: list[Found]) -> list[Found]:
    skip = {
        t.i
        for c in token.children
        if c.dep_ in ("nsubj", "nsubjpass", "ccomp", "advcl")
        for t in c.subtree
    }
    # places are where things happen, not who they happen to: "left behind in Afghanistan"
    for t in token.subtree:
        locative = t.lower_ in ("in", "at", "near", "inside", "across", "from", "before", "after")
        if t.dep_ == "prep" and locative and any(g.dep_ == "pobj" for g in t.children):
            skip.update(g.i for g in t.subtree)
    seen: list[Found] = []
    for t in token.subtree:
        if t.i in skip or t.i not in index or t.i == token.i:
            continue
        found = index[t.i]
        if found not in seen and all(found is not e for e in exclude):
            seen.append(found)
    return seen


def _reporter(token: Token, index: dict[int, Found], sources: list[Found]) -> Actor | None:
    head = token
    for _ in range(4):
        if head.dep_ != "ccomp" or head.head.i == head.i:
            head = head.head if head.dep_ in ("conj", "xcomp") else head
            if head.dep_ != "ccomp":
                return None
        head = head.head
        if head.lemma_ in SPEECH:
            subject, _passive = _subject(head)
            found = _mention(subject, index) if subject is not None else None
            if found and found.actor and all(found.actor != s.actor for s in sources):
                return found.actor
            return None
    return None


def _restated(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """Drop a headline's events that the lede's first sentences report again.

    "China rolls over loan to Pakistan" above "BEIJING: China has agreed to roll over …" is one
    event; the lede's copy is kept, with its dateline, date and full sentence.
    """
    first = next((s for s in doc.sents if s.text.strip()), None)
    if first is None or not _is_headline(doc, first):
        return candidates
    number = next(i for i, s in enumerate(x for x in doc.sents if x.text.strip()) if s == first)

    def key(c: Candidate) -> tuple[str, frozenset[str | None]]:
        return c.code[:2], frozenset((c.source.country, c.target.country))

    lede = {key(c) for c in candidates if number < c.sentence_index <= number + 3}
    return [c for c in candidates if c.sentence_index != number or key(c) not in lede]


def _is_headline(doc: Doc, sentence: Span) -> bool:
    """Return whether a sentence is a headline line: alone on its line, no closing full stop."""
    text = sentence.text.rstrip()
    end = sentence.start_char + len(text)
    after = doc.text[end : end + 1]
    closing = text.rstrip("\"'”’")
    return bool(closing) and closing[-1] not in ".!?" and (after.startswith("\n") or not after)


def _dedup(candidates: list[Candidate]) -> list[Candidate]:
    best: dict[tuple[int, str, str, str], Candidate] = {}
    for c in candidates:
        pair = (
            sorted([c.source.code, c.target.code])
            if c.symmetric
            else [c.source.code, c.target.code]
        )
        key = (c.sentence_index, c.code[:2], pair[0], pair[1])
        if key not in best or c.confidence > best[key].confidence:
            best[key] = c
    return sorted(best.values(), key=lambda c: (c.sentence_index, c.trigger.i))


def event_id(
    doc_id: str, start: int, end: int, code: str, source: str, target: str, at: int
) -> str:
    """Return a stable event id: a hash of where it is and what it says."""
    raw = "|".join([doc_id, str(start), str(end), code, source, target, str(at)])
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20]
