"""Find the knowledge files, validate each once, and keep the result in a compiled cache.

Validating a knowledge file (the YAML node tree that gives ``file:line`` errors, then the
schema of each section) costs seconds for the bundled people and organisations; the result does
not change until the file does. So each file's validated sections are pickled into the cache
directory under a key made of the file's name and content hash, bilat's version and the source
of the schema, and later processes read the pickle instead. A changed file has a new key and
is validated again (with its line-numbered errors); nothing has to be cleared by hand.

Several processes may start at once: each writes its pickle to a temporary file in the cache
directory and renames it into place, which is atomic, so a reader sees a whole file or none. A
pickle that cannot be read (truncated, from another Python) is treated as missing and replaced.

The cache directory is ``$BILAT_CACHE_DIR``, else ``$XDG_CACHE_HOME/bilat/knowledge``, else
``~/.cache/bilat/knowledge``; ``none`` turns the cache off. It holds only what bilat wrote, and
is read with :mod:`pickle`, so it must not be writable by other users.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import importlib.metadata
import logging
import os
import pickle
import re
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pydantic

from bilat.errors import KnowledgeError
from bilat.knowledge.files import raise_problems, read_text
from bilat.knowledge.loader import load_yaml_file
from bilat.knowledge.schema import SECTIONS
from bilat.knowledge.tables import TABLE_SUFFIXES, read_table

log = logging.getLogger(__name__)
T = TypeVar("T")

YAML_SUFFIXES = (".yaml", ".yml")
# A top-level key of a YAML file: what lazy loading uses to know which files hold a section.
_TOP_KEY = re.compile(r"^[\"']?([A-Za-z_][\w-]*)[\"']?\s*:", re.MULTILINE)
# A cached file unused this long is pruned when another is written (each edit of a knowledge
# file leaves the pickle of its old content behind).
_KEEP_UNUSED_SECONDS = 30 * 24 * 3600
_OFF = {"none", "off", "no", "false", "0"}


@dataclass(frozen=True)
class Source:
    """One knowledge file: where it is, its content hash, and the sections it holds."""

    path: Path
    digest: str
    sections: frozenset[str]
    """Empty for a YAML file whose top-level keys could not be told without parsing it."""


def default_cache_dir() -> Path | None:
    """Return the compiled-knowledge cache directory, or None when the cache is turned off.

    Returns:
        ``$BILAT_CACHE_DIR``, else ``$XDG_CACHE_HOME/bilat/knowledge``, else
        ``~/.cache/bilat/knowledge``; None when ``BILAT_CACHE_DIR`` is ``none``.
    """
    chosen = os.environ.get("BILAT_CACHE_DIR")
    return cache_dir_from(chosen)


def cache_dir_from(value: str | Path | None) -> Path | None:
    """Return the cache directory a setting names (``""`` or None: the default; ``none``: off).

    Args:
        value: the ``cache_dir`` setting or ``BILAT_CACHE_DIR``.
    """
    if value is None or str(value) == "":
        base = os.environ.get("XDG_CACHE_HOME")
        if not base:
            try:
                base = str(Path.home() / ".cache")
            except RuntimeError:  # no home directory: run without a cache
                return None
        return Path(base) / "bilat" / "knowledge"
    if str(value).strip().lower() in _OFF:
        return None
    return Path(value).expanduser()


def discover(folders: Sequence[Path]) -> tuple[Source, ...]:
    """List the knowledge files of each folder, in load order, with their hashes and sections.

    Args:
        folders: the bundled folder, then the user's ``knowledge_dirs`` (last wins).

    Returns:
        The files: YAML files and the tables and word lists named after a known section.

    Raises:
        KnowledgeError: a folder does not exist.
    """
    sources: list[Source] = []
    for folder in folders:
        if not folder.is_dir():
            raise KnowledgeError(
                f"knowledge directory {folder} does not exist; fix knowledge_dirs in bilat.toml"
            )
        for path in sorted(folder.iterdir()):
            if path.suffix in YAML_SUFFIXES:
                data = path.read_bytes()
                text = data.decode("utf-8", errors="replace")
                keys = frozenset(_TOP_KEY.findall(text))
            elif path.suffix in TABLE_SUFFIXES and path.stem in SECTIONS:
                data = path.read_bytes()
                keys = frozenset({path.stem})
            else:
                continue  # e.g. a README beside the user's files
            sources.append(Source(path, hashlib.sha256(data).hexdigest(), keys))
    return tuple(sources)


def compile_file(path: Path) -> dict[str, Any]:
    """Validate one knowledge file and return its sections (no cache).

    Args:
        path: a YAML file, table or word list.

    Returns:
        Section name → validated content: entries as a list, a table's rows as a list, a word
        list as a list of words, other sections as their value.

    Raises:
        KnowledgeError: every problem in the file, each at its ``file:line``.
    """
    if path.suffix in YAML_SUFFIXES:
        return load_yaml_file(path)
    read_text(path)  # a file that is not UTF-8 is reported as such
    table = read_table(path)
    raise_problems(list(table.problems))
    return {table.section: list(table.rows)}


@functools.cache
def fingerprint() -> str:
    """Return what, besides a file, decides its compiled form: bilat's version and schema source.

    Hashing the source of the modules that validate means a changed schema invalidates the
    cache during development too, when the version number has not moved.
    """
    try:
        version = importlib.metadata.version("bilat")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    # The pickles hold pydantic models: another pydantic or Python may lay them out otherwise.
    versions = f"{version} pydantic {pydantic.VERSION} python {sys.version_info[:2]}"
    digest = hashlib.sha256(versions.encode())
    here = Path(__file__).parent
    for name in ("schema.py", "loader.py", "tables.py", "compiled.py", "files.py"):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()


class FileCache:
    """Compiled knowledge files on disk, keyed by content; a None directory caches nothing."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self.hits = 0
        self.misses = 0

    def key(self, source: Source) -> str:
        """Return the cache key of a file: its name and content hash with the fingerprint."""
        text = f"{fingerprint()}\0{source.path.name}\0{source.digest}"
        return hashlib.sha256(text.encode()).hexdigest()

    def compiled(self, source: Source) -> dict[str, Any]:
        """Return a file's validated sections, from the cache or by validating it (then stored).

        Args:
            source: the file, as found by :func:`discover`.

        Raises:
            KnowledgeError: the file is invalid (only raised when it is validated, that is
                when its content is not in the cache).
        """
        sections: dict[str, Any] = self._cached(self.key(source), lambda: compile_file(source.path))
        return sections

    def derived(self, name: str, inputs: Sequence[str], build: Callable[[], T]) -> T:
        """Return an object built from knowledge (an index), from the cache when still valid.

        Args:
            name: what the object is, e.g. ``"gazetteer"``.
            inputs: everything the object depends on besides bilat's version and schema: the
                content hashes of its files, the version of the code and data that build it.
            build: what makes the object when it is not cached (its result must pickle).

        Returns:
            The object.
        """
        text = "\0".join([fingerprint(), name, *inputs])
        built: T = self._cached(hashlib.sha256(text.encode()).hexdigest(), build)
        return built

    def _cached(self, key: str, build: Callable[[], Any]) -> Any:
        target = self.directory / f"{key}.pickle" if self.directory else None
        if target is not None:
            found = _read_pickle(target)
            if found is not None:
                self.hits += 1
                _touch(target)
                return found["value"]
        self.misses += 1
        value = build()
        if target is not None:
            _write_pickle(target, {"value": value})
            _prune(target.parent)
        return value


def _read_pickle(path: Path) -> dict[str, Any] | None:
    # The collector would walk the growing object graph again and again while it is unpickled
    # (ten times slower for the gazetteer's index); nothing in it is garbage.
    enabled = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as handle:
            data = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception as exc:
        log.warning("compiled knowledge %s is unreadable (%s); rebuilding it", path, exc)
        return None
    finally:
        if enabled:
            gc.enable()
    return data if isinstance(data, dict) and "value" in data else None


def _touch(path: Path) -> None:
    # A read-only cache still serves; its files are only pruned sooner.
    with contextlib.suppress(OSError):
        os.utime(path)


def _prune(directory: Path) -> None:
    """Remove cached files unused for a month (another process may be reading: it rebuilds)."""
    cutoff = time.time() - _KEEP_UNUSED_SECONDS
    for path in directory.glob("*.pickle"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            continue


def _write_pickle(path: Path, data: dict[str, Any]) -> None:
    temporary: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            dir=path.parent, prefix=".tmp-", suffix=".pickle", delete=False
        ) as handle:
            temporary = Path(handle.name)
            pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
        # The rename is atomic: a process starting meanwhile reads the old file or the new one.
        os.replace(temporary, path)
    except OSError as exc:
        log.warning(
            "cannot cache compiled knowledge in %s (%s); it is rebuilt next time", path, exc
        )
        if temporary is not None:
            temporary.unlink(missing_ok=True)
