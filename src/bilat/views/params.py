"""Parse the query parameters the API and the dashboard share into store queries.

Every parser treats a blank value (what an empty HTML form field sends) as absent, and raises a
422 ``HTTPException`` whose message says what was wrong and how to write it.

    query = event_query(EventFilters(dyad="PAK,USA", since="2025-01-01"))
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from bilat.errors import InputError
from bilat.records import Factuality
from bilat.store import ORDERS, EventQuery
from bilat.views.filters import MAX_LIMIT as MAX_LIMIT
from bilat.views.filters import MAX_OFFSET as MAX_OFFSET

if TYPE_CHECKING:
    from fastapi import HTTPException

ALL_FACTUALITY = tuple(f.value for f in Factuality)
PERIODS = ("week", "month", "quarter", "year")
"""The period lengths a timeline can be grouped by."""

_CODE = re.compile(r"[A-Z0-9]{2,12}")


def invalid(message: str) -> HTTPException:
    """Return the 422 error for a parameter that cannot be used.

    Args:
        message: What was wrong and how to fix it.

    Returns:
        The exception to raise.
    """
    # FastAPI loads when a parameter is refused, not when the CLI declares its options.
    from fastapi import HTTPException

    return HTTPException(status_code=422, detail=message)


def blank_to_none(value: str | None) -> str | None:
    """Treat an empty parameter (as an HTML form sends it) as absent.

    Args:
        value: The parameter as sent.

    Returns:
        The stripped value, or None when it is absent or blank.
    """
    if value is None or not value.strip():
        return None
    return value.strip()


def parse_kind(value: str | None) -> tuple[str, ...] | None:
    """Parse a fact kind (``killed``) or ``casualties`` into the stored kinds it stands for.

    Args:
        value: The parameter as sent.

    Returns:
        The stored kinds, or None when the parameter is absent or blank.

    Raises:
        HTTPException: 422 naming the kinds bilat stores when the value is none of them.
    """
    # Imported here: the fact kinds load the knowledge files, which the CLI's --help and
    # every command declaring the event filters would otherwise pay for.
    from bilat.facts.kinds import resolve_kind

    text = blank_to_none(value)
    if text is None:
        return None
    try:
        return resolve_kind(text)
    except InputError as error:
        raise invalid(error.message) from None


def parse_dyad(value: str | None) -> tuple[str, str] | None:
    """Parse ``"PAK,USA"`` into two upper-case country codes.

    Args:
        value: The parameter as sent, or None.

    Returns:
        The pair, or None when the parameter is absent or blank.

    Raises:
        HTTPException: 422 when the value is not two codes separated by a comma.
    """
    text = blank_to_none(value)
    if text is None:
        return None
    parts = [part.strip().upper() for part in text.split(",")]
    if len(parts) != 2 or not all(_CODE.fullmatch(part) for part in parts):
        raise invalid(
            f"invalid dyad {value!r}: give two country codes separated by a comma, "
            "e.g. dyad=PAK,USA"
        )
    return parts[0], parts[1]


def parse_code(name: str, value: str | None) -> str | None:
    """Check a country or actor code parameter (``PAK``, ``PAKGOV``) and upper-case it.

    Args:
        name: The parameter's name, for the message.
        value: The parameter as sent, or None.

    Returns:
        The code, or None when absent or blank.

    Raises:
        HTTPException: 422 when the value is not 2 to 12 letters or digits.
    """
    text = blank_to_none(value)
    if text is None:
        return None
    if not _CODE.fullmatch(text.upper()):
        raise invalid(f"invalid {name} {value!r}: give an actor or country code such as PAKGOV")
    return text.upper()


def parse_factuality(value: str | None) -> tuple[str, ...] | None:
    """Parse a comma list of factuality values; ``all`` selects every one.

    Args:
        value: The parameter as sent, or None.

    Returns:
        The values, or None (the store's default: asserted, planned, reported).

    Raises:
        HTTPException: 422 when a value is unknown.
    """
    text = blank_to_none(value)
    if text is None:
        return None
    if text.lower() == "all":
        return ALL_FACTUALITY
    values = tuple(part.strip().lower() for part in text.split(",") if part.strip())
    unknown = [part for part in values if part not in ALL_FACTUALITY]
    if unknown:
        raise invalid(
            f"invalid factuality {', '.join(map(repr, unknown))}: use a comma list of "
            f"{', '.join(ALL_FACTUALITY)}, or 'all'"
        )
    return values


def parse_date(name: str, value: str | None) -> str | None:
    """Check an ISO date parameter and return it as ``YYYY-MM-DD``.

    Args:
        name: The parameter's name, for the message.
        value: The parameter as sent, or None.

    Returns:
        The date, or None when absent or blank.

    Raises:
        HTTPException: 422 when the value is not a date.
    """
    text = blank_to_none(value)
    if text is None:
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise invalid(
            f"invalid {name} {value!r}: give an ISO date such as {name}=2025-04-07"
        ) from None


def parse_order(value: str) -> str:
    """Check an event order.

    Args:
        value: The parameter as sent.

    Returns:
        The order.

    Raises:
        HTTPException: 422 when it is not one of the store's orders.
    """
    if value not in ORDERS:
        raise invalid(f"invalid order {value!r}: use one of {', '.join(ORDERS)}")
    return value


def parse_period(value: str) -> str:
    """Check a timeline period.

    Args:
        value: The parameter as sent.

    Returns:
        The period, lower-cased.

    Raises:
        HTTPException: 422 when it is not one of :data:`PERIODS`.
    """
    wanted = value.strip().lower()
    if wanted not in PERIODS:
        raise invalid(f"invalid by {value!r}: use one of {', '.join(PERIODS)}")
    return wanted


def parse_verified(value: str | None) -> bool | None:
    """Parse the ``verified`` filter: yes (confirmed or corrected), no (unverified), or any.

    Args:
        value: The parameter as sent, or None.

    Returns:
        True, False, or None for no filter.

    Raises:
        HTTPException: 422 when the value is not a yes/no word.
    """
    text = blank_to_none(value)
    if text is None or text.lower() == "any":
        return None
    if text.lower() in ("true", "yes", "1"):
        return True
    if text.lower() in ("false", "no", "0"):
        return False
    raise invalid(f"invalid verified {value!r}: use true, false or any")


@dataclass(frozen=True)
class EventFilters:
    """The event filters as sent, before parsing; one field per query parameter."""

    dyad: str | None = None
    actor: str | None = None
    source: str | None = None
    target: str | None = None
    since: str | None = None
    until: str | None = None
    root: str | None = None
    quad_class: int | None = None
    factuality: str | None = None
    verified: str | None = None
    doc_id: str | None = None
    q: str | None = None
    limit: int | None = 100
    offset: int = 0
    order: str = "date"

    def echo(self) -> dict[str, Any]:
        """Return the filters that were given, as sent, for links and forms."""
        return {k: v for k, v in dataclasses.asdict(self).items() if v not in (None, "")}


def event_query(filters: EventFilters) -> EventQuery:
    """Turn the filters as sent into the store's query.

    Args:
        filters: The parameters.

    Returns:
        The query.

    Raises:
        HTTPException: 422 when a parameter cannot be used.
    """
    values: dict[str, Any] = {
        "dyad": parse_dyad(filters.dyad),
        "actor": parse_code("actor", filters.actor),
        "source": parse_code("source", filters.source),
        "target": parse_code("target", filters.target),
        "since": parse_date("since", filters.since),
        "until": parse_date("until", filters.until),
        "root": blank_to_none(filters.root),
        "quad_class": filters.quad_class,
        "factuality": parse_factuality(filters.factuality),
        "doc_id": blank_to_none(filters.doc_id),
        "text": blank_to_none(filters.q),
        "limit": filters.limit,
        "offset": filters.offset,
        "order": parse_order(filters.order),
    }
    verified = parse_verified(filters.verified)
    if verified is not None:
        values["verified"] = verified
    return EventQuery(**values)
