"""Pattern health: each verb pattern's matches in the store, its verdicts and its precision.

Precision is measured from verdicts: the share of judged matches an analyst confirmed as
coded (a corrected match was wrong in its code or actors, so it counts against the pattern).
A pattern rejected more often than confirmed is flagged; the user switches it off by listing
its id under ``patterns_off`` in a file of their ``knowledge_dirs``.

    rows = pattern_health(store, Knowledge.load())
    [r.id for r in rows if r.flagged]
"""

from __future__ import annotations

from dataclasses import dataclass

from bilat.events.patterns import load_patterns
from bilat.knowledge import Knowledge
from bilat.records import Record
from bilat.store import Store


@dataclass(frozen=True)
class PatternHealth(Record):
    """One lexicon pattern's record in the store.

    ``precision`` is ``confirmed / (confirmed + rejected + corrected)``, None before any
    verdict; ``flagged`` is ``rejected > confirmed``; ``off`` says the user switched it off.

        PatternHealth(id="042-visit", code="042", matches=12, confirmed=5, rejected=1,
                      corrected=0, precision=0.833, flagged=False, off=False)
    """

    id: str
    code: str
    matches: int
    confirmed: int
    rejected: int
    corrected: int
    precision: float | None
    flagged: bool
    off: bool


def pattern_health(store: Store, knowledge: Knowledge) -> list[PatternHealth]:
    """List every lexicon pattern (switched off or not) with its matches and verdicts.

    Args:
        store: The store whose events are counted.
        knowledge: Where the patterns and the user's ``patterns_off`` come from.

    Returns:
        One row per pattern, in lexicon order.

    Raises:
        KnowledgeError: A verb file is invalid, or ``patterns_off`` names an unknown id.
    """
    off = knowledge.words("patterns_off")
    # Loaded with the switch applied once, so an unknown id in patterns_off is reported here too.
    codes, classes = frozenset(knowledge.cameo), knowledge.noun_classes
    load_patterns(knowledge.verb_files, codes, off, classes)
    every = load_patterns(knowledge.verb_files, codes, classes=classes)
    counts = {row.rule: row for row in store.pattern_counts()}
    rows = []
    for pattern in every.patterns:
        found = counts.get(pattern.id)
        confirmed = found.confirmed if found else 0
        rejected = found.rejected if found else 0
        corrected = found.corrected if found else 0
        judged = confirmed + rejected + corrected
        rows.append(
            PatternHealth(
                id=pattern.id,
                code=pattern.code,
                matches=found.matches if found else 0,
                confirmed=confirmed,
                rejected=rejected,
                corrected=corrected,
                precision=round(confirmed / judged, 3) if judged else None,
                flagged=rejected > confirmed,
                off=pattern.id in off,
            )
        )
    return rows
