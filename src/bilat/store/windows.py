"""Newest-first pages of a dyad's events, read from a window of recent dates when that is exact.

``events(EventQuery(dyad=…, order="-date", limit=50))`` sorts every matching event of the dyad
to keep fifty. The newest events all lie after some date: in the window ``date >= edge``,
every event sorts before every event outside it (older, or undated: ``NULLS LAST``). So when
the window holds at least ``offset + limit`` matching events, the page read from it with the
same order is the page of the whole table, row for row; the window query proves it by returning
a full page. DuckDB skips the row groups whose dates all lie before the edge (their min/max), and
PostgreSQL can use the ``events_date_effective`` index.

The edges come from the summary's month counts of the dyad (:mod:`bilat.store.summary`): the
newest months holding ``offset + limit`` counted events first, then wider as the first window
shows how many of the dyad's events the other filters keep. The counts only choose where to
look; the result never depends on them. After a few windows the caller runs the plain query.
"""

from __future__ import annotations

from typing import Any

from bilat.store import sql
from bilat.store.base import EventQuery
from bilat.store.filters import since_bound
from bilat.store.summary import Cursor

WINDOWS = 3
"""How many windows to try, each wider, before the plain query."""

FIRST = 16
"""The first window holds this many pages of the dyad's counted events: the other filters (a
root, a quad class) keep a share of them, and a wider window costs little more to read (DuckDB
reads whole row groups of ~123k events, PostgreSQL walks the date index) than a second one."""

_MARGIN = 1.5
"""How much more than the estimate the next window is made to hold."""


def newest_page(
    con: Cursor, query: EventQuery, clause: str, params: list[Any], select: str
) -> list[tuple[Any, ...]] | None:
    """Return a newest-first page of a dyad's events, read from recent windows, or None.

    Args:
        con: A connection or cursor.
        query: The query; only ``order="-date"`` with a dyad and a limit is served.
        clause: The query's WHERE clause over events aliased ``e`` (:func:`bilat.store.sql.where`).
        params: The clause's parameters.
        select: ``SELECT … FROM events e`` giving the columns of the rows returned.

    Returns:
        The rows of ``{select} WHERE {clause} ORDER BY … LIMIT … OFFSET …``, exactly, or None
        when no window proved to hold the page (the caller runs the plain query).
    """
    if query.order != "-date" or query.dyad is None or not query.limit:
        return None
    need = query.offset + query.limit
    months = _months(con, query.dyad, query.until)
    floor = since_bound(query.since) if query.since is not None else None
    wanted = float(need * FIRST)
    for _ in range(WINDOWS):
        edge, held = _edge(months, wanted)
        if edge is None or (floor is not None and edge <= floor):
            return None  # the window would be the whole query
        window = f"{clause} AND e.date_effective >= ?"
        rows: list[tuple[Any, ...]] = con.execute(
            f"{select} WHERE {window} ORDER BY {sql.ORDER_SQL['-date']} LIMIT ? OFFSET ?",
            [*params, edge, query.limit, query.offset],
        ).fetchall()
        if len(rows) == query.limit:
            return rows
        matched = len(rows)  # short of a page: without an offset, the whole window
        if query.offset:
            found = con.execute(
                f"SELECT count(*) FROM events e WHERE {window}", [*params, edge]
            ).fetchall()
            matched = int(found[0][0])
        # The share of the dyad's counted events the other filters keep, seen in this window.
        wanted = max(wanted * 2, need * held / matched * _MARGIN) if matched else wanted * 16
    return None


def _months(con: Cursor, dyad: tuple[str, str], until: str | None) -> list[tuple[str, int]]:
    """Return the dyad's dated periods up to ``until`` (months, or years), newest first.

    Each comes with the number of the dyad's events the summary counts in it, of every
    factuality: an estimate of the query's own events, which only guides the windows.
    """
    a, b = dyad
    # A constant pair lets DuckDB skip the row groups of other pairs (the table is filled in
    # pair order); the countries keep out the pair's events with a missing country.
    rows = con.execute(
        "SELECT e.period, sum(e.events) FROM event_summary e"
        " WHERE e.pair = ? AND e.dated"
        " AND ((e.source_country = ? AND e.target_country = ?)"
        " OR (e.source_country = ? AND e.target_country = ?))"
        " GROUP BY e.period ORDER BY e.period DESC",
        [f"{min(a, b)}|{max(a, b)}", a, b, b, a],
    ).fetchall()
    # Periods after ``until`` hold no match (a period sorts before its own days).
    return [
        (str(period), int(events))
        for period, events in rows
        if until is None or str(period) <= until
    ]


def _edge(months: list[tuple[str, int]], wanted: float) -> tuple[str | None, int]:
    """Return the newest period from which on the months hold ``wanted`` events, and their sum.

    Every event of a period sorts at or after the period's text (``2024-03-05`` ≥ ``2024-03``;
    ``2024`` for year-dated events), so ``date >= period`` keeps all the newer periods' events.
    None when even all months hold fewer.
    """
    held = 0
    for period, events in months:
        held += events
        if held >= wanted:
            return period, held
    return None, held
