"""Bring the Parquet a Spark job wrote into a store, through the store protocol's ``add``.

Documents are added in the order of the job's input, a batch per transaction, so loading the
same output twice adds nothing, and it works for any backend that implements
:class:`~bilat.store.Store`.

    >>> with open_store("bilat.duckdb") as store:
    ...     report = load_output("out/", store)
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bilat.dedup import ClusterOptions, Deduplicator, DedupOptions
from bilat.errors import BilatError
from bilat.knowledge import knowledge_for
from bilat.records import Extraction, Rejection
from bilat.settings import Settings
from bilat.store import Store
from bilat.store.codec import extraction_from_dict, rejection_from_dict


@dataclass
class LoadReport:
    """What one load did: documents added, skipped as already stored, events, rejections."""

    added: int = 0
    skipped: int = 0
    events: int = 0
    rejected: int = 0

    def as_dict(self) -> dict[str, int]:
        """Return the report as plain data."""
        return {
            "added": self.added,
            "skipped": self.skipped,
            "events": self.events,
            "rejected": self.rejected,
        }


def load_output(
    output: str | Path, store: Store, *, settings: Settings | None = None
) -> LoadReport:
    """Add the documents, events and rejections of a Spark job's output to a store.

    Near-duplicate documents and event clusters are updated after every batch, as
    ``bilat ingest`` does, so a loaded store equals an ingested one.

    Args:
        output: the directory ``bilat spark run`` wrote.
        store: an open, writable store.
        settings: batch size (documents per transaction) and dedup options.

    Returns:
        Counts of what was added and skipped.

    Raises:
        BilatError: the directory holds no ``documents/`` Parquet from a bilat job.
    """
    root = Path(output)
    if not (root / "kind=document").is_dir():
        raise BilatError(
            f"{root} has no kind=document/ directory; give the OUTPUT of `bilat spark run`"
        )
    settings = settings or Settings()
    dedup = Deduplicator(
        store,
        documents=DedupOptions(
            threshold=settings.dedup_threshold, max_days=settings.dedup_max_days
        ),
        clusters=ClusterOptions(window_days=settings.cluster_window_days),
        knowledge=knowledge_for(settings),
    )
    report = LoadReport()
    rejections = [rejection_from_dict(json.loads(t)) for t in _texts(root / "kind=rejection")]
    batch: list[Extraction] = []
    for text in _texts(root / "kind=document"):
        batch.append(extraction_from_dict(json.loads(text)))
        if len(batch) >= settings.batch_size:
            _add(store, batch, [], report)
            dedup.update()
            batch = []
    _add(store, batch, rejections, report)
    dedup.update()
    return report


def _add(
    store: Store, batch: list[Extraction], rejections: list[Rejection], report: LoadReport
) -> None:
    if not batch and not rejections:
        return
    result = store.add(batch, rejections)
    report.added += result.added
    report.skipped += result.skipped
    report.events += result.events
    report.rejected += len(rejections)


def _texts(directory: Path) -> Iterator[str]:
    """Yield the JSON column of a job's Parquet dataset in input order."""
    if not directory.is_dir():
        return
    import pyarrow.parquet as pq

    if not any(directory.glob("*.parquet")):
        return
    # Spark names its files part-*.parquet and leaves _SUCCESS and .crc files, which are skipped.
    table = pq.read_table(str(directory), columns=["ordinal", "seq", "json"]).sort_by(
        [("ordinal", "ascending"), ("seq", "ascending")]
    )
    for batch in table.to_batches(max_chunksize=1024):
        yield from (str(t) for t in batch.column("json").to_pylist())
