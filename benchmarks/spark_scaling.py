"""Spark scaling: the same job on local[1] and local[2], and the speed-up, in one run.

Usage: python benchmarks/spark_scaling.py [--records 2000] [--partitions 8]

Both runs read the same first N records of ../shared/corpora/newswire.jsonl split into the
same partitions; the clock covers the whole job (session start, pipeline load in each Python
worker, extraction, Parquet writes).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from bilat.spark import run_job

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def main() -> None:
    """Run the job on local[1] then local[2] and print words/s and the ratio."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--masters", nargs="+", default=["local[1]", "local[2]"])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpora" / "newswire.jsonl")
    args = parser.parse_args()
    lines = args.corpus.read_text(encoding="utf-8").splitlines()[: args.records]
    words = sum(len(json.loads(line)["text"].split()) for line in lines)
    print(f"{len(lines)} records, {words} words, {args.partitions} partitions", flush=True)
    seconds: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "input.jsonl"
        source.write_text("\n".join(lines) + "\n", encoding="utf-8")
        for master in args.masters:
            began = time.perf_counter()
            report = run_job(
                str(source), str(Path(tmp) / "out"), master=master, partitions=args.partitions
            )
            seconds[master] = time.perf_counter() - began
            print(
                f"{master}: {seconds[master]:.0f} s, {words / seconds[master]:.0f} words/s, "
                f"{report.documents} documents, {report.events} events",
                flush=True,
            )
    first = args.masters[0]
    for master in args.masters[1:]:
        print(f"speed-up {master} / {first}: {seconds[first] / seconds[master]:.2f}")


if __name__ == "__main__":
    main()
