"""Tests for the storage layer: add, round trips, queries, dyads, migrations and failures."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import duckdb
import pytest

from bilat.errors import BilatError, InputError, KnowledgeError, StoreError
from bilat.records import (
    Actor,
    Event,
    Fact,
    Factuality,
    Mention,
    Place,
    Quote,
    Rejection,
    RejectReason,
)
from bilat.store import (
    AddResult,
    DocumentRow,
    DyadRow,
    EventQuery,
    Store,
    codec,
    duckdb_store,
    open_store,
)
from bilat.store.migrations import MIGRATIONS, applied_versions, migrate
from bilat.store.sql_store import SQLStore
from conftest import actor, make_event, make_extraction

ALL_FACTUALITY = tuple(f.value for f in Factuality)


ISLAMABAD = Place("Islamabad", "PAK", 33.72, 73.04, how="sentence")
A = make_event(
    "A",
    "d1",
    "PAKGOV",
    "USAGOV",
    cameo="042",
    goldstein=2.0,
    date="2025-04-07",
    sentence="The Pakistani minister met the American envoy on Monday.",
    confidence=0.9,
    place=ISLAMABAD,
    symmetric=True,
)
B = make_event(
    "B",
    "d1",
    "USAGOV",
    "PAKGOV",
    cameo="061",
    quad=2,
    goldstein=6.0,
    date="2025-04-09",
    factuality=Factuality.REPORTED,
    confidence=0.8,
    reported_by=actor("PAKMED", name="state radio"),
)
C = make_event(
    "C", "d1", "PAKGOV", "USAGOV", cameo="112", quad=3, goldstein=-2.0, date="2025-04-08",
    factuality=Factuality.NEGATED,
)  # fmt: skip
D = make_event("D", "d2", "CHNGOV", "PAKMIL", cameo="073", quad=2, goldstein=7.0, confidence=0.7)
E = make_event(
    "E", "d2", "INDMIL", "PAKMIL", cameo="190", quad=4, goldstein=-10.0, date="2025-05-07",
    sentence="Indian jets struck targets across the border.", confidence=0.95,
)  # fmt: skip
F = make_event(
    "F", "d2", "PAKGOV", None, cameo="010", goldstein=0.0, date="2025-01-01",
    factuality=Factuality.HYPOTHETICAL,
)  # fmt: skip
G = make_event(
    "G", "d3", "USAGOV", "CHNGOV", cameo="036", goldstein=4.0, factuality=Factuality.PLANNED
)
H = make_event("H", "d3", "PAKGOV", "PAKMIL", cameo="043", goldstein=3.0, date="2025-02-01",
               confidence=0.6)  # fmt: skip

D1 = make_extraction(
    "d1",
    "The Pakistani minister met the American envoy on Monday. Aid followed.",
    (A, C, B),
    date="2025-04-07",
    mentions=(
        Mention(4, 22, "Pakistani minister", Actor("PAKGOV", "PAK", "GOV"), "title", "gaz", 0),
    ),
    quotes=(Quote("d1", "We talked.", 60, 70, actor("PAKGOV"), "minister", 1),),
    facts=(Fact("d1", "money", 5e8, "USD", None, "$500m", 61, 66, 1, event_id="B"),),
    sentences=((0, 57), (58, 70)),
)
D2 = make_extraction("d2", "China and India acted near Pakistan.", (D, E, F), date="2024-11-02")
D3 = make_extraction("d3", "Washington plans to visit Beijing.", (G, H))
CORPUS = [D1, D2, D3]
REJECTIONS = [
    Rejection("empty.txt", RejectReason.EMPTY, "the file is empty; give it some text"),
    Rejection("scan.pdf", RejectReason.BINARY, "PDF bytes; convert it to text first"),
]


@pytest.fixture
def filled(store: Store) -> Store:
    """Return the store holding the three test documents and two rejections."""
    store.add(CORPUS, REJECTIONS)
    return store


def ids(events: list[Event]) -> list[str]:
    return [event.id for event in events]


def test_store_add_counts_documents_events_and_rejections(store: Store) -> None:
    assert store.add(CORPUS, REJECTIONS) == AddResult(added=3, skipped=0, events=8, rejected=2)


def test_store_add_again_is_a_no_op(filled: Store) -> None:
    assert filled.add(CORPUS, REJECTIONS) == AddResult(added=0, skipped=3, events=0, rejected=0)
    assert filled.count_events(EventQuery(factuality=ALL_FACTUALITY)) == 8
    assert len(filled.documents()) == 5


def test_store_add_skips_a_duplicate_within_one_batch(store: Store) -> None:
    assert store.add([D2, D2]) == AddResult(added=1, skipped=1, events=3, rejected=0)


def test_store_add_does_not_repeat_a_rejection_for_the_same_origin_and_reason(
    store: Store,
) -> None:
    again = Rejection("empty.txt", RejectReason.EMPTY, "other words")
    other_reason = Rejection("empty.txt", RejectReason.UNREADABLE, "cannot read")
    store.add([], REJECTIONS)
    assert store.add([], [again, other_reason]) == AddResult(0, 0, 0, 1)
    assert store.rejections() == [*REJECTIONS, other_reason]


def test_store_add_renames_a_reused_id_with_different_text(filled: Store) -> None:
    edited = make_extraction(
        "d1", "A different text under the same id.", (make_event("A", "d1", "PAKGOV", "USAGOV"),)
    )
    new_id = "d1~" + edited.document.content_hash[:8]
    assert filled.add([edited]) == AddResult(added=1, skipped=0, events=1, rejected=0)
    stored = filled.extraction(new_id)
    assert stored is not None
    assert stored.document == dataclasses.replace(edited.document, id=new_id)
    assert stored.events == (
        dataclasses.replace(edited.events[0], id="A" + new_id[2:], doc_id=new_id),
    )
    assert filled.extraction("d1") == D1


def test_store_known_hashes_returns_only_stored_ones(filled: Store) -> None:
    hashes = [D1.document.content_hash, "f" * 64]
    assert filled.known_hashes(hashes) == {D1.document.content_hash}


def test_store_events_round_trip_exactly(filled: Store) -> None:
    assert filled.events() == [D, H, A, B, E, G]
    assert filled.events()[2] == A


def test_store_extraction_round_trips_exactly(filled: Store) -> None:
    assert filled.extraction("d1") == D1
    assert filled.extraction("d3") == D3
    assert filled.extraction("nope") is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (EventQuery(dyad=("USA", "PAK")), ["A", "B"]),
        (EventQuery(dyad=("PAK", "USA"), factuality=ALL_FACTUALITY), ["A", "C", "B"]),
        (EventQuery(actor="PAK"), ["D", "H", "A", "B", "E"]),
        (EventQuery(actor="PAKMIL"), ["D", "H", "E"]),
        (EventQuery(source="USA"), ["B", "G"]),
        (EventQuery(target="PAK"), ["D", "H", "B", "E"]),
        (EventQuery(source="PAK", target="USA"), ["A"]),
        (EventQuery(since="2025-04-08"), ["B", "E"]),
        (EventQuery(until="2025-04-07"), ["D", "H", "A"]),
        (EventQuery(since="2025-04-07", until="2025-04-09"), ["A", "B"]),
        (EventQuery(since="2024-11-01", until="2024-11-30"), ["D"]),
        (EventQuery(root="04"), ["H", "A"]),
        (EventQuery(root="042"), ["A"]),
        (EventQuery(quad_class=2), ["D", "B"]),
        (EventQuery(factuality=("negated",)), ["C"]),
        (EventQuery(factuality=("hypothetical", "negated")), ["F", "C"]),
        (EventQuery(factuality=()), []),
        (EventQuery(doc_id="d2"), ["D", "E"]),
        (EventQuery(text="american ENVOY"), ["A"]),
        (EventQuery(limit=2, offset=1), ["H", "A"]),
        (EventQuery(offset=4), ["E", "G"]),
        (EventQuery(limit=0), []),
        (EventQuery(order="-date"), ["E", "B", "A", "H", "D", "G"]),
        (EventQuery(order="goldstein"), ["E", "A", "H", "G", "B", "D"]),
        (EventQuery(order="-goldstein"), ["D", "B", "G", "H", "A", "E"]),
        (EventQuery(order="confidence"), ["G", "H", "D", "B", "A", "E"]),
        (EventQuery(order="-confidence"), ["E", "A", "B", "D", "H", "G"]),
    ],
)
def test_store_events_filters(filled: Store, query: EventQuery, expected: list[str]) -> None:
    assert ids(filled.events(query)) == expected


def test_store_count_events_ignores_limit_and_offset(filled: Store) -> None:
    assert filled.count_events() == 6
    assert filled.count_events(EventQuery(actor="PAK", limit=1, offset=3)) == 5
    assert filled.count_events(EventQuery(factuality=ALL_FACTUALITY)) == 8


@pytest.mark.parametrize(
    "query",
    [
        EventQuery(order="newest"),
        EventQuery(factuality=("maybe",)),
        EventQuery(limit=-1),
        EventQuery(dyad=("PAK",)),  # type: ignore[arg-type]
    ],
)
def test_store_events_rejects_bad_queries(filled: Store, query: EventQuery) -> None:
    with pytest.raises(InputError):
        filled.events(query)


def test_store_dyads_undirected(filled: Store) -> None:
    assert filled.dyads() == [
        DyadRow("PAK", "USA", 2, 1, 1, 0, 0, 4.0, 8.0, "2025-04-07", "2025-04-09", 1, 1),
        DyadRow("CHN", "PAK", 1, 0, 1, 0, 0, 7.0, 7.0, "2024-11-02", "2024-11-02", 1, 1),
        DyadRow("CHN", "USA", 1, 1, 0, 0, 0, 4.0, 4.0, None, None, 1, 1),
        DyadRow("IND", "PAK", 1, 0, 0, 0, 1, -10.0, -10.0, "2025-05-07", "2025-05-07", 1, 1),
    ]


def test_store_dyads_directed(filled: Store) -> None:
    rows = filled.dyads(directed=True)
    assert [(row.a, row.b, row.events) for row in rows] == [
        ("CHN", "PAK", 1),
        ("IND", "PAK", 1),
        ("PAK", "USA", 1),
        ("USA", "CHN", 1),
        ("USA", "PAK", 1),
    ]


def test_store_dyads_apply_query_filters(filled: Store) -> None:
    assert filled.dyads(query=EventQuery(since="2025-04-08", limit=0)) == [
        DyadRow("IND", "PAK", 1, 0, 0, 0, 1, -10.0, -10.0, "2025-05-07", "2025-05-07", 1, 1),
        DyadRow("PAK", "USA", 1, 0, 1, 0, 0, 6.0, 6.0, "2025-04-09", "2025-04-09", 1, 1),
    ]


def test_store_documents_lists_accepted_then_rejected(filled: Store) -> None:
    assert filled.documents() == [
        DocumentRow("d1", "Title d1", "2025-04-07", "day", "metadata", 3, "accepted", None, None,
                    None, "2025-04-07", "2025-04-07", "meta"),
        DocumentRow("d2", "Title d2", "2024-11-02", "day", "metadata", 3, "accepted", None, None,
                    None, "2024-11-02", "2024-11-02", "meta"),
        DocumentRow("d3", "Title d3", None, "unknown", "none", 2, "accepted", None, None, None,
                    evidence=""),
        DocumentRow(None, None, None, None, None, 0, "rejected", "empty", "empty.txt",
                    "the file is empty; give it some text"),
        DocumentRow(None, None, None, None, None, 0, "rejected", "binary", "scan.pdf",
                    "PDF bytes; convert it to text first"),
    ]  # fmt: skip


def test_store_documents_filters_by_status_and_limit(filled: Store) -> None:
    assert [row.origin for row in filled.documents(status="rejected")] == [
        "empty.txt",
        "scan.pdf",
    ]
    assert [row.id for row in filled.documents(status="accepted", limit=2)] == ["d1", "d2"]
    with pytest.raises(InputError):
        filled.documents(status="pending")


def test_store_count_documents_counts_what_documents_lists(filled: Store) -> None:
    assert filled.count_documents() == {"accepted": 3, "rejected": 2}


def test_store_count_documents_of_an_empty_store(store: Store) -> None:
    assert store.count_documents() == {"accepted": 0, "rejected": 0}


def test_store_small_batch_stores_what_an_arrow_batch_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(tmp_path / "listed.duckdb") as listed:
        listed.add(CORPUS, REJECTIONS)
        monkeypatch.setattr(duckdb_store, "SMALL_BATCH_ROWS", 0)
        with open_store(tmp_path / "arrow.duckdb") as arrow:
            arrow.add(CORPUS, REJECTIONS)
            assert [listed.extraction(e.document.id) for e in CORPUS] == [
                arrow.extraction(e.document.id) for e in CORPUS
            ]
            assert listed.documents() == arrow.documents()
            assert listed.dyads() == arrow.dyads()


def test_store_small_batch_of_a_wrong_type_writes_nothing(store: Store) -> None:
    bad_fact = Fact("d3", "money", "lots", None, None, "lots", 0, 4, 0)  # type: ignore[arg-type]
    with pytest.raises(StoreError, match=r"(?s)lots.+nothing from this batch was written"):
        store.add([dataclasses.replace(D3, facts=(bad_fact,))])
    assert store.documents() == []


def test_store_add_failure_leaves_nothing_written(store: Store) -> None:
    bad_fact = Fact("d3", "money", "lots", None, None, "lots", 0, 4, 0)  # type: ignore[arg-type]
    broken = dataclasses.replace(D3, facts=(bad_fact,))
    with pytest.raises(StoreError, match=r"nothing (from this batch )?was written"):
        store.add([D1, D2, broken], REJECTIONS)
    assert store.documents() == []
    assert store.count_events(EventQuery(factuality=ALL_FACTUALITY)) == 0
    assert store.add(CORPUS, REJECTIONS) == AddResult(added=3, skipped=0, events=8, rejected=2)


def test_store_add_interrupted_after_first_insert_rolls_back(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend = type(store)
    assert issubclass(backend, SQLStore)  # both backends share SQLStore's write path
    original = backend._insert_rows

    def insert_then_fail(self: SQLStore, con: Any, batch: Any) -> None:
        original(self, con, batch)
        raise RuntimeError("power cut")

    monkeypatch.setattr(backend, "_insert_rows", insert_then_fail)
    with pytest.raises(RuntimeError, match="power cut"):
        store.add(CORPUS, REJECTIONS)
    monkeypatch.undo()
    assert store.documents() == []
    assert store.known_hashes([D1.document.content_hash]) == set()
    assert store.add(CORPUS) == AddResult(added=3, skipped=0, events=8, rejected=0)


def test_store_migrations_run_once(tmp_path: Path) -> None:
    path = tmp_path / "m.duckdb"
    with duckdb.connect(str(path)) as con:
        assert migrate(con) == [1, 2, 3, 4, 5, 6]
        assert migrate(con) == []
        assert applied_versions(con) == [m.version for m in MIGRATIONS]


def test_store_migrations_upgrade_an_old_database(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as con:
        assert migrate(con, MIGRATIONS[:1]) == [1]
        con.execute(
            "INSERT INTO rejections (origin, reason, detail, created_at)"
            " VALUES ('a.txt', 'empty', 'nothing in it', now()::TIMESTAMP)"
        )
    with pytest.raises(StoreError, match=r"lacks schema migrations \[2, 3, 4, 5, 6\]"):
        open_store(path, read_only=True)
    with open_store(path) as store:
        assert store.rejections() == [Rejection("a.txt", RejectReason.EMPTY, "nothing in it")]
    with duckdb.connect(str(path)) as con:
        assert applied_versions(con) == [1, 2, 3, 4, 5, 6]
        assert con.execute("SELECT count(*) FROM verdicts").fetchone() == (0,)


def test_store_refuses_a_database_from_a_newer_bilat(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    with duckdb.connect(str(path)) as con:
        migrate(con)
        con.execute("INSERT INTO schema_migrations VALUES (99, 'future', now()::TIMESTAMP)")
    for read_only in (False, True):
        with pytest.raises(StoreError, match=r"migrations \[99\] that this bilat does not know"):
            open_store(path, read_only=read_only)


def test_store_reads_from_threads_while_adding(filled: Store) -> None:
    extra = [
        make_extraction(
            f"t{i}", f"Threaded text {i}.", (make_event(f"T{i}", f"t{i}", "PAKGOV", "CHNGOV"),)
        )
        for i in range(20)
    ]
    with ThreadPoolExecutor(max_workers=4) as pool:
        reads = [pool.submit(filled.count_events) for _ in range(40)]
        writes = [pool.submit(filled.add, [item]) for item in extra]
        counts = [future.result() for future in reads]
        added = [future.result().added for future in writes]
    assert added == [1] * 20
    assert all(6 <= count <= 26 for count in counts)
    assert filled.count_events() == 26


def test_store_read_only_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "ro.duckdb"
    with open_store(path) as store:
        store.add(CORPUS)
    with open_store(path, read_only=True) as store:
        assert store.count_events() == 6
        with pytest.raises(StoreError, match="open it without read_only"):
            store.add([])


def test_store_locked_file_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "locked.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]);"
         " print('ready', flush=True); sys.stdin.read()", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "ready\n"
        with pytest.raises(StoreError, match="another process is using it") as caught:
            open_store(path)
        assert "wait for it to finish, then retry" in str(caught.value)
    finally:
        holder.communicate("", timeout=30)


def test_store_unwritable_file_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(database: str, read_only: bool = False, config: object = None) -> None:
        raise duckdb.IOException(f'IO Error: Cannot open file "{database}": Permission denied')

    monkeypatch.setattr(duckdb, "connect", refuse)
    path = tmp_path / "x.duckdb"
    with pytest.raises(StoreError) as caught:
        open_store(path)
    assert str(caught.value) == (
        f"[E300] cannot open {str(path)!r} for writing: permission denied; open it read-only "
        "(read_only=True, --read-only) or make the file and its directory writable"
    )


def test_store_missing_file_read_only(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="there is no database there"):
        open_store(tmp_path / "absent.duckdb", read_only=True)


def test_store_postgres_unreachable_server_says_what_to_check() -> None:
    # Port 9 (discard) on 127.0.0.1 has no PostgreSQL server: the connection is refused at once.
    with pytest.raises(StoreError, match="check that the server is running") as caught:
        open_store("postgresql://user:secret@127.0.0.1:9/bilat")
    assert "secret" not in str(caught.value)
    assert "user:***@127.0.0.1:9/bilat" in str(caught.value)


def test_store_closed_store_refuses_reads(tmp_path: Path) -> None:
    store = open_store(tmp_path / "c.duckdb")
    store.close()
    store.close()
    with pytest.raises(StoreError, match="is closed"):
        store.events()


def test_codec_event_round_trips_through_dict() -> None:
    assert codec.event_from_dict(A.as_dict()) == A
    assert codec.event_from_dict(B.as_dict()) == B
    assert codec.extraction_from_dict(D1.as_dict()) == D1


def test_codec_to_json_matches_as_dict() -> None:
    assert json.loads(codec.to_json(A)) == A.as_dict()
    assert json.loads(codec.to_json(D1)) == D1.as_dict()


def test_store_add_keeps_the_first_of_two_events_with_one_id(store: Store) -> None:
    twin = make_event("D", "d9", "USAGOV", "CHNGOV", date="2025-03-03")
    other = make_extraction("d9", "Another text with a clashing event id.", (twin,))
    assert store.add([D2, other]) == AddResult(added=2, skipped=0, events=3, rejected=0)
    assert store.events(EventQuery(root="0")) == [D]


def test_codec_keeps_floats_and_ignores_unknown_keys() -> None:
    data = {**D.as_dict(), "goldstein": 7, "added_later": 1}
    assert codec.event_from_dict(data) == D
    assert isinstance(codec.event_from_dict(data).goldstein, float)


def test_codec_missing_field_raises_store_error() -> None:
    data = A.as_dict()
    del data["cameo"]
    with pytest.raises(StoreError, match="cannot rebuild Event from stored data"):
        codec.event_from_dict(data)


def test_errors_render_code_and_context() -> None:
    assert str(StoreError("cannot open 'x'; retry")) == "[E300] cannot open 'x'; retry"
    assert str(KnowledgeError("bad code", file="a.yaml", line=3)) == "[E200] a.yaml:3: bad code"
    assert str(InputError("bad", code="E101")) == "[E101] bad"
    assert isinstance(StoreError("x"), BilatError)


def test_store_event_by_id(filled: Store) -> None:
    assert filled.event(A.id) == A
    assert filled.event("missing") is None
