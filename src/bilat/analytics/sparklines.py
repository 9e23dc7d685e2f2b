"""Terminal sparklines: a series as one line of block characters (▁▂▃▄▅▆▇█).

>>> sparkline([0, 1, 2, 3, 4, 5, 6, 7])
'▁▂▃▄▅▆▇█'
"""

from __future__ import annotations

from collections.abc import Sequence

BARS = "▁▂▃▄▅▆▇█"
"""The eight bar heights, lowest first."""


def sparkline(
    values: Sequence[float | None], *, low: float | None = None, high: float | None = None
) -> str:
    """Return a series as one character per value, scaled between its lowest and highest.

    Args:
        values: The series; None (a period without data) becomes a space.
        low: The value drawn as the lowest bar; default the series' minimum.
        high: The value drawn as the highest bar; default the series' maximum.

    Returns:
        The line, as long as ``values``; a series of equal values is drawn at mid height.
    """
    known = [v for v in values if v is not None]
    if not known:
        return " " * len(values)
    bottom = min(known) if low is None else low
    top = max(known) if high is None else high
    span = top - bottom
    chars: list[str] = []
    for value in values:
        if value is None:
            chars.append(" ")
        elif span <= 0:
            chars.append(BARS[len(BARS) // 2 - 1])
        else:
            share = (min(max(value, bottom), top) - bottom) / span
            chars.append(BARS[min(int(share * len(BARS)), len(BARS) - 1)])
    return "".join(chars)
