"""Who held an office on a date: every holder of the post, in the order of the people."""

from __future__ import annotations

import datetime as dt

import pytest

from bilat.knowledge import Knowledge
from bilat.settings import Settings

# Fictional people: two acting ministers at once, one of them also an envoy of another country.
ACTING = """people:
  - id: zora-quell
    name: Zora Quell
    country: TUV
    roles:
      - {office: foreign_minister, country: TUV, start: 2031-01-01, end: 2031-06-30}
      - {office: ambassador, country: NRU, start: 2030-01-01}
  - id: anil-varda
    name: Anil Varda
    country: TUV
    roles:
      - {office: foreign_minister, country: TUV, start: 2031-03-01}
"""


@pytest.fixture(scope="module")
def acting(tmp_path_factory: pytest.TempPathFactory) -> Knowledge:
    folder = tmp_path_factory.mktemp("acting") / "knowledge"
    folder.mkdir()
    (folder / "acting.yaml").write_text(ACTING, encoding="utf-8")
    return Knowledge.load([*Settings().knowledge_dirs, str(folder)])


@pytest.mark.parametrize(
    ("office", "country", "on", "expected"),
    [
        ("foreign_minister", "TUV", dt.date(2031, 2, 1), ["Zora Quell"]),
        ("foreign_minister", "TUV", dt.date(2031, 4, 1), ["Zora Quell", "Anil Varda"]),
        ("foreign_minister", "TUV", dt.date(2031, 7, 1), ["Anil Varda"]),
        ("foreign_minister", "NRU", dt.date(2031, 4, 1), []),
        # a national name of the same post is found, both ways round
        ("foreign_minister", "USA", dt.date(2024, 6, 1), ["Antony Blinken"]),
        ("secretary_of_state", "USA", dt.date(2024, 6, 1), ["Antony Blinken"]),
    ],
)
def test_holders_of_a_post_on_a_date(
    acting: Knowledge, office: str, country: str, on: dt.date, expected: list[str]
) -> None:
    assert [p.name for p in acting.holders(office, country, on)] == expected
