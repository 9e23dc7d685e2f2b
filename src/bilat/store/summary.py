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
The readers (:func:`count_events`, :func:`timeline`, :func:`dyads`) answer from the tables only
when the answer is the raw SQL's, and return None otherwise so the caller runs the raw query.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from bilat.store import sql
from bilat.store.base import EVERY_EVENT, EventQuery
from bilat.store.filters import Filters, since_bound

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

_COUNTED_FACTUALITY = ", ".join(f"'{value}'" for value in sql.COUNTED)

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
                AND e.factuality IN ({_COUNTED_FACTUALITY})
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


def _prefix(role: str, value: str) -> str:
    """Return the clause matching a code prefix of at most three letters on the stored prefix."""
    # A three-letter value starts a stored prefix only by being it: equality is cheaper.
    if len(value) == 3:
        return f"e.{role}_prefix = ?"
    return f"starts_with(e.{role}_prefix, ?)"


def _filters(query: EventQuery) -> tuple[list[str], list[Any]] | None:
    """Return the summary clauses equal to a query's non-date filters, or None if none are."""
    if (
        query.root is not None
        or query.text is not None
        or query.doc_id is not None
        or query.mentions
        or query.verified is not None
        or query.include_rejected
        or query.min_confidence is not None
    ):
        return None
    prefixes = (query.actor, query.source, query.target)
    # starts_with(code, v) equals starts_with(first three letters of code, v) only when v is
    # at most three letters long.
    if any(value is not None and len(value) > 3 for value in prefixes):
        return None
    found = Filters()
    if query.dyad is not None:
        # sql.where, which every caller runs first, refused any other shape with its message
        assert len(query.dyad) == 2, query.dyad
        a, b = query.dyad
        # The pair narrows the rows read (the table is filled in pair order); the countries
        # keep the match exact.
        found.add("e.pair = least(?, ?) || '|' || greatest(?, ?)", a, b, a, b)
        found.dyad(query.dyad, "EventQuery.dyad")
    if query.actor is not None:
        source, target = _prefix("source", query.actor), _prefix("target", query.actor)
        found.add(f"({source} OR {target})", query.actor, query.actor)
    if query.source is not None:
        found.add(_prefix("source", query.source), query.source)
    if query.target is not None:
        found.add(_prefix("target", query.target), query.target)
    found.equals("e.quad_class", query.quad_class)
    found.one_of("e.factuality", sql.factualities(query.factuality))
    return found.clauses, found.params


def _bounded(
    con: Cursor,
    clauses: list[str],
    params: list[Any],
    since: str | None,
    until: str | None,
) -> bool:
    """Add since/until clauses on first/last placed dates; False if a row straddles a bound.

    A row whose first and last dates lie on the same side of each bound holds only events
    inside or only events outside; a row that straddles one would need its events counted.
    """
    if since is None and until is None:
        return True
    if since is not None:
        since = since_bound(since)
    straddling: list[str] = []
    bound_params: list[Any] = []
    if since is not None:
        straddling.append("(e.first_placed < ? AND e.last_placed >= ?)")
        bound_params += [since, since]
    if until is not None:
        straddling.append("(e.first_placed <= ? AND e.last_placed > ?)")
        bound_params += [until, until]
    found = con.execute(
        f"SELECT count(*) FROM event_summary e WHERE {' AND '.join(clauses)}"
        f" AND ({' OR '.join(straddling)})",
        params + bound_params,
    ).fetchall()
    if int(found[0][0]):
        return False
    if since is not None:
        clauses.append("e.first_placed >= ?")
        params.append(since)
    if until is not None:
        clauses.append("e.last_placed <= ?")
        params.append(until)
    return True


def count_events(con: Cursor, query: EventQuery) -> int | None:
    """Return how many events match a query, from the summary, or None if it cannot say.

    Args:
        con: A connection or cursor.
        query: Filters, already validated by :func:`bilat.store.sql.where`.

    Returns:
        The count the raw SQL gives, or None when the query needs the events table.
    """
    found = _filters(query)
    if found is None:
        return None
    clauses, params = found
    if query.since is not None or query.until is not None:
        # since/until compare the event's own date: undated events never match them.
        clauses.append("e.dated")
    if not _bounded(con, clauses, params, query.since, query.until):
        return None
    rows = con.execute(
        f"SELECT coalesce(sum(e.events), 0) FROM event_summary e WHERE {' AND '.join(clauses)}",
        params,
    ).fetchall()
    return int(rows[0][0])


_PLACED_LENGTH = {"year": 4, "quarter": 7, "month": 7}
_QUADS = ", ".join(
    f"coalesce(sum(e.events) FILTER (WHERE e.quad_class = {quad}), 0) AS quad_{quad}"
    for quad in (1, 2, 3, 4)
)


def _periods(by: str) -> str:
    # A timeline's columns. Every event of a row lies in one month (or is dated to one year),
    # so the row's period truncates like each of its events' placed days.
    day = "CASE length(e.period) WHEN 4 THEN e.period || '-01-01' ELSE e.period || '-01' END"
    return (
        f"CAST(CAST(date_trunc('{by}', CAST({day} AS DATE)) AS DATE) AS VARCHAR) AS period, "
        f"sum(e.events), {_QUADS}, "
        "sum(e.goldstein_sum) / CAST(sum(e.events) AS DOUBLE PRECISION), sum(e.goldstein_sum)"
    )


def timeline(con: Cursor, query: EventQuery, by: str) -> list[tuple[Any, ...]] | None:
    """Return a query's per-period rows from the summary, or None if it cannot say.

    Args:
        con: A connection or cursor.
        query: Filters, already validated by :func:`bilat.store.sql.timeline`.
        by: ``month``, ``quarter`` or ``year`` (weeks cross months: None).

    Returns:
        Rows in :class:`~bilat.store.base.TimelineRow` field order, as the raw SQL gives them.
    """
    if by not in _PLACED_LENGTH:
        return None
    found = _filters(query)
    if found is None:
        return None
    clauses, params = found
    clauses.append(f"e.placed_length >= {_PLACED_LENGTH[by]}")
    if not _bounded(con, clauses, params, query.since, query.until):
        return None
    rows: list[tuple[Any, ...]] = con.execute(
        f"SELECT {_periods(by)} FROM event_summary e WHERE {' AND '.join(clauses)}"
        " GROUP BY 1 ORDER BY 1",
        params,
    ).fetchall()
    return rows


def timelines(
    con: Cursor, pairs: Sequence[tuple[str, str]], by: str
) -> list[list[tuple[Any, ...]]] | None:
    """Return for each pair what :func:`timeline` returns for ``EventQuery(dyad=pair)``, or None.

    ``pairs`` hold codes validated by :func:`bilat.store.sql.timeline`, either order.
    """
    if by not in _PLACED_LENGTH or not pairs or any(not a or not b for a, b in pairs):
        return None if pairs else []
    # A pair key holds both countries: equal keys are the same dyad, either direction.
    keys = [f"{min(a, b)}|{max(a, b)}" for a, b in pairs]
    wanted = sorted(set(keys))
    found = con.execute(
        f"SELECT e.pair, {_periods(by)} FROM event_summary e WHERE e.pair IN ({_marks(wanted)})"
        f" AND e.factuality IN ({_COUNTED_FACTUALITY})"
        f" AND e.placed_length >= {_PLACED_LENGTH[by]} GROUP BY 1, 2 ORDER BY 1, 2",
        wanted,
    ).fetchall()
    by_pair: dict[str, list[tuple[Any, ...]]] = {key: [] for key in wanted}
    for pair, *row in found:
        by_pair[pair].append(tuple(row))
    return [list(by_pair[key]) for key in keys]


def dyads(con: Cursor, *, directed: bool, query: EventQuery) -> list[tuple[Any, ...]] | None:
    """Return the dyad table from the summary, or None if it cannot say.

    Only the unfiltered table is served: distinct documents and outlets of a filtered subset
    are not sums of stored counts.

    Args:
        con: A connection or cursor.
        directed: Keep source → target apart instead of merging both directions.
        query: Filters; any filter other than the defaults means None.

    Returns:
        Rows in :class:`~bilat.store.base.DyadRow` field order, as the raw SQL gives them.
    """
    if dataclasses.replace(query, limit=None, offset=0, order="date") != EVERY_EVENT:
        return None
    if directed:
        a, b = "e.source_country", "e.target_country"
    else:
        a = "least(e.source_country, e.target_country)"
        b = "greatest(e.source_country, e.target_country)"
    rows: list[tuple[Any, ...]] = con.execute(
        f"""
        WITH counted AS (
            SELECT {a} AS a, {b} AS b, sum(e.events) AS events, {_QUADS},
                sum(e.goldstein_sum) AS goldstein_sum,
                min(e.first_placed) FILTER (WHERE e.dated) AS first_date,
                max(e.last_placed) FILTER (WHERE e.dated) AS last_date
            FROM event_dyads e
            WHERE e.factuality IN ({_COUNTED_FACTUALITY})
            GROUP BY 1, 2
        ),
        reported AS (
            SELECT a, b, sum(documents) AS documents,
                count(DISTINCT outlet) + coalesce(sum(reporting) FILTER (WHERE outlet IS NULL), 0)
                    AS sources
            FROM event_reports
            WHERE directed = ?
            GROUP BY a, b
        )
        SELECT c.*, coalesce(r.documents, 0), coalesce(r.sources, 0)
        FROM counted c LEFT JOIN reported r ON r.a = c.a AND r.b = c.b
        ORDER BY c.events DESC, c.a, c.b
        """,
        [directed],
    ).fetchall()
    return [(*row[:7], row[7] / float(row[2]), *row[7:]) for row in rows]
