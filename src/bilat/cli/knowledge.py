"""The knowledge and actor commands: ``bilat knowledge check``, ``bilat actors`` and its ``resolve``."""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from bilat.cli.common import (
    DbOption,
    FormatOption,
    app,
    knowledge_app,
    out,
    render,
    settings_for,
)
from bilat.store import open_store


@knowledge_app.command("check")
def knowledge_check_cmd(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Knowledge files (default: every bundled and knowledge_dirs file)."),
    ] = None,
) -> None:
    """Lint knowledge files; print file:line errors and exit non-zero on any."""
    from bilat.events.patterns import check_patterns
    from bilat.knowledge import knowledge_files
    from bilat.knowledge.loader import check_aliases, check_file, noun_class_names

    if not files:
        files = knowledge_files(settings_for().knowledge_dirs)
    # A pattern may name a class another file defines: check names against every file's.
    classes = noun_class_names([*knowledge_files(settings_for().knowledge_dirs), *files])
    check = functools.partial(check_patterns, classes=classes)
    problems = [p for f in files for p in check_file(f, patterns=check)]
    for problem in problems:
        out.print(str(problem))
    if problems:
        raise typer.Exit(1)
    # One name for two people in office at once is legal but makes resolution guess: warn.
    for warning in check_aliases(files):
        out.print(str(warning))
    out.print(f"ok: {len(files)} file(s) valid")


actors_app = typer.Typer(help="Actors found, and how a text resolves.", invoke_without_command=True)
app.add_typer(actors_app, name="actors")


@actors_app.callback()
def actors_cmd(ctx: typer.Context, db: DbOption = None, fmt: FormatOption = "table") -> None:
    """List the actors found in stored documents, with counts."""
    if ctx.invoked_subcommand is not None:
        return
    with open_store(settings_for(db).db, read_only=True) as store:
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
    render(rows, fmt, ["code", "name", "mentions"])


@actors_app.command("resolve")
def actors_resolve_cmd(
    text: Annotated[str, typer.Argument(help='A mention, e.g. "the US Secretary of State".')],
    date: Annotated[str | None, typer.Option(help="The date to resolve at (YYYY-MM-DD).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Resolve a mention to its actor code, country, sector, person and office, and say why."""
    from bilat.lookup import resolve_text

    results = resolve_text(text, date=date, settings=settings_for())
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
