"""Commands that do not extract start without importing spaCy, scipy or ruptures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import bilat
from bilat.store import open_store
from conftest import make_event, make_extraction

HEAVY = ("spacy", "scipy", "ruptures")

# Runs one command in a fresh interpreter and prints its exit code and the heavy modules loaded.
RUN_COMMAND = """
import json, sys
from bilat.cli import main
try:
    main(sys.argv[1:])
    code = 0
except SystemExit as stop:
    code = stop.code or 0
heavy = sorted(m for m in {heavy!r} if m in sys.modules)
print(json.dumps({{"exit": code, "heavy": heavy}}))
"""

# Serves one read through the API in-process, then reports the same.
SERVE_READ = """
import json, sys
from fastapi.testclient import TestClient
from bilat.server import create_app
with TestClient(create_app(sys.argv[1])) as client:
    status = client.get("/api/events", params={{"dyad": "PAK,USA"}}).status_code
heavy = sorted(m for m in {heavy!r} if m in sys.modules)
print(json.dumps({{"exit": status, "heavy": heavy}}))
"""


def _python(code: str, *args: str) -> dict[str, object]:
    src = str(Path(bilat.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    last: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return last


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("startup") / "events.duckdb"
    event = make_event("e1", "d1", "PAK", "USA", date="2025-03-01")
    with open_store(path) as store:
        store.add([make_extraction("d1", "Pakistan met the US.", (event,), date="2025-03-01")])
    return str(path)


def test_startup_import_cli_loads_no_heavy_module() -> None:
    code = f"import sys, json, bilat, bilat.cli; print(json.dumps(sorted(m for m in {HEAVY!r} "
    code += "if m in sys.modules)))"
    src = str(Path(bilat.__file__).resolve().parents[1])
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": src},
        check=True,
        timeout=120,
    )
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["ingest", "--help"],
        ["docs", "--db", "{db}", "--format", "json"],
        ["events", "--db", "{db}", "--dyad", "PAK,USA", "--format", "json"],
        ["dyads", "--db", "{db}", "--format", "json"],
        ["export", "--db", "{db}", "--format", "csv"],
        ["export", "--db", "{db}", "--format", "parquet", "--output", "{db}.parquet"],
    ],
)
def test_startup_command_loads_no_heavy_module(argv: list[str], db: str) -> None:
    args = [a.replace("{db}", db) for a in argv]
    assert _python(RUN_COMMAND.format(heavy=HEAVY), *args) == {"exit": 0, "heavy": []}


HELP_IMPORTS = """
import json, sys
from bilat.cli import main
try:
    main(["--help"])
except SystemExit:
    pass
print(json.dumps({
    "bilat": sorted(m for m in sys.modules if m.startswith("bilat.")),
    "libraries": sorted(m for m in ("duckdb", "fastapi", "feedparser", "pydantic", "yaml") if m in sys.modules),
}))
"""


def test_startup_help_imports_only_the_cli_and_the_store_interface() -> None:
    # --help needs the commands' signatures, not the stages or the settings' validation.
    assert _python(HELP_IMPORTS) == {
        "bilat": [
            "bilat.cli",
            "bilat.cli.analytics",
            "bilat.cli.common",
            "bilat.cli.core",
            "bilat.cli.knowledge",
            "bilat.cli.loop",
            "bilat.cli.monitor",
            "bilat.cli.options",
            "bilat.cli.review",
            "bilat.cli.spark",
            "bilat.cli.stores",
            "bilat.cli.verify",
            "bilat.errors",
            "bilat.records",
            "bilat.store",
            "bilat.store.base",
            "bilat.store.rows",
            "bilat.verdicts",
            "bilat.version",
            "bilat.views",
            "bilat.views.filters",
        ],
        "libraries": [],
    }


def test_startup_serve_reads_without_heavy_module(db: str) -> None:
    assert _python(SERVE_READ.format(heavy=HEAVY), db) == {"exit": 200, "heavy": []}


def test_startup_ingest_loads_spacy(tmp_path: Path) -> None:
    # The check above can fail: a command that extracts does import spaCy.
    article = tmp_path / "a.txt"
    article.write_text("Pakistan condemned India.\n", encoding="utf-8")
    db = str(tmp_path / "x.duckdb")
    # One article's rows go into DuckDB without pyarrow (which would import pandas too).
    heavy = (*HEAVY, "pandas", "pyarrow")
    result = _python(RUN_COMMAND.format(heavy=heavy), "ingest", str(article), "--db", db, "-q")
    assert result == {"exit": 0, "heavy": ["spacy"]}


def test_startup_package_functions_survive_submodule_import() -> None:
    import bilat.extract
    import bilat.ingest
    from bilat.extract import extract
    from bilat.ingest import ingest

    assert (bilat.ingest, bilat.extract) == (ingest, extract)


# The program's exit: output flushed, exit handlers run, the command's status kept.
RUN_PROGRAM = """
import atexit, sys
from bilat.cli import run
atexit.register(print, "exit handler ran")
sys.argv = ["bilat", *sys.argv[1:]]
run()
"""


@pytest.mark.parametrize(
    ("args", "status", "stdout_has", "stderr_has"),
    [
        (["--help"], 0, "Usage: ", ""),
        (["ingest", "{missing}", "--db", "{db}", "-q"], 1, "", "Error: no document was accepted"),
        (["no-such-command"], 2, "", "No such command"),
    ],
)
def test_cli_run_exits_with_the_command_status(
    tmp_path: Path, args: list[str], status: int, stdout_has: str, stderr_has: str
) -> None:
    src = str(Path(bilat.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}
    filled = [a.format(db=tmp_path / "new.duckdb", missing=tmp_path / "missing.txt") for a in args]
    done = subprocess.run(
        [sys.executable, "-c", RUN_PROGRAM, *filled],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == status, done.stderr
    assert stdout_has in done.stdout
    assert done.stdout.rstrip().endswith("exit handler ran")
    assert stderr_has in done.stderr
