"""The SQL of every released schema migration, frozen as literal text.

A released migration never changes: a database that applied it must match one that applies it
today, whatever the code that reads the tables has become since. So each migration's statements
are written out here in full, never built from live constants, and ``tests/test_store.py`` pins
their digests. Change the schema by appending a new tuple (and a new ``Migration``).
"""

from __future__ import annotations

CORE = (
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

VERDICTS = (
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

DEDUP = (
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
VERDICT_ANCHORS = (
    "ALTER TABLE verdicts ADD COLUMN anchor VARCHAR",
    "ALTER TABLE verdicts ADD COLUMN machine_cameo VARCHAR",
    "ALTER TABLE verdicts ADD COLUMN machine_source VARCHAR",
    "ALTER TABLE verdicts ADD COLUMN machine_target VARCHAR",
    "ALTER TABLE verdicts ADD COLUMN judged VARCHAR",
    "ALTER TABLE verdicts ADD COLUMN updated_at TIMESTAMP",
    "CREATE INDEX verdicts_anchor ON verdicts (anchor)",
)

MONITORING = (
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

# Migration 6 as released: the summary tables and the statements that filled them from the
# events already stored. Frozen text; bilat.store.summary keeps them exact from then on.
SUMMARY = (
    """CREATE TABLE event_summary (
        pair VARCHAR NOT NULL,
        source_country VARCHAR,
        target_country VARCHAR,
        source_prefix VARCHAR NOT NULL,
        target_prefix VARCHAR,
        quad_class INTEGER NOT NULL,
        factuality VARCHAR NOT NULL,
        dated BOOLEAN NOT NULL,
        period VARCHAR,
        placed_length INTEGER,
        events BIGINT NOT NULL,
        goldstein_sum DOUBLE PRECISION NOT NULL,
        first_placed VARCHAR,
        last_placed VARCHAR
    )""",
    """CREATE INDEX event_summary_pair ON event_summary (pair)""",
    """CREATE TABLE event_reports (
        pair VARCHAR NOT NULL,
        directed BOOLEAN NOT NULL,
        a VARCHAR NOT NULL,
        b VARCHAR NOT NULL,
        outlet VARCHAR,
        documents BIGINT NOT NULL,
        reporting BIGINT NOT NULL
    )""",
    """CREATE INDEX event_reports_pair ON event_reports (pair)""",
    """CREATE TABLE event_dyads (
        pair VARCHAR NOT NULL,
        source_country VARCHAR NOT NULL,
        target_country VARCHAR NOT NULL,
        quad_class INTEGER NOT NULL,
        factuality VARCHAR NOT NULL,
        dated BOOLEAN NOT NULL,
        events BIGINT NOT NULL,
        goldstein_sum DOUBLE PRECISION NOT NULL,
        first_placed VARCHAR,
        last_placed VARCHAR
    )""",
    """CREATE INDEX event_dyads_pair ON event_dyads (pair)""",
    """INSERT INTO event_summary (pair, source_country, target_country, source_prefix,
        target_prefix, quad_class, factuality, dated, period, placed_length, events,
            goldstein_sum, first_placed, last_placed)
        SELECT least(coalesce(e.source_country, ''), coalesce(e.target_country, '')) || '|' ||
            greatest(coalesce(e.source_country, ''), coalesce(e.target_country, '')),
                e.source_country, e.target_country, substr(e.source_code, 1, 3),
            substr(e.target_code, 1, 3), e.quad_class, e.factuality,
            e.date_effective IS NOT NULL,
            CASE WHEN length(e.placed) >= 7 THEN substr(e.placed, 1, 7) ELSE e.placed END,
            length(e.placed), count(*), sum(e.goldstein), min(e.placed), max(e.placed)
        FROM (
            SELECT ev.id, ev.doc_id, ev.cluster_id, ev.source_country, ev.target_country,
                ev.source_code, ev.target_code, ev.quad_class, ev.factuality, ev.goldstein,
                ev.date_effective,
                coalesce(ev.date_effective, coalesce(
    d.date_value,
    d.published,
    CAST(CAST(d.date_earliest AS DATE) + CAST(floor(
        (CAST(d.date_latest AS DATE) - CAST(d.date_earliest AS DATE)) / 2.0) AS INTEGER)
        AS VARCHAR),
    d.date_earliest,
    d.date_latest
)) AS placed
            FROM events ev
            LEFT JOIN documents d ON d.id = ev.doc_id
        ) e
        WHERE e.doc_id NOT IN (SELECT id FROM documents WHERE duplicate_of IS NOT NULL) AND
            (e.cluster_id IS NULL OR e.cluster_id = e.id) AND NOT EXISTS (SELECT 1 FROM
                verdicts v WHERE v.event_id = e.id AND v.verdict = 'reject')
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
        ORDER BY 1
    """,
    """INSERT INTO event_reports (pair, directed, a, b, outlet, documents, reporting)
        WITH picked AS (
            SELECT least(coalesce(e.source_country, ''), coalesce(e.target_country, '')) ||
                '|' || greatest(coalesce(e.source_country, ''), coalesce(e.target_country,
                    '')) AS pair, e.source_country AS sc, e.target_country AS tc, e.doc_id,
                e.cluster_id
            FROM events e
            WHERE e.source_country IS NOT NULL AND e.target_country IS NOT NULL
                AND e.source_country <> e.target_country
                AND e.factuality IN ('asserted', 'planned', 'reported')
                AND e.doc_id NOT IN (SELECT id FROM documents WHERE duplicate_of IS NOT NULL)
                    AND (e.cluster_id IS NULL OR e.cluster_id = e.id) AND NOT EXISTS (SELECT 1
                        FROM verdicts v WHERE v.event_id = e.id AND v.verdict = 'reject')
        ),
        modes AS (
            SELECT pair, TRUE AS directed, sc AS a, tc AS b, doc_id, cluster_id FROM picked
            UNION ALL
            SELECT pair, FALSE, least(sc, tc), greatest(sc, tc), doc_id, cluster_id FROM picked
        ),
        reporting AS (
            SELECT pair, directed, a, b, doc_id, TRUE AS picked FROM modes
            UNION
            SELECT p.pair, p.directed, p.a, p.b, m.doc_id, FALSE
            FROM modes p JOIN events m ON m.cluster_id = p.cluster_id
        )
        SELECT r.pair, r.directed, r.a, r.b, d.outlet,
            count(DISTINCT r.doc_id) FILTER (WHERE r.picked), count(DISTINCT r.doc_id)
        FROM reporting r JOIN documents d ON d.id = r.doc_id
        WHERE d.duplicate_of IS NULL
        GROUP BY 1, 2, 3, 4, 5
    """,
    """INSERT INTO event_dyads (pair, source_country, target_country, quad_class, factuality,
        dated, events, goldstein_sum, first_placed, last_placed)
        SELECT pair, source_country, target_country, quad_class, factuality, dated,
            sum(events), sum(goldstein_sum), min(first_placed),
            max(last_placed)
        FROM event_summary
        WHERE source_country IS NOT NULL AND target_country IS NOT NULL
            AND source_country <> target_country
        GROUP BY pair, source_country, target_country, quad_class, factuality, dated
    """,
)
