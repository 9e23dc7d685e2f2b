"""Simulate an analyst on dev-modern: verdicts from the gold, then calibrate, learn and recode.

Usage: python benchmarks/analyst_loop.py [--events 100] [--shared ../shared]

1. Ingest dev-modern into a temporary store with the bundled rules and knowledge.
2. Work down the review queue (``bilat review``'s order: asserted, planned and reported events,
   one per cluster) for ``--events`` events (``0``: the whole queue), as an analyst holding the
   gold would:
   - an event a gold row matches (same sentence, CAMEO root and actor countries) is confirmed,
     unless that row codes one of its actors differently in a way an analyst corrects (the
     scorer compares countries only): an armed group coded as a state, or a state as an armed
     group; then the actor is corrected to the gold's code;
   - an event whose sentence has a gold row of the same root but other countries gets its
     actors corrected to the gold's codes; one whose sentence has a gold row with the same
     actors but another root gets its code corrected;
   - anything else is rejected.
3. ``calibrate`` (the bundled prior plus the verdicts) and ``learn`` (knowledge proposed from the
   actor corrections) write into a fresh knowledge directory; ``recode`` re-codes every
   article with it.
4. Report: the expected calibration error (ECE, 10 bins) of the machine's events before and
   after, on all articles and on the even ones; P/R of the machine's coding before and after;
   every actor correction (a person, an armed group or another actor) and whether the
   re-coded event now codes that actor as the analyst did (same country and sector).

Every figure is of the machine's coding (events as extracted, verdicts not applied).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from bilat.calibration import to_yaml  # noqa: E402
from bilat.errors import InputError  # noqa: E402
from bilat.evaluation import (  # noqa: E402
    actor_country,
    expected_calibration_error,
    fold,
    load_gold,
    match_system,
    score_events,
)
from bilat.ingest import ingest  # noqa: E402
from bilat.knowledge import Knowledge, knowledge_for  # noqa: E402
from bilat.learn import Proposal, calibrate, proposals, write_proposals  # noqa: E402
from bilat.recode import recode  # noqa: E402
from bilat.records import Actor, Event  # noqa: E402
from bilat.review import review_queue  # noqa: E402
from bilat.settings import load_settings  # noqa: E402
from bilat.store import EventQuery, Store, open_store  # noqa: E402
from bilat.verdicts import actor_for_code, anchor_of  # noqa: E402

SCORED = ("asserted", "planned", "reported")
ARMED = frozenset({"REB", "INS", "SEP", "UAF"})


@dataclass(frozen=True)
class Figures:
    """P/R and calibration error of the machine's events against some gold rows."""

    precision: float
    recall: float
    tp: int
    fp: int
    required: int
    ece: float | None
    raw_ece: float | None
    bins: tuple[tuple[int, int, float, int], ...] = ()

    def line(self, name: str) -> str:
        """Return the figures as one printed line."""
        return (
            f"{name}: P {self.precision} R {self.recall} (tp {self.tp}, fp {self.fp}, "
            f"{self.required} required), ECE {self.ece} (raw scores: {self.raw_ece})"
        )


@dataclass(frozen=True)
class Correction:
    """One actor an analyst corrected: which event and side, what kind, from what to what."""

    event_id: str
    side: str
    kind: str  # "person", "armed group" or "other"
    name: str | None
    machine: str
    wanted: str
    anchor: str


@dataclass
class LoopResult:
    """Everything the simulation measured."""

    queue: int = 0
    judged: int = 0
    tally: dict[str, int] = field(default_factory=dict)
    corrections: list[Correction] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    recoded: dict[tuple[str, str], str | None] = field(default_factory=dict)
    figures: dict[str, Figures] = field(default_factory=dict)
    log: list[str] = field(default_factory=list)

    def right(self, correction: Correction, knowledge: Knowledge) -> bool:
        """Return whether the re-coded event codes the corrected actor as the analyst did."""
        got = self.recoded.get((correction.event_id, correction.side))
        return got is not None and same_actor(got, correction.wanted, knowledge)


def machine_events(store: Store) -> list[Event]:
    """Return every scored event as the machine coded it, in document order."""
    events: list[Event] = []
    for row in store.documents(status="accepted"):
        extraction = store.extraction(row.id or "")
        if extraction is not None:
            events.extend(e for e in extraction.events if e.factuality.value in SCORED)
    return events


def figures(gold: list[dict[str, Any]], events: list[Event]) -> Figures:
    """Return P, R and ECE of events against gold rows."""
    rows = [e.export_dict() for e in events]
    score = score_events(gold, rows)
    raw = {e.id: e.raw_confidence for e in events}
    judged = [(row, match is not None) for row, match in match_system(gold, rows)]
    uncalibrated = expected_calibration_error(
        [(raw[row["id"]] or row["confidence"], right) for row, right in judged]
    )
    return Figures(
        score.precision,
        score.recall,
        score.tp,
        score.fp,
        score.gold_required,
        score.calibration_error,
        uncalibrated,
        reliability([(row["confidence"], right) for row, right in judged]),
    )


def reliability(pairs: list[tuple[float, bool]]) -> tuple[tuple[int, int, float, int], ...]:
    """Return the ten-bin reliability table: (bin, events, mean confidence, right)."""
    cells: dict[int, list[float]] = {}
    for confidence, right in pairs:
        cell = cells.setdefault(min(int(confidence * 10), 9), [0, 0.0, 0])
        cell[0] += 1
        cell[1] += confidence
        cell[2] += right
    return tuple(
        (b, int(n), round(total / n, 3), int(hits)) for b, (n, total, hits) in sorted(cells.items())
    )


def sector_of(code: str, knowledge: Knowledge) -> str | None:
    """Return the sector an actor code names (None for a bare country or an unknown code)."""
    try:
        return actor_for_code(code, knowledge).sector
    except InputError:
        return None


def same_actor(got: str, wanted: str, knowledge: Knowledge) -> bool:
    """Return whether two actor codes name the same country and, where one is armed, sector."""
    if actor_country(got) != actor_country(wanted):
        return False
    mine, theirs = sector_of(got, knowledge), sector_of(wanted, knowledge)
    if theirs is None:
        return True
    return (mine in ARMED) == (theirs in ARMED) and (mine is not None)


def _kind(actor: Actor, wanted: str, knowledge: Knowledge) -> str:
    """Return what the corrected actor is: an armed group, a person, or another actor."""
    if sector_of(wanted, knowledge) in ARMED or actor.sector in ARMED:
        return "armed group"
    if actor.person or actor.person_id:
        return "person"
    return "other"


def _sides(event: Event, gold: dict[str, Any]) -> list[tuple[str, Actor | None, str | None]]:
    """Pair the event's actors with the gold's, crosswise for a symmetric row matched so."""
    straight = gold["source"] is None or actor_country(gold["source"]) == actor_country(
        event.source.code
    )
    source, target = (
        (gold["source"], gold["target"]) if straight else (gold["target"], gold["source"])
    )
    return [("source", event.source, source), ("target", event.target, target)]


def _refinements(event: Event, gold: dict[str, Any], knowledge: Knowledge) -> dict[str, str]:
    """Return the actor corrections an analyst makes to an event the gold counts right."""
    fixes = {}
    for side, actor, wanted in _sides(event, gold):
        if actor is None or wanted is None:
            continue
        # The scorer compares countries; an analyst also fixes an armed group coded as a
        # state or a state coded as an armed group.
        if (actor.sector in ARMED) != (sector_of(wanted, knowledge) in ARMED):
            fixes[f"{side}_code"] = wanted
    return fixes


def verdict_for(
    event: Event, match: dict[str, Any] | None, gold: list[dict[str, Any]], knowledge: Knowledge
) -> dict[str, Any]:
    """Return what an analyst holding the gold says of one event (verdict and corrections)."""
    if match is not None:
        fixes = _refinements(event, match, knowledge)
        return {"verdict": "correct", **fixes} if fixes else {"verdict": "confirm"}
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


def simulate(shared: Path, events: int, folder: Path) -> LoopResult:
    """Run the simulation in a temporary store and return its figures.

    Args:
        shared: The team's data folder (dev-modern corpus and gold).
        events: How many queue events the analyst judges; 0 for the whole queue.
        folder: An empty directory for the store and the written knowledge.

    Returns:
        The result.
    """
    gold = load_gold(shared / "gold/dev-modern.events.jsonl")
    even = [g for g in gold if int(g["doc"][2:]) % 2 == 0]
    knowledge_dir = folder / "knowledge"
    knowledge_dir.mkdir()
    db = str(folder / "dev.duckdb")
    os.environ.pop("BILAT_KNOWLEDGE_DIRS", None)
    base = load_settings(db=db)
    knowledge = knowledge_for(base)
    ingest([str(shared / "corpora/dev-modern.jsonl")], settings=base)
    result = LoopResult()
    with open_store(db) as store:
        before = machine_events(store)
        result.figures["before, all"] = figures(gold, before)
        result.figures["before, even"] = figures(even, before)
        matches = {row["id"]: g for row, g in match_system(gold, [e.export_dict() for e in before])}
        by_id = {e.id: e for e in before}
        queue = review_queue(store, EventQuery(factuality=SCORED), limit=10_000)
        result.queue = len(queue)
        chosen = queue if events == 0 else queue[:events]
        for item in chosen:
            event = by_id[item.event.id]
            said = verdict_for(event, matches.get(event.id), gold, knowledge)
            try:
                store.set_verdict(
                    event.id,
                    said["verdict"],
                    cameo=said.get("cameo"),
                    source_code=said.get("source_code"),
                    target_code=said.get("target_code"),
                )
            except InputError as error:
                result.log.append(f"{event.id}: gold code not usable ({error}); rejected")
                said = {"verdict": "reject"}
                store.set_verdict(event.id, "reject")
            result.judged += 1
            result.tally[said["verdict"]] = result.tally.get(said["verdict"], 0) + 1
            if said["verdict"] != "correct":
                continue
            fixes = {k: v for k, v in said.items() if k != "verdict"}
            result.log.append(f"correct {event.id} {_coding(event)}: {fixes}")
            extraction = store.extraction(event.doc_id)
            assert extraction is not None
            anchor = anchor_of(event, extraction.document.content_hash)
            for side, actor in (("source", event.source), ("target", event.target)):
                wanted = said.get(f"{side}_code")
                if wanted and actor is not None:
                    result.corrections.append(
                        Correction(
                            event.id,
                            side,
                            _kind(actor, wanted, knowledge),
                            actor.person or actor.organisation or actor.name,
                            actor.code,
                            wanted,
                            anchor,
                        )
                    )
        prior = Knowledge.load(cache_dir="none").section("calibration")
        data, _ = calibrate(store, prior)
        (knowledge_dir / "calibration.yaml").write_text(to_yaml(data), encoding="utf-8")
        result.proposals = proposals(store, knowledge)
        if result.proposals:
            write_proposals(result.proposals, knowledge_dir)
        settings = load_settings(db=db, knowledge_dirs=[str(knowledge_dir)])
        report = recode(store, settings)
        result.log.append(
            f"recode: {report.documents} documents, {report.events_before} -> "
            f"{report.events_after} events, {report.verdicts} verdicts "
            f"({len(report.orphaned)} orphaned)"
        )
        after = machine_events(store)
        result.figures["after, all"] = figures(gold, after)
        result.figures["after, even"] = figures(even, after)
        anchors: dict[str, list[Event]] = {}
        for event in after:
            extraction = store.extraction(event.doc_id)
            assert extraction is not None
            anchors.setdefault(anchor_of(event, extraction.document.content_hash), []).append(event)
        for c in result.corrections:
            recoded = _recoded(by_id[c.event_id], c.side, anchors.get(c.anchor, []))
            actor = None if recoded is None else getattr(recoded, c.side)
            result.recoded[(c.event_id, c.side)] = actor.code if actor else None
    return result


def _recoded(event: Event, side: str, candidates: list[Event]) -> Event | None:
    """Return the re-coded event of the same anchor that stands for a judged one.

    Two events can share a sentence and trigger ("A and B accused each other"): the one
    kept has the judged event's root and, on the side not looked at, its actor.
    """
    other = "target" if side == "source" else "source"
    mine = getattr(event, other)
    same_root = [e for e in candidates if e.cameo[:2] == event.cameo[:2]] or candidates
    for candidate in same_root:
        theirs = getattr(candidate, other)
        if (theirs.code if theirs else None) == (mine.code if mine else None):
            return candidate
    return same_root[0] if same_root else None


def _coding(event: Event) -> str:
    target = event.target.code if event.target else "-"
    return f"{event.source.code} {event.cameo} {target}"


def main() -> None:
    """Run the simulation and print every figure."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--events", type=int, default=100, help="queue events judged; 0: all")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        result = simulate(args.shared, args.events, Path(tmp))
    knowledge = Knowledge.load()
    for name in ("before, all", "before, even"):
        print(result.figures[name].line(name))
    print(
        f"queue: {result.queue} events; judged {result.judged}: {dict(sorted(result.tally.items()))}"
    )
    for line in result.log:
        print(f"  {line}")
    for p in result.proposals:
        print(f"  proposal: {p.section} {p.name!r} ({p.why})")
    for name in ("after, all", "after, even"):
        print(result.figures[name].line(name))
    for name in ("before, even", "after, even"):
        cells = ", ".join(
            f"{b / 10:.1f}+: {n} at {mean} ({right} right)"
            for b, n, mean, right in result.figures[name].bins
        )
        print(f"reliability {name}: {cells}")
    kinds: dict[str, list[int]] = {}
    for c in result.corrections:
        ok = result.right(c, knowledge)
        slot = kinds.setdefault(c.kind, [0, 0])
        slot[0] += 1
        slot[1] += ok
        got = result.recoded[(c.event_id, c.side)]
        print(
            f"  {c.kind} {c.name!r} ({c.side} of {c.event_id}): {c.machine} -> wanted {c.wanted}, recoded {got}{'' if ok else '  (not right)'}"
        )
    for kind, (n, ok) in sorted(kinds.items()):
        print(f"actor corrections, {kind}: {ok} of {n} coded right after the recode")
    if not result.corrections:
        print("actor corrections: none among the judged events")


if __name__ == "__main__":
    main()
