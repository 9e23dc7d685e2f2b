"""Find the words that name actors: countries, capitals, organisations, people, titles, sectors.

The gazetteer, not the statistical NER, decides known actors: en_core_web_sm labels a bare
surname PERSON in one sentence and GPE, ORG or nothing in the next. Phrases are matched on lower case,
then filtered by case: proper names must start with a capital, and all-capital abbreviations
("US", "UN", "FM", "WHO") must match exactly, so "us" and "who" never become actors.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy.about
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from bilat.knowledge import Knowledge
from bilat.knowledge.schema import ActorRules

# the sections the phrases come from (the actor rules name the shared surnames)
ACTOR_SECTIONS = (
    "countries",
    "organisations",
    "people",
    "offices",
    "sectors",
    *ActorRules.model_fields,
)
# kinds of gazetteer entries; the order is the preference when one phrase means several things
KINDS = ("person", "org", "metonym", "title", "country", "adjective", "demonym", "sector", "group")


@dataclass(frozen=True)
class Entry:
    """What a matched phrase may mean: its kind and the key of the knowledge entry."""

    kind: str
    key: str
    sector: str | None = None
    place_like: bool = False


@dataclass(frozen=True)
class Piece:
    """A matched phrase in a document: token span and its possible meanings."""

    start: int
    end: int
    entries: tuple[Entry, ...]

    def kinds(self) -> set[str]:
        """Return the kinds this piece may have."""
        return {e.kind for e in self.entries}

    def first(self, kind: str) -> Entry | None:
        """Return the first meaning of the given kind, if any."""
        return next((e for e in self.entries if e.kind == kind), None)


class Gazetteer:
    """A phrase index over every name bilat knows, built once per knowledge and pipeline.

    Each phrase is keyed by the lower-case forms of its tokens (as the pipeline's tokenizer
    splits it), and a document's phrases are found by looking up the token runs that start
    with a phrase's first word. Tokenizing the ~6,000 phrases cost about a third of a second at
    every start, so the index is cached with the compiled knowledge, keyed by the actor files,
    spaCy's version and the tokenizer's rules.

        >>> gazetteer = Gazetteer(nlp, knowledge)
        >>> [(p.start, p.end) for p in gazetteer.pieces(nlp.make_doc("Pakistan and India"))]
        [(0, 1), (2, 3)]
    """

    def __init__(self, nlp: Language, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        rows, keys = knowledge.derived(
            "actor-phrases",
            ACTOR_SECTIONS,
            _index_inputs(nlp),
            lambda: _build_index(nlp, knowledge),
        )
        self.by_lower: dict[str, list[tuple[str, Entry]]] = {}
        for lower, phrase, kind, key, sector, place_like in rows:
            self.by_lower.setdefault(lower, []).append(
                (phrase, Entry(kind, key, sector, place_like))
            )
        self._phrases = frozenset(keys)
        # lengths of the phrases that open with a word, longest first
        lengths: dict[int, set[int]] = {}
        for words in keys:
            lengths.setdefault(words[0], set()).add(len(words))
        self._lengths = {first: sorted(n, reverse=True) for first, n in lengths.items()}

    def matches(self, doc: Doc) -> list[tuple[int, int]]:
        """Return the (start, end) token spans whose lower-case words form a known phrase.

        Args:
            doc: a tokenized document.

        Returns:
            Every match, overlapping ones included, ordered by start.
        """
        words: list[int] = doc.to_array(LOWER).tolist()
        found = []
        phrases = self._phrases
        size = len(words)
        for start, word in enumerate(words):
            for n in self._lengths.get(word, ()):
                if start + n <= size and tuple(words[start : start + n]) in phrases:
                    found.append((start, start + n))
        return found

    def pieces(self, doc: Doc) -> list[Piece]:
        """Return the longest non-overlapping actor phrases in a document, filtered by case."""
        spans: list[Span] = []
        for start, end in self.matches(doc):
            span = doc[start:end]
            if self._entries(span):
                spans.append(span)
        spans.extend(_group_spans(doc, self.knowledge.actor_rules))
        result = []
        for span in filter_spans(spans):
            entries = self._entries(span)
            if len(span) == 1 and span[0].pos_ == "ADJ":
                # "an official visit", "military equipment": an adjective is not an actor title,
                # but in "terrorist attacks" it names who attacked
                entries = [
                    e
                    for e in entries
                    if e.kind not in ("title", "sector") or self._names_doer(span[0], e)
                ]
            if len(span) == 1 and _bare_mass_noun(span[0]):
                # "justice will be done", "as president": a singular title with no article
                # or modifier names no one
                entries = [e for e in entries if e.kind != "title"]
            if entries:
                result.append(Piece(span.start, span.end, tuple(entries)))
        return result

    def _names_doer(self, adjective: Token, entry: Entry) -> bool:
        sector = self.knowledge.sectors.get(entry.key) if entry.kind == "sector" else None
        noun = adjective.head
        return (
            sector is not None
            and adjective.dep_ == "amod"
            and noun.i > adjective.i
            and noun.lemma_.lower() in sector.acts
        )

    def _entries(self, span: Span) -> list[Entry]:
        if span.label_ == "GROUP":
            return [Entry("group", span.text.lower())]
        text = span.text
        found = [
            entry
            for phrase, entry in self.by_lower.get(text.lower(), [])
            if _case_ok(phrase, text, entry)
        ]
        found = list(dict.fromkeys(found))
        found.sort(key=lambda e: KINDS.index(e.kind))
        return found


ARABIC_ARTICLES = ("al-", "el-", "ad-", "as-", "ash-", "an-", "ar-", "at-")


def _bare_mass_noun(token: Token) -> bool:
    """Return whether a lower-case singular noun stands with no article, modifier or name."""
    if not token.is_lower or token.tag_ != "NN":
        return False
    if any(c.dep_ not in ("punct", "cc", "conj", "prep", "acl", "relcl") for c in token.children):
        return False
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return following is None or following.pos_ != "PROPN"


def _case_ok(phrase: str, text: str, entry: Entry) -> bool:
    letters = [c for c in phrase if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) <= 6:
        return text == phrase
    if len(letters) <= 3 and text.isupper():
        return False  # "XI" (a cricket side) is not "Xi"
    if entry.kind in ("title", "sector", "group"):
        return True
    # a name spelt exactly as filed may open in lower case ("von der Leyen", "al-Sisi"), and
    # an Arabic article is often written in lower case before a capital ("al-Qaeda")
    particle = next((p for p in ARABIC_ARTICLES if text.lower().startswith(p)), None)
    if particle is not None and text[len(particle) : len(particle) + 1].isupper():
        return True
    return text == phrase or text[:1].isupper() or not text[:1].isalpha()


def _group_spans(doc: Doc, rules: ActorRules) -> Iterable[Span]:
    """Yield "both sides", "the two countries", "both the leaders", "the two uneasy allies".

    "The pair" and "the two" standing alone as a clause's subject ("The two signed an accord")
    are groups of two people as well; "the two" before a noun it counts is not.
    """
    for token in doc:
        if token.i > 0 and doc[token.i - 1].lower_ == "the" and _pair_word(token, rules):
            yield Span(doc, token.i - 1, token.i + 1, label="GROUP")
            continue
        if token.lower_ not in rules.group_nouns:
            continue
        for det in rules.group_determiners:
            n = len(det.split())
            for skip in (0, 1):
                start = token.i - n - skip
                if start < 0:
                    continue
                words = " ".join(t.lower_ for t in doc[start : start + n])
                between = doc[start + n : token.i]
                if words == det and all(t.pos_ in ("ADJ", "DET") for t in between):
                    yield Span(doc, start, token.i + 1, label="GROUP")
                    break
            else:
                continue
            break


def _pair_word(token: Token, rules: ActorRules) -> bool:
    """Return whether a word after "the" is two people by itself: "the pair", a subject "the two"."""
    if token.lower_ in rules.pair_nouns:
        return token.tag_ == "NN"
    return (
        token.lower_ == "two"
        and token.dep_ in ("nsubj", "nsubjpass")
        and not any(c.dep_ == "prep" for c in token.children)
    )


PhraseRow = tuple[str, str, str, str, str | None, bool]


def _index_inputs(nlp: Language) -> list[str]:
    """Return what the phrase index depends on besides the knowledge: spaCy, tokenizer, code."""
    tokenizer: Any = nlp.tokenizer
    return [
        spacy.about.__version__,
        hashlib.sha256(tokenizer.to_bytes(exclude=["vocab"])).hexdigest(),
        hashlib.sha256(Path(__file__).read_bytes()).hexdigest(),
    ]


def _build_index(
    nlp: Language, knowledge: Knowledge
) -> tuple[list[PhraseRow], list[tuple[int, ...]]]:
    """Return every phrase's meanings as plain rows and each phrase's lower-case token hashes.

    Plain tuples, not records: they unpickle many times faster.
    """
    phrases: dict[str, list[Entry]] = {}
    for phrase, entry in _phrases(knowledge):
        phrase = phrase.strip()
        # news sites print the apostrophe curly as often as straight ("Workers’ Party")
        for variant in dict.fromkeys([phrase, phrase.replace("'", "’"), phrase.replace("’", "'")]):
            if variant:
                phrases.setdefault(variant, []).append(entry)
    rows: list[PhraseRow] = []
    first_variant: dict[str, str] = {}
    for phrase, entries in phrases.items():
        lower = phrase.lower()
        first_variant.setdefault(lower, phrase)
        for e in entries:
            rows.append((lower, phrase, e.kind, e.key, e.sector, e.place_like))
    tokenizer: Any = nlp.tokenizer
    keys = [tuple(t.lower for t in doc) for doc in tokenizer.pipe(first_variant.values())]
    return rows, keys


def _phrases(kb: Knowledge) -> Iterable[tuple[str, Entry]]:
    for country in kb.countries.values():
        for name in [country.name, *country.names]:
            yield name, Entry("country", country.code)
            if name.lower().startswith("the "):
                yield name[4:], Entry("country", country.code)
        for adjective in country.adjectives:
            yield adjective, Entry("adjective", country.code)
        for demonym in country.demonyms:
            yield demonym, Entry("demonym", country.code)
        for metonym in country.metonyms:
            entry = Entry("metonym", country.code, metonym.sector, metonym.place)
            yield metonym.text, entry
            if metonym.text.lower().startswith("the "):
                yield metonym.text[4:], entry
    for key, org in kb.organisations.items():
        for name in [org.name, *org.aliases]:
            yield name, Entry("org", key)
    shared = {s.lower() for s in kb.actor_rules.shared_surnames}
    for person in kb.people.values():
        for name in [person.name, *person.aliases]:
            yield name, Entry("person", person.id)
        surname = person.name.split()[-1]
        if surname.lower() in shared:
            # one entry per bearer; resolution picks among them
            yield surname, Entry("person", person.id)
    for office in kb.offices.values():
        for title in office.titles:
            yield title, Entry("title", office.id, office.sector)
    for sector in kb.sectors.values():
        for word in sector.words:
            yield word, Entry("sector", sector.code, sector.code)


@functools.lru_cache(maxsize=4)
def gazetteer_for(nlp: Language, knowledge: Knowledge) -> Gazetteer:
    """Return the gazetteer for a pipeline and knowledge (built once per process)."""
    return Gazetteer(nlp, knowledge)
