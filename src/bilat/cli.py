"""The ``bilat`` command line: each command parses, calls one library function, renders.

Errors become ``Error: …`` on stderr and a non-zero exit; nothing here holds logic of its own.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from bilat.errors import BilatError
from bilat.evaluation import load_gold, score_events
from bilat.ingest import IngestReport, ingest
from bilat.records import Event
from bilat.settings import Settings, load_settings
from bilat.sources import ReadOptions
from bilat.store import EventQuery, open_store

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
knowledge_app = typer.Typer(no_args_is_help=True, help="Check knowledge files.")
app.add_typer(knowledge_app, name="knowledge")


class _Stream:
    """A rich console that writes to whatever sys.stdout/sys.stderr is at the time of writing."""

    def __init__(self, stderr: bool) -> None:
        self.stderr = stderr

    def _console(self) -> Console:
        stream = sys.stderr if self.stderr else sys.stdout
        return Console(file=stream, highlight=False, soft_wrap=True)

    @property
    def is_terminal(self) -> bool:
        return self._console().is_terminal

    def print(self, *objects: Any) -> None:
        self._console().print(*objects)

    def print_json(self, data: str) -> None:
        self._console().print_json(data)


out = _Stream(stderr=False)
err = _Stream(stderr=True)

DbOption = Annotated[
    str | None, typer.Option("--db", envvar="BILAT_DB", help="DuckDB file (default bilat.duckdb).")
]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table, json, jsonl or csv.")]


def _settings(db: str | None = None, **extra: Any) -> Settings:
    return load_settings(db=db, **extra)


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
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")
    ] = False,
) -> None:
    """Read articles, code their events and store them (re-ingesting adds nothing)."""
    settings = _settings(db, max_bytes=max_bytes, batch_size=batch_size)
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
        _fail("no document was accepted; see the rejections above")


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
) -> None:
    """List documents: id, title, date, date source, events, status and rejection reason."""
    with open_store(_settings(db).db, read_only=True) as store:
        rows = [r.__dict__ | {} for r in store.documents(status=status, limit=limit)]
    _render(
        rows,
        fmt,
        [
            "id",
            "title",
            "published",
            "date_precision",
            "date_source",
            "n_events",
            "status",
            "reason",
        ],
    )


@app.command("events")
def events_cmd(
    db: DbOption = None,
    dyad: Annotated[
        str | None, typer.Option(help="Two countries, e.g. PAK,USA (either direction).")
    ] = None,
    actor: Annotated[
        str | None, typer.Option(help="Actor code prefix, e.g. PAK or PAKGOV.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date (YYYY-MM-DD).")] = None,
    root: Annotated[str | None, typer.Option(help="CAMEO root or code prefix, e.g. 04.")] = None,
    doc: Annotated[str | None, typer.Option(help="Only events of this document.")] = None,
    all_factuality: Annotated[
        bool, typer.Option("--all", help="Include negated and hypothetical events.")
    ] = False,
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
    fmt: FormatOption = "table",
) -> None:
    """List coded events, filtered; negated and hypothetical ones only with --all."""
    query = EventQuery(
        dyad=_pair(dyad),
        actor=actor,
        since=since,
        until=until,
        root=root,
        doc_id=doc,
        limit=limit,
        factuality=("asserted", "planned", "reported", "negated", "hypothetical")
        if all_factuality
        else None,
    )
    with open_store(_settings(db).db, read_only=True) as store:
        events = store.events(query)
    _render(
        [_event_row(e) for e in events]
        if fmt in ("table", "csv")
        else [e.export_dict() for e in events],
        fmt,
        ["date", "source", "cameo", "target", "goldstein", "factuality", "sentence"],
    )


@app.command("dyads")
def dyads_cmd(
    db: DbOption = None,
    directed: Annotated[bool, typer.Option(help="Keep source→target direction.")] = False,
    fmt: FormatOption = "table",
) -> None:
    """Summarise each pair of countries: events by quad class, Goldstein, first and last date."""
    with open_store(_settings(db).db, read_only=True) as store:
        rows = [r.__dict__ | {} for r in store.dyads(directed=directed)]
    _render(
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
    )


@app.command("export")
def export_cmd(
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, json or csv.")] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default stdout).")
    ] = None,
    all_factuality: Annotated[
        bool, typer.Option("--all", help="Include negated and hypothetical events.")
    ] = False,
) -> None:
    """Write every event in a research format (JSONL is what the shared scorer reads)."""
    query = (
        EventQuery(factuality=("asserted", "planned", "reported", "negated", "hypothetical"))
        if all_factuality
        else EventQuery()
    )
    with open_store(_settings(db).db, read_only=True) as store:
        events = store.events(query)
    rows: list[dict[str, Any]] = [e.export_dict() for e in events]
    text = _format(rows if fmt != "csv" else [_event_row(e) for e in events], fmt, None)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {len(rows)} events to {output}")


@app.command("eval")
def eval_cmd(
    gold: Annotated[Path, typer.Argument(help="Gold events JSONL (the shared format).")],
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Score the stored events against gold: P / R / F1, dyad recall, misses listed."""
    if not gold.exists():
        _fail(f"gold file {gold} does not exist")
    with open_store(_settings(db).db, read_only=True) as store:
        system = [
            e.export_dict()
            for e in store.events(
                EventQuery(
                    factuality=("asserted", "planned", "reported", "negated", "hypothetical")
                )
            )
        ]
    result = score_events(
        load_gold(gold), [s for s in system if s["factuality"] not in ("negated", "hypothetical")]
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


@app.command("show")
def show_cmd(
    doc_id: Annotated[str, typer.Argument(help="Document id (see bilat docs).")],
    db: DbOption = None,
) -> None:
    """Print an article with its actors and events marked up."""
    with open_store(_settings(db).db, read_only=True) as store:
        extraction = store.extraction(doc_id)
    if extraction is None:
        _fail(f"no document {doc_id!r}; list ids with `bilat docs`")
    assert extraction is not None
    document = extraction.document
    out.print(
        f"[bold]{document.title or document.id}[/bold]  ({extraction.date.value or 'undated'}, "
        f"{extraction.date.precision.value}, {extraction.date.source.value})"
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


def _event_row(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "doc_id": event.doc_id,
        "date": event.date,
        "source": event.source.code,
        "cameo": event.cameo,
        "target": event.target.code if event.target else None,
        "goldstein": event.goldstein,
        "quad_class": event.quad_class,
        "factuality": event.factuality.value,
        "confidence": event.confidence,
        "sentence": event.sentence,
    }


def _pair(value: str | None) -> tuple[str, str] | None:
    if value is None:
        return None
    parts = [p.strip().upper() for p in value.split(",") if p.strip()]
    if len(parts) != 2:
        _fail(f"--dyad needs two country codes like PAK,USA, got {value!r}")
    return parts[0], parts[1]


def _format(rows: Sequence[dict[str, Any]], fmt: str, columns: list[str] | None) -> str:
    if fmt == "json":
        return json.dumps(list(rows), ensure_ascii=False, indent=2, default=str) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows)
    if fmt == "csv":
        buffer = io.StringIO()
        names = columns or (list(rows[0]) if rows else [])
        writer = csv.DictWriter(
            buffer, fieldnames=names, extrasaction="ignore", lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue()
    raise BilatError(f"unknown format {fmt!r}; use table, json, jsonl or csv")


def _render(rows: Sequence[dict[str, Any]], fmt: str, columns: list[str]) -> None:
    if fmt != "table":
        sys.stdout.write(
            _format(rows, fmt, None if fmt != "csv" else list(rows[0]) if rows else columns)
        )
        return
    table = Table(show_lines=False)
    for name in columns:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    out.print(table)
    out.print(f"{len(rows)} rows")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _fail(message: str) -> None:
    err.print(f"Error: {message}")
    raise typer.Exit(1)


def _guard(callback: Callable[..., None]) -> Callable[..., None]:
    """Turn bilat's errors inside a command into ``Error: …`` and exit code 1."""

    @functools.wraps(callback)
    def run(*args: Any, **kwargs: Any) -> None:
        try:
            callback(*args, **kwargs)
        except BilatError as exc:
            _fail(str(exc))

    return run


def main(argv: Sequence[str] | None = None) -> None:
    """Run the CLI; turn bilat's errors into ``Error: …`` and exit code 1."""
    try:
        app(args=list(argv) if argv is not None else None, standalone_mode=True)
    except BilatError as exc:
        err.print(f"Error: {exc}")
        sys.exit(1)


@app.command("serve")
def serve_cmd(
    db: DbOption = None,
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    token: Annotated[
        str | None, typer.Option(envvar="BILAT_TOKEN", help="Bearer token that enables writes.")
    ] = None,
) -> None:
    """Serve the REST API (and dashboard) over a database."""
    from bilat.api.app import serve

    settings = _settings(db, host=host, port=port)
    serve(settings.db, host=settings.host, port=settings.port, token=token)


@app.command("explain")
def explain_cmd(
    doc_id: Annotated[str, typer.Argument(help="Document id (see bilat docs).")],
    db: DbOption = None,
    sentence: Annotated[int | None, typer.Option(help="Only this sentence (0-based).")] = None,
) -> None:
    """Show, sentence by sentence, the parse, the actors, the patterns tried and why."""
    from bilat.extract import Pipeline

    settings = _settings(db)
    with open_store(settings.db, read_only=True) as store:
        extraction = store.extraction(doc_id)
    if extraction is None:
        _fail(f"no document {doc_id!r}; list ids with `bilat docs`")
    assert extraction is not None
    explanation = Pipeline.load(settings).explain(extraction.document)
    for index, (start, end) in enumerate(explanation.extraction.sentences):
        if sentence is not None and index != sentence:
            continue
        out.print(f"[bold][{index}][/bold] {extraction.document.text[start:end]}")
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


@knowledge_app.command("check")
def knowledge_check_cmd(
    files: Annotated[list[Path], typer.Argument(help="YAML or TSV knowledge files.")],
) -> None:
    """Lint knowledge files; print file:line errors and exit non-zero on any."""
    from bilat.knowledge.loader import check_file

    problems = [p for f in files for p in check_file(f)]
    for problem in problems:
        out.print(str(problem))
    if problems:
        raise typer.Exit(1)
    out.print(f"ok: {len(files)} file(s) valid")


actors_app = typer.Typer(help="Actors found, and how a text resolves.", invoke_without_command=True)
app.add_typer(actors_app, name="actors")


@actors_app.callback()
def actors_cmd(ctx: typer.Context, db: DbOption = None, fmt: FormatOption = "table") -> None:
    """List the actors found in stored documents, with counts."""
    if ctx.invoked_subcommand is not None:
        return
    with open_store(_settings(db).db, read_only=True) as store:
        counts: dict[tuple[str, str], int] = {}
        for row in store.documents(status="accepted"):
            extraction = store.extraction(row.id) if row.id else None
            for m in extraction.mentions if extraction else ():
                key = (m.actor.code, m.actor.person or m.actor.organisation or "")
                counts[key] = counts.get(key, 0) + 1
    rows = [
        {"code": c, "name": n, "mentions": k}
        for (c, n), k in sorted(counts.items(), key=lambda i: -i[1])
    ]
    _render(rows, fmt, ["code", "name", "mentions"])


@actors_app.command("resolve")
def actors_resolve_cmd(
    text: Annotated[str, typer.Argument(help='A mention, e.g. "the US Secretary of State".')],
    date: Annotated[str | None, typer.Option(help="The date to resolve at (YYYY-MM-DD).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Resolve a mention to its actor code, country, sector, person and office, and say why."""
    from bilat.actors import resolve_text

    results = resolve_text(text, date=date, settings=_settings())
    if fmt == "json":
        sys.stdout.write(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
        return
    if not results:
        out.print("no actor found")
    for r in results:
        out.print(
            f"{r['text']} → {r['code']} (country {r['country']}, sector {r['sector']}, "
            f"person {r['person']}, office {r['office']}) — {r['how']}"
        )


for _group in (app, knowledge_app, actors_app):
    for _command in _group.registered_commands:
        if _command.callback is not None:
            _command.callback = _guard(_command.callback)
