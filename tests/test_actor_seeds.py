"""Actors of the seed articles' gold events: the right countries and the right people."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bilat.records import Document, Event
from bilat.sources import read_inputs
from conftest import floor

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _normal(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").split())


def _country(code: str | None) -> str | None:
    return code[:3] if code else None


def _right(event: Event, row: dict[str, Any], *, people: bool) -> bool:
    pairs = [(event.source, event.target)]
    if row.get("symmetric"):
        pairs.append((event.target, event.source))
    for source, target in pairs:
        countries = (source.country, target.country) == (
            _country(row["source"]),
            _country(row["target"]),
        )
        persons = (source.person, target.person) == (row["source_person"], row["target_person"])
        if countries and (persons or not people):
            return True
    return False


def judge_seeds(shared: Path) -> list[tuple[dict[str, Any], str]]:
    """Return each gold row with "people" (all right), "countries", "wrong" or "no event"."""
    from bilat.extract import Pipeline

    pipeline = Pipeline.load()
    rows = [
        json.loads(line)
        for line in (shared / "gold" / "seeds.events.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
        if line.strip()
    ]
    events: dict[str, list[Event]] = {}
    for path in sorted((shared / "corpus" / "seeds").iterdir()):
        for document in read_inputs([path]):
            assert isinstance(document, Document), document
            events[path.stem] = list(pipeline.extract(document).events)
    judged = []
    for row in rows:
        near = [e for e in events[row["doc"]] if _normal(row["text"]) in _normal(e.sentence)]
        if not near:
            status = "no event"
        elif any(_right(e, row, people=True) for e in near):
            status = "people"
        elif any(_right(e, row, people=False) for e in near):
            status = "countries"
        else:
            status = "wrong"
        judged.append((row, status))
    return judged


@pytest.mark.slow
def test_actor_seeds_gold_rows_have_right_actors() -> None:
    if not SHARED.is_dir():
        pytest.skip("../shared not present")
    statuses = [status for _, status in judge_seeds(SHARED)]
    countries = sum(1 for s in statuses if s in ("people", "countries"))
    people = statuses.count("people")
    assert len(statuses) == 60
    assert countries >= floor("actor_seeds", "countries")
    assert people >= floor("actor_seeds", "people")


def judge_actors(shared: Path) -> list[tuple[str, str, bool]]:
    """Return (row id, side, resolved) for each gold actor: found in its sentence, right?

    An actor is resolved right when an event or a mention in the row's sentence has its
    country and, when the gold names one, its person.
    """
    from bilat.extract import Pipeline

    pipeline = Pipeline.load()
    extractions = {}
    for path in sorted((shared / "corpus" / "seeds").iterdir()):
        for document in read_inputs([path]):
            assert isinstance(document, Document), document
            extractions[path.stem] = pipeline.extract(document)
    judged = []
    for line in (shared / "gold" / "seeds.events.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        extraction = extractions[row["doc"]]
        text = extraction.document.text
        gold = _normal(row["text"])
        spans = [
            (s, e)
            for s, e in extraction.sentences
            if gold in _normal(text[s:e]) or _normal(text[s:e]) in gold
        ]
        actors = [m.actor for m in extraction.mentions if any(s <= m.start < e for s, e in spans)]
        for event in extraction.events:
            if gold in _normal(event.sentence) or _normal(event.sentence) in gold:
                actors += [a for a in (event.source, event.target) if a is not None]
        for side in ("source", "target"):
            if row[side] is None:
                continue
            person = row[f"{side}_person"]
            right = any(
                (a.country or a.code)[:3] == _country(row[side])
                and (person is None or a.person == person)
                for a in actors
            )
            judged.append((row["id"], side, right))
    return judged


def test_actor_seeds_gold_actors_resolved_in_their_sentences() -> None:
    if not SHARED.is_dir():
        pytest.skip("../shared not present")
    judged = judge_actors(SHARED)
    assert len(judged) == 120
    assert sum(right for _, _, right in judged) >= floor("actor_seeds", "actors")
