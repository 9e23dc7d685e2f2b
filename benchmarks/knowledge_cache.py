"""Start-up cost of the knowledge: validating every file vs reading the compiled cache.

Usage: python benchmarks/knowledge_cache.py [--runs 3] [--what knowledge pipeline]

Each measurement is a fresh Python process (so no per-process cache helps), timed from after
``import bilat.knowledge`` (or ``bilat.extract``) to the end of the load, wall and CPU time:

- ``knowledge``: ``Knowledge.load()`` then every section of :data:`SECTIONS` (all files);
- ``pipeline``: ``Pipeline.load()``: spaCy, the knowledge, both gazetteers and the patterns.

Three cache states: ``off`` (``BILAT_CACHE_DIR=none``: every file validated, as before the
cache), ``cold`` (an empty cache directory: validated and written) and ``warm`` (read back).
The median of ``--runs`` runs is printed for each.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

KNOWLEDGE = """
import json, time
from bilat.knowledge import Knowledge
from bilat.knowledge.schema import SECTIONS
wall, cpu = time.perf_counter(), time.process_time()
kb = Knowledge.load()
for name in SECTIONS:
    if name != "verbs":
        kb.section(name)
kb.people, kb.units, kb.quote_words, kb.actor_rules
print(json.dumps([time.perf_counter() - wall, time.process_time() - cpu]))
"""

PIPELINE = """
import json, time
from bilat.extract import Pipeline
wall, cpu = time.perf_counter(), time.process_time()
Pipeline.load()
print(json.dumps([time.perf_counter() - wall, time.process_time() - cpu]))
"""


def _run(code: str, cache: str) -> tuple[float, float]:
    env = {**os.environ, "BILAT_CACHE_DIR": cache}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
    ).stdout
    wall, cpu = json.loads(out.strip().splitlines()[-1])
    return float(wall), float(cpu)


def measure(code: str, runs: int) -> dict[str, tuple[float, float]]:
    """Return the median (wall, CPU) seconds of ``code`` with the cache off, cold and warm.

    Args:
        code: the Python program to time; it prints ``[wall, cpu]``.
        runs: how many processes per state.
    """
    results: dict[str, list[tuple[float, float]]] = {"off": [], "cold": [], "warm": []}
    with tempfile.TemporaryDirectory() as warm:
        _run(code, warm)  # fill it
        for _ in range(runs):
            results["off"].append(_run(code, "none"))
            with tempfile.TemporaryDirectory() as cold:
                results["cold"].append(_run(code, cold))
            results["warm"].append(_run(code, warm))
    return {
        state: (statistics.median(w for w, _ in rows), statistics.median(c for _, c in rows))
        for state, rows in results.items()
    }


def main() -> None:
    """Print the median wall and CPU seconds of each measurement in each cache state."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--what", nargs="+", choices=["knowledge", "pipeline"], default=["knowledge"]
    )
    args = parser.parse_args()
    every = {"knowledge": KNOWLEDGE, "pipeline": PIPELINE}
    programs = {name: every[name] for name in args.what}
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, median of {args.runs} runs")
    print("what       cache  wall s  CPU s")
    for name, code in programs.items():
        for state, (wall, cpu) in measure(code, args.runs).items():
            print(f"{name:<10} {state:<6} {wall:6.2f}  {cpu:5.2f}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    main()
