"""Dashboard latency while `bilat ingest` writes through a running `bilat serve` (a live store).

    python benchmarks/live_ingest.py --documents 1000
    python benchmarks/live_ingest.py --documents 1000 --corpus synthetic

The script builds a store of synthetic events (load_api.synthetic_store) so the pages have
something to show, starts `bilat serve` on it, and measures the dashboard pages for a few
seconds while nothing writes ("idle"). It then starts `bilat ingest` in its own process on the
same DuckDB file (the ingest finds the server's lock file and hands its store calls over) and
keeps requesting pages, one at a time as an analyst's browser would, until the ingest ends
("during"), and again for a few seconds over the grown store ("idle_after"). Documents are the first N records of ../shared/corpora/newswire.jsonl, or short
generated sentences with ``--corpus synthetic`` (or when the shared corpus is absent).

It prints JSON: the ingest's time and rate, the page latency percentiles idle and during, how
often /api/activity said an ingest was running, and the documents the server then holds.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_api import free_port, percentile, start_server, stop_server, synthetic_store

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "newswire.jsonl"
PAGES = ("/", "/events", "/dyads/PAK/USA", "/events?dyad=PAK,CHN", "/api/events?limit=50")
COUNTRIES = ("Pakistan", "India", "China", "Afghanistan", "Iran", "Japan", "Russia", "France")
VERBS = ("condemned", "praised", "held talks with", "criticised", "thanked", "met")


def write_corpus(path: Path, documents: int, source: str) -> str:
    """Write the documents to ingest as JSONL; return which corpus they came from."""
    with path.open("w", encoding="utf-8") as handle:
        if source != "synthetic" and SHARED.exists():
            with SHARED.open(encoding="utf-8") as shared:
                for number, line in enumerate(shared):
                    if number >= documents:
                        break
                    handle.write(line)
            return str(SHARED)
        rng = random.Random(3)
        for number in range(documents):
            first, second = rng.sample(COUNTRIES, 2)
            text = f"{first} {rng.choice(VERBS)} {second} on Monday over matter {number}."
            record = {"id": f"live{number:05d}", "text": text, "published": "2025-03-05"}
            handle.write(json.dumps(record) + "\n")
    return "synthetic"


def summary(latencies: list[float]) -> dict[str, Any]:
    """Return count and percentiles, in milliseconds."""
    return {
        "requests": len(latencies),
        "p50_ms": round(percentile(latencies, 0.5) * 1000, 1),
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 1),
        "max_ms": round(max(latencies, default=0.0) * 1000, 1),
    }


class Browser:
    """An analyst's browser: the pages one after another, in turn, timing each."""

    def __init__(self, http: httpx.Client) -> None:
        self.http = http
        self.turn = 0

    def browse(self, *, until: float, process: Any = None) -> list[tuple[str, float]]:
        """Request pages until a time passes or a process ends; return (page, seconds)."""
        latencies: list[tuple[str, float]] = []
        while time.monotonic() < until and (process is None or process.poll() is None):
            page = PAGES[self.turn % len(PAGES)]
            began = time.monotonic()
            response = self.http.get(page)
            latencies.append((page, time.monotonic() - began))
            response.raise_for_status()
            self.turn += 1
        return latencies


def by_page(latencies: list[tuple[str, float]]) -> dict[str, Any]:
    """Return the percentiles of all requests, then of each page."""
    figures = {"all": summary([seconds for _, seconds in latencies])}
    for page in PAGES:
        figures[page] = summary([seconds for name, seconds in latencies if name == page])
    return figures


def run(folder: Path, *, documents: int, corpus: str, idle_seconds: float) -> dict[str, Any]:
    """Run the benchmark in ``folder`` and return its figures."""
    db = folder / "live.duckdb"
    synthetic_store(db, documents=300)
    source = write_corpus(folder / "corpus.jsonl", documents, corpus)
    port = free_port()
    log = folder / "server.log"
    server = start_server(db, port, log)
    env = {**os.environ, "BILAT_CONFIG": str(folder / "absent.toml")}
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as http:
            browser = Browser(http)
            browser.browse(until=time.monotonic() + 2)  # warm-up: templates, first queries
            idle = browser.browse(until=time.monotonic() + idle_seconds)
            began = time.monotonic()
            ingest = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    "from bilat.cli import main; main()",
                    "ingest",
                    str(folder / "corpus.jsonl"),
                    "--db",
                    str(db),
                    "-q",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                env=env,
                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
            )
            during: list[tuple[str, float]] = []
            seen = checks = 0
            while ingest.poll() is None:
                try:
                    during += browser.browse(until=time.monotonic() + 1.0, process=ingest)
                    checks += 1
                    seen += bool(http.get("/api/activity").json()["writing"])
                except httpx.HTTPError as error:
                    time.sleep(1)
                    if server.poll() is None:
                        raise
                    tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
                    ingest.kill()
                    raise RuntimeError(
                        f"bilat serve exited with {server.returncode}:\n{tail}"
                    ) from error
            took = time.monotonic() - began
            error = ingest.stderr.read().decode() if ingest.stderr else ""
            stored = len(http.get("/api/documents?status=accepted").json()["documents"])
            # The same pages over the grown store, nothing writing: what the ingest itself costs.
            after = browser.browse(until=time.monotonic() + idle_seconds)
    finally:
        stop_server(server)
    return {
        "corpus": source,
        "documents": documents,
        "ingest_exit": ingest.returncode,
        "ingest_error": error.strip()[-500:],
        "ingest_seconds": round(took, 1),
        "documents_per_second": round(documents / took, 2),
        "stored_documents": stored,
        "stored_before_ingest": 300,
        "activity_writing_seen": f"{seen}/{checks}",
        "idle": by_page(idle),
        "during_ingest": by_page(during),
        "idle_after": by_page(after),
        "cpus": os.cpu_count(),
        "load_average": [round(v, 2) for v in os.getloadavg()],
    }


def main() -> None:
    """Parse arguments, run, print JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--corpus", choices=("newswire", "synthetic"), default="newswire")
    parser.add_argument("--idle-seconds", type=float, default=5.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bilat-live-") as folder:
        figures = run(
            Path(folder),
            documents=args.documents,
            corpus=args.corpus,
            idle_seconds=args.idle_seconds,
        )
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
