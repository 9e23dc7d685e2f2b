"""Throughput: `bilat ingest` end to end against bare spaCy `nlp.pipe`, in the same run.

Usage: python benchmarks/throughput.py [--records 500] [--workers 1 2] [--corpus PATH]

Both sides read the same first N records of ../shared/corpora/newswire.jsonl; words are
whitespace-separated tokens of the texts, the same count for both. The spaCy baseline runs the
full en_core_web_sm pipeline over whole texts with default batching; bilat's side is `ingest()`
into a fresh DuckDB file (reading, pre-filter, parse, coding, dates, places, store writes and
dedup). Models are loaded before the clocks start; worker start-up is inside bilat's clock.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import tempfile
import time
from pathlib import Path

from bilat.extract import Pipeline
from bilat.ingest import ingest
from bilat.nlp import load_nlp
from bilat.settings import Settings

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def main() -> None:
    """Time both sides and print words/s and the ratios."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=500)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpora" / "newswire.jsonl")
    args = parser.parse_args()
    lines = args.corpus.read_text(encoding="utf-8").splitlines()[: args.records]
    texts = [json.loads(line)["text"] for line in lines]
    words = sum(len(t.split()) for t in texts)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    print(f"{len(texts)} records, {words} words; commit {commit}; {platform.platform()}")

    settings = Settings()
    nlp = load_nlp(settings.model)
    Pipeline.load(settings)
    rates: dict[str, float] = {}

    cpu: dict[str, float] = {}
    began, began_cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts):
        pass
    rates["spacy nlp.pipe"] = words / (time.perf_counter() - began)
    cpu["spacy nlp.pipe"] = words / (time.process_time() - began_cpu)
    print(
        f"spacy nlp.pipe (full pipeline): {rates['spacy nlp.pipe']:.0f} words/s wall, "
        f"{cpu['spacy nlp.pipe']:.0f} words per CPU-second",
        flush=True,
    )

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "input.jsonl"
        source.write_text("\n".join(lines) + "\n", encoding="utf-8")
        for workers in args.workers:
            db = Path(tmp) / f"w{workers}.duckdb"
            began, began_cpu = time.perf_counter(), _cpu()
            report = ingest([source], settings=Settings(db=str(db), workers=workers))
            seconds = time.perf_counter() - began
            name = f"bilat ingest --workers {workers}"
            rates[name] = words / seconds
            cpu[name] = words / (_cpu() - began_cpu)
            print(
                f"{name}: {rates[name]:.0f} words/s wall, {cpu[name]:.0f} words per CPU-second "
                f"({report.added} documents, {report.events} events, {seconds:.1f} s)",
                flush=True,
            )
    for name in rates:
        print(
            f"ratio {name} / spacy: {rates[name] / rates['spacy nlp.pipe']:.2f} wall, "
            f"{cpu[name] / cpu['spacy nlp.pipe']:.2f} per CPU-second"
        )


def _cpu() -> float:
    """Return CPU seconds of this process and its finished children (the workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


if __name__ == "__main__":
    main()
