"""Well-known events a text may refer to, and the day each happened.

A text that refers to an event ("the Galwan clash", "Operation Sindoor") was written on that
day or later, which dates an undated text from below. The events are rows of the knowledge
table ``referred_events.csv``.

    >>> events = ReferredEvent.load_all()
    >>> [e.name for e in events if e.found_in("after the Galwan clash, talks resumed")]
    ['the Galwan clash']
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bilat.knowledge import Knowledge

__all__ = ["ReferredEvent"]


@dataclass(frozen=True)
class ReferredEvent:
    """An event, the day it happened, and the pattern that finds a reference to it."""

    name: str
    day: dt.date
    pattern: re.Pattern[str]

    @classmethod
    def load_all(cls, knowledge: Knowledge | None = None) -> tuple[ReferredEvent, ...]:
        """Return the events of a knowledge base's ``referred_events`` table.

        Args:
            knowledge: the knowledge (the bundled one by default).

        Returns:
            The events in table order.

        Raises:
            KnowledgeError: the table is invalid (``file:line``).
        """
        kb = knowledge or Knowledge.load()
        return tuple(
            cls(row["name"], dt.date.fromisoformat(row["date"]), re.compile(row["pattern"]))
            for row in kb.rows("referred_events")
        )

    def found_in(self, sentence: str) -> re.Match[str] | None:
        """Return where a sentence refers to the event, if it does.

        Args:
            sentence: one sentence of the text.
        """
        return self.pattern.search(sentence)
