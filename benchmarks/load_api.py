"""Load-test a real ``bilat serve``: many clients mixing reads with verdict writes.

    python benchmarks/load_api.py --clients 200 --seconds 30

The script builds a store of synthetic events (no spaCy needed), starts ``bilat serve`` on
127.0.0.1 with a token, and runs the clients (httpx, asyncio) for the given time. Each client
owns its own events, so its verdicts on them are sequential: after the run, every event's stored
verdict must be the last one the server acknowledged (no lost writes). It prints the counts,
errors and latency percentiles as JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from bilat.records import (
    Actor,
    DatePrecision,
    DateSource,
    Document,
    DocumentDate,
    Event,
    Extraction,
    Factuality,
)
from bilat.store import open_store

TOKEN = "load-test-token"
PAIRS = (("PAK", "USA"), ("PAK", "CHN"), ("IND", "PAK"), ("AFG", "PAK"), ("USA", "CHN"))
CODES = (("042", 1, 1.9), ("036", 1, 4.0), ("112", 3, -2.0), ("061", 2, 6.4), ("190", 4, -10.0))


def synthetic_store(path: Path, *, documents: int, per_document: int = 4) -> list[str]:
    """Write a store of synthetic documents and events; return the event ids.

    Args:
        path: the DuckDB file to create.
        documents: how many documents.
        per_document: events in each.

    Returns:
        The ids of the events written.
    """
    rng = random.Random(5)
    extractions = []
    for number in range(documents):
        doc_id = f"load{number:05d}"
        day = f"2025-{1 + number % 12:02d}-{1 + number % 28:02d}"
        text = f"Synthetic report {number} on talks between the two governments."
        document = Document.from_text(text, doc_id=doc_id, published=day)
        events = []
        for ordinal in range(per_document):
            (a, b), (code, quad, goldstein) = rng.choice(PAIRS), rng.choice(CODES)
            events.append(
                Event(
                    id=f"{doc_id}-e{ordinal}",
                    doc_id=doc_id,
                    sentence=text,
                    sentence_start=0,
                    sentence_end=len(text),
                    sentence_index=0,
                    cameo=code,
                    cameo_name=f"code {code}",
                    source=Actor(f"{a}GOV", a, "GOV"),
                    target=Actor(f"{b}GOV", b, "GOV"),
                    goldstein=goldstein,
                    quad_class=quad,
                    plover_type=None,
                    plover_mode=None,
                    factuality=Factuality.ASSERTED,
                    confidence=0.8,
                    rule="synthetic",
                    trigger="talks",
                    trigger_start=0,
                    trigger_end=5,
                    date=day,
                    date_precision=DatePrecision.DAY,
                )
            )
        date = DocumentDate(day, day, day, DatePrecision.DAY, DateSource.METADATA, "synthetic")
        extractions.append(Extraction(document=document, date=date, events=tuple(events)))
    with open_store(path) as store:
        for start in range(0, len(extractions), 500):
            store.add(extractions[start : start + 500])
    return [event.id for extraction in extractions for event in extraction.events]


def free_port() -> int:
    """Return a TCP port free on 127.0.0.1 now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(db: Path, port: int, log: Path | None = None) -> subprocess.Popen[bytes]:
    """Start ``bilat serve`` and wait until it answers /api/health; its output goes to ``log``."""
    output = log.open("wb") if log is not None else subprocess.DEVNULL
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from bilat.cli import main; main()",
            "serve",
            "--db",
            str(db),
            "--port",
            str(port),
            "--token",
            TOKEN,
        ],
        stdout=output,
        stderr=output,
        env={**os.environ, "BILAT_CONFIG": str(db.parent / "absent.toml")},
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"bilat serve exited with {process.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("bilat serve did not answer /api/health within 120 s")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    """Stop the server as Ctrl-C would, so it closes the database cleanly."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@dataclass
class Tally:
    """What the clients did: latencies by kind, errors, and the last verdict per event."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    last_note: dict[str, str] = field(default_factory=dict)

    def record(self, kind: str, seconds: float) -> None:
        """Add one request's latency."""
        self.latencies.setdefault(kind, []).append(seconds)


async def client_loop(
    number: int,
    http: httpx.AsyncClient,
    owned: list[str],
    every: list[str],
    tally: Tally,
    *,
    until: float,
    write_share: float,
) -> None:
    """Run one client: random reads, and verdicts on its own events, until the time is up."""
    rng = random.Random(number)
    count = 0
    auth = {"Authorization": f"Bearer {TOKEN}"}
    while time.monotonic() < until:
        count += 1
        if owned and rng.random() < write_share:
            event_id = rng.choice(owned)
            note = f"client {number} write {count}"
            kind, request = (
                "write",
                http.post(
                    f"/api/events/{event_id}/verdict",
                    json={"verdict": rng.choice(["confirm", "reject"]), "note": note},
                    headers=auth,
                ),
            )
        else:
            a, b = rng.choice(PAIRS)
            kind, url = rng.choice(
                [
                    ("events", f"/api/events?dyad={a},{b}&limit=50"),
                    ("event", f"/api/events/{rng.choice(every)}"),
                    ("dyads", "/api/dyads"),
                    ("health", "/api/health"),
                    ("page", f"/events/{rng.choice(every)}"),
                ]
            )
            request = http.get(url)
            note = ""
        began = time.monotonic()
        try:
            response = await request
        except httpx.HTTPError as error:
            tally.errors.append(f"{kind}: {type(error).__name__}: {error}")
            continue
        tally.record(kind, time.monotonic() - began)
        if response.status_code != 200:
            tally.errors.append(f"{kind}: HTTP {response.status_code}: {response.text[:200]}")
        elif kind == "write":
            tally.last_note[event_id] = note


def percentile(values: list[float], share: float) -> float:
    """Return the value below which ``share`` of the values fall (nearest rank)."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    rank = max(0, min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1))
    return ordered[rank]


async def run_clients(
    port: int, events: list[str], *, clients: int, seconds: float, write_share: float
) -> Tally:
    """Run the clients against the server for ``seconds``."""
    tally = Tally()
    # Drop idle connections before uvicorn does (after 5 s), or a request may go out on a
    # connection the server is closing and fail with a ReadError that is no fault of either.
    limits = httpx.Limits(
        max_connections=clients, max_keepalive_connections=clients, keepalive_expiry=2.0
    )
    until = time.monotonic() + seconds
    async with httpx.AsyncClient(
        base_url=f"http://127.0.0.1:{port}", limits=limits, timeout=120
    ) as http:
        await asyncio.gather(
            *(
                client_loop(
                    number,
                    http,
                    events[number::clients][:5],
                    events,
                    tally,
                    until=until,
                    write_share=write_share,
                )
                for number in range(clients)
            )
        )
    return tally


def lost_verdicts(db: Path, expected: dict[str, str]) -> list[str]:
    """Return the events whose stored verdict note is not the last one acknowledged."""
    with open_store(db, read_only=True) as store:
        return [
            event_id
            for event_id, note in expected.items()
            if (saved := store.verdict(event_id)) is None or saved.note != note
        ]


def run(
    folder: Path,
    *,
    clients: int = 200,
    seconds: float = 30.0,
    documents: int = 1000,
    write_share: float = 0.05,
) -> dict[str, Any]:
    """Build a store, serve it, load it, stop the server and check the verdicts.

    Args:
        folder: where to put the database.
        clients: concurrent clients.
        seconds: how long they run.
        documents: synthetic documents (four events each).
        write_share: the share of requests that are verdict writes.

    Returns:
        The summary: requests, errors, lost verdicts, latency percentiles in milliseconds.
    """
    db = folder / "load.duckdb"
    events = synthetic_store(db, documents=documents)
    port = free_port()
    server = start_server(db, port)
    # The first verdict loads the knowledge base (seconds); keep that out of the figures.
    warm = httpx.post(
        f"http://127.0.0.1:{port}/api/events/{events[-1]}/verdict",
        json={"verdict": "confirm", "note": "warm-up"},
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=300,
    )
    warm.raise_for_status()
    began = time.monotonic()
    try:
        tally = asyncio.run(
            run_clients(port, events, clients=clients, seconds=seconds, write_share=write_share)
        )
    finally:
        elapsed = time.monotonic() - began
        stop_server(server)
    every = [value for values in tally.latencies.values() for value in values]
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(every),
        "requests_per_second": round(len(every) / elapsed, 1),
        "errors": len(tally.errors),
        "first_errors": tally.errors[:5],
        "verdicts_acknowledged": sum(len(v) for k, v in tally.latencies.items() if k == "write"),
        "events_with_verdicts": len(tally.last_note),
        "lost_verdicts": len(lost_verdicts(db, tally.last_note)),
        "latency_ms": {
            kind: {
                "n": len(values),
                "p50": round(1000 * percentile(values, 0.50), 1),
                "p95": round(1000 * percentile(values, 0.95), 1),
                "max": round(1000 * max(values), 1),
            }
            for kind, values in sorted({**tally.latencies, "all": every}.items())
            if values
        },
    }


def main() -> None:
    """Parse the arguments, run the load test and print its summary as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--write-share", type=float, default=0.05)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bilat-load-") as folder:
        summary = run(
            Path(folder),
            clients=args.clients,
            seconds=args.seconds,
            documents=args.documents,
            write_share=args.write_share,
        )
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
