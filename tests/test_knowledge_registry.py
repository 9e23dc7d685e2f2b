"""The knowledge registry: every file validated with file:line errors, user files on top, and
the compiled cache (hit, rebuild on change, corrupt file, two processes starting at once)."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilat.cli import app
from bilat.errors import KnowledgeError
from bilat.knowledge import BUNDLED, Knowledge, knowledge_files
from bilat.knowledge.compiled import FileCache, Source, cache_dir_from, discover
from bilat.knowledge.files import Problem
from bilat.knowledge.loader import check_file
from bilat.knowledge.schema import SECTIONS
from bilat.places import Geocoder

# A fictional person, so that no bundled entry can be what a test finds.
PERSON = """people:
  - id: rehan-kasi
    name: {name}
    country: PAK
    roles:
      - {{office: foreign_minister, country: PAK, start: 2031-01-01}}
"""


def _fresh(cache: Path | None, *dirs: Path) -> Knowledge:
    """Return a new Knowledge (Knowledge.load keeps one per process and arguments)."""
    return Knowledge(discover([BUNDLED, *dirs]), FileCache(cache))


def _source(name: str) -> Source:
    return next(s for s in discover([BUNDLED]) if s.path.name == name)


def test_registry_cache_hit_gives_the_same_sections(tmp_path: Path) -> None:
    cold = _fresh(tmp_path)
    countries = cold.countries
    assert (cold.cache.hits, cold.cache.misses) == (0, 1)
    warm = _fresh(tmp_path)
    assert warm.countries == countries
    assert (warm.cache.hits, warm.cache.misses) == (1, 0)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        FileCache(tmp_path).key(_source("countries.yaml")) + ".pickle"
    ]


def test_registry_sections_are_loaded_lazily(tmp_path: Path) -> None:
    knowledge = _fresh(tmp_path)
    assert knowledge.units.tariff_window == 8
    # units.yaml alone was validated: no people, places or CAMEO file was read.
    assert (knowledge.cache.hits, knowledge.cache.misses) == (0, 1)


def test_registry_cache_rebuilds_a_changed_user_file(tmp_path: Path) -> None:
    cache, mine = tmp_path / "cache", tmp_path / "mine"
    mine.mkdir()
    (mine / "people.yaml").write_text(PERSON.format(name="Rehan Kasi"), encoding="utf-8")
    assert _fresh(cache, mine).people["rehan-kasi"].name == "Rehan Kasi"
    (mine / "people.yaml").write_text(PERSON.format(name="Rehan A. Kasi"), encoding="utf-8")
    again = _fresh(cache, mine)
    assert again.people["rehan-kasi"].name == "Rehan A. Kasi"
    bundled_people = [s for s in discover([BUNDLED]) if "people" in s.sections]
    assert (again.cache.hits, again.cache.misses) == (len(bundled_people) + 1, 1)


def test_registry_stale_user_file_reports_file_and_line(tmp_path: Path) -> None:
    cache, mine = tmp_path / "cache", tmp_path / "mine"
    mine.mkdir()
    path = mine / "people.yaml"
    path.write_text(PERSON.format(name="Rehan Kasi"), encoding="utf-8")
    _fresh(cache, mine).section("people")
    path.write_text(PERSON.format(name="Rehan Kasi").replace("2031-01-01", "2031-13-01"))
    with pytest.raises(KnowledgeError) as caught:
        _fresh(cache, mine).section("people")
    assert str(caught.value) == (
        f"[E200] {path}:6: roles.0.start: Input should be a valid date or datetime, "
        "month value is outside expected range of 1-12"
    )


def test_registry_corrupt_cache_file_is_rebuilt(tmp_path: Path) -> None:
    target = tmp_path / (FileCache(tmp_path).key(_source("cameo.tsv")) + ".pickle")
    target.write_bytes(b"\x80\x05not a pickle")
    knowledge = _fresh(tmp_path)
    assert knowledge.cameo["042"].name == "Make a visit"
    assert (knowledge.cache.hits, knowledge.cache.misses) == (0, 1)
    with target.open("rb") as handle:
        assert sorted(pickle.load(handle)["value"]) == ["cameo"]
    assert _fresh(tmp_path).cameo == knowledge.cameo


@pytest.mark.slow
def test_registry_two_processes_start_at_once(tmp_path: Path) -> None:
    code = (
        "from bilat.knowledge import Knowledge\n"
        "kb = Knowledge.load()\n"
        "print(len(kb.people), len(kb.countries), kb.cameo['042'].name)\n"
    )
    env = {**os.environ, "BILAT_CACHE_DIR": str(tmp_path)}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err.decode() for _, err in outputs]
    expected = _fresh(None)
    line = f"{len(expected.people)} {len(expected.countries)} Make a visit\n"
    assert [out.decode() for out, _ in outputs] == [line, line]
    # Every file either process validated is cached once, and no temporary file is left.
    names = sorted(p.name for p in tmp_path.iterdir())
    assert not [n for n in names if n.startswith(".tmp-")]
    warm = _fresh(tmp_path)
    assert len(warm.people) == len(expected.people)
    assert warm.cache.misses == 0


def test_registry_user_table_adds_rows_and_reports_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "places_regions.csv"
    path.write_text(
        "# my regions\nname,country,lat,lon,aliases\nThar,PAK,24.9,70.3,\nKurram,PAK,north,70.1,\n",
        encoding="utf-8",
    )
    assert check_file(path) == [
        Problem(str(path), 4, "lat: Value error, could not convert string to float: 'north'")
    ]
    with pytest.raises(KnowledgeError, match=r"places_regions\.csv:4: lat: Value error"):
        Knowledge.load([tmp_path], cache_dir="none")
    path.write_text("name,country,lat,lon,aliases\nThar,PAK,24.9,70.3,\n", encoding="utf-8")
    regions = _fresh(None, tmp_path).rows("places_regions")
    assert regions[-1] == {
        "name": "Thar",
        "country": "PAK",
        "lat": "24.9",
        "lon": "70.3",
        "aliases": "",
    }
    assert len(regions) == len(_fresh(None).rows("places_regions")) + 1


def test_registry_user_words_are_added_and_values_replaced(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(
        "group_nouns: [partners]\nmin_words: 6\nspeech_verbs: [averred]\n", encoding="utf-8"
    )
    bundled, mine = _fresh(None), _fresh(None, tmp_path)
    assert mine.actor_rules.group_nouns == bundled.actor_rules.group_nouns | {"partners"}
    assert (bundled.quote_words.min_words, mine.quote_words.min_words) == (4, 6)
    assert mine.quote_words.speech_verbs == [*bundled.quote_words.speech_verbs, "averred"]


def test_registry_unknown_table_is_named_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "regions.csv"
    path.write_text("name\nThar\n", encoding="utf-8")
    [problem] = check_file(path)
    assert (problem.line, problem.message.split(";")[0]) == (1, "unknown table 'regions.csv'")
    assert "places_regions.csv" in problem.message


def test_registry_missing_user_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError) as caught:
        Knowledge.load([tmp_path / "absent"], cache_dir="none")
    assert str(caught.value) == (
        f"[E200] knowledge directory {tmp_path / 'absent'} does not exist; "
        "fix knowledge_dirs in bilat.toml"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [("none", None), ("off", None), ("/x/cache", Path("/x/cache"))],
)
def test_registry_cache_dir_setting(value: str, expected: Path | None) -> None:
    assert cache_dir_from(value) == expected


@pytest.mark.slow
def test_cli_knowledge_check_without_files_checks_every_file() -> None:
    result = CliRunner().invoke(app, ["knowledge", "check"])
    assert result.exit_code == 0, result.output
    assert result.output == f"ok: {len(knowledge_files())} file(s) valid\n"


@pytest.mark.slow
def test_registry_geocoder_index_is_cached_and_follows_user_places(tmp_path: Path) -> None:
    cache, mine = tmp_path / "cache", tmp_path / "mine"
    mine.mkdir()
    (mine / "places_aliases.csv").write_text(
        "alias,place,country\nQasr-e-Nilofar,Islamabad,PAK\n", encoding="utf-8"
    )
    first = _fresh(cache, mine)
    found = Geocoder.load(first).geocode("Qasr-e-Nilofar")
    assert (found.name, found.country) == ("Islamabad", "PAK") if found else found
    assert first.cache.hits == 0
    again = _fresh(cache, mine)
    found = Geocoder.load(again).geocode("Qasr-e-Nilofar")
    assert (found.name, found.country) == ("Islamabad", "PAK") if found else found
    # One hit, the index itself: not even the place tables were read again.
    assert (again.cache.hits, again.cache.misses) == (1, 0)
    assert Geocoder.load(_fresh(None)).geocode("Qasr-e-Nilofar") is None


def test_registry_finds_every_file_with_a_verbs_section(tmp_path: Path) -> None:
    (tmp_path / "my_verbs.yaml").write_text(
        'verbs:\n  - {id: 042-tour, code: "042", verbs: [tour], target: [dobj]}\n',
        encoding="utf-8",
    )
    (tmp_path / "people.yaml").write_text(PERSON.format(name="Rehan Kasi"), encoding="utf-8")
    knowledge = _fresh(None, tmp_path)
    bundled = [s.path for s in discover([BUNDLED]) if "verbs" in s.sections]
    assert [p.name for p in bundled if p.name == "verbs.yaml"] == ["verbs.yaml"]
    assert knowledge.verb_files == (*bundled, tmp_path / "my_verbs.yaml")


def test_registry_prunes_cached_files_unused_for_a_month(tmp_path: Path) -> None:
    old = tmp_path / ("0" * 64 + ".pickle")
    old.write_bytes(pickle.dumps({"value": {}}))
    os.utime(old, (1_000_000_000, 1_000_000_000))
    knowledge = _fresh(tmp_path)
    knowledge.section("relations")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        FileCache(tmp_path).key(_source("relations.yaml")) + ".pickle"
    ]


def test_every_section_is_documented() -> None:
    text = (Path(__file__).parents[1] / "docs" / "knowledge.md").read_text(encoding="utf-8")
    rows = [line.split("|")[1].strip() for line in text.splitlines() if line.startswith("| `")]
    assert rows == [f"`{name}`" for name in SECTIONS]


def test_registry_unknown_office_is_reported_at_the_person(tmp_path: Path) -> None:
    path = tmp_path / "people.yaml"
    path.write_text(
        PERSON.format(name="Rehan Kasi").replace("foreign_minister", "grand_vizier"),
        encoding="utf-8",
    )
    knowledge = _fresh(None, tmp_path)
    with pytest.raises(KnowledgeError) as caught:
        knowledge.people  # noqa: B018 - the check runs when people are first used
    assert str(caught.value) == (
        f"[E200] {path}:2: person 'rehan-kasi' has a role in unknown office 'grand_vizier'; "
        "add the office to an offices section or fix the id"
    )
