"""The CLI prints messages and table cells as written: square brackets are text, not markup."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilat.cli import app
from bilat.store import open_store
from conftest import make_event, make_extraction


def test_alerts_test_without_rules_names_the_alerts_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["alerts", "test", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: no [[alerts]] rules found; add some to bilat.toml (see `bilat alerts --help`)\n"
    )


def test_spark_hint_keeps_the_extra_in_brackets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)
    docs = tmp_path / "docs.jsonl"
    docs.write_text('{"id": "a", "text": "India condemned Pakistan."}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["spark", "run", str(docs), str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: [E000] the Spark job needs pyspark; install it with `pip install 'bilat[spark]'`\n"
    )


def test_table_cells_keep_square_brackets(tmp_path: Path) -> None:
    db = tmp_path / "b.duckdb"
    event = make_event("e1", "d[1]", "PAKGOV", "INDGOV", date="2025-01-02", sentence="[b]Hi[/b]")
    with open_store(db) as store:
        store.add([make_extraction("d[1]", "[b]Hi[/b] there.", (event,), date="2025-01-02")])
    result = CliRunner().invoke(app, ["events", "--db", str(db)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "[b]Hi[/b]" in result.stdout


@pytest.fixture
def dyads_db(tmp_path: Path) -> str:
    """Return a store with two PAK–USA events (one month-dated) and one IND–PAK event."""
    events = (
        make_event("e1", "d", "PAKGOV", "USAGOV", date="2025-01-02", goldstein=1.9),
        make_event("e2", "d", "USAGOV", "PAKGOV", date="2025-03", quad=3, goldstein=-2.0),
        make_event("e3", "d", "INDGOV", "PAKGOV", date="2025-02-11", quad=4, goldstein=-10.0),
    )
    db = tmp_path / "dyads.duckdb"
    with open_store(db) as store:
        store.add([make_extraction("d", "Three short reports.", events, date="2025-01-02")])
    return str(db)


def test_dyads_in_80_columns_uses_short_headers_and_a_legend(dyads_db: str) -> None:
    result = CliRunner().invoke(app, ["dyads", "--db", dyads_db], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert [line.rstrip() for line in result.stdout.splitlines()] == [
        "a    b    events  vcoop  mcoop  vconf  mconf    gold  first       last",
        "─" * 76,
        "PAK  USA       2      1      0      1      0   -0.05  2025-01-02  2025-03",
        "IND  PAK       1      0      0      0      1  -10.00  2025-02-11  2025-02-11",
        "vcoop = verbal_coop; mcoop = material_coop; vconf = verbal_conflict; mconf =",
        "material_conflict; gold = goldstein_mean",
        "2 rows",
    ]


def test_dyads_in_a_wide_terminal_keeps_full_headers(dyads_db: str) -> None:
    result = CliRunner().invoke(app, ["dyads", "--db", dyads_db], env={"COLUMNS": "160"})
    header = result.stdout.splitlines()[1]
    assert header.split("┃")[1:-1] == [
        " a   ",
        " b   ",
        " events ",
        " verbal_coop ",
        " material_coop ",
        " verbal_conflict ",
        " material_conflict ",
        " goldstein_mean ",
        " first      ",
        " last       ",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["events", "--dyad", "PAK,XXX"],
            "no stored event involves the country 'XXX'; countries in the store: IND, PAK, USA",
        ),
        (
            ["timeline", "PKA", "USA"],
            "no stored event involves the country 'PKA'; countries in the store: IND, PAK, USA",
        ),
        (
            ["events", "--actor", "PAKMIL"],
            "no stored actor code starts with 'PAKMIL'; countries in the store: IND, PAK, USA "
            "(`bilat actors` lists every code)",
        ),
        (
            ["quotes", "--speaker", "CHN"],
            "no stored actor code starts with 'CHN'; countries in the store: IND, PAK, USA "
            "(`bilat actors` lists every code)",
        ),
    ],
)
def test_unknown_codes_are_errors_naming_the_stored_countries(
    dyads_db: str, args: list[str], message: str
) -> None:
    result = CliRunner().invoke(app, [*args, "--db", dyads_db])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {message}\n"


def test_known_codes_with_nothing_in_the_period_list_no_rows(dyads_db: str) -> None:
    args = ["events", "--dyad", "PAK,USA", "--since", "2026-01-01", "--format", "json"]
    result = CliRunner().invoke(app, [*args, "--db", dyads_db])
    assert result.exit_code == 0, result.output
    assert result.stdout == "[]\n"
