"""Simulate an analyst on dev-modern: verdicts from the gold, then calibrate, learn and recode.

Usage: python benchmarks/analyst_loop.py [--events 100] [--shared ../shared]

1. Ingest dev-modern into a temporary store with the bundled rules and knowledge.
2. Judge the first ``--events`` scored events (asserted, planned and reported mentions, in
   document order) as an analyst holding the gold would: confirm an event a gold row matches;
   correct the actors of one whose sentence has a gold row with the same CAMEO root but other
   countries (to the gold's codes), or the code of one whose sentence has a gold row with the
   same actors; reject the rest.
3. ``calibrate`` (the bundled prior plus the verdicts) and ``learn`` (knowledge proposed from the
   actor corrections) write into a fresh knowledge directory; ``recode`` re-codes every
   article with it.
4. Report: the expected calibration error (ECE, 10 bins) of the machine's events before and
   after, on all articles and on the even ones; P/R of the machine's coding before and after;
   and, for every proposed entry, whether the events it was proposed from are now coded with
   the analyst's actor when the articles are re-coded.

Every figure is of the machine's coding (events as extracted, verdicts not applied).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from bilat.errors import InputError  # noqa: E402
from bilat.evaluation import (  # noqa: E402
    actor_country,
    expected_calibration_error,
    fold,
    judge_system,
    load_gold,
    score_events,
)
from bilat.ingest import ingest  # noqa: E402
from bilat.knowledge import Knowledge, knowledge_for  # noqa: E402
from bilat.learn import calibrate, proposals, write_proposals  # noqa: E402
from bilat.recode import recode  # noqa: E402
from bilat.records import Event  # noqa: E402
from bilat.settings import load_settings  # noqa: E402
from bilat.store import Store, open_store  # noqa: E402
from bilat.verdicts import anchor_of  # noqa: E402

SCORED = ("asserted", "planned", "reported")


def machine_events(store: Store) -> list[Event]:
    """Return every scored event as the machine coded it, in document order."""
    events: list[Event] = []
    for row in store.documents(status="accepted"):
        extraction = store.extraction(row.id or "")
        if extraction is not None:
            events.extend(e for e in extraction.events if e.factuality.value in SCORED)
    return events


def figures(gold: list[dict[str, Any]], events: list[Event], name: str) -> str:
    """Return P, R and ECE of events against gold rows, as one line."""
    rows = [e.export_dict() for e in events]
    score = score_events(gold, rows)
    raw = {e.id: e.raw_confidence for e in events}
    uncalibrated = expected_calibration_error(
        [(raw[row["id"]] or row["confidence"], right) for row, right in judge_system(gold, rows)]
    )
    return (
        f"{name}: P {score.precision} R {score.recall} (tp {score.tp}, fp {score.fp}, "
        f"{score.gold_required} required), ECE {score.calibration_error} "
        f"(raw scores: {uncalibrated})"
    )


def verdict_for(event: Event, right: bool, gold: list[dict[str, Any]]) -> dict[str, Any]:
    """Return what an analyst holding the gold says of one event (verdict and corrections)."""
    if right:
        return {"verdict": "confirm"}
    sentence = fold(event.sentence)
    here = [g for g in gold if g["doc"] == event.doc_id and fold(g["text"]) in sentence]
    target = event.target.code if event.target else None
    for g in here:
        if event.cameo[:2] not in {c[:2] for c in g["codes"]}:
            continue
        fixes = {}
        if g["source"] and actor_country(g["source"]) != actor_country(event.source.code):
            fixes["source_code"] = g["source"]
        if g["target"] and actor_country(g["target"]) != actor_country(target):
            fixes["target_code"] = g["target"]
        if fixes:
            return {"verdict": "correct", **fixes}
    for g in here:
        same_source = g["source"] is None or actor_country(g["source"]) == actor_country(
            event.source.code
        )
        same_target = g["target"] is None or actor_country(g["target"]) == actor_country(target)
        # Same actors and the same root is a second copy of a matched event: rejected below.
        if same_source and same_target and event.cameo[:2] not in {c[:2] for c in g["codes"]}:
            return {"verdict": "correct", "cameo": g["codes"][0]}
    return {"verdict": "reject"}


def main() -> None:
    """Run the simulation and print every figure."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--events", type=int, default=100)
    args = parser.parse_args()
    gold = load_gold(args.shared / "gold/dev-modern.events.jsonl")
    even = [g for g in gold if int(g["doc"][2:]) % 2 == 0]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "knowledge"
        folder.mkdir()
        db = str(Path(tmp) / "dev.duckdb")
        os.environ.pop("BILAT_KNOWLEDGE_DIRS", None)
        base = load_settings(db=db)
        ingest([str(args.shared / "corpora/dev-modern.jsonl")], settings=base)
        with open_store(db) as store:
            before = machine_events(store)
            print(figures(gold, before, "before, all"))
            print(figures(even, before, "before, even"))
            judged = judge_system(gold, [e.export_dict() for e in before])
            by_id = {e.id: e for e in before}
            hashes = {r.id: store.extraction(r.id or "") for r in store.documents()}
            tally: dict[str, int] = {}
            corrected: dict[str, tuple[str, str]] = {}  # anchor -> (side, code)
            for row, right in judged[: args.events]:
                event = by_id[row["id"]]
                said = verdict_for(event, right, gold)
                try:
                    store.set_verdict(
                        event.id,
                        said["verdict"],
                        cameo=said.get("cameo"),
                        source_code=said.get("source_code"),
                        target_code=said.get("target_code"),
                    )
                except InputError as error:
                    print(f"  {event.id}: gold code not usable ({error}); rejected instead")
                    said = {"verdict": "reject"}
                    store.set_verdict(event.id, "reject")
                tally[said["verdict"]] = tally.get(said["verdict"], 0) + 1
                if said["verdict"] == "correct":
                    fixes = {k: v for k, v in said.items() if k != "verdict"}
                    names = (event.source.name, event.target.name if event.target else None)
                    print(f"  correct {event.id} {_coding(event)} {names}: {fixes}")
                extraction = hashes[event.doc_id]
                assert extraction is not None
                anchor = anchor_of(event, extraction.document.content_hash)
                for side in ("source", "target"):
                    if said.get(f"{side}_code"):
                        corrected[f"{event.id}|{side}"] = (anchor, said[f"{side}_code"])
            print(f"verdicts: {dict(sorted(tally.items()))}")
            prior = Knowledge.load(cache_dir="none").section("calibration")
            data, added = calibrate(store, prior)
            (folder / "calibration.yaml").write_text(_yaml(data), encoding="utf-8")
            settings = load_settings(db=db, knowledge_dirs=[str(folder)])
            found = proposals(store, knowledge_for(base))
            for p in found:
                print(f"  proposal: {p.section} {p.name!r} ({p.why})")
            if found:
                write_proposals(found, folder)
            report = recode(store, settings)
            print(
                f"recode: {report.documents} documents, {report.events_before} -> "
                f"{report.events_after} events, {report.verdicts} verdicts "
                f"({len(report.orphaned)} orphaned); {added} verdicts in the calibration"
            )
            after = machine_events(store)
            print(figures(gold, after, "after, all"))
            print(figures(even, after, "after, even"))
            _check_learned(store, after, found, corrected)


def _coding(event: Event) -> str:
    return f"{event.source.code} {event.cameo} {event.target.code if event.target else '-'}"


def _yaml(data: Any) -> str:
    from bilat.calibration import to_yaml

    return to_yaml(data)


def _check_learned(
    store: Store, after: list[Event], found: list[Any], corrected: dict[str, tuple[str, str]]
) -> None:
    """Print, for each corrected actor a proposal came from, its coding after the recode."""
    shown = {(p.event_id, p.side) for p in found}
    anchors: dict[str, Event] = {}
    for event in after:
        extraction = store.extraction(event.doc_id)
        assert extraction is not None
        anchors.setdefault(anchor_of(event, extraction.document.content_hash), event)
    fixed = 0
    for event_id, side in sorted(shown):
        anchor, want = corrected[f"{event_id}|{side}"]
        event = anchors.get(anchor)
        actor = None if event is None else (event.source if side == "source" else event.target)
        got = actor.code if actor else None
        ok = got is not None and actor_country(got) == actor_country(want)
        fixed += ok
        print(f"  learned {side} of {event_id}: wanted {want}, recoded {got}")
    print(f"correction-to-knowledge: {fixed} of {len(shown)} corrected actors coded right")


if __name__ == "__main__":
    main()
