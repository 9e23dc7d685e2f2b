"""The analyst's loop: the review queue, ``bilat review`` driven by keys, undo, pattern health."""

from __future__ import annotations

import dataclasses
import json
import os
import pty
import select
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilat.cli import app
from bilat.cli.review import highlighted
from bilat.errors import InputError
from bilat.highlights import Span
from bilat.records import Event, Mention
from bilat.review import ReviewItem, priority, review_queue
from bilat.review.session import ReviewSession, Step
from bilat.server import create_app
from bilat.store import EventQuery, PatternCount, Store, open_store
from conftest import bilat_server, get_json, make_event, make_extraction

# Starlette's test client warns that it prefers httpx2 (as in test_api.py); the client works.
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

SENTENCES = {
    "d1": "Pakistan hosted the US envoy.",
    "d2": "Pakistan met US officials.",
    "d3": "Militants attacked the army.",
    "d4": "China praised Pakistan.",
}


def _event(event_id: str, doc_id: str, source: str, target: str, **fields: object) -> Event:
    sentence = SENTENCES[doc_id]
    verb = sentence.split()[1]
    start = sentence.index(verb)
    return dataclasses.replace(
        make_event(event_id, doc_id, source, target, sentence=sentence, **fields),  # type: ignore[arg-type]
        trigger=verb,
        trigger_start=start,
        trigger_end=start + len(verb),
        rule=f"{fields.get('cameo', '042')}-test",
    )


EVENTS = [
    _event("e1", "d1", "PAKGOV", "USAGOV", goldstein=1.9, date="2025-01-10", confidence=0.9),
    _event("e2", "d2", "PAKGOV", "USAGOV", cameo="040", date="2025-02-01", confidence=0.3),
    _event(
        "e3",
        "d3",
        "AFGREB",
        "PAKMIL",
        cameo="190",
        quad=4,
        goldstein=-10.0,
        date="2025-03-01",
        confidence=0.8,
    ),
    _event(
        "e4",
        "d4",
        "CHNGOV",
        "PAKGOV",
        cameo="051",
        goldstein=3.4,
        date="2025-03-05",
        confidence=0.7,
    ),
]


def _mentions(event: Event) -> tuple[Mention, ...]:
    first = event.sentence.split()[0]
    return (Mention(0, len(first), first, event.source, "country", "test"),)


def _fill(store: Store) -> None:
    store.add(
        [
            make_extraction(e.doc_id, e.sentence, (e,), date=e.date, mentions=_mentions(e))
            for e in EVENTS
        ]
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "bilat.duckdb"
    with open_store(path) as store:
        _fill(store)
    return path


def test_review_queue_ranks_by_doubt_novelty_contact_and_weight(store: Store) -> None:
    _fill(store)
    items = review_queue(store)
    assert [(i.event.id, round(i.score, 3), i.reasons) for i in items] == [
        ("e3", 5.6, ("new actor AFGREB", "new actor PAKMIL", "first contact AFG–PAK",
                     "Goldstein -10.0")),
        ("e4", 3.91, ("new actor CHNGOV", "first contact CHN–PAK")),
        ("e2", 2.25, ("low confidence 0.30",)),
        ("e1", 2.085, ("first contact PAK–USA",)),
    ]  # fmt: skip


def test_review_queue_filters_by_dyad_period_and_code(store: Store) -> None:
    _fill(store)
    assert [i.event.id for i in review_queue(store, EventQuery(dyad=("USA", "PAK")))] == [
        "e2",
        "e1",
    ]
    assert [i.event.id for i in review_queue(store, EventQuery(since="2025-03-02"))] == ["e4"]
    assert [i.event.id for i in review_queue(store, EventQuery(root="19"))] == ["e3"]
    assert [i.event.id for i in review_queue(store, limit=2)] == ["e3", "e4"]


def test_review_queue_leaves_out_judged_events(store: Store) -> None:
    _fill(store)
    store.set_verdict("e3", "confirm")
    store.set_verdict("e4", "reject")
    assert [i.event.id for i in review_queue(store)] == ["e2", "e1"]


def test_review_queue_marks_source_and_trigger_in_the_sentence(store: Store) -> None:
    _fill(store)
    [item] = review_queue(store, EventQuery(root="051"))
    assert item.highlights == (Span(0, 5, "source", "CHNGOV"), Span(6, 13, "trigger", "code 051"))
    text = highlighted(item)
    assert text.plain == "China praised Pakistan."
    assert [(s.start, s.end, str(s.style)) for s in text.spans] == [
        (0, 5, "bold cyan"),
        (6, 13, "bold reverse"),
    ]


def test_review_queue_refuses_a_limit_below_one(store: Store) -> None:
    with pytest.raises(InputError) as caught:
        review_queue(store, limit=0)
    assert str(caught.value) == "[E100] the review queue needs a limit of 1 or more, got 0"


def test_priority_counts_reports_up_to_four_extra() -> None:
    event = EVENTS[0]
    score, reasons = priority(event, mentions=3)
    assert (round(score, 3), reasons) == (1.085, ("3 reports",))
    score, reasons = priority(event, mentions=12)
    assert (round(score, 3), reasons) == (1.585, ("12 reports",))


def test_store_delete_verdict_restores_the_machine_coding(store: Store) -> None:
    _fill(store)
    store.set_verdict("e2", "correct", cameo="043")
    assert store.event("e2").cameo == "043"  # type: ignore[union-attr]
    removed = store.delete_verdict("e2")
    assert (removed.event_id, removed.verdict.value, removed.cameo) == ("e2", "correct", "043")  # type: ignore[union-attr]
    assert store.verdict("e2") is None
    assert store.event("e2").cameo == "040"  # type: ignore[union-attr]
    assert store.count_events(EventQuery(root="043")) == 0
    assert store.delete_verdict("e2") is None


def test_store_pattern_counts_tally_matches_and_verdicts(store: Store) -> None:
    _fill(store)
    store.set_verdict("e1", "confirm")
    store.set_verdict("e2", "reject")
    store.set_verdict("e3", "correct", target_code="PAKGOV")
    assert store.pattern_counts() == [
        PatternCount("040-test", 1, 0, 1, 0),
        PatternCount("042-test", 1, 1, 0, 0),
        PatternCount("051-test", 1, 0, 0, 0),
        PatternCount("190-test", 1, 0, 0, 1),
    ]


def test_review_session_undo_removes_the_verdict_and_steps_back(db: Path) -> None:
    with open_store(db) as store:
        session = ReviewSession(store, review_queue(store))
        session.confirm()
        session.skip()
        session.reject()
        assert (session.position, session.judged) == (3, 2)
        assert session.undo() == Step(2, "reject")
        assert store.verdict("e2") is None
        assert session.undo() == Step(1, "skip")
        assert session.undo() == Step(0, "confirm")
        assert store.verdicts() == []
        assert session.undo() is None
        assert session.current is not None
        assert session.current.event.id == "e3"


def _review(db: Path, keys: str, *extra: str) -> str:
    result = CliRunner().invoke(app, ["review", "--db", str(db), *extra], input=keys)
    assert result.exit_code == 0, result.output
    return result.output


CARD_E3 = [
    "[1/4] score 5.60 · new actor AFGREB · new actor PAKMIL · first contact AFG–PAK · "
    "Goldstein -10.0",
    "Militants attacked the army.",
    "AFGREB 190 code 190 → PAKMIL · 2025-03-01 · rule 190-test · confidence 0.80",
    "c confirm · r reject · e correct · s skip · u undo · q quit",
]
CARD_E4 = [
    "[2/4] score 3.91 · new actor CHNGOV · first contact CHN–PAK",
    "China praised Pakistan.",
    "CHNGOV 051 code 051 → PAKGOV · 2025-03-05 · rule 051-test · confidence 0.70",
    "c confirm · r reject · e correct · s skip · u undo · q quit",
]
PROMPTS = "code [051]: source [CHNGOV]: target [PAKGOV]: "


def test_cli_review_confirms_rejects_corrects_skips_and_undoes(db: Path) -> None:
    keys = "c\nu\nr\nz\ne\n\n\n\ne\n999\n\n\ne\n\nPAKGOV\n\ns\nc\n"
    assert _review(db, keys).splitlines() == [
        *CARD_E3,
        "confirm e3",
        *CARD_E4,
        "undo confirm",
        *CARD_E3,
        "reject e3",
        *CARD_E4,
        "unknown key 'z': use c, r, e, s, u or q",
        PROMPTS + "nothing corrected; type a code or an actor, or press s to skip",
        PROMPTS + "Error: [E100] unknown CAMEO code '999'; use a code from cameo.tsv, e.g. 042 "
        "or 1121",
        PROMPTS + "correct e4",
        "[3/4] score 2.25 · low confidence 0.30",
        "Pakistan met US officials.",
        "PAKGOV 040 code 040 → USAGOV · 2025-02-01 · rule 040-test · confidence 0.30",
        "c confirm · r reject · e correct · s skip · u undo · q quit",
        "skip e2",
        "[4/4] score 2.08 · first contact PAK–USA",
        "Pakistan hosted the US envoy.",
        "PAKGOV 042 code 042 → USAGOV · 2025-01-10 · rule 042-test · confidence 0.90",
        "c confirm · r reject · e correct · s skip · u undo · q quit",
        "confirm e1",
        "reviewed 4: 1 confirmed, 1 rejected, 1 corrected, 1 skipped; 0 left",
    ]
    with open_store(db, read_only=True) as store:
        verdicts = {v.event_id: (v.verdict.value, v.source_code) for v in store.verdicts()}
    assert verdicts == {
        "e3": ("reject", None),
        "e4": ("correct", "PAKGOV"),
        "e1": ("confirm", None),
    }


def test_cli_review_filters_and_reports_nothing_left(db: Path) -> None:
    output = _review(db, "c\n", "--dyad", "PAK,USA", "--code", "040")
    assert output.splitlines()[-2:] == [
        "confirm e2",
        "reviewed 1: 1 confirmed, 0 rejected, 0 corrected, 0 skipped; 0 left",
    ]
    assert _review(db, "", "--dyad", "PAK,USA", "--code", "040") == (
        "nothing to review: every matching event has a verdict\n"
    )


def test_cli_review_stops_at_q_and_at_the_end_of_input(db: Path) -> None:
    assert _review(db, "s\nq\n").splitlines()[-1] == (
        "reviewed 1: 0 confirmed, 0 rejected, 0 corrected, 1 skipped; 3 left"
    )
    assert _review(db, "").splitlines()[-1] == (
        "reviewed 0: 0 confirmed, 0 rejected, 0 corrected, 0 skipped; 4 left"
    )


def _read_until(fd: int, text: bytes, seen: bytearray, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while text not in seen:
        assert time.monotonic() < deadline, bytes(seen).decode("utf-8", "replace")
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            seen.extend(os.read(fd, 4096))


@pytest.mark.slow
def test_cli_review_takes_single_keys_in_a_terminal(db: Path) -> None:
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "bilat", "review", "--db", str(db)],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env={**os.environ, "COLUMNS": "200", "TERM": "xterm"},
    )
    os.close(follower)
    seen = bytearray()
    try:
        _read_until(leader, b"q quit", seen)
        # Switching the terminal to raw mode drops what was typed before; a person is slower.
        time.sleep(1)
        os.write(leader, b"c")  # one key, no Enter
        _read_until(leader, b"confirm e3", seen)
        time.sleep(1)
        os.write(leader, b"q")
        _read_until(leader, b"reviewed 1:", seen)
        assert process.wait(timeout=30) == 0
        # The trigger is marked (reverse video) and the source in bold cyan.
        assert b"\x1b[1;36mMilitants\x1b[0m \x1b[1;7mattacked\x1b[0m" in seen
    finally:
        process.kill()
        os.close(leader)
    with open_store(db, read_only=True) as store:
        assert [(v.event_id, v.verdict.value) for v in store.verdicts()] == [("e3", "confirm")]


@pytest.mark.slow
def test_cli_review_writes_through_a_running_server(db: Path) -> None:
    with bilat_server(db, token="t0ken") as base:
        output = _review(db, "r\nc\nu\nq\n")
        assert output.splitlines()[-1] == (
            "reviewed 1: 0 confirmed, 1 rejected, 0 corrected, 0 skipped; 3 left"
        )
        assert get_json(f"{base}/api/events/e3")["verdict"]["verdict"] == "reject"
        assert get_json(f"{base}/api/events/e4")["verdict"] is None


def test_review_item_as_dict_is_plain_data(store: Store) -> None:
    _fill(store)
    item: ReviewItem = review_queue(store, EventQuery(root="051"))[0]
    data = json.loads(json.dumps(item.as_dict()))
    assert {k: data[k] for k in ("score", "reasons", "highlights", "num_mentions")} == {
        "score": 3.91,
        "reasons": ["new actor CHNGOV", "first contact CHN–PAK"],
        "highlights": [
            {"start": 0, "end": 5, "role": "source", "label": "CHNGOV"},
            {"start": 6, "end": 13, "role": "trigger", "label": "code 051"},
        ],
        "num_mentions": 1,
    }
    assert data["event"]["id"] == "e4"


TOKEN = "review-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(db), token=TOKEN)) as opened:
        yield opened


def test_api_review_ranks_and_filters_like_the_cli(client: TestClient) -> None:
    body = client.get("/api/review?dyad=PAK,USA").json()
    assert (body["ok"], body["count"], body["filters"]) == (
        True,
        2,
        {"dyad": "PAK,USA", "limit": 100, "offset": 0, "order": "date"},
    )
    assert [(i["event"]["id"], i["score"], i["reasons"]) for i in body["items"]] == [
        ("e2", 2.25, ["low confidence 0.30"]),
        ("e1", 2.085, ["first contact PAK–USA"]),
    ]
    assert client.get("/review?format=json&dyad=PAK,USA").json() == body


def test_api_review_refuses_a_limit_of_zero(client: TestClient) -> None:
    response = client.get("/api/review?limit=0")
    assert (response.status_code, response.json()) == (
        422,
        {
            "ok": False,
            "error": "invalid limit 0: the review queue needs a limit of 1 or more",
            "status": 422,
        },
    )


def test_api_undo_removes_the_verdict_and_needs_the_token(client: TestClient) -> None:
    saved = client.post("/api/events/e4/verdict", json={"verdict": "reject"}, headers=AUTH)
    assert saved.status_code == 200, saved.text
    assert [i["event"]["id"] for i in client.get("/api/review").json()["items"]] == [
        "e3",
        "e2",
        "e1",
    ]
    assert client.delete("/api/events/e4/verdict").status_code == 401
    undone = client.delete("/api/events/e4/verdict", headers=AUTH).json()
    assert (undone["removed"]["event_id"], undone["removed"]["verdict"]) == ("e4", "reject")
    assert undone["event"]["id"] == "e4"
    assert client.get("/api/events/e4").json()["verdict"] is None
    assert client.delete("/api/events/e4/verdict", headers=AUTH).json()["removed"] is None
    missing = client.delete("/api/events/nope/verdict", headers=AUTH)
    assert missing.status_code == 404


def test_api_patterns_lists_every_pattern_with_verdicts(client: TestClient) -> None:
    client.post("/api/events/e3/verdict", json={"verdict": "reject"}, headers=AUTH)
    body = client.get("/api/patterns").json()
    assert body["flagged"] == 0  # the test rules are no lexicon patterns
    assert body["patterns"][0] == {
        "id": "012-pessimistic",
        "code": "012",
        "matches": 0,
        "confirmed": 0,
        "rejected": 0,
        "corrected": 0,
        "precision": None,
        "flagged": False,
        "off": False,
    }


def test_dashboard_review_page_carries_the_queue(client: TestClient) -> None:
    html = client.get("/review?root=19&dyad=&since=&until=&actor=").text
    assert '<input name="root" value="19" placeholder="04">' in html
    assert '<section id="review" class="review" data-items=' in html
    assert '<script src="/static/review.js"></script>' in html
    assert "1 event to review." in html
