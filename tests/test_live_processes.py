"""The live store with real processes: ``bilat serve`` owns a DuckDB file while others write.

``bilat ingest``, ``watch``, ``verify`` and ``feeds add`` run as separate processes beside a
running server and hand their store calls to it; then either side is killed mid-ingest and the
database is compared, document by document, with one clean run (the crash-safety snapshot).
The feed is served from this process on 127.0.0.1; its articles are short texts written here.
"""

from __future__ import annotations

import http.server
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bilat.ingest import ingest
from bilat.live import lock_path
from bilat.settings import Settings
from bilat.store import open_store
from conftest import serving
from test_crash_safety import Snapshot, assert_consistent, snapshot, write_corpus

pytestmark = pytest.mark.slow

BILAT = [sys.executable, "-c", "from bilat.cli import main; main()"]
CONFIG = "host_delay = 0\nfetch_retries = 0\nfetch_timeout = 5\n"
ARTICLES = {
    "/news/one": (
        "Ministers meet",
        "Pakistan's foreign minister met Chinese officials in Beijing.",
    ),
    "/news/two": ("Border row", "Pakistan condemned India on Tuesday over the border shelling."),
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _env(folder: Path) -> dict[str, str]:
    (folder / "bilat.toml").write_text(CONFIG, encoding="utf-8")
    return {**os.environ, "BILAT_CONFIG": str(folder / "bilat.toml")}


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def bilat(folder: Path, *args: str, log: Any = None) -> subprocess.Popen[str]:
    """Start a bilat command in its own process, in ``folder``, with the test settings.

    Its output is piped, or written to the open file ``log`` for a long-running server: nobody
    reads a server's pipes while it runs, and a full pipe would stall its access log and so
    its answers.
    """
    return subprocess.Popen(
        [*BILAT, *args],
        cwd=folder,
        stdout=subprocess.PIPE if log is None else log,
        stderr=subprocess.PIPE if log is None else subprocess.STDOUT,
        text=True,
        env=_env(folder),
        preexec_fn=_default_sigint,
    )


def finish(process: subprocess.Popen[str], *, timeout: float = 600) -> tuple[int, str, str]:
    """Wait for a command; return its exit code, stdout and stderr."""
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err


def get(port: int, path: str) -> Any:
    """Return the JSON a GET on the server answers."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as answer:
        return json.loads(answer.read())


class Server:
    """A ``bilat serve`` process on a free port, started and waited for."""

    def __init__(self, db: Path, *extra: str) -> None:
        self.db = db
        self.port = _free_port()
        self.log = db.parent / "serve.log"
        with self.log.open("a", encoding="utf-8") as log:
            self.process = bilat(
                db.parent, "serve", "--db", str(db), "--port", str(self.port), *extra, log=log
            )
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text(encoding="utf-8")
            try:
                if lock_path(db).exists() and get(self.port, "/api/health")["ok"]:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError("bilat serve did not start within 180 s")

    def stop(self) -> None:
        """Stop it as Ctrl-C does; the lock file goes with it."""
        self.process.send_signal(signal.SIGINT)
        finish(self.process, timeout=120)
        assert not lock_path(self.db).exists()

    def kill(self) -> None:
        """Kill it at once (SIGKILL): no cleanup, a stale lock file stays."""
        self.process.kill()
        finish(self.process)

    def wait_for_added(self, process: subprocess.Popen[str], *, timeout: float = 300) -> bool:
        """Wait until a client has written at least one batch through the server."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and process.poll() is None:
            writers = get(self.port, "/api/activity")["writers"]
            if any(w["documents_added"] > 0 for w in writers):
                return True
            time.sleep(0.05)
        return False


class Feed:
    """An RSS feed of :data:`ARTICLES`, served from a thread of this process."""

    def __init__(self) -> None:
        feed = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path == "/feed.rss":
                    items = "".join(
                        f"<item><title>{t}</title><link>{feed.base}{p}</link></item>"
                        for p, (t, _) in ARTICLES.items()
                    )
                    body = (
                        '<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>'
                        f"<link>{feed.base}/</link>{items}</channel></rss>"
                    ).encode()
                    kind = "application/rss+xml"
                elif self.path in ARTICLES:
                    title, text = ARTICLES[self.path]
                    body = (
                        f"<html><head><title>{title}</title><meta property="
                        '"article:published_time" content="2025-05-13"></head><body>'
                        f"<article><h1>{title}</h1><p>{text}</p></article></body></html>"
                    ).encode()
                    kind = "text/html; charset=utf-8"
                else:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                """Keep test output quiet."""

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.url = f"{self.base}/feed.rss"


@pytest.fixture
def feed() -> Iterator[Feed]:
    """Serve the feed while a test runs."""
    served = Feed()
    with serving(served.server):
        yield served


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Snapshot]:
    """Return a corpus of 80 documents and the snapshot of one clean, direct ingest of it."""
    folder = tmp_path_factory.mktemp("live")
    corpus = write_corpus(folder / "docs.jsonl", 80, seed=23)
    db = folder / "clean.duckdb"
    ingest([corpus], settings=Settings(db=str(db), batch_size=8))
    return corpus, snapshot(db)


def _ingest(folder: Path, corpus: Path, db: Path) -> subprocess.Popen[str]:
    return bilat(folder, "ingest", str(corpus), "--db", str(db), "--batch-size", "8", "-q")


def test_live_serve_ingest_watch_verify_at_once(
    clean: tuple[Path, Snapshot], feed: Feed, tmp_path: Path
) -> None:
    corpus, expected = clean
    db = tmp_path / "bilat.duckdb"
    open_store(db).close()
    server = Server(db)
    try:
        seed = tmp_path / "seed.txt"
        seed.write_text("Pakistan praised Japan on Friday over the flood relief.", encoding="utf-8")
        assert finish(bilat(tmp_path, "ingest", str(seed), "--db", str(db), "-q"))[0] == 0
        event_id = get(server.port, "/api/events")["events"][0]["id"]
        code, out, _ = finish(bilat(tmp_path, "feeds", "add", feed.url, "--db", str(db)))
        assert (code, out.strip()) == (0, f"added {feed.url}")
        running = [
            _ingest(tmp_path, corpus, db),
            bilat(tmp_path, "watch", "--once", "--db", str(db)),
            bilat(tmp_path, "verify", event_id, "confirm", "--note", "kept", "--db", str(db)),
        ]
        results = [finish(process) for process in running]
        assert [code for code, _, _ in results] == [0, 0, 0], results
        assert results[2][1].startswith(f"confirm {event_id}")
        documents = get(server.port, "/api/documents?status=accepted")["documents"]
        origins = sorted(d["origin"] for d in documents if d["origin"].startswith("http"))
        assert origins == [f"{feed.base}/news/one", f"{feed.base}/news/two"]
        assert len(documents) == 1 + 80 + 2
        shown = get(server.port, f"/api/events/{event_id}")
        assert shown["verdict"]["verdict"] == "confirm"
        feed_docs = {d["id"] for d in documents if d["origin"].startswith("http")}
        events = get(server.port, "/api/events?limit=1000")["events"]
        assert feed_docs <= {e["doc_id"] for e in events}
    finally:
        server.stop()
    stored = snapshot(db)
    assert stored.orphans == 0
    assert len(stored.documents) == 83
    assert len({digest for digest, _ in stored.documents.values()}) == 83
    assert_consistent(
        Snapshot(
            documents={k: v for k, v in stored.documents.items() if k in expected.documents},
            events=stored.events,
            mentions=stored.mentions,
            rejections=stored.rejections,
            orphans=stored.orphans,
        ),
        expected,
    )
    with open_store(db, read_only=True) as store:
        assert [(v.event_id, v.verdict.value, v.note) for v in store.verdicts()] == [
            (event_id, "confirm", "kept")
        ]


def test_live_server_killed_mid_handed_over_ingest_then_resumed(
    clean: tuple[Path, Snapshot], tmp_path: Path
) -> None:
    corpus, expected = clean
    db = tmp_path / "bilat.duckdb"
    open_store(db).close()
    server = Server(db)
    client = _ingest(tmp_path, corpus, db)
    try:
        assert server.wait_for_added(client)
    finally:
        server.kill()
    code, _, err = finish(client)
    message = " ".join(err.split())
    assert code == 1
    assert f"lost the bilat server (pid {server.process.pid}, port {server.port})" in message
    assert "run the same command again; stored documents are skipped" in message
    assert "Traceback" not in err
    assert lock_path(db).exists()
    partial = snapshot(db)
    assert 0 < len(partial.documents) < 80
    assert_consistent(partial, expected)
    server = Server(db)
    try:
        assert finish(_ingest(tmp_path, corpus, db))[0] == 0
    finally:
        server.stop()
    assert snapshot(db) == expected


def test_live_client_killed_mid_handed_over_ingest_then_resumed(
    clean: tuple[Path, Snapshot], tmp_path: Path
) -> None:
    corpus, expected = clean
    db = tmp_path / "bilat.duckdb"
    open_store(db).close()
    server = Server(db)
    try:
        client = _ingest(tmp_path, corpus, db)
        try:
            assert server.wait_for_added(client)
        finally:
            client.kill()
            finish(client)
        assert finish(_ingest(tmp_path, corpus, db))[0] == 0
        assert get(server.port, "/api/health")["ok"]
    finally:
        server.stop()
    assert snapshot(db) == expected


def test_live_serve_watch_polls_feeds_in_the_server(feed: Feed, tmp_path: Path) -> None:
    db = tmp_path / "bilat.duckdb"
    with open_store(db) as store:
        store.add_feed(feed.url, "desk")
    server = Server(db, "--watch", "--interval", "1h")
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            watching = get(server.port, "/api/activity")["watching"]
            if "pass 1" in watching:
                break
            time.sleep(0.2)
        assert watching.startswith("watching feeds every 3600s; pass 1 at ")
        assert watching.endswith(": 1 feeds, 2 documents added")
        documents = get(server.port, "/api/documents")["documents"]
        assert sorted(d["origin"] for d in documents) == [
            f"{feed.base}/news/one",
            f"{feed.base}/news/two",
        ]
    finally:
        server.stop()
