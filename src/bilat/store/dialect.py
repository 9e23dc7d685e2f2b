"""What differs between the SQL of DuckDB and PostgreSQL, said in one place.

The store writes each query once, with ``?`` parameters and the functions both databases share;
where they part (matching a column against a list parameter, the driver's parameter style, the
driver's error types) the query asks its backend's :class:`Dialect`, never the backend's name.

    >>> DUCKDB.any_of("e.id")
    'list_contains(?, e.id)'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb

_STRING_OR_PLACEHOLDER = re.compile(r"'(?:[^']|'')*'|\?|%")


@dataclass(frozen=True)
class Dialect:
    """One backend's spelling of what the store's shared SQL leaves open.

        Dialect("postgresql", errors=(Exception,), any_template="{column} = ANY(?)",
                pyformat=True)

    Attributes:
        name: The backend, for messages.
        errors: The driver's exception types; the store turns them into ``StoreError``.
        any_template: The condition matching ``{column}`` against one list parameter.
        pyformat: The driver takes ``%s`` placeholders (psycopg), not ``?`` (DuckDB).
    """

    name: str
    errors: tuple[type[Exception], ...]
    any_template: str
    pyformat: bool = False

    def any_of(self, column: str) -> str:
        """Return the condition true when a column's value is in one list parameter.

        Args:
            column: The column or expression, e.g. ``"e.id"``.

        Returns:
            SQL taking one ``?`` parameter, a list of values.
        """
        return self.any_template.format(column=column)

    def prepare(self, statement: str) -> str:
        """Return a statement written with ``?`` parameters in the driver's parameter style.

        For a pyformat driver, ``?`` outside string literals becomes ``%s`` and a literal ``%``
        becomes ``%%``; a ``?`` inside a string literal stays.

            >>> style = Dialect("PostgreSQL", (), "{column} = ANY(?)", pyformat=True)
            >>> style.prepare("SELECT 1 WHERE x LIKE 'a%?' AND y = ?")
            "SELECT 1 WHERE x LIKE 'a%%?' AND y = %s"

        Args:
            statement: SQL with ``?`` placeholders.

        Returns:
            The statement the driver takes.
        """
        if not self.pyformat:
            return statement

        def replace(match: re.Match[str]) -> str:
            token = match.group(0)
            if token == "?":
                return "%s"
            if token == "%":
                return "%%"
            return token.replace("%", "%%")

        return _STRING_OR_PLACEHOLDER.sub(replace, statement)


DUCKDB = Dialect("DuckDB", errors=(duckdb.Error,), any_template="list_contains(?, {column})")
"""DuckDB: a list parameter is searched with ``list_contains``."""
