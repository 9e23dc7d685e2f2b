"""bilat: news reports in, a verified and queryable record of international events out.

>>> import bilat
>>> report = bilat.ingest(["examples"], settings=bilat.load_settings(db="bilat.duckdb"))
>>> with bilat.open_store("bilat.duckdb") as store:
...     store.dyads()[:1]
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bilat.analytics import change_points, sparkline, timeline, trend
    from bilat.brief import BriefScope, build_brief
    from bilat.errors import BilatError
    from bilat.evaluation import evaluate_gold_set, score_events
    from bilat.exports import export_events, to_arrow, to_dataframe, write_export
    from bilat.extract import Pipeline, extract
    from bilat.ingest import IngestReport, ingest
    from bilat.learn import calibrate
    from bilat.recode import recode
    from bilat.records import Actor, Document, Event, Extraction, Rejection
    from bilat.review import PatternHealth, ReviewItem, pattern_health, review_queue
    from bilat.settings import Settings, load_settings
    from bilat.sources import ReadOptions, read_inputs, read_text
    from bilat.store import EventQuery, open_store
    from bilat.store.base import FactQuery, QuoteQuery
    from bilat.store.transfer import copy_store
    from bilat.verdicts import Verdict, VerdictKind

from bilat.version import __version__ as __version__

# Where each public name lives. They are imported on first use, so `import bilat` (and every
# command that only reads the store) does not pay for spaCy or scipy.
_HOMES = {
    "Actor": "bilat.records",
    "BilatError": "bilat.errors",
    "BriefScope": "bilat.brief",
    "Document": "bilat.records",
    "Event": "bilat.records",
    "EventQuery": "bilat.store",
    "Extraction": "bilat.records",
    "FactQuery": "bilat.store.base",
    "IngestReport": "bilat.ingest",
    "PatternHealth": "bilat.review",
    "Pipeline": "bilat.extract",
    "QuoteQuery": "bilat.store.base",
    "ReadOptions": "bilat.sources",
    "Rejection": "bilat.records",
    "ReviewItem": "bilat.review",
    "Settings": "bilat.settings",
    "Verdict": "bilat.verdicts",
    "VerdictKind": "bilat.verdicts",
    "build_brief": "bilat.brief",
    "calibrate": "bilat.learn",
    "change_points": "bilat.analytics",
    "copy_store": "bilat.store.transfer",
    "evaluate_gold_set": "bilat.evaluation",
    "export_events": "bilat.exports",
    "extract": "bilat.extract",
    "ingest": "bilat.ingest",
    "load_settings": "bilat.settings",
    "open_store": "bilat.store",
    "pattern_health": "bilat.review",
    "read_inputs": "bilat.sources",
    "read_text": "bilat.sources",
    "recode": "bilat.recode",
    "review_queue": "bilat.review",
    "score_events": "bilat.evaluation",
    "sparkline": "bilat.analytics",
    "timeline": "bilat.analytics",
    "to_arrow": "bilat.exports",
    "to_dataframe": "bilat.exports",
    "trend": "bilat.analytics",
    "write_export": "bilat.exports",
}


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first access (PEP 562)."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'bilat' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(types.ModuleType):
    """The ``bilat`` module, keeping ``bilat.ingest`` and ``bilat.extract`` the functions."""

    def __setattr__(self, name: str, value: Any) -> None:
        # Importing a submodule binds it on its package; two submodules share their name with
        # the public function they define, and the function is what ``bilat.<name>`` means.
        if isinstance(value, types.ModuleType) and _HOMES.get(name) == f"bilat.{name}":
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


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
    "PatternHealth",
    "Pipeline",
    "QuoteQuery",
    "ReadOptions",
    "Rejection",
    "ReviewItem",
    "Settings",
    "Verdict",
    "VerdictKind",
    "build_brief",
    "calibrate",
    "change_points",
    "copy_store",
    "evaluate_gold_set",
    "export_events",
    "extract",
    "ingest",
    "load_settings",
    "open_store",
    "pattern_health",
    "read_inputs",
    "read_text",
    "recode",
    "review_queue",
    "score_events",
    "sparkline",
    "timeline",
    "to_arrow",
    "to_dataframe",
    "trend",
    "write_export",
]
