"""A user's knowledge directory adds people and organisations and overrides bundled ones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bilat.errors import KnowledgeError
from bilat.knowledge import Knowledge
from bilat.lookup import resolve_text
from bilat.settings import Settings

# Fictional people and a fictional organisation, so no bundled entry can satisfy the tests.
USER_YAML = """people:
  - id: mehrun-tavish
    name: Mehrun Tavish
    aliases: [Tavish]
    country: PAK
    roles:
      - {office: foreign_minister, country: PAK, start: 2030-01-01}
  - id: ishaq-dar
    name: Ishaq Dar
    aliases: [Dar]
    country: PAK
    roles:
      - {office: foreign_minister, country: PAK, start: 2024-03-11, end: 2029-12-31}
organisations:
  - code: PAKNGO
    name: Ravi Valley Water Council
    aliases: [RVWC]
    country: PAK
    sector: NGO
    kind: ngo
"""

ONLY_NEW_PERSON = USER_YAML.split("  - id: ishaq-dar")[0]


@pytest.fixture(scope="module")
def user_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return one user knowledge directory shared by the tests (one pipeline load)."""
    return _user_dir(tmp_path_factory.mktemp("user"), USER_YAML)


def _user_dir(root: Path, text: str) -> Path:
    folder = root / "knowledge"
    folder.mkdir()
    (folder / "mine.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.slow
def test_knowledge_load_user_dir_adds_and_overrides(user_dir: Path) -> None:
    kb = Knowledge.load([user_dir])
    tavish = kb.people["mehrun-tavish"]
    assert (tavish.name, tavish.country) == ("Mehrun Tavish", "PAK")
    assert [(r.office, r.start, r.end) for r in tavish.roles] == [
        ("foreign_minister", dt.date(2030, 1, 1), None)
    ]
    dar = kb.people["ishaq-dar"]
    assert [(r.office, r.end) for r in dar.roles] == [("foreign_minister", dt.date(2029, 12, 31))]
    assert [p.name for p in kb.holders("foreign_minister", "PAK", dt.date(2030, 6, 1))] == [
        "Mehrun Tavish"
    ]
    assert [p.name for p in kb.holders("foreign_minister", "PAK", dt.date(2025, 6, 1))] == [
        "Ishaq Dar"
    ]
    (council,) = [o for o in kb.organisations.values() if o.name == "Ravi Valley Water Council"]
    assert (council.code, council.country, council.sector) == ("PAKNGO", "PAK", "NGO")


@pytest.mark.slow
def test_knowledge_load_bundled_only_keeps_dar_open_ended() -> None:
    assert Knowledge.load().people["ishaq-dar"].roles[-1].end is None


@pytest.mark.slow
def test_resolve_text_user_foreign_minister_at_2030(user_dir: Path) -> None:
    settings = Settings(knowledge_dirs=(str(user_dir),))
    (found,) = resolve_text("Pakistan's Foreign Minister", date="2030-06-01", settings=settings)
    assert found == {
        "text": "Pakistan's Foreign Minister",
        "code": "PAKGOV",
        "country": "PAK",
        "sector": "GOV",
        "person": "Mehrun Tavish",
        "office": "foreign_minister",
        "how": "title foreign_minister of PAK: held by Mehrun Tavish on 2030-06-01",
    }
    (before,) = resolve_text("Pakistan's Foreign Minister", date="2025-06-01", settings=settings)
    assert before["person"] == "Ishaq Dar"


@pytest.mark.slow
def test_resolve_text_two_open_holders_leave_person_open(tmp_path: Path) -> None:
    # Without ending the bundled holder's tenure, two people hold the office in 2030.
    settings = Settings(knowledge_dirs=(str(_user_dir(tmp_path, ONLY_NEW_PERSON)),))
    (found,) = resolve_text("Pakistan's Foreign Minister", date="2030-06-01", settings=settings)
    assert (found["code"], found["person"]) == ("PAKGOV", None)
    assert found["how"] == "title foreign_minister of PAK: 2 holders on 2030-06-01"


def test_resolve_text_user_person_and_organisation(user_dir: Path) -> None:
    settings = Settings(knowledge_dirs=(str(user_dir),))
    found = resolve_text(
        "Mehrun Tavish met the Ravi Valley Water Council.", date="2030-06-01", settings=settings
    )
    assert [(f["text"], f["code"], f["person"], f["office"]) for f in found] == [
        ("Mehrun Tavish", "PAKGOV", "Mehrun Tavish", "foreign_minister"),
        ("Ravi Valley Water Council", "PAKNGO", None, None),
    ]


BAD_TYPE = """people:
  - id: mehrun-tavish
    name: Mehrun Tavish
    country: PAK
    roles:
      - office: foreign_minister
        country: PAK
        start: next spring
"""

UNKNOWN_KEY = """organisations:
  - code: PAKNGO
    name: Ravi Valley Water Council
    kind: ngo
    website: example.org
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "where", "what"),
    [
        (BAD_TYPE, "file.yaml:8:", "roles.0.start"),
        (UNKNOWN_KEY, "file.yaml:5:", "website: Extra inputs are not permitted"),
    ],
)
def test_knowledge_load_bad_user_file_names_file_and_line(
    tmp_path: Path, text: str, where: str, what: str
) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "file.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        Knowledge.load([folder])
    assert where in str(caught.value)
    assert what in str(caught.value)
    assert caught.value.line == int(where.split(":")[1])
