"""The store's shape: frozen migrations, one dialect, one filter builder, small modules."""

from __future__ import annotations

import ast
import hashlib
from pathlib import Path

import pytest

from bilat.errors import InputError
from bilat.store.dialect import DUCKDB, Dialect
from bilat.store.filters import Filters
from bilat.store.migrations import MIGRATIONS

STORE = Path(__file__).resolve().parents[1] / "src" / "bilat" / "store"

# A released migration's SQL never changes; a new schema step is a new migration.
RELEASED = {
    1: "f23654728455c1e1",
    2: "0c2f820b58e6a8d8",
    3: "d72c2e4c445be8e0",
    4: "51209a87c9ebf134",
    5: "70672dc09c29bcac",
    6: "1de1c407cc69c270",
}


def test_store_released_migrations_keep_their_sql() -> None:
    digests = {
        m.version: hashlib.sha256("\n;\n".join(m.statements).encode()).hexdigest()[:16]
        for m in MIGRATIONS
        if m.version in RELEASED
    }
    assert digests == RELEASED


def test_store_frozen_migrations_import_no_live_sql() -> None:
    tree = ast.parse((STORE / "frozen.py").read_text(encoding="utf-8"))
    imported = [node for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)]
    assert [ast.unparse(node) for node in imported] == ["from __future__ import annotations"]


def test_store_dialect_duckdb_keeps_statements_and_uses_list_contains() -> None:
    assert DUCKDB.prepare("SELECT 1 WHERE x LIKE 'a%' AND y = ?") == (
        "SELECT 1 WHERE x LIKE 'a%' AND y = ?"
    )
    assert DUCKDB.any_of("e.id") == "list_contains(?, e.id)"


def test_store_dialect_pyformat_rewrites_placeholders_outside_strings() -> None:
    style = Dialect("PostgreSQL", (), "{column} = ANY(?)", pyformat=True)
    assert style.prepare("SELECT '?', 'a%' WHERE x = ? AND y LIKE '%?%' AND z % 2 = ?") == (
        "SELECT '?', 'a%%' WHERE x = %s AND y LIKE '%%?%%' AND z %% 2 = %s"
    )
    assert style.any_of("anchor") == "anchor = ANY(?)"


def test_store_postgres_backend_imports_nothing_from_duckdb() -> None:
    tree = ast.parse((STORE / "postgres_store.py").read_text(encoding="utf-8"))
    modules = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert "duckdb" not in modules
    assert "bilat.store.duckdb_store" not in modules
    assert "re" in modules  # only for hiding the password in the URL shown in messages
    assert "list_contains" not in (STORE / "postgres_store.py").read_text(encoding="utf-8")


def test_store_filters_build_conditions_in_order_and_skip_none() -> None:
    found = Filters()
    found.dyad(("PAK", "USA"), "test")
    found.either_prefix("e.source_code", "e.target_code", "PAK")
    found.prefix("e.cameo", None)
    found.one_of("e.factuality", ["asserted", "planned"])
    found.dated("d", "2025-01-01", "2025-03-31")
    found.contains("e.sentence", "Talks")
    assert found.sql() == (
        "((e.source_country = ? AND e.target_country = ?)"
        " OR (e.source_country = ? AND e.target_country = ?))"
        " AND (starts_with(e.source_code, ?) OR starts_with(e.target_code, ?))"
        " AND e.factuality IN (?, ?) AND d >= ? AND d <= ?"
        " AND strpos(lower(e.sentence), lower(?)) > 0"
    )
    assert found.params == [
        "PAK", "USA", "USA", "PAK", "PAK", "PAK", "asserted", "planned", "2025", "2025-03-31",
        "Talks",
    ]  # fmt: skip


def test_store_filters_empty_list_matches_nothing_and_no_filter_matches_all() -> None:
    found = Filters()
    assert found.sql() == "TRUE"
    found.one_of("f.kind", ())
    assert (found.sql(), found.params) == ("FALSE", [])


def test_store_filters_refuse_a_dyad_of_three() -> None:
    with pytest.raises(
        InputError, match=r"a dyad is two country codes, got \('PAK', 'USA', 'CHN'\)"
    ):
        Filters().dyad(("PAK", "USA", "CHN"), "EventQuery.dyad")


@pytest.mark.parametrize(
    "module",
    [
        "backend.py",
        "dedup.py",
        "dialect.py",
        "documents.py",
        "duckdb_store.py",
        "events.py",
        "filters.py",
        "monitoring.py",
        "postgres_store.py",
        "replacing.py",
        "review.py",
        "sql_store.py",
        "verdict_rows.py",
    ],
)
def test_store_concern_modules_stay_small(module: str) -> None:
    assert len((STORE / module).read_text(encoding="utf-8").splitlines()) <= 400
