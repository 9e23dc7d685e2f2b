"""The built gazetteer is kept on disk, read back equal, and rebuilt when an input changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bilat.places import compiled
from bilat.places.compiled import INPUT_FILES, cache_dir, load_gazetteer
from bilat.places.gazetteer import KNOWLEDGE, Gazetteer, name_key


def _refuse_build(knowledge: Path = KNOWLEDGE) -> Gazetteer:
    raise AssertionError("the gazetteer was built although a current cache file exists")


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    folder = tmp_path / "knowledge"
    folder.mkdir()
    for name in INPUT_FILES:
        shutil.copy(KNOWLEDGE / name, folder / name)
    return folder


def test_places_cache_written_once_then_read_equal(
    knowledge: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    built = load_gazetteer(knowledge, directory=cache)
    files = [p.name for p in cache.iterdir()]
    assert [name[:10] for name in files] == ["gazetteer-"]
    monkeypatch.setattr(compiled, "build_gazetteer", _refuse_build)
    read = load_gazetteer(knowledge, directory=cache)
    assert read == built
    assert [n.entry.country for n in read.index[name_key("Hyderabad")]][:2] == ["IND", "PAK"]
    assert [p.name for p in cache.iterdir()] == files


def test_places_cache_rebuilt_when_an_input_changes(knowledge: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load_gazetteer(knowledge, directory=cache)
    old = sorted(cache.iterdir())
    assert "zzyzx" not in first.stopwords
    with (knowledge / "places_stoplist.csv").open("a", encoding="utf-8") as handle:
        handle.write("Zzyzx,word\n")
    second = load_gazetteer(knowledge, directory=cache)
    new = sorted(cache.iterdir())
    assert "zzyzx" in second.stopwords
    assert len(new) == 1
    assert new != old
    assert load_gazetteer(knowledge, directory=cache) == second


def test_places_cache_damaged_file_is_rebuilt(knowledge: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    built = load_gazetteer(knowledge, directory=cache)
    (path,) = cache.iterdir()
    path.write_bytes(b"not a pickle")
    assert load_gazetteer(knowledge, directory=cache) == built
    assert [p.name for p in cache.iterdir()] == [path.name]
    assert path.stat().st_size > 1_000_000


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"BILAT_CACHE_DIR": "none"}, None),
        ({"BILAT_CACHE_DIR": "/srv/cache"}, Path("/srv/cache")),
        ({"XDG_CACHE_HOME": "/home/u/.c"}, Path("/home/u/.c/bilat/places")),
    ],
)
def test_places_cache_dir_from_environment(
    env: dict[str, str], expected: Path | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BILAT_CACHE_DIR", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert cache_dir() == expected
