"""Moving a store between backends: ``bilat copy --from bilat.duckdb --to postgresql://…``.

``bilat migrate`` is the command's old name, kept as a hidden alias that warns: elsewhere in
bilat "migration" means a schema change (:mod:`bilat.store.migrations`), not a copy.
"""

from __future__ import annotations

from typing import Annotated

import typer

from bilat.cli.common import app, err, out
from bilat.store import open_store

SourceOption = Annotated[
    str, typer.Option("--from", help="Store to copy from: a DuckDB file or postgresql:// URL.")
]
TargetOption = Annotated[
    str, typer.Option("--to", help="Store to copy into (created and migrated if new).")
]
BatchOption = Annotated[int, typer.Option(help="Documents per transaction.")]


@app.command("copy")
def copy_cmd(source: SourceOption, target: TargetOption, batch_size: BatchOption = 200) -> None:
    """Copy a whole store (documents, events, facts, quotes, rejections, verdicts) to another."""
    from bilat.store.transfer import copy_store

    with open_store(source, read_only=True) as reader, open_store(target) as writer:
        report = copy_store(reader, writer, batch_size=batch_size)
    out.print(
        f"copied {report.documents} documents ({report.skipped} already there), "
        f"{report.events} events, {report.rejections} rejections, {report.verdicts} verdicts"
    )


@app.command("migrate", hidden=True)
def migrate_cmd(source: SourceOption, target: TargetOption, batch_size: BatchOption = 200) -> None:
    """Copy a whole store to another: the deprecated name of ``bilat copy``."""
    err.print(
        "warning: `bilat migrate` is deprecated and will be removed; "
        "run `bilat copy` with the same options"
    )
    copy_cmd(source, target, batch_size)
