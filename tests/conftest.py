"""Shared fixtures for bilat's tests."""

from __future__ import annotations

import contextlib
import datetime as dt
import http.server
import importlib.util
import itertools
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest

from bilat.records import (
    Actor,
    DatePrecision,
    DateSource,
    Document,
    DocumentDate,
    Event,
    Extraction,
    Factuality,
)
from bilat.store import Store, open_store

if TYPE_CHECKING:
    from pg_server import PostgresServer

STORE_BACKENDS = ["duckdb", "postgresql"]

_database_names = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """Start one throwaway PostgreSQL server for the session, or skip saying why it cannot."""
    # Imported here because pg_server takes free_port from this module.
    from pg_server import PostgresServer, PostgresUnavailable

    try:
        server = PostgresServer()
        server.start()
    except PostgresUnavailable as error:
        pytest.skip(f"PostgreSQL server unavailable: {error}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """Yield the URL of a new, empty database on the session's server; drop it afterwards."""
    # Dropped at once so that the cluster holds a few databases, not one per test.
    name = f"t{next(_database_names)}"
    yield postgres_server.create_database(name)
    postgres_server.drop_database(name)


@pytest.fixture(params=STORE_BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """Yield an empty, migrated store of each backend, closed afterwards."""
    if request.param == "duckdb":
        opened = open_store(tmp_path / "bilat.duckdb")
    elif request.param == "postgresql":
        opened = open_store(request.getfixturevalue("postgres_url"))
    else:
        pytest.fail(f"no store fixture for backend {request.param!r}")
    with opened:
        yield opened


SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FLOORS = Path(__file__).resolve().parent / "floors.json"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a DuckDB store of the bundled examples/, ingested once for the session."""
    from bilat import ingest, load_settings

    path = tmp_path_factory.mktemp("examples") / "bilat.duckdb"
    report = ingest([str(EXAMPLES)], settings=load_settings(db=str(path)))
    assert (report.added, report.rejected) == (len(list(EXAMPLES.glob("*.txt"))), 0), report
    return path


@pytest.fixture(scope="session")
def pipeline() -> object:
    """Return the extraction pipeline, loaded once for the whole test session."""
    from bilat.extract import Pipeline

    return Pipeline.load()


@pytest.fixture
def shared() -> Path:
    """Return ../shared, or skip the test when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared not present")
    return SHARED


def coded(pipeline: Any, text: str, date: str | None = None) -> list[tuple[str, str, str, str]]:
    """Return (source code, CAMEO, target code or "", factuality) of each event of a text."""
    extraction = pipeline.extract(Document.from_text(text, doc_id="t", published=date))
    return [
        (e.source.code, e.cameo, e.target.code if e.target else "", e.factuality.value)
        for e in extraction.events
    ]


def actor(code: str | None, **extra: Any) -> Actor | None:
    """Return an actor whose country is the code's first three letters, sector the rest."""
    if code is None:
        return None
    return Actor(code=code, country=code[:3], sector=code[3:] or None, **extra)


def make_event(
    event_id: str,
    doc_id: str,
    source: str,
    target: str | None,
    *,
    cameo: str = "042",
    cameo_name: str | None = None,
    quad: int = 1,
    goldstein: float = 1.0,
    date: str | None = None,
    factuality: Factuality = Factuality.ASSERTED,
    sentence: str = "The two sides met.",
    confidence: float = 0.5,
    **extra: Any,
) -> Event:
    """Return an event with the given actors, code and date; the rest is filler."""
    source_actor = actor(source)
    assert source_actor is not None
    return Event(
        id=event_id,
        doc_id=doc_id,
        sentence=sentence,
        sentence_start=0,
        sentence_end=len(sentence),
        sentence_index=0,
        cameo=cameo,
        cameo_name=cameo_name or f"code {cameo}",
        source=source_actor,
        target=actor(target),
        goldstein=goldstein,
        quad_class=quad,
        plover_type=None,
        plover_mode=None,
        factuality=factuality,
        confidence=confidence,
        rule="test-rule",
        trigger="met",
        trigger_start=4,
        trigger_end=7,
        date=date,
        date_precision=DatePrecision.DAY if date else DatePrecision.UNKNOWN,
        **extra,
    )


def make_extraction(
    doc_id: str, text: str, events: tuple[Event, ...], *, date: str | None = None, **extra: Any
) -> Extraction:
    """Return an extraction of a document dated ``date`` (or undated) holding ``events``."""
    document = Document.from_text(text, doc_id=doc_id, title=f"Title {doc_id}", published=date)
    if date:
        doc_date = DocumentDate(date, date, date, DatePrecision.DAY, DateSource.METADATA, "meta")
    else:
        doc_date = DocumentDate.unknown()
    return Extraction(document=document, date=doc_date, events=events, **extra)


def free_port() -> int:
    """Return a TCP port free on 127.0.0.1 now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get_json(url: str) -> Any:
    """Return the decoded JSON body of a GET to ``url``."""
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.load(response)


@contextlib.contextmanager
def bilat_server(db: Path, *, token: str | None = None, timeout: float = 90) -> Iterator[str]:
    """Run ``bilat serve`` over ``db`` on a free port; yield its base URL, then stop it.

    Args:
        db: The DuckDB store to serve.
        token: The write token the server asks for; none: writes are refused.
        timeout: Seconds to wait for /api/health before failing the test.

    Returns:
        A context manager yielding ``http://127.0.0.1:PORT``.
    """
    port = free_port()
    bilat = Path(sys.executable).parent / "bilat"
    command = [str(bilat), "serve", "--db", str(db), "--port", str(port)]
    if token is not None:
        command += ["--token", token]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                if get_json(f"{base}/api/health")["ok"]:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                error = process.stderr.read().decode() if process.stderr else ""
                pytest.fail(f"bilat serve did not start: {error[-2000:]}")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)
        if process.stderr is not None:
            process.stderr.close()


def floor(area: str, name: str) -> float:
    """Return a quality floor from tests/floors.json, the one place floors are pinned.

    Args:
        area: The evaluation, e.g. ``"seeds_events"``.
        name: The measure, e.g. ``"precision"``.

    Returns:
        The least value the measure may take; raise floors when quality improves, never
        lower them silently.
    """
    value = json.loads(FLOORS.read_text(encoding="utf-8"))[area][name]
    assert isinstance(value, int | float), f"floor {area}.{name} is not a number"
    return float(value)


def tenure_clashes(
    people: Iterable[Any],
    offices: Iterable[str],
    *,
    excused: Callable[[Any], bool],
    until: dt.date,
) -> list[str]:
    """Return the pairs of people holding one single-holder office in one country at once.

    Args:
        people: knowledge people (``id`` and dated ``roles``).
        offices: the offices one person holds at a time (head of state, foreign minister…).
        excused: roles that may overlap another holder's (acting holders, noted overlaps).
        until: the end of a tenure still open.

    Returns:
        One line per clash; a handover day counted in both tenures is not a clash.
    """
    single = set(offices)
    held: dict[tuple[str, str], list[tuple[str, Any]]] = {}
    for person in people:
        for role in person.roles:
            if role.office in single:
                held.setdefault((role.office, role.country), []).append((person.id, role))
    clashes = []
    for (office, country), roles in held.items():
        for (id_a, a), (id_b, b) in itertools.combinations(roles, 2):
            if id_a == id_b or excused(a) or excused(b):
                continue
            start, end = max(a.start, b.start), min(a.end or until, b.end or until)
            if (end - start).days > 1:
                clashes.append(
                    f"{office} {country}: {id_a} {a.start}..{a.end} / {id_b} {b.start}..{b.end}"
                )
    return clashes


@contextlib.contextmanager
def serving(server: http.server.HTTPServer) -> Iterator[None]:
    """Run a local HTTP server in a thread while the block runs, then shut it down."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def load_script(path: Path) -> ModuleType:
    """Import a script that is not part of the package (a benchmark, the shared scorer).

    Args:
        path: The script's file.

    Returns:
        The module, registered in ``sys.modules`` under the file's stem: dataclasses look
        their module up there while they are built.
    """
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
