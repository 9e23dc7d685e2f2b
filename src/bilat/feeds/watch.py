"""Poll registered feeds once: fetch what changed, read new articles, ingest them, record it all.

A pass never stops at one bad feed: each feed's failure (dead host, 500, malformed XML) is
recorded against it and the others go on. An article is new only when neither its URL, its
canonical URL nor its text hash has been seen, so one story listed by two feeds is one document,
and a second pass over unchanged feeds adds nothing.

    with open_store("bilat.duckdb") as store:
        report = poll(store, store.feeds(), settings=settings)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bilat.errors import ConfigError
from bilat.feeds.fetch import Fetcher, FetchError, FetchOptions
from bilat.feeds.parse import FeedEntry, FeedFormatError, parse_feed, read_page
from bilat.ingest import IngestReport, ingest_items
from bilat.records import Document, Rejection
from bilat.settings import Settings
from bilat.sources import ReadOptions
from bilat.store import FeedItemRow, FeedRow, Store

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNIT_SECONDS = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


def parse_interval(text: str) -> float:
    """Return the seconds in an interval written like ``90s``, ``15m``, ``1h`` or ``2d``.

    Args:
        text: A number with an optional unit (s, m, h, d); a bare number is seconds.

    Returns:
        The interval in seconds.

    Raises:
        ConfigError: The text is not such an interval, or is zero.
    """
    match = _INTERVAL.match(text)
    seconds = float(match.group(1)) * _UNIT_SECONDS[match.group(2)] if match else 0.0
    if seconds <= 0:
        raise ConfigError(
            f"interval {text!r} is not a positive duration; write e.g. 90s, 15m, 1h or 2d",
            setting="watch_interval",
        )
    return seconds


def feed_name_for(url: str) -> str:
    """Return a default name for a feed: its host without ``www.``."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


@dataclass
class FeedResult:
    """How one feed's poll went: ``ok``, ``not-modified`` or ``error`` (with the reason).

    ``entries`` counts the feed's items, ``new`` those read as new documents, ``duplicates``
    those already known (by URL, canonical URL or text), ``failed`` the item failures' reasons,
    ``retry`` the failures worth retrying next pass (timeouts, 5xx).
    """

    url: str
    name: str
    status: str
    error: str | None = None
    entries: int = 0
    new: int = 0
    duplicates: int = 0
    disallowed: int = 0
    failed: list[str] = field(default_factory=list)
    retry: int = 0


@dataclass
class PollReport:
    """What one pass over the feeds did, feed by feed, and what the ingest of new items did."""

    feeds: list[FeedResult] = field(default_factory=list)
    ingest: IngestReport = field(default_factory=IngestReport)
    doc_ids: list[str] = field(default_factory=list)

    @property
    def added(self) -> int:
        """Return the number of new documents stored by this pass."""
        return self.ingest.added


@dataclass
class _Pass:
    """The state of one pass: what it has seen so far and what it will write."""

    store: Store
    fetcher: Fetcher
    options: ReadOptions
    seen: set[str] = field(default_factory=set)
    documents: list[Document] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    items: list[FeedItemRow] = field(default_factory=list)

    def known(self, *values: str | None) -> bool:
        wanted = [v for v in values if v]
        if any(v in self.seen for v in wanted):
            return True
        hashes = [v for v in wanted if not v.startswith(("http://", "https://"))]
        return bool(self.store.feed_items_known(wanted) or self.store.known_hashes(hashes))

    def remember(self, *values: str | None) -> None:
        self.seen.update(v for v in values if v)


def poll(
    store: Store,
    feeds: Sequence[FeedRow],
    *,
    settings: Settings | None = None,
    fetcher: Fetcher | None = None,
) -> PollReport:
    """Poll feeds once, ingest their new articles and record every feed's outcome.

    Args:
        store: An open, writable store holding the feed registry.
        feeds: The feeds to poll (usually ``store.feeds()``).
        settings: Fetch, reader and pipeline settings.
        fetcher: The fetcher to use (one built from the settings by default).

    Returns:
        Per-feed results, the ingest report and the ids of the new documents.
    """
    settings = settings or Settings()
    state = _Pass(
        store=store,
        fetcher=fetcher or Fetcher(FetchOptions.from_settings(settings)),
        options=ReadOptions(max_bytes=settings.max_bytes),
    )
    report = PollReport()
    validators: dict[str, tuple[str | None, str | None]] = {}
    for feed in feeds:
        result, fresh = _poll_feed(state, feed)
        report.feeds.append(result)
        if result.status == "error":
            store.record_feed_poll(feed.url, error=result.error)
        elif fresh is not None:
            validators[feed.url] = fresh
    if state.documents or state.rejections:
        items: list[Document | Rejection] = [*state.documents, *state.rejections]
        report.ingest = ingest_items(items, store, settings=settings)
    store.add_feed_items(state.items)
    report.doc_ids = [d.id for d in state.documents]
    for result in report.feeds:
        if result.url not in validators:
            continue
        etag, modified = validators[result.url]
        if result.retry:
            # Forget the validators so the next pass fetches the feed again and retries them.
            etag = modified = None
        store.record_feed_poll(result.url, etag=etag, last_modified=modified)
        if result.failed:
            store.record_feed_poll(result.url, error="; ".join(result.failed))
    return report


def _poll_feed(
    state: _Pass, feed: FeedRow
) -> tuple[FeedResult, tuple[str | None, str | None] | None]:
    result = FeedResult(url=feed.url, name=feed.name, status="ok")
    try:
        answer = state.fetcher.get(feed.url, etag=feed.etag, last_modified=feed.last_modified)
        if answer.not_modified:
            result.status = "not-modified"
            return result, (feed.etag, feed.last_modified)
        entries = parse_feed(answer.body, url=answer.url)
    except (FetchError, FeedFormatError) as error:
        result.status, result.error = "error", error.message
        return result, None
    result.entries = len(entries)
    for entry in entries:
        _take_entry(state, feed, entry, result)
    return result, (answer.headers.get("etag"), answer.headers.get("last-modified"))


def _take_entry(state: _Pass, feed: FeedRow, entry: FeedEntry, result: FeedResult) -> None:
    def record(status: str, **extra: str | None) -> None:
        state.items.append(
            FeedItemRow(
                feed=feed.name,
                url=entry.url,
                canonical_url=extra.get("canonical"),
                content_hash=extra.get("content_hash"),
                doc_id=extra.get("doc_id"),
                status=status,
            )
        )

    if state.known(entry.url):
        result.duplicates += 1
        record("duplicate")
        return
    if not state.fetcher.allowed(entry.url):
        result.disallowed += 1
        state.remember(entry.url)
        record("disallowed")
        return
    try:
        answer = state.fetcher.get(entry.url)
    except FetchError as error:
        result.failed.append(f"{entry.url}: {error.reason}")
        if error.permanent:
            state.remember(entry.url)
            record("failed")
        else:
            result.retry += 1
        return
    page = read_page(
        answer.body, url=answer.url, entry=entry, feed_name=feed.name, options=state.options
    )
    if isinstance(page.item, Rejection):
        state.remember(entry.url)
        state.rejections.append(page.item)
        record("rejected", canonical=page.canonical)
        return
    document = page.item
    if state.known(page.canonical, answer.url, document.content_hash):
        result.duplicates += 1
        state.remember(entry.url)
        record("duplicate", canonical=page.canonical, content_hash=document.content_hash)
        return
    state.remember(entry.url, page.canonical, answer.url, document.content_hash)
    state.documents.append(document)
    result.new += 1
    record(
        "ingested",
        canonical=page.canonical,
        content_hash=document.content_hash,
        doc_id=document.id,
    )
