"""The command line, end to end on short reports written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilat.cli import app

REPORTS = {
    "a.txt": "Talks in Ankara\ndate 2025-03-04\nANKARA: Turkey condemned Greece on Tuesday.\n",
    "b.txt": "Aid for Nepal\ndate 2024-06-10\nIndia will send aid to Nepal.\n",
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (folder / "old.txt").write_bytes(
        "Caf\xe9 talks\ndate 2024-01-02\nFrance praised Belgium.\n".encode("latin-1")
    )
    return folder


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout


@pytest.mark.slow
def test_cli_ingest_then_query(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "t.duckdb")
    code, _ = _run("ingest", str(corpus), "--db", db, "--quiet")
    assert code == 0
    code, output = _run("events", "--db", db, "--format", "json")
    events = json.loads(output)
    assert [
        (e["source"]["code"], e["cameo"], e["target"]["code"], e["date"], e["factuality"])
        for e in events
    ] == [
        ("FRA", "051", "BEL", "2024-01-02", "asserted"),
        ("IND", "070", "NPL", "2024-06-10", "planned"),
        ("TUR", "111", "GRC", "2025-03-04", "asserted"),
    ]
    code, output = _run("events", "--db", db, "--dyad", "GRC,TUR", "--format", "jsonl")
    assert [json.loads(line)["doc_id"] for line in output.splitlines()] == ["a"]
    code, output = _run("dyads", "--db", db, "--format", "json")
    assert [(r["a"], r["b"], r["events"], r["verbal_conflict"]) for r in json.loads(output)] == [
        ("BEL", "FRA", 1, 0),
        ("GRC", "TUR", 1, 1),
        ("IND", "NPL", 1, 0),
    ]


def test_cli_docs_lists_rejections_with_reasons(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "t.duckdb")
    _run("ingest", str(corpus), "--db", db, "--quiet")
    code, output = _run("docs", "--db", db, "--status", "rejected", "--format", "json")
    assert code == 0
    assert sorted((Path(r["origin"]).name, r["reason"]) for r in json.loads(output)) == [
        ("empty.txt", "empty"),
        ("scan.pdf", "binary"),
    ]


def test_cli_docs_shows_which_clue_sets_each_end_of_a_range(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "talks.txt").write_text(
        "Pakistan and China held trade talks, as they did in 2019.", encoding="utf-8"
    )
    db = str(tmp_path / "t.duckdb")
    _run("ingest", str(tmp_path / "in"), "--db", db, "--quiet")
    code, output = _run("docs", "--db", db, "--format", "json")
    assert code == 0
    assert [(r["date"], r["evidence"]) for r in json.loads(output)] == [
        ("2019-01-01..", "past year: 'in 2019' ⇒ on or after 2019 [earliest]")
    ]


def test_cli_reingest_adds_nothing(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "t.duckdb")
    _run("ingest", str(corpus), "--db", db, "--quiet")
    _, before = _run("export", "--db", db)
    _run("ingest", str(corpus), "--db", db, "--quiet")
    _, after = _run("export", "--db", db)
    assert before == after
    assert len(after.splitlines()) == 3


def test_cli_ingest_fails_when_nothing_accepted(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    code, _ = _run(
        "ingest", str(tmp_path / "empty.txt"), "--db", str(tmp_path / "t.duckdb"), "--quiet"
    )
    assert code == 1


def test_cli_eval_scores_export(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "t.duckdb")
    _run("ingest", str(corpus), "--db", db, "--quiet")
    gold = tmp_path / "gold.jsonl"
    rows = [
        {
            "doc": "a",
            "id": "a-1",
            "text": "Turkey condemned Greece",
            "source": "TUR",
            "target": "GRC",
            "codes": ["111"],
            "symmetric": False,
            "required": True,
        },
        {
            "doc": "b",
            "id": "b-1",
            "text": "India will send aid",
            "source": "IND",
            "target": "NPL",
            "codes": ["071"],
            "symmetric": False,
            "required": True,
        },
    ]
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    _code, output = _run("eval", str(gold), "--db", db, "--format", "json")
    result = json.loads(output)
    assert (result["tp"], result["fp"], result["precision"], result["recall"]) == (2, 0, 1.0, 1.0)
    _code, output = _run("eval", str(gold), "--db", db, "--format", "json", "--docs", "b*")
    result = json.loads(output)
    assert (result["docs"], result["gold_required"], result["tp"], result["fp"]) == (1, 1, 1, 0)
    failed = CliRunner().invoke(app, ["eval", str(gold), "--db", db, "--docs", "z*"])
    assert failed.exit_code == 1
    assert "no gold document matches --docs 'z*'; gold ids look like a, b" in failed.stderr


def test_cli_knowledge_check_reports_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "mine.yaml"
    bad.write_text(
        "people:\n  - id: x-y\n    name: X Y\n    country: PAK\n    roles:\n"
        "      - {office: foreign_minister, country: PAK, start: 2024-13-01}\n",
        encoding="utf-8",
    )
    code, output = _run("knowledge", "check", str(bad))
    assert code == 1
    assert output.startswith(f"{bad}:6: roles.0.start:")


def test_cli_unknown_document_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["show", "nope", "--db", str(tmp_path / "t.duckdb")])
    assert result.exit_code == 1
    assert "there is no database there" in result.stderr
