"""Tests for feeds: the polite fetcher, feed and page reading, and whole polling passes.

Everything is served from 127.0.0.1 by a local server over fixture feeds and pages written for
these tests (tests/fixtures/feeds); nothing touches the network.
"""

from __future__ import annotations

import http.server
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilat.cli import app
from bilat.feeds import (
    FeedEntry,
    FeedFormatError,
    FeedStats,
    Fetcher,
    FetchError,
    FetchOptions,
    feed_stats,
    parse_feed,
    parse_interval,
    poll,
    read_page,
)
from bilat.records import Rejection, RejectReason
from bilat.settings import Settings
from bilat.sources import ReadOptions
from bilat.store import FeedItemRow, FeedRow, open_store
from conftest import free_port, serving

FIXTURES = Path(__file__).parent / "fixtures" / "feeds"


@dataclass
class Served:
    """What the local server answers and what it was asked."""

    base: str = ""
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    flaky_left: int = 2

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]


def _fixture(name: str, base: str) -> bytes:
    return (FIXTURES / name).read_bytes().replace(b"http://HOST", base.encode())


class _Handler(http.server.BaseHTTPRequestHandler):
    served: Served

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""

    def _send(self, status: int, body: bytes = b"", **headers: str) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        served = self.served
        served.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
        base = served.base
        html = "text/html; charset=utf-8"
        pages = {
            "/news/talks": "talks.html",
            "/news/trade": "trade.html",
            "/syndicated/talks-copy": "talks-copy.html",
            "/news/border": "border.html",
        }
        if self.path == "/feeds/news.rss":
            if self.headers.get("If-None-Match") == '"news-v1"':
                return self._send(304, ETag='"news-v1"')
            return self._send(200, _fixture("news.rss", base), ETag='"news-v1"')
        if self.path == "/feeds/wire.atom":
            stamp = "Wed, 14 May 2025 09:00:00 GMT"
            if self.headers.get("If-Modified-Since") == stamp:
                return self._send(304)
            return self._send(200, _fixture("wire.atom", base), Last_Modified=stamp)
        if self.path == "/feeds/broken.xml":
            return self._send(200, _fixture("broken.xml", base), Content_Type="text/xml")
        if self.path == "/feeds/error.rss":
            return self._send(500, b"internal error")
        if self.path in pages:
            return self._send(200, _fixture(pages[self.path], base), Content_Type=html)
        if self.path == "/news/old-trade":
            return self._send(301, Location=base + "/news/trade")
        if self.path == "/robots.txt":
            return self._send(200, _fixture("robots.txt", base), Content_Type="text/plain")
        if self.path == "/slow":
            time.sleep(1.0)
            return self._send(200, b"late")
        if self.path == "/huge":
            return self._send(200, b"<p>" + b"word " * 400_000 + b"</p>", Content_Type=html)
        if self.path == "/flaky":
            if served.flaky_left > 0:
                served.flaky_left -= 1
                return self._send(503, b"busy")
            return self._send(200, b"fine")
        return self._send(404, b"not here")


@pytest.fixture
def served() -> Iterator[Served]:
    """Serve the fixture feeds and pages on 127.0.0.1 for one test."""
    state = Served()
    handler = type("Handler", (_Handler,), {"served": state})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    with serving(server):
        yield state


class FakeClock:
    """A clock whose sleeps are recorded and pass instantly."""

    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 3))
        self.now += seconds


def _dead_url() -> str:
    return f"http://127.0.0.1:{free_port()}/feed.rss"


def _fetcher(clock: FakeClock | None = None, **options: float) -> Fetcher:
    defaults: dict[str, float] = {"timeout": 2.0, "retries": 0, "backoff": 0.0, "host_delay": 0.0}
    defaults.update(options)
    return Fetcher(
        FetchOptions(
            user_agent="bilat-test/1",
            timeout=defaults["timeout"],
            retries=int(defaults["retries"]),
            backoff=defaults["backoff"],
            host_delay=defaults["host_delay"],
            max_bytes=int(defaults.get("max_bytes", 1_000_000)),
        ),
        clock=clock or FakeClock(),
    )


def test_fetcher_conditional_get_answers_not_modified(served: Served) -> None:
    fetcher = _fetcher()
    first = fetcher.get(served.base + "/feeds/news.rss")
    second = fetcher.get(served.base + "/feeds/news.rss", etag=first.headers["etag"])
    assert (first.status, second.status, second.body) == (200, 304, b"")
    assert served.requests[1][1]["if-none-match"] == '"news-v1"'
    assert served.requests[1][1]["user-agent"] == "bilat-test/1"


def test_fetcher_retries_5xx_with_doubling_backoff(served: Served) -> None:
    clock = FakeClock()
    answer = _fetcher(clock, retries=3, backoff=2.0).get(served.base + "/flaky")
    assert (answer.status, answer.body, clock.sleeps) == (200, b"fine", [2.0, 4.0])


def test_fetcher_gives_up_after_bounded_retries(served: Served) -> None:
    clock = FakeClock()
    with pytest.raises(FetchError) as caught:
        _fetcher(clock, retries=1, backoff=0.5).get(served.base + "/feeds/error.rss")
    assert (caught.value.reason, caught.value.status, clock.sleeps) == (
        "HTTP 500 Internal Server Error",
        500,
        [0.5],
    )
    assert served.paths() == ["/feeds/error.rss", "/feeds/error.rss"]


def test_fetcher_paces_requests_to_one_host(served: Served) -> None:
    clock = FakeClock()
    fetcher = _fetcher(clock, host_delay=1.5)
    fetcher.get(served.base + "/news/talks")
    clock.now += 0.5
    fetcher.get(served.base + "/news/trade")
    assert clock.sleeps == [1.0]


def test_fetcher_times_out_on_slow_response(served: Served) -> None:
    with pytest.raises(FetchError) as caught:
        _fetcher(timeout=0.2).get(served.base + "/slow")
    assert (caught.value.reason, caught.value.permanent) == ("timed out after 0.2s", False)


def test_fetcher_follows_redirects(served: Served) -> None:
    answer = _fetcher().get(served.base + "/news/old-trade")
    assert (answer.url, answer.status) == (served.base + "/news/trade", 200)


def test_fetcher_refuses_huge_page(served: Served) -> None:
    with pytest.raises(FetchError) as caught:
        _fetcher(max_bytes=100_000).get(served.base + "/huge")
    assert caught.value.reason == (
        "larger than 100000 bytes; raise the fetch_max_bytes setting to accept it"
    )
    assert caught.value.permanent


def test_fetcher_404_is_permanent(served: Served) -> None:
    with pytest.raises(FetchError) as caught:
        _fetcher(retries=3).get(served.base + "/news/gone")
    assert (caught.value.status, caught.value.permanent, len(served.requests)) == (404, True, 1)


def test_fetcher_dead_host_fails_with_reason() -> None:
    with pytest.raises(FetchError) as caught:
        _fetcher().get(_dead_url())
    assert caught.value.reason.startswith("cannot connect (")


def test_fetcher_respects_robots_disallow(served: Served) -> None:
    fetcher = _fetcher()
    allowed = [fetcher.allowed(served.base + p) for p in ("/news/talks", "/private/memo")]
    assert allowed == [True, False]
    assert served.paths() == ["/robots.txt"]


def test_parse_feed_reads_rss_with_absolute_links(served: Served) -> None:
    entries = parse_feed(_fixture("news.rss", served.base), url=served.base + "/feeds/news.rss")
    assert entries[:2] == [
        FeedEntry(served.base + "/news/talks", "Ministers meet in Islamabad", "2025-05-12"),
        FeedEntry(served.base + "/news/old-trade", "Trade office moves", "2025-05-13"),
    ]
    assert len(entries) == 4


def test_parse_feed_malformed_xml_raises() -> None:
    with pytest.raises(FeedFormatError) as caught:
        parse_feed(_fixture("broken.xml", "http://x"), url="http://x/broken.xml")
    assert "is not a readable RSS/Atom feed" in str(caught.value)


def test_read_page_wrong_charset_decodes_text() -> None:
    entry = FeedEntry("http://x/news/border", "Border crossing reopens", "2025-05-14")
    page = read_page(
        _fixture("border.html", "http://x"),
        url=entry.url,
        entry=entry,
        feed_name="Wire Room",
        options=ReadOptions(),
    )
    document = page.item
    assert not isinstance(document, type(None))
    assert getattr(document, "outlet", None) == "Wire Room"
    assert "café beside the gate – some" in getattr(document, "text", "")
    assert getattr(document, "published", None) == "2025-05-14"


def test_parse_interval_units() -> None:
    assert [parse_interval(t) for t in ("90s", "15m", "1h", "2d", "30")] == [
        90.0,
        900.0,
        3600.0,
        172800.0,
        30.0,
    ]


def _settings(tmp_path: Path) -> Settings:
    return Settings(
        db=str(tmp_path / "bilat.duckdb"),
        host_delay=0,
        fetch_retries=0,
        fetch_backoff=0,
        fetch_timeout=2,
        user_agent="bilat-test/1",
    )


@pytest.mark.slow
def test_poll_twice_dedups_and_survives_bad_feeds(served: Served, tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    dead = _dead_url()
    with open_store(settings.db) as store:
        for url, name in (
            ("/feeds/news.rss", "Frontier Desk"),
            ("/feeds/error.rss", "Error Feed"),
            ("/feeds/broken.xml", "Broken Feed"),
            ("/feeds/wire.atom", "Wire Room"),
        ):
            store.add_feed(served.base + url, name)
        store.add_feed(dead, "Dead Feed")
        first = poll(store, store.feeds(), settings=settings)
        feeds = {f.name: f for f in store.feeds()}
        second = poll(store, store.feeds(), settings=settings)
        docs = store.documents(status="accepted")
    assert [(r.name, r.status, r.entries, r.new, r.duplicates) for r in first.feeds] == [
        ("Frontier Desk", "ok", 4, 2, 0),
        ("Error Feed", "error", 0, 0, 0),
        ("Broken Feed", "error", 0, 0, 0),
        ("Wire Room", "ok", 3, 1, 2),
        ("Dead Feed", "error", 0, 0, 0),
    ]
    assert first.feeds[0].disallowed == 1
    assert first.feeds[0].failed == [served.base + "/news/gone: HTTP 404 Not Found"]
    assert first.added == 3
    assert sorted(d.title or "" for d in docs) == [
        "Border crossing reopens",
        "Ministers meet in Islamabad",
        "Trade office moves",
    ]
    assert "/private/memo" not in served.paths()
    assert feeds["Error Feed"].last_error == (
        f"cannot fetch {served.base}/feeds/error.rss: HTTP 500 Internal Server Error"
    )
    assert feeds["Wire Room"].last_error is None
    assert feeds["Wire Room"].last_success is not None
    assert feeds["Dead Feed"].last_error is not None
    assert [(r.name, r.status) for r in second.feeds if r.status != "error"] == [
        ("Frontier Desk", "not-modified"),
        ("Wire Room", "not-modified"),
    ]
    assert second.added == 0


def test_cli_feeds_add_list_remove(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "cli.duckdb")
    added = runner.invoke(app, ["feeds", "add", "https://www.example.org/rss", "--db", db])
    listed = runner.invoke(app, ["feeds", "list", "--db", db, "--format", "jsonl"])
    removed = runner.invoke(app, ["feeds", "remove", "https://www.example.org/rss", "--db", db])
    again = runner.invoke(app, ["feeds", "remove", "https://www.example.org/rss", "--db", db])
    assert added.output == "added https://www.example.org/rss\n"
    assert '"name": "example.org"' in listed.output
    assert removed.output == "removed https://www.example.org/rss\n"
    assert again.exit_code == 1


def test_feeds_registry_keeps_order() -> None:
    with open_store(":memory:") as store:
        store.add_feed("http://a/1", "one")
        store.add_feed("http://a/2", "two")
        assert [(f.url, f.name) for f in store.feeds()] == [
            ("http://a/1", "one"),
            ("http://a/2", "two"),
        ]
        assert isinstance(store.feeds()[0], FeedRow)


def test_feed_stats_counts_items_by_outcome_and_reason() -> None:
    items = [
        ("one", "http://a/1", "ingested", "d1"),
        ("one", "http://a/2", "ingested", None),
        ("one", "http://a/3", "duplicate", "d1"),
        ("one", "http://a/4", "rejected", None),
        ("one", "http://a/5", "failed", None),
        ("two", "http://b/1", "disallowed", None),
    ]
    with open_store(":memory:") as store:
        store.add_feed("http://a/feed", "one")
        store.add(
            [],
            [
                Rejection("http://a/2", RejectReason.NOT_ENGLISH, "not English"),
                Rejection("http://a/4", RejectReason.TOO_LARGE, "too large"),
            ],
        )
        store.add_feed_items([FeedItemRow(f, u, None, None, d, s) for f, u, s, d in items])
        stats = feed_stats(store)
    assert {
        name: (s.seen, s.added, s.duplicates, dict(s.rejected)) for name, s in stats.items()
    } == {
        "one": (5, 1, 1, {"fetch_failed": 1, "not_english": 1, "too_large": 1}),
        "two": (1, 0, 0, {"robots_txt": 1}),
    }
    assert stats["one"].rejected_summary() == "3 (fetch_failed 1, not_english 1, too_large 1)"
    assert FeedStats("none").rejected_summary() == "0"


@pytest.mark.slow
def test_cli_feeds_list_shows_counts_and_last_poll(served: Served, tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    with open_store(settings.db) as store:
        store.add_feed(served.base + "/feeds/news.rss", "Frontier Desk")
        store.add_feed(served.base + "/feeds/error.rss", "Error Feed")
        poll(store, store.feeds(), settings=settings)
    result = CliRunner().invoke(app, ["feeds", "list", "--db", settings.db, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    counts = [(r["name"], r["seen"], r["added"], r["duplicates"], r["rejected"]) for r in rows]
    assert counts == [
        ("Frontier Desk", 4, 2, 0, {"fetch_failed": 1, "robots_txt": 1}),
        ("Error Feed", 0, 0, 0, {}),
    ]
    assert [r["last_success"] is not None for r in rows] == [True, False]
    assert rows[1]["last_error"] == (
        f"cannot fetch {served.base}/feeds/error.rss: HTTP 500 Internal Server Error"
    )
