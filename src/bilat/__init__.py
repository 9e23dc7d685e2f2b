"""bilat: news reports in, a verified and queryable record of international events out.

>>> import bilat
>>> report = bilat.ingest(["examples"], settings=bilat.load_settings(db="bilat.duckdb"))
>>> with bilat.open_store("bilat.duckdb") as store:
...     store.dyads()[:1]
"""

from __future__ import annotations

from bilat.analytics import change_points, sparkline, timeline, trend
from bilat.brief import BriefScope, build_brief
from bilat.errors import BilatError
from bilat.evaluation import evaluate_gold_set, score_events
from bilat.exports import export_events, to_arrow, to_dataframe, write_export
from bilat.extract import Pipeline, extract
from bilat.ingest import IngestReport, ingest
from bilat.records import Actor, Document, Event, Extraction, Rejection
from bilat.settings import Settings, load_settings
from bilat.sources import ReadOptions, read_inputs, read_text
from bilat.store import EventQuery, open_store
from bilat.store.base import FactQuery, QuoteQuery
from bilat.store.transfer import copy_store
from bilat.verdicts import Verdict, VerdictKind

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "BilatError",
    "BriefScope",
    "Document",
    "Event",
    "EventQuery",
    "Extraction",
    "FactQuery",
    "IngestReport",
    "Pipeline",
    "QuoteQuery",
    "ReadOptions",
    "Rejection",
    "Settings",
    "Verdict",
    "VerdictKind",
    "build_brief",
    "change_points",
    "copy_store",
    "evaluate_gold_set",
    "export_events",
    "extract",
    "ingest",
    "load_settings",
    "open_store",
    "read_inputs",
    "read_text",
    "score_events",
    "sparkline",
    "timeline",
    "to_arrow",
    "to_dataframe",
    "trend",
    "write_export",
]
