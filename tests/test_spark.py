"""The Spark job codes the same events as a local ingest, and ``bilat load`` stores them."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilat.cli import app
from bilat.errors import BilatError
from bilat.ingest import ingest
from bilat.records import Event
from bilat.settings import Settings
from bilat.spark import input_format, load_output
from bilat.store import EventQuery, open_store

ALL = EventQuery(
    factuality=("asserted", "planned", "reported", "negated", "hypothetical"), mentions=True
)

COUNTRIES = ["Pakistan", "India", "China", "Japan", "Iran", "Afghanistan", "Russia", "France"]
ACTS = [
    "{a} condemned {b} on {day} over the border shelling.",
    "The foreign minister of {a} held talks with {b} in the capital on {day}.",
    "{a} praised {b} for its help after the floods.",
    "{a} urged {b} to release the detained fishermen.",
    "Officials said {a} and {b} signed a trade agreement on {day}.",
    "{a} accused {b} of backing militants near the frontier.",
]
FILLER = [
    "Share prices rose {n} percent in morning trade.",
    "The weather stayed dry across the plains for a {n}th day.",
    "Analysts expect the harvest to reach {n} million tonnes.",
    "Traffic was heavy on the main highway, with {n} buses delayed.",
    "A local football club signed {n} young players.",
    "The museum reopened after {n} months of repairs.",
    "Rail workers ended a strike that lasted {n} hours.",
    "The central bank kept its rate at {n} percent.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def newswire(count: int) -> list[dict[str, str]]:
    """Return newswire-style records made from templates, different and repeatable."""
    records = []
    for i in range(count):
        pick = random.Random(i)
        a, b = pick.sample(COUNTRIES, 2)
        day = pick.choice(DAYS)
        lines = [f.format(n=pick.randint(2, 900)) for f in pick.sample(FILLER, 3)]
        lines.insert(1, pick.choice(ACTS).format(a=a, b=b, day=day))
        if i % 5 == 0:
            lines.append(pick.choice(ACTS).format(a=b, b=a, day=day))
        records.append(
            {
                "id": f"wire-{i:04d}",
                "published": f"1998-{1 + i % 12:02d}-{1 + i % 28:02d}",
                "title": f"{a} and {b}",
                "text": "\n\n".join(lines),
            }
        )
    return records


def _events(db: Path) -> list[Event]:
    with open_store(db, read_only=True) as store:
        return sorted(store.events(ALL), key=lambda e: e.id)


def test_input_format_names_jsonl_and_parquet(tmp_path: Path) -> None:
    assert [input_format(p) for p in ("a.jsonl", "b.parquet", str(tmp_path))] == [
        "jsonl",
        "parquet",
        "parquet",
    ]
    with pytest.raises(BilatError, match="cannot tell the format"):
        input_format("notes.txt")


def test_load_output_rejects_a_directory_without_documents(tmp_path: Path) -> None:
    with open_store(":memory:") as store, pytest.raises(BilatError, match="no kind=document/"):
        load_output(tmp_path, store)


@pytest.mark.slow
def test_spark_run_equals_local_ingest_event_for_event(tmp_path: Path) -> None:
    if shutil.which("java") is None:
        pytest.skip("java is not installed; the Spark job needs a JRE")
    pytest.importorskip("pyspark")
    source = tmp_path / "wire.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in newswire(200)), encoding="utf-8")
    local_db = tmp_path / "local.duckdb"
    report = ingest([source], settings=Settings(db=str(local_db)))
    assert report.added == 200

    # In its own process, as a user runs it: py4j's gateway threads end with that process
    # instead of outliving the test inside pytest.
    command = [sys.executable, "-m", "bilat", "spark", "run", str(source), str(tmp_path / "out")]
    result = subprocess.run(
        [*command, "--master", "local[2]", "-q"],
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    runner = CliRunner()
    spark_db = tmp_path / "spark.duckdb"
    loaded = runner.invoke(app, ["load", str(tmp_path / "out"), "--db", str(spark_db)])
    assert loaded.exit_code == 0, loaded.output

    local, spark = _events(local_db), _events(spark_db)
    assert report.events > 200
    assert len(local) == report.events
    assert [e.as_dict() for e in spark] == [e.as_dict() for e in local]
    again = runner.invoke(app, ["load", str(tmp_path / "out"), "--db", str(spark_db)])
    assert again.stdout.startswith("added 0 documents (200 already stored)")
