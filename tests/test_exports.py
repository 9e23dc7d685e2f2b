"""Tests for research exports: round trips through pandas/DuckDB, GDELT, PLOVER, verified-only."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from typer.testing import CliRunner

from bilat.cli import app
from bilat.exports import (
    COLUMNS,
    GDELT_COLUMNS,
    events_bytes,
    export_events,
    export_facts,
    export_quotes,
    gdelt_row,
    global_event_id,
    plover_record,
    to_dataframe,
    write_export,
)
from bilat.records import Fact, Place, Quote
from bilat.store import DuckDBStore
from conftest import make_event, make_extraction
from test_verdicts import ACCUSE, VISIT, _extraction

ADDED = dt.datetime(2025, 3, 4, 5, 6, 7)
PLACE = Place("Washington", "USA", 38.9, -77.04, feature="city")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "bilat.duckdb"
    extraction = _extraction()
    doc = dataclasses.replace(extraction.document, url="https://example.org/a1", title="Visit")
    visit = dataclasses.replace(extraction.events[0], place=PLACE)
    quote = Quote("doc1", "we talked", 0, 9, extraction.events[0].source, "the minister", 0)
    fact = Fact("doc1", "killed", 3.0, "people", None, "three people", 80, 92, 1)
    with DuckDBStore(path) as store:
        store.add(
            [
                dataclasses.replace(
                    extraction,
                    document=doc,
                    events=(visit, extraction.events[1]),
                    quotes=(quote,),
                    facts=(fact,),
                )
            ]
        )
    return path


@pytest.fixture
def store(db: Path) -> Iterator[DuckDBStore]:
    with DuckDBStore(db) as opened:
        yield opened


def test_export_parquet_reads_back_equal_in_pandas_and_duckdb(
    store: DuckDBStore, tmp_path: Path
) -> None:
    store.set_verdict(VISIT, "correct", cameo="043", note="hosted")
    path = tmp_path / "events.parquet"
    path.write_bytes(export_events(store, "parquet"))
    expected = to_dataframe(store.events(), verdicts={v.event_id: v for v in store.verdicts()})
    back = pd.read_parquet(path)
    pd.testing.assert_frame_equal(back, expected, check_dtype=False)
    rows = duckdb.execute(
        f"SELECT id, cameo, goldstein, verdict FROM '{path}' ORDER BY id"
    ).fetchall()
    assert rows == sorted([(VISIT, "043", 2.8, "correct"), (ACCUSE, "112", -2.0, None)])


def test_export_csv_reads_back_with_pandas(store: DuckDBStore) -> None:
    back = pd.read_csv(io.BytesIO(export_events(store, "csv")), dtype={"cameo": str})
    assert tuple(back.columns) == COLUMNS
    assert back[["id", "cameo", "source", "target", "goldstein", "place_lat"]].to_dict(
        "records"
    ) == [
        {
            "id": VISIT,
            "cameo": "042",
            "source": "PAKGOV",
            "target": "USAGOV",
            "goldstein": 1.9,
            "place_lat": 38.9,
        },
        {
            "id": ACCUSE,
            "cameo": "112",
            "source": "CHNGOV",
            "target": "PAKMIL",
            "goldstein": -2.0,
            "place_lat": pytest.approx(float("nan"), nan_ok=True),
        },
    ]


def test_export_gdelt_has_61_columns_in_gdelt_order() -> None:
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[:6] == (
        "GLOBALEVENTID",
        "SQLDATE",
        "MonthYear",
        "Year",
        "FractionDate",
        "Actor1Code",
    )
    assert GDELT_COLUMNS[25:35] == (
        "IsRootEvent",
        "EventCode",
        "EventBaseCode",
        "EventRootCode",
        "QuadClass",
        "GoldsteinScale",
        "NumMentions",
        "NumSources",
        "NumArticles",
        "AvgTone",
    )
    assert GDELT_COLUMNS[51:] == (
        "ActionGeo_Type",
        "ActionGeo_FullName",
        "ActionGeo_CountryCode",
        "ActionGeo_ADM1Code",
        "ActionGeo_ADM2Code",
        "ActionGeo_Lat",
        "ActionGeo_Long",
        "ActionGeo_FeatureID",
        "DATEADDED",
        "SOURCEURL",
    )


def test_export_gdelt_reads_back_with_pandas(store: DuckDBStore) -> None:
    data = export_events(store, "gdelt", added=ADDED)
    back = pd.read_csv(
        io.BytesIO(data), sep="\t", header=None, names=GDELT_COLUMNS, dtype=str
    ).fillna("")
    row = back.iloc[0].to_dict()
    picked = {k: row[k] for k in GDELT_COLUMNS if row[k] != ""}
    assert picked == {
        "GLOBALEVENTID": str(global_event_id(VISIT)),
        "SQLDATE": "20250303",
        "MonthYear": "202503",
        "Year": "2025",
        "FractionDate": "2025.1699",
        "Actor1Code": "PAKGOV",
        "Actor1Name": "Pakistan's foreign minister",
        "Actor1CountryCode": "PAK",
        "Actor1Type1Code": "GOV",
        "Actor2Code": "USAGOV",
        "Actor2Name": "Washington",
        "Actor2CountryCode": "USA",
        "Actor2Type1Code": "GOV",
        "IsRootEvent": "1",
        "EventCode": "042",
        "EventBaseCode": "042",
        "EventRootCode": "04",
        "QuadClass": "1",
        "GoldsteinScale": "1.9",
        "NumMentions": "1",
        "NumSources": "1",
        "NumArticles": "1",
        "Actor1Geo_Type": "1",
        "Actor1Geo_FullName": "Pakistan",
        "Actor1Geo_CountryCode": "PK",
        "Actor1Geo_ADM1Code": "PK",
        "Actor1Geo_Lat": "30.0",
        "Actor1Geo_Long": "70.0",
        "Actor1Geo_FeatureID": "PK",
        "Actor2Geo_Type": "1",
        "Actor2Geo_FullName": "United States",
        "Actor2Geo_CountryCode": "US",
        "Actor2Geo_ADM1Code": "US",
        "Actor2Geo_Lat": "39.76",
        "Actor2Geo_Long": "-98.5",
        "Actor2Geo_FeatureID": "US",
        "ActionGeo_Type": "3",
        "ActionGeo_FullName": "Washington, United States",
        "ActionGeo_CountryCode": "US",
        "ActionGeo_ADM1Code": "US",
        "ActionGeo_Lat": "38.9",
        "ActionGeo_Long": "-77.04",
        "DATEADDED": "20250304050607",
        "SOURCEURL": "https://example.org/a1",
    }
    assert len(back) == 2


def test_export_gdelt_header_is_the_column_names(store: DuckDBStore) -> None:
    data = export_events(store, "gdelt", added=ADDED, header=True)
    assert data.decode().splitlines()[0].split("\t") == list(GDELT_COLUMNS)


def test_plover_record_has_event_mode_actors_and_location(store: DuckDBStore) -> None:
    event = store.event(VISIT)
    assert event is not None
    record = plover_record(event, url="https://example.org/a1", title="Visit")
    assert {k: record[k] for k in ("event", "mode", "context", "quad_code", "event_loc")} == {
        "event": ["CONSULT"],
        "mode": ["visit"],
        "context": [],
        "quad_code": 1,
        "event_loc": {
            "extracted_place": "Washington",
            "resolved_place": "Washington",
            "lat": 38.9,
            "lon": -77.04,
            "country_code": "USA",
            "resolution": 4,
        },
    }
    assert record["actor"] == [
        {
            "code": "PAK",
            "sector": "GOV",
            "actor_code": "PAKGOV",
            "entity_text": "Pakistan's foreign minister",
            "identifier_id": None,
            "identifier_text": None,
            "office": None,
        }
    ]


def test_plover_record_context_comes_from_the_crosswalk(store: DuckDBStore) -> None:
    event = store.event(VISIT)
    assert event is not None
    record = plover_record(dataclasses.replace(event, cameo="0312"))
    assert record["context"] == ["military"]


def test_export_leaves_out_rejected_and_keeps_verdicts(store: DuckDBStore) -> None:
    store.set_verdict(ACCUSE, "reject")
    store.set_verdict(VISIT, "confirm")
    lines = export_events(store, "jsonl").decode().splitlines()
    assert [(r["cameo"], r["verdict"]) for r in map(json.loads, lines)] == [("042", "confirm")]


def test_export_verified_only_keeps_confirmed(store: DuckDBStore) -> None:
    store.set_verdict(VISIT, "confirm")
    assert export_events(store, "csv", verified_only=True).decode().count("\n") == 2
    plover = events_bytes(store.events(), "plover", store=store).decode().splitlines()
    assert [json.loads(line)["verdict"] for line in plover] == ["confirm", None]


def test_export_facts_and_quotes_rows(store: DuckDBStore) -> None:
    facts = [json.loads(line) for line in export_facts(store, "jsonl").decode().splitlines()]
    quotes = [json.loads(line) for line in export_quotes(store, "jsonl").decode().splitlines()]
    assert [(f["kind"], f["value"], f["date"]) for f in facts] == [("killed", 3.0, "2025-03-03")]
    assert [(q["text"], q["speaker_code"], q["date"]) for q in quotes] == [
        ("we talked", "PAKGOV", "2025-03-03")
    ]


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout


def test_cli_verify_then_export_verified_only(db: Path) -> None:
    code, output = _cli("verify", VISIT, "correct", "--cameo", "043", "--db", str(db))
    assert (code, output) == (0, f"correct {VISIT}: PAKGOV 043 USAGOV\n")
    code, output = _cli("export", "--db", str(db), "--verified-only")
    assert code == 0
    assert [(r["id"], r["cameo"]) for r in map(json.loads, output.splitlines())] == [(VISIT, "043")]
    code, output = _cli("verdicts", "--db", str(db), "--format", "json")
    assert [(v["event_id"], v["verdict"], v["machine_cameo"]) for v in json.loads(output)] == [
        (VISIT, "correct", "042")
    ]


def test_cli_verify_unknown_code_fails_with_message(db: Path) -> None:
    result = CliRunner().invoke(
        app, ["verify", VISIT, "correct", "--cameo", "999", "--db", str(db)]
    )
    assert result.exit_code == 1
    assert "unknown CAMEO code '999'" in result.stderr


def test_cli_export_unknown_format_fails(db: Path) -> None:
    result = CliRunner().invoke(app, ["export", "--db", str(db), "--format", "xml"])
    assert result.exit_code == 1
    assert "cannot export events as 'xml'" in result.stderr


def test_to_dataframe_keeps_integer_columns(store: DuckDBStore) -> None:
    frame = to_dataframe(store.events())
    assert (str(frame["quad_class"].dtype), frame["quad_class"].tolist()) == ("Int64", [1, 3])
    assert frame["target"].tolist() == ["USAGOV", "PAKMIL"]


# One meeting reported by three outlets' articles (Dawn twice), plus a near-duplicate copy of
# the second article that must not count, and an unclustered event in the first article.
MEETING = "Pakistan's minister met the US envoy in Islamabad."
CLUSTER_DOCS = (
    ("c1", "Dawn", "aa01", "2025-04-07"),
    ("c2", "Reuters", "bb02", "2025-04-07"),
    ("c3", "Dawn", "cc03", "2025-04-08"),
    ("c4", "AP", "dd04", "2025-04-08"),
)
LONE = "ee05"


def _clustered_store(path: Path) -> None:
    extractions = []
    for doc_id, outlet, event_id, date in CLUSTER_DOCS:
        events = [make_event(event_id, doc_id, "PAKGOV", "USAGOV", date=date, sentence=MEETING)]
        if doc_id == "c1":
            events.append(
                make_event(LONE, "c1", "CHNGOV", "PAKGOV", cameo="057", quad=2, date="2025-04-08")
            )
        extraction = make_extraction(
            doc_id, f"{MEETING} Report {doc_id}.", tuple(events), date=date
        )
        document = dataclasses.replace(
            extraction.document, outlet=outlet, url=f"https://example.org/{doc_id}"
        )
        extractions.append(dataclasses.replace(extraction, document=document))
    with DuckDBStore(path) as store:
        store.add(extractions)
        store.save_signatures([("c4", "sig", "c2", 0.97)])
        store.assign_clusters({"aa01": "aa01", "bb02": "aa01", "cc03": "aa01", LONE: LONE})


@pytest.fixture
def clustered(tmp_path: Path) -> Iterator[DuckDBStore]:
    path = tmp_path / "clustered.duckdb"
    _clustered_store(path)
    with DuckDBStore(path) as opened:
        yield opened


def test_store_events_carry_cluster_counts(clustered: DuckDBStore) -> None:
    assert [
        (e.id, e.cluster_id, e.num_mentions, e.num_articles, e.num_sources)
        for e in clustered.events()
    ] == [("aa01", "aa01", 3, 3, 2), (LONE, LONE, 1, 1, 1)]


def test_store_event_by_id_carries_cluster_counts_of_a_later_mention(
    clustered: DuckDBStore,
) -> None:
    event = clustered.event("cc03")
    assert event is not None
    assert (event.cluster_id, event.num_mentions, event.num_articles, event.num_sources) == (
        "aa01",
        3,
        3,
        2,
    )


def test_store_dyads_count_clusters_and_outlets(clustered: DuckDBStore) -> None:
    assert [(d.a, d.b, d.events, d.documents, d.sources) for d in clustered.dyads()] == [
        ("CHN", "PAK", 1, 1, 1),
        ("PAK", "USA", 1, 1, 2),
    ]


def test_export_gdelt_counts_come_from_the_cluster(clustered: DuckDBStore) -> None:
    data = export_events(clustered, "gdelt", added=ADDED)
    back = pd.read_csv(io.BytesIO(data), sep="\t", header=None, names=GDELT_COLUMNS, dtype=str)
    assert back[["EventCode", "NumMentions", "NumSources", "NumArticles", "SOURCEURL"]].to_dict(
        "records"
    ) == [
        {
            "EventCode": "042",
            "NumMentions": "3",
            "NumSources": "2",
            "NumArticles": "3",
            "SOURCEURL": "https://example.org/c1",
        },
        {
            "EventCode": "057",
            "NumMentions": "1",
            "NumSources": "1",
            "NumArticles": "1",
            "SOURCEURL": "https://example.org/c1",
        },
    ]


def test_export_csv_has_cluster_columns(clustered: DuckDBStore) -> None:
    back = pd.read_csv(io.BytesIO(export_events(clustered, "csv")), dtype=str)
    assert back[["id", "cluster_id", "num_mentions", "num_articles", "num_sources"]].to_dict(
        "records"
    ) == [
        {"id": "aa01", "cluster_id": "aa01", "num_mentions": "3", "num_articles": "3",
         "num_sources": "2"},
        {"id": LONE, "cluster_id": LONE, "num_mentions": "1", "num_articles": "1",
         "num_sources": "1"},
    ]  # fmt: skip


@pytest.mark.parametrize("page_size", [1, 2, 5000])
def test_write_export_pages_give_the_whole_file(clustered: DuckDBStore, page_size: int) -> None:
    for fmt in ("csv", "jsonl", "gdelt", "plover"):
        out = io.BytesIO()
        written = write_export(clustered, out, fmt=fmt, page_size=page_size, added=ADDED)
        assert written == 2
        assert out.getvalue() == export_events(clustered, fmt, added=ADDED), fmt


def test_write_export_parquet_reads_back_in_duckdb(clustered: DuckDBStore, tmp_path: Path) -> None:
    path = tmp_path / "paged.parquet"
    with path.open("wb") as out:
        write_export(clustered, out, fmt="parquet", page_size=1)
    rows = duckdb.execute(f"SELECT id, num_sources FROM '{path}' ORDER BY id").fetchall()
    assert rows == [("aa01", 2), (LONE, 1)]


def test_gdelt_country_names_match_the_knowledge_base() -> None:
    from bilat.exports.gdelt import country_names
    from bilat.knowledge import Knowledge

    assert country_names() == country_names(Knowledge.load())


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        (Place("Islamabad", "PAK", 33.7, 73.0, "city"), "Islamabad, Pakistan"),
        (Place("Islamabad, Pakistan", "PAK", 33.7, 73.0, "city"), "Islamabad, Pakistan"),
    ],
)
def test_gdelt_row_names_a_city_and_its_country_once(place: Place, expected: str) -> None:
    event = dataclasses.replace(_extraction().events[0], place=place)
    row = gdelt_row(event, added=ADDED)
    assert row[GDELT_COLUMNS.index("ActionGeo_FullName")] == expected
