"""Follow RSS/Atom feeds: fetch politely, read new articles, ingest them with their provenance.

>>> from bilat.feeds import parse_interval
>>> parse_interval("15m")
900.0
"""

from __future__ import annotations

from bilat.feeds.fetch import Clock, Fetcher, FetchError, FetchOptions, Response, SystemClock
from bilat.feeds.parse import FeedEntry, FeedFormatError, canonical_url, parse_feed, read_page
from bilat.feeds.stats import FeedStats, feed_stats
from bilat.feeds.watch import FeedResult, PollReport, feed_name_for, parse_interval, poll

__all__ = [
    "Clock",
    "FeedEntry",
    "FeedFormatError",
    "FeedResult",
    "FeedStats",
    "FetchError",
    "FetchOptions",
    "Fetcher",
    "PollReport",
    "Response",
    "SystemClock",
    "canonical_url",
    "feed_name_for",
    "feed_stats",
    "parse_feed",
    "parse_interval",
    "poll",
    "read_page",
]
