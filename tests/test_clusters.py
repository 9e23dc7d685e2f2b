"""Event clustering across reports: the merge rule, counts in the store, and determinism."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilat.cli import app
from bilat.dedup import Clusterer, ClusterItem, ClusterOptions, Deduplicator
from bilat.dedup.clusters import code_group, content_words, load_code_groups, similarity
from bilat.errors import InputError
from bilat.knowledge import Knowledge
from bilat.records import (
    Actor,
    DatePrecision,
    DateSource,
    Document,
    DocumentDate,
    Event,
    Extraction,
    Factuality,
    Place,
)
from bilat.store import EventQuery, Store, open_store

DAR = Actor("PAKGOV", "PAK", "GOV", name="Ishaq Dar", person_id="ishaq-dar")
RUBIO = Actor("USAGOV", "USA", "GOV", name="Marco Rubio", person_id="marco-rubio")
PAK = Actor("PAKGOV", "PAK", "GOV")
USA = Actor("USAGOV", "USA", "GOV")
WASHINGTON = Place("Washington", "USA", 38.9, -77.04)
NEW_YORK = Place("New York City", "USA", 40.71, -74.01)

MEETING_A = "Dar met Rubio in Washington on Monday to discuss trade and security."
MEETING_B = "Rubio and Dar held talks at the State Department, officials said."
MEETING_NEXT = "The two ministers met again in New York on Tuesday over Afghan refugees."


def _event(
    event_id: str,
    sentence: str,
    *,
    source: Actor = DAR,
    target: Actor = RUBIO,
    cameo: str = "040",
    date: str | None = "2025-03-10",
    place: Place | None = None,
    factuality: Factuality = Factuality.ASSERTED,
    symmetric: bool = True,
) -> Event:
    doc_id = event_id.split("-")[0]
    return Event(
        id=event_id,
        doc_id=doc_id,
        sentence=sentence,
        sentence_start=0,
        sentence_end=len(sentence),
        sentence_index=0,
        cameo=cameo,
        cameo_name=f"code {cameo}",
        source=source,
        target=target,
        goldstein=1.0,
        quad_class=1,
        plover_type=None,
        plover_mode=None,
        factuality=factuality,
        confidence=0.9,
        rule="test",
        trigger="met",
        trigger_start=0,
        trigger_end=3,
        date=date,
        date_precision=DatePrecision.DAY if date else DatePrecision.UNKNOWN,
        place=place,
        symmetric=symmetric,
    )


def _assign(*events: Event, window: int = 1) -> list[str]:
    clusterer = Clusterer(ClusterOptions(window_days=window))
    return [clusterer.assign(ClusterItem(e, e.date)) for e in events]


def test_code_group_joins_meeting_codes() -> None:
    groups = load_code_groups()
    assert [code_group(c, groups) for c in ("040", "042", "043", "190", "183", "112")] == [
        ("meet", True),
        ("meet", True),
        ("meet", True),
        ("violence", False),
        ("violence", False),
        ("11", False),
    ]


def test_code_group_from_user_knowledge(tmp_path: Path) -> None:
    (tmp_path / "groups.yaml").write_text(
        'code_groups:\n  - {name: threaten, codes: ["13", "17"]}\n', encoding="utf-8"
    )
    groups = load_code_groups(Knowledge.load([tmp_path], cache_dir="none"))
    assert [g.name for g in groups] == ["meet", "violence", "threaten"]
    assert [code_group(c, groups) for c in ("138", "172", "042")] == [
        ("threaten", False),
        ("threaten", False),
        ("meet", True),
    ]
    assert code_group("172", load_code_groups()) == ("17", False)


def test_similarity_of_content_words() -> None:
    a = content_words("The ministers met in Islamabad.")
    b = content_words("Ministers met in Lahore.")
    assert (sorted(a), similarity(a, b)) == (["islamabad", "met", "ministers"], 0.5)


def test_cluster_two_outlets_one_meeting() -> None:
    first = _event("a-0", MEETING_A, place=WASHINGTON)
    second = _event("b-0", MEETING_B, source=RUBIO, target=DAR, cameo="043")
    assert _assign(first, second) == ["a-0", "a-0"]


def test_cluster_consecutive_meetings_stay_apart() -> None:
    first = _event("a-0", MEETING_A, place=WASHINGTON)
    second = _event("b-0", MEETING_NEXT, date="2025-03-11", place=NEW_YORK)
    assert _assign(first, second) == ["a-0", "b-0"]


def test_cluster_consecutive_meetings_without_places_stay_apart() -> None:
    first = _event("a-0", MEETING_A)
    second = _event("b-0", MEETING_NEXT, date="2025-03-11")
    assert _assign(first, second) == ["a-0", "b-0"]


def test_cluster_same_sentence_next_day_report_joins() -> None:
    # A later report filed under its own date (no date in the text) repeats the wording.
    first = _event("a-0", MEETING_A, source=PAK, target=USA)
    second = _event("b-0", MEETING_A, source=PAK, target=USA, date=None)
    clusterer = Clusterer(ClusterOptions())
    assert [
        clusterer.assign(ClusterItem(first, "2025-03-10")),
        clusterer.assign(ClusterItem(second, "2025-03-11")),
    ] == ["a-0", "a-0"]


def test_cluster_outside_window_stays_apart() -> None:
    first = _event("a-0", MEETING_A)
    second = _event("b-0", MEETING_A, date="2025-03-13")
    assert _assign(first, second) == ["a-0", "b-0"]
    assert _assign(first, second, window=3) == ["a-0", "a-0"]


def test_cluster_different_roots_stay_apart() -> None:
    first = _event("a-0", MEETING_A)
    second = _event("b-0", MEETING_A, cameo="112")
    assert _assign(first, second) == ["a-0", "b-0"]


def test_cluster_negated_mention_stands_alone() -> None:
    first = _event("a-0", MEETING_A)
    second = _event("b-0", MEETING_A, factuality=Factuality.NEGATED)
    assert _assign(first, second) == ["a-0", "b-0"]


def test_cluster_options_reject_negative_window() -> None:
    with pytest.raises(InputError, match="0 days or more"):
        ClusterOptions(window_days=-1)


def _extraction(event: Event, *, outlet: str, published: str) -> Extraction:
    text = f"{event.sentence} Filler for document {event.doc_id}."
    document = Document.from_text(text, doc_id=event.doc_id, published=published, outlet=outlet)
    date = DocumentDate(published, None, None, DatePrecision.DAY, DateSource.METADATA)
    return Extraction(document=document, date=date, events=(event,))


CORPUS = (
    (_event("a-0", MEETING_A, place=WASHINGTON), "Wire A", "2025-03-10"),
    (_event("b-0", MEETING_B, source=RUBIO, target=DAR, cameo="043"), "Paper B", "2025-03-11"),
    (_event("c-0", MEETING_NEXT, date="2025-03-11", place=NEW_YORK), "Wire A", "2025-03-11"),
    (_event("d-0", MEETING_A, place=WASHINGTON), "Wire A", "2025-03-11"),
    (_event("e-0", MEETING_NEXT, date="2025-03-11"), "Paper C", "2025-03-12"),
)


def _load(store: Store, batch: int) -> None:
    dedup = Deduplicator(store)
    items = [_extraction(e, outlet=o, published=p) for e, o, p in CORPUS]
    for start in range(0, len(items), batch):
        store.add(items[start : start + batch])
        dedup.update()


def test_store_clusters_count_articles_and_sources(store: Store) -> None:
    _load(store, batch=5)
    rows = store.clusters(EventQuery(dyad=("PAK", "USA")))
    assert [
        (r.cluster_id, r.num_mentions, r.num_articles, r.num_sources, r.first_report, r.last_report)
        for r in rows
    ] == [
        ("a-0", 3, 3, 2, "2025-03-10", "2025-03-11"),
        ("c-0", 2, 2, 2, "2025-03-11", "2025-03-12"),
    ]
    assert [e.id for e in store.events()] == ["a-0", "c-0"]
    assert store.count_events(EventQuery(mentions=True)) == 5
    assert [e.id for e in store.cluster_mentions("a-0")] == ["a-0", "b-0", "d-0"]
    assert [(r.a, r.b, r.events) for r in store.dyads()] == [("PAK", "USA", 2)]


def test_store_two_outlets_one_meeting(tmp_path: Path) -> None:
    with open_store(tmp_path / "c.duckdb") as store:
        store.add(
            [
                _extraction(CORPUS[0][0], outlet="Wire A", published="2025-03-10"),
                _extraction(CORPUS[1][0], outlet="Paper B", published="2025-03-11"),
            ]
        )
        Deduplicator(store).update()
        rows = store.clusters()
    assert [(r.cluster_id, r.num_articles, r.num_sources) for r in rows] == [("a-0", 2, 2)]


@pytest.mark.parametrize("batch", [1, 2, 3])
def test_store_clusters_same_for_any_batch_size(tmp_path: Path, batch: int) -> None:
    with open_store(tmp_path / f"b{batch}.duckdb") as store:
        _load(store, batch=batch)
        clusters = [(r.event.id, r.cluster_id) for r in store.clusters(EventQuery(mentions=True))]
    assert sorted(clusters) == [
        ("a-0", "a-0"),
        ("b-0", "a-0"),
        ("c-0", "c-0"),
        ("d-0", "a-0"),
        ("e-0", "c-0"),
    ]


def test_store_clusters_grow_in_a_later_run(tmp_path: Path) -> None:
    db = tmp_path / "r.duckdb"
    items = [_extraction(e, outlet=o, published=p) for e, o, p in CORPUS]
    with open_store(db) as store:
        store.add(items[:1])
        Deduplicator(store).update()
    with open_store(db) as store:
        store.add(items[1:2])
        report = Deduplicator(store).update()
        rows = store.clusters()
    assert (report.events, report.merged) == (1, 1)
    assert [(r.cluster_id, r.num_mentions) for r in rows] == [("a-0", 2)]


def test_cli_events_clusters_and_mentions(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.duckdb")
    with open_store(db) as store:
        _load(store, batch=5)
    runner = CliRunner()
    result = runner.invoke(app, ["events", "--db", db, "--format", "json"])
    rows = json.loads(result.stdout)
    assert [(r["cluster_id"], r["articles"], r["sources"]) for r in rows] == [
        ("a-0", 3, 2),
        ("c-0", 2, 2),
    ]
    result = runner.invoke(app, ["events", "--db", db, "--mentions", "--format", "jsonl"])
    assert [
        (json.loads(line)["doc_id"], json.loads(line)["cluster_id"])
        for line in result.stdout.splitlines()
    ] == [("a", "a-0"), ("b", "a-0"), ("d", "a-0"), ("c", "c-0"), ("e", "c-0")]
