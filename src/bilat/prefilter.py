"""Send to the parser only the sentences that can hold an event; tokenize the rest.

Parsing is the cost of extraction. The coder codes an event only when a trigger word (a verb or
noun some pattern names) and two actors (or one "both sides" group) share a sentence, so a
cheap first pass — the tokenizer, the actor gazetteer and a lemma screen — finds the sentences
that cannot hold one. The text is cut into the same rule-based sentences
:func:`bilat.nlp.parse_many` parses one by one (:func:`bilat.nlp.pipeline.sentence_pieces`), so
a paragraph with one candidate sentence parses that sentence only, and the candidates go through
the full pipeline exactly as without the screen: the events found in them do not change. The
other sentences get no tags, parse or entities.

    >>> screen = Prefilter(nlp, gazetteer, patterns)
    >>> docs = list(screen.parse_many(["Pakistan condemned India.\\n", "Markets fell.\\n"]))
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import cast

import numpy
from spacy.attrs import DEP, HEAD, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Token
from thinc.types import Ints2d

from bilat.actors.gazetteer import Gazetteer, Piece
from bilat.actors.mention import piece_kind
from bilat.actors.names import short_names
from bilat.actors.resolve import COLLECTIVE_PRONOUNS, JOINERS, PRONOUNS, may_join
from bilat.events.patterns import PatternSet
from bilat.events.phrases import is_phrase, phrase_words
from bilat.knowledge.schema import ActorRules
from bilat.nlp import sentence_pieces

# The collective pronouns that may stand for an actor; "its"/"their" possess a noun that is a
# mention itself when it acts ("its envoy"), so they do not count.
_COLLECTIVE = COLLECTIVE_PRONOUNS - {"its", "their"}
# Stands in a sentence's words for an actor phrase that may name a person (no word has a space).
_PERSON = " person"
# Mention kinds that only a person or an office holder has.
_PERSON_KINDS = frozenset({"person", "title", "counterpart"})
# The longest verbless sentence extraction joins to the one before it ("General Y.").
FRAGMENT_WORDS = 6
# The lemmatizer's part-of-speech tables that can turn a word form into a pattern's lemma.
_TRIGGER_POS = ("verb", "noun", "adj")


@dataclass(frozen=True)
class Screen:
    """What the first pass saw in one sentence: trigger words and actor-like mentions."""

    triggers: int
    actors: int
    group: bool
    rebuts: bool = False
    referring: int = 0
    """How many of the actors may take an earlier one: pronouns, bare surnames, bare titles."""
    titles: int = field(default=0, compare=False)
    """How many of them hold a title ("the ex-minister"), which may name anyone named before.

    A bare sector ("the rebels") takes its country from the document's actor phrases, which
    the screen sees without the parse; only a title may take a person the parse names."""

    @property
    def candidate(self) -> bool:
        """Return True when the sentence can hold an event (a trigger and two parties).

        A denial ("X rejected the charges") may take its target from an earlier sentence, and
        force its target from a place ("struck hideouts in Khost"), so one actor is enough
        next to a trigger of a rebutting or a use-of-force pattern.
        """
        if self.triggers == 0:
            return False
        return self.actors >= 2 or self.group or (self.rebuts and self.actors >= 1)


@dataclass
class PrefilterStats:
    """Sentences and words seen by the first pass, and how many of them went to the parser."""

    sentences: int = 0
    parsed_sentences: int = 0
    words: int = 0
    parsed_words: int = 0

    @property
    def parsed_share(self) -> float:
        """Return the share of words that went through the full pipeline."""
        return self.parsed_words / self.words if self.words else 0.0


class Prefilter:
    """A cheap screen in front of the full spaCy pipeline, sentence by sentence."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer, patterns: PatternSet) -> None:
        self.nlp = nlp
        self.gazetteer = gazetteer
        self.stats = PrefilterStats()
        self._sentencizer = Sentencizer()
        self._root = nlp.vocab.strings.add("ROOT")
        self._dep = nlp.vocab.strings.add("dep")
        rules: dict[str, list[tuple[str, str]]] = {}
        exceptions: dict[str, dict[str, list[str]]] = {}
        if "lemmatizer" in nlp.component_names:
            lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
            if lookups.has_table("lemma_rules"):
                table = lookups.get_table("lemma_rules")
                rules = {pos: [tuple(r) for r in table.get(pos, [])] for pos in _TRIGGER_POS}
            if lookups.has_table("lemma_exc"):
                table = lookups.get_table("lemma_exc")
                exceptions = {pos: dict(table.get(pos, {})) for pos in _TRIGGER_POS}
        self._rules = rules
        self._exceptions = exceptions
        actor_rules = gazetteer.knowledge.actor_rules
        self._collective_nouns = (
            actor_rules.country_nouns
            | actor_rules.regional_state_nouns
            | actor_rules.organisation_nouns.keys()
            | actor_rules.organ_nouns
            | actor_rules.armed_group_nouns
            | actor_rules.compass_states.keys()
        )
        self._lemmas = functools.lru_cache(maxsize=65536)(self._possible_lemmas)
        self._needs = _requirements(patterns)
        self.trigger_lemmas = frozenset(self._needs)
        lemmas = [lemma for p in patterns.patterns for lemma in p.verbs + p.nouns]
        self._phrases = frozenset(lemma for lemma in lemmas if is_phrase(lemma))
        self._words = frozenset(lemma for lemma in lemmas if not is_phrase(lemma))

    def _may_name_collective(self, word: str) -> bool:
        return word in self._collective_nouns

    def _possible_lemmas(self, word: str) -> frozenset[str]:
        """Return every lemma the lemmatizer could give this word form as a verb or noun."""
        found = {word}
        for pos in _TRIGGER_POS:
            found.update(self._exceptions.get(pos, {}).get(word, ()))
            for old, new in self._rules.get(pos, ()):
                if word.endswith(old):
                    found.add(word[: len(word) - len(old)] + new)
        return frozenset(found)

    def is_trigger_form(self, word: str) -> bool:
        """Return True when some lemma this (lower-case) word form may have is a trigger.

        A multi-word trigger ("sit-in") counts whole; its last word ("in") alone does not.
        """
        return word in self._phrases or bool(self._lemmas(word) & self._words)

    def screen(
        self,
        doc: Doc,
        names: frozenset[str] | set[str] = frozenset(),
        pieces: list[Piece] | None = None,
        *,
        antecedent: bool = True,
        person: bool = True,
    ) -> Screen:
        """Return what the first pass finds in a tokenized (unparsed) sentence.

        A trigger word counts only when one of its patterns could match: the particles,
        objects, complements and modifiers the pattern needs are words of the sentence.

        Args:
            doc: the sentence (or any text), tokenized only.
            names: lower-case surnames the document's earlier sentences gave to actors
                (:meth:`names_in`); a bare "Stromberg" may resolve to one of them.
            pieces: the sentence's gazetteer pieces, when the caller has them already.
            antecedent: whether the sentence before names something "it" or "they" may
                stand for (:meth:`names_collective`).
            person: whether an earlier sentence of the document names someone "he" or "she"
                may stand for (:meth:`names_person`).

        Returns:
            Counts of live trigger words and actor-like mentions (gazetteer phrases joined as
            the resolver joins them, known surnames, pronouns).
        """
        if pieces is None:
            pieces = self.gazetteer.pieces(doc)
        lemmas = [self._lemmas(t.lower_) for t in doc]
        line: set[str] = set().union(*lemmas) if lemmas else set()
        if any(self._may_name_person(doc, p) for p in pieces):
            line.add(_PERSON)
        triggers = 0
        rebuts = False
        for forms in lemmas:
            live = [
                rebut
                for lemma in forms & self.trigger_lemmas
                for needs, rebut in self._needs[lemma]
                if all(need & line for need in needs)
            ]
            if live:
                triggers += 1
                rebuts = rebuts or any(live)
        if not triggers:
            return Screen(0, 0, False)
        covered = {i for p in pieces for i in range(p.start, p.end)}
        # "it" and "they" stand for a state or organisation named in their sentence or the one
        # before (the resolver looks no further); with none there, they name no one
        collective = antecedent
        # "he" and "she" stand for a person or an office holder named before them, or no one
        named = min((p.start for p in pieces if self._may_name_person(doc, p)), default=len(doc))
        pronouns = 0
        for t in doc:
            if not collective and (t.i in covered or self._may_name_collective(t.lower_)):
                collective = True
            if t.i in covered:
                continue
            if t.lower_ in _COLLECTIVE:
                pronouns += collective
            elif t.lower_ in PRONOUNS:
                pronouns += person or named < t.i
            elif t.lower_ in names and t.text[:1].isupper():
                pronouns += 1
        group = any(e.kind == "group" for p in pieces for e in p.entries)
        mentions, unowned, titles = _mentions(doc, pieces, self.gazetteer.knowledge.actor_rules)
        return Screen(triggers, mentions + pronouns, group, rebuts, pronouns + unowned, titles)

    def names_collective(self, doc: Doc, pieces: list[Piece]) -> bool:
        """Return whether a sentence may name a state or organisation "it" or "they" stands for.

        Any actor phrase counts, and any word from which the resolver makes one without a
        phrase of the gazetteer ("the country", "the board", "the group", "the North").
        """
        return bool(pieces) or any(self._may_name_collective(t.lower_) for t in doc)

    def names_person(self, doc: Doc, pieces: list[Piece]) -> bool:
        """Return whether a sentence may name someone "he" or "she" stands for.

        The resolver gives a pronoun the person or office holder of an earlier mention: a
        known person, a title, or an organisation's chief ("the UN chief").
        """
        return any(self._may_name_person(doc, p) for p in pieces)

    def _may_name_person(self, doc: Doc, piece: Piece) -> bool:
        if any(e.kind in ("person", "title") for e in piece.entries):
            return True
        chief = self.gazetteer.knowledge.actor_rules.organisation_chief_words
        return (
            any(e.kind == "org" for e in piece.entries)
            and piece.end < len(doc)
            and doc[piece.end].lower_ in chief
        )

    def introduces(self, doc: Doc, pieces: list[Piece] | None = None) -> bool:
        """Return whether a known person may be introduced by a title bilat does not know.

        "Foreign Affairs Adviser Touhid Hossain": capitalized words before a known name vote
        for the article's home country when the parse tags them as nouns, not places or
        dates (:func:`bilat.actors.home.home_country`), and the home country decides whose
        official an untitled office is in every event of the article. Such a sentence is
        parsed even when it holds no event. ``pieces``: the sentence's gazetteer pieces, when
        the caller has them already.
        """
        for piece in self.gazetteer.pieces(doc) if pieces is None else pieces:
            if not any(e.kind == "person" for e in piece.entries):
                continue
            run = 0
            i = piece.start - 1
            while i >= 0 and doc[i].is_alpha and doc[i].text[:1].isupper():
                run += 1
                i -= 1
            # one capitalized word opening the sentence does not count (as in home_country)
            if run > 1 or (run == 1 and i >= 0):
                return True
        return False

    def names_in(self, doc: Doc, pieces: list[Piece] | None = None) -> set[str]:
        """Return the surnames a later bare name may take its actor from, in lower case.

        The resolver links a bare name to an earlier actor whose name ends with it (or, of
        three words or more, begins with it): a known person ("Ishaq Dar", "Kim Jong Un"),
        or a phrase ending in capitalized words that follow an actor piece ("UNHCR spokesman
        Paul Stromberg", "the army chief, General Asim Munir"). ``pieces``: the sentence's
        gazetteer pieces, when the caller has them already.
        """
        people = self.gazetteer.knowledge.people
        rules = self.gazetteer.knowledge.actor_rules
        found: set[str] = set()
        for piece in self.gazetteer.pieces(doc) if pieces is None else pieces:
            for entry in piece.entries:
                person = people.get(entry.key) if entry.kind == "person" else None
                if person is not None:
                    # the resolver's short forms: "Dar", "Kim" for "Kim Jong Un", "Hu"
                    found.update(short_names(person, rules) or person.name.lower().split())
            found.update(t.lower_ for t in _name_after(doc, piece))
        return found

    def names_unknown(self, doc: Doc, pieces: list[Piece] | None = None) -> bool:
        """Return whether capitalized words follow an actor phrase, naming someone unknown.

        "French development aid minister Michel Roussin": the name is found by the parse's
        entities only, and a later "the ex-minister" may refer to it. ``pieces``: the
        sentence's gazetteer pieces, when the caller has them already.
        """
        people = self.gazetteer.knowledge.people
        return any(
            _name_after(doc, piece)
            for piece in (self.gazetteer.pieces(doc) if pieces is None else pieces)
            if not any(e.kind == "person" and e.key in people for e in piece.entries)
        )

    def choose(self, lines: list[list[Doc]]) -> list[list[bool]]:
        """Return, for each sentence of a text, whether the parser must see it.

        Args:
            lines: the text's lines, each as its tokenized rule-based sentences
                (:func:`bilat.nlp.sentence_pieces`).

        Returns:
            One list per line, True for each sentence to parse: the candidates and the
            sentences their references, fragments and introductions need.
        """
        names: set[str] = set()
        chosen = [[False] * len(line) for line in lines]
        # sentences of earlier lines that name someone only the parse can resolve: a name the
        # knowledge lacks, or a bare surname of one ("Roussin said …")
        naming: list[tuple[int, int]] = []
        before = person = False
        for li, line in enumerate(lines):
            line_pieces = [self.gazetteer.pieces(doc) for doc in line]
            for index, doc in enumerate(line):
                actors = line_pieces[index]
                screen = self.screen(doc, names, actors, antecedent=before, person=person)
                if any(not t.is_space for t in doc):
                    before = self.names_collective(doc, actors)
                person = person or self.names_person(doc, actors)
                if self.introduces(doc, actors):
                    chosen[li][index] = True
                if screen.candidate:
                    chosen[li][index] = True
                    if screen.referring:
                        # A pronoun's or a bare title's antecedent is chosen from the names
                        # the parse finds before it: the line's earlier sentences are parsed
                        # too; a bare title's, also those of earlier lines that name someone
                        # only the parse resolves.
                        chosen[li][:index] = [True] * index
                    if screen.titles and naming:
                        nli, nindex = naming[-1]
                        chosen[nli][nindex] = True
                    if index + 1 < len(line) and _may_be_fragment(line[index + 1]):
                        # A verbless fragment after a sentence belongs to it (extract's
                        # _fragment_end): whether it has a verb takes its parse.
                        chosen[li][index + 1] = True
                names |= self.names_in(doc, actors)
            for index, doc in enumerate(line):
                if not chosen[li][index] and (
                    self.names_unknown(doc, line_pieces[index])
                    or any(t.lower_ in names for t in doc)
                ):
                    naming.append((li, index))
        return chosen

    def parse_many(self, texts: Iterable[str], *, batch_size: int = 64) -> Iterator[Doc]:
        """Parse the candidate sentences of each text; yield one joined ``Doc`` per text.

        Args:
            texts: the documents' texts.
            batch_size: sentences per ``nlp.pipe`` batch.

        Returns:
            One ``Doc`` per text, in order, whose offsets are those of the text; only candidates
            carry tags, a dependency parse and entities.
        """
        # Each pending text is a list of sentence Docs; None marks one still being parsed.
        pending: list[list[Doc | None]] = []

        def to_parse() -> Iterator[Doc]:
            for text in texts:
                pieces: list[Doc | None] = []
                candidates: list[Doc] = []
                lines = list(sentence_pieces(self.nlp, text))
                chosen = self.choose(lines)
                for line, picks in zip(lines, chosen, strict=True):
                    for doc, parse in zip(line, picks, strict=True):
                        words = sum(1 for t in doc if not t.is_space)
                        self.stats.sentences += 1
                        self.stats.words += words
                        if parse:
                            self.stats.parsed_sentences += 1
                            self.stats.parsed_words += words
                            pieces.append(None)
                            candidates.append(doc)
                        else:
                            pieces.append(self._shallow(doc))
                # A text is queued whole before its sentences are parsed, so a parsed one that
                # comes back early is never joined to a text still being screened.
                pending.append(pieces)
                yield from candidates

        parsed: list[Doc] = []

        def ready() -> Iterator[Doc]:
            while pending and sum(1 for d in pending[0] if d is None) <= len(parsed):
                done = pending.pop(0)
                joined = [d if d is not None else parsed.pop(0) for d in done]
                yield _join(joined)

        for doc in self.nlp.pipe(to_parse(), batch_size=batch_size):
            parsed.append(doc)
            yield from ready()
        yield from ready()

    def _shallow(self, doc: Doc) -> Doc:
        """Give an unparsed sentence a boundary and a flat tree."""
        self._sentencizer(doc)
        for token in doc[1:]:
            # As the parser does, a sentence's closing whitespace stays with it.
            if token.is_space:
                token.is_sent_start = False
        if not len(doc):
            return doc
        # HEAD is stored as an offset to the head: each token points at its sentence's first
        # token, which is the root. Computed on arrays: a loop over Token objects cost more
        # than the screen itself.
        starts = doc.to_array(SENT_START) == 1
        starts[0] = True
        positions = numpy.arange(len(doc), dtype="int64")
        first = numpy.maximum.accumulate(numpy.where(starts, positions, 0))
        heads = numpy.empty((len(doc), 2), dtype="uint64")
        heads[:, 0] = (first - positions).astype("uint64")
        heads[:, 1] = numpy.where(starts, self._root, self._dep)
        doc.from_array([HEAD, DEP], cast(Ints2d, heads))
        return doc


def _name_after(doc: Doc, piece: Piece) -> list[Token]:
    """Return the capitalized words right after an actor piece, past one joiner or comma.

    "UNHCR spokesman Paul Stromberg", "the army chief, General Asim Munir": the words a
    later bare name may repeat.
    """
    i = piece.end
    if i < len(doc) and (doc[i].lower_ in JOINERS or doc[i].text == ","):
        i += 1
    words: list[Token] = []
    while i < len(doc) and doc[i].is_alpha and doc[i].text[:1].isupper():
        words.append(doc[i])
        i += 1
    return words


def _may_be_fragment(doc: Doc) -> bool:
    """Return whether a sentence may be a fragment of the one before: short and capitalized."""
    words = [t for t in doc if not t.is_punct and not t.is_space]
    return 0 < len(words) <= FRAGMENT_WORDS and words[0].text[:1].isupper()


# Mentions made of these kinds alone may take their actor from an earlier one ("the President").
_UNOWNED = frozenset({"title", "sector"})


def _mentions(doc: Doc, pieces: list[Piece], rules: ActorRules) -> tuple[int, int, int]:
    """Count the mentions the pieces of a sentence make, joined as the resolver joins them.

    "Pakistani army" or "Chinese Foreign Minister Wang Yi" is one actor, not two or three.
    Joins the resolver decides from the parse ("and", commas) are not made here, so the count
    is never below the resolver's.

    Returns:
        The mentions; how many of them are titles or sectors alone, which may take their actor
        from an earlier mention; and how many of those hold a title, which may take a person
        only the parse names.
    """
    groups: list[set[str]] = []
    end = 0
    for piece in pieces:
        kind = piece_kind(piece)
        words = [t.lower_ for t in doc[end : piece.start]]
        if groups and may_join(words, groups[-1], kind, rules):
            groups[-1].add(kind)
        else:
            groups.append({kind})
        end = piece.end
    unowned = [kinds for kinds in groups if kinds <= _UNOWNED]
    return len(groups), len(unowned), sum(1 for kinds in unowned if "title" in kinds)


def _join(docs: list[Doc]) -> Doc:
    if len(docs) == 1:
        return docs[0]
    # Tokenized-only sentences have no tensor; the parsed ones' tensors are not used downstream.
    # spaCy's stub for from_docs lacks the exclude parameter its code has had since 3.3.
    return Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])  # type: ignore[call-arg]


Needs = tuple[tuple[frozenset[str], ...], bool]


def _requirements(patterns: PatternSet) -> dict[str, list[Needs]]:
    """Map each trigger lemma to its patterns' word requirements and whether they rebut.

    A requirement is a set of lemmas of which one must be in the sentence: the pattern's particles,
    the head words of its objects, its complements or its modifiers; or an actor phrase that may
    name a person (``_PERSON``), when the pattern takes only people for one of its roles.
    """
    needs: dict[str, list[Needs]] = {}
    for pattern in patterns.patterns:
        # a denial answers an earlier accuser, and force may land in a named place that is no
        # actor ("struck hideouts in Khost"): one actor in the sentence can be enough for either
        lone = pattern.rebuts or pattern.code.startswith("19")
        # a role only a person or an office holder may fill ("X was in Beijing": 042 of a
        # visitor) needs an actor phrase that may name one in the sentence
        people = any(
            kinds and set(kinds) <= _PERSON_KINDS
            for kinds in (pattern.source_kinds, pattern.target_kinds)
        )
        sets = tuple(
            frozenset(w for phrase in group for w in phrase.replace("-", " ").split()[-1:])
            for group in (
                pattern.objects,
                pattern.particles,
                pattern.complements,
                pattern.modifiers,
            )
            if group
        ) + ((frozenset([_PERSON]),) if people else ())
        for lemma in pattern.verbs + pattern.nouns:
            words = [w for w in phrase_words(lemma) if w != "-"]
            if len(words) == 1:
                needs.setdefault(lemma, []).append((sets, lone))
                continue
            # The coder finds a multi-word trigger ("phone call", "cease-fire", split by the
            # tokenizer) at its last word; the other words are needed in the line too, or
            # "sit-in" and "build-up" would make every line with "in" or "up" a candidate.
            others = tuple(frozenset([w]) for w in words[:-1])
            needs.setdefault(words[-1], []).append((sets + others, lone))
    return needs
