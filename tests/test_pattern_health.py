"""Pattern health: matches, verdicts and precision per verb pattern, and switching one off."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilat.cli import app
from bilat.errors import KnowledgeError
from bilat.events.patterns import load_patterns
from bilat.extract import Pipeline
from bilat.knowledge import Knowledge
from bilat.records import Document
from bilat.review import PatternHealth, pattern_health
from bilat.settings import Settings
from bilat.store import Store, open_store
from conftest import make_event, make_extraction

RULES = {
    "v1": "042-visit",
    "v2": "042-visit",
    "v3": "042-visit",
    "p1": "051-praise",
    "p2": "051-praise",
    "h1": "043-host",
}
VERDICTS = {"v1": "confirm", "v2": "confirm", "v3": "reject", "p1": "reject", "p2": "reject"}


def _fill(store: Store) -> None:
    extractions = []
    for event_id, rule in RULES.items():
        event = dataclasses.replace(
            make_event(event_id, f"doc-{event_id}", "PAKGOV", "USAGOV", cameo=rule[:3]),
            rule=rule,
            sentence=f"Report {event_id}: the two sides met.",
        )
        extractions.append(make_extraction(event.doc_id, event.sentence, (event,)))
    store.add(extractions)
    for event_id, verdict in VERDICTS.items():
        store.set_verdict(event_id, verdict)
    store.set_verdict("h1", "correct", cameo="042")


def _user_knowledge(tmp_path: Path, text: str) -> Knowledge:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "switches.yaml").write_text(text, encoding="utf-8")
    return Knowledge.load([folder], cache_dir="none")


def test_pattern_health_measures_precision_and_flags(store: Store, tmp_path: Path) -> None:
    _fill(store)
    knowledge = _user_knowledge(tmp_path, "patterns_off: [051-praise]\n")
    rows = {row.id: row for row in pattern_health(store, knowledge)}
    assert [rows[i] for i in ("042-visit", "051-praise", "043-host", "041-phone")] == [
        PatternHealth("042-visit", "042", 3, 2, 1, 0, 0.667, flagged=False, off=False),
        PatternHealth("051-praise", "051", 2, 0, 2, 0, 0.0, flagged=True, off=True),
        PatternHealth("043-host", "043", 1, 0, 0, 1, 0.0, flagged=False, off=False),
        PatternHealth("041-phone", "041", 0, 0, 0, 0, None, flagged=False, off=False),
    ]
    lexicon = load_patterns(
        knowledge.verb_files, frozenset(knowledge.cameo), classes=knowledge.noun_classes
    ).patterns
    assert list(rows) == [pattern.id for pattern in lexicon]


def test_cli_patterns_lists_flagged_patterns(tmp_path: Path) -> None:
    db = tmp_path / "bilat.duckdb"
    with open_store(db) as store:
        _fill(store)
    result = CliRunner().invoke(app, ["patterns", "--db", str(db), "--flagged", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [
        {
            "id": "051-praise",
            "code": "051",
            "matches": 2,
            "confirmed": 0,
            "rejected": 2,
            "corrected": 0,
            "precision": 0.0,
            "flagged": True,
            "off": False,
            "status": "flagged",
        }
    ]


def test_patterns_off_with_an_unknown_id_is_refused(tmp_path: Path) -> None:
    knowledge = _user_knowledge(tmp_path, "patterns_off: [051-praize]\n")
    with open_store(":memory:") as store, pytest.raises(KnowledgeError) as caught:
        pattern_health(store, knowledge)
    assert str(caught.value) == (
        "[E200] patterns_off names unknown pattern '051-praize'; use an id from `bilat "
        "patterns` (e.g. 042-visit) or remove it from your knowledge file"
    )


def test_extraction_skips_a_pattern_switched_off_in_user_knowledge(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "switches.yaml").write_text("patterns_off: [051-praise]\n", encoding="utf-8")
    text = (
        "Pakistan praised China for its support on Monday.\n"
        "China hosted the Pakistani foreign minister in Beijing."
    )
    document = Document.from_text(text, doc_id="t", published="2025-01-01")

    def coded(settings: Settings) -> list[tuple[str, str, str | None, str]]:
        events = Pipeline.load(settings).extract(document).events
        return [
            (e.source.code, e.cameo, e.target.code if e.target else None, e.rule) for e in events
        ]

    assert coded(Settings()) == [
        ("PAK", "051", "CHN", "051-praise"),
        ("CHN", "043", "PAKGOV", "043-host"),
    ]
    assert coded(Settings(knowledge_dirs=(str(folder),))) == [("CHN", "043", "PAKGOV", "043-host")]
