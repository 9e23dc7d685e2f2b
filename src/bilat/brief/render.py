"""Write a brief as Markdown or as one self-contained HTML page (inline SVG chart, no CDN)."""

from __future__ import annotations

import datetime as dt
import html

from bilat.analytics import TimelinePeriod
from bilat.brief.build import Brief, TopEvent
from bilat.brief.names import ActorNames
from bilat.facts.quotes import speaker_label
from bilat.knowledge import Knowledge
from bilat.records import Quote

_COOP, _CONFLICT, _LINE = "#2f7d4f", "#b3362b", "#1f4e8c"


def _change(now: int, before: int) -> str:
    if before == 0:
        return "new" if now else "–"
    return f"{(now - before) / before:+.0%}"


def _goldstein(value: float | None) -> str:
    return "–" if value is None else f"{value:+.2f}"


def headline(brief: Brief) -> str:
    """Return the brief's first sentence: how many events, against how many before."""
    scope = brief.scope
    return (
        f"{_count(brief.events_now, 'event')} between {scope.since} and {scope.until} "
        f"({brief.events_before} in the {_count(_days(brief), 'day')} before); "
        f"mean Goldstein {_goldstein(brief.goldstein_now)} "
        f"(before {_goldstein(brief.goldstein_before)})."
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _days(brief: Brief) -> int:
    start = dt.date.fromisoformat(brief.scope.since)
    return (dt.date.fromisoformat(brief.scope.until) - start).days + 1


def _day_words(day: str) -> str:
    date = dt.date.fromisoformat(day)
    return f"{date.day} {date:%B %Y}"


def uncharted_note(brief: Brief) -> str:
    """Return the sentence saying how many events are dated too coarsely for the chart."""
    coarse = "a month or a year" if brief.by == "week" else "a year"
    if brief.uncharted == 1:
        return f"1 event dated only to {coarse} is not in the chart."
    return f"{brief.uncharted} events dated only to {coarse} are not in the chart."


def _title(brief: Brief, names: ActorNames) -> str:
    scope = brief.scope
    return f"Brief: {names.scope(scope.dyad, scope.actor)} ({scope.label})"


def _period(brief: Brief) -> str:
    scope = brief.scope
    return (
        f"{_day_words(scope.since)} to {_day_words(scope.until)}, compared with "
        f"{_day_words(scope.previous_since)} to {_day_words(scope.previous_until)}"
    )


_ABOUT = (
    "Events coded by bilat from news reports; Goldstein scores run from −10 (most conflictual) "
    "to +10 (most cooperative)."
)


def _names(names: ActorNames | None) -> ActorNames:
    return names or ActorNames(Knowledge.load())


def _speaker(names: ActorNames, quote: Quote) -> str:
    label = speaker_label(quote)
    if quote.speaker is not None and label != quote.speaker_text:
        return names.actor(quote.speaker)
    return label


def _event_line(item: TopEvent, names: ActorNames) -> str:
    event = item.event
    target = f" → {names.actor(event.target)}" if event.target else ""
    return (
        f"{event.date or 'undated'} · {names.actor(event.source)}{target} · {event.cameo_name} "
        f"({event.cameo}) · Goldstein {event.goldstein:+g} · {item.articles} article"
        f"{'s' if item.articles != 1 else ''} · confidence {event.confidence:.2f}"
    )


def to_markdown(brief: Brief, *, names: ActorNames | None = None) -> str:
    """Return the brief as Markdown.

    Args:
        brief: The brief.
        names: How actor codes are spelt out (the bundled knowledge by default).

    Returns:
        Markdown text ending in a newline.
    """
    names = _names(names)
    lines = [
        f"# {_title(brief, names)}",
        "",
        f"*{_period(brief)}. {_ABOUT}*",
        "",
        headline(brief),
        "",
        f"**Trend:** {brief.trend}",
        "",
        "| Events | This period | Previous period | Change |",
        "|---|---:|---:|---:|",
    ]
    for quad in brief.quads:
        lines.append(
            f"| {quad.name} | {quad.now} | {quad.before} | {_change(quad.now, quad.before)} |"
        )
    lines.append(
        f"| **all** | **{brief.events_now}** | **{brief.events_before}** | "
        f"**{_change(brief.events_now, brief.events_before)}** |"
    )
    unit = brief.by.capitalize()
    lines += ["", f"## {unit} by {brief.by}", ""]
    if brief.uncharted:
        lines += [uncharted_note(brief), ""]
    lines += [
        f"| {unit} | Events | Cooperation | Conflict | Goldstein |",
        "|---|---:|---:|---:|---:|",
    ]
    for row in brief.series:
        coop, conflict = (
            row.verbal_coop + row.material_coop,
            row.verbal_conflict + row.material_conflict,
        )
        lines.append(
            f"| {row.period} | {row.events} | {coop} | {conflict} | {_goldstein(row.goldstein_mean)} |"
        )
    lines += ["", "## Most important events", ""]
    for item in brief.top:
        lines.append(f"- {_event_line(item, names)}")
        lines.append(f"  > {item.event.sentence}")
        links = [
            f"[{s.title or s.doc_id}]({s.url})" if s.url else s.title or s.doc_id
            for s in item.sources
        ]
        if links:
            lines.append(f"  Sources: {', '.join(links)}")
    if not brief.top:
        lines.append("No events in this period.")
    lines += ["", "## New actors and first-time contacts", ""]
    lines.append(f"New actors: {', '.join(map(names.code, brief.new_actors)) or 'none'}.")
    contacts = _contacts(brief, names)
    lines.append(f"First-time contacts: {contacts or 'none'}.")
    lines += ["", "## Casualties, money and other figures", ""]
    for dated in brief.facts:
        fact = dated.fact
        unit = f" {fact.unit}" if fact.unit else ""
        lines.append(
            f"- {dated.date or 'undated'}: {fact.kind} {fact.value:g}{unit} — “{fact.text}”"
        )
    if not brief.facts:
        lines.append("None reported.")
    lines += ["", "## Notable quotes", ""]
    for quoted in brief.quotes:
        who = _speaker(names, quoted.quote)
        lines.append(f"- “{quoted.quote.text}” — {who} ({quoted.date or 'undated'})")
    if not brief.quotes:
        lines.append("None.")
    return "\n".join(lines) + "\n"


MAX_TICKS = 12
"""The most period labels a chart's time axis carries; the others are skipped evenly."""


def _tick(row: TimelinePeriod, by: str) -> str:
    """Return a period's axis label: a week by its Monday, months and quarters by name."""
    if by == "week":
        return dt.date.fromisoformat(row.start).strftime("%d %b")
    if by == "month":
        return dt.date.fromisoformat(row.start).strftime("%b %Y")
    return row.period


def chart_svg(
    series: tuple[TimelinePeriod, ...], *, by: str = "week", width: int = 640, height: int = 220
) -> str:
    """Return an inline SVG chart: cooperation and conflict events per period, Goldstein line.

    Args:
        series: One row per period, oldest first.
        by: The period of a row (``week``, ``month``, ``quarter``), named in the title.
        width: Width in pixels.
        height: Height in pixels.

    Returns:
        An ``<svg>`` element with a title and a legend.
    """
    pad, bottom = 36, 28
    plot_h = height - pad - bottom
    most = max(
        [r.verbal_coop + r.material_coop for r in series]
        + [r.verbal_conflict + r.material_conflict for r in series]
        + [1]
    )
    step = (width - 2 * pad) / max(len(series), 1)
    bar = max(step / 2 - 2, 1)
    # As many labels as fit side by side (about 6 px a character at 10 px), at most MAX_TICKS.
    longest = max((len(_tick(row, by)) for row in series), default=1)
    fit = max(int((width - 2 * pad) // (longest * 6 + 8)), 1)
    every = -(-len(series) // min(MAX_TICKS, fit))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" id="brief-chart" role="img" aria-labelledby="chart-title">',
        f'<title id="chart-title">Events per {by}: cooperation (green), conflict (red), '
        "mean Goldstein (blue line, −10 to +10)</title>",
        f'<line x1="{pad}" y1="{pad + plot_h}" x2="{width - pad}" y2="{pad + plot_h}" stroke="#888"/>',
        f'<text class="count" x="4" y="{pad + 4}" font-size="11">{most}</text>',
        f'<text class="count" x="4" y="{pad + plot_h}" font-size="11">0</text>',
    ]
    points = []
    for i, row in enumerate(series):
        x = pad + i * step
        coop = row.verbal_coop + row.material_coop
        conflict = row.verbal_conflict + row.material_conflict
        for offset, count, colour in ((1, coop, _COOP), (1 + bar + 1, conflict, _CONFLICT)):
            h = plot_h * count / most
            parts.append(
                f'<rect x="{x + offset:.1f}" y="{pad + plot_h - h:.1f}" width="{bar:.1f}" '
                f'height="{h:.1f}" fill="{colour}"><title>{html.escape(row.period)}: {count}</title></rect>'
            )
        if i % every == 0:
            parts.append(
                f'<text class="tick" x="{x + step / 2:.1f}" y="{height - 8}" font-size="10" '
                f'text-anchor="middle">{html.escape(_tick(row, by))}</text>'
            )
        if row.goldstein_mean is not None:
            y = pad + plot_h * (10 - row.goldstein_mean) / 20
            points.append(f"{x + step / 2:.1f},{y:.1f}")
    if points:
        parts.append(
            f'<polyline points="{" ".join(points)}" fill="none" stroke="{_LINE}" stroke-width="2"/>'
        )
    parts.append(
        f'<text x="{pad}" y="16" font-size="11"><tspan fill="{_COOP}">■ cooperation</tspan> '
        f'<tspan fill="{_CONFLICT}">■ conflict</tspan> <tspan fill="{_LINE}">― mean Goldstein</tspan></text>'
    )
    parts.append("</svg>")
    return "\n".join(parts)


_CSS = """
body { font-family: Georgia, 'DejaVu Serif', serif; max-width: 46rem; margin: 2rem auto;
  color: #222; line-height: 1.45; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.15rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: .6rem 0; } td, th { padding: .2rem .7rem; border-bottom: 1px solid #eee; }
td.n, th.n { text-align: right; } .meta { color: #555; font-size: .9rem; }
blockquote { margin: .3rem 0 .3rem 1rem; padding-left: .7rem; border-left: 3px solid #bbb; color: #333; }
li { margin-bottom: .7rem; } .trend { background: #f4f6fa; padding: .5rem .8rem; }
svg { max-width: 100%; height: auto; } td { overflow-wrap: break-word; }
@media (max-width: 30rem) { body { margin: 1rem auto; } td, th { padding: .2rem .35rem; } }
@page { size: A4; margin: 18mm 16mm; }
@media print { body { margin: 0; padding: 0; max-width: none; }
  li, tr, svg, .trend { break-inside: avoid; } h1, h2 { break-after: avoid; } }
"""


def _contacts(brief: Brief, names: ActorNames) -> str:
    return ", ".join(f"{names.code(a)} – {names.code(b)}" for a, b in brief.first_contacts)


def to_html(brief: Brief, *, names: ActorNames | None = None) -> str:
    """Return the brief as one self-contained HTML page (styles and chart inline).

    Args:
        brief: The brief.
        names: How actor codes are spelt out (the bundled knowledge by default).

    Returns:
        The HTML document.
    """
    e = html.escape
    names = _names(names)
    scope = brief.scope
    rows = "".join(
        f'<tr><td>{e(q.name)}</td><td class="n">{q.now}</td><td class="n">{q.before}</td>'
        f'<td class="n">{_change(q.now, q.before)}</td></tr>'
        for q in brief.quads
    )
    rows += (
        f'<tr><th>all events</th><th class="n">{brief.events_now}</th>'
        f'<th class="n">{brief.events_before}</th>'
        f'<th class="n">{_change(brief.events_now, brief.events_before)}</th></tr>'
    )
    events = []
    for item in brief.top:
        links = ", ".join(
            f'<a href="{e(s.url)}">{e(s.title or s.doc_id)}</a>'
            if s.url
            else e(s.title or s.doc_id)
            for s in item.sources
        )
        events.append(
            f"<li><strong>{e(_event_line(item, names))}</strong>"
            f"<blockquote>{e(item.event.sentence)}</blockquote>"
            + (f'<span class="meta">Sources: {links}</span>' if links else "")
            + "</li>"
        )
    facts = "".join(
        f"<li>{e(d.date or 'undated')}: {e(d.fact.kind)} {d.fact.value:g}"
        f"{' ' + e(d.fact.unit) if d.fact.unit else ''} — “{e(d.fact.text)}”</li>"
        for d in brief.facts
    )
    quotes = "".join(
        f"<li>“{e(d.quote.text)}” — {e(_speaker(names, d.quote))} ({e(d.date or 'undated')})</li>"
        for d in brief.quotes
    )
    contacts = _contacts(brief, names) or "none"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(_title(brief, names))}, {scope.since} to {scope.until}</title>
<style>{_CSS}</style></head>
<body>
<h1>{e(_title(brief, names))}</h1>
<p class="meta">{e(_period(brief))}. {e(_ABOUT)}</p>
<p id="headline">{e(headline(brief))}</p>
<p class="trend"><strong>Trend:</strong> {e(brief.trend)}</p>
<table id="figures"><tr><th>Events</th><th class="n">This period</th><th class="n">Previous</th>
<th class="n">Change</th></tr>{rows}</table>
<h2>{brief.by.capitalize()} by {brief.by}</h2>
{chart_svg(brief.series, by=brief.by)}
{f'<p class="meta" id="uncharted">{e(uncharted_note(brief))}</p>' if brief.uncharted else ""}
<h2>Most important events</h2>
<ol id="top-events">{"".join(events) or "<li>No events in this period.</li>"}</ol>
<h2>New actors and first-time contacts</h2>
<p>New actors: {e(", ".join(map(names.code, brief.new_actors)) or "none")}.</p>
<p>First-time contacts: {e(contacts)}.</p>
<h2>Casualties, money and other figures</h2>
<ul>{facts or "<li>None reported.</li>"}</ul>
<h2>Notable quotes</h2>
<ul>{quotes or "<li>None.</li>"}</ul>
</body></html>
"""
