"""``bilat serve --watch``: poll the registered feeds from inside the server, every interval.

The watcher works through the server's own writer like any local client (its fetching and
parsing run on this thread; each store write queues on the writer thread), so pages and
verdicts stay served while it runs, and nothing else needs to open the file.

    watcher = FeedWatcher(service, settings, interval=900)
    watcher.start()
    ...
    watcher.stop()
"""

from __future__ import annotations

import logging
import sys
import threading
import time

from bilat.alerts import load_rules, run_alerts
from bilat.errors import BilatError
from bilat.feeds import poll
from bilat.live.service import LiveService
from bilat.settings import Settings

log = logging.getLogger("bilat.live")


class FeedWatcher:
    """Poll every registered feed on a background thread until stopped.

    Args:
        service: The server's live service (its store and writer).
        settings: Fetch, reader and pipeline settings.
        interval: Seconds between the starts of two passes.
    """

    def __init__(self, service: LiveService, settings: Settings, *, interval: float) -> None:
        self.service = service
        self.settings = settings
        self.interval = interval
        self.passes = 0
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="bilat-watch", daemon=True)

    def start(self) -> None:
        """Start polling now, then every interval."""
        self.service.watching = f"watching feeds every {self.interval:g}s; first pass running"
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the watcher to stop after the pass in progress and wait for it a while."""
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stopping.is_set():
            started = time.monotonic()
            self.run_pass()
            self._stopping.wait(max(0.0, self.interval - (time.monotonic() - started)))

    def run_pass(self) -> int:
        """Poll the feeds once, ingest what is new and raise alerts; return documents added."""
        added = 0
        try:
            with self.service.store("bilat serve --watch") as store:
                feeds = store.feeds()
                if feeds:
                    report = poll(store, feeds, settings=self.settings)
                    added = report.added
                    rules = load_rules()
                    if rules:
                        run_alerts(store, rules, stdout=sys.stdout)
            outcome = f"{len(feeds)} feeds, {added} documents added"
        except BilatError as error:
            # One failed pass (a dead feed host is not one: poll records those) must not end it.
            log.warning("feed watch pass failed: %s", error)
            outcome = f"failed: {error}"
        self.passes += 1
        stamp = time.strftime("%H:%M:%S")
        self.service.watching = (
            f"watching feeds every {self.interval:g}s; pass {self.passes} at {stamp}: {outcome}"
        )
        return added
