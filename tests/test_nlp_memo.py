"""The token memo writes exactly what spaCy's attribute ruler and lemmatizer would write."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from bilat.nlp import load_nlp, parse
from bilat.nlp.memo import FACTORY, TokenMemo, _Rules


@pytest.fixture(scope="module")
def plain() -> Language:
    return load_nlp(memo=False)


@pytest.fixture(scope="module")
def memoized() -> Language:
    return load_nlp()


def _rows(doc: Doc) -> list[tuple[str, str, str, str, str, str, int, str]]:
    return [
        (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in doc
    ]


def _parsed(nlp: Language, text: str) -> Doc:
    """A doc as the parser leaves it, before the ruler and the lemmatizer."""
    doc = nlp.make_doc(text)
    for name in ("tok2vec", "tagger", "parser"):
        doc = nlp.get_pipe(name)(doc)
    return doc


def test_load_nlp_puts_the_memo_in_place_of_ruler_and_lemmatizer(memoized: Language) -> None:
    assert memoized.pipe_names == ["tok2vec", "tagger", "parser", FACTORY, "ner"]
    assert memoized.get_pipe(FACTORY).exact  # type: ignore[attr-defined]
    # disabled, still there: the memo runs them on unseen tokens
    assert "lemmatizer" in memoized.component_names


# each line exercises a two-token pattern: the written token's value depends on its neighbour
@pytest.mark.parametrize(
    ("text", "token", "expected"),
    [
        ("There is a plan.", 1, ("is", "VERB", "be")),
        ("He is a diplomat.", 1, ("is", "AUX", "be")),
        ("Let's go home.", 1, ("'s", "PRON", "us")),
        ("He's home.", 1, ("'s", "AUX", "be")),
        ("We're gonna win.", 2, ("gon", "VERB", "go")),
        ("We're gonna win.", 3, ("na", "PART", "to")),
        # a piece that opens on a token a pattern may write as its second: nothing before it
        ("Is it over?", 0, ("Is", "AUX", "be")),
    ],
)
def test_two_token_patterns_read_the_neighbour(
    plain: Language, memoized: Language, text: str, token: int, expected: tuple[str, str, str]
) -> None:
    doc = parse(memoized, text)
    assert (doc[token].text, doc[token].pos_, doc[token].lemma_) == expected
    assert _rows(doc) == _rows(parse(plain, text))


def test_label_conditions_split_the_same_word(plain: Language, memoized: Language) -> None:
    text = "It rained, and we saw it.\nIt ended."
    doc = parse(memoized, text)
    assert [(t.dep_, str(t.morph)) for t in doc if t.lower_ == "it"] == [
        ("nsubj", "Case=Nom|Gender=Neut|Number=Sing|Person=3|PronType=Prs"),
        ("dobj", "Case=Acc|Gender=Neut|Number=Sing|Person=3|PronType=Prs"),
        ("nsubj", "Case=Nom|Gender=Neut|Number=Sing|Person=3|PronType=Prs"),
    ]
    assert _rows(doc) == _rows(parse(plain, text))


def test_space_tokens_take_the_rulers_label(plain: Language, memoized: Language) -> None:
    text = "Talks  resumed in Geneva. \n\n Both sides  met again."
    doc = parse(memoized, text)
    # the ruler sets tag, POS, morphology and the label "dep" on every whitespace token
    assert [(t.text, t.tag_, t.pos_, t.dep_, str(t.morph)) for t in doc if t.is_space] == [
        (" ", "_SP", "SPACE", "dep", ""),
        ("\n", "_SP", "SPACE", "dep", ""),
        ("\n", "_SP", "SPACE", "dep", ""),
        (" ", "_SP", "SPACE", "dep", ""),
        (" ", "_SP", "SPACE", "dep", ""),
    ]
    assert _rows(doc) == _rows(parse(plain, text))


def test_memo_counts_misses_then_hits(plain: Language) -> None:
    memo = TokenMemo(plain)
    first = _parsed(plain, "Rain fell.")
    list(memo.pipe([first]))
    assert (memo.hits, memo.misses) == (0, 3)
    list(memo.pipe([_parsed(plain, "Rain fell."), _parsed(plain, "Rain fell.")]))
    assert (memo.hits, memo.misses) == (6, 3)
    assert [(t.pos_, t.lemma_) for t in first] == [
        ("NOUN", "rain"),
        ("VERB", "fall"),
        ("PUNCT", "."),
    ]


def test_memo_repeats_what_it_learnt(plain: Language) -> None:
    memo = TokenMemo(plain)
    text = "There is hope. Let's talk, said the envoys, who were meeting."
    learnt = memo(_parsed(plain, text))
    again = memo(_parsed(plain, text))
    # 16 tokens, 14 keys: the second "," and "." have the keys of the first ones
    assert (len(learnt), memo.misses, memo.hits) == (16, 14, 18)
    assert _rows(learnt) == _rows(again) == _rows(parse(plain, text))


@pytest.mark.parametrize(
    ("pattern", "exact"),
    [
        ([{"LOWER": "gon"}, {"LOWER": "na"}], True),
        ([{"LOWER": "a"}, {"LOWER": "b"}, {"LOWER": "c"}], False),
        ([{"LOWER": "a", "OP": "+"}], False),
        ([{"ENT_TYPE": "GPE"}], False),
    ],
)
def test_rules_memoize_only_patterns_the_key_covers(
    pattern: list[dict[str, str]], exact: bool
) -> None:
    rules = _Rules([{"patterns": [pattern], "attrs": {"LEMMA": "x"}, "index": 0}])
    assert rules.exact is exact
