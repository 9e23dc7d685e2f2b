"""Count what each feed has given: items seen, documents added, duplicates and rejections.

with open_store("bilat.duckdb") as store:
    for stats in feed_stats(store).values():
        print(stats.name, stats.added, stats.rejected_summary())
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from bilat.store import Store

_ITEM_FAILURES = {"failed": "fetch_failed", "disallowed": "robots_txt"}
"""Reasons for items that never became documents: the page could not or may not be fetched."""


@dataclass
class FeedStats:
    """One feed's items over all polls.

    ``seen`` counts distinct items, ``added`` those stored as new documents, ``duplicates``
    those already known from another feed or an earlier item, and ``rejected`` the others by
    reason (a reader's reason such as ``too_large``, or ``fetch_failed`` and ``robots_txt``).
    """

    name: str
    seen: int = 0
    added: int = 0
    duplicates: int = 0
    rejected: Counter[str] = field(default_factory=Counter)

    def rejected_summary(self) -> str:
        """Return the rejections as ``"3 (too_large 2, fetch_failed 1)"``, or ``"0"``."""
        total = sum(self.rejected.values())
        if not total:
            return "0"
        parts = ", ".join(f"{reason} {n}" for reason, n in sorted(self.rejected.items()))
        return f"{total} ({parts})"


def feed_stats(store: Store) -> dict[str, FeedStats]:
    """Return each feed's item counts, keyed by feed name.

    Args:
        store: An open store holding the feed registry.

    Returns:
        One entry per feed name that has items (registered feeds without items are absent).
    """
    stats: dict[str, FeedStats] = {}
    for feed, status, reason, items in store.feed_item_counts():
        entry = stats.setdefault(feed, FeedStats(feed))
        entry.seen += items
        if status == "duplicate":
            entry.duplicates += items
        elif status == "ingested" and reason is None:
            entry.added += items
        else:
            # A page read fine but refused by the pipeline (e.g. not English) is a rejection too.
            entry.rejected[reason or _ITEM_FAILURES.get(status, status)] += items
    return stats
