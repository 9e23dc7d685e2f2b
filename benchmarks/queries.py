"""Query latency on a large synthetic store: dyad table, timeline, filtered event list.

Usage: python benchmarks/queries.py [--db /tmp/bilat_10m.duckdb | --db postgresql://…]
       [--events 10000000] [--runs 20] [--raw] [--writes]

The first run fills the store with N synthetic events (40 countries, 30 years, 1,000 distinct
event payloads, ten events a document) straight in SQL (:func:`fill_duckdb` for a DuckDB file,
:func:`fill_postgresql` for an empty PostgreSQL database), then rebuilds the store's summary
tables; later runs reuse it. The timings go through the Store protocol (``open_store(url)``).
Prints p50/p95 in milliseconds per query; ``--raw`` also times the raw SQL (summary tables
off), ``--writes`` the cost of each write path that keeps the summary tables exact.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import psycopg

from bilat.knowledge import Knowledge
from bilat.records import Actor, Document, DocumentDate, Event, Extraction, Factuality
from bilat.store import EventQuery, Store, codec, open_store, summary
from bilat.store.codec import to_json
from bilat.store.duckdb_store import DuckDBStore

COUNTRIES = [
    "PAK",
    "USA",
    "CHN",
    "IND",
    "AFG",
    "IRN",
    "RUS",
    "GBR",
    "FRA",
    "DEU",
    "JPN",
    "KOR",
    "PRK",
    "SAU",
    "ARE",
    "TUR",
    "ISR",
    "EGY",
    "QAT",
    "BGD",
    "LKA",
    "NPL",
    "MMR",
    "THA",
    "VNM",
    "IDN",
    "MYS",
    "PHL",
    "AUS",
    "CAN",
    "MEX",
    "BRA",
    "ARG",
    "ZAF",
    "NGA",
    "KEN",
    "ETH",
    "UKR",
    "POL",
    "ITA",
]
CODES: tuple[tuple[str, int, float], ...] = (
    ("042", 1, 1.9),
    ("036", 1, 4.0),
    ("057", 2, 8.0),
    ("070", 2, 7.0),
    ("111", 3, -2.0),
)
CODES += (("112", 3, -2.0), ("130", 3, -4.4), ("173", 4, -5.0), ("190", 4, -10.0))


def _payload(k: int) -> str:
    """Return one synthetic event's JSON (the ``data`` column) for template k."""
    code, quad, goldstein = CODES[k % len(CODES)]
    a, b = COUNTRIES[k % 40], COUNTRIES[(k * 7 + 3) % 40]
    event = Event(
        id=f"t{k}",
        doc_id=f"d{k}",
        sentence=f"Synthetic sentence {k} about {a} and {b}.",
        sentence_start=0,
        sentence_end=40,
        sentence_index=0,
        cameo=code,
        cameo_name=f"code {code}",
        source=Actor(code=a + "GOV", country=a, sector="GOV"),
        target=Actor(code=b + "GOV", country=b, sector="GOV"),
        goldstein=goldstein,
        quad_class=quad,
        plover_type=None,
        plover_mode=None,
        factuality=Factuality.ASSERTED,
        confidence=0.9,
        rule="synthetic",
        trigger="met",
        trigger_start=0,
        trigger_end=3,
    )
    return to_json(event)


def fill_duckdb(path: Path, events: int) -> None:
    """Create a DuckDB store at path with the given number of synthetic events."""
    open_store(path).close()
    con = duckdb.connect(str(path))
    con.execute("CREATE TEMP TABLE payloads (k INTEGER, data VARCHAR)")
    con.executemany("INSERT INTO payloads VALUES (?, ?)", [(k, _payload(k)) for k in range(1000)])
    con.execute("CREATE TEMP TABLE codes (c INTEGER, code VARCHAR, quad INTEGER, g DOUBLE)")
    con.executemany("INSERT INTO codes VALUES (?, ?, ?, ?)", [(i, *c) for i, c in enumerate(CODES)])
    con.execute("CREATE TEMP TABLE countries (i INTEGER, iso VARCHAR)")
    con.executemany("INSERT INTO countries VALUES (?, ?)", list(enumerate(COUNTRIES)))
    documents = max(1, events // 10)
    con.execute(
        """INSERT INTO documents (id, content_hash, published, published_source, date_value,
            date_precision, date_source, date_evidence, date_flags, text, n_events, sentences,
            ingested_at)
        SELECT 'd' || r, md5('d' || r), d, 'metadata', d, 'day', 'metadata', '[]', '[]',
            'synthetic', 10, '[]', now()
        FROM (SELECT range AS r, CAST(DATE '1995-01-01' + CAST(range * 11000 // ? AS INTEGER)
                AS VARCHAR) AS d FROM range(?))""",
        [documents, documents],
    )
    con.execute(
        """INSERT INTO events (id, doc_id, ordinal, sentence_index, sentence, sentence_start,
            sentence_end, cameo, root, cameo_name, source_code, source_country, source_sector,
            target_code, target_country, target_sector, goldstein, quad_class, factuality,
            confidence, rule, trigger, date, date_precision, date_effective, "symmetric", data)
        SELECT 'e' || r, 'd' || (r // 10), r % 10, 0, 'Synthetic sentence.', 0, 20,
            c.code, substr(c.code, 1, 2), 'synthetic', s.iso || 'GOV', s.iso, 'GOV',
            t.iso || 'GOV', t.iso, 'GOV', c.g, c.quad,
            CASE WHEN r % 20 = 0 THEN 'negated' ELSE 'asserted' END, 0.9, 'synthetic', 'met',
            dd, 'day', dd, FALSE, p.data
        FROM (
            SELECT range AS r,
                CAST(DATE '1995-01-01' + CAST((range // 10) * 11000 // ? AS INTEGER) AS VARCHAR)
                    AS dd,
                -- skewed dyads: a few countries take most events, as in real news
                CAST(floor(40 * pow(hash(range) % 1000 / 1000.0, 2)) AS INTEGER) AS si,
                CAST(hash(range * 31 + 7) % 40 AS INTEGER) AS ti,
                CAST(hash(range * 17 + 3) % ? AS INTEGER) AS ci,
                CAST(range % 1000 AS INTEGER) AS pk
            FROM range(?)
        ) g
        JOIN countries s ON s.i = g.si
        JOIN countries t ON t.i = g.ti
        JOIN codes c ON c.c = g.ci
        JOIN payloads p ON p.k = g.pk""",
        [documents, len(CODES), events],
    )
    # The rows went in around the store, so its summary tables are rebuilt from them.
    for statement in summary.REBUILD:
        con.execute(statement)
    con.close()


def fill_postgresql(url: str, events: int) -> None:
    """Fill an empty PostgreSQL database with the given number of synthetic events.

    The same distribution as :func:`fill_duckdb` (skewed sources, uniform targets and codes,
    one negated event in twenty), drawn with ``random()`` under a fixed seed.
    """
    open_store(url).close()
    documents = max(1, events // 10)
    with psycopg.connect(url, autocommit=True) as con:
        con.execute("CREATE TEMP TABLE payloads (k INTEGER, data VARCHAR)")
        with con.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO payloads VALUES (%s, %s)", [(k, _payload(k)) for k in range(1000)]
            )
            cursor.execute(
                "CREATE TEMP TABLE codes (c INTEGER, code VARCHAR, quad INTEGER, g FLOAT8)"
            )
            cursor.executemany(
                "INSERT INTO codes VALUES (%s, %s, %s, %s)", [(i, *c) for i, c in enumerate(CODES)]
            )
            cursor.execute("CREATE TEMP TABLE countries (i INTEGER, iso VARCHAR)")
            cursor.executemany("INSERT INTO countries VALUES (%s, %s)", list(enumerate(COUNTRIES)))
        con.execute(
            """INSERT INTO documents (id, content_hash, published, published_source, date_value,
                date_precision, date_source, date_evidence, date_flags, text, n_events, sentences,
                ingested_at)
            SELECT 'd' || r, md5('d' || r), d, 'metadata', d, 'day', 'metadata', '[]', '[]',
                'synthetic', 10, '[]', now()
            FROM (SELECT r, CAST(DATE '1995-01-01' + CAST(r * 11000 / %s AS INTEGER) AS VARCHAR)
                    AS d FROM generate_series(CAST(0 AS BIGINT), %s - 1) AS r) g""",
            [documents, documents],
        )
        con.execute("SELECT setseed(0.42)")
        con.execute(
            """INSERT INTO events (id, doc_id, ordinal, sentence_index, sentence, sentence_start,
                sentence_end, cameo, root, cameo_name, source_code, source_country, source_sector,
                target_code, target_country, target_sector, goldstein, quad_class, factuality,
                confidence, rule, trigger, date, date_precision, date_effective, "symmetric",
                data)
            SELECT 'e' || r, 'd' || (r / 10), r %% 10, 0, 'Synthetic sentence.', 0, 20,
                c.code, substr(c.code, 1, 2), 'synthetic', s.iso || 'GOV', s.iso, 'GOV',
                t.iso || 'GOV', t.iso, 'GOV', c.g, c.quad,
                CASE WHEN r %% 20 = 0 THEN 'negated' ELSE 'asserted' END, 0.9, 'synthetic', 'met',
                dd, 'day', dd, FALSE, p.data
            FROM (
                SELECT r,
                    CAST(DATE '1995-01-01' + CAST((r / 10) * 11000 / %s AS INTEGER) AS VARCHAR)
                        AS dd,
                    CAST(floor(40 * pow(random(), 2)) AS INTEGER) AS si,
                    CAST(floor(40 * random()) AS INTEGER) AS ti,
                    CAST(floor(%s * random()) AS INTEGER) AS ci,
                    CAST(r %% 1000 AS INTEGER) AS pk
                FROM generate_series(CAST(0 AS BIGINT), %s - 1) AS r
            ) g
            JOIN countries s ON s.i = g.si
            JOIN countries t ON t.i = g.ti
            JOIN codes c ON c.c = g.ci
            JOIN payloads p ON p.k = g.pk""",
            [documents, len(CODES), events],
        )
        for statement in summary.REBUILD:
            con.execute(statement)
        con.execute("ANALYZE")


def _time(run: Callable[[], object], runs: int) -> tuple[float, float, int]:
    run()
    samples = []
    size = 0
    for _ in range(runs):
        began = time.perf_counter()
        result = run()
        samples.append((time.perf_counter() - began) * 1000)
        size = len(result) if isinstance(result, list) else 1
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return statistics.median(samples), p95, size


def time_queries(store: Store, runs: int) -> dict[str, tuple[float, float, int]]:
    """Return p50, p95 (ms) and result size of each benchmark query on an open store."""
    queries: dict[str, Callable[[], object]] = {
        "dyad table (all dyads)": lambda: store.dyads(),
        "dyad table (PAK, 2020-)": lambda: store.dyads(
            query=EventQuery(actor="PAK", since="2020-01-01")
        ),
        "timeline PAK-USA by month": lambda: store.timeline(
            EventQuery(dyad=("PAK", "USA")), "month"
        ),
        "events PAK-USA 04 since 2020, 50 newest": lambda: store.events(
            EventQuery(dyad=("PAK", "USA"), root="04", since="2020-01-01", order="-date", limit=50)
        ),
        "events count PAK-USA": lambda: store.count_events(EventQuery(dyad=("PAK", "USA"))),
        "dyad table directed": lambda: store.dyads(directed=True),
        "timeline PAK by year": lambda: store.timeline(EventQuery(actor="PAK"), "year"),
        "timeline PAK-USA 2020-2022 by quarter": lambda: store.timeline(
            EventQuery(dyad=("PAK", "USA"), since="2020", until="2022-12"), "quarter"
        ),
        "events count PAK since 2020-01": lambda: store.count_events(
            EventQuery(actor="PAK", since="2020-01")
        ),
        "timeline PAK-USA by week (raw)": lambda: store.timeline(
            EventQuery(dyad=("PAK", "USA")), "week"
        ),
    }
    return {name: _time(run, runs) for name, run in queries.items()}


def time_writes(store: DuckDBStore) -> dict[str, float]:
    """Return the milliseconds each summary-maintaining write takes on a filled store.

    Adds one synthetic document of ten PAK-USA events, rejects one of them, corrects another to
    PAK-CHN, clusters two, marks the document a duplicate, then removes it.
    """
    knowledge = Knowledge.load()
    extraction = _bench_extraction()
    ids = [event.id for event in extraction.events]
    steps: dict[str, Callable[[], object]] = {
        "add 1 document (10 events)": lambda: store.add([extraction]),
        "verdict reject": lambda: store.set_verdict(ids[0], "reject", knowledge=knowledge),
        "verdict correct (moves dyad)": lambda: store.set_verdict(
            ids[1], "correct", target_code="CHNGOV", knowledge=knowledge
        ),
        "assign cluster (2 events)": lambda: store.assign_clusters(
            {ids[2]: ids[2], ids[3]: ids[2]}
        ),
        "mark duplicate": lambda: store.save_signatures([(extraction.document.id, "", "d0", 0.9)]),
        "remove document": lambda: store.remove_document(extraction.document.id),
    }
    timings = {}
    for name, step in steps.items():
        began = time.perf_counter()
        step()
        timings[name] = (time.perf_counter() - began) * 1000
    return timings


def _bench_extraction() -> Extraction:
    """Return a fresh synthetic document with ten PAK-USA events."""
    stamp = f"bench-{time.time_ns()}"
    events = tuple(
        dataclasses.replace(
            codec.event_from_json(_payload(0)),
            id=f"{stamp}-{k}",
            doc_id=stamp,
            source=Actor(code="PAKGOV", country="PAK", sector="GOV"),
            target=Actor(code="USAGOV", country="USA", sector="GOV"),
            date="2024-05-0" + str(1 + k % 9),
        )
        for k in range(10)
    )
    document = Document.from_text(f"Synthetic benchmark document {stamp}.", doc_id=stamp)
    return Extraction(document=document, date=DocumentDate.unknown(), events=events)


def main() -> None:
    """Fill the store if needed, then time each query and print p50/p95."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="/tmp/bilat_bench_10m.duckdb")
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--raw", action="store_true", help="Also time the raw SQL.")
    parser.add_argument("--writes", action="store_true", help="Also time the write paths.")
    args = parser.parse_args()
    began = time.perf_counter()
    if args.db.startswith("postgresql://"):
        with open_store(args.db) as store:
            empty = store.count_events(EventQuery(mentions=True, factuality=("asserted",))) == 0
        if empty:
            fill_postgresql(args.db, args.events)
            print(
                f"filled {args.db} with {args.events} events in {time.perf_counter() - began:.0f} s"
            )
    elif not Path(args.db).exists():
        fill_duckdb(Path(args.db), args.events)
        print(f"filled {args.db} with {args.events} events in {time.perf_counter() - began:.0f} s")
    else:
        # A file filled before the summary tables existed gets them here (migration 6).
        open_store(args.db).close()
        print(f"opened {args.db} for migrations in {time.perf_counter() - began:.1f} s")
    with open_store(args.db, read_only=not args.writes) as store:
        print(f"{store.count_events(EventQuery(factuality=('asserted', 'negated')))} events")
        modes = [("", True), ("raw SQL: ", False)] if args.raw else [("", True)]
        for label, served in modes:
            assert isinstance(store, DuckDBStore)
            store._summary_reads = served
            for name, (p50, p95, size) in time_queries(store, args.runs).items():
                print(
                    f"{label}{name}: p50 {p50:.1f} ms, p95 {p95:.1f} ms ({size} rows)", flush=True
                )
        if args.writes:
            assert isinstance(store, DuckDBStore)
            for name, ms in time_writes(store).items():
                print(f"write: {name}: {ms:.0f} ms", flush=True)


if __name__ == "__main__":
    main()
