"""Bring a store's dedup up to date: check new documents for reprints, then cluster new events.

Ingest calls :meth:`Deduplicator.update` after every batch. It works only from what the store
holds: documents not yet signed are checked in store order, then events not yet clustered are
assigned in store order. A run stopped between the two steps, or between batches, resumes where
it stopped, and the outcome does not depend on the batch size. Each document's stored best date
is what the near-duplicate date limit (``DedupOptions.max_days``) compares.

    with open_store("bilat.duckdb") as store:
        report = Deduplicator(store).update()
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bilat.dedup.clusters import Clusterer, ClusterItem, ClusterOptions, parse_day
from bilat.dedup.documents import (
    DedupOptions,
    DuplicateFinder,
    decode_hashvalues,
    encode_hashvalues,
)
from bilat.knowledge import Knowledge
from bilat.store import Store

# document_cards searches the id list for every stored row: quick for a batch of ids, while a
# whole store's worth (the first run, or a store opened again) is cheaper as one listing.
_CARDS_AT_MOST = 1000


@dataclass(frozen=True)
class DedupReport:
    """What one update did: documents checked and found to be copies; events clustered.

    ``merged`` counts the events that joined an earlier mention's cluster.
    """

    documents: int = 0
    duplicates: int = 0
    events: int = 0
    merged: int = 0


class Deduplicator:
    """Keep near-duplicate links and event clusters of one store current, batch after batch.

    The LSH index of signatures is read from the store on first use and kept in memory for the
    following batches.

    Args:
        store: The open, writable store.
        documents: Near-duplicate threshold, date limit and signature parameters.
        clusters: Cluster window and similarity thresholds.
        knowledge: Code groups and stop words (default: the bundled knowledge).
    """

    def __init__(
        self,
        store: Store,
        *,
        documents: DedupOptions | None = None,
        clusters: ClusterOptions | None = None,
        knowledge: Knowledge | None = None,
    ) -> None:
        self.store = store
        self.knowledge = knowledge
        self.document_options = documents or DedupOptions()
        self.cluster_options = clusters or ClusterOptions()
        self._finder: DuplicateFinder | None = None

    def update(self) -> DedupReport:
        """Check unsigned documents for near-duplicates, then cluster unclustered events.

        Returns:
            What was checked and found.

        Raises:
            StoreError: The store cannot be read or written.
        """
        # Another process writing the same database must not sign or cluster in between.
        with self.store.exclusive():
            documents, duplicates = self._check_documents()
            events, merged = self._cluster_events()
        return DedupReport(documents=documents, duplicates=duplicates, events=events, merged=merged)

    def _check_documents(self) -> tuple[int, int]:
        pending = self.store.unsigned_documents()
        if not pending:
            return 0, 0
        finder = self._load_finder()
        dates = self._document_dates([doc_id for doc_id, _ in pending])
        rows = []
        for doc_id, text in pending:
            signature = finder.check(doc_id, text, date=dates.get(doc_id))
            rows.append(
                (
                    doc_id,
                    encode_hashvalues(signature.hashvalues),
                    signature.duplicate_of,
                    signature.similarity,
                )
            )
        self.store.save_signatures(rows)
        return len(rows), sum(1 for row in rows if row[2] is not None)

    def _load_finder(self) -> DuplicateFinder:
        if self._finder is None:
            finder = DuplicateFinder(self.document_options)
            stored = self.store.signatures()
            finder.load(
                (
                    (doc_id, decode_hashvalues(values), original)
                    for doc_id, values, original in stored
                ),
                dates=self._document_dates([doc_id for doc_id, _, _ in stored]),
            )
            self._finder = finder
        return self._finder

    def _document_dates(self, doc_ids: list[str]) -> dict[str, str | None]:
        if self.document_options.max_days is None or not doc_ids:
            return {}
        cards = getattr(self.store, "document_cards", None)
        if cards is not None and len(doc_ids) <= _CARDS_AT_MOST:
            found: dict[str, dict[str, str | None]] = cards(doc_ids)
            return {doc_id: card.get("published") for doc_id, card in found.items()}
        wanted = set(doc_ids)
        return {
            row.id: row.published
            for row in self.store.documents(status="accepted")
            if row.id is not None and row.id in wanted
        }

    def _cluster_events(self) -> tuple[int, int]:
        pending = self.store.unclustered_events()
        if not pending:
            return 0, 0
        clusterer = Clusterer(self.cluster_options, knowledge=self.knowledge)
        days = sorted(d for _, date in pending if (d := parse_day(date)) is not None)
        if days:
            # Earlier clusters a new mention may join were founded within the window of it.
            window = dt.timedelta(days=self.cluster_options.window_days)
            since, until = (days[0] - window).isoformat(), (days[-1] + window).isoformat()
            clusterer.seed(
                ClusterItem(event, date, cluster_id)
                for event, date, cluster_id in self.store.clustered_events(since, until)
            )
        assignments = {
            event.id: clusterer.assign(ClusterItem(event, date)) for event, date in pending
        }
        self.store.assign_clusters(assignments)
        return len(assignments), sum(1 for e, c in assignments.items() if e != c)
