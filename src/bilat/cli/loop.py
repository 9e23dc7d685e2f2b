"""The analyst's loop: verdicts exported as gold, calibration, knowledge from corrections, recode."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bilat.cli.common import DbOption, FormatOption, app, err, fail, out, render, settings_for
from bilat.store import EventQuery, open_store

if TYPE_CHECKING:
    from bilat.settings import Settings

ToOption = Annotated[
    Path | None,
    typer.Option(
        "--to", help="Knowledge directory to write into (default: the first of knowledge_dirs)."
    ),
]


def export_gold(settings: Settings, fmt: str, query: EventQuery, output: Path | None) -> None:
    """Write the verified events as gold JSONL (every mention, every factuality)."""
    from bilat.exports.gold import GOLD_QUERY, gold_bytes

    if fmt != "jsonl":
        fail(f"--what gold writes the gold JSONL format only; drop --format {fmt}")
    gold_query = dataclasses.replace(query, factuality=GOLD_QUERY.factuality, mentions=True)
    with open_store(settings.db, read_only=True, memory_limit=settings.memory_limit) as store:
        data = gold_bytes(store, gold_query)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    output.write_bytes(data)
    rows = data.count(b"\n")
    err.print(f"wrote gold ({rows} verified {'event' if rows == 1 else 'events'}) to {output}")


def _target(settings: Settings, to: Path | None) -> Path:
    if to is not None:
        return to
    if not settings.knowledge_dirs:
        fail(
            "no knowledge directory to write into; pass --to DIR or set knowledge_dirs "
            "in bilat.toml"
        )
    return Path(settings.knowledge_dirs[0])


@app.command("calibrate")
def calibrate_cmd(db: DbOption = None, to: ToOption = None) -> None:
    """Fit confidence calibration from the verdicts (over the bundled prior) into calibration.yaml."""
    from bilat.calibration import fit, to_yaml
    from bilat.knowledge import Knowledge
    from bilat.learn import calibrate

    settings = settings_for(db)
    folder = _target(settings, to)
    if not folder.is_dir():
        fail(f"knowledge directory {folder} does not exist; create it or pass another with --to")
    prior = Knowledge.load(cache_dir=settings.cache_dir or None).section("calibration")
    with open_store(settings.db, read_only=True) as store:
        data, added = calibrate(store, prior)
    path = folder / "calibration.yaml"
    path.write_text(to_yaml(data), encoding="utf-8")
    fitted = fit(data)
    families = ", ".join(f"{k} {v:+.2f}" for k, v in sorted(fitted.shifts.items()))
    out.print(f"wrote {path}: {added} verdicts over {sum(c.n for c in prior.counts)} prior events")
    out.print(
        "curve: " + ", ".join(f"{x:g}→{y:.3f}" for x, y in zip(fitted.xs, fitted.ys, strict=True))
    )
    out.print(f"family shifts (log-odds): {families}")
    out.print("run `bilat recode` to apply it to stored events")


@app.command("learn")
def learn_cmd(
    db: DbOption = None,
    to: ToOption = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Write without asking.")] = False,
    fmt: FormatOption = "table",
) -> None:
    """Propose knowledge entries (people, organisations) from actor corrections; write on confirm."""
    from bilat.knowledge import knowledge_for
    from bilat.learn import proposals, write_proposals

    settings = settings_for(db)
    with open_store(settings.db, read_only=True) as store:
        found = proposals(store, knowledge_for(settings))
    rows = [
        {"name": p.name, "section": p.section, "code": _code(p.entry), "why": p.why} for p in found
    ]
    render(rows, fmt, ["name", "section", "code", "why"])
    if not found:
        return
    folder = _target(settings, to)
    if not yes and not typer.confirm(f"add {len(found)} entries to {folder}/learned.yaml?"):
        err.print("nothing written")
        return
    path = write_proposals(found, folder)
    err.print(f"wrote {len(found)} entries to {path}; run `bilat recode` to apply them")


def _code(entry: dict[str, object]) -> str:
    roles = entry.get("roles")
    if isinstance(roles, list) and roles and isinstance(roles[0], dict):
        return f"{entry.get('country')} {roles[0].get('office')} from {roles[0].get('start')}"
    return str(entry.get("code") or entry.get("country"))


@app.command("recode")
def recode_cmd(
    db: DbOption = None,
    since: Annotated[
        str | None, typer.Option(help="Only documents dated from this day (YYYY-MM-DD).")
    ] = None,
) -> None:
    """Re-code stored documents with the current rules and knowledge; verdicts follow their events."""
    from bilat.recode import recode

    settings = settings_for(db)
    with open_store(settings.db) as store:
        report = recode(store, settings, since=since)
    out.print(
        f"recoded {report.documents} documents: {report.events_before} events before, "
        f"{report.events_after} after; {report.verdicts} verdicts, "
        f"{len(report.orphaned)} orphaned"
    )
    for event_id in report.orphaned:
        out.print(f"orphaned verdict on {event_id}: its sentence no longer yields that event")
