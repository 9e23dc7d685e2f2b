"""Verification commands: give a verdict on an event, list verdicts."""

from __future__ import annotations

from typing import Annotated

import typer

from bilat.cli.common import DbOption, FormatOption, app, out, render, settings_for
from bilat.store import open_store


@app.command("verify")
def verify_cmd(
    event_id: Annotated[str, typer.Argument(help="Event id (see bilat events --format json).")],
    verdict: Annotated[str, typer.Argument(help="confirm, reject or correct.")],
    db: DbOption = None,
    cameo: Annotated[str | None, typer.Option(help="Corrected CAMEO code, e.g. 043.")] = None,
    source: Annotated[str | None, typer.Option(help="Corrected source actor, e.g. PAKMIL.")] = None,
    target: Annotated[str | None, typer.Option(help="Corrected target actor, e.g. USAGOV.")] = None,
    note: Annotated[str | None, typer.Option(help="Why; kept with the verdict.")] = None,
) -> None:
    """Confirm, reject or correct a coded event; the verdict survives re-ingest and re-coding."""
    with open_store(settings_for(db).db) as store:
        given = store.set_verdict(
            event_id, verdict, note=note, cameo=cameo, source_code=source, target_code=target
        )
        event = store.event(event_id)
    shown = ""
    if event is not None:
        target_code = event.target.code if event.target else "-"
        shown = f": {event.source.code} {event.cameo} {target_code}"
    out.print(f"{given.verdict.value} {given.event_id}{shown}")


@app.command("verdicts")
def verdicts_cmd(db: DbOption = None, fmt: FormatOption = "table") -> None:
    """List every verdict: event, verdict, corrections, the machine's coding and the note.

    ``status`` is ``orphaned`` when re-coding left the verdict without its event.
    """
    with open_store(settings_for(db).db, read_only=True) as store:
        rows = [
            {
                **v.as_dict(),
                "status": "attached" if store.event(v.event_id) is not None else "orphaned",
            }
            for v in store.verdicts()
        ]
    render(
        rows,
        fmt,
        [
            "event_id",
            "verdict",
            "status",
            "cameo",
            "source_code",
            "target_code",
            "machine_cameo",
            "machine_source",
            "machine_target",
            "note",
            "updated_at",
        ],
    )
