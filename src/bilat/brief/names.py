"""Say actor codes in words for readers without bilat: ``PAKGOV`` → ``Pakistan government``.

Names come from the knowledge files (countries, sectors, organisations), so a user's own
knowledge directories name their own codes too.

    names = ActorNames(Knowledge.load())
    names.code("PAKMIL")  # 'PAKMIL (Pakistan military)'
"""

from __future__ import annotations

from bilat.knowledge import Knowledge
from bilat.records import Actor


class ActorNames:
    """Spell out actor codes with country, sector and organisation names.

    Args:
        knowledge: Where the names come from.
    """

    def __init__(self, knowledge: Knowledge) -> None:
        self._countries = {code: c.name for code, c in knowledge.countries.items()}
        self._sectors = {code: s.name.lower() for code, s in knowledge.sectors.items()}
        self._organisations: dict[str, str] = {}
        for organisation in knowledge.organisations.values():
            self._organisations.setdefault(organisation.code, organisation.name)

    def words(self, code: str) -> str | None:
        """Return a code in words (``"Pakistan military"``), or None when a part is unknown.

        Args:
            code: An actor code: a country, organisation or either followed by sectors.

        Returns:
            The words, or None.
        """
        head, rest = code[:3], code[3:]
        name = self._countries.get(head) or self._organisations.get(head)
        sectors = [self._sectors.get(rest[i : i + 3]) for i in range(0, len(rest), 3)]
        # A country and sectors read generically ("Pakistan rebels") even when one group
        # carries that code; a group's own name comes with the actor, not the code.
        if name is None or len(rest) % 3 or any(s is None for s in sectors):
            return self._organisations.get(code)
        return " ".join([name, *(s for s in sectors if s)])

    def code(self, code: str) -> str:
        """Return ``"PAKGOV (Pakistan government)"``, or the bare code when it has no name."""
        words = self.words(code)
        return f"{code} ({words})" if words else code

    def actor(self, actor: Actor) -> str:
        """Return an actor for a reader: ``"Ishaq Dar, Pakistan government (PAKGOV)"``.

        Args:
            actor: A resolved actor.

        Returns:
            The person or organisation's name when known, the code in words, and the code.
        """
        words = self.words(actor.code)
        what = f"{words} ({actor.code})" if words else actor.code
        name = actor.person or actor.name
        return f"{name}, {what}" if name and name != words else what

    def scope(self, dyad: tuple[str, str] | None, actor: str | None) -> str:
        """Return a brief's scope in words: ``"Pakistan and India"`` or ``"Pakistan"``."""
        if dyad is not None:
            return " and ".join(self.words(c) or c for c in dyad)
        return self.words(actor or "") or f"actor {actor}"
