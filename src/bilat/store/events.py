"""Event reads: filtered and paged events, their clusters, counts, dyads, timelines and actors.

Every query takes its WHERE clause from :mod:`bilat.store.sql`; counts, timelines and the dyad
table are answered from the summary tables (:mod:`bilat.store.summary_reads`) when those give the
same answer. Events are returned as analysts judged them: a verdict's correction shows.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from bilat.records import Event
from bilat.store import codec, sql, summary_reads, verdict_rows, windows
from bilat.store.backend import Backend, Connection
from bilat.store.base import (
    ALL_FACTS,
    ALL_QUOTES,
    EVERY_EVENT,
    ActorRow,
    ClusteredEvent,
    DatedFact,
    DatedQuote,
    DyadRow,
    EventQuery,
    FactQuery,
    QuoteQuery,
    TimelineRow,
)
from bilat.verdicts import apply_judgement

# GDELT-style counts of the clusters in a page of events, counted as Store.clusters counts them.
_CLUSTER_COUNTS = """
    SELECT m.cluster_id, count(*), count(DISTINCT m.doc_id),
        count(DISTINCT coalesce(md.outlet, 'document:' || md.id))
    FROM events m JOIN documents md ON md.id = m.doc_id
    WHERE {any_cluster} AND md.duplicate_of IS NULL
    GROUP BY m.cluster_id
"""


def _timeline_rows(rows: Sequence[Sequence[Any]]) -> list[TimelineRow]:
    """Return timeline rows from the SQL's (period, events, four quads, mean, sum) tuples."""
    return [
        TimelineRow(
            period=str(period),
            events=int(n),
            verbal_coop=int(vc),
            material_coop=int(mc),
            verbal_conflict=int(vf),
            material_conflict=int(mf),
            goldstein_mean=float(mean),
            goldstein_sum=float(total),
        )
        for period, n, vc, mc, vf, mf, mean, total in rows
    ]


class Events(Backend):
    """Read events and what is counted over them (see :class:`~bilat.store.Store`)."""

    def event(self, event_id: str) -> Event | None:
        """Return one event by its stable id, whatever its factuality, or None."""
        with self._reading() as cursor:
            rows = cursor.execute(
                "SELECT data, cluster_id FROM events WHERE id = ?", [event_id]
            ).fetchall()
            found = self._judged(cursor, self._with_clusters(cursor, rows))
        return found[0] if found else None

    def events(self, query: EventQuery = EVERY_EVENT) -> list[Event]:
        """Return the events that match a query, in its order, paged by its limit and offset.

        Args:
            query: Filters, order and page.

        Returns:
            The events, equal to those added.

        Raises:
            InputError: A query value cannot be used.
        """
        clause, params = sql.where(query)
        paging, page_params = sql.page(query)
        select = "SELECT e.data, e.cluster_id FROM events e"
        statement = f"{select} WHERE {clause} ORDER BY {sql.order_by(query)} {paging}"
        with self._reading() as cursor:
            rows = (
                windows.newest_page(cursor, query, clause, params, select)
                if self._summary_reads
                else None
            )
            if rows is None:
                rows = cursor.execute(statement, params + page_params).fetchall()
            return self._judged(cursor, self._with_clusters(cursor, rows))

    def count_documents(self) -> dict[str, int]:
        """Count the stored documents and the rejected inputs.

        Returns:
            ``{"accepted": …, "rejected": …}``, as ``documents()`` would list them.
        """
        with self._reading() as cursor:
            rows = cursor.execute(
                "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM rejections)"
            ).fetchall()
        return {"accepted": int(rows[0][0]), "rejected": int(rows[0][1])}

    def count_events(self, query: EventQuery = EVERY_EVENT) -> int:
        """Return how many events match a query, ignoring its limit, offset and order.

        Args:
            query: Filters.

        Returns:
            The number of matching events.
        """
        clause, params = sql.where(query)
        with self._reading() as cursor:
            counted = summary_reads.count_events(cursor, query) if self._summary_reads else None
            if counted is not None:
                return counted
            rows = cursor.execute(
                f"SELECT count(*) FROM events e WHERE {clause}", params
            ).fetchall()
        return int(rows[0][0])

    def dyads(self, *, directed: bool = False, query: EventQuery | None = None) -> list[DyadRow]:
        """Summarise events by pair of countries, most events first.

        Args:
            directed: Keep source → target apart instead of merging both directions.
            query: Filters on the events summarised (factuality defaults to the counted ones).

        Returns:
            One row per dyad, sorted by events descending, then ``a`` and ``b``.
        """
        statement, params = sql.dyads(directed=directed, query=query or EVERY_EVENT)
        with self._reading() as cursor:
            rows = (
                summary_reads.dyads(cursor, directed=directed, query=query or EVERY_EVENT)
                if self._summary_reads
                else None
            )
            if rows is None:
                rows = cursor.execute(statement, params).fetchall()
        return [
            DyadRow(
                a=a,
                b=b,
                events=int(n),
                verbal_coop=int(vc),
                material_coop=int(mc),
                verbal_conflict=int(vf),
                material_conflict=int(mf),
                goldstein_mean=float(mean),
                goldstein_sum=float(total),
                first=first,
                last=last,
                documents=int(docs),
                sources=int(sources),
            )
            for a, b, n, vc, mc, vf, mf, mean, total, first, last, docs, sources in rows
        ]

    def facts(self, query: FactQuery = ALL_FACTS) -> list[DatedFact]:
        """Return the stored facts that match a query, in date order, paged.

        Args:
            query: Filters and page.

        Returns:
            The facts, equal to those added, with their dates and linked event's actors.

        Raises:
            InputError: A query value cannot be used.
        """
        statement, params = sql.facts(query)
        with self._reading() as cursor:
            rows = cursor.execute(statement, params).fetchall()
        return [
            DatedFact(
                fact=codec.fact_from_dict(json.loads(data)),
                date=date,
                source=source,
                target=target,
            )
            for data, date, source, target in rows
        ]

    def quotes(self, query: QuoteQuery = ALL_QUOTES) -> list[DatedQuote]:
        """Return the stored quotes that match a query, in date order, paged.

        Args:
            query: Filters and page.

        Returns:
            The quotes, equal to those added, with their documents' dates.

        Raises:
            InputError: A query value cannot be used.
        """
        statement, params = sql.quotes(query)
        with self._reading() as cursor:
            rows = cursor.execute(statement, params).fetchall()
        return [
            DatedQuote(quote=codec.quote_from_dict(json.loads(data)), date=date)
            for data, date in rows
        ]

    def timeline(self, query: EventQuery, by: str) -> list[TimelineRow]:
        """Count a query's events per period, in SQL; periods without events are absent.

        Args:
            query: Filters on the events (factuality defaults to the counted ones); its
                since/until compare with each event's placed date.
            by: ``week``, ``month``, ``quarter`` or ``year``.

        Returns:
            One row per period holding events, oldest first.

        Raises:
            InputError: ``by`` is unknown or a filter value cannot be used.
        """
        statement, params = sql.timeline(query, by)
        with self._reading() as cursor:
            rows = summary_reads.timeline(cursor, query, by) if self._summary_reads else None
            if rows is None:
                rows = cursor.execute(statement, params).fetchall()
        return _timeline_rows(rows)

    def timelines(self, pairs: Sequence[tuple[str, str]], by: str) -> list[list[TimelineRow]]:
        """Return several dyads' timelines, each what ``timeline(EventQuery(dyad=pair), by)`` is.

        Args:
            pairs: Country pairs, either order.
            by: ``week``, ``month``, ``quarter`` or ``year``.

        Returns:
            One list of rows per pair, in the pairs' order.

        Raises:
            InputError: ``by`` is unknown or a pair cannot be used.
        """
        queries = [EventQuery(dyad=pair) for pair in pairs]
        for query in queries:
            sql.timeline(query, by)  # the same validation and messages as timeline()
        with self._reading() as cursor:
            found = summary_reads.timelines(cursor, pairs, by) if self._summary_reads else None
        if found is None:
            return [self.timeline(query, by) for query in queries]
        return [_timeline_rows(rows) for rows in found]

    def actors(
        self, query: EventQuery | None = None, *, limit: int | None = None
    ) -> list[ActorRow]:
        """Count the events each actor code takes part in, most events first.

        Args:
            query: Filters on the events counted (factuality defaults to the counted ones).
            limit: At most this many actors.

        Returns:
            One row per actor code, sorted by events descending, then code.
        """
        statement, params = sql.actors(query or EVERY_EVENT, limit=limit)
        with self._reading() as cursor:
            rows = cursor.execute(statement, params).fetchall()
        return [
            ActorRow(
                code=code,
                country=country,
                sector=sector,
                name=name,
                events=int(n),
                as_source=int(sources),
                as_target=int(targets),
                first=first,
                last=last,
            )
            for code, country, sector, name, n, sources, targets, first, last in rows
        ]

    def clusters(self, query: EventQuery = EVERY_EVENT) -> list[ClusteredEvent]:
        """Return the events :meth:`events` returns, each with its cluster's id and counts.

        Args:
            query: Filters, order and page, as for :meth:`events`.

        Returns:
            One row per event: by default each cluster's representative, with ``mentions=True``
            every mention (each carrying its cluster's counts).

        Raises:
            InputError: A query value cannot be used.
        """
        clause, params = sql.where(query)
        paging, page_params = sql.page(query)
        statement = f"""
            WITH counts AS (
                SELECT m.cluster_id, count(*) AS mentions, count(DISTINCT m.doc_id) AS articles,
                    count(DISTINCT coalesce(md.outlet, 'document:' || md.id)) AS sources,
                    min(coalesce(md.date_value, md.published)) AS first_report,
                    max(coalesce(md.date_value, md.published)) AS last_report
                FROM events m JOIN documents md ON md.id = m.doc_id
                WHERE m.cluster_id IS NOT NULL AND md.duplicate_of IS NULL
                GROUP BY m.cluster_id
            )
            SELECT e.data, coalesce(e.cluster_id, e.id), coalesce(c.mentions, 1),
                coalesce(c.articles, 1), coalesce(c.sources, 1),
                coalesce(c.first_report, ed.date_value, ed.published),
                coalesce(c.last_report, ed.date_value, ed.published)
            FROM events e
            JOIN documents ed ON ed.id = e.doc_id
            LEFT JOIN counts c ON c.cluster_id = e.cluster_id
            WHERE {clause} ORDER BY {sql.order_by(query)} {paging}
        """
        with self._reading() as cursor:
            rows = cursor.execute(statement, params + page_params).fetchall()
        return [
            ClusteredEvent(
                event=codec.event_from_json(data),
                cluster_id=str(cluster_id),
                num_mentions=int(mentions),
                num_articles=int(articles),
                num_sources=int(sources),
                first_report=first,
                last_report=last,
            )
            for data, cluster_id, mentions, articles, sources, first, last in rows
        ]

    def cluster_mentions(self, cluster_id: str) -> list[Event]:
        """Return every mention of one cluster in store order (empty for an unknown id)."""
        with self._reading() as cursor:
            rows = cursor.execute(
                "SELECT e.data FROM events e JOIN documents d ON d.id = e.doc_id"
                f" WHERE e.cluster_id = ? AND {sql.NOT_DUPLICATE} ORDER BY d.seq, e.ordinal",
                [cluster_id],
            ).fetchall()
        return [codec.event_from_json(data) for (data,) in rows]

    def _judged(self, cursor: Connection, events: list[Event]) -> list[Event]:
        """Show events as analysts judged them: corrected code and actors where a verdict says."""
        judged = verdict_rows.judged_for(cursor, [e.id for e in events], dialect=self.dialect)
        if not judged:
            return events
        return [apply_judgement(e, *judged[e.id]) if e.id in judged else e for e in events]

    def _with_clusters(
        self, cursor: Connection, rows: Sequence[tuple[str, str | None]]
    ) -> list[Event]:
        """Decode ``(data, cluster_id)`` event rows, giving each its cluster's id and counts."""
        wanted = sorted({cluster for _, cluster in rows if cluster is not None})
        counts: dict[str, tuple[int, int, int]] = {}
        if wanted:
            statement = _CLUSTER_COUNTS.format(any_cluster=self.dialect.any_of("m.cluster_id"))
            found = cursor.execute(statement, [wanted]).fetchall()
            counts = {str(c): (int(n), int(a), int(s)) for c, n, a, s in found}
        events = []
        for data, cluster in rows:
            fields = json.loads(data)
            # Set before decoding: dataclasses.replace afterwards doubles the cost of a read.
            mentions, articles, sources = counts.get(cluster, (1, 1, 1)) if cluster else (1, 1, 1)
            fields["cluster_id"] = cluster
            fields["num_mentions"] = mentions
            fields["num_articles"] = articles
            fields["num_sources"] = sources
            events.append(codec.event_from_dict(fields))
        return events
