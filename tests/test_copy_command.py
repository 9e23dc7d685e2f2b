"""``bilat copy`` moves a store; ``bilat migrate``, its old name, still works and warns."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilat.cli import app
from bilat.store import EventQuery, open_store
from conftest import make_event, make_extraction


@pytest.fixture
def source(tmp_path: Path) -> str:
    path = str(tmp_path / "source.duckdb")
    with open_store(path) as store:
        event = make_event("e1", "d1", "PAKGOV", "USAGOV", date="2025-03-01")
        store.add([make_extraction("d1", "Pakistan met the US.", (event,), date="2025-03-01")])
        store.set_verdict("e1", "confirm", note="seen in the readout")
    return path


def _copied(target: str) -> tuple[list[str], list[tuple[str, str]]]:
    with open_store(target, read_only=True) as store:
        events = [e.id for e in store.events(EventQuery(mentions=True))]
        verdicts = [(v.event_id, v.verdict.value) for v in store.verdicts()]
    return events, verdicts


def test_copy_command_copies_documents_events_and_verdicts(source: str, tmp_path: Path) -> None:
    target = str(tmp_path / "target.duckdb")
    result = CliRunner().invoke(app, ["copy", "--from", source, "--to", target])
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "copied 1 documents (0 already there), 1 events, 0 rejections, 1 verdicts\n",
        "",
    )
    assert _copied(target) == (["e1"], [("e1", "confirm")])


def test_copy_command_old_name_migrate_warns_and_copies(source: str, tmp_path: Path) -> None:
    target = str(tmp_path / "target.duckdb")
    result = CliRunner().invoke(app, ["migrate", "--from", source, "--to", target])
    assert (result.exit_code, result.stdout) == (
        0,
        "copied 1 documents (0 already there), 1 events, 0 rejections, 1 verdicts\n",
    )
    assert result.stderr == (
        "warning: `bilat migrate` is deprecated and will be removed; run `bilat copy` with the "
        "same options\n"
    )
    assert _copied(target) == (["e1"], [("e1", "confirm")])


def test_copy_command_old_name_is_hidden_from_help() -> None:
    listed = CliRunner().invoke(app, ["--help"]).stdout
    assert " copy " in listed
    assert " migrate " not in listed
