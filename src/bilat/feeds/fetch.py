"""Fetch feeds, pages and robots.txt politely: timeouts, retries, per-host pacing, robots rules.

One :class:`Fetcher` serves one polling pass. It waits ``host_delay`` seconds between two
requests to the same host, retries timeouts and 5xx answers with doubling back-off, sends
``If-None-Match``/``If-Modified-Since`` when given validators, refuses bodies larger than
``max_bytes``, and reads each host's robots.txt once. Time goes through a :class:`Clock` so tests
run the pacing and back-off without waiting.

    fetcher = Fetcher(FetchOptions.from_settings(settings))
    if fetcher.allowed("https://example.org/news/1"):
        page = fetcher.get("https://example.org/news/1")
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlsplit

from bilat.errors import InputError
from bilat.settings import Settings

_RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})


class Clock(Protocol):
    """Where a fetcher reads the time and waits; swap in a fake one in tests."""

    def monotonic(self) -> float:
        """Return seconds on a clock that never goes back."""
        ...

    def sleep(self, seconds: float) -> None:
        """Wait this many seconds."""
        ...


class SystemClock:
    """The real clock: :func:`time.monotonic` and :func:`time.sleep`."""

    def monotonic(self) -> float:
        """Return seconds on a clock that never goes back."""
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        """Wait this many seconds."""
        time.sleep(seconds)


class FetchError(InputError):
    """A feed or page could not be fetched; ``reason`` says why.

    ``status`` is the HTTP status when the server answered; ``permanent`` is True when retrying
    cannot help (4xx, too large, not http).
    """

    def __init__(
        self, url: str, reason: str, *, status: int | None = None, permanent: bool = False
    ) -> None:
        super().__init__(f"cannot fetch {url}: {reason}", origin=url, code="E110")
        self.url = url
        self.reason = reason
        self.status = status
        self.permanent = permanent


@dataclass(frozen=True)
class FetchOptions:
    """How politely and patiently to fetch: identity, timeouts, retries, pacing and size cap.

    FetchOptions(user_agent="my-desk/1.0", timeout=10, retries=1, host_delay=2)
    """

    user_agent: str = "bilat-feed-reader/0.1"
    timeout: float = 20.0
    retries: int = 2
    backoff: float = 2.0
    host_delay: float = 1.0
    max_bytes: int = 5_000_000

    @classmethod
    def from_settings(cls, settings: Settings) -> FetchOptions:
        """Return the fetch options named by bilat's settings.

        Args:
            settings: The settings (``user_agent``, ``fetch_*``, ``host_delay``).

        Returns:
            The options.
        """
        return cls(
            user_agent=settings.user_agent,
            timeout=settings.fetch_timeout,
            retries=settings.fetch_retries,
            backoff=settings.fetch_backoff,
            host_delay=settings.host_delay,
            max_bytes=settings.fetch_max_bytes,
        )


@dataclass(frozen=True)
class Response:
    """What a server answered: final URL after redirects, status, body and lower-cased headers."""

    url: str
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        """Return True for a 304 answer to a conditional request."""
        return self.status == 304


def host_of(url: str) -> str:
    """Return the ``scheme://host:port`` part of a URL, the unit of pacing and robots rules."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class Fetcher:
    """Fetch URLs one at a time, paced per host, retried on transient failures.

    Args:
        options: Identity, timeouts, retries, pacing and size cap.
        clock: Time source for pacing and back-off (the real clock by default).
        opener: The urllib opener (one that follows redirects by default).
    """

    def __init__(
        self,
        options: FetchOptions | None = None,
        *,
        clock: Clock | None = None,
        opener: urllib.request.OpenerDirector | None = None,
    ) -> None:
        self.options = options or FetchOptions()
        self.clock: Clock = clock or SystemClock()
        self._opener = opener or urllib.request.build_opener()
        self._last: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self.requests = 0

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Response:
        """Fetch a URL, conditionally when validators are given, retrying transient failures.

        Args:
            url: An http(s) URL.
            etag: The ETag of the copy already held (sent as ``If-None-Match``).
            last_modified: Its Last-Modified (sent as ``If-Modified-Since``).

        Returns:
            The response; status 304 (empty body) when the held copy is current.

        Raises:
            FetchError: The URL is not http(s), the server answered 4xx, the body is too large,
                or every attempt timed out, failed to connect or got a 5xx answer.
        """
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(
                url, "not an http(s) URL; give a feed address starting http", permanent=True
            )
        headers = {"User-Agent": self.options.user_agent, "Accept-Encoding": "identity"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempt = 0
        while True:
            try:
                return self._once(url, headers)
            except FetchError as error:
                if error.permanent or attempt >= self.options.retries:
                    raise
            self.clock.sleep(self.options.backoff * 2**attempt)
            attempt += 1

    def _pace(self, url: str) -> None:
        host = host_of(url)
        last = self._last.get(host)
        if last is not None:
            wait = self.options.host_delay - (self.clock.monotonic() - last)
            if wait > 0:
                self.clock.sleep(wait)
        self._last[host] = self.clock.monotonic()

    def _once(self, url: str, headers: dict[str, str]) -> Response:
        self._pace(url)
        self.requests += 1
        request = urllib.request.Request(url, headers=headers)
        limit = self.options.max_bytes
        try:
            with self._opener.open(request, timeout=self.options.timeout) as answer:
                body = answer.read(limit + 1)
                final, status = answer.geturl(), answer.status
                got = {k.lower(): v for k, v in answer.headers.items()}
        except urllib.error.HTTPError as error:
            error.close()
            if error.code == 304:
                got = {k.lower(): v for k, v in error.headers.items()}
                return Response(url, 304, b"", got)
            reason = f"HTTP {error.code} {error.reason}"
            raise FetchError(
                url, reason, status=error.code, permanent=error.code not in _RETRIED_STATUSES
            ) from error
        except TimeoutError as error:
            raise FetchError(url, f"timed out after {self.options.timeout:g}s") from error
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise FetchError(url, f"timed out after {self.options.timeout:g}s") from error
            raise FetchError(url, f"cannot connect ({error.reason})") from error
        except (ConnectionError, OSError) as error:
            raise FetchError(url, f"connection failed ({error})") from error
        if len(body) > limit:
            raise FetchError(
                url,
                f"larger than {limit} bytes; raise the fetch_max_bytes setting to accept it",
                status=status,
                permanent=True,
            )
        return Response(final, status, body, got)

    def allowed(self, url: str) -> bool:
        """Return whether the host's robots.txt lets this fetcher's User-Agent fetch a URL.

        A missing robots.txt (4xx) allows everything; one that cannot be read (5xx, timeout)
        forbids the host for this pass, as RFC 9309 asks.

        Args:
            url: The URL about to be fetched.

        Returns:
            True when fetching is allowed.
        """
        host = host_of(url)
        rules = self._robots.get(host)
        if rules is None:
            rules = self._read_robots(host)
            self._robots[host] = rules
        return rules.can_fetch(self.options.user_agent, url)

    def _read_robots(self, host: str) -> urllib.robotparser.RobotFileParser:
        rules = urllib.robotparser.RobotFileParser(host + "/robots.txt")
        try:
            answer = self.get(host + "/robots.txt")
        except FetchError as error:
            # As urllib.robotparser does: 401/403 forbid, other 4xx mean "no rules".
            status = error.status or 0
            allow = 400 <= status < 500 and status not in (401, 403)
            rules.parse([] if allow else ["User-agent: *", "Disallow: /"])
            return rules
        rules.parse(answer.body.decode("utf-8", errors="replace").splitlines())
        return rules
