"""PostgreSQL as a team's shared store: concurrent writers, and the same answers as DuckDB.

The store protocol's own tests run on both backends (tests/test_store.py via the ``store``
fixture); these check what only a server can show. They use the bundled example reports.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import psycopg
import pytest

from bilat.store import EventQuery, open_store

if TYPE_CHECKING:
    from pg_server import PostgresServer

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ALL = EventQuery(
    factuality=("asserted", "planned", "reported", "negated", "hypothetical"), mentions=True
)


def _ingest(folder: Path, db: str, batch_size: int = 2) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "bilat", "ingest", str(folder), "--db", db]
    return subprocess.Popen(
        [*command, "--batch-size", str(batch_size), "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "BILAT_DB": ""},
    )


def _finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    _, stderr = process.communicate(timeout=600)
    return process.returncode, stderr


def _snapshot(db: str) -> tuple[list[str], list[tuple[str, str, str | None]]]:
    with open_store(db, read_only=True) as store:
        documents = sorted(str(row.id) for row in store.documents(status="accepted"))
        events = sorted(
            (e.id, e.cameo, e.target.code if e.target else None) for e in store.events(ALL)
        )
    return documents, events


@pytest.mark.slow
def test_postgres_two_concurrent_ingests_lose_and_double_nothing(
    postgres_url: str, tmp_path: Path
) -> None:
    reference = str(tmp_path / "reference.duckdb")
    assert _finish(_ingest(EXAMPLES, reference))[0] == 0
    expected = _snapshot(reference)
    assert len(expected[0]) == len(list(EXAMPLES.glob("*.txt")))

    running = [_ingest(EXAMPLES, postgres_url), _ingest(EXAMPLES, postgres_url)]
    outcomes = [_finish(process) for process in running]
    # Either process may find every document already stored: nothing new is exit code 0 or 1.
    assert all(code in (0, 1) for code, _ in outcomes), outcomes
    assert any(code == 0 for code, _ in outcomes), outcomes
    assert _snapshot(postgres_url) == expected


@pytest.mark.slow
def test_postgres_copy_copies_a_duckdb_store_with_its_verdicts(
    postgres_url: str, tmp_path: Path
) -> None:
    source = str(tmp_path / "source.duckdb")
    assert _finish(_ingest(EXAMPLES, source))[0] == 0
    with open_store(source) as store:
        first, second = store.events(EventQuery(limit=2))
        store.set_verdict(first.id, "confirm", note="checked against the ministry's readout")
        store.set_verdict(second.id, "reject")
        expected_verdicts = [(v.event_id, v.verdict, v.note) for v in store.verdicts()]
    expected = _snapshot(source)

    command = [sys.executable, "-m", "bilat", "copy", "--from", source, "--to", postgres_url]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    assert "2 verdicts" in done.stdout

    assert _snapshot(postgres_url) == expected
    with open_store(postgres_url) as store:
        assert [(v.event_id, v.verdict, v.note) for v in store.verdicts()] == expected_verdicts
        assert store.event(second.id) is not None
        assert second.id not in {e.id for e in store.events()}
    again = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert "copied 0 documents" in again.stdout


def test_postgres_server_starts_on_another_port_when_its_port_is_taken() -> None:
    from pg_server import MEMORY_DIR, PostgresServer, PostgresUnavailable

    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        taken = squatter.getsockname()[1]
        try:
            server = PostgresServer()
        except PostgresUnavailable as error:
            pytest.skip(f"PostgreSQL server unavailable: {error}")
        server.port = taken
        with server:
            assert server.port != taken
            assert (server.root.parent == MEMORY_DIR) == MEMORY_DIR.is_dir()
            with psycopg.connect(server.url(), autocommit=True) as connection:
                assert connection.execute("SELECT 1").fetchone() == (1,)
        assert not server.root.exists()


def test_postgres_server_drops_a_database_a_connection_still_holds(
    postgres_server: PostgresServer,
) -> None:
    url = postgres_server.create_database("dropped")
    holder = psycopg.connect(url)
    postgres_server.drop_database("dropped")
    with psycopg.connect(postgres_server.url(), autocommit=True) as connection:
        rows = connection.execute("SELECT datname FROM pg_database WHERE datname = 'dropped'")
        assert rows.fetchall() == []
    holder.close()
