"""Memory: peak RSS while ingesting N documents (the newswire corpus repeated with new ids).

Usage: python benchmarks/memory.py --documents 20000 [--log rss.tsv] [--workers 1]

Each repetition gets new ids and one extra closing line naming the copy, so every document has
a new content hash and is really parsed and stored. After every batch the script appends
``documents, seconds, rss_mb, peak_mb`` to the log (RSS and its high-water mark from
/proc/self/status), so a run that cannot finish still leaves its curve.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from bilat.ingest import IngestReport, ingest
from bilat.settings import Settings

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def records(corpus: Path, count: int) -> Iterator[str]:
    """Yield count JSONL lines: the corpus repeated, each copy with new ids and text."""
    base = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    for i in range(count):
        record = dict(base[i % len(base)])
        copy = i // len(base)
        record["id"] = f"{record['id']}-c{copy}"
        record["text"] = f"{record['text']}\n\nCopy {copy} of the record."
        yield json.dumps(record)


def main() -> None:
    """Ingest the documents and log RSS after every batch."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--log", type=Path, default=Path("rss.tsv"))
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpora" / "newswire.jsonl")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "input.jsonl"
        with source.open("w", encoding="utf-8") as out:
            for line in records(args.corpus, args.documents):
                out.write(line + "\n")
        began = time.perf_counter()
        with args.log.open("w", encoding="utf-8") as log:
            log.write("documents\tseconds\trss_mb\tpeak_mb\n")

            def progress(report: IngestReport) -> None:
                log.write(
                    f"{report.read}\t{time.perf_counter() - began:.0f}\t"
                    f"{_status_mb('VmRSS'):.0f}\t{_status_mb('VmHWM'):.0f}\n"
                )
                log.flush()

            settings = Settings(db=str(Path(tmp) / "bench.duckdb"), workers=args.workers)
            report = ingest([source], settings=settings, progress=progress)
        print(
            f"{report.read} documents, {report.events} events in "
            f"{time.perf_counter() - began:.0f} s; peak RSS {_status_mb('VmHWM'):.0f} MB"
        )


if __name__ == "__main__":
    main()
