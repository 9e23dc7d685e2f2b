"""Code events from the dependency parse: trigger → pattern → source, target, factuality.

bilat codes an event only when a pattern matches and both roles resolve to actors; every
trigger tried leaves an :class:`Attempt` saying why it was or was not coded, which is what
``bilat explain`` prints.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from bilat.actors.resolve import ActorSpan
from bilat.events import arguments, context, measures, perpetrators, senses, threats
from bilat.events.candidates import (
    Candidate as Candidate,
)
from bilat.events.candidates import (
    accuser,
    agreed_before,
    dedup,
    purpose_of,
    restated,
    shared_partner,
)
from bilat.events.factuality import factuality, predicted
from bilat.events.pairs import confidence, distinct, expand, of_kind, travellers
from bilat.events.patterns import Pattern, PatternSet
from bilat.events.phrases import PhraseIndex
from bilat.events.syntax import SPEECH, headline_future, headline_verb
from bilat.knowledge import Knowledge
from bilat.records import Actor, Factuality

# CAMEO codes a planned act as the intent or threat to do it, longest prefix first; a planned
# withdrawal or signing keeps its own code, as the gold conventions code it
PLANNED_CODES = (
    ("04", "036"),
    ("081", "0351"),
    ("084", "0353"),
    ("085", "0354"),
    ("086", "0355"),
    ("18", "1383"),
    ("19", "1384"),
    ("20", "138"),
)
# roots whose verbs are also sport's: teams meet, visit, clash and beat each other (a boycott
# of the Olympics is still a political act)
SPORTING_ROOTS = {"04", "18", "19", "20"}
# doers of a killing that make it a bombing (183), not small arms (19x): "a suicide bomber killed"
BOMBING_DOERS = {"bomber", "bomb", "bombing", "blast", "explosion", "explosive", "grenade"}
# auxiliaries of what is yet to come: a warning says what "will" or "would" happen
FUTURE_AUX = {"will", "would", "shall", "'ll", "wo", "must", "could", "may", "might"}
# why an event coded at its trigger is left out after all (see `bilat explain`)
DEDUPED = "a surer event of the same root and pair in the sentence"
RESTATED = "a headline event the lede reports again"
# verbs of committing oneself: conjoined subjects who pledge to cooperate commit to each other
COMMISSIVE = {"pledge", "vow", "promise", "commit", "resolve"}


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
        self.phrases = PhraseIndex.build([*patterns.by_verb, *patterns.by_noun])

    def code(
        self, doc: Doc, mentions: list[ActorSpan], *, locate: context.Locate | None = None
    ) -> tuple[list[Candidate], list[Attempt]]:
        """Return the events in a document and every attempt made.

        Args:
            doc: the parsed document.
            mentions: its resolved actor mentions.
            locate: a place name's country, for force that lands in a named place
                ("struck hideouts in Khost") rather than in a country.
        """
        index: dict[int, ActorSpan] = {}
        for mention in mentions:
            if mention.actor is None:
                continue
            for i in range(mention.start, mention.end):
                index.setdefault(i, mention)
        places = context.places(doc, index, locate)
        candidates: list[Candidate] = []
        attempts: list[Attempt] = []
        for number, sentence in enumerate(s for s in doc.sents if s.text.strip()):
            if not any(i in index for i in range(sentence.start, sentence.end)):
                continue
            claimed: set[int] = set()
            for token in sentence:
                # an object another trigger took ("held talks") is no trigger of its own, but
                # a deed with its own doer is ("condemned Peru's attack on Bolivia")
                found, tried, blocked = self._trigger(
                    token,
                    sentence,
                    number,
                    (index, places),
                    candidates,
                    owned_only=token.i in claimed,
                )
                attempts.extend(tried)
                if found or blocked:
                    # "condemned the suicide attack": the condemner is no attacker even when
                    # the condemnation finds no one to blame
                    claimed.update(c.i for c in token.children if c.dep_ in ("dobj", "attr"))
                for c in found:
                    if purpose_of(c, candidates):
                        attempts.append(_dropped(c, f"the purpose of '{c.trigger.head.text}'"))
                    else:
                        candidates.append(c)
        kept = dedup(candidates)
        ids = {id(c) for c in kept}
        attempts += [_dropped(c, DEDUPED) for c in candidates if id(c) not in ids]
        shown = restated(doc, kept)
        ids = {id(c) for c in shown}
        attempts += [_dropped(c, RESTATED) for c in kept if id(c) not in ids]
        return shown, attempts

    def _trigger(
        self,
        token: Token,
        sentence: Span,
        number: int,
        indexes: tuple[dict[int, ActorSpan], dict[int, ActorSpan]],
        prior: list[Candidate],
        *,
        owned_only: bool = False,
    ) -> tuple[list[Candidate], list[Attempt], bool]:
        if token.pos_ in ("VERB", "AUX") and token.dep_ == "amod":
            # a participle describing a noun ("the visiting Kenyan President") is not a
            # clause: its subject is the noun it modifies, not the sentence's subject
            return [], [], False
        if token.pos_ == "VERB" and senses.attributive_participle(token):
            # "Hu met visiting President Kibaki": the parser's clause is a modifier
            return [], [], False
        verbal = token.pos_ == "NOUN" and headline_verb(token)
        # "Egypt thanks UAE for support": a headline root with a subject and an object is a
        # verb whatever the tagger calls it, and its lemma may keep the "-s"
        clausal = {c.dep_ for c in token.children} >= {"nsubj", "dobj"}
        verbal = verbal or (token.dep_ == "ROOT" and token.pos_ == "ADP" and clausal)
        # "cease-fire", "phone call": the tokenizer splits a multi-word trigger, whose last
        # word heads it; the whole phrase is a narrower trigger than its last word
        multi = self.phrases.ending_at(token)
        multi_verbs = tuple(p for m in multi for p in self.patterns.for_verb(m))
        multi_nouns = tuple(p for m in multi for p in self.patterns.for_noun(m))
        if multi_nouns and not multi_verbs:
            # the tagger may call the last word of "sit-in" or "cease-fire" anything
            patterns = multi_nouns + self.patterns.for_noun(token.lemma_.lower())
            nominal = True
        elif (
            token.pos_ in ("VERB", "AUX")
            or verbal
            or (token.pos_ == "ADJ" and token.dep_ == "acomp")
        ):
            # "stands ready to work with", "is committed to strengthening": a predicate
            # adjective is looked up like a verb, its subject being its clause's
            lemma = token.lemma_.lower()
            patterns = multi_verbs + self.patterns.for_verb(lemma)
            if not patterns and verbal and lemma.endswith("s"):
                patterns = self.patterns.for_verb(lemma[:-1])
            nominal = False
        elif token.pos_ in ("NOUN", "PROPN"):
            patterns = self.patterns.for_noun(token.lemma_.lower())
            nominal = True
        elif multi_verbs:
            patterns = multi_verbs
            nominal = False
        else:
            return [], [], False
        if owned_only:
            patterns = tuple(p for p in patterns if p.own_doer)
        attempts: list[Attempt] = []
        for pattern in patterns:
            ok, why = _constraints(token, pattern)
            if not ok:
                attempts.append(Attempt(number, token.text, token.i, pattern.id, False, why))
                continue
            found, reason = self._roles(token, pattern, sentence, number, indexes, nominal, prior)
            attempts.append(Attempt(number, token.text, token.i, pattern.id, bool(found), reason))
            if found:
                return found, attempts, False
            # "hosted the premier for talks": a pattern whose object is only the purpose
            # phrase's noun does not keep the others from the trigger's own object
            if pattern.exclusive and not senses.phrase_object_only(token, pattern.objects):
                return [], attempts, True
        return [], attempts, False

    def _roles(
        self,
        token: Token,
        pattern: Pattern,
        sentence: Span,
        number: int,
        indexes: tuple[dict[int, ActorSpan], dict[int, ActorSpan]],
        nominal: bool,
        prior: list[Candidate],
    ) -> tuple[list[Candidate], str]:
        index, places = indexes
        refused = senses.no_pair(token, pattern.code, index, nominal=nominal)
        if refused:
            return [], refused
        if pattern.code[:2] in SPORTING_ROOTS and senses.sports_report(sentence):
            return [], "a sports report: the countries are teams"
        sources, passive_target = arguments.sources_of(
            token,
            index,
            nominal,
            own=pattern.own_doer,
            material=pattern.code[:2] in measures.MATERIAL_ROOTS,
        )
        context_targets: list[ActorSpan] = []
        if pattern.speaker_source and (not nominal or token.dep_ == "attr"):
            sources, context_targets = context.judged(token, index)
            passive_target = None
        elif not sources and passive_target is not None and pattern.passive_actor:
            sources, context_targets = context.passive_context(
                token, pattern, passive_target, index
            )
            passive_target = None
        if not sources and pattern.symmetric and not nominal:
            # "the deal restores relations between Kenya and Uganda": a thing does it for the
            # two sides its object names
            sides = (arguments.between_sides(o, index) for o in arguments.objects_of(token))
            sources = next((found for found in sides if found), [])
        if pattern.source_kinds:
            sources = [f for f in sources if of_kind(f, pattern.source_kinds)]
        if pattern.code in ("042", "043"):
            sources = [f for f in sources if not travellers(f, token.doc)]
        if not sources:
            return [], "no source resolved" + (
                f" of kind {list(pattern.source_kinds)}" if pattern.source_kinds else ""
            )
        targets = arguments.targets_of(token, pattern, index, exclude=sources)
        if pattern.code[:2] != "04":
            targets = [f for f in targets if not senses.on_a_trip(f, token)]
        # recalling "its ambassador to New Zealand" is done to New Zealand; talking to "the
        # German ambassador to the UAE" is not talking to the UAE
        posts = not pattern.code.startswith("16")
        targets = [
            f
            for f in targets
            if not senses.hyphen_modifier(f, token.doc)
            and not (posts and senses.envoy_post(f, token.doc))
        ]
        if not targets and pattern.code in perpetrators.DISAPPROVAL_CODES:
            located = {**places, **index} if places else index
            targets = perpetrators.unnamed_rebels(token, located, sources)
        if not targets and pattern.complements:
            targets = threats.clause_targets(token, pattern, index, sources)
        # a judged or hosted patient is the target whatever the slots hold
        overrides = pattern.speaker_source or pattern.passive_actor == "host"
        if context_targets and (overrides or not targets):
            targets = context_targets
        if passive_target is not None and not targets:
            targets = [passive_target]
        if pattern.code.startswith("19"):
            located = {**places, **index} if places else index
            targets = context.hit_territory(token, located, sources, targets)
        if pattern.code[:2] in ("02", "10") and senses.addressee_unresolved(token, targets, index):
            return [], "the one appealed to is named but not resolved"
        if pattern.target_kinds:
            targets = [f for f in targets if of_kind(f, pattern.target_kinds, target=True)]
            if not targets:
                return [], f"no target of kind {list(pattern.target_kinds)}"
        if not targets and pattern.rebuts:
            targets = accuser(sources, prior, number)
        if not targets:
            targets = shared_partner(token, sources, prior, number)
        if not targets and pattern.symmetric and pattern.objects:
            targets = agreed_before(token, sources, prior, number)
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
        elif len(source_actors) >= 2 and (pattern.mutual or context.reciprocal(token)):
            # "Russia and Ukraine accused each other": one event each way
            first, second = source_actors[:2]
            pairs.append((first, second, pattern.symmetric))
            if not pattern.symmetric:
                pairs.append((second, first, False))
        elif (
            len(source_actors) >= 2
            and (pattern.symmetric or _agreed(token) or _joint_intent(token, pattern))
            and not senses.many_sides(sources, index, token.doc)
            and (nominal or not _partner_phrase(token, pattern))
            and not _force_on_thing(token, pattern, index)
        ):
            # "Israel and the UAE will meet": the conjoined subjects are the two sides, unless
            # a with-phrase names another partner ("A and B signed deals with C"); what two
            # sides agree to do ("A and B agreed to reopen the border") they do to each other
            pairs.append((source_actors[0], source_actors[1], True))
        if targets and pattern.mutual:
            # "Pakistan traded accusations with India": India accused Pakistan too
            pairs += [(target, source, False) for source, target, _sym in pairs]
        if not pairs:
            return [], "no target resolved"
        if pattern.swap:
            # "received a loan from China": the giver named in the target slot is the source
            pairs = [(target, source, symmetric) for source, target, symmetric in pairs]
        # a judgement or warning is the speaker's act: "said Pakistan would face consequences"
        said = context.speech_verb(token) if pattern.speaker_source else None
        fact, fact_reason = factuality(said or token, pattern.code)
        if fact == Factuality.ASSERTED and headline_future(token):
            fact, fact_reason = Factuality.PLANNED, f"headline 'to {token.text}'"
        code = pattern.code
        if code.startswith("19") and _by_bomb(token):
            code = "183"
        reporter = _reporter(token, index, sources)
        fact, fact_reason = predicted(
            fact,
            fact_reason,
            code,
            speaker=reporter.country if reporter is not None else None,
            doers={f.actor.country for f in sources if f.actor is not None},
        )
        # a planned deed said with a verb is an intent or threat; a planned clash noun is not
        intends = fact == Factuality.PLANNED and (not nominal or code.startswith("04"))
        if intends:
            code = planned_code(code)
        if not intends:
            code = senses.protest_code(code, sources, targets, token.doc)
        verbal = code[:2] in ("18", "19") and senses.verbal_attack(token, sources)
        owned = code[:2] in senses.ASSAULT_ROOTS and senses.own_claim(token, index, sources)
        out = []
        for source, target, symmetric in pairs:
            if not distinct(source, target):
                continue
            if pattern.state_code is not None and context.states(source, target):
                code = planned_code(pattern.state_code) if intends else pattern.state_code
            if owned:
                code = "015"
            elif verbal:
                code = "111"
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
        # a negated or hypothetical event is stored but not counted: say which rule made it so
        held = "" if fact == Factuality.ASSERTED else f" ({fact.value}: {fact_reason})"
        return out, f"pattern {pattern.id} matched '{matched}'{held}"


def _dropped(candidate: Candidate, why: str) -> Attempt:
    """Return the attempt of an event coded at its trigger and then left out."""
    trigger = candidate.trigger
    pattern = candidate.pattern.id
    reason = f"dropped after coding ({candidate.source.code} {candidate.code} "
    reason += f"{candidate.target.code}): {why}"
    return Attempt(candidate.sentence_index, trigger.text, trigger.i, pattern, False, reason)


def planned_code(code: str) -> str:
    """Return the CAMEO code of planning an act: a planned visit is an intent to meet (036).

    Args:
        code: the code of the act itself ("042", "0841", "190").

    Returns:
        Its intent or threat code ("036", "0353", "1384"), or the code unchanged where CAMEO has
        none (a planned signing stays 057).
    """
    return next((to for prefix, to in PLANNED_CODES if code.startswith(prefix)), code)


def _by_bomb(token: Token) -> bool:
    """Return whether a killing's doer is a bomb or bomber ("killed by a suicide bomber")."""
    subject, passive = arguments.subject_of(token)
    doers = [] if subject is None or passive else [subject]
    doers += [g for c in token.children if c.dep_ == "agent" for g in c.children]
    if any(d.lemma_.lower() in BOMBING_DOERS for d in doers):
        return True
    # the parser may take the bomber's group for the subject ("a bomber from Islamic Jihad
    # killed"): a bomber before the verb in its own clause counts too, not a bombing ("after
    # the bombing, troops killed")
    return any(t.lemma_.lower() == "bomber" for t in token.subtree if t.i < token.i)


def _agreed(token: Token) -> bool:
    """Return whether a trigger is what its subjects agreed to do ("agreed to reopen")."""
    return token.dep_ == "xcomp" and token.head.lemma_ == "agree"


def _joint_intent(token: Token, pattern: Pattern) -> bool:
    """Return whether conjoined subjects commit to cooperate with each other ("vowed to work together")."""
    return pattern.code.startswith("03") and token.lemma_ in COMMISSIVE


def _force_on_thing(token: Token, pattern: Pattern, index: dict[int, ActorSpan]) -> bool:
    """Return whether force is aimed at a thing, not at each other ("vowed to fight drug trafficking")."""
    # "fought a war", "traded strikes": an object the pattern names is the force itself
    if pattern.objects or pattern.code[:2] not in ("18", "19", "20"):
        return False
    return any(
        c.dep_ == "dobj"
        and c.lemma_.lower() not in ("war", "battle", "skirmish", "duel", "clash", "fight")
        and arguments.mention_at(c, index) is None
        for c in token.children
    )


def _partner_phrase(token: Token, pattern: Pattern) -> bool:
    """Return whether a target preposition of the pattern names someone bilat did not resolve."""
    # a passive subject's phrase names its doers ("the pact between A and B was signed")
    anchors = [token, *(o for o in arguments.objects_of(token) if o.dep_ != "nsubjpass")]
    return any(
        c.dep_ == "prep"
        and c.lower_ in pattern.target
        and any(t.pos_ == "PROPN" for t in c.subtree)
        for a in anchors
        for c in a.children
    )


def _constraints(token: Token, pattern: Pattern) -> tuple[bool, str]:
    if pattern.not_objects:
        # "plans to meet a NATO request": the complement's object gives the sense too
        objects = arguments.objects_of(token)
        for comp in (c for c in token.children if c.dep_ == "xcomp"):
            objects.extend(arguments.objects_of(comp))
        if senses.named_as(objects, pattern.not_objects):
            return False, f"object gives another sense ({list(pattern.not_objects)[:4]})"
    if pattern.objects:
        loose = senses.loose_objects(token)
        objects = [o for o in arguments.objects_of(token) if o.i not in loose]
        if not senses.named_as(objects, pattern.objects):
            return False, f"object is not one of {list(pattern.objects)[:4]}"
        if not measures.own_object_named(token, objects, pattern.objects):
            return False, "the on-phrase names what the measure bears on, not the object"
    if pattern.particles:
        parts = {c.lower_ for c in token.children if c.dep_ in ("prt", "prep", "advmod")}
        if not parts & set(pattern.particles):
            return False, f"needs particle {list(pattern.particles)}"
    if pattern.complements:
        comps = [c for c in token.children if c.dep_ in ("xcomp", "ccomp", "acl", "advcl")]
        comps.extend(
            g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pcomp"
        )
        for obj in arguments.objects_of(token):
            comps.extend(c for c in obj.children if c.dep_ in ("acl", "prep", "relcl"))
            comps.extend(g for c in obj.children if c.dep_ == "prep" for g in c.children)
        chosen = [c for c in comps if c.lemma_.lower() in pattern.complements]
        if not chosen:
            return False, f"needs a complement among {list(pattern.complements)[:4]}"
        if pattern.complement_objects and not any(
            arguments.phrase_lemma(o) in pattern.complement_objects
            or o.lemma_.lower() in pattern.complement_objects
            for c in chosen
            for o in arguments.objects_of(c)
        ):
            return (
                False,
                f"complement's object is not one of {list(pattern.complement_objects)[:4]}",
            )
    if pattern.code == "041" and any(c.dep_ == "oprd" for c in token.children):
        return False, "an object predicate: 'called him a friend' names, it does not phone"
    if pattern.modifiers:
        mods = {c.lemma_.lower() for c in token.children if c.dep_ in ("amod", "compound", "nmod")}
        if not mods & set(pattern.modifiers):
            return False, f"needs a modifier among {list(pattern.modifiers)[:4]}"
    if pattern.future and not any(
        c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in token.children
    ):
        return False, "not in the future or a modal"
    if pattern.nouns and pattern.code[:2] in measures.MATERIAL_ROOTS and measures.undone(token):
        return False, f"its verb ({token.head.lemma_}) takes the measure away"
    if pattern.code.startswith("08") and measures.raised_to_a_level(token):
        return False, "lifted to a level: raised, not eased"
    if measures.generic_relative(token):
        return False, "a habit of a kind ('terrorists who kill'), not an event"
    if pattern.bare and _infinitive(token):
        return False, "followed by a to-infinitive"
    if pattern.infinitive and not _infinitive(token):
        return False, "needs a to-infinitive"
    if pattern.intransitive and any(c.dep_ in ("dobj", "dative") for c in token.children):
        return False, "has a direct object: carrying someone somewhere is not travelling"
    return True, ""


def _infinitive(token: Token) -> bool:
    """Return whether a verb or its objects govern a to-infinitive ("called on X to act")."""
    heads = [token, *arguments.objects_of(token)]
    return any(
        c.dep_ in ("xcomp", "advcl", "ccomp", "acl", "relcl")
        and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        for head in heads
        for c in head.children
    )


def _trigger_words(token: Token, pattern: Pattern) -> list[Token]:
    words = [token]
    if pattern.objects:
        words.extend(
            o
            for o in arguments.objects_of(token)
            if o.lemma_.lower() in pattern.objects or arguments.phrase_lemma(o) in pattern.objects
        )
    words.extend(
        c for c in token.children if c.dep_ in ("prt", "prep") and c.lower_ in pattern.target
    )
    return sorted(words[:4], key=lambda t: t.i)


def _reporter(token: Token, index: dict[int, ActorSpan], sources: list[ActorSpan]) -> Actor | None:
    head = token
    for _ in range(4):
        if head.dep_ != "ccomp" or head.head.i == head.i:
            head = head.head if head.dep_ in ("conj", "xcomp") else head
            if head.dep_ != "ccomp":
                return None
        head = head.head
        if head.lemma_ in SPEECH:
            subject, _passive = arguments.subject_of(head)
            found = arguments.mention_at(subject, index) if subject is not None else None
            if found and found.actor and all(found.actor != s.actor for s in sources):
                return found.actor
            return None
    return None


def event_id(
    doc_id: str, start: int, end: int, code: str, source: str, target: str, at: int
) -> str:
    """Return a stable event id: a hash of where it is and what it says."""
    raw = "|".join([doc_id, str(start), str(end), code, source, target, str(at)])
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20]
