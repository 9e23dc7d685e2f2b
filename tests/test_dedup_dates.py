"""The near-duplicate date limit: templated reports of different days are not reprints."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import pytest

from bilat.dedup import Deduplicator, DedupOptions, DedupReport, DuplicateFinder
from bilat.dedup.documents import parse_iso_day
from bilat.errors import ConfigError, InputError
from bilat.records import DatePrecision, DateSource, Document, DocumentDate, Extraction
from bilat.settings import Settings, load_settings
from bilat.store import Store, open_store

TEMPLATE = (
    "Market close, {day}: the Lahore share index finished {move} at {points} points on "
    "{weekday}, as dealers bought cement, fertiliser and bank stocks ahead of the budget. "
    "Turnover on the exchange came to {volume} million shares, with {gainers} companies "
    "gaining and the rest falling or holding steady. Brokers said buying by local funds in oil "
    "and gas shares supported prices through the afternoon session, and they expected a "
    "quiet start to trading on the next working day."
)

MONDAY = TEMPLATE.format(
    day="3 March",
    move="higher",
    points="41,210",
    weekday="Monday",
    volume="212",
    gainers="187",
)
# The same template ten days later: most of the wording is shared (similarity about 0.7).
THURSDAY = TEMPLATE.format(
    day="13 March",
    move="lower",
    points="40,870",
    weekday="Thursday",
    volume="198",
    gainers="142",
)
REFILED = MONDAY + " Corrects the number of gaining companies."


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("BILAT_CONFIG", "BILAT_DEDUP_MAX_DAYS", "BILAT_DEDUP_THRESHOLD"):
        monkeypatch.delenv(name, raising=False)


def _finder(**options: Any) -> DuplicateFinder:
    return DuplicateFinder(DedupOptions(**options))


def test_finder_templated_report_ten_days_apart_is_not_duplicate() -> None:
    finder = _finder()
    finder.check("mon", MONDAY, date="2025-03-03")
    signature = finder.check("thu", THURSDAY, date="2025-03-13")
    assert (signature.duplicate_of, signature.similarity) == (None, None)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("2025-03-03", "2025-03-03"),
        ("2025-03-03", "2025-03-04"),
        ("2025-03-03", "2025-03-05"),
        ("2025-03-04", "2025-03-03"),
        ("2025-03-03", "2025-03-04T09:30:00+05:00"),
    ],
)
def test_finder_refiled_within_two_days_is_duplicate(first: str, second: str) -> None:
    finder = _finder()
    finder.check("mon", MONDAY, date=first)
    assert finder.check("again", REFILED, date=second).duplicate_of == "mon"


def test_finder_three_days_apart_is_not_duplicate_by_default() -> None:
    finder = _finder()
    finder.check("mon", MONDAY, date="2025-03-03")
    assert finder.check("again", REFILED, date="2025-03-06").duplicate_of is None


@pytest.mark.parametrize(
    ("first", "second"),
    [(None, None), ("2025-03-03", None), (None, "2025-03-13"), ("2025-03", "2025-03-13")],
)
def test_finder_undated_documents_have_no_limit(first: str | None, second: str | None) -> None:
    finder = _finder()
    finder.check("mon", MONDAY, date=first)
    signature = finder.check("thu", THURSDAY, date=second)
    assert (signature.duplicate_of, round(signature.similarity or 0, 4)) == ("mon", 0.6953)


def test_finder_max_days_none_disables_limit() -> None:
    finder = _finder(max_days=None)
    finder.check("mon", MONDAY, date="2025-03-03")
    assert finder.check("thu", THURSDAY, date="2025-03-13").duplicate_of == "mon"


def test_finder_max_days_zero_keeps_only_same_day() -> None:
    finder = _finder(max_days=0)
    finder.check("mon", MONDAY, date="2025-03-03")
    assert finder.check("tue", REFILED, date="2025-03-04").duplicate_of is None
    assert finder.check("mon2", REFILED, date="2025-03-03").duplicate_of == "mon"


def test_finder_takes_next_best_candidate_within_limit() -> None:
    finder = _finder()
    finder.check("mon", MONDAY, date="2025-03-03")
    finder.check("thu", THURSDAY, date="2025-03-13")
    # MONDAY's verbatim text is the best match but ten days old; Thursday's report is near.
    signature = finder.check("fri", MONDAY, date="2025-03-14")
    assert (signature.duplicate_of, round(signature.similarity or 0, 4)) == ("thu", 0.6953)


def test_finder_copy_whose_original_is_too_old_is_passed_over() -> None:
    finder = _finder()
    finder.check("mon", MONDAY, date="2025-03-03")
    assert finder.check("tue", REFILED, date="2025-03-04").duplicate_of == "mon"
    # Near the copy (two days) but four days from the original the copy would be named after.
    assert finder.check("thu", REFILED, date="2025-03-06").duplicate_of is None


def test_finder_load_keeps_stored_dates() -> None:
    first = _finder()
    stored = [
        ("mon", first.signature(MONDAY), None),
        ("tue", first.signature(REFILED), "mon"),
    ]
    finder = _finder()
    finder.load(stored, dates={"mon": "2025-03-03", "tue": "2025-03-04"})
    assert finder.check("thu", THURSDAY, date="2025-03-13").duplicate_of is None
    assert finder.check("wed", REFILED, date="2025-03-05").duplicate_of == "mon"


def test_options_reject_negative_max_days() -> None:
    with pytest.raises(InputError, match=r"dedup max_days must be 0 or more, got -1"):
        DedupOptions(max_days=-1)


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2025-03-03", "2025-03-03"),
        ("2025-03-03T23:10:00Z", "2025-03-03"),
        ("2025-03", None),
        ("2025", None),
        ("2025-13-40", None),
        (None, None),
    ],
)
def test_parse_iso_day_values(value: str | None, day: str | None) -> None:
    parsed = parse_iso_day(value)
    assert (parsed.isoformat() if parsed else None) == day


def _extraction(doc_id: str, text: str, day: str | None) -> Extraction:
    document = Document.from_text(text, doc_id=doc_id, published=day)
    if day is None:
        return Extraction(document=document, date=DocumentDate.unknown())
    date = DocumentDate(day, None, None, DatePrecision.DAY, DateSource.METADATA)
    return Extraction(document=document, date=date)


def test_deduplicator_uses_stored_dates_across_runs(tmp_path: Path) -> None:
    db = tmp_path / "d.duckdb"
    with open_store(db) as store:
        store.add([_extraction("mon", MONDAY, "2025-03-03")])
        assert Deduplicator(store).update() == DedupReport(documents=1)
    with open_store(db) as store:
        store.add([_extraction("thu", THURSDAY, "2025-03-13")])
        store.add([_extraction("tue", REFILED, "2025-03-04")])
        store.add([_extraction("undated", REFILED + " Ends.", None)])
        assert Deduplicator(store).update() == DedupReport(documents=3, duplicates=2)
        assert [(d, o) for d, _, o in store.signatures()] == [
            ("mon", None),
            ("thu", None),
            ("tue", "mon"),
            ("undated", "mon"),
        ]


def test_deduplicator_without_max_days_links_templated_reports(tmp_path: Path) -> None:
    with open_store(tmp_path / "d.duckdb") as store:
        store.add([_extraction("mon", MONDAY, "2025-03-03")])
        store.add([_extraction("thu", THURSDAY, "2025-03-13")])
        Deduplicator(store, documents=DedupOptions(max_days=None)).update()
        assert [(d, o) for d, _, o in store.signatures()] == [("mon", None), ("thu", "mon")]


class _WithoutCards:
    """A store proxy without ``document_cards``, as a backend that lacks the shortcut."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        if name == "document_cards":
            raise AttributeError(name)
        return getattr(self._store, name)


def test_deduplicator_reads_dates_from_documents_without_cards(tmp_path: Path) -> None:
    with open_store(tmp_path / "d.duckdb") as store:
        store.add([_extraction("mon", MONDAY, "2025-03-03")])
        store.add([_extraction("thu", THURSDAY, "2025-03-13")])
        store.add([_extraction("tue", REFILED, "2025-03-04")])
        proxy = cast(Store, _WithoutCards(store))
        assert Deduplicator(proxy).update() == DedupReport(documents=3, duplicates=1)
        assert [(d, o) for d, _, o in store.signatures()] == [
            ("mon", None),
            ("thu", None),
            ("tue", "mon"),
        ]


def test_settings_dedup_max_days_default() -> None:
    assert Settings().dedup_max_days == 2


@pytest.mark.parametrize(
    ("line", "expected"),
    [("dedup_max_days = 7", 7), ("dedup_max_days = 0", 0), ('dedup_max_days = "none"', None)],
)
def test_settings_dedup_max_days_read_from_toml(
    tmp_path: Path, line: str, expected: int | None
) -> None:
    path = tmp_path / "bilat.toml"
    path.write_text(f'db = "x.duckdb"\n{line}\n', encoding="utf-8")
    assert load_settings(path).dedup_max_days == expected


def test_settings_dedup_max_days_from_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BILAT_DEDUP_MAX_DAYS", "None")
    assert load_settings().dedup_max_days is None


def test_settings_dedup_max_days_negative_names_line(tmp_path: Path) -> None:
    path = tmp_path / "bilat.toml"
    path.write_text('db = "x.duckdb"\n\ndedup_max_days = -3\n', encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_settings(path)
    assert str(raised.value) == (
        "[E500] setting 'dedup_max_days': Input should be greater than or equal to 0 "
        f"(from {path}:3)"
    )


@pytest.mark.parametrize(("line", "duplicates"), [("", 1), ("dedup_max_days = 0", 0)])
def test_ingest_applies_dedup_max_days_from_toml(
    tmp_path: Path, pipeline: object, line: str, duplicates: int
) -> None:
    from bilat.ingest import ingest

    (tmp_path / "in1").mkdir()
    (tmp_path / "in2").mkdir()
    (tmp_path / "in1" / "a.txt").write_text("date 2025-03-03\n" + MONDAY, encoding="utf-8")
    (tmp_path / "in2" / "b.txt").write_text("date 2025-03-04\n" + REFILED, encoding="utf-8")
    config = tmp_path / "bilat.toml"
    config.write_text(f'db = "{tmp_path / "i.duckdb"}"\n{line}\n', encoding="utf-8")
    settings = load_settings(config)
    ingest([tmp_path / "in1"], settings=settings)
    second = ingest([tmp_path / "in2"], settings=settings)
    assert (second.added, second.duplicates) == (1, duplicates)
