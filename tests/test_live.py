"""The live store in one process: lock file, wire format, lease, service, and a real server.

The server runs in a thread (uvicorn on 127.0.0.1) and the remote store is built directly,
since :func:`bilat.live.connect` ignores a lock held by its own process; the tests with
separate processes are in ``test_live_processes.py``.
"""

from __future__ import annotations

import inspect
import os
import pickle
import socket
import stat
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from bilat.errors import InputError, StoreError
from bilat.ingest import ingest_items
from bilat.live import RemoteStore, ServerLock, connect, lock_path, wire
from bilat.live.gate import StoreGate
from bilat.live.service import Lease, LiveService
from bilat.server import create_app, serve
from bilat.store import AddResult, DuckDBStore, open_store
from bilat.web.render import activity_text
from conftest import make_event, make_extraction

# As in test_api: starlette's httpx-based test client warns of a package not installed here.
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def _extraction(number: int) -> object:
    doc_id = f"live{number}"
    event = make_event(f"{doc_id}-e0", doc_id, "PAKGOV", "CHNGOV", date="2025-03-04")
    return make_extraction(
        doc_id, f"Report {number}: the two sides met.", (event,), date="2025-03-04"
    )


def test_live_lock_file_round_trips_with_mode_0600(tmp_path: Path) -> None:
    lock = ServerLock.new(tmp_path / "a.duckdb", host="0.0.0.0", port=8123)
    lock.write()
    assert lock.path == tmp_path / "a.duckdb.live.json"
    assert stat.S_IMODE(os.stat(lock.path).st_mode) == 0o600
    assert ServerLock.read(tmp_path / "a.duckdb") == lock
    assert lock.address == "127.0.0.1"
    lock.remove()
    assert not lock.path.exists()


def test_live_lock_of_a_dead_process_counts_as_none(tmp_path: Path) -> None:
    lock = ServerLock.new(tmp_path / "a.duckdb", host="127.0.0.1", port=8123)
    dead = ServerLock(**{**lock.__dict__, "pid": 2**22 + 17})
    dead.write()
    assert ServerLock.read(tmp_path / "a.duckdb") is None
    assert connect(str(tmp_path / "a.duckdb"), read_only=False) is None


def test_live_lock_remove_leaves_another_servers_lock(tmp_path: Path) -> None:
    mine = ServerLock.new(tmp_path / "a.duckdb", host="127.0.0.1", port=8123)
    theirs = ServerLock.new(tmp_path / "a.duckdb", host="127.0.0.1", port=8124)
    theirs.write()
    mine.remove()
    assert ServerLock.read(tmp_path / "a.duckdb") == theirs


def test_live_connect_ignores_this_processes_own_lock(tmp_path: Path) -> None:
    ServerLock.new(tmp_path / "a.duckdb", host="127.0.0.1", port=1).write()
    assert connect(str(tmp_path / "a.duckdb"), read_only=False) is None


def test_live_wire_round_trips_an_extraction() -> None:
    extraction = _extraction(1)
    body = wire.dump_call("add", ([extraction], ()), {"rejections": ()})
    assert wire.load_call(body) == ("add", ([extraction], ()), {"rejections": ()})


@pytest.mark.parametrize(
    ("value", "refused"),
    [(os.system, "posix.system"), (ingest_items, "bilat.ingest.ingest_items")],
)
def test_live_wire_refuses_functions(value: object, refused: str) -> None:
    body = pickle.dumps(("known_hashes", (value,), {}))
    with pytest.raises(StoreError) as caught:
        wire.load_call(body)
    assert f"{refused} may not travel in a bilat store call" in str(caught.value)


def test_live_wire_keeps_the_kind_code_and_message_of_errors() -> None:
    with pytest.raises(InputError) as caught:
        wire.load_answer(wire.dump_error(InputError("bad status; use 'accepted'", code="E101")))
    assert str(caught.value) == "[E101] bad status; use 'accepted'"
    with pytest.raises(StoreError) as unknown:
        wire.load_answer(wire.dump_error(ValueError("boom")))
    assert str(unknown.value) == "[E300] ValueError: boom"


def test_live_wire_classifies_every_store_method() -> None:
    public = {
        name
        for name, member in inspect.getmembers(DuckDBStore, inspect.isfunction)
        if not name.startswith("_")
    }
    assert public - {"close", "exclusive"} == wire.READS | wire.WRITES
    assert not wire.READS & wire.WRITES


def test_live_lease_holds_other_writers_until_released() -> None:
    lease = Lease()
    lease.acquire("a")
    lease.acquire("a")
    passed = threading.Event()

    def other() -> None:
        lease.wait_turn("b")
        passed.set()

    thread = threading.Thread(target=other)
    thread.start()
    lease.release("a")
    assert not passed.wait(0.3)
    lease.release("a")
    assert passed.wait(5)
    thread.join()


def test_live_lease_of_a_silent_holder_expires() -> None:
    lease = Lease(timeout=0.05)
    lease.acquire("a")
    time.sleep(0.1)
    lease.wait_turn("b")
    lease.acquire("b")


def test_live_lease_of_a_dead_client_is_broken_at_once() -> None:
    lease = Lease()
    lease.acquire(f"{2**22 + 17}-abc")
    lease.wait_turn("b")
    lease.acquire(f"{os.getpid()}-abc")
    passed = threading.Event()
    thread = threading.Thread(target=lambda: (lease.wait_turn("b"), passed.set()))
    thread.start()
    assert not passed.wait(0.3)
    lease.release(f"{os.getpid()}-abc")
    assert passed.wait(5)
    thread.join()


def test_live_service_runs_calls_and_tracks_the_writer(tmp_path: Path) -> None:
    gate = StoreGate(str(tmp_path / "s.duckdb"), writable=True)
    service = LiveService(gate, token="t")
    try:
        result = service.run("s1", "bilat ingest (pid 1)", "add", ([_extraction(1)],), {})
        assert result == AddResult(added=1, skipped=0, events=1, rejected=0)
        digest = _extraction(1).document.content_hash  # type: ignore[attr-defined]
        assert service.run("s1", "x", "known_hashes", ([digest],), {}) == {digest}
        activity = service.activity()
        assert activity["writing"] is True
        assert activity["writers"][0]["client"] == "bilat ingest (pid 1)"
        assert activity["writers"][0]["documents_added"] == 1
        assert activity["writers"][0]["events_added"] == 1
        service.run("s1", "x", "goodbye", (), {})
        assert service.activity() == {"writing": False, "writers": [], "watching": None}
        with pytest.raises(StoreError) as caught:
            service.run("s1", "x", "_write_many", (), {})
        assert "'_write_many' is not a store method a client may call" in str(caught.value)
    finally:
        gate.close()


def test_live_activity_text_names_writers_and_watch() -> None:
    activity = {
        "writers": [{"client": "bilat ingest (pid 7)", "documents_added": 3, "events_added": 5}],
        "watching": "watching feeds every 60s; pass 2 at 10:00:00: 1 feeds, 0 documents added",
    }
    assert activity_text(activity) == (
        "Ingest running: bilat ingest (pid 7), 3 documents and 5 events added so far; reload "
        "to see them. Watching feeds every 60s; pass 2 at 10:00:00: 1 feeds, 0 documents added."
    )
    assert activity_text({"writers": [], "watching": None}) == ""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[ServerLock, uvicorn.Server]]:
    """Serve a fresh DuckDB file as ``bilat serve`` would, from a thread of this process."""
    db = tmp_path / "live.duckdb"
    port = _free_port()
    lock = ServerLock.new(db, host="127.0.0.1", port=port)
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(str(db), lock=lock), host="127.0.0.1", port=port, log_level="error"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    try:
        yield lock, server
    finally:
        server.should_exit = True
        thread.join(30)


def test_live_remote_store_writes_and_reads_through_the_server(
    served: tuple[ServerLock, uvicorn.Server],
) -> None:
    lock, _ = served
    assert lock_path(lock.db).exists()
    with RemoteStore(lock, url=lock.db, read_only=False) as store:
        assert store.add([_extraction(1), _extraction(2)]) == AddResult(2, 0, 2, 0)
        assert store.add([_extraction(2)]) == AddResult(0, 1, 0, 0)
        with store.exclusive():
            assert [doc_id for doc_id, _ in store.unsigned_documents()] == ["live1", "live2"]
        assert store.set_verdict("live1-e0", "confirm").event_id == "live1-e0"
        with pytest.raises(InputError) as caught:
            store.documents(status="maybe")
        assert "unknown document status 'maybe'" in str(caught.value)
    with RemoteStore(lock, url=lock.db, read_only=True) as reader:
        assert [v.event_id for v in reader.verdicts()] == ["live1-e0"]
        with pytest.raises(StoreError) as refused:
            reader.add([_extraction(3)])
        assert "is open read-only; open it without read_only to add" in str(refused.value)


def test_live_remote_store_hands_over_batches_larger_than_one_article(
    served: tuple[ServerLock, uvicorn.Server],
) -> None:
    lock, _ = served
    big = [
        make_extraction(f"big{n}", f"Report {n}. " + "The two sides met. " * 60_000, ())
        for n in range(3)
    ]
    with RemoteStore(lock, url=lock.db, read_only=False) as store:
        assert store.add(big) == AddResult(added=3, skipped=0, events=0, rejected=0)


def test_live_remote_store_needs_the_token(served: tuple[ServerLock, uvicorn.Server]) -> None:
    lock, _ = served
    forged = ServerLock(**{**lock.__dict__, "token": "guess"})
    with (
        RemoteStore(forged, url=lock.db, read_only=True) as store,
        pytest.raises(StoreError) as caught,
    ):
        store.count_events()
    assert "refused a store call (HTTP 401" in str(caught.value)


def test_live_remote_store_says_what_to_do_when_the_server_is_gone(
    served: tuple[ServerLock, uvicorn.Server],
) -> None:
    lock, server = served
    store = RemoteStore(lock, url=lock.db, read_only=False)
    assert store.count_events() == 0
    server.should_exit = True
    deadline = time.monotonic() + 30
    while lock_path(lock.db).exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    with pytest.raises(StoreError) as caught:
        store.count_events()
    message = str(caught.value)
    assert f"lost the bilat server (pid {os.getpid()}, port {lock.port})" in message
    assert "run the same command again; stored documents are skipped" in message
    store.close()
    with open_store(lock.db, read_only=True) as direct:
        assert direct.count_events() == 0


def test_live_second_server_on_one_file_is_refused(
    served: tuple[ServerLock, uvicorn.Server],
) -> None:
    lock, _ = served
    with pytest.raises(StoreError) as caught:
        serve(lock.db, port=_free_port())
    assert str(caught.value) == (
        f"[E300] cannot serve {lock.db!r}: `bilat serve` (pid {os.getpid()}) already serves it "
        f"on port {lock.port}; open http://127.0.0.1:{lock.port}/ or stop that server (if no "
        f"server runs, delete {str(lock.path)!r})"
    )


def test_live_local_calls_refuse_non_local_callers(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    lock = ServerLock.new(db, host="127.0.0.1", port=1)
    with TestClient(create_app(str(db), lock=lock)) as client:
        response = client.get("/api/local/hello", headers={"x-bilat-local-token": lock.token})
        assert response.status_code == 401
        assert "store calls are for local processes" in response.json()["error"]
        assert client.get("/api/activity").json() == {
            "ok": True,
            "writing": False,
            "writers": [],
            "watching": None,
        }
    assert not lock.path.exists()
