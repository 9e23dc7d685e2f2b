"""Answers read from the summary tables (:mod:`bilat.store.summary`), when they equal the raw SQL's.

Each reader returns None when a query asks for what the tables cannot answer exactly (a code
prefix longer than three letters, a text filter, a date bound that cuts through a row…); the
caller then runs the raw query of :mod:`bilat.store.sql`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from bilat.store import sql
from bilat.store.base import EVERY_EVENT, EventQuery
from bilat.store.filters import Filters, since_bound
from bilat.store.summary import COUNTED_FACTUALITY_SQL, Cursor


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
    """Return a summary timeline's columns: period, events, the four quads, mean and sum."""
    # Every event of a row lies in one month (or is dated to one year), so the row's period
    # truncates like each of its events' placed days.
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

    Args:
        con: A connection or cursor.
        pairs: Country pairs (either order), codes validated by :func:`bilat.store.sql.timeline`.
        by: ``month``, ``quarter`` or ``year`` (weeks cross months: None).

    Returns:
        One list of rows per pair, in the pairs' order.
    """
    if by not in _PLACED_LENGTH or not pairs or any(not a or not b for a, b in pairs):
        return None if pairs else []
    # A pair key holds both countries: equal keys are the same dyad, either direction.
    keys = [f"{min(a, b)}|{max(a, b)}" for a, b in pairs]
    wanted = sorted(set(keys))
    found = con.execute(
        f"SELECT e.pair, {_periods(by)} FROM event_summary e"
        f" WHERE e.pair IN ({', '.join('?' for _ in wanted)})"
        f" AND e.factuality IN ({COUNTED_FACTUALITY_SQL})"
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
            WHERE e.factuality IN ({COUNTED_FACTUALITY_SQL})
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
