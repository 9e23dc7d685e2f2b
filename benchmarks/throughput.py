"""Throughput: `bilat ingest` end to end against bare spaCy `nlp.pipe`, in the same run.

Usage: python benchmarks/throughput.py [--records 300] [--workers auto 1] [--spacy-processes 1 2]
                                       [--prefilter-check] [--corpus PATH]

Both sides read the same first N records of ../shared/corpora/newswire.jsonl; words are
whitespace-separated tokens of the texts, the same count for both. The spaCy baseline runs the
full pipeline over whole texts with default batching, in one process and with ``n_process=2``;
bilat's side is `ingest()` into a fresh DuckDB file (reading, pre-filter, parse, coding, dates,
places, store writes and dedup), once per ``--workers`` value (``auto`` is the default
setting). Models are loaded before the clocks start, and one untimed ingest of three records
imports the store's and the dedup's libraries; worker start-up (each worker loads its pipeline)
is inside bilat's clock. CPU seconds include finished child processes (the workers,
spaCy's ``n_process`` children).

The issue-19 targets: bilat at defaults ≥ 1.5× bare spaCy ``n_process=2`` in words per second
(wall), and ≥ 1.5× bare spaCy in one process in words per CPU-second. ``--prefilter-check``
also ingests with the pre-filter off and compares the stored events (ids) of both runs.

Each timed phase starts once the 1-minute load average has fallen below ``--idle-load`` (at most
``--settle`` seconds of waiting): bilat's ``workers = "auto"`` leaves cores that the load average
shows busy unused, and the load the previous phase left behind (spaCy's two processes) would
otherwise count as another program's. The load at each phase's start and the workers that
``auto`` chose are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import tempfile
import time
from pathlib import Path

from bilat.capacity import auto_workers
from bilat.extract import Pipeline
from bilat.ingest import ingest
from bilat.nlp import load_nlp
from bilat.records import Factuality
from bilat.settings import Settings
from bilat.store import EventQuery, open_store

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EVERY = EventQuery(
    factuality=tuple(f.value for f in Factuality), mentions=True, include_rejected=True
)


def main() -> None:
    """Time both sides and print words/s, words per CPU-second and the ratios."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=300)
    parser.add_argument("--workers", nargs="+", default=["auto", "1"])
    parser.add_argument("--spacy-processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--prefilter-check", action="store_true")
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpora" / "newswire.jsonl")
    parser.add_argument("--settle", type=float, default=150.0)
    parser.add_argument("--idle-load", type=float, default=0.9)
    args = parser.parse_args()
    lines = args.corpus.read_text(encoding="utf-8").splitlines()[: args.records]
    texts = [json.loads(line)["text"] for line in lines]
    words = sum(len(t.split()) for t in texts)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    print(
        f"{len(texts)} records, {words} words; commit {commit}; {platform.platform()}; "
        f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )

    settings = Settings()
    nlp = load_nlp(settings.model)
    Pipeline.load(settings)
    with tempfile.TemporaryDirectory() as tmp:
        # One untimed ingest of three records imports what the first ingest of a process
        # imports (DuckDB, the store's migrations, the dedup's MinHash with datasketch and
        # scipy), as the model is loaded before spaCy's clock: otherwise whichever bilat run
        # comes first pays it.
        warm = Path(tmp) / "warm.jsonl"
        warm.write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
        ingest([warm], settings=Settings(db=str(Path(tmp) / "warm.duckdb"), workers=1))
    wall: dict[str, float] = {}
    cpu: dict[str, float] = {}

    for processes in args.spacy_processes:
        name = f"spacy n_process={processes}"
        _settle(args.settle, args.idle_load)
        began, began_cpu = time.perf_counter(), _cpu()
        for _ in nlp.pipe(texts, n_process=processes):
            pass
        wall[name] = words / (time.perf_counter() - began)
        cpu[name] = words / (_cpu() - began_cpu)
        print(f"{name}: {wall[name]:.0f} words/s wall, {cpu[name]:.0f} words per CPU-second")

    events: dict[str, set[str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "input.jsonl"
        source.write_text("\n".join(lines) + "\n", encoding="utf-8")
        runs = [(w, True) for w in args.workers]
        if args.prefilter_check:
            runs.append((args.workers[0], False))
        for workers, prefilter in runs:
            name = f"bilat ingest workers={workers}" + ("" if prefilter else " prefilter=off")
            db = Path(tmp) / f"{len(events)}.duckdb"
            run_settings = Settings(db=str(db), workers=workers, prefilter=prefilter)
            load = _settle(args.settle, args.idle_load)
            chosen = auto_workers() if workers == "auto" else workers
            print(f"{name}: load {load:.2f} at start, {chosen} worker(s)", flush=True)
            began, began_cpu = time.perf_counter(), _cpu()
            report = ingest([source], settings=run_settings)
            seconds = time.perf_counter() - began
            wall[name] = words / seconds
            cpu[name] = words / (_cpu() - began_cpu)
            with open_store(db, read_only=True) as store:
                events[name] = {e.id for e in store.events(EVERY)}
            print(
                f"{name}: {wall[name]:.0f} words/s wall, {cpu[name]:.0f} words per CPU-second "
                f"({report.added} documents, {report.events} events, {seconds:.1f} s)",
                flush=True,
            )
    one, two = (f"spacy n_process={n}" for n in (1, 2))
    for name in wall:
        if name.startswith("bilat"):
            against = [f"{wall[name] / wall[two]:.2f}× {two} wall"] if two in wall else []
            if one in cpu:
                against.append(f"{cpu[name] / cpu[one]:.2f}× {one} per CPU-second")
            print(f"ratio {name}: {', '.join(against)}")
    if args.prefilter_check:
        on, off = (n for n in events if n.startswith(f"bilat ingest workers={args.workers[0]}"))
        lost, new = events[off] - events[on], events[on] - events[off]
        print(
            f"pre-filter check: {len(events[off])} events without, {len(events[on])} with; "
            f"{len(lost)} only without, {len(new)} only with"
        )


def _settle(limit: float, idle: float) -> float:
    """Wait until the 1-minute load average is below ``idle`` (at most ``limit`` s); return it."""
    waited = 0.0
    while os.getloadavg()[0] >= idle and waited < limit:
        time.sleep(5)
        waited += 5
    return os.getloadavg()[0]


def _cpu() -> float:
    """Return CPU seconds of this process and its finished children (the workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


if __name__ == "__main__":
    main()
