"""Moving a store between backends: ``bilat migrate --from bilat.duckdb --to postgresql://…``."""

from __future__ import annotations

from typing import Annotated

import typer

from bilat.cli.common import app, out
from bilat.store import open_store


@app.command("migrate")
def migrate_cmd(
    source: Annotated[
        str, typer.Option("--from", help="Store to copy from: a DuckDB file or postgresql:// URL.")
    ],
    target: Annotated[
        str, typer.Option("--to", help="Store to copy into (created and migrated if new).")
    ],
    batch_size: Annotated[int, typer.Option(help="Documents per transaction.")] = 200,
) -> None:
    """Copy a whole store (documents, events, facts, quotes, rejections, verdicts) to another."""
    from bilat.store.transfer import copy_store

    with open_store(source, read_only=True) as reader, open_store(target) as writer:
        report = copy_store(reader, writer, batch_size=batch_size)
    out.print(
        f"copied {report.documents} documents ({report.skipped} already there), "
        f"{report.events} events, {report.rejections} rejections, {report.verdicts} verdicts"
    )
