"""SQL fragments shared by the backends: event filters, orders and the dyad summary.

Queries are assembled only from the fixed fragments below; every value a user supplies travels
as a ``?`` parameter (a backend whose driver uses another placeholder translates it).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from bilat.errors import InputError
from bilat.records import COUNTED_FACTUALITY, Factuality
from bilat.store.filters import Filters
from bilat.store.rows import ORDERS, PERIODS, EventQuery, FactQuery, QuoteQuery

COUNTED = tuple(sorted(f.value for f in COUNTED_FACTUALITY))

# Ties fall back to where the event sits in its document, so every order is deterministic.
_TIEBREAK = "e.doc_id, e.sentence_start, e.ordinal, e.id"
ORDER_SQL = {
    "date": f"e.date_effective ASC NULLS LAST, {_TIEBREAK}",
    "-date": f"e.date_effective DESC NULLS LAST, {_TIEBREAK}",
    "goldstein": f"e.goldstein ASC, e.date_effective ASC NULLS LAST, {_TIEBREAK}",
    "-goldstein": f"e.goldstein DESC, e.date_effective ASC NULLS LAST, {_TIEBREAK}",
    "confidence": f"e.confidence ASC, e.date_effective ASC NULLS LAST, {_TIEBREAK}",
    "-confidence": f"e.confidence DESC, e.date_effective ASC NULLS LAST, {_TIEBREAK}",
}


def factualities(values: tuple[str, ...] | None) -> list[str]:
    """Return the factuality values a query asks for: the counted ones when it names none.

    Raises:
        InputError: A value is not a factuality.
    """
    if values is None:
        return list(COUNTED)
    known = {f.value for f in Factuality}
    result = []
    for value in values:
        plain = value.value if isinstance(value, Factuality) else str(value)
        if plain not in known:
            raise InputError(
                f"unknown factuality {plain!r}; use one of {', '.join(sorted(known))}",
                origin="EventQuery.factuality",
            )
        result.append(plain)
    return result


NOT_DUPLICATE = "e.doc_id NOT IN (SELECT id FROM documents WHERE duplicate_of IS NOT NULL)"
"""Leaves out the events of near-duplicate documents: their original already reports them."""

REPRESENTATIVE = "(e.cluster_id IS NULL OR e.cluster_id = e.id)"
"""Keeps one mention per cluster (the first) and every event not clustered yet."""


def where(query: EventQuery) -> tuple[str, list[Any]]:
    """Return the WHERE clause (without the keyword) and parameters selecting a query's events.

    Args:
        query: The filters; limit, offset and order are not used here.

    Returns:
        The clause over the events table aliased ``e``, and its parameters in order.

    Raises:
        InputError: A filter value cannot be used (wrong dyad shape, unknown factuality).
    """
    found = Filters()
    found.dyad(query.dyad, "EventQuery.dyad")
    found.either_prefix("e.source_code", "e.target_code", query.actor)
    found.prefix("e.source_code", query.source)
    found.prefix("e.target_code", query.target)
    found.dated("e.date_effective", query.since, query.until)
    found.prefix("e.cameo", query.root)
    found.equals("e.quad_class", query.quad_class)
    found.one_of("e.factuality", factualities(query.factuality))
    found.equals("e.doc_id", query.doc_id)
    found.contains("e.sentence", query.text)
    if query.min_confidence is not None:
        if not 0 <= query.min_confidence <= 1:
            raise InputError(
                f"minimum confidence {query.min_confidence} is not a probability; "
                "give a number from 0 to 1, e.g. 0.8",
                origin="EventQuery.min_confidence",
            )
        found.add("e.confidence >= ?", query.min_confidence)
    found.add(NOT_DUPLICATE)
    if not query.mentions:
        found.add(REPRESENTATIVE)
    _verdict_clauses(query, found)
    return found.sql(), found.params


def _verdict_clauses(query: EventQuery, found: Filters) -> None:
    # Rejected events are out of every default result, count and dyad summary.
    if query.verified is True:
        found.add(
            "EXISTS (SELECT 1 FROM verdicts v WHERE v.event_id = e.id AND v.verdict IN (?, ?))",
            "confirm",
            "correct",
        )
    elif query.verified is False:
        found.add("NOT EXISTS (SELECT 1 FROM verdicts v WHERE v.event_id = e.id)")
    elif not query.include_rejected:
        found.add(
            "NOT EXISTS (SELECT 1 FROM verdicts v WHERE v.event_id = e.id AND v.verdict = ?)",
            "reject",
        )


def order_by(query: EventQuery) -> str:
    """Return the ORDER BY expression for a query's order.

    Raises:
        InputError: The order is not one of :data:`~bilat.store.base.ORDERS`.
    """
    if query.order not in ORDER_SQL:
        raise InputError(
            f"unknown event order {query.order!r}; use one of {', '.join(ORDERS)}",
            origin="EventQuery.order",
        )
    return ORDER_SQL[query.order]


def page(query: EventQuery) -> tuple[str, list[Any]]:
    """Return the LIMIT/OFFSET clause and its parameters for a query.

    Raises:
        InputError: The limit or offset is negative.
    """
    return _paging(query.limit, query.offset, "EventQuery")


def dyads(*, directed: bool, query: EventQuery) -> tuple[str, list[Any]]:
    """Return the dyad summary SELECT and its parameters.

    Args:
        directed: Keep source → target apart instead of merging both directions.
        query: Filters on the events summarised.

    Returns:
        A query whose rows are the :class:`~bilat.store.base.DyadRow` fields in order.
    """
    clause, params = where(query)
    if directed:
        a, b = "e.source_country", "e.target_country"
    else:
        a = "least(e.source_country, e.target_country)"
        b = "greatest(e.source_country, e.target_country)"
    # Outlets are counted over every article of the dyad's clusters, not only first mentions.
    sql = f"""
        WITH picked AS (
            SELECT {a} AS a, {b} AS b, e.id, e.doc_id, e.cluster_id, e.quad_class,
                e.goldstein, e.date_effective
            FROM events e
            WHERE e.source_country IS NOT NULL AND e.target_country IS NOT NULL
                AND e.source_country <> e.target_country AND {clause}
        ),
        reporting AS (
            SELECT p.a, p.b, p.doc_id FROM picked p
            UNION
            SELECT p.a, p.b, m.doc_id FROM picked p JOIN events m ON m.cluster_id = p.cluster_id
        ),
        outlets AS (
            SELECT r.a, r.b, count(DISTINCT coalesce(d.outlet, 'document:' || d.id)) AS sources
            FROM reporting r JOIN documents d ON d.id = r.doc_id
            WHERE d.duplicate_of IS NULL
            GROUP BY r.a, r.b
        ),
        summary AS (
            SELECT a, b,
                count(*) AS events,
                count(*) FILTER (WHERE quad_class = 1) AS verbal_coop,
                count(*) FILTER (WHERE quad_class = 2) AS material_coop,
                count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
                count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
                avg(goldstein) AS goldstein_mean,
                sum(goldstein) AS goldstein_sum,
                min(date_effective) AS first_date,
                max(date_effective) AS last_date,
                count(DISTINCT doc_id) AS documents
            FROM picked
            GROUP BY a, b
        )
        SELECT s.a, s.b, s.events, s.verbal_coop, s.material_coop, s.verbal_conflict,
            s.material_conflict, s.goldstein_mean, s.goldstein_sum, s.first_date, s.last_date,
            s.documents, coalesce(o.sources, 0) AS sources
        FROM summary s LEFT JOIN outlets o ON o.a = s.a AND o.b = s.b
        ORDER BY s.events DESC, s.a, s.b
    """
    return sql, params


# A document's best date, else the middle of its date range, else the range's known end: an
# article dated only "2022-04-27..2023-03-31" by its officials' tenures still lands in a year.
PLACED_DOCUMENT_DATE = """coalesce(
    d.date_value,
    d.published,
    CAST(CAST(d.date_earliest AS DATE) + CAST(floor(
        (CAST(d.date_latest AS DATE) - CAST(d.date_earliest AS DATE)) / 2.0) AS INTEGER)
        AS VARCHAR),
    d.date_earliest,
    d.date_latest
)"""


# Event dates come as YYYY, YYYY-MM or YYYY-MM-DD; a period needs at least this much of one.
_PLACED_LENGTH = {"year": 4, "quarter": 7, "month": 7, "week": 10}
_PLACED_DAY = (
    "CASE length(e.placed) WHEN 4 THEN e.placed || '-01-01' "
    "WHEN 7 THEN e.placed || '-01' ELSE substr(e.placed, 1, 10) END"
)


def _paging(limit: int | None, offset: int, origin: str) -> tuple[str, list[Any]]:
    if (limit is not None and limit < 0) or offset < 0:
        raise InputError(
            f"limit and offset must be 0 or more, got limit={limit} offset={offset}",
            origin=origin,
        )
    if limit is None:
        return ("OFFSET ?", [offset]) if offset else ("", [])
    return "LIMIT ? OFFSET ?", [limit, offset]


def facts(query: FactQuery) -> tuple[str, list[Any]]:
    """Return the SELECT of stored facts matching a query, and its parameters.

    Args:
        query: Filters and page.

    Returns:
        A query whose rows are (fact JSON, date, linked event's source code, target code).

    Raises:
        InputError: The dyad is not two codes, or the limit or offset is negative.
    """
    date = f"coalesce(e.date_effective, {PLACED_DOCUMENT_DATE})"
    found = Filters()
    found.equals("f.doc_id", query.doc_id)
    found.one_of("f.kind", (query.kind,) if isinstance(query.kind, str) else query.kind)
    found.either_prefix("e.source_code", "e.target_code", query.actor)
    found.dyad(query.dyad, "FactQuery.dyad")
    found.dated(date, query.since, query.until)
    found.contains("f.text", query.text)
    paging, page_params = _paging(query.limit, query.offset, "FactQuery")
    statement = f"""
        SELECT f.data, {date} AS date, e.source_code, e.target_code
        FROM facts f
        JOIN documents d ON d.id = f.doc_id
        LEFT JOIN events e ON e.id = f.event_id
        WHERE {found.sql()}
        ORDER BY date ASC NULLS LAST, d.seq, f.ordinal
        {paging}
    """
    return statement, found.params + page_params


def quotes(query: QuoteQuery) -> tuple[str, list[Any]]:
    """Return the SELECT of stored quotes matching a query, and its parameters.

    Args:
        query: Filters and page.

    Returns:
        A query whose rows are (quote JSON, document date).

    Raises:
        InputError: The limit or offset is negative.
    """
    date = PLACED_DOCUMENT_DATE
    found = Filters()
    found.equals("q.doc_id", query.doc_id)
    found.one_of("q.doc_id", query.doc_ids)
    found.prefix("q.speaker_code", query.speaker)
    found.dated(date, query.since, query.until)
    found.contains("q.text", query.text)
    paging, page_params = _paging(query.limit, query.offset, "QuoteQuery")
    statement = f"""
        SELECT q.data, {date} AS date
        FROM quotes q
        JOIN documents d ON d.id = q.doc_id
        WHERE {found.sql()}
        ORDER BY date ASC NULLS LAST, d.seq, q.ordinal
        {paging}
    """
    return statement, found.params + page_params


def timeline(query: EventQuery, by: str) -> tuple[str, list[Any]]:
    """Return the per-period event summary SELECT and its parameters.

    Args:
        query: Filters on the events; its since/until compare with each event's placed date.
        by: One of :data:`~bilat.store.base.PERIODS`.

    Returns:
        A query whose rows are the :class:`~bilat.store.base.TimelineRow` fields in order.

    Raises:
        InputError: ``by`` is not a known period, or a filter value cannot be used.
    """
    if by not in PERIODS:
        raise InputError(
            f"unknown period {by!r}; use one of {', '.join(PERIODS)}", origin="timeline(by)"
        )
    clause, params = where(dataclasses.replace(query, since=None, until=None))
    # An event dated only to a year has no month: it counts in year timelines, not finer ones.
    outer = Filters()
    outer.add(f"length(e.placed) >= {_PLACED_LENGTH[by]}")
    outer.dated("e.placed", query.since, query.until)
    # The placed date is computed once in a subquery aliased like the events table, so the
    # shared event filters apply to it unchanged.
    statement = f"""
        SELECT CAST(CAST(date_trunc('{by}', CAST({_PLACED_DAY} AS DATE)) AS DATE) AS VARCHAR)
                AS period,
            count(*) AS events,
            count(*) FILTER (WHERE e.quad_class = 1) AS verbal_coop,
            count(*) FILTER (WHERE e.quad_class = 2) AS material_coop,
            count(*) FILTER (WHERE e.quad_class = 3) AS verbal_conflict,
            count(*) FILTER (WHERE e.quad_class = 4) AS material_conflict,
            avg(e.goldstein) AS goldstein_mean,
            sum(e.goldstein) AS goldstein_sum
        FROM (
            SELECT ev.*, coalesce(ev.date_effective, {PLACED_DOCUMENT_DATE}) AS placed
            FROM events ev
            LEFT JOIN documents d ON d.id = ev.doc_id
        ) e
        WHERE {clause} AND {outer.sql()}
        GROUP BY 1
        ORDER BY 1
    """
    return statement, params + outer.params


def actors(query: EventQuery, *, limit: int | None = None) -> tuple[str, list[Any]]:
    """Return the actor summary SELECT and its parameters.

    Args:
        query: Filters on the events counted; its limit, offset and order do not apply.
        limit: At most this many rows.

    Returns:
        A query whose rows are the :class:`~bilat.store.base.ActorRow` fields in order.
    """
    clause, params = where(query)
    paging = ""
    page_params: list[Any] = []
    if limit is not None:
        if limit < 0:
            raise InputError(f"limit must be 0 or more, got {limit}", origin="actors(limit)")
        paging = "LIMIT ?"
        page_params = [limit]
    statement = f"""
        SELECT code, max(country), max(sector), max(name), count(*) AS n,
            count(*) FILTER (WHERE role = 'source'), count(*) FILTER (WHERE role = 'target'),
            min(placed), max(placed)
        FROM (
            SELECT e.source_code AS code, e.source_country AS country,
                e.source_sector AS sector, e.source_name AS name, 'source' AS role,
                e.date_effective AS placed
            FROM events e WHERE {clause}
            UNION ALL
            SELECT e.target_code, e.target_country, e.target_sector, e.target_name, 'target',
                e.date_effective
            FROM events e WHERE e.target_code IS NOT NULL AND {clause}
        ) involved
        GROUP BY code
        ORDER BY n DESC, code
        {paging}
    """
    return statement, params + params + page_params
