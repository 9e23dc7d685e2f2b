"""``workers``: usable cores and memory, the one-process rule for small inputs, same output."""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path

import pytest

from bilat.capacity import WORKER_RSS, auto_workers, available_memory, usable_cores
from bilat.ingest import (
    AUTO_POOL_WORDS,
    IngestInterrupted,
    IngestReport,
    WorkerPool,
    ingest,
    plan_workers,
)
from bilat.records import Document, Rejection, RejectReason
from bilat.settings import SETTINGS, Settings
from bilat.store import open_store

# The module, not the function ``bilat.ingest`` names.
ingest_module = sys.modules["bilat.ingest"]
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _cgroup(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n", encoding="ascii")
    return tmp_path


@pytest.mark.parametrize(
    ("files", "cap"),
    [
        ({"cpu.max": "50000 100000"}, 1),
        ({"cpu.max": "150000 100000"}, 2),
        ({"cpu.max": "max 100000"}, None),
        ({"cpu/cpu.cfs_quota_us": "100000", "cpu/cpu.cfs_period_us": "100000"}, 1),
        ({"cpu/cpu.cfs_quota_us": "-1", "cpu/cpu.cfs_period_us": "100000"}, None),
        ({}, None),
    ],
)
def test_capacity_cores_follow_cgroup_quota(
    files: dict[str, str], cap: int | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0, 1, 2, 3})
    expected = 4 if cap is None else cap
    assert usable_cores(_cgroup(tmp_path, files)) == expected


def test_capacity_memory_is_the_smaller_of_system_and_cgroup(tmp_path: Path) -> None:
    root = _cgroup(
        tmp_path,
        {
            "meminfo": "MemTotal: 8000000 kB\nMemAvailable: 4000000 kB",
            "cg/memory.max": str(3 * 2**30),
            "cg/memory.current": str(2**30),
        },
    )
    assert available_memory(root / "cg", root / "meminfo") == 2 * 2**30
    assert available_memory(root / "none", root / "meminfo") == 4_000_000 * 1024
    unlimited = _cgroup(tmp_path / "u", {"memory.max": "max", "memory.current": "5"})
    assert available_memory(unlimited, root / "meminfo") == 4_000_000 * 1024


@pytest.mark.parametrize(
    ("cores", "memory", "load", "expected"),
    [
        (8, None, 0.0, 8),
        (8, 3 * WORKER_RSS, 0.0, 2),
        (8, WORKER_RSS, 0.0, 1),
        (2, 100 * WORKER_RSS, 0.3, 2),
        (2, 100 * WORKER_RSS, 1.2, 1),
        (8, None, 5.5, 3),
        (2, None, 11.0, 1),
        (1, 0, 0.0, 1),
    ],
)
def test_capacity_auto_workers_idle_cores_capped_by_memory(
    cores: int, memory: int | None, load: float, expected: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bilat.capacity.available_memory", lambda: None)
    assert auto_workers(cores=cores, memory=memory, load=load) == expected


def _documents(count: int, words: int) -> list[Document]:
    text = " ".join(["word"] * (words - 1))
    return [Document.from_text(f"{text} {i}", doc_id=f"d{i}") for i in range(count)]


def test_plan_workers_small_input_stays_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest_module, "auto_workers", lambda: 4)
    rejection = Rejection("in.jsonl:4", RejectReason.EMPTY, "no text")
    items = [*_documents(3, 1000), rejection]
    with open_store(tmp_path / "s.duckdb") as store:
        workers, planned = plan_workers(iter(items), Settings(), store)
    assert (workers, list(planned)) == (1, items)


def test_plan_workers_large_input_uses_every_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest_module, "auto_workers", lambda: 4)
    items = _documents(AUTO_POOL_WORDS // 1000 + 5, 1000)
    with open_store(tmp_path / "s.duckdb") as store:
        workers, planned = plan_workers(iter(items), Settings(), store)
    assert (workers, list(planned)) == (4, items)


def test_plan_workers_number_is_kept(tmp_path: Path) -> None:
    items = _documents(1, 10)
    with open_store(tmp_path / "s.duckdb") as store:
        workers, planned = plan_workers(items, Settings(workers=3), store)
    assert (workers, planned) == (3, items)


def test_settings_workers_default_is_auto() -> None:
    assert (Settings().workers, Settings(workers="2").workers) == ("auto", 2)


@pytest.mark.slow
def test_ingest_two_workers_store_what_one_stores(tmp_path: Path) -> None:
    paths = sorted(EXAMPLES.glob("*.txt"))[:6]
    stored = []
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.duckdb"
        report = ingest(paths, settings=Settings(db=str(db), workers=workers, batch_size=4))
        with open_store(db, read_only=True) as store:
            ids = sorted(row.id for row in store.documents() if row.id)
            extractions = [store.extraction(doc_id) for doc_id in ids]
            stored.append((report.as_dict(), [e.as_dict() for e in extractions if e]))
    assert stored[0][0]["events"] > 0
    assert stored[1] == stored[0]


@pytest.mark.slow
def test_worker_pool_forks_from_the_main_thread_and_spawns_from_others() -> None:
    methods = []

    def start() -> None:
        pool = WorkerPool(Settings(), processes=1)
        methods.append(pool.start_method)
        pool.close()

    start()
    thread = threading.Thread(target=start)
    thread.start()
    thread.join()
    assert methods == ["fork", "spawn"]


def test_settings_every_setting_documented() -> None:
    doc = (Path(__file__).resolve().parents[1] / "docs" / "settings.md").read_text("utf-8")
    for setting in SETTINGS:
        assert f"| `{setting.name}` | `{json.dumps(setting.default)}` | {setting.help} |" in doc


@pytest.mark.slow
def test_ingest_workers_stop_keeps_whole_batches(tmp_path: Path) -> None:
    paths = sorted(EXAMPLES.glob("*.txt"))[:6]
    db = tmp_path / "stop.duckdb"

    def stop(report: IngestReport) -> None:
        raise KeyboardInterrupt

    settings = Settings(db=str(db), workers=2, batch_size=2)
    with pytest.raises(IngestInterrupted) as caught:
        ingest(paths, settings=settings, progress=stop)
    with open_store(db, read_only=True) as store:
        stored = len(store.documents())
    assert (caught.value.report.added, stored) == (2, 2)
