"""The one function every interface calls: ``extract(document) -> Extraction``.

It runs the stages in order — parse, find actor names, date the document, resolve actors at
that date, code events, date and place each event, find facts and quotes — and returns records.
A :class:`Pipeline` holds what is loaded once (spaCy, knowledge, gazetteers) so the CLI, API,
Spark job and tests share it.

    >>> pipeline = Pipeline.load()
    >>> result = pipeline.extract(Document.from_text("Pakistan condemned India.", doc_id="x"))
    >>> [(e.source.code, e.cameo, e.target.code) for e in result.events]
    [('PAK', '111', 'IND')]
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

import bilat.events.patterns as patterns_module
from bilat.actors.gazetteer import Gazetteer, gazetteer_for
from bilat.actors.home import home_country
from bilat.actors.resolve import ActorSpan, ResolveContext, find_mentions
from bilat.calibration import fit
from bilat.events.coder import Attempt, Candidate, Coder, event_id
from bilat.events.patterns import PatternSet, load_patterns
from bilat.facts import extract_facts, find_quotes, pronoun_speaker
from bilat.knowledge import Knowledge
from bilat.nlp import load_nlp, parse, parse_many, sentence_spans
from bilat.nlp.clauses import other_clauses
from bilat.places import (
    Geocoder,
    PlaceSlot,
    choose_event_place,
    dateline_place_in_text,
    find_venues,
    inherit_places,
    is_fighting,
    is_habitual,
    is_remote,
    is_venue,
    parse_dateline_place,
    says_here,
)
from bilat.prefilter import FRAGMENT_WORDS, Prefilter
from bilat.records import (
    Actor,
    DatePrecision,
    Document,
    DocumentDate,
    Event,
    Extraction,
    Fact,
    Mention,
    Place,
    Quote,
)
from bilat.settings import Settings
from bilat.tenures import find_tenures
from bilat.time import (
    EventDate,
    ReferredEvent,
    RelationsTable,
    news_day,
    parse_dateline,
    resolve_document_date,
    resolve_event_date,
)


@dataclass(frozen=True)
class Explanation:
    """What ``bilat explain`` shows: the extraction plus every trigger tried and the parse."""

    extraction: Extraction
    attempts: tuple[Attempt, ...]
    arcs: tuple[tuple[int, str, str, str, str], ...]


class Pipeline:
    """Everything loaded once for extraction: spaCy, knowledge, gazetteers and patterns."""

    def __init__(self, nlp: Language, knowledge: Knowledge, *, prefilter: bool = True) -> None:
        self.nlp = nlp
        self.knowledge = knowledge
        self.gazetteer: Gazetteer = gazetteer_for(nlp, knowledge)
        self.coder = Coder(_patterns(knowledge), knowledge)
        self.geocoder = Geocoder.load(knowledge)
        self.relations = RelationsTable.load()
        self.referred = ReferredEvent.load_all(self.knowledge)
        self.calibrator = fit(knowledge.section("calibration"))
        # Lines that cannot hold an event skip the parser (see bilat.prefilter).
        self.prefilter = Prefilter(nlp, self.gazetteer, self.coder.patterns) if prefilter else None

    @classmethod
    def load(cls, settings: Settings | None = None) -> Pipeline:
        """Return the pipeline for these settings (built once per process and settings)."""
        settings = settings or Settings()
        return _pipeline(
            settings.model, settings.knowledge_dirs, settings.prefilter, settings.cache_dir
        )

    def extract(self, document: Document) -> Extraction:
        """Return the actors, events, facts and quotes of one document."""
        return next(self.extract_many([document]))

    def extract_many(
        self, documents: Iterable[Document], *, batch_size: int = 16
    ) -> Iterator[Extraction]:
        """Yield the extraction of each document, parsing them in batches with ``nlp.pipe``."""
        queue: list[Document] = []

        def texts() -> Iterator[str]:
            for document in documents:
                queue.append(document)
                yield mask_datelines(document.text)

        docs = (
            self.prefilter.parse_many(texts(), batch_size=batch_size * 8)
            if self.prefilter is not None
            else parse_many(self.nlp, texts(), batch_size=batch_size * 8)
        )
        for doc in docs:
            yield self._run(queue.pop(0), doc)[0]

    def explain(self, document: Document) -> Explanation:
        """Return the extraction with every pattern tried and the dependency arcs."""
        doc = parse(self.nlp, mask_datelines(document.text))
        extraction, attempts = self._run(document, doc)
        arcs = tuple(
            (i, t.text, t.dep_, t.head.text, t.lemma_)
            for i, sent in enumerate(doc.sents)
            for t in sent
            if not t.is_space
        )
        return Explanation(extraction, tuple(attempts), arcs)

    def _run(self, document: Document, doc: Doc) -> tuple[Extraction, list[Attempt]]:
        spans = sentence_spans(doc)
        dateline = (
            parse_dateline_place(document.dateline)
            if document.dateline
            else dateline_place_in_text(document.text)
        )
        # One pass without a date finds the "Title Name" pairs that date the document and the
        # article's main country; the second resolves every mention at that date.
        undated = find_mentions(doc, self.gazetteer, ResolveContext(self.knowledge))
        doc_date = resolve_document_date(
            document,
            evidence=find_tenures(doc, undated, self.knowledge),
            relations=self.relations,
            referred=self.referred,
        )
        home = dateline.country if dateline else home_country(doc, undated, self.knowledge)
        context = _context(
            doc_date,
            home,
            self.knowledge,
            self._locator(home),
            home_from_dateline=dateline is not None and dateline.country is not None,
        )
        found = find_mentions(doc, self.gazetteer, context)
        candidates, attempts = self.coder.code(doc, found, locate=context.locate)
        countries = [c for c in Counter(f.country for f in found if f.country) if c]
        entities = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        places = self.geocoder.find_places(document.text, entities=entities, context=countries)
        news = news_day([document.text[s:e] for s, e in spans], doc_date)
        placed = [self._event(document, c, doc_date, places, news) for c in candidates]
        # Lines the pre-filter kept from the parser have no tags: their words stand as written.
        lemmas = [(t.idx, t.lemma_ if t.pos_ else t.text) for t in doc if t.is_alpha]
        venues = [
            (offset, venue)
            for offset, venue in find_venues(document.text, places, lemmas)
            if self._current_at(doc, offset, doc_date)
        ]
        chosen = inherit_places([slot for _, slot in placed], dateline=dateline, venues=venues)
        events = tuple(
            replace(event, place=place) for (event, _), place in zip(placed, chosen, strict=True)
        )
        facts, quotes = self._facts_quotes(document, spans, found, events, doc)
        extraction = Extraction(
            document=document,
            date=doc_date,
            mentions=tuple(_mention(doc, f) for f in found if f.actor is not None),
            events=events,
            quotes=quotes,
            facts=facts,
            sentences=tuple(spans),
        )
        return extraction, attempts

    def _locator(self, home: str | None) -> Callable[[str], str | None]:
        """Return a place name's country, preferring places in the article's home country."""
        context = [home] if home else []

        def locate(name: str) -> str | None:
            place = self.geocoder.geocode(name, context=context)
            return place.country if place is not None else None

        return locate

    def _current_at(self, doc: Doc, offset: int, doc_date: DocumentDate) -> bool:
        """Return whether the sentence at ``offset`` reports the day's news, not background."""
        token = doc.char_span(offset, offset + 1, alignment_mode="expand")
        if token is None:
            return True
        sent = token[0].sent
        when = resolve_event_date(
            sent.text,
            doc_date=doc_date,
            span=(offset - sent.start_char, offset + 1 - sent.start_char),
        )
        return _is_current(when, doc_date)

    def when_where(
        self,
        document: Document,
        sent: Span,
        trigger: Token,
        doc_date: DocumentDate,
        places: list[tuple[int, int, Place]],
        *,
        planned: bool = False,
        news: EventDate | None = None,
        target_country: str | None = None,
    ) -> tuple[EventDate, PlaceSlot]:
        """Return the date of an event and what its sentence says of its place.

        Args:
            document: the document the sentence is from.
            sent: the parsed sentence.
            trigger: the event's verb or noun.
            doc_date: the document's date.
            places: the places found in the document text.
            planned: whether the event is planned (its date lies ahead).
            news: the day the article's lede reports (see :func:`bilat.time.news_day`); an
                event with no date of its own takes it.
            target_country: the event's target country: a visit goes to its place there.

        Returns:
            The event's date and its place slot (see :func:`bilat.places.inherit_places`).
        """
        start, end = sent.start_char, _fragment_end(sent, document.text)
        text = document.text[start:end].strip()
        start += len(document.text[start:end]) - len(document.text[start:end].lstrip())
        end = start + len(text)
        tense = "past" if trigger.tag_ in ("VBD", "VBN") else ("future" if planned else None)
        if tense is None and trigger.pos_ in ("NOUN", "PROPN"):
            tense = _governing_tense(trigger)
        clauses = other_clauses(sent, trigger)
        when = resolve_event_date(
            text,
            doc_date=doc_date,
            tense=tense,
            span=(trigger.idx - start, trigger.idx - start + len(trigger)),
            exclude=[
                (s + sent.start_char - start, e + sent.start_char - start) for s, e in clauses
            ],
            attributive=True,
        )
        if when.precision is DatePrecision.DOCUMENT and news is not None:
            when = replace(when, value=news.value, earliest=news.earliest, latest=news.latest)
        # A place in another clause ("following an attack in Agartala") is another event's.
        foreign = [(s + sent.start_char, e + sent.start_char) for s, e in clauses]
        in_sentence = [
            p
            for p in places
            if start <= p[0]
            and p[1] <= end
            and not any(s <= p[0] and p[1] <= e for s, e in foreign)
        ]
        own = choose_event_place(
            text,
            start,
            in_sentence,
            dateline=None,
            trigger=trigger.text,
            lemma=trigger.lemma_,
            target_country=target_country,
        )
        # "by phone" or "here" in another clause says nothing of this event.
        own_clause = text
        for s, e in foreign:
            own_clause = own_clause[: s - start] + " " * (e - s) + own_clause[e - start :]
        return when, PlaceSlot(
            own,
            # "has repeatedly accused": a habit takes no venue or dateline of the day.
            _is_current(when, doc_date) and not is_habitual(own_clause),
            start,
            end,
            remote=is_remote(own_clause),
            here=says_here(own_clause),
            venue=is_venue(trigger.lemma_, own) and not planned,
        )

    def _event(
        self,
        document: Document,
        c: Candidate,
        doc_date: DocumentDate,
        places: list[tuple[int, int, Place]],
        news: EventDate | None = None,
    ) -> tuple[Event, PlaceSlot]:
        sent = c.sentence
        start, end = sent.start_char, _fragment_end(sent, document.text)
        text = document.text[start:end].strip()
        start += len(document.text[start:end]) - len(document.text[start:end].lstrip())
        end = start + len(text)
        info = self.knowledge.cameo_code(c.code)
        planned = c.factuality.value == "planned"
        when, slot = self.when_where(
            document,
            sent,
            c.trigger,
            doc_date,
            places,
            planned=planned,
            news=news,
            target_country=c.target.country,
        )
        slot = replace(slot, fighting=is_fighting(c.code), source_country=c.source.country)
        own = slot.own
        event = Event(
            id=event_id(
                document.id, start, end, c.code, c.source.code, c.target.code, c.trigger.idx
            ),
            doc_id=document.id,
            sentence=text,
            sentence_start=start,
            sentence_end=end,
            sentence_index=c.sentence_index,
            cameo=c.code,
            cameo_name=info.name,
            source=c.source,
            target=c.target,
            goldstein=info.goldstein,
            quad_class=info.quad_class,
            plover_type=info.plover_type,
            plover_mode=info.plover_mode,
            factuality=c.factuality,
            confidence=self.calibrator.probability(c.code, c.confidence),
            rule=c.pattern.id,
            trigger=c.trigger.text,
            trigger_start=c.trigger.idx,
            trigger_end=c.trigger.idx + len(c.trigger),
            date=when.value,
            date_precision=when.precision,
            place=own,
            reported_by=c.reported_by,
            symmetric=c.symmetric,
            raw_confidence=c.confidence,
        )
        return event, slot

    def _facts_quotes(
        self,
        document: Document,
        spans: list[tuple[int, int]],
        found: list[ActorSpan],
        events: tuple[Event, ...],
        doc: Doc,
    ) -> tuple[tuple[Fact, ...], tuple[Quote, ...]]:
        facts = []
        for fact in extract_facts(
            document.text, spans, doc_id=document.id, knowledge=self.knowledge
        ):
            event = next((e for e in events if e.sentence_index == fact.sentence_index), None)
            facts.append(fact if event is None else _with_event(fact, event.id))
        quotes = []
        named = [_mention(doc, f) for f in found if f.actor is not None]
        for q in find_quotes(document.text, spans, doc_id=document.id, knowledge=self.knowledge):
            speaker = (
                _speaker(q.speaker_start, q.speaker_end, found, doc) if q.speaker_text else None
            )
            if speaker is None:
                speaker = pronoun_speaker(q, named, knowledge=self.knowledge)
            quotes.append(
                Quote(
                    document.id, q.text, q.start, q.end, speaker, q.speaker_text, q.sentence_index
                )
            )
        return tuple(facts), tuple(quotes)


def _patterns(knowledge: Knowledge) -> PatternSet:
    """Return the coder's verb patterns, validated once and cached with the knowledge.

    The cache key holds the verb files, the noun classes they name, the CAMEO table, the
    user's ``patterns_off`` (the patterns switched off are left out) and the source of the events package, whose classes
    the patterns are.
    """
    code = hashlib.sha256()
    for path in sorted(Path(patterns_module.__file__).parent.glob("*.py")):
        code.update(path.read_bytes())
    return knowledge.derived(
        "patterns",
        ("verbs", "cameo", "patterns_off", "noun_classes"),
        [code.hexdigest()],
        lambda: load_patterns(
            knowledge.verb_files,
            frozenset(knowledge.cameo),
            knowledge.words("patterns_off"),
            knowledge.noun_classes,
        ),
    )


def mask_datelines(text: str) -> str:
    """Blank out a dateline ("ISLAMABAD, April 1 (AFP) -") at the start of any of the first lines.

    The parser reads "ISLAMABAD – Pakistan and the US agreed" as one noun phrase; spaces of the
    same length keep every character offset of the original text.
    """
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines[:8]):
        found = parse_dateline(line)
        if found is not None and found.start == 0 and 0 < found.end < len(line):
            lines[index] = " " * found.end + line[found.end :]
    return "".join(lines)


# Auxiliaries that put a participle ahead of the news day ("agreements to be signed").
_AHEAD_AUXILIARIES = frozenset({"will", "shall", "to", "would"})


def _governing_tense(noun: Token) -> str | None:
    """Return "past" when the verb nearest above an event noun is a past form.

    "agreements signed during the prime minister's visit to China in September": the visit
    is as past as the signing, so its bare month is the last September, whatever a later
    clause ("and agreed to hold talks next year") says. Only a finite past verb or a
    participle with no future auxiliary counts; any other verb leaves the tense unknown.
    """
    node = noun
    while node.head.i != node.i:
        node = node.head
        if node.pos_ not in ("VERB", "AUX"):
            continue
        if node.tag_ == "VBD":
            return "past"
        ahead = any(
            c.dep_ in ("aux", "auxpass") and c.lower_ in _AHEAD_AUXILIARIES for c in node.children
        )
        return "past" if node.tag_ == "VBN" and not ahead else None
    return None


def _fragment_end(sent: Span, text: str) -> int:
    """Return where a sentence really ends, taking in a verbless fragment the parser cut off.

    "X called on Chief of Army Staff (COAS) General Y." comes out of the parser as two
    sentences; the second, with no verb and on the same line, belongs to the first.
    """
    doc = sent.doc
    if sent.end >= len(doc):
        return sent.end_char
    following = doc[sent.end].sent
    words = [t for t in following if not t.is_punct and not t.is_space]
    # The parser keeps a line's closing newline inside the sentence: look from its last word.
    last_word = sent.start_char + len(text[sent.start_char : sent.end_char].rstrip())
    same_line = "\n" not in text[last_word : following.start_char]
    if (
        same_line
        and 0 < len(words) <= FRAGMENT_WORDS
        and all(t.pos_ not in ("VERB", "AUX") for t in following)
        and words[0].text[:1].isupper()
    ):
        return following.end_char
    return sent.end_char


def _with_event(fact: Fact, event: str) -> Fact:
    return replace(fact, event_id=event)


# How far from the document's day an event's own date may lie and still be the day's news.
_NEWS_DAYS = 7


def _is_current(when: EventDate, doc_date: DocumentDate) -> bool:
    """Return whether an event is news of the document's day, not background."""
    if when.precision is DatePrecision.DOCUMENT:
        return True
    if when.precision is not DatePrecision.DAY or not when.value or not doc_date.earliest:
        return False
    day = dt.date.fromisoformat(when.value)
    first = dt.date.fromisoformat(doc_date.earliest)
    last = dt.date.fromisoformat(doc_date.latest or doc_date.earliest)
    return first - dt.timedelta(days=_NEWS_DAYS) <= day <= last + dt.timedelta(days=_NEWS_DAYS)


def _speaker(start: int | None, end: int | None, found: list[ActorSpan], doc: Doc) -> Actor | None:
    if start is None or end is None:
        return None
    for mention in found:
        span = doc[mention.start : mention.end]
        if span.start_char < end and start < span.end_char and mention.actor is not None:
            return mention.actor
    return None


def _mention(doc: Doc, found: ActorSpan) -> Mention:
    span = doc[found.start : found.end]
    assert found.actor is not None
    return Mention(
        span.start_char,
        span.end_char,
        span.text,
        found.actor,
        found.kind,
        found.how,
        sentence_index=-1,
    )


def _context(
    doc_date: DocumentDate,
    home: str | None,
    knowledge: Knowledge,
    locate: Callable[[str], str | None] | None = None,
    *,
    home_from_dateline: bool = False,
) -> ResolveContext:
    on = None
    if doc_date.value and doc_date.precision == DatePrecision.DAY:
        on = dt.date.fromisoformat(doc_date.value)
    earliest = dt.date.fromisoformat(doc_date.earliest) if doc_date.earliest else None
    latest = dt.date.fromisoformat(doc_date.latest) if doc_date.latest else None
    return ResolveContext(
        knowledge,
        on=on,
        earliest=earliest,
        latest=latest,
        home=home,
        locate=locate,
        home_from_dateline=home_from_dateline,
    )


@functools.lru_cache(maxsize=4)
def _pipeline(
    model: str, knowledge_dirs: tuple[str, ...], prefilter: bool = True, cache_dir: str = ""
) -> Pipeline:
    knowledge = Knowledge.load(knowledge_dirs, cache_dir=cache_dir or None)
    return Pipeline(load_nlp(model), knowledge, prefilter=prefilter)


def extract(document: Document, settings: Settings | None = None) -> Extraction:
    """Return everything bilat finds in one document.

    Args:
        document: the document to read (see :func:`bilat.sources.read_text`).
        settings: the settings to use; defaults apply when omitted.

    Returns:
        The document's date, actor mentions, events, facts and quotes.
    """
    return Pipeline.load(settings).extract(document)
