"""Events as flat rows: one schema for CSV, Parquet, pandas and Arrow.

The first eleven columns are those ``bilat export --format csv`` always wrote (id, doc_id, date,
source, cameo, target, goldstein, quad_class, factuality, confidence, sentence); the rest add
what researchers filter on. Corrected events show their corrected coding; ``verdict`` is
``confirm``, ``correct``, ``reject`` or empty; the last four columns are the event's cluster of
reports and its GDELT-style counts.

    >>> to_arrow([]).num_rows
    0
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

from bilat.records import Event
from bilat.verdicts import Verdict

if TYPE_CHECKING:
    import pandas as pd

SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("doc_id", pa.string()),
        ("date", pa.string()),
        ("source", pa.string()),
        ("cameo", pa.string()),
        ("target", pa.string()),
        ("goldstein", pa.float64()),
        ("quad_class", pa.int64()),
        ("factuality", pa.string()),
        ("confidence", pa.float64()),
        ("sentence", pa.string()),
        ("date_precision", pa.string()),
        ("sentence_index", pa.int64()),
        ("sentence_start", pa.int64()),
        ("sentence_end", pa.int64()),
        ("root", pa.string()),
        ("cameo_name", pa.string()),
        ("plover_type", pa.string()),
        ("plover_mode", pa.string()),
        ("source_country", pa.string()),
        ("source_sector", pa.string()),
        ("source_name", pa.string()),
        ("source_person", pa.string()),
        ("target_country", pa.string()),
        ("target_sector", pa.string()),
        ("target_name", pa.string()),
        ("target_person", pa.string()),
        ("rule", pa.string()),
        ("trigger", pa.string()),
        ("trigger_start", pa.int64()),
        ("trigger_end", pa.int64()),
        ("place_name", pa.string()),
        ("place_country", pa.string()),
        ("place_lat", pa.float64()),
        ("place_lon", pa.float64()),
        ("reported_by", pa.string()),
        ("symmetric", pa.bool_()),
        ("verdict", pa.string()),
        ("verdict_note", pa.string()),
        ("cluster_id", pa.string()),
        ("num_mentions", pa.int64()),
        ("num_articles", pa.int64()),
        ("num_sources", pa.int64()),
    ]
)
"""The columns and types of an exported event table."""

COLUMNS = tuple(SCHEMA.names)
"""The column names of :data:`SCHEMA`, in order."""


def event_row(event: Event, verdict: Verdict | None = None) -> dict[str, Any]:
    """Return one event as a flat row in :data:`COLUMNS` order.

    Args:
        event: The event, as the store reads it (corrections applied).
        verdict: Its verdict, if any.

    Returns:
        Column name → scalar (None when unknown).
    """
    source, target, place = event.source, event.target, event.place
    return {
        "id": event.id,
        "doc_id": event.doc_id,
        "date": event.date,
        "source": source.code,
        "cameo": event.cameo,
        "target": target.code if target else None,
        "goldstein": event.goldstein,
        "quad_class": event.quad_class,
        "factuality": event.factuality.value,
        "confidence": event.confidence,
        "sentence": event.sentence,
        "date_precision": event.date_precision.value,
        "sentence_index": event.sentence_index,
        "sentence_start": event.sentence_start,
        "sentence_end": event.sentence_end,
        "root": event.cameo[:2],
        "cameo_name": event.cameo_name,
        "plover_type": event.plover_type,
        "plover_mode": event.plover_mode,
        "source_country": source.country,
        "source_sector": source.sector,
        "source_name": source.name,
        "source_person": source.person,
        "target_country": target.country if target else None,
        "target_sector": target.sector if target else None,
        "target_name": target.name if target else None,
        "target_person": target.person if target else None,
        "rule": event.rule,
        "trigger": event.trigger,
        "trigger_start": event.trigger_start,
        "trigger_end": event.trigger_end,
        "place_name": place.name if place else None,
        "place_country": place.country if place else None,
        "place_lat": place.lat if place else None,
        "place_lon": place.lon if place else None,
        "reported_by": event.reported_by.code if event.reported_by else None,
        "symmetric": event.symmetric,
        "verdict": verdict.verdict.value if verdict else None,
        "verdict_note": verdict.note if verdict else None,
        "cluster_id": event.cluster_id,
        "num_mentions": event.num_mentions,
        "num_articles": event.num_articles,
        "num_sources": event.num_sources,
    }


def _rows(events: Sequence[Event], verdicts: Mapping[str, Verdict] | None) -> list[dict[str, Any]]:
    found = verdicts or {}
    return [event_row(e, found.get(e.id)) for e in events]


def to_arrow(events: Sequence[Event], *, verdicts: Mapping[str, Verdict] | None = None) -> pa.Table:
    """Return events as an Arrow table with the :data:`SCHEMA` columns and types.

    Args:
        events: The events, e.g. ``store.events(EventQuery(dyad=("PAK", "USA")))``.
        verdicts: Verdicts by event id (``{v.event_id: v for v in store.verdicts()}``).

    Returns:
        One row per event.
    """
    return pa.Table.from_pylist(_rows(events, verdicts), schema=SCHEMA)


def to_dataframe(
    events: Sequence[Event], *, verdicts: Mapping[str, Verdict] | None = None
) -> pd.DataFrame:
    """Return events as a pandas DataFrame with the :data:`SCHEMA` columns.

    Integer columns keep a nullable integer type, so a missing value does not turn them into
    floats.

    Args:
        events: The events.
        verdicts: Verdicts by event id.

    Returns:
        One row per event.
    """
    import pandas as pd

    frame: pd.DataFrame = to_arrow(events, verdicts=verdicts).to_pandas(
        types_mapper=_pandas_type(pd)
    )
    return frame


def _pandas_type(pd: Any) -> Any:
    mapping = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}
    return mapping.get


def csv_bytes(events: Sequence[Event], *, verdicts: Mapping[str, Verdict] | None = None) -> bytes:
    """Return events as CSV (header row, :data:`COLUMNS`), UTF-8."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(_rows(events, verdicts))
    return buffer.getvalue().encode("utf-8")


def jsonl_bytes(events: Sequence[Event], *, verdicts: Mapping[str, Verdict] | None = None) -> bytes:
    """Return events as JSONL in the shape the shared scorer reads, plus ``verdict``.

    Each line is :meth:`bilat.records.Event.export_dict` with the verdict's value (or null).
    """
    found = verdicts or {}
    lines = []
    for event in events:
        data = event.export_dict()
        verdict = found.get(event.id)
        data["verdict"] = verdict.verdict.value if verdict else None
        lines.append(json.dumps(data, ensure_ascii=False) + "\n")
    return "".join(lines).encode("utf-8")


def json_bytes(events: Sequence[Event], *, verdicts: Mapping[str, Verdict] | None = None) -> bytes:
    """Return events as one indented JSON array of the :func:`jsonl_bytes` objects."""
    records = [json.loads(line) for line in jsonl_bytes(events, verdicts=verdicts).splitlines()]
    return (json.dumps(records, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def parquet_bytes(
    events: Sequence[Event], *, verdicts: Mapping[str, Verdict] | None = None
) -> bytes:
    """Return events as a Parquet file (the :func:`to_arrow` table, zstd-compressed)."""
    sink = pa.BufferOutputStream()
    pq.write_table(to_arrow(events, verdicts=verdicts), sink, compression="zstd")
    data: bytes = sink.getvalue().to_pybytes()
    return data
