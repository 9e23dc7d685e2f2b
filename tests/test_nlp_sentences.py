"""Texts are parsed as rule-based sentences, cut at line breaks and sentence-final punctuation."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bilat.nlp import load_nlp, parse, sentence_pieces


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rain fell. Wind rose.\nPakistan condemned India.",
            [["Rain fell. ", "Wind rose.\n"], ["Pakistan condemned India."]],
        ),
        # "Mr." and "U.S." are single tokens; a closing quote stays with its sentence; two
        # spaces after a full stop stay with the sentence they follow
        (
            'Mr. Lee met the U.S. envoy.  "We agreed," he said. Then he left!\n',
            [["Mr. Lee met the U.S. envoy.  ", '"We agreed," he said. ', "Then he left!\n"]],
        ),
        (
            "A headline without a full stop\n\nBody.",
            [["A headline without a full stop\n"], ["\n"], ["Body."]],
        ),
        ("", [[""]]),
    ],
)
def test_sentence_pieces_cut_lines_then_sentences(
    nlp: Language, text: str, expected: list[list[str]]
) -> None:
    pieces = list(sentence_pieces(nlp, text))
    assert [[p.text for p in line] for line in pieces] == expected
    assert "".join(p.text for line in pieces for p in line) == text


def test_sentence_pieces_leave_the_parser_free(nlp: Language) -> None:
    # the rule-based cut sets no boundary inside a piece: the parser keeps a line's closing
    # newline with its sentence, as it does for a line parsed whole
    doc = parse(nlp, "Rain fell. Wind rose.\nPakistan condemned India.")
    assert [s.text for s in doc.sents] == [
        "Rain fell.",
        "Wind rose.\n",
        "Pakistan condemned India.",
    ]
    assert doc.text == "Rain fell. Wind rose.\nPakistan condemned India."
