"""Calibrated confidence: the coder's raw score turned into the probability that an event is right.

The evidence is data (the ``calibration`` knowledge section): how many events of each pattern
family (the CAMEO root of their code) and each raw score were right. The bundled counts come
from the dev gold; ``bilat calibrate`` adds the store's verdicts to them. From the counts,
:func:`fit` builds a :class:`Calibrator`:

- one curve over every family: isotonic (pool-adjacent-violators) in the raw score, each block
  smoothed with one right and one wrong pseudo-event so no score maps to 0 or 1;
- per family, a shift of that curve in log-odds, from the family's right share shrunk towards
  what the curve expects by ``pooling`` pseudo-events, so a family seen a few times keeps the
  shared curve and one seen often gets its own level.

    >>> data = CalibrationData(counts=[CalibrationCount(family="04", raw=0.75, n=8, right=6)])
    >>> fit(data).probability("042", 0.75)
    0.722
"""

from __future__ import annotations

import bisect
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from bilat.knowledge.schema import CalibrationCount, CalibrationData
from bilat.records import Event
from bilat.verdicts import Verdict, VerdictKind

_EDGE = 1e-3


def family_of(code: str) -> str:
    """Return the pattern family of a CAMEO code: its two-digit root."""
    return code[:2]


@dataclass(frozen=True)
class Calibrator:
    """Maps a raw score and a CAMEO code to a probability; without knots it is the identity.

    ``xs``/``ys`` are the shared curve's knots (raw score → probability), ``shifts`` the
    log-odds shift of each family that has one.

        Calibrator(xs=(0.5, 0.9), ys=(0.6, 0.9)).probability("043", 0.7)  # 0.75
    """

    xs: tuple[float, ...] = ()
    ys: tuple[float, ...] = ()
    shifts: Mapping[str, float] = field(default_factory=dict)

    def curve(self, raw: float) -> float:
        """Return the shared curve at a raw score (linear between knots, flat outside).

        Args:
            raw: The coder's score.

        Returns:
            The probability before the family's shift.
        """
        if not self.xs:
            return raw
        if raw <= self.xs[0]:
            return self.ys[0]
        if raw >= self.xs[-1]:
            return self.ys[-1]
        i = bisect.bisect_right(self.xs, raw)
        x0, x1, y0, y1 = self.xs[i - 1], self.xs[i], self.ys[i - 1], self.ys[i]
        return y0 + (y1 - y0) * (raw - x0) / (x1 - x0)

    def probability(self, code: str, raw: float) -> float:
        """Return the calibrated confidence of an event.

        Args:
            code: Its CAMEO code (the family is the root).
            raw: The coder's score.

        Returns:
            The probability that the event is right, rounded to three places.
        """
        if not self.xs:
            return raw
        shift = self.shifts.get(family_of(code), 0.0)
        return round(_sigmoid(_logit(self.curve(raw)) + shift), 3)


def fit(data: CalibrationData) -> Calibrator:
    """Fit the shared curve and the family shifts from counts (see the module docstring).

    Args:
        data: The ``calibration`` knowledge section.

    Returns:
        The calibrator; the identity when there are no counts.
    """
    if not data.counts:
        return Calibrator()
    pooled: dict[float, list[int]] = {}
    for count in data.counts:
        slot = pooled.setdefault(count.raw, [0, 0])
        slot[0] += count.n
        slot[1] += count.right
    xs = sorted(pooled)
    ys = _isotonic([(pooled[x][0], pooled[x][1]) for x in xs])
    shared = Calibrator(tuple(xs), tuple(ys))
    families: dict[str, list[float]] = {}
    for count in data.counts:
        slot2 = families.setdefault(count.family, [0.0, 0.0, 0.0])
        slot2[0] += count.n
        slot2[1] += count.right
        slot2[2] += count.n * shared.curve(count.raw)
    shifts = {}
    for family, (n, right, expected) in sorted(families.items()):
        mean = expected / n
        shrunk = (right + data.pooling * mean) / (n + data.pooling)
        shifts[family] = round(_logit(shrunk) - _logit(mean), 4)
    return Calibrator(tuple(xs), tuple(ys), shifts)


def _isotonic(cells: list[tuple[int, int]]) -> list[float]:
    """Return non-decreasing smoothed rates for ``(n, right)`` cells in raw-score order."""
    blocks: list[list[int]] = []  # [n, right, cells]
    for n, right in cells:
        blocks.append([n, right, 1])
        while len(blocks) > 1 and _rate(blocks[-2]) > _rate(blocks[-1]):
            last = blocks.pop()
            for i in range(3):
                blocks[-1][i] += last[i]
    rates: list[float] = []
    for n, right, width in blocks:
        rates.extend([round((right + 1) / (n + 2), 4)] * width)
    # Smoothing can reorder two blocks of very different sizes; keep the curve monotone.
    for i in range(1, len(rates)):
        rates[i] = max(rates[i], rates[i - 1])
    return rates


def _rate(block: list[int]) -> float:
    return block[1] / block[0]


def _logit(p: float) -> float:
    p = min(max(p, _EDGE), 1 - _EDGE)
    return math.log(p / (1 - p))


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def tally(observations: Iterable[tuple[str, float, bool]]) -> list[CalibrationCount]:
    """Return counts for ``(CAMEO code, raw score, right)`` observations, sorted.

    Args:
        observations: One per judged event.

    Returns:
        One count per family and raw score.
    """
    cells: dict[tuple[str, float], list[int]] = {}
    for code, raw, right in observations:
        slot = cells.setdefault((family_of(code), round(raw, 3)), [0, 0])
        slot[0] += 1
        slot[1] += int(right)
    return [
        CalibrationCount(family=family, raw=raw, n=n, right=right)
        for (family, raw), (n, right) in sorted(cells.items())
    ]


def combine(*parts: Iterable[CalibrationCount]) -> list[CalibrationCount]:
    """Return the sum of several count lists, one count per family and raw score."""
    cells: dict[tuple[str, float], list[int]] = {}
    for part in parts:
        for count in part:
            slot = cells.setdefault((count.family, count.raw), [0, 0])
            slot[0] += count.n
            slot[1] += count.right
    return [
        CalibrationCount(family=family, raw=raw, n=n, right=right)
        for (family, raw), (n, right) in sorted(cells.items())
    ]


def verdict_right(verdict: Verdict) -> bool:
    """Return whether the machine's coding was right by a verdict, as the gold scorer counts it.

    A confirm is right and a reject wrong; a correction is right when it keeps the CAMEO root
    and the actors' countries (a finer code or sector is the same event to the scorer).

    Args:
        verdict: The verdict, with the machine's coding it judged.

    Returns:
        Whether the event, as the machine coded it, was right.
    """
    if verdict.verdict is VerdictKind.CONFIRM:
        return True
    if verdict.verdict is VerdictKind.REJECT:
        return False
    same_root = not verdict.cameo or family_of(verdict.cameo) == family_of(
        verdict.machine_cameo or ""
    )
    return (
        same_root
        and _same_country(verdict.source_code, verdict.machine_source)
        and _same_country(verdict.target_code, verdict.machine_target)
    )


def _same_country(corrected: str | None, machine: str | None) -> bool:
    return not corrected or (machine or "")[:3].upper() == corrected[:3].upper()


def raw_score(event: Event) -> float:
    """Return an event's score before calibration (its confidence for events stored before)."""
    return event.confidence if event.raw_confidence is None else event.raw_confidence


def observations(
    judged: Iterable[tuple[Event, Verdict]],
) -> list[tuple[str, float, bool]]:
    """Return ``(machine CAMEO code, raw score, right)`` for events with their verdicts.

    Args:
        judged: Events as the machine coded them, each with its verdict.

    Returns:
        One observation per event.
    """
    return [
        (verdict.machine_cameo or event.cameo, raw_score(event), verdict_right(verdict))
        for event, verdict in judged
    ]


def to_yaml(data: CalibrationData) -> str:
    """Return a ``calibration`` knowledge file holding these counts, one count a line.

    Args:
        data: The section to write.

    Returns:
        YAML text that :meth:`bilat.knowledge.Knowledge.load` reads back as the same section.
    """
    lines = [
        "# Right and wrong events by pattern family (CAMEO root) and raw score: the evidence",
        "# confidence is calibrated from (see bilat.calibration).",
        "calibration:",
        f"  source: {json.dumps(data.source)}",
        f"  pooling: {data.pooling:g}",
        "  counts:" if data.counts else "  counts: []",
    ]
    lines.extend(
        f'    - {{family: "{c.family}", raw: {c.raw:g}, n: {c.n}, right: {c.right}}}'
        for c in data.counts
    )
    return "\n".join(lines) + "\n"
