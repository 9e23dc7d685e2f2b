"""The fact kinds a filter accepts: each stored kind, and ``casualties`` for every casualty kind.

Casualty kinds (``killed``, ``injured``…) are the ones ``knowledge/units.yaml`` lists under
``casualties``; money, percentages and tariffs are found by their own patterns.

    >>> resolve_kind("casualties")
    ('killed', 'injured', 'abducted', 'arrested')
"""

from __future__ import annotations

from bilat.errors import InputError
from bilat.facts.vocabulary import Units, load_units

CASUALTIES = "casualties"
NUMBER_KINDS = ("money", "percent", "tariff")


def fact_kinds(units: Units | None = None) -> dict[str, tuple[str, ...]]:
    """Return every name a kind filter accepts, with the stored kinds it stands for.

    Args:
        units: The unit words (the bundled ``units.yaml`` by default).

    Returns:
        ``casualties`` first, then each stored kind standing for itself.
    """
    casualty = tuple((units or load_units()).casualties)
    kinds = {CASUALTIES: casualty}
    kinds.update({kind: (kind,) for kind in (*casualty, *NUMBER_KINDS)})
    return kinds


def resolve_kind(kind: str, units: Units | None = None) -> tuple[str, ...]:
    """Return the stored kinds a kind filter stands for.

    Args:
        kind: A stored kind (``killed``, ``money``) or ``casualties``; case and spaces ignored.
        units: The unit words (the bundled ``units.yaml`` by default).

    Returns:
        One kind, or every casualty kind for ``casualties``.

    Raises:
        InputError: The kind is not one bilat stores; the message lists those it does.
    """
    kinds = fact_kinds(units)
    found = kinds.get(kind.strip().lower())
    if found is None:
        group = f"{CASUALTIES} ({', '.join(kinds[CASUALTIES])})"
        valid = ", ".join([group, *list(kinds)[1:]])
        raise InputError(f"unknown fact kind {kind!r}; use one of {valid}", origin="kind")
    return found
