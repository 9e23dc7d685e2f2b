"""The store both SQL backends share, assembled from one mixin per concern.

Documents (:mod:`~bilat.store.documents`; removing and replacing them,
:mod:`~bilat.store.replacing`), event reads (:mod:`~bilat.store.events`), verdicts
(:mod:`~bilat.store.verdict_rows`), pattern health (:mod:`~bilat.store.review`), dedup state
(:mod:`~bilat.store.dedup`) and monitoring state (:mod:`~bilat.store.monitoring`) each sit in
their own module over
:class:`~bilat.store.backend.Backend`; a backend subclasses :class:`SQLStore`, opens its
connection and says how it writes a batch of rows.
"""

from __future__ import annotations

from bilat.store.dedup import DedupState
from bilat.store.events import Events
from bilat.store.monitoring import Monitoring
from bilat.store.replacing import Replacing
from bilat.store.review import Review
from bilat.store.verdict_rows import Verdicts


class SQLStore(Replacing, Events, Verdicts, Review, DedupState, Monitoring):
    """A :class:`~bilat.store.Store` over SQL; see :class:`~bilat.store.DuckDBStore`."""
