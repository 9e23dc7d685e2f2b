"""Tests for the analyst's loop: verdicts as gold, min-confidence, learn, calibrate and recode."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bilat.alerts.rules import AlertRule, at_least
from bilat.brief import BriefScope
from bilat.cli import app
from bilat.errors import InputError, StoreError
from bilat.exports.gold import gold_rows
from bilat.knowledge import Knowledge
from bilat.knowledge.schema import CalibrationCount, CalibrationData
from bilat.learn import Proposal, calibrate, proposals, write_proposals
from bilat.recode import orphaned_verdicts, recode
from bilat.records import Document, Factuality
from bilat.settings import load_settings
from bilat.store import DuckDBStore, EventQuery, Store, open_store, summary, verdict_rows
from conftest import make_event, make_extraction

VISIT = make_event(
    "V", "d1", "PAKGOV", "USAGOV", cameo="042", date="2025-04-07", confidence=0.9,
    sentence="The Pakistani minister visited Washington.",
)  # fmt: skip
ACCUSE = make_event(
    "A", "d1", "CHNGOV", "PAKMIL", cameo="112", quad=3, date="2025-04-08", confidence=0.6,
    sentence="Beijing accused the army of a raid.",
)  # fmt: skip
STRIKE = make_event(
    "S", "d1", "INDMIL", "PAKMIL", cameo="190", quad=4, date="2025-04-09", confidence=0.8,
    sentence="Indian jets struck a depot.",
)  # fmt: skip
DENY = make_event(
    "N", "d1", "PAKGOV", "INDGOV", cameo="111", quad=3, date="2025-04-09", confidence=0.7,
    sentence="Pakistan denied it would strike India.", factuality=Factuality.NEGATED,
)  # fmt: skip
TEXT = " ".join(e.sentence for e in (VISIT, ACCUSE, STRIKE, DENY))


def _judged_store(store: Store) -> Store:
    store.add([make_extraction("d1", TEXT, (VISIT, ACCUSE, STRIKE, DENY), date="2025-04-09")])
    store.set_verdict("V", "confirm")
    store.set_verdict("A", "correct", target_code="INDMIL")
    store.set_verdict("S", "reject")
    store.set_verdict("N", "confirm")
    return store


def _cli(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def test_gold_rows_hold_the_judged_coding_of_verified_events(store: Store) -> None:
    rows = gold_rows(_judged_store(store))
    assert [(r["id"], r["source"], r["target"], r["codes"], r["required"]) for r in rows] == [
        ("V", "PAKGOV", "USAGOV", ["042"], True),
        ("A", "CHNGOV", "INDMIL", ["112"], True),
        ("N", "PAKGOV", "INDGOV", ["111"], False),  # negated: bilat eval leaves it out
    ]
    assert rows[0] == {
        "doc": "d1",
        "id": "V",
        "text": "The Pakistani minister visited Washington.",
        "source": "PAKGOV",
        "target": "USAGOV",
        "codes": ["042"],
        "source_person": None,
        "target_person": None,
        "date": "2025-04-07",
        "place": None,
        "factuality": "asserted",
        "symmetric": False,
        "required": True,
    }


def test_cli_export_gold_round_trips_through_eval(tmp_path: Path) -> None:
    db = tmp_path / "bilat.duckdb"
    with DuckDBStore(db) as store:
        _judged_store(store)
    gold = tmp_path / "gold.jsonl"
    result = _cli("export", "--what", "gold", "--db", str(db), "-o", str(gold))
    assert (result.exit_code, result.stderr) == (0, f"wrote gold (3 verified events) to {gold}\n")
    result = _cli("eval", str(gold), "--db", str(db), "--format", "json")
    score = json.loads(result.stdout)
    # V and A (as corrected) match; the rejected strike is not scored, the negated row is
    # optional and the negated event is left out of the system rows.
    assert {k: score[k] for k in ("docs", "gold_required", "system", "tp", "fp")} == {
        "docs": 1,
        "gold_required": 2,
        "system": 2,
        "tp": 2,
        "fp": 0,
    }
    assert (score["precision"], score["recall"], score["missed"]) == (1.0, 1.0, [])
    # |0.9 - 1| in bin 9 and |0.6 - 1| in bin 6, over two events
    assert score["calibration_error"] == 0.25


def test_cli_export_gold_only_as_jsonl(tmp_path: Path) -> None:
    result = _cli("export", "--what", "gold", "--format", "csv", "--db", str(tmp_path / "x"))
    assert result.exit_code == 1
    assert "--what gold writes the gold JSONL format only; drop --format csv" in result.stderr


@pytest.mark.parametrize(("minimum", "expected"), [(None, ["V", "A", "S"]), (0.8, ["V", "S"])])
def test_events_and_dyads_with_min_confidence(
    store: Store, minimum: float | None, expected: list[str]
) -> None:
    store.add([make_extraction("d1", TEXT, (VISIT, ACCUSE, STRIKE, DENY), date="2025-04-09")])
    query = EventQuery(min_confidence=minimum)
    assert [e.id for e in store.events(query)] == expected
    dyads = {(d.a, d.b): d.events for d in store.dyads(query=query)}
    assert dyads == ({("PAK", "USA"): 1, ("IND", "PAK"): 1, ("CHN", "PAK"): 1} if minimum is None
                     else {("PAK", "USA"): 1, ("IND", "PAK"): 1})  # fmt: skip


def test_min_confidence_outside_zero_to_one_is_refused(store: Store) -> None:
    with pytest.raises(InputError, match=r"minimum confidence 1\.5 is not a probability"):
        store.events(EventQuery(min_confidence=1.5))


def test_cli_and_api_dyads_take_min_confidence(tmp_path: Path) -> None:
    with warnings.catch_warnings():  # starlette's notice about httpx, as in test_api
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from bilat.server import create_app

    db = tmp_path / "bilat.duckdb"
    with DuckDBStore(db) as store:
        store.add([make_extraction("d1", TEXT, (VISIT, ACCUSE, STRIKE), date="2025-04-09")])
    result = _cli("dyads", "--db", str(db), "--min-confidence", "0.85", "--format", "json")
    assert [(r["a"], r["b"], r["events"]) for r in json.loads(result.stdout)] == [("PAK", "USA", 1)]
    with TestClient(create_app(str(db))) as client:
        body = client.get("/api/dyads?min_confidence=0.7").json()
        assert [(r["a"], r["b"]) for r in body["dyads"]] == [("IND", "PAK"), ("PAK", "USA")]
        bad = client.get("/api/dyads?min_confidence=2")
        assert (bad.status_code, bad.json()["ok"]) == (422, False)


def test_brief_scope_and_alert_rules_take_min_confidence() -> None:
    scope = BriefScope.parse(
        dyad=("PAK", "IND"), since="2025-04-01", until="2025-04-30", min_confidence=0.8
    )
    assert scope.query("2025-04-01", "2025-04-30").min_confidence == 0.8
    rule = AlertRule(name="clash", dyad=["PAK", "IND"], min_confidence=0.9)
    assert at_least(rule, 0.5) is rule
    assert at_least(rule.model_copy(update={"min_confidence": 0.2}), 0.5).min_confidence == 0.5


def test_calibrate_adds_verdicts_to_the_prior(store: Store) -> None:
    _judged_store(store)
    prior = CalibrationData(
        source="dev", pooling=10, counts=[CalibrationCount(family="04", raw=0.9, n=4, right=3)]
    )
    data, added = calibrate(store, prior)
    # make_event leaves raw_confidence unset: the stored confidence stands for it.
    assert added == 4
    assert data == CalibrationData(
        source="dev + 4 verdicts",
        pooling=10,
        counts=[
            CalibrationCount(family="04", raw=0.9, n=5, right=4),
            CalibrationCount(family="11", raw=0.6, n=1, right=0),  # target moved to India
            CalibrationCount(family="11", raw=0.7, n=1, right=1),
            CalibrationCount(family="19", raw=0.8, n=1, right=0),
        ],
    )


ARTICLE = (
    "British official Kenji Watanabe met the Indian envoy in Delhi on Monday.\n"
    "Militants of the Black Lotus Front attacked Pakistani troops in Quetta."
)


@pytest.fixture
def coded_store(store: Store, pipeline: Any) -> Store:
    """Return a store (each backend) holding the article as the bundled knowledge codes it."""
    store.add([pipeline.extract(Document.from_text(ARTICLE, doc_id="n1", published="2025-03-03"))])
    return store


def _codings(store: Store) -> list[tuple[str, str, str]]:
    extraction = store.extraction("n1")
    assert extraction is not None
    return [(e.source.code, e.cameo, e.target.code if e.target else "") for e in extraction.events]


def test_learn_proposes_a_person_and_an_armed_group_from_corrections(
    coded_store: Store, tmp_path: Path
) -> None:
    assert _codings(coded_store) == [("GBRGOV", "040", "INDGOV"), ("PAKREB", "190", "PAKMIL")]
    meet, attack = (e.id for e in coded_store.events())
    coded_store.set_verdict(meet, "correct", source_code="JPNGOV")
    coded_store.set_verdict(attack, "correct", source_code="AFGREB")
    found = proposals(coded_store, Knowledge.load())
    assert found == [
        Proposal(
            meet,
            "source",
            "Kenji Watanabe",
            "people",
            {
                "id": "kenji-watanabe",
                "name": "Kenji Watanabe",
                "country": "JPN",
                "roles": [{"office": "official", "country": "JPN", "start": "2025-03-03"}],
            },
            "corrected GBRGOV → JPNGOV",
        ),
        Proposal(
            attack,
            "source",
            "Black Lotus Front",
            "organisations",
            {
                "code": "AFGREB",
                "name": "Black Lotus Front",
                "country": "AFG",
                "sector": "REB",
                "kind": "armed",
            },
            "corrected PAKREB → AFGREB",
        ),
    ]
    folder = tmp_path / "knowledge"
    folder.mkdir()
    path = write_proposals(found, folder)
    knowledge = Knowledge.load([folder], cache_dir="none")
    assert knowledge.people["kenji-watanabe"].country == "JPN"
    assert [
        o.country for o in knowledge.organisations.values() if o.name == "Black Lotus Front"
    ] == ["AFG"]
    # Writing again replaces the entries with the same keys instead of repeating them.
    write_proposals(found, folder)
    assert path.read_text(encoding="utf-8").count("kenji-watanabe") == 1

    report = recode(coded_store, load_settings(db="unused", knowledge_dirs=[str(folder)]))
    assert (report.documents, report.events_before, report.events_after) == (1, 2, 2)
    assert (report.verdicts, report.orphaned) == (2, ())
    assert _codings(coded_store) == [("JPNGOV", "040", "INDGOV"), ("AFGREB", "190", "PAKMIL")]
    # Both verdicts moved to the re-coded events (new ids) by their anchors.
    assert sorted(v.event_id for v in coded_store.verdicts()) == sorted(
        e.id for e in coded_store.events()
    )


def test_learn_skips_a_known_person_and_a_bare_country(pipeline: Any, tmp_path: Path) -> None:
    text = "Narendra Modi met Japan's foreign minister in Tokyo on Monday."
    with DuckDBStore(tmp_path / "bilat.duckdb") as store:
        store.add([pipeline.extract(Document.from_text(text, doc_id="k", published="2025-03-03"))])
        (event,) = store.events()
        store.set_verdict(event.id, "correct", source_code="PAKGOV", target_code="CHN")
        assert proposals(store, Knowledge.load()) == []


def test_recode_orphans_a_verdict_whose_event_is_gone(coded_store: Store) -> None:
    meet, attack = (e.id for e in coded_store.events())
    assert [e.confidence for e in coded_store.events()] == [0.942, 0.977]
    coded_store.set_verdict(meet, "confirm")
    coded_store.set_verdict(attack, "confirm")
    # A higher minimum confidence: the meeting is no longer stored, its verdict stays.
    report = recode(coded_store, load_settings(db="unused", min_confidence=0.96))
    assert (report.events_before, report.events_after, report.orphaned) == (2, 1, (meet,))
    assert [v.event_id for v in orphaned_verdicts(coded_store)] == [meet]
    assert [e.id for e in coded_store.events()] == [attack]


def test_recode_since_takes_only_documents_dated_from_that_day(coded_store: Store) -> None:
    report = recode(coded_store, load_settings(db="unused"), since="2025-03-04")
    assert (report.documents, report.events_before, report.events_after) == (0, 0, 0)
    with pytest.raises(InputError, match="--since '03/04/2025' is not a date; write it as"):
        recode(coded_store, load_settings(db="unused"), since="03/04/2025")


def test_cli_recode_and_verdicts_show_orphans(tmp_path: Path, pipeline: Any) -> None:
    db = tmp_path / "bilat.duckdb"
    article = Document.from_text("Pakistan's foreign minister visited Washington.", doc_id="w",
                                 published="2025-03-03")  # fmt: skip
    with open_store(db) as store:
        store.add([pipeline.extract(article)])
        (event,) = store.events()
        store.set_verdict(event.id, "confirm")
    result = _cli("recode", "--db", str(db))
    assert (
        result.stdout == "recoded 1 documents: 1 events before, 1 after; 1 verdicts, 0 orphaned\n"
    )
    result = CliRunner().invoke(
        app, ["recode", "--db", str(db)], env={"BILAT_MIN_CONFIDENCE": "0.95"}
    )
    assert result.stdout == (
        "recoded 1 documents: 1 events before, 0 after; 1 verdicts, 1 orphaned\n"
        f"orphaned verdict on {event.id}: its sentence no longer yields that event\n"
    )
    result = _cli("verdicts", "--db", str(db), "--format", "json")
    assert [(v["event_id"], v["status"]) for v in json.loads(result.stdout)] == [
        (event.id, "orphaned")
    ]


def test_cli_calibrate_writes_the_bundled_prior_plus_the_verdicts(tmp_path: Path) -> None:
    db = tmp_path / "bilat.duckdb"
    with DuckDBStore(db) as store:
        _judged_store(store)
    folder = tmp_path / "knowledge"
    folder.mkdir()
    result = CliRunner().invoke(
        app, ["calibrate", "--db", str(db), "--to", str(folder)], env={"COLUMNS": "400"}
    )
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert (lines[0], lines[-1]) == (
        f"wrote {folder / 'calibration.yaml'}: 4 verdicts over 118 prior events",
        "run `bilat recode` to apply it to stored events",
    )
    data = Knowledge.load([folder], cache_dir="none").section("calibration")
    assert data.source.endswith("calibration_prior.py + 4 verdicts")
    assert sum(c.n for c in data.counts) == 122


def test_cli_calibrate_without_a_knowledge_directory_says_how_to_give_one(tmp_path: Path) -> None:
    result = _cli("calibrate", "--db", str(tmp_path / "bilat.duckdb"))
    assert result.exit_code == 1
    assert "no knowledge directory to write into; pass --to DIR or set knowledge_dirs" in (
        result.stderr
    )


def test_cli_learn_lists_proposals_and_writes_them_on_confirmation(
    tmp_path: Path, pipeline: Any
) -> None:
    db = tmp_path / "bilat.duckdb"
    with DuckDBStore(db) as store:
        store.add([pipeline.extract(Document.from_text(ARTICLE, doc_id="n1",
                                                       published="2025-03-03"))])  # fmt: skip
        meet, attack = (e.id for e in store.events())
        store.set_verdict(meet, "correct", source_code="JPNGOV")
        store.set_verdict(attack, "correct", source_code="AFGREB")
    folder = tmp_path / "knowledge"
    folder.mkdir()
    declined = CliRunner().invoke(app, ["learn", "--db", str(db), "--to", str(folder)], input="n\n")
    assert (declined.exit_code, declined.stderr) == (0, "nothing written\n")
    assert not (folder / "learned.yaml").exists()
    result = _cli("learn", "--db", str(db), "--to", str(folder), "--yes", "--format", "json")
    assert json.loads(result.stdout) == [
        {"name": "Kenji Watanabe", "section": "people", "code": "JPN official from 2025-03-03",
         "why": "corrected GBRGOV → JPNGOV"},
        {"name": "Black Lotus Front", "section": "organisations", "code": "AFGREB",
         "why": "corrected PAKREB → AFGREB"},
    ]  # fmt: skip
    assert (folder / "learned.yaml").exists()


@pytest.mark.parametrize(("minimum", "events"), [(None, 1), (0.85, 1), (0.95, 0)])
def test_timeline_counts_only_events_above_min_confidence(
    tmp_path: Path, minimum: float | None, events: int
) -> None:
    with warnings.catch_warnings():  # starlette's notice about httpx, as in test_api
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from bilat.analytics import timeline
    from bilat.server import create_app

    db = tmp_path / "bilat.duckdb"
    with DuckDBStore(db) as store:
        store.add([make_extraction("d1", TEXT, (VISIT, ACCUSE, STRIKE), date="2025-04-09")])
        rows = timeline(store, "PAK", "USA", since="2025-04-01", until="2025-04-30",
                        min_confidence=minimum)  # fmt: skip
    assert [(r.period, r.events) for r in rows] == [("2025-04", events)]
    url = "/api/timeline?dyad=PAK,USA&since=2025-04-01&until=2025-04-30"
    if minimum is not None:
        url += f"&min_confidence={minimum}"
    with TestClient(create_app(str(db))) as client:
        body = client.get(url).json()
    assert [p["events"] for p in body["periods"]] == [events]
    args = ["timeline", "PAK", "USA", "--db", str(db), "--since", "2025-04-01", "--until",
            "2025-04-30", "--format", "json"]  # fmt: skip
    if minimum is not None:
        args += ["--min-confidence", str(minimum)]
    assert [p["events"] for p in json.loads(_cli(*args).stdout)["periods"]] == [events]


def test_recode_failing_mid_document_keeps_its_old_events_and_verdicts(
    coded_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meet, attack = (e.id for e in coded_store.events())
    coded_store.set_verdict(meet, "correct", source_code="JPNGOV")
    coded_store.set_verdict(attack, "confirm")
    folder = tmp_path / "knowledge"
    folder.mkdir()
    write_proposals(proposals(coded_store, Knowledge.load()), folder)
    settings = load_settings(db="unused", knowledge_dirs=[str(folder)])

    def fail(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the disk filled up")

    # The last step of the write: the old rows are deleted and the new ones inserted by then.
    monkeypatch.setattr(summary, "add_documents", fail)
    with pytest.raises(RuntimeError, match="the disk filled up"):
        recode(coded_store, settings)
    assert _codings(coded_store) == [("GBRGOV", "040", "INDGOV"), ("PAKREB", "190", "PAKMIL")]
    assert [e.id for e in coded_store.events()] == [meet, attack]
    assert sorted(v.event_id for v in coded_store.verdicts()) == sorted([meet, attack])
    assert [d.n_events for d in coded_store.documents()] == [2]

    monkeypatch.undo()
    recode(coded_store, settings)
    assert _codings(coded_store) == [("JPNGOV", "040", "INDGOV"), ("PAKREB", "190", "PAKMIL")]
    assert sorted(v.event_id for v in coded_store.verdicts()) == sorted(
        e.id for e in coded_store.events()
    )


def test_replace_document_that_fails_in_the_database_says_nothing_changed(
    coded_store: Store, pipeline: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored = coded_store.extraction("n1")
    assert stored is not None
    fresh = pipeline.extract(stored.document)

    def broken(con: Any, *args: Any, **kwargs: Any) -> None:
        con.execute("SELECT * FROM no_such_table").fetchall()

    # Re-attaching verdicts runs after the delete and the inserts: the database refuses it.
    monkeypatch.setattr(verdict_rows, "reattach", broken)
    with pytest.raises(
        StoreError,
        match=r"(?s)cannot replace document 'n1' in .*; it keeps its old events and verdicts",
    ):
        coded_store.replace_document(fresh)
    assert [e.id for e in coded_store.events()] == [e.id for e in stored.events]
    monkeypatch.undo()
    result = coded_store.replace_document(fresh)
    assert (result.added, result.events) == (1, 2)


def test_learn_recodes_a_bundled_organisation_up_to_the_day_judged(
    pipeline: Any, tmp_path: Path
) -> None:
    then = Document.from_text(
        "American troops attacked the Taliban in Helmand on Tuesday.",
        doc_id="t",
        published="2020-02-29",
    )
    later = Document.from_text(
        "American troops attacked the Taliban in Kandahar on Tuesday.",
        doc_id="u",
        published="2023-10-04",
    )
    with DuckDBStore(tmp_path / "bilat.duckdb") as store:
        store.add([pipeline.extract(then), pipeline.extract(later)])
        assert _targets(store) == {"t": "AFGTAL", "u": "AFGTAL"}
        judged = next(e for e in store.events() if e.doc_id == "t")
        store.set_verdict(judged.id, "correct", target_code="AFGREB")
        found = proposals(store, Knowledge.load())
        assert [(p.section, p.entry) for p in found] == [
            (
                "organisations",
                {
                    "code": "AFGREB",
                    "name": "Taliban",
                    "aliases": [
                        "Afghan Taliban",
                        "Islamic Emirate",
                        "Islamic Emirate of Afghanistan",
                    ],
                    "country": "AFG",
                    "sector": "REB",
                    "kind": "armed",
                    "end": "2020-02-29",
                },
            )
        ]
        folder = tmp_path / "knowledge"
        folder.mkdir()
        write_proposals(found, folder)
        knowledge = Knowledge.load([folder], cache_dir="none")
        assert [key for key, o in knowledge.organisations.items() if o.name == "Taliban"] == [
            "AFGTAL:Taliban",
            "AFGREB:Taliban",
        ]
        recode(store, load_settings(db="unused", knowledge_dirs=[str(folder)]))
        # The article judged and those before it take the analyst's coding; later ones keep
        # the bundled one (the Taliban governing from 2021).
        assert _targets(store) == {"t": "AFGREB", "u": "AFGTAL"}
        (verdict,) = store.verdicts()
        assert store.event(verdict.event_id) is not None


def _targets(store: Store) -> dict[str, str]:
    return {e.doc_id: e.target.code for e in store.events() if e.target is not None}


def test_an_undated_user_organisation_of_a_bundled_name_replaces_it(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(
        "organisations:\n"
        "  - {code: AFGREB, name: Taliban, country: AFG, sector: REB, kind: armed}\n",
        encoding="utf-8",
    )
    knowledge = Knowledge.load([tmp_path], cache_dir="none")
    assert [key for key, o in knowledge.organisations.items() if o.name == "Taliban"] == [
        "AFGREB:Taliban"
    ]
