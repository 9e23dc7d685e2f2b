"""Crash safety: a killed, interrupted or starved ingest loses nothing and doubles nothing.

``bilat ingest`` runs in a subprocess over generated one-sentence documents; it is killed with
SIGKILL at random points after its first commit, restarted, and the database is compared with
one clean run. Disk full is a real tmpfs when this process may mount one (it runs as root in
CI); read-only is a read-only tmpfs; a lock is another process holding the file.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from bilat.errors import StoreError
from bilat.ingest import ingest
from bilat.settings import Settings
from bilat.store import open_store

BILAT = [sys.executable, "-c", "from bilat.cli import main; main()"]
COUNTRIES = ("Pakistan", "India", "China", "Afghanistan", "Iran", "Japan", "Russia", "France")
VERBS = ("condemned", "praised", "held talks with", "criticised", "thanked", "met")
KILL_LOG: list[str] = []


def write_corpus(path: Path, count: int, *, seed: int = 7) -> Path:
    """Write ``count`` one-sentence documents (and three broken lines) as JSONL."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            first, second = rng.sample(COUNTRIES, 2)
            text = f"{first} {rng.choice(VERBS)} {second} on Monday over matter {number}."
            record = {"id": f"d{number:05d}", "text": text, "published": "2024-03-05"}
            handle.write(json.dumps(record) + "\n")
            if number % 97 == 50:
                handle.write('{"id": "broken", "text": \n')
    return path


@dataclass(frozen=True)
class Snapshot:
    """What a database holds, per document, and what should never be there."""

    documents: dict[str, tuple[str, int]]
    events: dict[str, frozenset[tuple[str, str, str]]]
    mentions: dict[str, int]
    rejections: int
    orphans: int


def snapshot(db: Path) -> Snapshot:
    """Read a database file directly, without bilat's store, to judge what it holds."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        documents = {
            str(i): (str(h), int(n))
            for i, h, n in con.execute(
                "SELECT id, content_hash, n_events FROM documents"
            ).fetchall()
        }
        events: dict[str, set[tuple[str, str, str]]] = {}
        for event_id, doc_id, cameo, source in con.execute(
            "SELECT id, doc_id, cameo, source_code FROM events"
        ).fetchall():
            events.setdefault(str(doc_id), set()).add((str(event_id), str(cameo), str(source)))
        mentions = {
            str(d): int(n)
            for d, n in con.execute("SELECT doc_id, count(*) FROM mentions GROUP BY 1").fetchall()
        }
        orphans = sum(
            int(con.execute(f"SELECT count(*) FROM {table} t WHERE {cond}").fetchall()[0][0])
            for table, cond in (
                ("events", "t.doc_id NOT IN (SELECT id FROM documents)"),
                ("mentions", "t.doc_id NOT IN (SELECT id FROM documents)"),
                ("facts", "t.doc_id NOT IN (SELECT id FROM documents)"),
                ("quotes", "t.doc_id NOT IN (SELECT id FROM documents)"),
            )
        )
        rejections = int(con.execute("SELECT count(*) FROM rejections").fetchall()[0][0])
    finally:
        con.close()
    return Snapshot(
        documents=documents,
        events={k: frozenset(v) for k, v in events.items()},
        mentions=mentions,
        rejections=rejections,
        orphans=orphans,
    )


def start_ingest(corpus: Path, db: Path, *, batch_size: int) -> subprocess.Popen[str]:
    """Start ``bilat ingest`` in its own process, on a database created beforehand.

    The database is created (and migrated) first so that its write-ahead log grows only when
    the ingest commits a batch.
    """
    if not db.exists():
        open_store(db).close()
    args = [*BILAT, "ingest", str(corpus), "--db", str(db), "--batch-size", str(batch_size), "-q"]
    return subprocess.Popen(
        args,
        cwd=db.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "BILAT_CONFIG": str(db.parent / "absent.toml")},
        # A test run started in the background (nohup, `cmd &` in a script) ignores SIGINT,
        # and a child inherits that; the ingest must see Ctrl-C as a user's terminal sends it.
        preexec_fn=_default_sigint,
    )


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run_ingest(corpus: Path, db: Path, *, batch_size: int) -> float:
    """Run an ingest to the end and return how long it took."""
    began = time.monotonic()
    process = start_ingest(corpus, db, batch_size=batch_size)
    _, stderr = process.communicate(timeout=600)
    assert process.returncode == 0, stderr
    return time.monotonic() - began


def wait_for_commit(process: subprocess.Popen[str], db: Path, *, timeout: float) -> bool:
    """Wait until the ingest has committed a batch (its write-ahead log is not empty)."""
    wal = Path(str(db) + ".wal")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        if wal.exists() and wal.stat().st_size > 0:
            return True
        time.sleep(0.05)
    return False


def assert_consistent(found: Snapshot, clean: Snapshot) -> None:
    """Check that every stored document is whole and the same as in the clean run."""
    assert found.orphans == 0
    for doc_id, (digest, n_events) in found.documents.items():
        assert clean.documents[doc_id] == (digest, n_events)
        assert found.events.get(doc_id) == clean.events.get(doc_id), doc_id
        assert found.mentions.get(doc_id) == clean.mentions.get(doc_id), doc_id


def kill_and_resume(
    corpus: Path, db: Path, clean: Snapshot, *, kills: int, batch_size: int, took: float
) -> int:
    """Kill an ingest ``kills`` times at random points after a commit; return kills that landed."""
    rng = random.Random(kills * 1000 + batch_size)
    landed = 0
    for _ in range(kills):
        process = start_ingest(corpus, db, batch_size=batch_size)
        try:
            if wait_for_commit(process, db, timeout=300):
                time.sleep(rng.uniform(0.0, took / 3))
                if process.poll() is None:
                    process.send_signal(signal.SIGKILL)
                    landed += 1
        finally:
            process.kill()
            process.communicate()
        found = snapshot(db)
        KILL_LOG.append(f"kill: {len(found.documents)}/{len(clean.documents)} documents stored")
        assert_consistent(found, clean)
    run_ingest(corpus, db, batch_size=batch_size)
    return landed


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Snapshot, float]:
    """Return a corpus of 160 documents, its clean-run snapshot, and the clean run's time."""
    folder = tmp_path_factory.mktemp("crash")
    corpus = write_corpus(folder / "docs.jsonl", 160)
    db = folder / "clean.duckdb"
    took = run_ingest(corpus, db, batch_size=8)
    return corpus, snapshot(db), took


@pytest.mark.slow
def test_crash_safety_clean_run_stores_every_document_once(
    small: tuple[Path, Snapshot, float],
) -> None:
    _, clean, _ = small
    assert len(clean.documents) == 160
    assert len({digest for digest, _ in clean.documents.values()}) == 160
    assert clean.rejections == 2
    assert clean.orphans == 0


@pytest.mark.slow
def test_crash_safety_sigkill_then_resume_matches_clean_run(
    small: tuple[Path, Snapshot, float], tmp_path: Path
) -> None:
    corpus, clean, took = small
    db = tmp_path / "killed.duckdb"
    landed = kill_and_resume(corpus, db, clean, kills=1, batch_size=8, took=took)
    assert landed == 1
    assert snapshot(db) == clean


@pytest.mark.slow
def test_crash_safety_sigint_stops_cleanly_and_says_how_to_resume(
    small: tuple[Path, Snapshot, float], tmp_path: Path
) -> None:
    corpus, clean, _ = small
    db = tmp_path / "interrupted.duckdb"
    process = start_ingest(corpus, db, batch_size=8)
    try:
        assert wait_for_commit(process, db, timeout=300)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=120)
    finally:
        process.kill()
    assert process.returncode == 1
    message = " ".join(stderr.split())
    assert "Error: [E010] ingest interrupted:" in message
    assert "stored in" in message
    assert "before the stop, in whole batches; run the same command again to resume" in message
    assert "Traceback" not in stderr
    assert_consistent(snapshot(db), clean)
    run_ingest(corpus, db, batch_size=8)
    assert snapshot(db) == clean


@pytest.mark.slow
def test_crash_safety_many_sigkills_on_2000_documents(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "docs.jsonl", 2000, seed=11)
    clean_db = tmp_path / "clean.duckdb"
    took = run_ingest(corpus, clean_db, batch_size=16)
    clean = snapshot(clean_db)
    assert len(clean.documents) == 2000
    db = tmp_path / "killed.duckdb"
    landed = kill_and_resume(corpus, db, clean, kills=4, batch_size=16, took=took)
    assert landed >= 3
    assert snapshot(db) == clean


@pytest.fixture
def mounted(tmp_path: Path) -> Iterator[Path]:
    """Yield a folder on a fresh 4 MB tmpfs, or skip when this process may not mount one."""
    folder = tmp_path / "mnt"
    folder.mkdir()
    if not sys.platform.startswith("linux") or shutil.which("mount") is None:
        pytest.skip("needs Linux mount to make a small disk")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {done.stderr!r}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _fill(folder: Path, *, leave: int) -> Path:
    stat = os.statvfs(folder)
    free = stat.f_bavail * stat.f_frsize
    filler = folder / "filler"
    filler.write_bytes(b"\0" * max(0, free - leave))
    return filler


def _long_corpus(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            words = " ".join(f"w{number}x{j}" for j in range(300))
            text = f"Pakistan praised China on matter {number}. {words}."
            handle.write(json.dumps({"id": f"long{number}", "text": text}) + "\n")
    return path


@pytest.mark.slow
def test_crash_safety_disk_full_names_file_and_fix_and_keeps_whole_batches(
    mounted: Path, tmp_path: Path
) -> None:
    db = mounted / "full.duckdb"
    open_store(db).close()
    filler = _fill(mounted, leave=96 * 1024)
    corpus = _long_corpus(tmp_path / "long.jsonl", 80)
    with pytest.raises(StoreError) as caught:
        ingest([corpus], settings=Settings(db=str(db), batch_size=10))
    message = str(caught.value)
    assert f"cannot add 10 documents to {str(db)!r}" in message
    assert "No space left on device" in message
    assert "the disk is full: free some space" in message
    filler.unlink()
    stored = snapshot(db)
    assert stored.orphans == 0
    assert len(stored.documents) % 10 == 0
    assert len(stored.documents) < 80
    report = ingest([corpus], settings=Settings(db=str(db), batch_size=10))
    assert report.skipped == len(stored.documents)
    assert len(snapshot(db).documents) == 80


def test_crash_safety_read_only_disk_names_file_and_fix(mounted: Path, tmp_path: Path) -> None:
    db = mounted / "ro.duckdb"
    open_store(db).close()
    subprocess.run(["mount", "-o", "remount,ro", str(mounted)], check=True)
    before = db.read_bytes()
    corpus = write_corpus(tmp_path / "docs.jsonl", 3)
    with pytest.raises(StoreError) as caught:
        ingest([corpus], settings=Settings(db=str(db)))
    message = str(caught.value)
    assert str(db) in message
    assert "read-only" in message or "permission denied" in message
    assert db.read_bytes() == before


def test_crash_safety_locked_database_names_file_and_fix(tmp_path: Path) -> None:
    db = tmp_path / "locked.duckdb"
    open_store(db).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ready', "
            "flush=True); time.sleep(60)",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "ready"
        corpus = write_corpus(tmp_path / "docs.jsonl", 3)
        with pytest.raises(StoreError) as caught:
            ingest([corpus], settings=Settings(db=str(db)))
    finally:
        holder.kill()
        holder.communicate()
    message = str(caught.value)
    assert message.startswith(f"[E300] cannot open {str(db)!r}: another process is using it")
    assert "stop that process" in message
    assert snapshot(db).documents == {}
