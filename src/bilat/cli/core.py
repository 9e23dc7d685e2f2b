"""The core commands: ingest, docs, events, dyads, export, eval, show, serve, explain."""

from __future__ import annotations

import dataclasses
import fnmatch
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from bilat.cli.common import (
    DbOption,
    FormatOption,
    MinConfidenceOption,
    app,
    check_codes,
    err,
    event_row,
    fail,
    out,
    parse_pair,
    render,
    settings_for,
)
from bilat.cli.options import FilterValues, filter_options
from bilat.store import DocumentRow, EventQuery, open_store

if TYPE_CHECKING:
    from bilat.ingest import IngestReport
    from bilat.settings import Settings

# The library behind a command is imported by the command itself, so that `bilat --help` and
# the reading commands do not pay for the extraction, evaluation and reading stages.


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
    db: DbOption = None,
    text_field: Annotated[str, typer.Option(help="JSONL/CSV field with the text.")] = "text",
    id_field: Annotated[str, typer.Option(help="JSONL/CSV field with the id.")] = "id",
    date_field: Annotated[str, typer.Option(help="JSONL/CSV field with the date.")] = "published",
    date: Annotated[
        str | None, typer.Option(help="Date (YYYY-MM-DD) for every document; wins.")
    ] = None,
    max_bytes: Annotated[
        int | None, typer.Option(help="Largest document, in bytes of text.")
    ] = None,
    batch_size: Annotated[int | None, typer.Option(help="Documents per transaction.")] = None,
    workers: Annotated[
        str | None,
        typer.Option(
            help="Processes that extract documents: a number, or auto (one per usable core); "
            "writes stay in one."
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")
    ] = False,
) -> None:
    """Read articles, code their events and store them (re-ingesting adds nothing)."""
    from bilat.ingest import ingest
    from bilat.sources import ReadOptions

    settings = settings_for(db, max_bytes=max_bytes, batch_size=batch_size, workers=workers)
    options = ReadOptions(
        text_field=text_field,
        id_field=id_field,
        date_field=date_field,
        date=date,
        max_bytes=settings.max_bytes,
    )
    show = not quiet and err.is_terminal
    with Progress(
        TextColumn("ingest"),
        BarColumn(),
        TextColumn("{task.fields[docs]} docs"),
        TextColumn("{task.fields[rate]} docs/s"),
        TextColumn("{task.fields[events]} events"),
        TimeElapsedColumn(),
        console=err._console(),
        disable=not show,
        transient=True,
    ) as bar:
        task = bar.add_task("ingest", total=None, docs=0, rate="0.0", events=0)

        def progress(report: IngestReport) -> None:
            elapsed = bar.tasks[0].elapsed or 1e-9
            bar.update(
                task, docs=report.read, events=report.events, rate=f"{report.read / elapsed:.1f}"
            )

        report = ingest(paths, settings=settings, options=options, progress=progress)
    if not quiet:
        _ingest_summary(report)
    if report.added == 0 and report.skipped == 0:
        fail("no document was accepted; see the rejections above")
    if report.added:
        from bilat.cli.monitor import raise_alerts_for

        raise_alerts_for(settings)


EVERY_FACTUALITY = ("asserted", "planned", "reported", "negated", "hypothetical")


def _event_query(filters: FilterValues) -> EventQuery:
    """Return the query of the event filters `bilat events` and `bilat export` share."""
    return EventQuery(
        dyad=parse_pair(filters["dyad"]),
        actor=filters["actor"],
        since=filters["since"],
        until=filters["until"],
        root=filters["root"],
        factuality=EVERY_FACTUALITY if filters["all"] else None,
        mentions=filters["mentions"],
        doc_id=filters.get("doc_id"),
        limit=filters.get("limit"),
    )


def _ingest_summary(report: IngestReport) -> None:
    table = Table(title="ingest")
    for name in ("read", "added", "skipped (already stored)", "rejected", "events"):
        table.add_column(name, justify="right")
    table.add_row(
        *(
            str(v)
            for v in (report.read, report.added, report.skipped, report.rejected, report.events)
        )
    )
    err.print(table)
    for rejection in report.rejections:
        err.print(f"rejected {rejection.origin}: {rejection.reason.value}: {rejection.detail}")


@app.command("docs")
def docs_cmd(
    db: DbOption = None,
    status: Annotated[str | None, typer.Option(help="accepted or rejected.")] = None,
    fmt: FormatOption = "table",
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
    why: Annotated[
        bool, typer.Option("--why", help="Add the date's evidence to the table (JSON has it).")
    ] = False,
) -> None:
    """List documents: id, title, date, date source, events, status and rejection reason."""
    with open_store(settings_for(db).db, read_only=True) as store:
        rows = [_document_listing(r) for r in store.documents(status=status, limit=limit)]
    columns = ["id", "title", "date", "date_precision", "date_source", "n_events", "status"]
    render(rows, fmt, [*columns, "reason", *(["evidence"] if why else [])])


def _document_listing(row: DocumentRow) -> dict[str, Any]:
    """A document row with ``date``: the day, or the range ``earliest..latest`` it lies in."""
    date = row.published
    if row.date_precision == "range" or (date is None and row.earliest):
        date = f"{row.earliest or ''}..{row.latest or ''}"
    return {**dataclasses.asdict(row), "date": date}


@app.command("events")
@filter_options("dyad", "actor", "since", "until", "root", "doc_id", "all", "limit", "mentions")
def events_cmd(db: DbOption = None, *, filters: FilterValues, fmt: FormatOption = "table") -> None:
    """List events, one row per real-world event (--mentions: every report; --all: negated too)."""
    query = _event_query(filters)
    with open_store(settings_for(db).db, read_only=True) as store:
        rows = store.clusters(query)
        if not rows:
            check_codes(
                store, countries=query.dyad or (), prefixes=[query.actor] if query.actor else []
            )
    render(
        [
            (event_row(r.event) if fmt in ("table", "csv") else r.event.export_dict())
            | {
                "cluster_id": r.cluster_id,
                "mentions": r.num_mentions,
                "articles": r.num_articles,
                "sources": r.num_sources,
                "first_report": r.first_report,
                "last_report": r.last_report,
            }
            for r in rows
        ],
        fmt,
        ["date", "source", "cameo", "target", "goldstein", "factuality"]
        + (["cluster_id"] if filters["mentions"] else ["articles", "sources"])
        + ["sentence"],
    )


DYAD_HEADERS = {
    "verbal_coop": "vcoop",
    "material_coop": "mcoop",
    "verbal_conflict": "vconf",
    "material_conflict": "mconf",
    "goldstein_mean": "gold",
}
"""The dyad table's headers in a narrow terminal."""


@app.command("dyads")
def dyads_cmd(
    db: DbOption = None,
    directed: Annotated[bool, typer.Option(help="Keep source→target direction.")] = False,
    fmt: FormatOption = "table",
    min_confidence: MinConfidenceOption = None,
) -> None:
    """Summarise each pair of countries: events by quad class, Goldstein, first and last date."""
    query = EventQuery(min_confidence=min_confidence)
    with open_store(settings_for(db).db, read_only=True) as store:
        rows = [r.__dict__ | {} for r in store.dyads(directed=directed, query=query)]
    render(
        rows,
        fmt,
        [
            "a",
            "b",
            "events",
            "verbal_coop",
            "material_coop",
            "verbal_conflict",
            "material_conflict",
            "goldstein_mean",
            "first",
            "last",
        ],
        short=DYAD_HEADERS,
    )


@app.command("export")
@filter_options("all", "dyad", "actor", "since", "until", "root", "mentions")
def export_cmd(
    db: DbOption = None,
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help="csv, jsonl, json, parquet, gdelt or plover."),
    ] = "jsonl",
    what: Annotated[str, typer.Option(help="events, facts, quotes or gold (verified).")] = "events",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default stdout).")
    ] = None,
    verified_only: Annotated[
        bool, typer.Option("--verified-only", help="Only confirmed or corrected events.")
    ] = False,
    *,
    filters: FilterValues,
    header: Annotated[
        bool, typer.Option("--header", help="GDELT: write a header row (GDELT's files have none).")
    ] = False,
) -> None:
    """Write events (or facts, quotes) in a research format; rejected events are left out."""
    from bilat.exports import export_events, export_facts, export_quotes
    from bilat.exports.stream import DOWNLOAD_FORMATS

    query = _event_query(filters)
    settings = settings_for(db)
    if what == "gold":
        from bilat.cli.loop import export_gold

        export_gold(settings, fmt, query, output)
        return
    if fmt in DOWNLOAD_FORMATS.get(what, ()) and not (fmt == "gdelt" and header):
        _stream_export(settings, what, fmt, query, verified_only, output)
        return
    with open_store(settings.db, read_only=True, memory_limit=settings.memory_limit) as store:
        if what == "events":
            data = export_events(store, fmt, query, verified_only=verified_only, header=header)
        elif what == "facts":
            data = export_facts(store, fmt)
        elif what == "quotes":
            data = export_quotes(store, fmt)
        else:
            fail(f"--what takes events, facts, quotes or gold, got {what!r}")
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        output.write_bytes(data)
        err.print(f"wrote {what} ({fmt}, {len(data)} bytes) to {output}")


def _stream_export(
    settings: Settings,
    what: str,
    fmt: str,
    query: EventQuery,
    verified_only: bool,
    output: Path | None,
) -> None:
    """Write an export page by page, so memory stays flat however many events it holds."""
    from bilat.exports import write_export

    with open_store(settings.db, read_only=True, memory_limit=settings.memory_limit) as store:
        if output is None:
            write_export(
                store,
                sys.stdout.buffer,
                what=what,
                fmt=fmt,
                query=query,
                verified_only=verified_only,
            )
            sys.stdout.flush()
            return
        # A failed export must not leave half a file under the requested name.
        partial = output.with_name(output.name + ".partial")
        try:
            with partial.open("wb") as handle:
                write_export(
                    store, handle, what=what, fmt=fmt, query=query, verified_only=verified_only
                )
            partial.replace(output)
        finally:
            partial.unlink(missing_ok=True)
    err.print(f"wrote {what} ({fmt}, {output.stat().st_size} bytes) to {output}")


@app.command("eval")
def eval_cmd(
    gold: Annotated[Path, typer.Argument(help="Gold events JSONL (the shared format).")],
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    gold_format: Annotated[
        str,
        typer.Option(
            "--gold-format",
            help="jsonl (the shared format, scored against the store), or petr2 / plover: "
            "the gold file's own sentences are coded in memory and scored (no store needed).",
        ),
    ] = "jsonl",
    docs: Annotated[
        str | None,
        typer.Option(
            "--docs",
            help="Score only documents whose id matches this pattern (fnmatch, e.g. 'sa*').",
        ),
    ] = None,
) -> None:
    """Score the stored events against gold: P / R / F1, dyad recall, misses listed."""
    from bilat.evaluation import (
        GOLD_FORMATS,
        evaluate_gold_set,
        load_gold,
        read_gold_set,
        score_events,
    )

    if not gold.exists():
        fail(f"gold file {gold} does not exist")
    if gold_format not in GOLD_FORMATS:
        fail(f"unknown --gold-format {gold_format!r}; use one of {', '.join(GOLD_FORMATS)}")
    if gold_format != "jsonl":
        result = evaluate_gold_set(read_gold_set(gold, gold_format), settings_for(db))
    else:
        with open_store(settings_for(db).db, read_only=True) as store:
            system = [
                e.export_dict()
                for e in store.events(
                    # Gold is coded sentence by sentence: every mention of a clustered event
                    # is scored in its own sentence, not only the cluster's first.
                    EventQuery(
                        factuality=EVERY_FACTUALITY,
                        mentions=True,
                    )
                )
            ]
        rows = load_gold(gold)
        if docs is not None:
            rows = [g for g in rows if fnmatch.fnmatchcase(str(g["doc"]), docs)]
            if not rows:
                fail(
                    f"no gold document matches --docs {docs!r}; gold ids look like {gold_ids(gold)}"
                )
        result = score_events(
            rows, [s for s in system if s["factuality"] not in ("negated", "hypothetical")]
        )
    data = result.as_dict()
    if fmt == "json":
        out.print_json(json.dumps(data))
        return
    for key, value in data.items():
        if key != "false_positives":
            out.print(f"{key}: {value}")
    for fp in result.false_positives:
        out.print(
            f"false positive {fp['doc_id']}: {fp['source']} {fp['cameo']} {fp['target']} | {fp['sentence'][:100]}"
        )
    out.print(f"P={result.precision} R={result.recall} F1={result.f1}")


def gold_ids(gold: Path) -> str:
    """Return the first few document ids of a gold file, for an error message."""
    from bilat.evaluation import load_gold

    ids = sorted({str(g["doc"]) for g in load_gold(gold)})
    return ", ".join(ids[:3]) + (", …" if len(ids) > 3 else "")


@app.command("show")
def show_cmd(
    doc_id: Annotated[str, typer.Argument(help="Document id (see bilat docs).")],
    db: DbOption = None,
) -> None:
    """Print an article with its actors and events marked up."""
    with open_store(settings_for(db).db, read_only=True) as store:
        extraction = store.extraction(doc_id)
    if extraction is None:
        fail(f"no document {doc_id!r}; list ids with `bilat docs`")
    assert extraction is not None
    document = extraction.document
    out.print(
        Text.assemble(
            (document.title or document.id, "bold"),
            f"  ({extraction.date.value or 'undated'}, "
            f"{extraction.date.precision.value}, {extraction.date.source.value})",
        )
    )
    text = Text(document.text)
    for mention in extraction.mentions:
        text.stylize("bold cyan", mention.start, mention.end)
    for event in extraction.events:
        text.stylize("underline", event.trigger_start, event.trigger_end)
    out.print(text)
    out.print()
    for event in extraction.events:
        target = event.target.code if event.target else "-"
        out.print(
            f"[{event.sentence_index}] {event.source.code} {event.cameo} {target} "
            f"({event.cameo_name}; {event.factuality.value}; {event.rule}; conf {event.confidence})"
        )


@app.command("serve")
def serve_cmd(
    db: DbOption = None,
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    token: Annotated[
        str | None, typer.Option(envvar="BILAT_TOKEN", help="Bearer token that enables writes.")
    ] = None,
    watch: Annotated[
        bool, typer.Option("--watch", help="Also poll the registered feeds, in the server.")
    ] = False,
    interval: Annotated[
        str | None, typer.Option(help="Time between feed polls, e.g. 15m (watch_interval).")
    ] = None,
) -> None:
    """Serve the REST API and dashboard; other commands write through it while it runs."""
    from bilat.feeds import parse_interval
    from bilat.server import serve

    settings = settings_for(db, host=host, port=port)
    seconds = parse_interval(interval or settings.watch_interval) if watch else None
    serve(settings.db, host=settings.host, port=settings.port, token=token, watch=seconds)


@app.command("explain")
def explain_cmd(
    doc_id: Annotated[str, typer.Argument(help="Document id (see bilat docs).")],
    db: DbOption = None,
    sentence: Annotated[int | None, typer.Option(help="Only this sentence (0-based).")] = None,
) -> None:
    """Show, sentence by sentence, the parse, the actors, the patterns tried and why."""
    from bilat.extract import Pipeline

    settings = settings_for(db)
    with open_store(settings.db, read_only=True) as store:
        extraction = store.extraction(doc_id)
    if extraction is None:
        fail(f"no document {doc_id!r}; list ids with `bilat docs`")
    assert extraction is not None
    explanation = Pipeline.load(settings).explain(extraction.document)
    for index, (start, end) in enumerate(explanation.extraction.sentences):
        if sentence is not None and index != sentence:
            continue
        out.print(Text.assemble((f"[{index}]", "bold"), " ", extraction.document.text[start:end]))
        mentions = [m for m in explanation.extraction.mentions if start <= m.start < end]
        for m in mentions:
            out.print(f"    actor '{m.text}' → {m.actor.code} ({m.kind}: {m.how})")
        for attempt in (a for a in explanation.attempts if a.sentence_index == index):
            mark = "coded" if attempt.coded else "not coded"
            out.print(f"    {attempt.pattern} on '{attempt.trigger}': {mark} — {attempt.reason}")
        for event in (e for e in explanation.extraction.events if e.sentence_index == index):
            target = event.target.code if event.target else "-"
            out.print(
                f"    EVENT {event.source.code} {event.cameo} {target} "
                f"[{event.factuality.value}] conf {event.confidence}"
            )
