"""Fit the bundled confidence calibration from the dev gold, and check it on held-out articles.

Usage: python benchmarks/calibration_prior.py [--write] [--shared ../shared]

Ingests dev-modern and the five seeds into temporary stores with the current rules, judges
every scored event (asserted, planned and reported mentions, as ``bilat eval`` scores them)
with the shared scorer's matching, and counts right and wrong events by CAMEO root and raw
score on the *fit* set: the odd-numbered dev-modern articles and the seeds. The even articles
are never fitted on; the script prints the expected calibration error (ECE, 10 bins) of the raw
scores and of the calibrated ones on each set, and, to check the ``pooling`` of the family
shifts on the fit set, the ECE and log loss on the odd articles when each is predicted by a fit
without it. ``--write`` replaces ``src/bilat/knowledge/calibration.yaml`` with the fitted counts
(``make calibration`` runs exactly that).
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from bilat.calibration import fit, raw_score, tally, to_yaml  # noqa: E402
from bilat.evaluation import expected_calibration_error, judge_system, load_gold  # noqa: E402
from bilat.knowledge.schema import CalibrationData  # noqa: E402
from bilat.records import Event  # noqa: E402
from bilat.store import open_store  # noqa: E402
from bilat.store.base import EventQuery  # noqa: E402

SCORED = ("asserted", "planned", "reported")


def _events(corpus: Path, folder: Path, name: str) -> list[Event]:
    db = folder / f"{name}.duckdb"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    cmd = [sys.executable, "-m", "bilat", "ingest", str(corpus), "--db", str(db), "-q"]
    subprocess.run(cmd, check=True, env=env)
    with open_store(str(db), read_only=True) as store:
        return store.events(EventQuery(factuality=SCORED, mentions=True))


def _judged(gold: list[dict[str, Any]], events: list[Event]) -> list[tuple[Event, bool]]:
    by_id = {e.id: e for e in events}
    return [(by_id[row["id"]], right) for row, right in judge_system(gold, _rows(events))]


def _rows(events: list[Event]) -> list[dict[str, Any]]:
    return [e.export_dict() for e in events]


def _odd(doc: str) -> bool:
    return int(doc[2:]) % 2 == 1


def _held_out(
    odd: list[tuple[Event, bool]], seeds: list[tuple[Event, bool]], pooling: float
) -> tuple[float | None, float]:
    """Return ECE and log loss on the odd articles, each predicted by a fit without it.

    The choice of ``pooling`` is checked here, on the fit set, and never on the even articles.
    """
    pairs: list[tuple[float, bool]] = []
    for doc in sorted({e.doc_id for e, _ in odd}):
        rest = [(e, r) for e, r in odd if e.doc_id != doc] + seeds
        counts = tally((e.cameo, raw_score(e), r) for e, r in rest)
        calibrator = fit(CalibrationData(source="held out", pooling=pooling, counts=counts))
        pairs += [
            (calibrator.probability(e.cameo, raw_score(e)), r) for e, r in odd if e.doc_id == doc
        ]
    loss = -sum(math.log(min(max(p if r else 1 - p, 1e-6), 1.0)) for p, r in pairs) / len(pairs)
    return expected_calibration_error(pairs), round(loss, 4)


def main() -> None:
    """Fit, report and optionally write the bundled calibration."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--write", action="store_true", help="rewrite calibration.yaml")
    parser.add_argument("--pooling", type=float, default=10.0)
    args = parser.parse_args()
    shared: Path = args.shared
    gold = load_gold(shared / "gold/dev-modern.events.jsonl")
    seeds_gold = load_gold(shared / "gold/seeds.events.jsonl")
    with tempfile.TemporaryDirectory() as tmp:
        dev = _events(shared / "corpora/dev-modern.jsonl", Path(tmp), "dev")
        seeds = _events(shared / "corpus/seeds", Path(tmp), "seeds")
    sets = {
        "fit (dev odd + seeds)": _judged([g for g in gold if _odd(g["doc"])], dev)
        + _judged(seeds_gold, seeds),
        "dev odd": _judged([g for g in gold if _odd(g["doc"])], dev),
        "dev even (held out)": _judged([g for g in gold if not _odd(g["doc"])], dev),
    }
    fitted = tally((e.cameo, raw_score(e), right) for e, right in sets["fit (dev odd + seeds)"])
    data = CalibrationData(
        source="dev-modern odd articles + seeds, benchmarks/calibration_prior.py",
        pooling=args.pooling,
        counts=fitted,
    )
    calibrator = fit(data)
    for name, judged in sets.items():
        raw = expected_calibration_error([(raw_score(e), r) for e, r in judged])
        after = expected_calibration_error(
            [(calibrator.probability(e.cameo, raw_score(e)), r) for e, r in judged]
        )
        right = sum(r for _, r in judged)
        print(f"{name}: {len(judged)} events, {right} right; ECE raw {raw} -> calibrated {after}")
    odd = sets["dev odd"]
    for pooling in sorted({args.pooling, 5.0, 10.0, 20.0, 40.0}):
        ece, loss = _held_out(odd, _judged(seeds_gold, seeds), pooling)
        print(f"pooling {pooling:g}, each odd article held out in turn: ECE {ece}, log loss {loss}")
    print("curve:", list(zip(calibrator.xs, calibrator.ys, strict=True)))
    print("shifts:", dict(calibrator.shifts))
    if args.write:
        path = ROOT / "src/bilat/knowledge/calibration.yaml"
        path.write_text(to_yaml(data), encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
