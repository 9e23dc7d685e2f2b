"""Dedup state: near-duplicate signatures of documents and the clusters events belong to.

:mod:`bilat.dedup` reads what is not checked or clustered yet, decides, and writes back here in
one transaction per step, under :meth:`~bilat.store.backend.Backend.exclusive`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bilat.records import Event
from bilat.store import codec
from bilat.store.backend import Backend, now


class DedupState(Backend):
    """Keep document signatures and event clusters (see :class:`~bilat.store.Store`)."""

    def unsigned_documents(self) -> list[tuple[str, str]]:
        """Return ``(doc_id, text)`` of documents not checked for near-duplicates, in store order."""
        with self._reading() as cursor:
            rows = cursor.execute(
                "SELECT d.id, d.text FROM documents d WHERE d.id NOT IN"
                " (SELECT s.doc_id FROM document_signatures s) ORDER BY d.seq"
            ).fetchall()
        return [(str(doc_id), str(text)) for doc_id, text in rows]

    def signatures(self) -> list[tuple[str, str, str | None]]:
        """Return ``(doc_id, hashvalues, duplicate_of)`` of every checked document, in order."""
        with self._reading() as cursor:
            rows = cursor.execute(
                "SELECT s.doc_id, s.hashvalues, d.duplicate_of FROM document_signatures s"
                " JOIN documents d ON d.id = s.doc_id ORDER BY d.seq"
            ).fetchall()
        return [(str(doc_id), str(values), original) for doc_id, values, original in rows]

    def save_signatures(self, rows: Sequence[tuple[str, str, str | None, float | None]]) -> None:
        """Store ``(doc_id, hashvalues, duplicate_of, similarity)`` for checked documents.

        Raises:
            StoreError: The store is read-only or closed, or the write failed (nothing is kept).
        """
        if not rows:
            return
        stamped = now()
        steps: list[tuple[str, list[Any]]] = [
            (
                "INSERT INTO document_signatures (doc_id, hashvalues, created_at)"
                " SELECT unnest(CAST(? AS VARCHAR[])), unnest(CAST(? AS VARCHAR[])), ?"
                " ON CONFLICT DO NOTHING",
                [[r[0] for r in rows], [r[1] for r in rows], stamped],
            )
        ]
        steps += [
            (
                "UPDATE documents SET duplicate_of = ?, duplicate_similarity = ? WHERE id = ?",
                [original, similarity, doc_id],
            )
            for doc_id, _, original, similarity in rows
            if original is not None
        ]
        marked = [r[0] for r in rows if r[2] is not None]
        self._write_steps(steps, "store document signatures", doc_ids=marked)

    def unclustered_events(self) -> list[tuple[Event, str | None]]:
        """Return ``(event, date)`` of checked, non-duplicate events not yet clustered, in order."""
        with self._reading() as cursor:
            rows = cursor.execute(
                "SELECT e.data, e.date_effective FROM events e JOIN documents d ON d.id = e.doc_id"
                " WHERE e.cluster_id IS NULL AND d.duplicate_of IS NULL"
                " AND d.id IN (SELECT s.doc_id FROM document_signatures s)"
                " ORDER BY d.seq, e.ordinal"
            ).fetchall()
        return [(codec.event_from_json(data), date) for data, date in rows]

    def clustered_events(self, since: str, until: str) -> list[tuple[Event, str | None, str]]:
        """Return ``(event, date, cluster_id)`` of clusters first reported in a date range.

        Args:
            since: First date (ISO) of the clusters' first mentions, inclusive.
            until: Last date, inclusive.

        Returns:
            Every mention of those clusters, in the order they were clustered.
        """
        with self._reading() as cursor:
            rows = cursor.execute(
                "SELECT e.data, e.date_effective, e.cluster_id FROM events e"
                " JOIN events f ON f.id = e.cluster_id JOIN documents d ON d.id = e.doc_id"
                " WHERE f.date_effective >= ? AND f.date_effective <= ?"
                " AND d.duplicate_of IS NULL ORDER BY d.seq, e.ordinal",
                [since, until],
            ).fetchall()
        return [(codec.event_from_json(data), date, str(cid)) for data, date, cid in rows]

    def assign_clusters(self, assignments: Mapping[str, str]) -> None:
        """Set the cluster of events, given as event id → cluster id, in one transaction.

        Raises:
            StoreError: The store is read-only or closed, or the write failed (nothing is kept).
        """
        groups: dict[str, list[str]] = {}
        for event_id, cluster_id in assignments.items():
            groups.setdefault(cluster_id, []).append(event_id)
        # Most events found their own cluster: one statement sets them all.
        alone = sorted(e for e, c in assignments.items() if e == c)
        steps: list[tuple[str, list[Any]]] = []
        if alone:
            steps.append(
                (f"UPDATE events SET cluster_id = id WHERE {self.dialect.any_of('id')}", [alone])
            )
        for cluster_id, members in sorted(groups.items()):
            others = sorted(m for m in members if m != cluster_id)
            if others:
                steps.append(
                    (
                        f"UPDATE events SET cluster_id = ? WHERE {self.dialect.any_of('id')}",
                        [cluster_id, others],
                    )
                )
        touched = set(assignments) | set(assignments.values())
        self._write_steps(steps, "assign event clusters", event_ids=touched)
