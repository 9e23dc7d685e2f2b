"""The analyst's loop: a review queue of unverified events, and the health of each pattern.

items = review_queue(store, EventQuery(root="19"), limit=20)
rows = pattern_health(store, knowledge)
"""

from __future__ import annotations

from bilat.review.patterns import PatternHealth, pattern_health
from bilat.review.queue import ReviewItem, priority, review_queue

__all__ = ["PatternHealth", "ReviewItem", "pattern_health", "priority", "review_queue"]
