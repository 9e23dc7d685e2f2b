"""Dyad analytics: timelines with empty periods filled, trends, change points and sparklines.

with open_store("bilat.duckdb", read_only=True) as store:
    rows = timeline(store, "PAK", "USA", by="quarter")
print(sparkline([r.events for r in rows]), trend(rows).summary)
"""

from __future__ import annotations

from bilat.analytics.periods import Period, period_of, periods_between
from bilat.analytics.sparklines import sparkline
from bilat.analytics.timelines import TimelinePeriod, fill_periods, timeline, timelines
from bilat.analytics.trends import ChangePoint, Trend, change_points, trend

__all__ = [
    "ChangePoint",
    "Period",
    "TimelinePeriod",
    "Trend",
    "change_points",
    "fill_periods",
    "period_of",
    "periods_between",
    "sparkline",
    "timeline",
    "timelines",
    "trend",
]
