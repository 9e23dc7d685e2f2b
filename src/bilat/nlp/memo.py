"""The attribute ruler and the rule lemmatizer, memoized token by token.

After the tagger and the parser, en_core_web_sm's ``attribute_ruler`` maps each token's text,
tag and dependency label to its coarse POS and morphology (and a few lemmas), and the rule
``lemmatizer`` derives the lemma from the text, POS and morphology. Both are deterministic
functions of what they read, yet together they cost about a fifth of the parse, spent token by
token in Python. :class:`TokenMemo` stands in for both: it remembers, per process, what the real
components wrote on a token, keyed by everything that could have decided it, and runs the real
components only for tokens whose key it has not seen.

A ruler pattern writes one token of its match (its ``index``), so what the two components
write on a token depends only on the matches that write it, and on the token itself. The key
holds:

- the token's text (which fixes ``LOWER`` and ``IS_SPACE``), tag, and POS, morphology and lemma
  as they stand before the ruler (empty after the tagger, but the key does not rely on it);
- instead of its dependency label, the answers of every ``DEP`` condition of the patterns on
  that label (the label itself when a condition is not a plain value or ``IN``/``NOT_IN``
  list); a pattern that rewrites the label says so in the value, which then holds the new one;
- for a token that a two-token pattern may write as its first (second) token, the text, tag
  and label answers of the token after (before) it, or the piece's end. "May" is decided
  conservatively: a token is ruled out only when a plain value, an ``IN``/``NOT_IN`` list or
  a ``REGEX`` of an attribute the key holds refutes the pattern's condition.

Unseen tokens are annotated by the real components on one scratch ``Doc`` per batch, each
with the neighbours its key holds; a token that may pair with a neighbour it has none of (the
piece's edge) gets a barrier token there that no two-token pattern can match. A ruler whose
patterns read other attributes, span more than two tokens or use operators is never memoized:
the component then runs both components as they are.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, cast

import numpy
from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from thinc.types import Ints2d

FACTORY = "bilat_token_memo"
_READ = [ORTH, TAG, DEP, POS, MORPH, LEMMA]
_WRITE = [TAG, POS, MORPH, LEMMA]
_SCRATCH = [TAG, DEP, POS, MORPH, LEMMA]
_ALLOWED = {"ORTH", "TEXT", "LOWER", "IS_SPACE", "TAG", "DEP"}
# (text, tag, label) of a barrier token; the first that no two-token pattern can match is used
_BARRIERS = ((",", ",", "punct"), (".", ".", "punct"), ("\n", "_SP", "dep"))
# a memo this large is dropped and started again (a few hundred thousand keys is a big corpus)
_LIMIT = 2_000_000

Row = tuple[int, ...]  # orth, tag, label (or its answers), pos, morph, lemma
Near = tuple[int, ...]  # orth, tag, label (or its answers) of a neighbour
Key = Row | tuple[Row, Near | None, Near | None]
Value = tuple[int, int, int, int, int]  # tag, pos, morph, lemma, new label (0: unchanged)


class TokenMemo:
    """Stand in for ``attribute_ruler`` + ``lemmatizer`` with a per-process memo per token.

    Example::

        nlp.add_pipe("bilat_token_memo", after="lemmatizer")
        nlp.disable_pipe("attribute_ruler")
        nlp.disable_pipe("lemmatizer")
    """

    def __init__(self, nlp: Language, name: str = FACTORY) -> None:
        self.name = name
        self.vocab = nlp.vocab
        ruler = nlp.get_pipe("attribute_ruler")
        lemmatizer = nlp.get_pipe("lemmatizer")
        if not isinstance(ruler, AttributeRuler) or not isinstance(lemmatizer, Lemmatizer):
            raise TypeError("bilat_token_memo needs spaCy's AttributeRuler and Lemmatizer")
        self.ruler = ruler
        self.lemmatizer = lemmatizer
        self.hits = 0
        self.misses = 0
        self._memo: dict[Key, Value] = {}
        self._shapes: dict[tuple[int, int], tuple[bool, bool, bool]] = {}
        self._answers: dict[tuple[bool, ...], int] = {}
        self._answer_of: dict[int, int] = {}
        self._example: dict[int, int] = {}
        self._rules = _Rules(ruler.patterns)
        strings = self.vocab.strings
        barrier = next(
            (
                b
                for b in _BARRIERS
                if not any(self._shape(strings.add(b[0]), strings.add(b[1]))[:2])
            ),
            None,
        )
        self.exact = self._rules.exact and barrier is not None
        self._barrier = barrier or _BARRIERS[0]

    def __call__(self, doc: Doc) -> Doc:
        """Set each token's POS, morphology and lemma (and the ruler's tag or label changes)."""
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Annotate documents in batches; the unseen tokens of a batch share one scratch doc."""
        stream = iter(docs)
        while batch := list(itertools.islice(stream, batch_size)):
            if not self.exact:
                for doc in batch:
                    yield self.lemmatizer(self.ruler(doc))
                continue
            keys = [self.match(doc) for doc in batch]
            if len(self._memo) > _LIMIT:
                self._memo.clear()
            unseen = list(dict.fromkeys(k for ks in keys for k in ks if k not in self._memo))
            self.misses += len(unseen)
            self.hits += sum(map(len, keys)) - len(unseen)
            if unseen:
                self._learn(unseen)
            for doc, doc_keys in zip(batch, keys, strict=True):
                self.set_annotations(doc, [self._memo[key] for key in doc_keys])
                yield doc

    def match(self, doc: Doc) -> list[Key]:
        """Return each token's memo key: its own row, with the neighbours a pattern may read."""
        shapes, answer_of = self._shapes, self._answer_of
        rows: list[Row] = []
        kinds: list[tuple[bool, bool, bool]] = []
        for orth, tag, dep, pos, morph, lemma in doc.to_array(_READ).tolist():
            shape = shapes.get((orth, tag))
            if shape is None:
                shape = self._shape(orth, tag)
            kinds.append(shape)
            if not shape[2]:
                answer = answer_of.get(dep)
                dep = self._answer(dep) if answer is None else answer
            rows.append((orth, tag, dep, pos, morph, lemma))
        last = len(rows) - 1
        keys: list[Key] = []
        for i, (row, shape) in enumerate(zip(rows, kinds, strict=True)):
            if shape[0] or shape[1]:
                after = rows[i + 1][:3] if shape[0] and i < last else None
                before = rows[i - 1][:3] if shape[1] and i > 0 else None
                keys.append((row, before, after))
            else:
                keys.append(row)
        return keys

    def set_annotations(self, doc: Doc, values: list[Value]) -> None:
        """Write the remembered tag, POS, morphology and lemma, and any new label."""
        table = numpy.array([v[:4] for v in values], dtype=numpy.uint64)
        doc.from_array(_WRITE, cast(Ints2d, table))
        for i, value in enumerate(values):
            if value[4]:
                doc[i].dep = value[4]

    def _answer(self, dep: int) -> int:
        """A small number for the label's answers to every label condition of the patterns."""
        label = self.vocab.strings[dep] if dep else ""
        answers = tuple(condition(label) for condition in self._rules.label_conditions)
        number = self._answers.setdefault(answers, len(self._answers))
        self._example.setdefault(number, dep)
        self._answer_of[dep] = number
        return number

    def _label(self, orth: int, tag: int, label: int) -> int:
        """A label that answers every condition as the key's label does."""
        return label if self._shapes[orth, tag][2] else self._example[label]

    def _learn(self, keys: list[Key]) -> None:
        """Run the real components on the unseen keys' tokens and remember what they wrote."""
        strings = self.vocab.strings
        text, tag, label = self._barrier
        fence = (strings.add(text), strings.add(tag), strings.add(label), 0, 0, 0)
        rows: list[Row] = []
        places: list[int] = []
        for key in keys:
            if isinstance(key[0], tuple):
                row, before, after = key[0], key[1], key[2]
                shape = self._shapes[row[0], row[1]]
                if shape[1]:
                    rows.append(fence if before is None else self._near(before))
                places.append(len(rows))
                rows.append(self._near(row))
                if shape[0]:
                    rows.append(fence if after is None else self._near(after))
            else:
                places.append(len(rows))
                rows.append(self._near(key))
        scratch = Doc(self.vocab, words=[strings[r[0]] for r in rows])
        table = numpy.array([r[1:] for r in rows], dtype=numpy.uint64)
        scratch.from_array(_SCRATCH, cast(Ints2d, table))
        self.lemmatizer(self.ruler(scratch))
        written = scratch.to_array(_SCRATCH).tolist()
        for key, place in zip(keys, places, strict=True):
            new_tag, new_dep, pos, morph, lemma = written[place]
            changed = new_dep if new_dep != rows[place][2] else 0
            self._memo[key] = (new_tag, pos, morph, lemma, changed)

    def _near(self, row: tuple[int, ...]) -> Row:
        """A scratch row: the key's label turned back into a label with the same answers."""
        orth, tag = row[0], row[1]
        rest = row[3:] if len(row) == 6 else (0, 0, 0)
        return (orth, tag, self._label(orth, tag, row[2]), *rest)

    def _shape(self, orth: int, tag: int) -> tuple[bool, bool, bool]:
        """Whether a two-token pattern may write this token as its first token, as its second,
        and whether a pattern that sets labels may write it (its label is then kept whole)."""
        strings = self.vocab.strings
        lexeme = self.vocab[orth]
        values: dict[str, object] = {
            "ORTH": lexeme.orth_,
            "TEXT": lexeme.orth_,
            "LOWER": lexeme.lower_,
            "IS_SPACE": lexeme.is_space,
            "TAG": strings[tag] if tag else "",
        }
        rules = self._rules
        shape = (
            any(_may_match(spec, values) for spec in rules.written_first),
            any(_may_match(spec, values) for spec in rules.written_second),
            not rules.pooled or any(_may_match(spec, values) for spec in rules.label_setters),
        )
        self._shapes[orth, tag] = shape
        return shape


class _Rules:
    """What the memo needs to know of the ruler's patterns."""

    def __init__(self, patterns: list[dict[str, Any]]) -> None:
        self.exact = True
        self.written_first: list[dict[str, Any]] = []
        self.written_second: list[dict[str, Any]] = []
        self.label_setters: list[dict[str, Any]] = []
        conditions: dict[str, Any] = {}
        for entry in patterns:
            for pattern in entry["patterns"]:
                if not 1 <= len(pattern) <= 2 or not all(
                    isinstance(spec, dict) and set(spec) <= _ALLOWED for spec in pattern
                ):
                    self.exact = False
                    continue
                for spec in pattern:
                    if "DEP" in spec:
                        conditions[repr(spec["DEP"])] = spec["DEP"]
                written = entry.get("index", 0) % len(pattern)
                if len(pattern) == 2:
                    side = self.written_first if written == 0 else self.written_second
                    side.append(pattern[written])
                if "DEP" in entry["attrs"]:
                    self.label_setters.append(pattern[written])
        # labels are pooled by their answers when every condition is a value or a list
        self.pooled = all(_is_plain(c) for c in conditions.values())
        self.label_conditions = [_condition(c) for c in conditions.values()]


def _is_plain(condition: Any) -> bool:
    if isinstance(condition, str):
        return True
    return (
        isinstance(condition, dict)
        and set(condition) <= {"IN", "NOT_IN"}
        and all(
            isinstance(v, list) and all(isinstance(x, str) for x in v) for v in condition.values()
        )
    )


def _condition(condition: Any) -> Callable[[str], bool]:
    if isinstance(condition, str):
        return lambda label: label == condition
    if not _is_plain(condition):
        return lambda label: False
    return lambda label: all(
        (label in values) == (name == "IN") for name, values in condition.items()
    )


def _may_match(spec: dict[str, Any], values: dict[str, object]) -> bool:
    """False only when a condition on the token's text or tag certainly fails."""
    for attr, wanted in spec.items():
        if attr not in values:
            continue
        value = values[attr]
        if isinstance(wanted, dict):
            for name, argument in wanted.items():
                if name == "IN" and value not in argument:
                    return False
                if name == "NOT_IN" and value in argument:
                    return False
                if name == "REGEX" and not re.search(argument, str(value)):
                    return False
        elif isinstance(wanted, bool) or isinstance(value, bool):
            if bool(wanted) != bool(value):
                return False
        elif wanted != value:
            return False
    return True


@Language.factory(FACTORY)
def make_token_memo(nlp: Language, name: str) -> TokenMemo:
    """Create the memo over the pipeline's own ``attribute_ruler`` and ``lemmatizer``."""
    return TokenMemo(nlp, name)
