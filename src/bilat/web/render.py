"""Render the dashboard's Jinja2 templates, escaping every value, and mark up texts.

html = render_page("event.html", request, title="Event", detail=detail)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from bilat.highlights import Span, segments

QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


def mark_up(text: str, spans: Sequence[Span]) -> Markup:
    """Return a text as HTML with each span wrapped in a ``<mark>`` naming its role.

    Args:
        text: The plain text.
        spans: Non-overlapping spans in the text's offsets, in order.

    Returns:
        Escaped HTML; the span's label becomes the mark's title.
    """
    parts: list[str] = []
    for piece, span in segments(text, spans):
        if span is None:
            parts.append(str(escape(piece)))
        else:
            parts.append(
                f'<mark class="{escape(span.role)}" title="{escape(span.label)}">'
                f"{escape(piece)}</mark>"
            )
    return Markup("".join(parts))


def _number(value: Any, digits: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("bilat.web", "templates"),
        autoescape=select_autoescape(["html"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["number"] = _number
    environment.globals["QUAD_NAMES"] = QUAD_NAMES
    return environment


TEMPLATES = _environment()


def render_page(name: str, request: Request, **context: Any) -> HTMLResponse:
    """Render a template into an HTML response.

    Args:
        name: The template's file name under ``bilat/web/templates``.
        request: The request (its URL gives the page's JSON twin).
        context: The template's variables.

    Returns:
        The response.
    """
    twin = request.url.include_query_params(format="json")
    writes = request.app.state.token is not None
    live = getattr(request.app.state, "live", None)
    html = TEMPLATES.get_template(name).render(
        json_url=str(twin.path) + "?" + str(twin.query),
        writes=writes,
        activity=activity_text(live.activity()) if live is not None else "",
        **context,
    )
    return HTMLResponse(html)


def activity_text(activity: dict[str, Any]) -> str:
    """Return the dashboard's line about what is writing to the store (empty when nothing).

    ``app.js`` words it the same way when it refreshes the line from ``/api/activity``.

    Args:
        activity: What :meth:`bilat.live.service.LiveService.activity` returns.

    Returns:
        E.g. ``"Ingest running: bilat ingest (pid 42), 320 documents and 910 events added
        so far; reload to see them."``
    """
    parts = [
        f"{w['client']}, {w['documents_added']} documents and {w['events_added']} events "
        "added so far"
        for w in activity.get("writers", [])
    ]
    text = f"Ingest running: {'; '.join(parts)}; reload to see them." if parts else ""
    watching = activity.get("watching")
    return f"{text} {watching[:1].upper()}{watching[1:]}.".strip() if watching else text
