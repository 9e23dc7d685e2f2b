"""The pre-filter parses only sentences that can hold an event, and changes no event."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilat.extract import Pipeline
from bilat.nlp import sentence_pieces
from bilat.prefilter import Prefilter, Screen
from bilat.records import Document
from bilat.settings import Settings, load_settings
from bilat.sources import ReadOptions, read_inputs

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

TEXTS = [
    "Markets were calm on Monday.\nPakistan condemned India over the shelling.\n\nRain fell.",
    "The weather stayed dry.",
    "Japan's foreign minister held talks with his Chinese counterpart in Beijing.\n"
    "Both sides agreed to meet again.\nShares rose 2 percent.\nHe met them later.",
]


@pytest.fixture(scope="module")
def prefilter() -> Prefilter:
    pipeline = Pipeline.load(Settings())
    assert pipeline.prefilter is not None
    return Prefilter(pipeline.nlp, pipeline.gazetteer, pipeline.coder.patterns)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # "shelling" is a use of force, which may take its target from a place
        ("Pakistan condemned India over the shelling.", Screen(2, 2, False, True)),
        ("Pakistani jets struck hideouts in Khost.", Screen(1, 1, False, True)),
        ("Markets stayed calm on Monday.", Screen(0, 0, False)),
        ("Both sides agreed to meet again.", Screen(2, 1, True)),
        ("He met them later.", Screen(1, 1, False, referring=1)),
        ("China held talks.", Screen(2, 1, False)),
        # adjacent pieces make one mention, as the resolver joins them
        ("Pakistani army chief General Asim Munir visited the base.", Screen(1, 1, False)),
        ("Chinese Foreign Minister Wang Yi held talks in the morning.", Screen(2, 1, False)),
        # a comma's join depends on the parse, so both sides of it count
        # "The army chief" alone may take an earlier actor
        ("The army chief, General Asim Munir, visited the base.", Screen(1, 2, False, referring=1)),
        # a multi-word trigger counts at its last word when its other words are in the line
        ("Kenya and Uganda agreed to a cease-fire.", Screen(2, 2, False, True)),
        ("Kenya and Uganda stood in the rain.", Screen(0, 0, False)),
        # "be in" is a visit (042) of a person or office holder only
        ("Pakistan was in Beijing.", Screen(0, 0, False)),
        ("Ishaq Dar was in Beijing.", Screen(1, 2, False)),
        ("The minister was in Beijing.", Screen(1, 2, False, referring=1)),
        ("The UN chief was in Beijing.", Screen(1, 2, False)),
    ],
)
def test_prefilter_screen_counts_triggers_and_actors(
    prefilter: Prefilter, line: str, expected: Screen
) -> None:
    assert prefilter.screen(prefilter.nlp.make_doc(line)) == expected


def test_prefilter_names_in_gives_surnames_of_actor_phrases(prefilter: Prefilter) -> None:
    line = prefilter.nlp.make_doc("UNHCR spokesman Paul Stromberg arrived in Goma.")
    assert prefilter.names_in(line) == {"paul", "stromberg"}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # an untitled introduction of a known person votes for the article's home country
        ("Foreign Affairs Adviser Touhid Hossain spoke on Monday.", True),
        ("Later Ishaq Dar spoke.", False),
        ("Ishaq Dar spoke on Monday.", False),
        ("Markets stayed calm.", False),
    ],
)
def test_prefilter_introduces_finds_capitalized_words_before_a_known_name(
    prefilter: Prefilter, line: str, expected: bool
) -> None:
    assert prefilter.introduces(prefilter.nlp.make_doc(line)) is expected


def test_prefilter_names_in_gives_the_family_name_first(prefilter: Prefilter) -> None:
    # "Kim" for "Kim Jong Un", as the resolver links it
    line = prefilter.nlp.make_doc("Trump met Kim Jong Un.")
    assert prefilter.names_in(line) == {"trump", "kim", "un"}


def test_prefilter_screen_counts_a_surname_named_earlier(prefilter: Prefilter) -> None:
    # the resolver links a bare "Stromberg" to the UNHCR spokesman named lines before
    line = prefilter.nlp.make_doc('"We met the governor," Stromberg said.')
    assert prefilter.screen(line) == Screen(1, 1, False, referring=1)
    assert prefilter.screen(line, {"paul", "stromberg"}) == Screen(1, 2, False, referring=2)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("condemned", True),
        ("held", True),
        ("talks", True),
        ("visits", True),
        ("rain", False),
        # "sit-in" is a trigger whole; its words are not ("in" is in most lines)
        ("sit-in", True),
        ("in", False),
    ],
)
def test_prefilter_trigger_form_reads_inflections(
    prefilter: Prefilter, word: str, expected: bool
) -> None:
    assert prefilter.is_trigger_form(word) is expected


def test_prefilter_parse_many_keeps_texts_and_order(prefilter: Prefilter) -> None:
    docs = list(prefilter.parse_many(TEXTS * 3, batch_size=1))
    assert [d.text for d in docs] == TEXTS * 3
    parsed = [[t.text for t in d if t.dep_ == "nsubj"] for d in docs[:3]]
    assert parsed == [["Pakistan"], [], ["minister", "sides"]]


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        # a paragraph's sentence that cannot hold an event is not parsed
        ("Rain fell in Kabul. Pakistan condemned India.", [False, True]),
        ("Pakistan condemned India. Rain fell in Kabul all day long.", [True, False]),
        # a pronoun or a bare title takes its antecedent from the parse of the line before it
        ("Ishaq Dar landed in Kabul. He condemned India.", [True, True]),
        # with no person named before it, "he" names no one
        ("Rain fell in Kabul. He condemned India.", [False, False]),
        ("Rain fell in Kabul. The minister condemned India.", [True, True]),
        # a short capitalized sentence may be a fragment of the one before
        ("Pakistan condemned India. Army chief Asim Munir.", [True, True]),
        ("Pakistan condemned India.\nArmy chief Asim Munir.", [True, False]),
        # a bare title may name someone named lines before by a name only the parse finds:
        # the last earlier sentence naming such a person is parsed too
        (
            "Former French minister Paul Verdier spoke.\nRain fell.\n"
            "The ex-minister condemned India.",
            [True, False, True],
        ),
        (
            "Former French minister Paul Verdier spoke.\nRain fell.\nHe condemned India.",
            [False, False, True],
        ),
        # a bare sector takes no person's country: the naming sentence is not needed
        (
            "Former French minister Paul Verdier spoke.\nRain fell.\nThe rebels condemned India.",
            [False, False, True],
        ),
    ],
)
def test_prefilter_parse_many_parses_candidate_sentences(
    prefilter: Prefilter, text: str, parsed: list[bool]
) -> None:
    doc = next(prefilter.parse_many([text]))
    assert [any(t.pos_ for t in s) for s in doc.sents] == parsed


def test_prefilter_parse_many_splits_unparsed_lines_into_sentences(prefilter: Prefilter) -> None:
    doc = next(prefilter.parse_many(["Rain fell. Wind rose.\nPakistan condemned India."]))
    assert [s.text.strip() for s in doc.sents] == [
        "Rain fell.",
        "Wind rose.",
        "Pakistan condemned India.",
    ]


def test_prefilter_extract_many_equals_full_parse_events() -> None:
    settings = Settings()
    fast = Pipeline.load(settings)
    full = Pipeline(fast.nlp, fast.knowledge, prefilter=False)
    documents = [Document.from_text(t, doc_id=f"t{i}") for i, t in enumerate(TEXTS)]
    expected = [[e.as_dict() for e in x.events] for x in full.extract_many(documents)]
    assert [[e.as_dict() for e in x.events] for x in fast.extract_many(documents)] == expected
    # "Both sides agreed to meet again" is one event (036), not also a planned meeting
    assert [len(e) for e in expected] == [1, 0, 2]


@pytest.mark.slow
def test_prefilter_loses_no_seed_events() -> None:
    seeds = SHARED / "corpus" / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared not present")
    documents = [d for d in read_inputs([seeds], ReadOptions()) if isinstance(d, Document)]
    fast = Pipeline.load(Settings())
    full = Pipeline(fast.nlp, fast.knowledge, prefilter=False)
    expected = sorted(e.id for x in full.extract_many(documents) for e in x.events)
    assert sorted(e.id for x in fast.extract_many(documents) for e in x.events) == expected


def test_prefilter_setting_off_parses_every_line(tmp_path: Path) -> None:
    path = tmp_path / "bilat.toml"
    path.write_text("prefilter = false\n", encoding="utf-8")
    settings = load_settings(path)
    assert settings.prefilter is False
    assert Pipeline.load(settings).prefilter is None
    assert Pipeline.load(Settings()).prefilter is not None


@pytest.mark.parametrize(
    ("line", "antecedent", "expected"),
    [
        # "it" names a state or organisation of its sentence or the one before, or no one
        ("It condemned India.", False, Screen(1, 1, False)),
        ("It condemned India.", True, Screen(1, 2, False, referring=1)),
        ("India said it condemned the vote.", False, Screen(1, 2, False, referring=1)),
        ("The country said it condemned India.", False, Screen(1, 2, False, referring=1)),
    ],
)
def test_prefilter_screen_counts_it_only_after_a_possible_antecedent(
    prefilter: Prefilter, line: str, antecedent: bool, expected: Screen
) -> None:
    doc = prefilter.nlp.make_doc(line)
    assert prefilter.screen(doc, antecedent=antecedent) == expected


@pytest.mark.parametrize(
    ("line", "person", "expected"),
    [
        # "he" names a person or office holder named before it in the document, or no one
        ("He condemned India.", False, Screen(1, 1, False)),
        ("He condemned India.", True, Screen(1, 2, False, referring=1)),
        ("The minister said he condemned India.", False, Screen(1, 3, False, referring=2)),
        ("The UN chief said he condemned India.", False, Screen(1, 3, False, referring=1)),
        ("The UN said he condemned India.", False, Screen(1, 2, False)),
    ],
)
def test_prefilter_screen_counts_he_only_after_a_possible_person(
    prefilter: Prefilter, line: str, person: bool, expected: Screen
) -> None:
    doc = prefilter.nlp.make_doc(line)
    assert prefilter.screen(doc, person=person) == expected


@pytest.mark.parametrize(
    ("line", "titles"),
    [
        ("The ex-minister condemned India.", 1),
        ("The army chief condemned India.", 1),
        # a bare sector takes its country from actor phrases, never from a person
        ("The rebels condemned India.", 0),
        ("Indian rebels condemned the minister.", 1),
    ],
)
def test_prefilter_screen_counts_bare_titles(prefilter: Prefilter, line: str, titles: int) -> None:
    assert prefilter.screen(prefilter.nlp.make_doc(line)).titles == titles


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Markets fell.\nIt condemned India.", [[False], [False]]),
        ("The army left.\nIt condemned India.", [[False], [True]]),
        ("The board met. Rain fell.\nIt condemned India.", [[False, False], [False]]),
        ("Markets fell.\nHe condemned India.", [[False], [False]]),
        ("Ishaq Dar spoke.\nMarkets fell.\nHe condemned India.", [[False], [False], [True]]),
        ("Pakistan condemned India.\nRain fell.", [[True], [False]]),
    ],
)
def test_prefilter_choose_reads_the_sentence_before_for_it(
    prefilter: Prefilter, text: str, expected: list[list[bool]]
) -> None:
    assert prefilter.choose(list(sentence_pieces(prefilter.nlp, text))) == expected
