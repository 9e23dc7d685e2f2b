"""The actor gazetteer's phrase index: what it matches, and that it is cached with knowledge."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from bilat.actors.gazetteer import Gazetteer
from bilat.knowledge import Knowledge
from bilat.nlp import load_nlp

# A fictional person, so no bundled entry can satisfy the test.
USER_YAML = """people:
  - id: mehrun-tavish
    name: Mehrun Tavish
    aliases: [Tavish]
    country: PAK
    roles:
      - {office: foreign_minister, country: PAK, start: 2030-01-01}
"""


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name and the surname inside it both match; the last word of the line too
        ("Risk after Indian strikes: Ishaq Dar", [(2, 3), (5, 7), (6, 7)]),
        # matching ignores case (the case filter comes later, in pieces())
        ("PAKISTAN and pakistan", [(0, 1), (2, 3)]),
        ("Markets fell on Monday.", []),
        ("", []),
    ],
)
def test_gazetteer_matches_every_known_phrase(
    nlp: Language, text: str, expected: list[tuple[int, int]]
) -> None:
    gazetteer = Gazetteer(nlp, Knowledge.load(cache_dir="none"))
    assert gazetteer.matches(nlp.make_doc(text)) == expected


def test_gazetteer_pieces_keep_the_longest_name(nlp: Language) -> None:
    gazetteer = Gazetteer(nlp, Knowledge.load(cache_dir="none"))
    doc = nlp.make_doc("Risk after Indian strikes: Ishaq Dar")
    pieces = [(p.start, p.end, p.entries[0].kind, p.entries[0].key) for p in gazetteer.pieces(doc)]
    assert pieces == [(2, 3, "adjective", "IND"), (5, 7, "person", "ishaq-dar")]


def test_gazetteer_index_is_read_from_the_cache(nlp: Language, tmp_path: Path) -> None:
    knowledge = Knowledge.load(cache_dir=tmp_path)
    built = Gazetteer(nlp, knowledge)
    hits, misses = knowledge.cache.hits, knowledge.cache.misses
    cached = Gazetteer(nlp, knowledge)
    assert (knowledge.cache.hits, knowledge.cache.misses) == (hits + 1, misses)
    doc = nlp.make_doc("Ishaq Dar met Chinese officials")
    assert cached.matches(doc) == built.matches(doc) == [(0, 2), (1, 2), (3, 4), (4, 5)]
    assert cached.by_lower == built.by_lower


def test_gazetteer_index_is_rebuilt_when_a_person_is_added(nlp: Language, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    doc = nlp.make_doc("Mehrun Tavish spoke")
    found = []
    for folder, people in (("before", "people: []\n"), ("after", USER_YAML)):
        # the same file name in two folders: only the content tells the two indexes apart
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "people.yaml").write_text(people, encoding="utf-8")
        found.append(
            Gazetteer(nlp, Knowledge.load([tmp_path / folder], cache_dir=cache)).matches(doc)
        )
    assert found == [[], [(0, 2), (1, 2)]]
