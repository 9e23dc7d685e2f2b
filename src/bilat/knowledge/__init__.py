"""bilat's domain knowledge: one registry of every knowledge file, loaded lazily.

Every section of every file (countries, people, the CAMEO table, verb patterns, unit words,
places, stop words…) is declared in :data:`bilat.knowledge.schema.SECTIONS` with its schema.
:meth:`Knowledge.load` finds the bundled files and those of the user's directories
(``knowledge_dirs`` in ``bilat.toml``, read after the bundled ones: their entries win, their
words and rows are added); a section is validated the first time a stage asks for it, from
the compiled cache when the files have not changed (see :mod:`bilat.knowledge.compiled`).
Stages receive the sections they need from the :class:`Knowledge` they are given.

    >>> kb = Knowledge.load()
    >>> [p.name for p in kb.holders("secretary_of_state", "USA", dt.date(2025, 4, 7))]
    ['Marco Rubio']
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from bilat.errors import KnowledgeError
from bilat.knowledge.compiled import FileCache, Source, cache_dir_from, default_cache_dir, discover
from bilat.knowledge.loader import LINES, entry_key
from bilat.knowledge.schema import (
    SECTIONS,
    ActorRules,
    CameoCode,
    CodeGroup,
    Country,
    DiplomaticRelation,
    Office,
    Organisation,
    Person,
    QuoteWords,
    Role,
    Sector,
    Units,
)

if TYPE_CHECKING:
    from bilat.settings import Settings

BUNDLED = Path(__file__).parent
T = TypeVar("T")


class Knowledge:
    """Everything bilat knows, indexed for lookup; build it with :meth:`Knowledge.load`.

    Read-only: sections are computed once, on first use, and shared by every stage.
    """

    def __init__(self, sources: Sequence[Source], cache: FileCache) -> None:
        self._sources = tuple(sources)
        self._cache = cache
        self._files: dict[Path, dict[str, Any]] = {}
        self._sections: dict[str, Any] = {}

    @classmethod
    def load(
        cls, dirs: Sequence[str | Path] = (), *, cache_dir: str | Path | None = None
    ) -> Knowledge:
        """Find the bundled knowledge and each user directory's files (one object per process).

        Args:
            dirs: directories of the user's own knowledge files, in order of priority (last
                wins).
            cache_dir: where compiled files are kept (``none``: nowhere); default
                ``$BILAT_CACHE_DIR`` or the user's cache directory.

        Returns:
            The knowledge; each section is validated when first used.

        Raises:
            KnowledgeError: a directory does not exist.
        """
        folders = tuple(str(Path(d).resolve()) for d in dirs)
        chosen = default_cache_dir() if cache_dir is None else cache_dir_from(cache_dir)
        return _load(folders, str(chosen) if chosen else "")

    @property
    def sources(self) -> tuple[str, ...]:
        """Return the knowledge files, in load order."""
        return tuple(str(s.path) for s in self._sources)

    @property
    def cache(self) -> FileCache:
        """Return the compiled-file cache (its ``hits`` and ``misses`` say what was reused)."""
        return self._cache

    def derived(
        self, name: str, sections: Sequence[str], inputs: Sequence[str], build: Callable[[], T]
    ) -> T:
        """Return an object a stage builds from some sections, cached with the knowledge.

        The cache key holds the content of every file with one of ``sections``, so a changed
        place table rebuilds the geocoder's index; ``inputs`` adds what else it depends on.

        Args:
            name: what the object is, e.g. ``"gazetteer"``.
            sections: the sections it is built from.
            inputs: the versions of the code and data that build it.
            build: a function of no arguments returning the object (it must pickle).

        Returns:
            The object.
        """
        files = [
            f"{s.path.name}:{s.digest}"
            for s in self._sources
            if not s.sections or s.sections & set(sections)
        ]
        return self._cache.derived(name, [*inputs, *files], build)

    def section(self, name: str) -> Any:
        """Return one section merged over every file that holds it (see :class:`Section`).

        Args:
            name: a key of :data:`bilat.knowledge.schema.SECTIONS`.

        Returns:
            ``entries``: a dict by key (``code:name`` for organisations); ``rows`` and
            ``words``: a tuple; ``table``: a dict; ``value``: the value.

        Raises:
            KnowledgeError: a file holding it is invalid, or no file holds a ``value`` section.
        """
        if name not in self._sections:
            self._sections[name] = self._merge(name)
        return self._sections[name]

    def _merge(self, name: str) -> Any:
        spec = SECTIONS[name]
        merged: Any = {} if spec.kind in ("entries", "table") else []
        found = False
        for source in self._sources:
            if source.sections and name not in source.sections:
                continue
            content = self._compiled(source).get(name)
            if content is None:
                continue
            found = True
            if spec.kind == "entries":
                for entry in content:
                    merged[":".join(entry_key(name, entry))] = entry
            elif spec.kind == "table":
                merged.update(content)
            elif spec.kind == "value":
                merged = content
            elif spec.kind == "words":
                merged.extend(w for w in content if w not in merged)
            else:
                merged.extend(content)
        if spec.kind == "value" and not found:
            raise KnowledgeError(
                f"no knowledge file sets {name!r} (bundled in {spec.file}); reinstall bilat"
            )
        return tuple(merged) if isinstance(merged, list) else merged

    def _compiled(self, source: Source) -> dict[str, Any]:
        if source.path not in self._files:
            self._files[source.path] = self._cache.compiled(source)
        return self._files[source.path]

    @functools.cached_property
    def countries(self) -> dict[str, Country]:
        """Return the countries by ISO3 code."""
        return dict(self.section("countries"))

    @functools.cached_property
    def sectors(self) -> dict[str, Sector]:
        """Return the sectors by code."""
        return dict(self.section("sectors"))

    @functools.cached_property
    def offices(self) -> dict[str, Office]:
        """Return the offices by id."""
        return dict(self.section("offices"))

    @functools.cached_property
    def people(self) -> dict[str, Person]:
        """Return the people by id, each role checked against the offices."""
        people: dict[str, Person] = dict(self.section("people"))
        offices = self.offices
        for person in people.values():
            for role in person.roles:
                if role.office not in offices:
                    file, line = self._where("people", person.id)
                    raise KnowledgeError(
                        f"person {person.id!r} has a role in unknown office {role.office!r}; "
                        "add the office to an offices section or fix the id",
                        file=file,
                        line=line,
                    )
        return people

    def _where(self, section: str, key: str) -> tuple[str | None, int | None]:
        """Return the file and line of the entry that won for a key (the last one written)."""
        for source in reversed(self._sources):
            if source.sections and section not in source.sections:
                continue
            line = self._compiled(source).get(LINES, {}).get(section, {}).get(key)
            if line is not None:
                return str(source.path), line
        return None, None

    @functools.cached_property
    def organisations(self) -> dict[str, Organisation]:
        """Return the organisations by ``code:name``.

        An undated entry of a later file (the user's) that bears the name of an earlier one
        under another code replaces it: that is how a user re-codes a bundled organisation.
        A dated one is kept beside it and wins only in its period.
        """
        merged: dict[str, Organisation] = dict(self.section("organisations"))
        last = {org.name.casefold(): key for key, org in merged.items() if not org.dated}
        return {
            key: org for key, org in merged.items() if org.dated or last[org.name.casefold()] == key
        }

    @functools.cached_property
    def cameo(self) -> dict[str, CameoCode]:
        """Return the CAMEO codes (a user's row for a code replaces the bundled one)."""
        return {row.code: row for row in self.section("cameo")}

    @property
    def verb_files(self) -> tuple[Path, ...]:
        """Return the files with a ``verbs`` section (the coder validates and loads them)."""
        return tuple(
            s.path for s in self._sources if "verbs" in s.sections and s.path.suffix != ".txt"
        )

    @functools.cached_property
    def noun_classes(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Return the named noun classes patterns refer to (``<agreement>``), sorted by name."""
        classes: dict[str, list[str]] = self.section("noun_classes")
        return tuple((name, tuple(words)) for name, words in sorted(classes.items()))

    @functools.cached_property
    def units(self) -> Units:
        """Return the words facts are read with (the sections of ``units.yaml``)."""
        return Units(**{name: _field(self, name) for name in Units.model_fields})

    @functools.cached_property
    def quote_words(self) -> QuoteWords:
        """Return the words quotes are attributed with (the sections of ``quotes.yaml``)."""
        return QuoteWords(**{name: _field(self, name) for name in QuoteWords.model_fields})

    @functools.cached_property
    def actor_rules(self) -> ActorRules:
        """Return the organisation head nouns, club prefixes and domestic challenger sectors."""
        return ActorRules(**{name: self.section(name) for name in ActorRules.model_fields})

    @functools.cached_property
    def code_groups(self) -> tuple[CodeGroup, ...]:
        """Return the groups of CAMEO codes that may be one real-world event, in file order."""
        return tuple(self.section("code_groups").values())

    @functools.cached_property
    def relations(self) -> dict[frozenset[str], DiplomaticRelation]:
        """Return when pairs of states established diplomatic relations, by unordered pair."""
        return {frozenset(r.pair): r for r in self.section("relations").values()}

    def words(self, name: str) -> frozenset[str]:
        """Return a word-list section (e.g. ``english_stopwords``) as a set."""
        return frozenset(self.section(name))

    def rows(self, name: str) -> tuple[dict[str, str], ...]:
        """Return a table's rows (e.g. ``places_regions``): bundled rows, then the user's."""
        rows: tuple[dict[str, str], ...] = self.section(name)
        return rows

    def cameo_code(self, code: str) -> CameoCode:
        """Return a CAMEO code's row; raise KnowledgeError for an unknown code."""
        try:
            return self.cameo[code]
        except KeyError:
            raise KnowledgeError(f"unknown CAMEO code {code!r}; see cameo.tsv") from None

    def holders(self, office: str, country: str, on: dt.date) -> list[Person]:
        """Return who held ``office`` for ``country`` on a date (several only when acting).

        An office and its national names count as one: the US ``secretary_of_state`` is
        found for ``foreign_minister``, and the other way round.
        """
        posts = self._posts
        found = {
            index: person
            for name in self.same_office(office)
            for index, person, role in posts.get((name, country), ())
            if _in_role(role, on)
        }
        return [found[index] for index in sorted(found)]

    @functools.cached_property
    def _posts(self) -> dict[tuple[str, str], list[tuple[int, Person, Role]]]:
        """Every role by office and country, with its holder and the holder's place in
        ``people`` (``holders`` answers in that order)."""
        posts: dict[tuple[str, str], list[tuple[int, Person, Role]]] = {}
        for index, person in enumerate(self.people.values()):
            for role in person.roles:
                posts.setdefault((role.office, role.country), []).append((index, person, role))
        return posts

    def same_office(self, office: str) -> set[str]:
        """Return an office id with every office that is a national name for the same post."""
        base = self.offices[office].same_as if office in self.offices else None
        root = base or office
        return {root} | {o.id for o in self.offices.values() if o.same_as == root}

    def role_on(self, person: Person, on: dt.date | None) -> Role | None:
        """Return the most senior role a person held on a date (or their latest, undated)."""
        if on is None:
            return max(person.roles, key=lambda r: r.start, default=None)
        current = self.roles_on(person, on)
        return current[0] if current else None

    def roles_on(self, person: Person, on: dt.date) -> list[Role]:
        """Return the roles a person held on a date, most senior first."""
        current = [r for r in person.roles if _in_role(r, on)]
        return sorted(
            current, key=lambda r: self.offices[r.office].rank if r.office in self.offices else 99
        )


def _in_role(role: Role, on: dt.date) -> bool:
    return role.start <= on and (role.end is None or on <= role.end)


def _field(knowledge: Knowledge, name: str) -> Any:
    """Return a section as a model field: an ``entries`` section as its list of entries."""
    value = knowledge.section(name)
    return list(value.values()) if SECTIONS[name].kind == "entries" else value


@functools.lru_cache(maxsize=8)
def _load(dirs: tuple[str, ...], cache_dir: str) -> Knowledge:
    folders = [BUNDLED, *(Path(d) for d in dirs)]
    knowledge = Knowledge(discover(folders), FileCache(Path(cache_dir) if cache_dir else None))
    # The user's own files are few and small: validate them now, so that a mistake in one is
    # reported when bilat starts rather than when a stage first needs its section.
    for source in knowledge._sources:
        if source.path.parent != BUNDLED:
            knowledge._compiled(source)
    return knowledge


def knowledge_for(settings: Settings) -> Knowledge:
    """Return the knowledge of these settings: their ``knowledge_dirs`` and ``cache_dir``.

    Args:
        settings: the settings.
    """
    return Knowledge.load(settings.knowledge_dirs, cache_dir=settings.cache_dir or None)


def knowledge_files(dirs: Sequence[str | Path] = ()) -> list[Path]:
    """Return every knowledge file: the bundled ones, then those of each user directory.

    Args:
        dirs: the user's ``knowledge_dirs``.

    Raises:
        KnowledgeError: a directory does not exist.
    """
    return [s.path for s in discover([BUNDLED, *(Path(d) for d in dirs)])]


__all__ = ["BUNDLED", "Knowledge", "knowledge_files", "knowledge_for"]
