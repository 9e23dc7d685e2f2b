"""Query latency on a large synthetic store: dyad table, timeline, filtered event list.

Usage: python benchmarks/queries.py [--db /tmp/bilat_10m.duckdb] [--events 10000000]
       [--runs 20]

The first run fills a DuckDB file with N synthetic events (40 countries, 30 years, 1,000
distinct event payloads, ten events a document) straight in SQL; later runs reuse it. The
timings go through the Store protocol (``open_store(url)``), so the same script times any
backend once a filler for it exists: add a ``fill_<backend>`` next to :func:`fill_duckdb`.
Prints p50/p95 in milliseconds per query.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from bilat.records import Actor, Event, Factuality
from bilat.store import EventQuery, Store, open_store
from bilat.store.codec import to_json

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
CODES = (("042", 1, 1.9), ("036", 1, 4.0), ("057", 2, 8.0), ("070", 2, 7.0), ("111", 3, -2.0))
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
    con.close()


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
    }
    return {name: _time(run, runs) for name, run in queries.items()}


PREAGGREGATE = """
    CREATE OR REPLACE TABLE bench_dyad_month AS
    SELECT least(e.source_country, e.target_country) AS a,
        greatest(e.source_country, e.target_country) AS b,
        substr(e.date_effective, 1, 7) AS month, e.quad_class, count(*) AS n,
        sum(e.goldstein) AS goldstein_sum, min(e.date_effective) AS first_date,
        max(e.date_effective) AS last_date
    FROM events e
    WHERE e.source_country IS NOT NULL AND e.target_country IS NOT NULL
        AND e.source_country <> e.target_country
        AND e.factuality IN ('asserted', 'planned', 'reported')
    GROUP BY ALL
"""
PREAGGREGATED = {
    "pre-aggregate: dyad table": """
        SELECT a, b, sum(n) AS events, sum(n) FILTER (WHERE quad_class = 1),
            sum(n) FILTER (WHERE quad_class = 4), sum(goldstein_sum) / sum(n),
            min(first_date), max(last_date)
        FROM bench_dyad_month GROUP BY a, b ORDER BY events DESC, a, b""",
    "pre-aggregate: timeline PAK-USA by month": """
        SELECT month, sum(n), sum(goldstein_sum) / sum(n) FROM bench_dyad_month
        WHERE a = 'PAK' AND b = 'USA' GROUP BY month ORDER BY month""",
}


def time_preaggregate(path: Path, runs: int) -> dict[str, tuple[float, float, int]]:
    """Build a dyad-by-month summary table in a DuckDB file and time queries served from it.

    This measures what a pre-aggregate would give; the store does not keep one (yet).
    """
    con = duckdb.connect(str(path))
    began = time.perf_counter()
    con.execute(PREAGGREGATE)
    rows = con.execute("SELECT count(*) FROM bench_dyad_month").fetchone()
    print(f"pre-aggregate built in {time.perf_counter() - began:.1f} s, {rows} rows")
    result = {
        name: _time(lambda q=query: con.execute(q).fetchall(), runs)
        for name, query in PREAGGREGATED.items()
    }
    con.close()
    return result


def main() -> None:
    """Fill the store if needed, then time each query and print p50/p95."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="/tmp/bilat_bench_10m.duckdb")
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument(
        "--preaggregate", action="store_true", help="Also time a dyad-by-month summary table."
    )
    args = parser.parse_args()
    if "://" not in args.db and not Path(args.db).exists():
        began = time.perf_counter()
        fill_duckdb(Path(args.db), args.events)
        print(f"filled {args.db} with {args.events} events in {time.perf_counter() - began:.0f} s")
    with open_store(args.db, read_only=True) as store:
        print(f"{store.count_events(EventQuery(factuality=('asserted', 'negated')))} events")
        for name, (p50, p95, size) in time_queries(store, args.runs).items():
            print(f"{name}: p50 {p50:.1f} ms, p95 {p95:.1f} ms ({size} rows)", flush=True)
    if args.preaggregate and "://" not in args.db:
        for name, (p50, p95, size) in time_preaggregate(Path(args.db), args.runs).items():
            print(f"{name}: p50 {p50:.1f} ms, p95 {p95:.1f} ms ({size} rows)", flush=True)


if __name__ == "__main__":
    main()
