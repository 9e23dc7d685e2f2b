"""``bilat timeline``, ``bilat facts`` and ``bilat quotes`` end to end, on reports written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilat.cli import app

REPORTS = {
    "talks.txt": (
        "Talks in Islamabad\ndate 2025-01-14\n"
        "Pakistan and the United States held talks in Islamabad on Tuesday.\n"
    ),
    "blast.txt": (
        "Blast in Quetta\ndate 2025-03-03\n"
        "A bomb killed at least 12 people, including four soldiers, in Quetta on Monday.\n"
        "Washington imposed a 29% tariff on Pakistani goods.\n"
        "Foreign Minister Ishaq Dar spoke to reporters in Islamabad.\n"
        "“We will answer this attack with all our strength,” he said.\n"
    ),
}


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("in")
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = str(folder / "t.duckdb")
    code, _ = _run("ingest", str(folder), "--db", path, "--quiet")
    assert code == 0
    return path


def test_timeline_cli_json_has_zero_months(db: str) -> None:
    code, output = _run("timeline", "PAK", "USA", "--by", "month", "--db", db, "--format", "json")
    assert code == 0
    data = json.loads(output)
    assert (data["a"], data["b"], data["by"]) == ("PAK", "USA", "month")
    assert [
        (p["period"], p["events"], p["verbal_coop"], p["material_conflict"], p["goldstein_mean"])
        for p in data["periods"]
    ] == [("2025-01", 1, 1, 0, 1.0), ("2025-02", 0, 0, 0, None), ("2025-03", 1, 0, 1, -8.0)]
    assert data["sparkline"] == "█▁█"
    assert data["trend"]["summary"] == "too few periods to tell a trend (2 with events; 4 needed)"


def test_timeline_cli_directed_and_bounds(db: str) -> None:
    code, output = _run(
        "timeline", "usa", "pak", "--directed", "--since", "2024-12-01", "--db", db, "-f", "json"
    )
    assert code == 0
    assert [(p["period"], p["events"]) for p in json.loads(output)["periods"]] == [
        ("2024-12", 0),
        ("2025-01", 0),
        ("2025-02", 0),
        ("2025-03", 1),
    ]


def test_timeline_cli_csv_rows(db: str) -> None:
    code, output = _run(
        "timeline",
        "PAK",
        "USA",
        "--by",
        "quarter",
        "--since",
        "2024-10-01",
        "--db",
        db,
        "-f",
        "csv",
    )
    assert code == 0
    assert output.splitlines() == [
        "period,start,end,events,verbal_coop,material_coop,verbal_conflict,material_conflict,"
        "goldstein_mean,goldstein_sum",
        "2024-Q4,2024-10-01,2024-12-31,0,0,0,0,0,,0.0",
        "2025-Q1,2025-01-01,2025-03-31,2,1,0,0,1,-3.5,-7.0",
    ]


def test_timeline_cli_table_shows_sparkline_and_trend(db: str) -> None:
    code, output = _run("timeline", "PAK", "USA", "--by", "month", "--db", db)
    assert code == 0
    assert "events     █▁█\n" in output
    assert "Goldstein  █ ▁\n" in output
    assert "trend: too few periods to tell a trend (2 with events; 4 needed)" in output


def test_timeline_cli_bad_period_is_an_error(db: str) -> None:
    result = CliRunner().invoke(app, ["timeline", "PAK", "USA", "--by", "day", "--db", db])
    assert result.exit_code == 1
    assert "unknown period 'day'; use one of week, month, quarter, year" in result.stderr


def test_facts_cli_lists_casualties_and_tariff(db: str) -> None:
    code, output = _run("facts", "--db", db, "--format", "json")
    assert code == 0
    assert [
        (f["kind"], f["value"], f["unit"], f["qualifier"], f["detail"], f["date"])
        for f in json.loads(output)
    ] == [
        ("killed", 12, "people", "at least", None, "2025-03-03"),
        ("killed", 4, "soldiers", None, "including", "2025-03-03"),
        ("tariff", 29, "%", None, None, "2025-03-03"),
    ]
    code, output = _run("facts", "--db", db, "--kind", "tariff", "--format", "csv")
    assert output.splitlines()[1].startswith("blast,2025-03-03,tariff,29,%,,,29%,")


def test_quotes_cli_resolves_he_said(db: str) -> None:
    code, output = _run("quotes", "--db", db, "--speaker", "PAKGOV", "--format", "json")
    assert code == 0
    assert [(q["speaker"], q["speaker_name"], q["speaker_text"]) for q in json.loads(output)] == [
        ("PAKGOV", "Ishaq Dar", "he")
    ]
    code, output = _run("quotes", "--db", db, "--speaker", "USA", "--format", "json")
    assert json.loads(output) == []


def test_seeds_timeline_and_facts(shared: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "seeds.duckdb")
    code, _ = _run("ingest", str(shared / "corpus" / "seeds"), "--db", db, "--quiet")
    assert code == 0
    code, output = _run("timeline", "PAK", "USA", "--by", "year", "--db", db, "-f", "json")
    active = [p["period"] for p in json.loads(output)["periods"] if p["events"]]
    assert active == ["2022", "2024", "2025"]
    code, output = _run("facts", "--db", db, "--format", "json")
    facts = [(f["kind"], f["value"], f["qualifier"], f["text"]) for f in json.loads(output)]
    assert ("killed", 50, "over", "over 50 people") in facts
    assert ("tariff", 29, None, "29%") in facts
