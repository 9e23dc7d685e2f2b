"""Analytics commands: a dyad's timeline with trend and sparkline, stored facts and quotes."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from bilat.cli.common import (
    DbOption,
    FormatOption,
    MinConfidenceOption,
    app,
    check_codes,
    fail,
    out,
    render,
    settings_for,
)
from bilat.store import open_store
from bilat.store.base import DatedFact, DatedQuote, FactQuery, QuoteQuery

if TYPE_CHECKING:
    from bilat.analytics import TimelinePeriod, Trend

_TIMELINE_COLUMNS = [
    "period",
    "events",
    "verbal_coop",
    "material_coop",
    "verbal_conflict",
    "material_conflict",
    "goldstein_mean",
    "goldstein_sum",
]


def _number(value: float) -> float | int:
    """Show whole numbers without a fraction ("50", not "50.00")."""
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


def timeline_json(
    a: str, b: str, by: str, rows: list[TimelinePeriod], result: Trend
) -> dict[str, Any]:
    """Return the JSON document of ``bilat timeline --format json``.

    Args:
        a: The first country.
        b: The second country.
        by: The period.
        rows: The timeline.
        result: Its trend.

    Returns:
        ``{"a", "b", "by", "periods": [...], "trend": {...}, "sparkline": "..."}``.
    """
    from bilat.analytics import sparkline

    return {
        "a": a,
        "b": b,
        "by": by,
        "periods": [row.as_dict() for row in rows],
        "trend": result.as_dict(),
        "sparkline": sparkline([row.events for row in rows], low=0),
    }


@app.command("timeline")
def timeline_cmd(
    a: Annotated[str, typer.Argument(help="First country code, e.g. PAK.")],
    b: Annotated[str, typer.Argument(help="Second country code, e.g. USA.")],
    db: DbOption = None,
    by: Annotated[str, typer.Option(help="week, month, quarter or year.")] = "month",
    since: Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date (YYYY-MM-DD).")] = None,
    directed: Annotated[
        bool, typer.Option(help="Only events from the first country to the second.")
    ] = False,
    fmt: FormatOption = "table",
    min_confidence: MinConfidenceOption = None,
) -> None:
    """Count a dyad's events per period, with Goldstein mean, a sparkline and the trend."""
    from bilat.analytics import sparkline, timeline, trend

    a, b = a.upper(), b.upper()
    with open_store(settings_for(db).db, read_only=True) as store:
        rows = timeline(
            store,
            a,
            b,
            by=by,
            since=since,
            until=until,
            directed=directed,
            min_confidence=min_confidence,
        )
        if not any(row.events for row in rows):
            check_codes(store, countries=(a, b))
    result = trend(rows)
    if fmt == "json":
        sys.stdout.write(json.dumps(timeline_json(a, b, by, rows, result), ensure_ascii=False))
        sys.stdout.write("\n")
        return
    if fmt not in ("table", "csv"):
        fail(f"unknown format {fmt!r} for timeline; use table, json or csv")
    render([row.as_dict() for row in rows], fmt, _TIMELINE_COLUMNS)
    if fmt == "table" and rows:
        out.print(f"events     {sparkline([row.events for row in rows], low=0)}")
        out.print(f"Goldstein  {sparkline([row.goldstein_mean for row in rows])}")
        out.print(f"trend: {result.summary}")


def _fact_row(item: DatedFact) -> dict[str, Any]:
    fact = item.fact
    return {
        "doc_id": fact.doc_id,
        "date": item.date,
        "kind": fact.kind,
        "value": _number(fact.value),
        "unit": fact.unit,
        "qualifier": fact.qualifier,
        "detail": fact.detail,
        "text": fact.text,
        "event_id": fact.event_id,
        "source": item.source,
        "target": item.target,
        "start": fact.start,
        "end": fact.end,
    }


@app.command("facts")
def facts_cmd(
    db: DbOption = None,
    kind: Annotated[
        str | None,
        typer.Option(
            help="casualties (killed, injured, abducted, arrested), one of those, money, "
            "percent or tariff."
        ),
    ] = None,
    doc: Annotated[str | None, typer.Option(help="Only facts of this document.")] = None,
    actor: Annotated[
        str | None, typer.Option(help="Actor code prefix of the fact's event, e.g. PAK.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date (YYYY-MM-DD).")] = None,
    text: Annotated[str | None, typer.Option(help="Text the fact contains.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
    fmt: FormatOption = "table",
) -> None:
    """List the numbers reports give: casualties, money, percentages and tariffs."""
    from bilat.facts.kinds import resolve_kind

    query = FactQuery(
        doc_id=doc,
        kind=resolve_kind(kind) if kind is not None else None,
        actor=actor,
        since=since,
        until=until,
        text=text,
        limit=limit,
    )
    with open_store(settings_for(db).db, read_only=True) as store:
        found = store.facts(query)
        if not found:
            check_codes(store, prefixes=[actor.upper()] if actor else [])
    render(
        [_fact_row(item) for item in found],
        fmt,
        ["doc_id", "date", "kind", "value", "unit", "qualifier", "detail", "text"],
    )


def _quote_row(item: DatedQuote, said_by: str) -> dict[str, Any]:
    quote = item.quote
    speaker = quote.speaker
    return {
        "doc_id": quote.doc_id,
        "date": item.date,
        "speaker": speaker.code if speaker else None,
        "speaker_name": speaker.name if speaker else None,
        "speaker_text": quote.speaker_text,
        "said_by": said_by,
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
    }


@app.command("quotes")
def quotes_cmd(
    db: DbOption = None,
    speaker: Annotated[
        str | None, typer.Option(help="Speaker's actor code prefix, e.g. PAKGOV.")
    ] = None,
    doc: Annotated[str | None, typer.Option(help="Only quotes of this document.")] = None,
    since: Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date (YYYY-MM-DD).")] = None,
    text: Annotated[str | None, typer.Option(help="Text the quote contains.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
    fmt: FormatOption = "table",
) -> None:
    """List direct quotes with the actor who said them."""
    from bilat.facts.quotes import speaker_label

    query = QuoteQuery(
        doc_id=doc, speaker=speaker, since=since, until=until, text=text, limit=limit
    )
    with open_store(settings_for(db).db, read_only=True) as store:
        found = store.quotes(query)
        if not found:
            check_codes(store, prefixes=[speaker.upper()] if speaker else [])
    render(
        [_quote_row(item, speaker_label(item.quote)) for item in found],
        fmt,
        ["doc_id", "date", "speaker", "said_by", "text"],
    )
