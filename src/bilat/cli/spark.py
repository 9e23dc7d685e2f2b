"""Commands for scale: ``bilat spark run`` (extract with PySpark) and ``bilat load``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from bilat.cli.common import DbOption, app, err, out, settings_for
from bilat.store import open_store

spark_app = typer.Typer(no_args_is_help=True, help="Run extraction on a Spark cluster.")
app.add_typer(spark_app, name="spark")


@spark_app.command("run")
def spark_run_cmd(
    input_path: Annotated[str, typer.Argument(help="JSONL file, or Parquet file or directory.")],
    output: Annotated[str, typer.Argument(help="Directory to write Parquet to (replaced).")],
    master: Annotated[
        str, typer.Option(help="Spark master URL; empty keeps spark-submit's.")
    ] = "local[2]",
    partitions: Annotated[int | None, typer.Option(help="Input partitions.")] = None,
    text_field: Annotated[str, typer.Option(help="Record field with the text.")] = "text",
    id_field: Annotated[str, typer.Option(help="Record field with the id.")] = "id",
    date_field: Annotated[str, typer.Option(help="Record field with the date.")] = "published",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary.")] = False,
) -> None:
    """Extract events from JSONL/Parquet documents with PySpark and write them as Parquet."""
    from bilat.sources import ReadOptions
    from bilat.spark import run_job

    settings = settings_for()
    options = ReadOptions(
        text_field=text_field,
        id_field=id_field,
        date_field=date_field,
        max_bytes=settings.max_bytes,
    )
    report = run_job(
        input_path,
        output,
        master=master or None,
        settings=settings,
        options=options,
        partitions=partitions,
    )
    if not quiet:
        err.print(
            f"wrote {report.documents} documents, {report.events} events and "
            f"{report.rejections} rejections to {report.output}"
        )


@app.command("load")
def load_cmd(
    output: Annotated[Path, typer.Argument(help="Directory written by `bilat spark run`.")],
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Bring the Parquet output of `bilat spark run` into the store (re-loading adds nothing)."""
    from bilat.spark import load_output

    settings = settings_for(db)
    with open_store(settings.db) as store:
        report = load_output(output, store, settings=settings)
    if fmt == "json":
        out.print_json(json.dumps(report.as_dict()))
        return
    out.print(
        f"added {report.added} documents ({report.skipped} already stored), "
        f"{report.events} events, {report.rejected} rejections"
    )
