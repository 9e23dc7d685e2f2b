"""Read RSS/Atom bytes into feed entries, and article pages into Documents with canonical URLs.

feedparser only ever sees bytes bilat fetched itself (wrapped in a stream, so it never treats
them as a URL or a file name); pages go through the same HTML reader as ``bilat ingest``.
"""

from __future__ import annotations

import calendar
import dataclasses
import html.parser
import io
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urldefrag, urljoin

import feedparser

from bilat.errors import InputError
from bilat.records import DateSource, Document, Rejection
from bilat.sources import ReadOptions
from bilat.sources.decoding import BinaryContentError, decode_bytes
from bilat.sources.reader import document_from_bytes


class FeedFormatError(InputError):
    """A feed's bytes are not RSS or Atom that yields any entry."""


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: the article's address, and the title and date the feed gives."""

    url: str
    title: str | None
    published: str | None


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            return time.strftime("%Y-%m-%d", time.gmtime(calendar.timegm(value)))
    return None


def parse_feed(body: bytes, *, url: str) -> list[FeedEntry]:
    """Return the entries of an RSS or Atom document, links made absolute, in feed order.

    Args:
        body: The feed's bytes, as fetched.
        url: Where they came from (the base for relative links).

    Returns:
        Entries that have a link; an empty feed gives an empty list.

    Raises:
        FeedFormatError: The bytes are not a feed (malformed XML with no entries, or HTML).
    """
    parsed = feedparser.parse(io.BytesIO(body), response_headers={"content-location": url})
    if parsed.bozo and not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise FeedFormatError(
            f"{url} is not a readable RSS/Atom feed ({problem}); check the address points at "
            "the feed itself, not a web page",
            origin=url,
            code="E111",
        )
    entries: list[FeedEntry] = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not isinstance(link, str) or not link.strip():
            continue
        title = entry.get("title")
        entries.append(
            FeedEntry(
                url=urldefrag(urljoin(url, link.strip()))[0],
                title=" ".join(title.split()) or None if isinstance(title, str) else None,
                published=_entry_date(entry),
            )
        )
    return entries


class _CanonicalFinder(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link" or self.href is not None:
            return
        values = dict(attrs)
        rel = (values.get("rel") or "").lower().split()
        if "canonical" in rel and values.get("href"):
            self.href = values["href"]


def canonical_url(page: str, *, base: str) -> str | None:
    """Return the absolute ``<link rel="canonical">`` address of a page, if it declares one.

    Args:
        page: The page's HTML.
        base: The page's own address, for relative canonical links.

    Returns:
        The canonical URL without fragment, or None.
    """
    finder = _CanonicalFinder()
    # The canonical link sits in <head>; reading the first 200k characters is plenty.
    finder.feed(page[:200_000])
    if finder.href is None:
        return None
    return urldefrag(urljoin(base, finder.href.strip()))[0]


@dataclass(frozen=True)
class Page:
    """An article page read into a document (or a rejection) and its canonical address."""

    item: Document | Rejection
    canonical: str | None


def read_page(
    body: bytes, *, url: str, entry: FeedEntry, feed_name: str, options: ReadOptions
) -> Page:
    """Read a fetched article page into a Document carrying its URL and feed as provenance.

    The page's own title and date win; the feed's fill in what the page lacks.

    Args:
        body: The page's bytes.
        url: The address it was fetched from (after redirects).
        entry: The feed entry that pointed to it.
        feed_name: The feed's name, kept as the document's outlet.
        options: Reader limits (largest document).

    Returns:
        The document or rejection, and the page's canonical URL.
    """
    try:
        text = decode_bytes(body).text
    except BinaryContentError:
        text = ""
    canonical = canonical_url(text, base=url) if text else None
    item = document_from_bytes(body, origin=entry.url, doc_id=None, kind="sniff", options=options)
    if isinstance(item, Rejection):
        return Page(item, canonical)
    published, source = item.published, item.date_source
    if published is None and entry.published is not None:
        published, source = entry.published, DateSource.METADATA
    document = dataclasses.replace(
        item,
        url=entry.url,
        origin=entry.url,
        outlet=feed_name,
        title=item.title or entry.title,
        published=published,
        date_source=source,
    )
    return Page(document, canonical)
