"""Read the knowledge files that are not YAML: tables (``.csv``, ``.tsv``) and word lists (``.txt``).

A table or word list is one section, named after its file (``places_regions.csv`` is the
``places_regions`` section of :data:`bilat.knowledge.schema.SECTIONS`). Lines starting with
``#`` are comments; a table's first other line names its columns. Every row is validated
against the section's schema and a bad one is reported at its line::

    places_regions.csv:7: lat: Value error, could not convert string to float: 'north'
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bilat.knowledge.files import Problem, read_text
from bilat.knowledge.schema import SECTIONS, TableRow

TABLE_SUFFIXES = {".csv": ",", ".tsv": "\t", ".txt": ""}


@dataclass(frozen=True)
class Table:
    """A table's or word list's section name, its validated rows (or words) and its problems."""

    section: str
    rows: tuple[Any, ...]
    problems: tuple[Problem, ...]


def read_table(path: Path) -> Table:
    """Read and validate one table or word list.

    Args:
        path: a ``.csv``, ``.tsv`` or ``.txt`` file named after its section.

    Returns:
        The rows (text cells as a dict, or the schema's model) or words, and every problem.

    Raises:
        KnowledgeError: the file cannot be read or is not UTF-8.
    """
    section = path.stem
    spec = SECTIONS.get(section)
    expected = "words" if path.suffix == ".txt" else "rows"
    if spec is None or spec.kind != expected:
        known = sorted(
            f"{name}{'.txt' if s.kind == 'words' else s.file[s.file.index('.') :]}"
            for name, s in SECTIONS.items()
            if s.kind == "rows" or (s.kind == "words" and s.file.endswith(".txt"))
        )
        message = f"unknown table {path.name!r}; name it after its section: {', '.join(known)}"
        return Table(section, (), (Problem(str(path), 1, message),))
    lines = read_text(path).splitlines()
    body = [(n, line) for n, line in enumerate(lines, 1) if line.strip() and line[0] != "#"]
    if expected == "words":
        return Table(section, tuple(line.strip() for _, line in body), ())
    return _rows(path, section, body)


def _rows(path: Path, section: str, body: list[tuple[int, str]]) -> Table:
    schema = SECTIONS[section].schema
    if not body:
        return Table(section, (), (Problem(str(path), 1, "no header row; name the columns"),))
    delimiter = TABLE_SUFFIXES[path.suffix]
    header_line, header_text = body[0]
    header = next(csv.reader([header_text], delimiter=delimiter))
    columns = list(schema.model_fields)
    required = [c for c, f in schema.model_fields.items() if f.is_required()]
    if not set(required) <= set(header) or not set(header) <= set(columns):
        return Table(
            section,
            (),
            (
                Problem(
                    str(path),
                    header_line,
                    f"header {header} must name the columns {columns}; fix the first line",
                ),
            ),
        )
    rows: list[Any] = []
    problems: list[Problem] = []
    text_cells = issubclass(schema, TableRow)
    for number, text in body[1:]:
        cells = next(csv.reader([text], delimiter=delimiter))
        if len(cells) > len(header):
            problems.append(
                Problem(str(path), number, f"{len(cells)} cells for {len(header)} columns")
            )
            continue
        record = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))
        try:
            row = schema.model_validate(record)
        except ValidationError as exc:
            for err in exc.errors():
                where = ".".join(str(p) for p in err["loc"]) or "row"
                problems.append(Problem(str(path), number, f"{where}: {err['msg']}"))
            continue
        rows.append(row.model_dump() if text_cells else row)
    return Table(section, tuple(rows), tuple(problems))
