"""One declaration of the event filters gives both the CLI's options and the API's parameters."""

from __future__ import annotations

from typing import Any

import pytest
import typer.core
import typer.main

from bilat.cli import app
from bilat.cli.options import filter_options
from bilat.server import create_app
from bilat.store import open_store
from bilat.views.filters import EVENT_FILTERS


def _cli_options(command: str) -> dict[str, str]:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    found = group.commands[command]
    return {
        option.opts[0]: option.help or ""
        for option in found.params
        if isinstance(option, typer.core.TyperOption)
    }


@pytest.fixture(scope="module")
def openapi(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    db = tmp_path_factory.mktemp("filters") / "empty.duckdb"
    open_store(db).close()
    schema: dict[str, Any] = create_app(str(db)).openapi()
    return schema


def _api_parameters(schema: dict[str, Any], path: str) -> dict[str, str]:
    return {p["name"]: p["description"] for p in schema["paths"][path]["get"]["parameters"]}


def test_filter_declaration_gives_the_events_command_its_options() -> None:
    options = _cli_options("events")
    assert {
        flag: options[flag] for flag in options if flag not in ("--db", "--format", "--help")
    } == {
        "--dyad": "Two country codes, either direction: PAK,USA.",
        "--actor": "Source or target actor code prefix: PAK or PAKGOV.",
        "--since": "First date, inclusive (YYYY-MM-DD).",
        "--until": "Last date, inclusive (YYYY-MM-DD).",
        "--root": "CAMEO code prefix: 04 or 042.",
        "--doc": "Only this document's events.",
        "--all": "Include negated and hypothetical events.",
        "--mentions": "Every report of each event, not one row per clustered event.",
        "--limit": "At most this many events.",
    }


@pytest.mark.parametrize("path", ["/api/events", "/api/export"])
def test_filter_declaration_gives_the_api_its_query_parameters(
    openapi: dict[str, Any], path: str
) -> None:
    parameters = _api_parameters(openapi, path)
    declared = {f.name: f.help for f in EVENT_FILTERS if f.api}
    assert {name: parameters[name] for name in declared} == declared


def test_filter_declaration_cli_and_api_describe_a_filter_alike(openapi: dict[str, Any]) -> None:
    cli = _cli_options("export")
    api = _api_parameters(openapi, "/api/events")
    shared = [f for f in EVENT_FILTERS if f.api and f.flag and f.flag in cli]
    assert [f.name for f in shared] == ["dyad", "actor", "since", "until", "root"]
    assert all(cli[f.flag or ""] == api[f.name] + "." for f in shared)


def test_filter_options_refuse_a_filter_the_command_line_does_not_offer() -> None:
    with pytest.raises(ValueError, match=r"filters \['q'\] have no command-line flag"):
        filter_options("dyad", "q")


def test_filter_options_refuse_an_undeclared_filter() -> None:
    with pytest.raises(KeyError, match="no event filter named \\['colour'\\]"):
        filter_options("colour")
