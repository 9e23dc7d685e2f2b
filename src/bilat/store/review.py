"""The queries behind pattern health: how often each rule fired and what analysts said of it.

Every function runs on a read cursor and speaks plain SQL that DuckDB and PostgreSQL share;
:class:`Review` is the store mixin that offers them.
"""

from __future__ import annotations

from typing import Any

from bilat.store.backend import Backend
from bilat.store.rows import PatternCount

Cursor = Any
"""A DB-API cursor or DuckDB connection: has ``execute(sql, params).fetchall()``."""

_PATTERN_COUNTS = """
SELECT e.rule,
       count(*),
       sum(CASE WHEN v.verdict = 'confirm' THEN 1 ELSE 0 END),
       sum(CASE WHEN v.verdict = 'reject' THEN 1 ELSE 0 END),
       sum(CASE WHEN v.verdict = 'correct' THEN 1 ELSE 0 END)
FROM events e LEFT JOIN verdicts v ON v.event_id = e.id
GROUP BY e.rule
ORDER BY e.rule
"""


def pattern_counts(cursor: Cursor) -> list[PatternCount]:
    """Return, per rule that fired, its stored events and the verdicts on them.

    Every stored mention counts, whatever its factuality, so that a pattern's hypothetical
    and negated matches show too; a verdict counts once, on the event it judged.

    Args:
        cursor: A read cursor.

    Returns:
        One row per rule, by rule id.
    """
    rows = cursor.execute(_PATTERN_COUNTS, []).fetchall()
    return [
        PatternCount(
            rule=str(rule),
            matches=int(matches),
            confirmed=int(confirmed or 0),
            rejected=int(rejected or 0),
            corrected=int(corrected or 0),
        )
        for rule, matches, confirmed, rejected, corrected in rows
    ]


class Review(Backend):
    """Read what verdicts say of each rule (see :class:`~bilat.store.Store`)."""

    def pattern_counts(self) -> list[PatternCount]:
        """Return, per rule that fired, its stored events and the verdicts on them."""
        with self._reading() as cursor:
            return pattern_counts(cursor)
