"""Fact kinds: ``casualties`` stands for every casualty kind; an unknown kind is an error."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilat.cli import app
from bilat.errors import InputError
from bilat.facts.kinds import fact_kinds, resolve_kind
from bilat.records import Fact
from bilat.store import open_store
from conftest import make_extraction

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

KNOWN = (
    "casualties (killed, injured, abducted, arrested), killed, injured, abducted, arrested, "
    "money, percent, tariff"
)


def test_fact_kinds_group_the_casualty_kinds_of_units_yaml() -> None:
    assert fact_kinds() == {
        "casualties": ("killed", "injured", "abducted", "arrested"),
        "killed": ("killed",),
        "injured": ("injured",),
        "abducted": ("abducted",),
        "arrested": ("arrested",),
        "money": ("money",),
        "percent": ("percent",),
        "tariff": ("tariff",),
    }


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("casualties", ("killed", "injured", "abducted", "arrested")),
        (" Killed ", ("killed",)),
        ("money", ("money",)),
    ],
)
def test_resolve_kind(kind: str, expected: tuple[str, ...]) -> None:
    assert resolve_kind(kind) == expected


def test_resolve_kind_unknown_lists_the_valid_ones() -> None:
    with pytest.raises(InputError) as caught:
        resolve_kind("deaths")
    assert caught.value.message == f"unknown fact kind 'deaths'; use one of {KNOWN}"


@pytest.fixture
def db(tmp_path: Path) -> str:
    """Return a DuckDB store holding one killed, one injured and one money fact."""
    text = "Ten people were killed and four injured; the loan is $2 billion."
    facts = (
        Fact("f", "killed", 10.0, None, None, "Ten people were killed", 0, 22, 0),
        Fact("f", "injured", 4.0, None, None, "four injured", 27, 39, 0),
        Fact("f", "money", 2e9, "USD", None, "$2 billion", 54, 64, 0),
    )
    path = tmp_path / "facts.duckdb"
    with open_store(path) as store:
        store.add([make_extraction("f", text, (), date="2025-02-01", facts=facts)])
    return str(path)


def test_cli_facts_casualties_lists_killed_and_injured(db: str) -> None:
    result = CliRunner().invoke(
        app, ["facts", "--kind", "casualties", "--format", "json", "--db", db]
    )
    assert result.exit_code == 0, result.output
    assert [(r["kind"], r["value"]) for r in json.loads(result.stdout)] == [
        ("killed", 10),
        ("injured", 4),
    ]


def test_cli_facts_unknown_kind_is_an_error(db: str) -> None:
    result = CliRunner().invoke(app, ["facts", "--kind", "deaths", "--db", db])
    assert result.exit_code == 1
    assert result.stderr == f"Error: [E100] unknown fact kind 'deaths'; use one of {KNOWN}\n"


def test_api_facts_kind(db: str) -> None:
    from bilat.server import create_app

    with TestClient(create_app(db)) as client:
        found = client.get("/api/facts?kind=casualties").json()
        wrong = client.get("/api/facts?kind=deaths")
    assert [f["kind"] for f in found["facts"]] == ["killed", "injured"]
    assert wrong.status_code == 422
    assert wrong.json()["error"] == f"unknown fact kind 'deaths'; use one of {KNOWN}"
