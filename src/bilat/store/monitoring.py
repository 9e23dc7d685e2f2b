"""Monitoring state: registered feeds, the items seen in them, and the alerts already fired.

``bilat watch`` polls feeds with conditional GETs (the validators kept here), skips items it
has seen by address or text hash, and fires each alert rule once per cluster of reports.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from bilat.store.backend import Backend, now, stamp
from bilat.store.base import FeedItemRow, FeedRow


class Monitoring(Backend):
    """Keep feeds, feed items and fired alerts (see :class:`~bilat.store.Store`)."""

    def add_feed(self, url: str, name: str) -> bool:
        """Register a feed (or rename a registered one); return True when it is new."""
        new = not any(feed.url == url for feed in self.feeds())
        self._write_many(
            "INSERT INTO feeds (url, name, added_at) VALUES (?, ?, ?)"
            " ON CONFLICT (url) DO UPDATE SET name = excluded.name",
            [(url, name, now())],
            "add a feed",
        )
        return new

    def remove_feed(self, url: str) -> bool:
        """Forget a feed and its validators (its items stay); return True when it existed."""
        existed = any(feed.url == url for feed in self.feeds())
        self._write_many("DELETE FROM feeds WHERE url = ?", [(url,)], "remove a feed")
        return existed

    def feeds(self) -> list[FeedRow]:
        """Return every registered feed, in the order they were added."""
        with self._reading() as cursor:
            rows = cursor.execute(
                "SELECT url, name, etag, last_modified, last_success, last_error, last_error_at,"
                " added_at FROM feeds ORDER BY added_at, url"
            ).fetchall()
        return [
            FeedRow(u, n, e, m, stamp(s), err, stamp(ea), str(stamp(a)))
            for u, n, e, m, s, err, ea, a in rows
        ]

    def record_feed_poll(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        error: str | None = None,
    ) -> None:
        """Record a poll: on success its validators (None clears them), else why it failed."""
        if error is not None:
            statement = "UPDATE feeds SET last_error = ?, last_error_at = ? WHERE url = ?"
            params: tuple[Any, ...] = (error, now(), url)
        else:
            statement = (
                "UPDATE feeds SET etag = ?, last_modified = ?, last_success = ? WHERE url = ?"
            )
            params = (etag, last_modified, now(), url)
        self._write_many(statement, [params], "record a feed poll")

    def feed_items_known(self, values: Iterable[str]) -> set[str]:
        """Return those of the given URLs or content hashes any feed item already has."""
        wanted = sorted(set(values))
        if not wanted:
            return set()
        with self._reading() as cursor:
            rows = cursor.execute(
                " UNION ".join(
                    f"SELECT {column} FROM feed_items WHERE {self.dialect.any_of(column)}"
                    for column in ("url", "canonical_url", "content_hash")
                ),
                [wanted, wanted, wanted],
            ).fetchall()
        return {str(row[0]) for row in rows}

    def add_feed_items(self, items: Sequence[FeedItemRow]) -> int:
        """Record items seen in feeds (an item already recorded for its feed is kept)."""
        before = self._table_size("feed_items")
        self._write_many(
            "INSERT INTO feed_items (feed, url, canonical_url, content_hash, doc_id, status,"
            " seen_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [
                (i.feed, i.url, i.canonical_url, i.content_hash, i.doc_id, i.status, now())
                for i in items
            ],
            "record feed items",
        )
        return self._table_size("feed_items") - before

    def fired_alert_keys(self, rule: str) -> set[str]:
        """Return the cluster keys (cluster or event ids) an alert rule has fired for."""
        with self._reading() as cursor:
            rows = cursor.execute(
                "SELECT cluster_key FROM fired_alerts WHERE rule = ?", [rule]
            ).fetchall()
        return {str(row[0]) for row in rows}

    def record_fired_alerts(self, fired: Sequence[tuple[str, str, str]]) -> int:
        """Record ``(rule, cluster_key, event_id)`` firings; return how many were new."""
        before = self._table_size("fired_alerts")
        self._write_many(
            "INSERT INTO fired_alerts (rule, cluster_key, event_id, fired_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [(rule, key, event_id, now()) for rule, key, event_id in fired],
            "record fired alerts",
        )
        return self._table_size("fired_alerts") - before

    def feed_item_counts(self) -> list[tuple[str, str, str | None, int]]:
        """Return ``(feed, item status, rejection reason or None, items)`` over all feed items."""
        with self._reading() as cursor:
            rows = cursor.execute(
                "SELECT i.feed, i.status, r.reason, count(*) FROM feed_items i"
                " LEFT JOIN rejections r ON r.origin = i.url"
                " GROUP BY i.feed, i.status, r.reason ORDER BY i.feed, i.status, r.reason"
            ).fetchall()
        return [(str(f), str(s), None if r is None else str(r), int(n)) for f, s, r, n in rows]
