"""Verb and noun patterns: a predicate with its arguments, mapped to a CAMEO code.

A pattern in ``verbs.yaml``::

    - id: 041-phone-call
      code: "041"
      verbs: [hold, have, make]        # lemma of the trigger verb
      objects: [call, phone call]      # the verb's object must be one of these
      target: [with, dobj]             # where the target is: slots tried in order
      symmetric: true

Slots: ``that`` (the subject of a clause the trigger governs: "demanded that India withdraw"),
``dobj`` (the object, or its possessor: "praised Pakistan's efforts"), ``dative`` (the
indirect object: "gave France $5 million"), a preposition
(``with``, ``to``, ``on``, ``against``, ``from``, ``between``…) on the trigger or on its object
noun, ``xcomp`` (an actor anywhere under a complement verb: "vowed to work closely with
Pakistan"), ``place`` (a country or capital the trigger happens in: "arrived in Beijing") and
``doer`` (who did the deed the object names: "condemned the terrorist attacks", "Israel's
strikes"; not "the killing of a minister", whose "of" is the victim) and ``clause`` (the subject
of the clause a nominal trigger sits in: "China is considering a request by Pakistan").
Nominal patterns (``nouns:``) take their source from a possessor, a "by" phrase, or the subject
of the clause they sit in.

Narrowing by argument type: ``source_kinds``/``target_kinds`` list the mention kinds a role
may have (``person``, ``title``, ``counterpart``, ``country``, ``org``…: "called on the army
chief" is a visit, "called on Pakistan" is not); ``bare: true`` refuses a trigger followed by a
to-infinitive ("called on X to resign" is an appeal) and ``infinitive: true`` needs one ("asked
Japan to help" is a request, "asked Japan about the plan" a question); ``intransitive: true`` refuses a trigger
with a direct object ("flew 100 refugees to Jordan" is transport, not a trip). ``rebuts: true`` lets a pattern with no
target in its sentence answer whoever accused its source within the last two sentences ("X
accused Y … Y denied the allegations"). ``exclusive: true`` stops a pattern whose constraints
hold but whose roles do not resolve from handing the trigger to a looser pattern ("condemned
the bombing" with no bomber named is not a condemnation of the victims). ``swap: true`` makes
the actor found in the target slot the source and the subject the target: "Pakistan received
a loan from China" is China's loan to Pakistan. ``own_doer: true`` takes a nominal trigger's
source only from the noun's own possessor, "by" phrase or modifier, never from the clause it
sits in: in "India condemned the attack on Pakistan" India is not the attacker.

``mutual: true`` makes conjoined subjects with no target do the deed to each other, one event
each way: "India and China traded accusations" is two accusations.

``not_objects`` lists objects that give the verb another sense and rule the pattern out: "fight
the fires", "host refugees", "bring down the government" (matched like ``objects``, also in a
prepositional phrase of the trigger: "battled to a draw").

``future: true`` needs the trigger in the future or a modal ("would face consequences" is a
warning, "had paid a heavy price" is not).

``complement_objects`` narrows a complement to the thing it acts on: "asked India to withdraw
its troops" is a demand for withdrawal, "told to withdraw its envoy" a recall ordered.

Agentless passives name their actor from context: ``passive_actor: own`` makes the passive
subject's own side the source ("Russia's ambassador was recalled from Washington": Russia
recalled him), ``passive_actor: host`` makes it the target and the source the speaker who
reports it or the country of the place it happened in ("the Indian envoy was summoned to the
foreign ministry in Dhaka"). ``speaker_source: true`` takes the source from the speech verb
that governs the trigger's clause and the target from the clause's subject: "Kabul said
Pakistan's decision was unacceptable" is Kabul's disapproval of Pakistan. ``state_code``
replaces the code when both sides act for states (a country, its government or forces):
"rebels attacked the army" is 180, "Russian troops attacked Kyiv" military force, 190.

Noun classes: a word list may name a class of ``noun_classes`` (``nouns.yaml``) in angle
brackets, ``objects: [<agreement>, ceasefire]``; the class's words take its place when the
patterns are loaded, so "sign", "reach" and "welcome" know the same agreements. An unknown
class is an error at its ``file:line``.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bilat.errors import KnowledgeError
from bilat.knowledge.loader import Problem, YamlLoader, _node_line, load_yaml

SLOTS = {"dobj", "doer", "xcomp", "place", "iobj", "attr", "any", "clause"}
WORD_FIELDS = (
    "verbs",
    "nouns",
    "objects",
    "particles",
    "complements",
    "complement_objects",
    "modifiers",
)
"""The fields of a pattern that list words, and so may name a noun class."""
CLASS_REF = re.compile(r"<([a-z][a-z0-9_]*)>")
NounClasses = tuple[tuple[str, tuple[str, ...]], ...]
"""Noun classes as the loader takes them: (name, words) pairs, hashable for its cache."""


class Pattern(BaseModel):
    """One verb or noun pattern."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[0-9]{2,4}-[a-z0-9-]+$")
    code: str = Field(pattern=r"^[0-9]{2,4}$")
    verbs: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()
    not_objects: tuple[str, ...] = ()
    particles: tuple[str, ...] = ()
    complements: tuple[str, ...] = ()
    complement_objects: tuple[str, ...] = ()
    modifiers: tuple[str, ...] = ()
    target: tuple[str, ...] = ("dobj",)
    symmetric: bool = False
    passive_source: bool = True
    swap: bool = False
    source_kinds: tuple[str, ...] = ()
    target_kinds: tuple[str, ...] = ()
    bare: bool = False
    infinitive: bool = False
    intransitive: bool = False
    rebuts: bool = False
    exclusive: bool = False
    own_doer: bool = False
    passive_actor: Literal["own", "host"] | None = None
    speaker_source: bool = False
    mutual: bool = False
    future: bool = False
    state_code: str | None = Field(default=None, pattern=r"^[0-9]{2,4}$")
    note: str | None = None

    @model_validator(mode="after")
    def _check(self) -> Pattern:
        if not self.verbs and not self.nouns:
            raise ValueError("a pattern needs verbs or nouns")
        if not self.id.startswith(self.code[:2]):
            raise ValueError(f"id {self.id!r} must start with its code's root {self.code[:2]}")
        for slot in self.target:
            if slot not in SLOTS and not slot.isalpha():
                raise ValueError(f"unknown target slot {slot!r}")
        return self

    @property
    def specificity(self) -> int:
        """Return how narrow the pattern is: constrained patterns beat bare verbs."""
        return (
            2 * bool(self.objects)
            + bool(self.particles)
            + bool(self.complements)
            + 2 * bool(self.complement_objects)
            + bool(self.modifiers)
            + bool(self.target_kinds or self.source_kinds)
            + self.intransitive
        )


@dataclass(frozen=True)
class PatternSet:
    """Patterns indexed by trigger lemma."""

    patterns: tuple[Pattern, ...]
    by_verb: dict[str, tuple[Pattern, ...]]
    by_noun: dict[str, tuple[Pattern, ...]]

    def for_verb(self, lemma: str) -> tuple[Pattern, ...]:
        """Return patterns whose trigger verb is this lemma."""
        return self.by_verb.get(lemma, ())

    def for_noun(self, lemma: str) -> tuple[Pattern, ...]:
        """Return patterns whose trigger noun is this lemma."""
        return self.by_noun.get(lemma, ())


def check_patterns(text: str, path: str, classes: Collection[str] | None = None) -> list[Problem]:
    """Return the problems in the ``verbs`` section of a YAML text.

    Args:
        text: the YAML text.
        path: its file, for messages.
        classes: the names of the noun classes a word list may name; None leaves references
            unchecked (a file checked alone may name classes another file defines).

    Returns:
        Each problem with its line.
    """
    root = yaml.compose(text, Loader=YamlLoader)
    data = load_yaml(text) or {}
    items = data.get("verbs") or []
    node: yaml.Node | None = None
    if isinstance(root, yaml.MappingNode):
        node = next((v for k, v in root.value if k.value == "verbs"), None)
    problems = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        item_node = node.value[index] if isinstance(node, yaml.SequenceNode) else root
        assert item_node is not None
        try:
            pattern = Pattern.model_validate(item)
        except ValidationError as exc:
            for err in exc.errors():
                loc = tuple(err["loc"])
                where = ".".join(str(p) for p in loc) or "pattern"
                problems.append(Problem(path, _node_line(item_node, loc), f"{where}: {err['msg']}"))
            continue
        for field, index, problem in _reference_problems(pattern, classes):
            problems.append(Problem(path, _node_line(item_node, (field, index)), problem))
        if pattern.id in seen:
            problems.append(
                Problem(path, item_node.start_mark.line + 1, f"duplicate pattern id {pattern.id!r}")
            )
        seen.add(pattern.id)
    return problems


def _reference_problems(
    pattern: Pattern, classes: Collection[str] | None
) -> Iterator[tuple[str, int, str]]:
    """Yield (field, index, message) for each word that misnames a noun class."""
    for field in WORD_FIELDS:
        for index, word in enumerate(getattr(pattern, field)):
            if "<" not in word and ">" not in word:
                continue
            found = CLASS_REF.fullmatch(word)
            if found is None:
                yield (
                    field,
                    index,
                    f"{field}.{index}: {word!r} is neither a word nor a noun class; "
                    "name a class as <name> in lower case, e.g. <agreement>",
                )
            elif classes is not None and found[1] not in classes:
                close = difflib.get_close_matches(found[1], sorted(classes), n=1)
                hint = f"did you mean <{close[0]}>?" if close else "define it in noun_classes"
                yield field, index, f"{field}.{index}: unknown noun class {word}; {hint}"


def expand_classes(pattern: Pattern, classes: dict[str, tuple[str, ...]]) -> Pattern:
    """Return a pattern whose word lists have each named noun class replaced by its words.

    Args:
        pattern: a validated pattern whose class names are all in ``classes``.
        classes: noun class name → words.

    Returns:
        The same pattern when it names no class; otherwise a copy with each list expanded in
        place, every word once.
    """
    update: dict[str, tuple[str, ...]] = {}
    for field in WORD_FIELDS:
        words: tuple[str, ...] = getattr(pattern, field)
        if not any(w.startswith("<") for w in words):
            continue
        expanded: dict[str, None] = {}
        for word in words:
            found = CLASS_REF.fullmatch(word)
            for member in classes[found[1]] if found else (word,):
                expanded[member] = None
        update[field] = tuple(expanded)
    return pattern.model_copy(update=update) if update else pattern


@functools.lru_cache(maxsize=8)
def load_patterns(
    paths: tuple[Path, ...],
    known_codes: frozenset[str],
    off: frozenset[str] = frozenset(),
    classes: NounClasses = (),
) -> PatternSet:
    """Load and index patterns from YAML files; later files override ids of earlier ones.

    Args:
        paths: YAML files with a ``verbs`` section.
        known_codes: the CAMEO codes a pattern may name.
        off: ids of patterns the user switched off (``patterns_off``); they are left out.
        classes: the noun classes (``Knowledge.noun_classes``) the patterns' word lists may
            name; each name is replaced by its words.

    Raises:
        KnowledgeError: a file is invalid, a pattern names an unknown code or noun class, or
            ``off`` names an id no file defines.
    """
    by_class = dict(classes)
    by_id: dict[str, Pattern] = {}
    for path in paths:
        text = path.read_text(encoding="utf-8")
        problems = check_patterns(text, str(path), by_class)
        if problems:
            raise KnowledgeError("\n".join(str(p) for p in problems), line=problems[0].line)
        for item in load_yaml(text).get("verbs") or []:
            pattern = Pattern.model_validate(item)
            if pattern.state_code is not None and pattern.state_code not in known_codes:
                raise KnowledgeError(
                    f"pattern {pattern.id!r} names unknown CAMEO state_code {pattern.state_code}",
                    file=str(path),
                )
            if pattern.code not in known_codes:
                raise KnowledgeError(
                    f"pattern {pattern.id!r} names unknown CAMEO code {pattern.code}",
                    file=str(path),
                )
            by_id[pattern.id] = expand_classes(pattern, by_class)
    unknown = sorted(off - set(by_id))
    if unknown:
        raise KnowledgeError(
            f"patterns_off names unknown pattern {unknown[0]!r}; use an id from "
            "`bilat patterns` (e.g. 042-visit) or remove it from your knowledge file"
        )
    patterns = tuple(p for p in by_id.values() if p.id not in off)
    return PatternSet(patterns, _index(patterns, "verbs"), _index(patterns, "nouns"))


def _index(patterns: Sequence[Pattern], field: str) -> dict[str, tuple[Pattern, ...]]:
    index: dict[str, list[Pattern]] = {}
    for pattern in patterns:
        for lemma in getattr(pattern, field):
            index.setdefault(lemma, []).append(pattern)
    return {k: tuple(sorted(v, key=lambda p: -p.specificity)) for k, v in index.items()}
