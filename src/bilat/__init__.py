"""bilat: news reports in, a verified and queryable record of international events out.

>>> import bilat
>>> report = bilat.ingest(["examples"], settings=bilat.load_settings(db="bilat.duckdb"))
>>> with bilat.open_store("bilat.duckdb") as store:
...     store.dyads()[:1]
"""

from __future__ import annotations

from bilat.errors import BilatError
from bilat.extract import Pipeline, extract
from bilat.ingest import IngestReport, ingest
from bilat.records import Actor, Document, Event, Extraction, Rejection
from bilat.settings import Settings, load_settings
from bilat.sources import ReadOptions, read_inputs, read_text
from bilat.store import EventQuery, open_store

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "BilatError",
    "Document",
    "Event",
    "EventQuery",
    "Extraction",
    "IngestReport",
    "Pipeline",
    "ReadOptions",
    "Rejection",
    "Settings",
    "extract",
    "ingest",
    "load_settings",
    "open_store",
    "read_inputs",
    "read_text",
]
