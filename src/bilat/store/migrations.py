"""Numbered schema migrations, applied in order, each in its own transaction, at most once.

A migration is never edited once released: change the schema by appending a new one. The SQL
sticks to types and statements DuckDB and PostgreSQL share (VARCHAR, BIGINT, DOUBLE PRECISION,
BOOLEAN, TIMESTAMP, sequences), and JSON is kept as text so no extension is needed.
``migrate(connection)`` returns ``[1, 2]`` on a new database and ``[]`` afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb

from bilat.errors import StoreError
from bilat.store import summary


@dataclass(frozen=True)
class Migration:
    """One schema step: its version number, a short name and the statements it runs."""

    version: int
    name: str
    statements: tuple[str, ...]


_CORE = (
    """CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY,
        name VARCHAR NOT NULL,
        applied_at TIMESTAMP NOT NULL
    )""",
    "CREATE SEQUENCE IF NOT EXISTS documents_seq",
    """CREATE TABLE documents (
        id VARCHAR PRIMARY KEY,
        seq BIGINT NOT NULL DEFAULT nextval('documents_seq'),
        content_hash VARCHAR NOT NULL UNIQUE,
        title VARCHAR,
        published VARCHAR,
        published_source VARCHAR NOT NULL,
        date_value VARCHAR,
        date_earliest VARCHAR,
        date_latest VARCHAR,
        date_precision VARCHAR NOT NULL,
        date_source VARCHAR NOT NULL,
        date_evidence VARCHAR NOT NULL,
        date_flags VARCHAR NOT NULL,
        url VARCHAR,
        origin VARCHAR,
        outlet VARCHAR,
        dateline VARCHAR,
        text VARCHAR NOT NULL,
        n_events INTEGER NOT NULL,
        sentences VARCHAR NOT NULL,
        ingested_at TIMESTAMP NOT NULL
    )""",
    "CREATE SEQUENCE IF NOT EXISTS rejections_seq",
    """CREATE TABLE rejections (
        seq BIGINT NOT NULL DEFAULT nextval('rejections_seq'),
        origin VARCHAR NOT NULL,
        reason VARCHAR NOT NULL,
        detail VARCHAR NOT NULL,
        doc_id VARCHAR,
        created_at TIMESTAMP NOT NULL,
        UNIQUE (origin, reason)
    )""",
    """CREATE TABLE events (
        id VARCHAR PRIMARY KEY,
        doc_id VARCHAR NOT NULL,
        ordinal INTEGER NOT NULL,
        sentence_index INTEGER NOT NULL,
        sentence VARCHAR NOT NULL,
        sentence_start INTEGER NOT NULL,
        sentence_end INTEGER NOT NULL,
        cameo VARCHAR NOT NULL,
        root VARCHAR NOT NULL,
        cameo_name VARCHAR NOT NULL,
        source_code VARCHAR NOT NULL,
        source_country VARCHAR,
        source_sector VARCHAR,
        source_name VARCHAR,
        source_person VARCHAR,
        target_code VARCHAR,
        target_country VARCHAR,
        target_sector VARCHAR,
        target_name VARCHAR,
        target_person VARCHAR,
        goldstein DOUBLE PRECISION NOT NULL,
        quad_class INTEGER NOT NULL,
        plover_type VARCHAR,
        plover_mode VARCHAR,
        factuality VARCHAR NOT NULL,
        confidence DOUBLE PRECISION NOT NULL,
        rule VARCHAR NOT NULL,
        trigger VARCHAR NOT NULL,
        date VARCHAR,
        date_precision VARCHAR NOT NULL,
        date_effective VARCHAR,
        place_name VARCHAR,
        place_country VARCHAR,
        place_lat DOUBLE PRECISION,
        place_lon DOUBLE PRECISION,
        reported_by_code VARCHAR,
        "symmetric" BOOLEAN NOT NULL,
        data VARCHAR NOT NULL
    )""",
    "CREATE INDEX events_doc_id ON events (doc_id)",
    "CREATE INDEX events_countries ON events (source_country, target_country)",
    "CREATE INDEX events_date ON events (date)",
    "CREATE INDEX events_date_effective ON events (date_effective)",
    """CREATE TABLE mentions (
        doc_id VARCHAR NOT NULL,
        ordinal INTEGER NOT NULL,
        sentence_index INTEGER NOT NULL,
        char_start INTEGER NOT NULL,
        char_end INTEGER NOT NULL,
        text VARCHAR NOT NULL,
        actor_code VARCHAR NOT NULL,
        actor_country VARCHAR,
        kind VARCHAR NOT NULL,
        how VARCHAR NOT NULL,
        data VARCHAR NOT NULL,
        PRIMARY KEY (doc_id, ordinal)
    )""",
    """CREATE TABLE quotes (
        doc_id VARCHAR NOT NULL,
        ordinal INTEGER NOT NULL,
        sentence_index INTEGER NOT NULL,
        char_start INTEGER NOT NULL,
        char_end INTEGER NOT NULL,
        text VARCHAR NOT NULL,
        speaker_code VARCHAR,
        speaker_text VARCHAR,
        data VARCHAR NOT NULL,
        PRIMARY KEY (doc_id, ordinal)
    )""",
    """CREATE TABLE facts (
        doc_id VARCHAR NOT NULL,
        ordinal INTEGER NOT NULL,
        sentence_index INTEGER NOT NULL,
        kind VARCHAR NOT NULL,
        value DOUBLE PRECISION NOT NULL,
        unit VARCHAR,
        event_id VARCHAR,
        text VARCHAR NOT NULL,
        data VARCHAR NOT NULL,
        PRIMARY KEY (doc_id, ordinal)
    )""",
)

_VERDICTS = (
    """CREATE TABLE verdicts (
        event_id VARCHAR PRIMARY KEY,
        verdict VARCHAR NOT NULL,
        note VARCHAR,
        cameo VARCHAR,
        source_code VARCHAR,
        target_code VARCHAR,
        created_at TIMESTAMP NOT NULL
    )""",
)

_DEDUP = (
    # duplicate_of names the original a near-duplicate document copies; its events stay stored
    # but are left out of queries. A signature row marks a document as checked (the hash values
    # are empty for a text too short to sign), so a later ingest finds reprints of it.
    "ALTER TABLE documents ADD COLUMN duplicate_of VARCHAR",
    "ALTER TABLE documents ADD COLUMN duplicate_similarity DOUBLE PRECISION",
    """CREATE TABLE document_signatures (
        doc_id VARCHAR PRIMARY KEY,
        hashvalues VARCHAR NOT NULL,
        created_at TIMESTAMP NOT NULL
    )""",
    # cluster_id is the id of the cluster's first mention (its representative); NULL until the
    # event is clustered.
    "ALTER TABLE events ADD COLUMN cluster_id VARCHAR",
)

# A verdict follows its event through re-coding by an anchor (content hash, sentence span,
# trigger position) and remembers the machine's coding and the judged one (JSON).
_VERDICT_ANCHORS = (
    "ALTER TABLE verdicts ADD COLUMN anchor VARCHAR",
    "ALTER TABLE verdicts ADD COLUMN machine_cameo VARCHAR",
    "ALTER TABLE verdicts ADD COLUMN machine_source VARCHAR",
    "ALTER TABLE verdicts ADD COLUMN machine_target VARCHAR",
    "ALTER TABLE verdicts ADD COLUMN judged VARCHAR",
    "ALTER TABLE verdicts ADD COLUMN updated_at TIMESTAMP",
    "CREATE INDEX verdicts_anchor ON verdicts (anchor)",
)

_MONITORING = (
    """CREATE TABLE feeds (
        url VARCHAR PRIMARY KEY,
        name VARCHAR NOT NULL,
        etag VARCHAR,
        last_modified VARCHAR,
        last_success TIMESTAMP,
        last_error VARCHAR,
        last_error_at TIMESTAMP,
        added_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE feed_items (
        feed VARCHAR NOT NULL,
        url VARCHAR NOT NULL,
        canonical_url VARCHAR,
        content_hash VARCHAR,
        doc_id VARCHAR,
        status VARCHAR NOT NULL,
        seen_at TIMESTAMP NOT NULL,
        PRIMARY KEY (feed, url)
    )""",
    "CREATE INDEX feed_items_url ON feed_items (url)",
    "CREATE INDEX feed_items_canonical ON feed_items (canonical_url)",
    "CREATE INDEX feed_items_hash ON feed_items (content_hash)",
    """CREATE TABLE fired_alerts (
        rule VARCHAR NOT NULL,
        cluster_key VARCHAR NOT NULL,
        event_id VARCHAR NOT NULL,
        fired_at TIMESTAMP NOT NULL,
        PRIMARY KEY (rule, cluster_key)
    )""",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "documents, rejections, events, mentions, quotes and facts", _CORE),
    Migration(2, "verdicts on events", _VERDICTS),
    Migration(3, "near-duplicate documents, signatures and event clusters", _DEDUP),
    Migration(4, "verdict anchors, machine and judged coding", _VERDICT_ANCHORS),
    Migration(5, "feeds, feed items and fired alerts", _MONITORING),
    Migration(
        6,
        "event summary for dyad tables and timelines",
        summary.CREATE_TABLES + summary.FILL,
    ),
)
"""Every migration, oldest first; the last version is the schema this bilat expects."""

_ENSURE_TABLE = _CORE[0]


def applied_versions(connection: duckdb.DuckDBPyConnection) -> list[int]:
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


def check_not_newer(
    connection: duckdb.DuckDBPyConnection, migrations: Sequence[Migration] = MIGRATIONS
) -> None:
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


def pending(
    connection: duckdb.DuckDBPyConnection, migrations: Sequence[Migration] = MIGRATIONS
) -> list[Migration]:
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
    connection: duckdb.DuckDBPyConnection, migrations: Sequence[Migration] = MIGRATIONS
) -> list[int]:
    """Apply the migrations a database lacks, each in its own transaction; rerunning is a no-op.

    Args:
        connection: An open, writable DuckDB connection.
        migrations: The migrations to bring the database to.

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
        except duckdb.Error as error:
            connection.rollback()
            raise StoreError(
                f"schema migration {migration.version} ({migration.name}) failed: {error}; "
                "the database is unchanged from version "
                f"{applied[-1] if applied else max(applied_versions(connection), default=0)}: "
                "restore a backup or report this as a bug"
            ) from error
        applied.append(migration.version)
    return applied
