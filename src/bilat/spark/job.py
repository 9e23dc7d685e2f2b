"""Run bilat's ``extract`` over JSONL or Parquet documents with PySpark, writing Parquet.

Each partition loads the pipeline once per executor Python process (``Pipeline.load`` caches
it, and Spark reuses its Python workers) and runs the very same ``extract_many`` that
``bilat ingest`` runs. The output directory is one Parquet dataset partitioned by ``kind`` (Hive layout, so pandas,
pyarrow and Spark read the column back):

- ``kind=document/``: one row per document, with the whole extraction as JSON (what
  :func:`bilat.spark.load_output` stores);
- ``kind=event/``: one row per event, as JSON;
- ``kind=rejection/``: inputs that did not become documents.

Every row carries the input ``ordinal`` (and ``seq`` within a document), so readers can
restore the input order.

    >>> report = run_job("articles.jsonl", "out/", master="local[2]")
    >>> report.events
    1234
"""

from __future__ import annotations

import json
import os
import sys
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bilat.errors import BilatError
from bilat.records import Document, Extraction, Rejection, RejectReason
from bilat.settings import Settings
from bilat.sources import ReadOptions
from bilat.sources.tabular import record_document
from bilat.store.codec import to_json

KINDS = ("document", "event", "rejection")
"""Values of the ``kind`` column the output is partitioned by (``OUTPUT/kind=event/``)."""

_SCHEMA = "kind string, ordinal long, seq int, id string, json string"
Row = tuple[str, int, int, str, str]


@dataclass(frozen=True)
class JobReport:
    """What one Spark run wrote: documents, events and rejections, and where."""

    output: str
    documents: int
    events: int
    rejections: int

    def as_dict(self) -> dict[str, object]:
        """Return the report as plain data."""
        return {
            "output": self.output,
            "documents": self.documents,
            "events": self.events,
            "rejections": self.rejections,
        }


def input_format(path: str) -> str:
    """Return ``"parquet"`` or ``"jsonl"`` for an input path, by its name.

    Args:
        path: a file or directory; directories and ``*.parquet`` names are Parquet.

    Raises:
        BilatError: the name ends neither in .jsonl/.json/.ndjson nor .parquet.
    """
    name = path.rstrip("/").lower()
    if name.endswith(".parquet") or (Path(path).is_dir() and not name.endswith(".jsonl")):
        return "parquet"
    if name.endswith((".jsonl", ".ndjson", ".json", ".jsonl.gz")):
        return "jsonl"
    raise BilatError(
        f"cannot tell the format of {path!r}; give a .jsonl file or a .parquet file or directory"
    )


def partition_rows(
    records: Iterable[tuple[dict[str, Any] | str, int]],
    *,
    origin: str,
    settings: dict[str, Any],
    options: dict[str, Any],
) -> Iterator[Row]:
    """Extract one partition's records; yield (kind, ordinal, seq, id, JSON) output rows.

    Args:
        records: (record, ordinal) pairs; a record is a JSONL line or a Parquet row as a dict.
        origin: the input's name, for ``name:line`` origins like ``bilat ingest`` gives.
        settings: :class:`~bilat.settings.Settings` as a dict (it travels to executors).
        options: :class:`~bilat.sources.ReadOptions` as a dict.

    Returns:
        Rows of kind ``document`` (the extraction JSON), ``event`` and ``rejection``.
    """
    from bilat.extract import Pipeline

    config = Settings.model_validate(settings)
    read = ReadOptions(**options)
    pipeline = Pipeline.load(config)
    documents: list[tuple[Document, int]] = []
    for record, ordinal in records:
        item = _document(record, origin=f"{origin}:{ordinal + 1}", options=read)
        if item is None:
            continue
        if isinstance(item, Rejection):
            yield ("rejection", ordinal, 0, item.doc_id or "", to_json(item))
        else:
            documents.append((item, ordinal))
    extractions = pipeline.extract_many((d for d, _ in documents), batch_size=config.batch_size)
    for (_, ordinal), extraction in zip(documents, extractions, strict=True):
        extraction = _filter(extraction, config.min_confidence)
        yield ("document", ordinal, 0, extraction.document.id, to_json(extraction))
        for seq, event in enumerate(extraction.events):
            yield ("event", ordinal, seq, event.id, to_json(event))


def _document(
    record: dict[str, Any] | str, *, origin: str, options: ReadOptions
) -> Document | Rejection | None:
    """Turn a JSONL line or a Parquet row into a document, as ``bilat ingest`` reads records."""
    if isinstance(record, str):
        if not record.strip():
            return None
        try:
            data = json.loads(record.lstrip("\ufeff"))
        except json.JSONDecodeError as exc:
            return Rejection(origin, RejectReason.MALFORMED, f"not valid JSON ({exc})")
        if not isinstance(data, dict):
            return Rejection(origin, RejectReason.MALFORMED, "line is not a JSON object")
        record = data
    return record_document(record, origin=origin, options=options)


def _filter(extraction: Extraction, minimum: float) -> Extraction:
    if minimum <= 0:
        return extraction
    from dataclasses import replace

    kept = tuple(e for e in extraction.events if e.confidence >= minimum)
    return replace(extraction, events=kept)


def run_job(
    input_path: str,
    output: str,
    *,
    master: str | None = "local[2]",
    settings: Settings | None = None,
    options: ReadOptions | None = None,
    partitions: int | None = None,
) -> JobReport:
    """Extract every document of a JSONL or Parquet input with Spark and write Parquet.

    Args:
        input_path: a JSONL file, or a Parquet file or directory, of documents.
        output: the directory to write ``kind=document/``, ``kind=event/`` and
            ``kind=rejection/`` to (replaced if it exists).
        master: the Spark master URL (``local[2]``, ``spark://host:7077``); None keeps the
            one ``spark-submit`` set.
        settings: model, knowledge, batch size and minimum confidence.
        options: the record field names (as for ``bilat ingest``).
        partitions: how many partitions to split the input into (default: Spark's choice,
            at least twice the cores).

    Returns:
        Counts of documents, events and rejections written.

    Raises:
        BilatError: pyspark is not installed, or the input cannot be read.
    """
    with warnings.catch_warnings():
        # pyspark 4.3 warns that it is not tested with pandas 3; bilat passes it no pandas data.
        warnings.filterwarnings("ignore", message="PySpark does not yet", category=FutureWarning)
        return _run(input_path, output, master, settings or Settings(), options, partitions)


def _run(
    input_path: str,
    output: str,
    master: str | None,
    settings: Settings,
    options: ReadOptions | None,
    partitions: int | None,
) -> JobReport:
    options = options or ReadOptions(max_bytes=settings.max_bytes)
    spark = _session(master)
    try:
        rows = _records(spark, input_path, partitions)
        plain_settings = settings.model_dump()
        plain_options = {k: getattr(options, k) for k in options.__dataclass_fields__}
        origin = input_path

        def extract_partition(
            part: Iterable[tuple[dict[str, Any] | str, int]],
        ) -> Iterator[Row]:
            return partition_rows(
                part, origin=origin, settings=plain_settings, options=plain_options
            )

        out = rows.mapPartitions(extract_partition)
        frame = spark.createDataFrame(out, schema=_SCHEMA)
        # One pass writes all three datasets; load_output restores the input order.
        frame.write.mode("overwrite").partitionBy("kind").parquet(output)
        written = spark.read.parquet(output).groupBy("kind").count().collect()
        counts = {str(row["kind"]): int(row["count"]) for row in written}
        return JobReport(
            output, counts.get("document", 0), counts.get("event", 0), counts.get("rejection", 0)
        )
    finally:
        spark.stop()


def _session(master: str | None) -> Any:
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise BilatError(
            "the Spark job needs pyspark; install it with `pip install 'bilat[spark]'`"
        ) from exc
    builder = SparkSession.builder.appName("bilat")
    if master:
        builder = builder.master(master)
    # Executors must run the same interpreter (and so the same installed bilat) as the driver.
    builder = builder.config("spark.pyspark.python", sys.executable)
    builder = builder.config("spark.pyspark.driver.python", sys.executable)
    # Spark may start the interpreter behind a virtualenv's symlink, outside the venv: hand the
    # driver's import path to executors so bilat and spaCy import there too (a real cluster
    # needs bilat installed on its workers, and this path then adds nothing harmful).
    paths = [p for p in sys.path if p and Path(p).is_dir()]
    builder = builder.config("spark.executorEnv.PYTHONPATH", os.pathsep.join(paths))
    builder = builder.config("spark.ui.enabled", "false")
    builder = builder.config("spark.python.worker.reuse", "true")
    return builder.getOrCreate()


def _records(spark: Any, path: str, partitions: int | None) -> Any:
    """Return an RDD of (record, ordinal) pairs: JSONL lines or Parquet rows as dicts."""
    if not Path(path).exists() and "://" not in path:
        raise BilatError(f"input {path!r} does not exist; give a JSONL or Parquet path")
    if input_format(path) == "jsonl":
        lines = spark.sparkContext.textFile(path, minPartitions=partitions or 2)
        return lines.zipWithIndex()
    frame = spark.read.parquet(path)
    if partitions:
        frame = frame.repartition(partitions)
    return frame.rdd.map(lambda row: row.asDict()).zipWithIndex()
