"""Pre-aggregated event counts the store keeps exact, so dyad tables and timelines stay fast.

Three tables, created and filled by migration 6, hold what the default queries count (events not
in a near-duplicate document, each cluster's representative, not rejected by a verdict):

- ``event_summary``: one row per source and target country, source and target code prefix
  (first three letters), quad class, factuality, whether the event has its own date, period
  (the placed date's month, or the whole placed date when it is shorter) and placed-date length,
  with the events count, Goldstein sum and first and last placed date.
- ``event_reports``: per dyad (directed and undirected) and outlet, the distinct documents of
  the dyad's counted events and the distinct reporting documents (every article of the dyad's
  clusters), so ``documents`` and ``sources`` of the dyad table are sums, not distinct counts.
- ``event_dyads``: ``event_summary`` rolled up to two different, known countries, quad class,
  factuality and dated, the few thousand rows the dyad table reads.

Every row carries ``pair``, the unordered pair of countries (``"PAK|USA"``, ``""`` for none).
Writes keep the tables exact in the writer's transaction: :func:`add_documents` folds in the
rows of new documents; :func:`maintained` recomputes the pairs a write touches, before and after.
The readers (:mod:`bilat.store.summary_reads`) answer from the tables only when the answer is
the raw SQL's, and return None otherwise so the caller runs the raw query.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from bilat.store import sql

Cursor = Any
"""A DuckDB connection or cursor, or the PostgreSQL store's connection wrapper."""

PAIR = (
    "least(coalesce(e.source_country, ''), coalesce(e.target_country, '')) || '|' || "
    "greatest(coalesce(e.source_country, ''), coalesce(e.target_country, ''))"
)
"""The unordered country pair of an event (aliased ``e``), the unit the store recomputes."""

_NOT_REJECTED = (
    "NOT EXISTS (SELECT 1 FROM verdicts v WHERE v.event_id = e.id AND v.verdict = 'reject')"
)
COUNTED_BY_DEFAULT = f"{sql.NOT_DUPLICATE} AND {sql.REPRESENTATIVE} AND {_NOT_REJECTED}"
"""The events every default query counts, whatever its filters."""

COUNTED_FACTUALITY_SQL = ", ".join(f"'{value}'" for value in sql.COUNTED)
"""The counted factualities as SQL literals, for the fixed statements over the summary."""

SUMMARY_KEY = (
    "pair",
    "source_country",
    "target_country",
    "source_prefix",
    "target_prefix",
    "quad_class",
    "factuality",
    "dated",
    "period",
    "placed_length",
)
REPORTS_KEY = ("pair", "directed", "a", "b", "outlet")

CREATE_TABLES = (
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
    "CREATE INDEX event_summary_pair ON event_summary (pair)",
    """CREATE TABLE event_reports (
        pair VARCHAR NOT NULL,
        directed BOOLEAN NOT NULL,
        a VARCHAR NOT NULL,
        b VARCHAR NOT NULL,
        outlet VARCHAR,
        documents BIGINT NOT NULL,
        reporting BIGINT NOT NULL
    )""",
    "CREATE INDEX event_reports_pair ON event_reports (pair)",
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
    "CREATE INDEX event_dyads_pair ON event_dyads (pair)",
)
"""The statements that create the summary tables (run by migration 6)."""


def _summary_select(restriction: str) -> str:
    """Return the grouped SELECT of ``event_summary`` rows for the events a restriction keeps."""
    # The placed date is the timeline's: the event's date, else its document's placed date.
    return f"""
        SELECT {PAIR}, e.source_country, e.target_country, substr(e.source_code, 1, 3),
            substr(e.target_code, 1, 3), e.quad_class, e.factuality,
            e.date_effective IS NOT NULL,
            CASE WHEN length(e.placed) >= 7 THEN substr(e.placed, 1, 7) ELSE e.placed END,
            length(e.placed), count(*), sum(e.goldstein), min(e.placed), max(e.placed)
        FROM (
            SELECT ev.id, ev.doc_id, ev.cluster_id, ev.source_country, ev.target_country,
                ev.source_code, ev.target_code, ev.quad_class, ev.factuality, ev.goldstein,
                ev.date_effective,
                coalesce(ev.date_effective, {sql.PLACED_DOCUMENT_DATE}) AS placed
            FROM events ev
            LEFT JOIN documents d ON d.id = ev.doc_id
        ) e
        WHERE {COUNTED_BY_DEFAULT}{restriction}
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
        ORDER BY 1
    """


def _reports_select(restriction: str) -> str:
    """Return the grouped SELECT of ``event_reports`` rows for the events a restriction keeps."""
    return f"""
        WITH picked AS (
            SELECT {PAIR} AS pair, e.source_country AS sc, e.target_country AS tc, e.doc_id,
                e.cluster_id
            FROM events e
            WHERE e.source_country IS NOT NULL AND e.target_country IS NOT NULL
                AND e.source_country <> e.target_country
                AND e.factuality IN ({COUNTED_FACTUALITY_SQL})
                AND {COUNTED_BY_DEFAULT}{restriction}
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
    """


def _insert(table: str, key: Sequence[str], values: Sequence[str], select: str) -> str:
    return f"INSERT INTO {table} ({', '.join((*key, *values))}) {select}"


_SUMMARY_VALUES = ("events", "goldstein_sum", "first_placed", "last_placed")
_REPORTS_VALUES = ("documents", "reporting")

DYADS_KEY = ("pair", "source_country", "target_country", "quad_class", "factuality", "dated")


def _dyads_select(restriction: str) -> str:
    """Return the SELECT rolling ``event_summary`` rows up to ``event_dyads`` rows."""
    return f"""
        SELECT {", ".join(DYADS_KEY)}, sum(events), sum(goldstein_sum), min(first_placed),
            max(last_placed)
        FROM event_summary
        WHERE source_country IS NOT NULL AND target_country IS NOT NULL
            AND source_country <> target_country{restriction}
        GROUP BY {", ".join(DYADS_KEY)}
    """


FILL = (
    _insert("event_summary", SUMMARY_KEY, _SUMMARY_VALUES, _summary_select("")),
    _insert("event_reports", REPORTS_KEY, _REPORTS_VALUES, _reports_select("")),
    _insert("event_dyads", DYADS_KEY, _SUMMARY_VALUES, _dyads_select("")),
)
"""The statements that fill empty summary tables from every stored event (run by migration 6)."""

REBUILD = (
    "DELETE FROM event_summary",
    "DELETE FROM event_reports",
    "DELETE FROM event_dyads",
    *FILL,
)
"""The statements that recompute the tables from every event, after rows were written to the
events or documents tables around the store (a bulk load in SQL); they take no parameters."""


def _marks(values: Sequence[Any]) -> str:
    """Return ``?, ?, …`` for a list of values.

    Constant lists, unlike ``list_contains``, let DuckDB skip row groups by their min/max and
    PostgreSQL use an index.
    """
    return ", ".join("?" for _ in values)


def _in_pairs(pairs: Sequence[str]) -> tuple[str, list[Any]]:
    """Return the clause keeping the events of some pairs (and its parameters)."""
    # Both orientations of each pair can use the events_countries index; the pair test keeps
    # the match exact whatever the empty-string and NULL countries do.
    tests: list[str] = []
    params: list[Any] = []
    for pair in pairs:
        a, b = pair.split("|")
        for first, second in ((a, b), (b, a)):
            tests.append(f"({_country('source', first)} AND {_country('target', second)})")
            params += [c for c in (first, second) if c]
    return f" AND ({' OR '.join(tests)}) AND {PAIR} IN ({_marks(pairs)})", [*params, *pairs]


def _country(role: str, code: str) -> str:
    if code:
        return f"e.{role}_country = ?"
    return f"(e.{role}_country IS NULL OR e.{role}_country = '')"


def refresh(con: Cursor, pairs: Collection[str]) -> None:
    """Recompute the summary rows of some country pairs from the events table.

    Args:
        con: A connection inside the writer's transaction.
        pairs: Pair keys as :data:`PAIR` makes them.
    """
    wanted = sorted(pairs)
    if not wanted:
        return
    restriction, params = _in_pairs(wanted)
    for table, key, values, select in (
        ("event_summary", SUMMARY_KEY, _SUMMARY_VALUES, _summary_select(restriction)),
        ("event_reports", REPORTS_KEY, _REPORTS_VALUES, _reports_select(restriction)),
    ):
        con.execute(f"DELETE FROM {table} WHERE pair IN ({_marks(wanted)})", wanted).fetchall()
        con.execute(_insert(table, key, values, select), params).fetchall()
    _roll_up(con, wanted)


def _roll_up(con: Cursor, pairs: list[str]) -> None:
    """Recompute the ``event_dyads`` rows of some pairs from their ``event_summary`` rows."""
    marks = _marks(pairs)
    con.execute(f"DELETE FROM event_dyads WHERE pair IN ({marks})", pairs).fetchall()
    select = _dyads_select(f" AND pair IN ({marks})")
    con.execute(_insert("event_dyads", DYADS_KEY, _SUMMARY_VALUES, select), pairs).fetchall()


def pairs_of(
    con: Cursor, *, event_ids: Collection[str] = (), doc_ids: Collection[str] = ()
) -> set[str]:
    """Return the country pairs whose summary rows depend on some events, as stored now.

    An event counts in its own pair; as a cluster member its article also reports its
    cluster's representative, so the representative's pair depends on it too. (The other
    members of a cluster never count themselves, whatever happens to one of them.)

    Args:
        con: A connection (inside the writer's transaction when about to write).
        event_ids: Events by id.
        doc_ids: Documents whose events count too.

    Returns:
        Pair keys as :data:`PAIR` makes them.
    """
    touched: list[tuple[Any, ...]] = []
    for column, values in (("id", sorted(event_ids)), ("doc_id", sorted(doc_ids))):
        if values:
            touched += con.execute(
                f"SELECT e.cluster_id, {PAIR} FROM events e WHERE e.{column} IN ({_marks(values)})",
                values,
            ).fetchall()
    pairs = {str(pair) for _, pair in touched}
    clusters = sorted({str(cluster) for cluster, _ in touched if cluster is not None})
    if clusters:
        found = con.execute(
            f"SELECT DISTINCT {PAIR} FROM events e WHERE e.id IN ({_marks(clusters)})", clusters
        ).fetchall()
        pairs |= {str(row[0]) for row in found}
    return pairs


@contextmanager
def maintained(
    con: Cursor, *, event_ids: Collection[str] = (), doc_ids: Collection[str] = ()
) -> Iterator[None]:
    """Recompute, after the block's writes, the pairs the given events touch before and after.

    Args:
        con: A connection inside the writer's transaction.
        event_ids: Events the block changes (their cluster, verdict or coding).
        doc_ids: Documents the block changes (marked duplicate, removed).
    """
    before = pairs_of(con, event_ids=event_ids, doc_ids=doc_ids)
    yield
    refresh(con, before | pairs_of(con, event_ids=event_ids, doc_ids=doc_ids))


_MERGE = "bilat_summary_merge"


def add_documents(con: Cursor, doc_ids: Collection[str]) -> None:
    """Fold the events of newly stored documents into the summary tables.

    New documents are not duplicates and their events are not clustered yet, so their rows
    add to the stored ones: counts and sums add, first and last dates take the extremes.

    Args:
        con: A connection inside the transaction that stored the documents.
        doc_ids: The new documents' ids.
    """
    wanted = sorted(doc_ids)
    if not wanted:
        return
    in_documents = f" AND e.doc_id IN ({_marks(wanted)})"
    found = con.execute(
        f"SELECT DISTINCT {PAIR} FROM events e WHERE TRUE{in_documents}", wanted
    ).fetchall()
    pairs = sorted(str(row[0]) for row in found)
    if not pairs:
        return
    in_pairs = f"pair IN ({_marks(pairs)})"
    for table, key, values, select, merged in (
        (
            "event_summary",
            SUMMARY_KEY,
            _SUMMARY_VALUES,
            _summary_select(in_documents),
            "sum(events), sum(goldstein_sum), min(first_placed), max(last_placed)",
        ),
        (
            "event_reports",
            REPORTS_KEY,
            _REPORTS_VALUES,
            _reports_select(in_documents),
            "sum(documents), sum(reporting)",
        ),
    ):
        columns = ", ".join((*key, *values))
        keys = ", ".join(key)
        steps: list[tuple[str, list[Any]]] = [
            (f"CREATE TEMP TABLE {_MERGE} AS SELECT {columns} FROM {table} WHERE FALSE", []),
            (_insert(_MERGE, key, values, select), wanted),
            (
                f"INSERT INTO {_MERGE} ({columns}) SELECT {columns} FROM {table} WHERE {in_pairs}",
                pairs,
            ),
            (f"DELETE FROM {table} WHERE {in_pairs}", pairs),
            (
                f"INSERT INTO {table} ({columns}) SELECT {keys}, {merged} FROM {_MERGE}"
                f" GROUP BY {keys}",
                [],
            ),
            (f"DROP TABLE {_MERGE}", []),
        ]
        for statement, params in steps:
            con.execute(statement, params).fetchall()
    _roll_up(con, pairs)
