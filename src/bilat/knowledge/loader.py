"""Read knowledge YAML files, validate every entry, and report errors as ``file:line``.

Line numbers come from the YAML node tree, so a user who mistypes a date in their own
``people.yaml`` is told where: ``people.yaml:14: roles.0.start: invalid date``. A key written
twice in one mapping, or two entries with one id in one section, is an error naming both lines,
not a silent override: ``people.yaml:20: duplicate key 'end' (first at line 19); remove one``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from bilat.errors import KnowledgeError
from bilat.knowledge.files import Problem as Problem
from bilat.knowledge.files import read_text
from bilat.knowledge.schema import SECTIONS, Person
from bilat.knowledge.tables import TABLE_SUFFIXES, read_table

BUNDLED_DIR = Path(__file__).parent


class DuplicateKeyError(yaml.constructor.ConstructorError):
    """A YAML mapping names the same key twice; ``line`` and ``first_line`` are 1-based."""

    def __init__(self, key: object, node: yaml.Node, first: yaml.Node) -> None:
        self.key = key
        self.line = node.start_mark.line + 1
        self.first_line = first.start_mark.line + 1
        super().__init__(
            None,
            None,
            f"duplicate key {key!r} (first at line {self.first_line}); remove one",
            node.start_mark,
        )


class _NoDuplicateKeys(yaml.constructor.SafeConstructor):
    """Refuse a mapping that names one key twice (a mix-in of both YAML loaders)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        """Build a mapping after checking that no key appears twice in it.

        Args:
            node: the mapping node.
            deep: construct nested values at once rather than lazily.

        Returns:
            The constructed mapping.
        """
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, yaml.Node] = {}
            for key_node, _ in node.value:
                # Keys brought in by a ``<<`` merge may be overridden on purpose, so only the
                # keys written in this mapping itself are compared.
                if key_node.tag == "tag:yaml.org,2002:merge" or not isinstance(
                    key_node, yaml.ScalarNode
                ):
                    continue
                key = self.construct_object(key_node)
                if key in seen:
                    raise DuplicateKeyError(key, key_node, seen[key])
                seen[key] = key_node
        return super().construct_mapping(node, deep=deep)


class YamlLoader(_NoDuplicateKeys, yaml.SafeLoader):
    """A safe loader that keeps dates as text and refuses a mapping with a duplicate key.

    Plain PyYAML keeps the last of two equal keys, so a second ``end:`` in a tenure would
    silently replace the first; here it raises :class:`DuplicateKeyError` instead.
    """


YamlLoader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str, path: str | None = None) -> Any:
    """Parse YAML text with :class:`YamlLoader`.

    Args:
        text: the YAML source.
        path: the file name to report in errors.

    Raises:
        KnowledgeError: the text is not plain YAML (``file:line``), e.g. it holds a tag such
            as ``!!python/object`` that the safe loader refuses, or a mapping names one key
            twice (the line of the second, with the line of the first in the message).
    """
    try:
        return yaml.load(text, Loader=YamlLoader)
    except DuplicateKeyError as exc:
        raise KnowledgeError(exc.problem or "duplicate key", file=path, line=exc.line) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise KnowledgeError(
            f"cannot read YAML ({exc.problem}); knowledge files hold plain mappings, lists "
            "and text, without tags such as !!python/object",
            file=path,
            line=mark.line + 1 if mark else None,
        ) from exc


def _node_line(node: yaml.Node, loc: tuple[int | str, ...]) -> int:
    """Return the 1-based line of the deepest node reachable along a pydantic error location."""
    line = node.start_mark.line + 1
    for key in loc:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == key:
                    line = k.start_mark.line + 1
                    child = v
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            child = node.value[key]
            line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line


class _FastYamlLoader(_NoDuplicateKeys, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser with :class:`YamlLoader`'s rules, for files that are valid."""

    yaml_implicit_resolvers = YamlLoader.yaml_implicit_resolvers


def _compose(text: str, path: str) -> tuple[yaml.Node | None, Any]:
    """Return a text's node tree (for line numbers) and the data built from it, in one parse.

    libyaml parses first; on any error the pure-Python parser runs again so that the message
    (and the line) are those of :func:`load_yaml`, whichever parser is installed.
    """
    loaders: tuple[type[Any], ...] = (_FastYamlLoader, YamlLoader)
    for loader_class in loaders:
        loader = loader_class(text)
        try:
            try:
                root = loader.get_single_node()
            except yaml.MarkedYAMLError as exc:
                if loader_class is not YamlLoader:
                    continue
                mark = exc.problem_mark or exc.context_mark
                raise KnowledgeError(
                    f"not valid YAML ({exc.problem}); check indentation and quoting",
                    file=path,
                    line=mark.line + 1 if mark else 1,
                ) from exc
            if root is None:
                return None, None
            try:
                return root, loader.construct_document(root)
            except yaml.YAMLError:
                if loader_class is not YamlLoader:
                    continue
                load_yaml(text, path)  # raises the canonical error
                raise
        finally:
            loader.dispose()
    raise AssertionError("unreachable: the pure-Python loader raises or returns")


def iter_entries(text: str, path: str) -> Iterator[tuple[str, Any, int] | Problem]:
    """Yield ``(section, validated value, line)`` for each entry or section, or a :class:`Problem`.

    An ``entries`` section yields each entry; any other section yields its whole value once.

    Args:
        text: the YAML source.
        path: the file name to report in problems.
    """
    for item in _entry_nodes(text, path):
        if isinstance(item, Problem):
            yield item
        else:
            section, entry, node = item
            yield section, entry, node.start_mark.line + 1


def _validation_problems(
    exc: ValidationError, node: yaml.Node, path: str, prefix: str = ""
) -> Iterator[Problem]:
    for err in exc.errors():
        loc = tuple(err["loc"])
        where = ".".join(str(p) for p in loc) or prefix or "entry"
        if prefix and loc:
            where = f"{prefix}.{where}"
        yield Problem(path, _node_line(node, loc), f"{where}: {err['msg']}")


@functools.cache
def _adapter(kind: str, schema: Any) -> TypeAdapter[Any]:
    shapes = {"words": list[str], "table": dict[str, schema], "value": schema}
    return TypeAdapter(shapes[kind])


def entry_key(section: str, entry: Any) -> tuple[str, ...]:
    """Return the fields that identify an entry within its section (a pair in either order)."""
    values = []
    for name in SECTIONS[section].key:
        value = getattr(entry, name)
        values.append("–".join(sorted(value)) if isinstance(value, tuple) else str(value))
    return tuple(values)


def _unknown_section(section: str) -> str:
    yaml_sections = [name for name, spec in SECTIONS.items() if spec.kind != "rows"]
    close = difflib.get_close_matches(section, yaml_sections, n=1)
    if section in SECTIONS:
        hint = f"it is a table: put its rows in {SECTIONS[section].file}"
    elif close:
        hint = f"did you mean {close[0]!r}?"
    else:
        hint = "docs/knowledge.md lists every section"
    return f"unknown section {section!r}; {hint}"


def _entry_nodes(text: str, path: str) -> Iterator[tuple[str, Any, yaml.Node] | Problem]:
    root, data = _compose(text, path)
    if root is None:
        return
    if not isinstance(root, yaml.MappingNode) or not isinstance(data, dict):
        yield Problem(path, root.start_mark.line + 1, "top level must map section names to lists")
        return
    for key_node, value_node in root.value:
        section = key_node.value
        line = key_node.start_mark.line + 1
        spec = SECTIONS.get(section)
        if spec is None or spec.kind == "rows":
            yield Problem(path, line, _unknown_section(section))
            continue
        if spec.kind == "patterns":
            continue  # bilat.events.patterns validates the coder's patterns
        items = data.get(section)
        if spec.kind != "entries":
            try:
                value = _adapter(spec.kind, spec.schema).validate_python(items)
            except ValidationError as exc:
                yield from _validation_problems(exc, value_node, path, section)
                continue
            yield section, value, key_node
            continue
        if not isinstance(items, list) or not isinstance(value_node, yaml.SequenceNode):
            yield Problem(path, line, f"section {section!r} must be a list of entries")
            continue
        first_lines: dict[tuple[str, ...], int] = {}
        for index, item in enumerate(items):
            item_node = value_node.value[index]
            try:
                entry = spec.schema.model_validate(item)
            except ValidationError as exc:
                yield from _validation_problems(exc, item_node, path)
                continue
            entry_line = item_node.start_mark.line + 1
            key = entry_key(section, entry)
            if key in first_lines:
                fields = zip(spec.key, key, strict=True)
                named = " and ".join(f"{name} {value!r}" for name, value in fields)
                yield Problem(
                    path,
                    entry_line,
                    f"duplicate {section} entry with {named} (first at line {first_lines[key]}); "
                    "remove one or merge them",
                )
                continue
            first_lines[key] = entry_line
            yield section, entry, item_node


LINES = "_lines"
"""The key of a compiled file's entry lines (no section is named so: names are identifiers)."""


def load_yaml_file(path: Path) -> dict[str, Any]:
    """Load one knowledge file; raise :class:`KnowledgeError` listing every problem in it.

    Returns:
        Each section's validated content: a list of entries for an ``entries`` section, the
        value itself for any other; and under :data:`LINES`, each entry's line by section and
        key, so that a later check across files can still say where an entry is.
    """
    text = read_text(path)
    sections: dict[str, Any] = {}
    lines: dict[str, dict[str, int]] = {}
    problems: list[Problem] = []
    for item in iter_entries(text, str(path)):
        if isinstance(item, Problem):
            problems.append(item)
        elif SECTIONS[item[0]].kind == "entries":
            sections.setdefault(item[0], []).append(item[1])
            lines.setdefault(item[0], {})[":".join(entry_key(item[0], item[1]))] = item[2]
        else:
            sections[item[0]] = item[1]
    if lines:
        sections[LINES] = lines
    if problems:
        raise KnowledgeError("\n".join(str(p) for p in problems), line=problems[0].line)
    return sections


PatternCheck = Callable[[str, str], list[Problem]]


def check_file(path: Path, *, patterns: PatternCheck | None = None) -> list[Problem]:
    """Return every problem in a knowledge file (YAML, table or word list); empty when valid.

    Args:
        path: the file.
        patterns: what checks a ``verbs`` section (:func:`bilat.events.patterns.check_patterns`);
            the coder owns its patterns' schema, so the caller above both layers passes it.
    """
    try:
        if path.suffix in TABLE_SUFFIXES:
            return list(read_table(path).problems)
        text = read_text(path)
        problems = [p for p in iter_entries(text, str(path)) if isinstance(p, Problem)]
        if patterns is not None and "verbs" in (_compose(text, str(path))[1] or {}):
            problems.extend(patterns(text, str(path)))
        return problems
    except KnowledgeError as exc:
        return [Problem(str(path), exc.line or 1, exc.message)]


def noun_class_names(paths: Sequence[Path]) -> frozenset[str] | None:
    """Return the names of the noun classes the YAML files among ``paths`` define.

    Args:
        paths: knowledge files; tables and unreadable files are skipped.

    Returns:
        The names, or None when a file that holds ``noun_classes`` cannot be read (its own
        check reports why, and references are then left unchecked).
    """
    names: set[str] = set()
    for path in paths:
        if path.suffix not in (".yaml", ".yml"):
            continue
        try:
            data = load_yaml(read_text(path))
        except (KnowledgeError, yaml.YAMLError):
            return None
        classes = data.get("noun_classes") if isinstance(data, dict) else None
        if isinstance(classes, dict):
            names.update(str(name) for name in classes)
    return frozenset(names)


@dataclass(frozen=True)
class _Named:
    """A person as loaded, with where each of their names is written."""

    person: Person
    path: str
    # casefolded name → (line, the name as written)
    names: dict[str, tuple[int, str]]
    checked: bool


def check_aliases(paths: Sequence[Path]) -> list[Problem]:
    """Warn where a name in these files also names another person in office at the same time.

    The bundled people files are read first (as :meth:`Knowledge.load` does), so a user's file
    is checked against them; a bundled file given in ``paths`` is checked, not read twice.

    Args:
        paths: knowledge files to check; files without a ``people`` section are skipped.

    Returns:
        One warning per clash, at the line of the name in the later file.
    """
    given = {p.resolve() for p in paths}
    bundled = [p for p in sorted(BUNDLED_DIR.glob("people*.yaml")) if p.resolve() not in given]
    return alias_clashes(paths, context=bundled)


def alias_clashes(paths: Sequence[Path], *, context: Sequence[Path] = ()) -> list[Problem]:
    """Warn where one name or alias names two people who held office in one country at once.

    Gazetteer matching ignores case and takes the first person a name belongs to, so a shared
    alias silently picks one of two office holders; a shared surname of people in office at
    different dates or in different countries is left alone (resolution tells them apart).
    A later entry with the id of an earlier one replaces it, as user files override the bundle.

    Args:
        paths: people files to check, in load order.
        context: files loaded before them whose people count in clashes but are not reported.

    Returns:
        Warnings, each at the line of the shared name in the later of the two entries.
    """
    people: dict[str, _Named] = {}
    for path, checked in [*((p, False) for p in context), *((p, True) for p in paths)]:
        if path.suffix not in (".yaml", ".yml"):
            continue
        try:
            items = list(_entry_nodes(read_text(path), str(path)))
        except KnowledgeError:
            continue  # check_file reports a file that cannot be read
        for item in items:
            if isinstance(item, Problem) or item[0] != "people":
                continue
            person, node = item[1], item[2]
            names = {person.name.casefold(): (_node_line(node, ("name",)), person.name)}
            for index, alias in enumerate(person.aliases):
                names.setdefault(alias.casefold(), (_node_line(node, ("aliases", index)), alias))
            people.pop(person.id, None)  # a replaced entry moves to its new place in the order
            people[person.id] = _Named(person, str(path), names, checked)
    owners: dict[str, list[_Named]] = {}
    for named in people.values():
        for text in named.names:
            owners.setdefault(text, []).append(named)
    problems = []
    for text, holders in owners.items():
        for index, later in enumerate(holders):
            for earlier in holders[:index]:
                shared = _shared_tenure(earlier.person, later.person)
                if shared is None or not (later.checked or earlier.checked):
                    continue
                reported = later if later.checked else earlier
                other = earlier if reported is later else later
                country, day = shared
                line, written = reported.names[text]
                problems.append(
                    Problem(
                        reported.path,
                        line,
                        f"{written!r} names both {reported.person.id!r} and {other.person.id!r} "
                        f"({other.path}:{other.names[text][0]}), both in office in {country} on "
                        f"{day}; make the alias longer or drop it from one of them",
                        severity="warning",
                    )
                )
    return problems


def _shared_tenure(a: Person, b: Person) -> tuple[str, dt.date] | None:
    """Return the first country and day on which both people held an office there, if any."""
    days = []
    for ra in a.roles:
        for rb in b.roles:
            if ra.country != rb.country:
                continue
            start = max(ra.start, rb.start)
            end = min(ra.end or dt.date.max, rb.end or dt.date.max)
            # a handover (one leaves the day the other arrives) is not a shared tenure
            if start < end:
                days.append((start, ra.country))
    if not days:
        return None
    start, country = min(days)
    return country, start
