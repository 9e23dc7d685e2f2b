"""One analyst's pass through the review queue: verdicts go to the store, undo takes them back.

The session knows nothing of keys or screens: the terminal (``bilat review``) maps keys to its
methods. Each verdict is written at once through :meth:`~bilat.store.Store.set_verdict`, so a
session cut short keeps everything judged so far.

    session = ReviewSession(store, review_queue(store, limit=20))
    session.confirm()
    session.undo()   # the verdict is removed and the same event is current again
"""

from __future__ import annotations

from dataclasses import dataclass

from bilat.errors import InputError
from bilat.review.queue import ReviewItem
from bilat.store import Store
from bilat.verdicts import Verdict

SKIP = "skip"


@dataclass(frozen=True)
class Step:
    """What was done to one item: a verdict kind, or ``skip``."""

    index: int
    action: str


class ReviewSession:
    """Walk a list of review items, recording verdicts and undoing them in reverse order.

        session = ReviewSession(store, items)
        while session.current is not None:
            session.skip()

    Args:
        store: Where verdicts are written (a local store or one handing calls to a server).
        items: The queue, most urgent first.
    """

    def __init__(self, store: Store, items: list[ReviewItem]) -> None:
        self.store = store
        self.items = items
        self.position = 0
        self.steps: list[Step] = []

    @property
    def current(self) -> ReviewItem | None:
        """Return the item to judge now, or None when the queue is done."""
        return self.items[self.position] if self.position < len(self.items) else None

    @property
    def judged(self) -> int:
        """Return how many verdicts this session has written (and not undone)."""
        return sum(1 for step in self.steps if step.action != SKIP)

    def _item(self) -> ReviewItem:
        item = self.current
        if item is None:
            raise InputError("the review queue is done; nothing is left to judge")
        return item

    def _record(self, verdict: str, **corrections: str | None) -> Verdict:
        item = self._item()
        saved = self.store.set_verdict(item.event.id, verdict, **corrections)
        self.steps.append(Step(self.position, verdict))
        self.position += 1
        return saved

    def confirm(self) -> Verdict:
        """Confirm the current event as coded and move on."""
        return self._record("confirm")

    def reject(self) -> Verdict:
        """Reject the current event and move on."""
        return self._record("reject")

    def correct(
        self,
        *,
        cameo: str | None = None,
        source_code: str | None = None,
        target_code: str | None = None,
    ) -> Verdict:
        """Correct the current event's code or actors and move on.

        Args:
            cameo: The right CAMEO code.
            source_code: The right source actor code.
            target_code: The right target actor code.

        Returns:
            The verdict as stored.

        Raises:
            InputError: No field was corrected, or a code is unknown (nothing is written).
        """
        return self._record(
            "correct", cameo=cameo, source_code=source_code, target_code=target_code
        )

    def skip(self) -> None:
        """Leave the current event unjudged and move on."""
        self._item()
        self.steps.append(Step(self.position, SKIP))
        self.position += 1

    def undo(self) -> Step | None:
        """Step back to the previous item, removing the verdict written for it.

        Returns:
            The step undone, or None at the start of the session.
        """
        if not self.steps:
            return None
        step = self.steps.pop()
        if step.action != SKIP:
            self.store.delete_verdict(self.items[step.index].event.id)
        self.position = step.index
        return step
