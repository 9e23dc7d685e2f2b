"""Alert rules from ``bilat.toml``, matched once per event cluster and sent to sinks.

>>> from bilat.alerts import parse_rules
>>> parse_rules('[[alerts]]\\nname = "x"\\nactor = "PAK"\\n')[0].actor
'PAK'
"""

from __future__ import annotations

from bilat.alerts.evaluate import Alert, AlertRun, SourceLink, match_alerts, run_alerts
from bilat.alerts.rules import (
    AlertRule,
    EmailSink,
    JsonlSink,
    StdoutSink,
    WebhookSink,
    load_rules,
    parse_rules,
)
from bilat.alerts.sinks import SinkError, deliver

__all__ = [
    "Alert",
    "AlertRule",
    "AlertRun",
    "EmailSink",
    "JsonlSink",
    "SinkError",
    "SourceLink",
    "StdoutSink",
    "WebhookSink",
    "deliver",
    "load_rules",
    "match_alerts",
    "parse_rules",
    "run_alerts",
]
