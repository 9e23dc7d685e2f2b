"""Count each real-world event once: near-duplicate documents and clusters of reports.

:mod:`bilat.dedup.documents` links reprints and lightly edited wire copies to their original
(MinHash LSH over word shingles); :mod:`bilat.dedup.clusters` groups the mentions of one event
across articles; :class:`Deduplicator` runs both over what a store holds, after every ingest
batch.
"""

from __future__ import annotations

from bilat.dedup.clusters import Clusterer, ClusterItem, ClusterOptions
from bilat.dedup.documents import DedupOptions, DocumentSignature, DuplicateFinder
from bilat.dedup.update import Deduplicator, DedupReport

__all__ = [
    "ClusterItem",
    "ClusterOptions",
    "Clusterer",
    "DedupOptions",
    "DedupReport",
    "Deduplicator",
    "DocumentSignature",
    "DuplicateFinder",
]
