"""Is a relationship getting warmer or colder? Slope, confidence interval and change points.

The series is a timeline's Goldstein mean per period (periods without events are skipped, but
keep their place in time). The slope is Theil–Sen's median of pairwise slopes, robust to a few
odd periods, with its confidence interval (:func:`scipy.stats.theilslopes`). Change points are
shifts in the mean level found by PELT (:mod:`ruptures`) with a penalty of
``2 σ² ln n``, σ being the period-to-period noise (estimated from the median absolute
difference, never below :data:`NOISE_FLOOR`). Steps are kept only when they fit better than a
straight line (a steady drift is a trend, not a change point), and a shift smaller than
:data:`MIN_SHIFT` Goldstein points is not reported. Both are described in plain words.

    >>> from bilat.analytics.timelines import TimelinePeriod
    >>> flat = [TimelinePeriod(f"2025-0{m}", "", "", 1, 1, 0, 0, 0, 1.0, 1.0) for m in (1, 2)]
    >>> trend(flat).summary
    'too few periods to tell a trend (2 with events; 4 needed)'
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bilat.analytics.timelines import TimelinePeriod
from bilat.records import Record

MIN_PERIODS = 4
"""Fewest periods with events for a slope: three points give no meaningful interval."""

MIN_CHANGE_PERIODS = 5
"""Fewest periods with events to look for change points (two periods each side, at least)."""

NOISE_FLOOR = 0.5
"""Least noise assumed (Goldstein points), so a nearly flat series does not split on wobbles."""

MIN_SHIFT = 1.0
"""Smallest change in mean Goldstein (points) reported as a change point."""

_MINUS = "\N{MINUS SIGN}"


@dataclass(frozen=True)
class ChangePoint(Record):
    """A shift in the mean Goldstein level: ``period`` is the first period of the new level."""

    period: str
    previous: str
    before: float
    after: float


@dataclass(frozen=True)
class Trend(Record):
    """The slope of a Goldstein series with its confidence interval, its change points, in words.

    ``direction`` is ``"rising"`` or ``"falling"`` when the whole interval is on one side of
    zero, ``"flat"`` when it holds zero, ``"unknown"`` when there are too few periods; then
    ``slope``, ``low`` and ``high`` are None.

        trend(timeline(store, "PAK", "USA", by="month")).summary
    """

    periods: int
    slope: float | None
    low: float | None
    high: float | None
    confidence: float
    direction: str
    change_points: tuple[ChangePoint, ...]
    summary: str

    def as_dict(self) -> dict[str, Any]:
        """Return the trend as plain dicts, lists and scalars."""
        return super().as_dict()


def signed(value: float, digits: int = 1) -> str:
    """Return a number with its sign always shown, using a true minus ("−0.4", "+2.1").

    Args:
        value: The number.
        digits: Decimal places.

    Returns:
        The text.
    """
    text = f"{value:+.{digits}f}"
    if float(text) == 0:
        text = f"{0:+.{digits}f}"
    return text.replace("-", _MINUS)


def _unit(label: str) -> str:
    if re.fullmatch(r"\d{4}", label):
        return "year"
    if "-Q" in label:
        return "quarter"
    if "-W" in label:
        return "week"
    return "month"


def _points(series: Sequence[TimelinePeriod]) -> tuple[list[int], list[float], list[str]]:
    xs: list[int] = []
    ys: list[float] = []
    labels: list[str] = []
    for index, row in enumerate(series):
        if row.events and row.goldstein_mean is not None:
            xs.append(index)
            ys.append(row.goldstein_mean)
            labels.append(row.period)
    return xs, ys, labels


def change_points(values: Sequence[float], labels: Sequence[str]) -> list[ChangePoint]:
    """Return the shifts in mean level of a series, oldest first.

    Args:
        values: The series (one value per period with events).
        labels: The period label of each value.

    Returns:
        The change points; none when the series is shorter than :data:`MIN_CHANGE_PERIODS`.
    """
    n = len(values)
    if n < MIN_CHANGE_PERIODS:
        return []
    # Imported here: ruptures pulls in scipy (~1 s), which commands that never ask for a trend
    # (and every ingest) should not pay at start-up.
    import numpy as np
    import ruptures as rpt

    signal = np.asarray(values, dtype=float)
    diffs = np.abs(np.diff(signal))
    # For Gaussian noise, median |difference| ≈ 0.954 σ; a level shift touches one difference.
    sigma = max(float(np.median(diffs)) / 0.954, NOISE_FLOOR)
    penalty = 2 * sigma**2 * math.log(n)
    ends = rpt.Pelt(model="l2", min_size=2, jump=1).fit(signal).predict(pen=penalty)
    bounds = [0, *ends]
    steps = sum(
        float(((signal[left:right] - signal[left:right].mean()) ** 2).sum())
        for left, right in itertools.pairwise(bounds)
    )
    x = np.arange(n, dtype=float)
    line = np.polyval(np.polyfit(x, signal, 1), x)
    # A steady drift is split into many small steps by a piecewise-constant fit; report steps
    # only when they explain the series better than one straight line does.
    if steps + penalty * (len(bounds) - 2) >= float(((signal - line) ** 2).sum()) + penalty:
        return []
    found: list[ChangePoint] = []
    for left, cut, right in zip(bounds, bounds[1:], bounds[2:], strict=False):
        before = float(signal[left:cut].mean())
        after = float(signal[cut:right].mean())
        if abs(after - before) >= MIN_SHIFT:
            found.append(
                ChangePoint(labels[cut], labels[cut - 1], round(before, 6), round(after, 6))
            )
    return found


def _describe_change(point: ChangePoint) -> str:
    verb = "rose" if point.after > point.before else "fell"
    return (
        f"cooperation {verb} from {signed(point.before)} to {signed(point.after)} after "
        f"{point.previous}; change point at {point.period}"
    )


def trend(series: Sequence[TimelinePeriod], *, confidence: float = 0.95) -> Trend:
    """Return the slope, confidence interval and change points of a timeline's Goldstein means.

    Args:
        series: A timeline, as :func:`bilat.analytics.timeline` returns it (periods without
            events are skipped but keep their place in time).
        confidence: The confidence level of the slope's interval.

    Returns:
        The trend, with a one-line ``summary`` such as "Goldstein mean rose by +0.50 a month
        (95% CI +0.40 to +0.60); cooperation rose from −0.4 to +2.1 after 2025-01; change
        point at 2025-02".
    """
    xs, ys, labels = _points(series)
    level = f"{confidence:.0%}"
    if len(ys) < MIN_PERIODS:
        return Trend(
            periods=len(ys),
            slope=None,
            low=None,
            high=None,
            confidence=confidence,
            direction="unknown",
            change_points=(),
            summary=(
                f"too few periods to tell a trend ({len(ys)} with events; {MIN_PERIODS} needed)"
            ),
        )
    from scipy.stats import theilslopes

    fit = theilslopes(ys, xs, alpha=confidence)
    slope, low, high = (round(float(v), 6) for v in (fit.slope, fit.low_slope, fit.high_slope))
    unit = _unit(labels[0])
    interval = f"({level} CI {signed(low, 2)} to {signed(high, 2)})"
    if low > 0 or high < 0:
        direction = "rising" if slope > 0 else "falling"
        verb = "rose" if slope > 0 else "fell"
        sentence = f"Goldstein mean {verb} by {signed(slope, 2)} a {unit} {interval}"
    else:
        direction = "flat"
        sentence = f"no clear trend: Goldstein mean {signed(slope, 2)} a {unit} {interval}"
    points = change_points(ys, labels)
    parts = [sentence, *(_describe_change(p) for p in points)]
    if not points:
        parts.append("no change point")
    return Trend(
        periods=len(ys),
        slope=slope,
        low=low,
        high=high,
        confidence=confidence,
        direction=direction,
        change_points=tuple(points),
        summary="; ".join(parts),
    )
