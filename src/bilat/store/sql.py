"""SQL fragments shared by the backends: event filters, orders and the dyad summary.

Queries are assembled only from the fixed fragments below; every value a user supplies travels
as a ``?`` parameter (a backend whose driver uses another placeholder translates it).
"""

from __future__ import annotations

from typing import Any

from bilat.errors import InputError
from bilat.records import COUNTED_FACTUALITY, Factuality
from bilat.store.base import ORDERS, EventQuery

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


def _factualities(values: tuple[str, ...]) -> list[str]:
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


def where(query: EventQuery) -> tuple[str, list[Any]]:
    """Return the WHERE clause (without the keyword) and parameters selecting a query's events.

    Args:
        query: The filters; limit, offset and order are not used here.

    Returns:
        The clause over the events table aliased ``e``, and its parameters in order.

    Raises:
        InputError: A filter value cannot be used (wrong dyad shape, unknown factuality).
    """
    clauses: list[str] = []
    params: list[Any] = []
    if query.dyad is not None:
        if len(query.dyad) != 2:
            raise InputError(
                f"a dyad is two country codes, got {query.dyad!r}; pass e.g. ('PAK', 'USA')",
                origin="EventQuery.dyad",
            )
        a, b = query.dyad
        clauses.append(
            "((e.source_country = ? AND e.target_country = ?)"
            " OR (e.source_country = ? AND e.target_country = ?))"
        )
        params += [a, b, b, a]
    if query.actor is not None:
        clauses.append("(starts_with(e.source_code, ?) OR starts_with(e.target_code, ?))")
        params += [query.actor, query.actor]
    if query.source is not None:
        clauses.append("starts_with(e.source_code, ?)")
        params.append(query.source)
    if query.target is not None:
        clauses.append("starts_with(e.target_code, ?)")
        params.append(query.target)
    if query.since is not None:
        clauses.append("e.date_effective >= ?")
        params.append(query.since)
    if query.until is not None:
        clauses.append("e.date_effective <= ?")
        params.append(query.until)
    if query.root is not None:
        clauses.append("starts_with(e.cameo, ?)")
        params.append(query.root)
    if query.quad_class is not None:
        clauses.append("e.quad_class = ?")
        params.append(query.quad_class)
    factualities = COUNTED if query.factuality is None else _factualities(query.factuality)
    if factualities:
        clauses.append(f"e.factuality IN ({', '.join('?' for _ in factualities)})")
        params += list(factualities)
    else:
        clauses.append("FALSE")
    if query.doc_id is not None:
        clauses.append("e.doc_id = ?")
        params.append(query.doc_id)
    if query.text is not None:
        clauses.append("strpos(lower(e.sentence), lower(?)) > 0")
        params.append(query.text)
    return " AND ".join(clauses), params


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
    if (query.limit is not None and query.limit < 0) or query.offset < 0:
        raise InputError(
            f"limit and offset must be 0 or more, got limit={query.limit} offset={query.offset}",
            origin="EventQuery",
        )
    if query.limit is None:
        return ("OFFSET ?", [query.offset]) if query.offset else ("", [])
    return "LIMIT ? OFFSET ?", [query.limit, query.offset]


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
    sql = f"""
        SELECT {a} AS a, {b} AS b,
            count(*) AS events,
            count(*) FILTER (WHERE e.quad_class = 1) AS verbal_coop,
            count(*) FILTER (WHERE e.quad_class = 2) AS material_coop,
            count(*) FILTER (WHERE e.quad_class = 3) AS verbal_conflict,
            count(*) FILTER (WHERE e.quad_class = 4) AS material_conflict,
            avg(e.goldstein) AS goldstein_mean,
            sum(e.goldstein) AS goldstein_sum,
            min(e.date_effective) AS first_date,
            max(e.date_effective) AS last_date,
            count(DISTINCT e.doc_id) AS documents
        FROM events e
        WHERE e.source_country IS NOT NULL AND e.target_country IS NOT NULL
            AND e.source_country <> e.target_country AND {clause}
        GROUP BY 1, 2
        ORDER BY events DESC, a, b
    """
    return sql, params
