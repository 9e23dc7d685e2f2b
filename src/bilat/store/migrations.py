"""Numbered schema migrations, applied in order, each in its own transaction, at most once.

A migration is never edited once released (its SQL is frozen in :mod:`bilat.store.frozen`):
change the schema by appending a new one. The SQL
sticks to types and statements DuckDB and PostgreSQL share (VARCHAR, BIGINT, DOUBLE PRECISION,
BOOLEAN, TIMESTAMP, sequences), and JSON is kept as text so no extension is needed.
``migrate(connection)`` returns ``[1, 2]`` on a new database and ``[]`` afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bilat.errors import StoreError
from bilat.store import frozen
from bilat.store.dialect import DUCKDB, Dialect


@dataclass(frozen=True)
class Migration:
    """One schema step: its version number, a short name and the statements it runs."""

    version: int
    name: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "documents, rejections, events, mentions, quotes and facts", frozen.CORE),
    Migration(2, "verdicts on events", frozen.VERDICTS),
    Migration(3, "near-duplicate documents, signatures and event clusters", frozen.DEDUP),
    Migration(4, "verdict anchors, machine and judged coding", frozen.VERDICT_ANCHORS),
    Migration(5, "feeds, feed items and fired alerts", frozen.MONITORING),
    Migration(6, "event summary for dyad tables and timelines", frozen.SUMMARY),
)
"""Every migration, oldest first; the last version is the schema this bilat expects."""

_ENSURE_TABLE = frozen.CORE[0]


def applied_versions(connection: Any) -> list[int]:
    """Return the migration versions a database has applied, oldest first.

    Args:
        connection: An open DuckDB connection.

    Returns:
        The versions; empty for a new database.
    """
    exists = connection.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
        ["schema_migrations"],
    ).fetchall()
    if not exists[0][0]:
        return []
    rows = connection.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()
    return [int(row[0]) for row in rows]


def check_not_newer(connection: Any, migrations: Sequence[Migration] = MIGRATIONS) -> None:
    """Refuse a database that a newer bilat has migrated beyond the versions known here.

    Raises:
        StoreError: The database holds migrations this bilat does not know.
    """
    known = {m.version for m in migrations}
    unknown = [v for v in applied_versions(connection) if v not in known]
    if unknown:
        raise StoreError(
            f"the database has schema migrations {unknown} that this bilat does not know; "
            "it was written by a newer bilat: upgrade bilat (pip install -U bilat)"
        )


def pending(connection: Any, migrations: Sequence[Migration] = MIGRATIONS) -> list[Migration]:
    """Return the migrations a database has not applied yet, in order.

    Args:
        connection: An open DuckDB connection.
        migrations: The known migrations.

    Returns:
        Those still to run.
    """
    done = set(applied_versions(connection))
    return sorted((m for m in migrations if m.version not in done), key=lambda m: m.version)


def migrate(
    connection: Any,
    migrations: Sequence[Migration] = MIGRATIONS,
    *,
    dialect: Dialect = DUCKDB,
) -> list[int]:
    """Apply the migrations a database lacks, each in its own transaction; rerunning is a no-op.

    Args:
        connection: An open, writable connection (DuckDB's, or the PostgreSQL store's).
        migrations: The migrations to bring the database to.
        dialect: The backend's dialect, which names its driver's errors.

    Returns:
        The versions applied now, oldest first.

    Raises:
        StoreError: A migration failed; the database stays at the last version that succeeded.
    """
    connection.execute(_ENSURE_TABLE)
    check_not_newer(connection, migrations)
    applied: list[int] = []
    for migration in pending(connection, migrations):
        connection.begin()
        try:
            for statement in migration.statements:
                connection.execute(statement)
            connection.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                [migration.version, migration.name, datetime.now(UTC).replace(tzinfo=None)],
            ).fetchall()
            connection.commit()
        except dialect.errors as error:
            connection.rollback()
            raise StoreError(
                f"schema migration {migration.version} ({migration.name}) failed: {error}; "
                "the database is unchanged from version "
                f"{applied[-1] if applied else max(applied_versions(connection), default=0)}: "
                "restore a backup or report this as a bug"
            ) from error
        applied.append(migration.version)
    return applied
