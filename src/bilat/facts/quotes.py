"""Find direct quotes and the words that say who spoke them.

A quote is text of at least ``min_words`` words (``knowledge/quotes.yaml``) inside curly (“…”)
or straight ("…") quotation marks on one line; shorter quoted text is a scare quote and is
skipped. The speaker is read from the attribution beside the quote:

- after it: ``“…,” he said``, ``“…,” said Foreign Minister Ishaq Dar``, ``“…,” Dar told
  reporters``, ``“…,” according to the statement``;
- before it: ``Dar said: “…”``, ``Dar said, “…”``, ``Dar said that “…”``, ``according to X, “…”``;
- earlier in the same sentence: ``The ministry said China "will …"``.

Pronouns are returned as written ("he"); resolving them to an actor is the caller's job.

    >>> text = "“We will not accept this,” Dar said."
    >>> q = find_quotes(text, [(0, len(text))], doc_id="d")[0]
    >>> q.text, q.speaker_text
    ('We will not accept this', 'Dar')
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bilat.facts.vocabulary import QuoteWords, alternation
from bilat.knowledge import Knowledge
from bilat.records import Actor, Mention, Quote, Record

# A speaker never crosses clause punctuation, except the full stop of an initial ("S. Jaishankar").
_SPEAKER_CHARS = r"(?:\b[A-Z]\.\s?|[^,.;:!?“”\"\n])"
_TERMINAL_FOR_AFTER = ",?!—–-"
_MAX_SPEAKER_WORDS = 8


@dataclass(frozen=True)
class QuoteSpan(Record):
    """A direct quote's text and offsets, and the text naming its speaker if any.

    Offsets are absolute character offsets into the document text; ``text`` excludes the
    quotation marks and a trailing comma.

        >>> span = QuoteSpan("We will act now", 1, 16, "Dar", 19, 22, 0)
        >>> span.to_quote("doc1", None).speaker_text
        'Dar'
    """

    text: str
    start: int
    end: int
    speaker_text: str | None
    speaker_start: int | None
    speaker_end: int | None
    sentence_index: int

    def to_quote(self, doc_id: str, speaker: Actor | None) -> Quote:
        """Return the quote as a :class:`~bilat.records.Quote` with its resolved speaker.

        Args:
            doc_id: the document the quote is in.
            speaker: the actor the speaker text resolved to, or ``None``.

        Returns:
            The record stored with the document's extraction.
        """
        return Quote(
            doc_id=doc_id,
            text=self.text,
            start=self.start,
            end=self.end,
            speaker=speaker,
            speaker_text=self.speaker_text,
            sentence_index=self.sentence_index,
        )


@dataclass(frozen=True)
class _QuotePatterns:
    words: QuoteWords
    after_verb_first: re.Pattern[str]
    after_source: re.Pattern[str]
    after_speaker_first: re.Pattern[str]
    before_verb: re.Pattern[str]
    before_source: re.Pattern[str]
    inline_verb: re.Pattern[str]
    leading: re.Pattern[str]


@functools.lru_cache(maxsize=8)
def _patterns(knowledge: Knowledge) -> _QuotePatterns:
    words = knowledge.quote_words
    verb = alternation(words.speech_verbs)
    adverb = alternation(words.speech_adverbs)
    source = alternation(words.source_phrases)
    trailing = alternation(words.speaker_trailing_words)
    # A speaker after the verb ends at punctuation or at a word that starts a new phrase.
    tail = rf"(?P<speaker>{_SPEAKER_CHARS}+?)(?=\s+{trailing}\b|[,.;:!?“”\"\n]|\s*$)"
    return _QuotePatterns(
        words=words,
        after_verb_first=re.compile(rf"^\s*,?\s*(?:{verb})\s+{tail}"),
        after_source=re.compile(rf"^\s*,?\s*(?i:{source})\s+{tail}"),
        after_speaker_first=re.compile(
            rf"^\s*,?\s*(?P<speaker>{_SPEAKER_CHARS}+?)(?:,[^,“”\"\n]{{1,80}},)?"
            rf"\s+(?:{adverb}\s+)?(?:{verb})\b"
        ),
        before_verb=re.compile(
            rf"\s(?:{adverb}\s+)?(?:{verb})\b[^.;!?“”\"\n]{{0,60}}?\s*(?::|,|\bthat)\s*$"
        ),
        before_source=re.compile(rf"\b(?i:{source})\s+(?P<speaker>{_SPEAKER_CHARS}+?)\s*,\s*$"),
        inline_verb=re.compile(rf"\s(?:{adverb}\s+)?(?:{verb})\b"),
        leading=re.compile(rf"^(?:(?i:{alternation(words.speaker_leading_words)})(?:\s+|$))+"),
    )


def find_quotes(
    text: str,
    sentences: Sequence[tuple[int, int]],
    *,
    doc_id: str,
    knowledge: Knowledge | None = None,
) -> list[QuoteSpan]:
    """Return the direct quotes in a text with the span naming each one's speaker.

    Args:
        text: the document text.
        sentences: ``(start, end)`` offsets of its sentences, used for ``sentence_index`` and
            to keep an attribution within the quote's sentence.
        doc_id: the document id (kept for symmetry with :func:`extract_facts`; quotes carry
            it once converted with :meth:`QuoteSpan.to_quote`).
        knowledge: whose quote words to use (the bundled knowledge by default).

    Returns:
        Quotes in text order; ``speaker_text`` is ``None`` when nothing attributes a quote.
    """
    del doc_id  # the spans are document-relative; the id is attached by QuoteSpan.to_quote
    patterns = _patterns(knowledge or Knowledge.load())
    spans = list(sentences) or [(0, len(text))]
    starts = [s for s, _ in spans]
    marks = _quote_marks(text)
    quotes: list[QuoteSpan] = []
    for number, (open_at, close_at) in enumerate(marks):
        inner_start, inner_end = _trim(text, open_at + 1, close_at)
        if len(text[inner_start:inner_end].split()) < patterns.words.min_words:
            continue
        sentence_index = max(bisect.bisect_right(starts, inner_start) - 1, 0)
        previous_close = marks[number - 1][1] + 1 if number else 0
        following_open = marks[number + 1][0] if number + 1 < len(marks) else len(text)
        speaker = _after(text, open_at, close_at, following_open, patterns)
        if speaker is None:
            floor = max(previous_close, spans[sentence_index][0], _line_start(text, open_at))
            speaker = _before(text, floor, open_at, patterns)
        if speaker is None and quotes:
            speaker = _continued(text, quotes[-1], open_at)
        speaker_text, speaker_start, speaker_end = speaker or (None, None, None)
        quotes.append(
            QuoteSpan(
                text=text[inner_start:inner_end],
                start=inner_start,
                end=inner_end,
                speaker_text=speaker_text,
                speaker_start=speaker_start,
                speaker_end=speaker_end,
                sentence_index=sentence_index,
            )
        )
    return quotes


def _continued(text: str, previous: QuoteSpan, open_at: int) -> tuple[str, int, int] | None:
    """Give a quote its predecessor's speaker when only that attribution separates them.

    ``“A,” Dar said. “B.”``: the second quote continues the first speaker's words.
    """
    if previous.speaker_text is None or previous.speaker_end is None:
        return None
    if previous.speaker_start is None or previous.speaker_start < previous.end:
        return None
    between = text[previous.speaker_end : open_at]
    if "\n" in between or not re.fullmatch(r"[^“”\"]{0,40}", between):
        return None
    return previous.speaker_text, previous.speaker_start, previous.speaker_end


def pronoun_speaker(
    span: QuoteSpan, mentions: Sequence[Mention], *, knowledge: Knowledge | None = None
) -> Actor | None:
    """Return the person a pronoun speaker ("he said") stands for: the last one named before.

    Only named people count (mentions whose actor has a ``person``), and only those that end
    before both the quote and its attribution, so names inside the quote are never chosen.

    Args:
        span: A quote whose ``speaker_text`` may be a pronoun (``speaker_pronouns`` in
            ``knowledge/quotes.yaml``).
        mentions: The document's actor mentions, with absolute character offsets.
        knowledge: whose pronouns to use (the bundled knowledge by default).

    Returns:
        The actor of the last person named before the quote, or None when the speaker is not a
        pronoun or no person was named before it.
    """
    words = (knowledge or Knowledge.load()).quote_words
    if span.speaker_text is None or span.speaker_start is None:
        return None
    if span.speaker_text.lower() not in {p.lower() for p in words.speaker_pronouns}:
        return None
    limit = min(span.start, span.speaker_start)
    named = [
        m for m in mentions if m.end <= limit and m.actor.person is not None and m.kind != "pronoun"
    ]
    return max(named, key=lambda m: m.end).actor if named else None


def speaker_label(quote: Quote, knowledge: Knowledge | None = None) -> str:
    """Return how a reader should see who said a quote: a pronoun's person, else its words.

    "he" in ``“…,” he said`` names nobody on a page listing quotes from many articles; when the
    pronoun was resolved to a person (:func:`pronoun_speaker`), the person's name is shown.

    Args:
        quote: A stored quote.
        knowledge: where the speaker pronouns come from; the bundled knowledge when None.

    Returns:
        The person a pronoun stands for, else the attribution as written, else the speaker's
        name or code, else an empty string.
    """
    speaker, text = quote.speaker, quote.speaker_text
    words = (knowledge or Knowledge.load()).quote_words
    pronouns = {p.lower() for p in words.speaker_pronouns}
    if speaker is not None and speaker.person and (not text or text.lower() in pronouns):
        return speaker.person
    if text:
        return text
    if speaker is not None:
        return speaker.name or speaker.code
    return ""


def _quote_marks(text: str) -> list[tuple[int, int]]:
    pairs = [(m.start(), m.end() - 1) for m in re.finditer(r"“[^“”\n]*”", text)]
    for line in re.finditer(r"[^\n]+", text):
        # Straight quotes have no direction: pair them in order along the line.
        positions = [line.start() + m.start() for m in re.finditer('"', line.group())]
        pairs.extend(zip(positions[0::2], positions[1::2], strict=False))
    return sorted(pairs)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _after(
    text: str, open_at: int, close_at: int, limit: int, patterns: _QuotePatterns
) -> tuple[str, int, int] | None:
    line_end = text.find("\n", close_at)
    end = min(limit, line_end if line_end >= 0 else len(text))
    base = close_at + 1
    chunk = text[base:end]
    inner = text[open_at + 1 : close_at].rstrip()
    comma_outside = chunk.lstrip(" ").startswith(",")
    lower_next = chunk.strip()[:1].islower()
    if not (inner[-1:] in _TERMINAL_FOR_AFTER or comma_outside or lower_next):
        return None
    for pattern in (patterns.after_verb_first, patterns.after_source):
        match = pattern.match(chunk)
        if match:
            return _speaker(
                text, base + match.start("speaker"), base + match.end("speaker"), patterns
            )
    match = patterns.after_speaker_first.match(chunk)
    if match:
        found = _speaker(text, base + match.start("speaker"), base + match.end("speaker"), patterns)
        if found and len(found[0].split()) <= _MAX_SPEAKER_WORDS:
            return found
    return None


def _before(
    text: str, floor: int, open_at: int, patterns: _QuotePatterns
) -> tuple[str, int, int] | None:
    chunk = text[floor:open_at]
    match = patterns.before_source.search(chunk)
    if match:
        return _speaker(
            text, floor + match.start("speaker"), floor + match.end("speaker"), patterns
        )
    match = patterns.before_verb.search(chunk)
    if match is None:
        # An attribution earlier in the sentence: "The ministry said China "will …"".
        verbs = list(patterns.inline_verb.finditer(chunk))
        match = verbs[-1] if verbs else None
    if match is None:
        return None
    return _words_before(text, floor, floor + match.start(), patterns)


def _words_before(
    text: str, floor: int, end: int, patterns: _QuotePatterns
) -> tuple[str, int, int] | None:
    start = end
    while start > floor and (re.match(_SPEAKER_CHARS, text[start - 1]) or _initial(text, start)):
        start -= 1
    words = list(re.finditer(r"\S+", text[start:end]))
    if not words:
        return None
    first = words[max(len(words) - _MAX_SPEAKER_WORDS, 0)]
    return _speaker(text, start + first.start(), end, patterns)


def _initial(text: str, end: int) -> bool:
    """Tell whether ``text[:end]`` ends with an initial's full stop ("S.")."""
    return (
        text[end - 1] == "."
        and end >= 2
        and text[end - 2].isupper()
        and (end == 2 or not text[end - 3].isalnum())
    )


def _speaker(
    text: str, start: int, end: int, patterns: _QuotePatterns
) -> tuple[str, int, int] | None:
    """Trim a speaker span of spaces and leading conjunctions; ``None`` if nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    leading = patterns.leading.match(text[start:end])
    if leading:
        start += leading.end()
    if start >= end:
        return None
    return text[start:end], start, end
