"""Monitoring commands: feeds (add, list, remove), watch, alerts (test) and brief."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bilat.cli.common import (
    DbOption,
    FormatOption,
    MinConfidenceOption,
    app,
    err,
    fail,
    out,
    parse_pair,
    render,
    settings_for,
)
from bilat.errors import BilatError, ConfigError
from bilat.store import FeedRow, Store, open_store

if TYPE_CHECKING:
    from bilat.feeds import PollReport
    from bilat.settings import Settings

feeds_app = typer.Typer(no_args_is_help=True, help="Register the RSS/Atom feeds `watch` polls.")
app.add_typer(feeds_app, name="feeds")
alerts_app = typer.Typer(
    no_args_is_help=True, help="Alert rules from the alerts tables of bilat.toml."
)
app.add_typer(alerts_app, name="alerts")
ConfigOption = Annotated[
    str | None, typer.Option("--config", help="Settings file with [[alerts]] (default bilat.toml).")
]


@feeds_app.command("add")
def feeds_add_cmd(
    url: Annotated[str, typer.Argument(help="The feed's address (http or https).")],
    name: Annotated[
        str | None, typer.Option(help="Short name, kept as the outlet (default: host).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Register a feed (giving a registered one a new name)."""
    from bilat.feeds import feed_name_for

    if not url.startswith(("http://", "https://")):
        fail(f"{url!r} is not an http(s) address; give the feed's full URL")
    with open_store(settings_for(db).db) as store:
        new = store.add_feed(url, name or feed_name_for(url))
    out.print(f"{'added' if new else 'renamed'} {url}")


@feeds_app.command("list")
def feeds_list_cmd(db: DbOption = None, fmt: FormatOption = "table") -> None:
    """List feeds: items seen, documents added, rejections by reason, last success and error."""
    from bilat.feeds import FeedStats, feed_stats

    with open_store(settings_for(db).db) as store:
        feeds = store.feeds()
        stats = feed_stats(store)
    rows = []
    for feed in feeds:
        counts = stats.get(feed.name, FeedStats(feed.name))
        # JSON keeps the reasons as a mapping; a table shows them in words.
        rejected = dict(counts.rejected) if fmt != "table" else counts.rejected_summary()
        rows.append(
            {
                "name": feed.name,
                "url": feed.url,
                "seen": counts.seen,
                "added": counts.added,
                "duplicates": counts.duplicates,
                "rejected": rejected,
                "last_success": feed.last_success,
                "last_error": feed.last_error,
                "last_error_at": feed.last_error_at,
            }
        )
    render(rows, fmt, list(rows[0]) if rows else ["name", "url"])


@feeds_app.command("remove")
def feeds_remove_cmd(
    url: Annotated[str, typer.Argument(help="The feed's address, as listed.")],
    db: DbOption = None,
) -> None:
    """Stop following a feed (documents already read stay)."""
    with open_store(settings_for(db).db) as store:
        if not store.remove_feed(url):
            fail(f"no feed {url!r} is registered; see `bilat feeds list`")
    out.print(f"removed {url}")


def _show_poll(report: PollReport) -> None:
    for result in report.feeds:
        line = (
            f"{result.name}: {result.status}, {result.entries} items, {result.new} new, "
            f"{result.duplicates} known"
        )
        if result.disallowed:
            line += f", {result.disallowed} disallowed by robots.txt"
        err.print(line if result.error is None else f"{line}: {result.error}")
        for failure in result.failed:
            err.print(f"  failed {failure}")
    err.print(
        f"added {report.ingest.added} documents, {report.ingest.events} events, "
        f"rejected {report.ingest.rejected}"
    )


def _one_pass(settings: Settings, urls: list[str]) -> PollReport:
    from bilat.feeds import feed_name_for, poll

    # The store is opened per pass so the dashboard and `bilat events` can read between passes.
    with open_store(settings.db) as store:
        for url in urls:
            if not any(feed.url == url for feed in store.feeds()):
                store.add_feed(url, feed_name_for(url))
        feeds: list[FeedRow] = [f for f in store.feeds() if not urls or f.url in urls]
        if not feeds:
            fail("no feeds to watch; add one with `bilat feeds add URL` or pass URLs")
        report = poll(store, feeds, settings=settings)
        raise_alerts(store)
    return report


def raise_alerts(store: Store, config: str | None = None) -> None:
    """Evaluate the alert rules after an ingest, deliver new alerts and report failures."""
    from bilat.alerts import load_rules, run_alerts

    rules = load_rules(config)
    if not rules:
        return
    run = run_alerts(store, rules, stdout=sys.stdout)
    for error in run.errors:
        err.print(f"alert not delivered: {error}")
    if run.alerts:
        err.print(f"{len(run.alerts)} alerts raised, {run.recorded} delivered")


def raise_alerts_for(settings: Settings) -> None:
    """Open the store named by the settings and raise the configured alerts (for `ingest`)."""
    from bilat.alerts import load_rules

    if not load_rules():
        return
    with open_store(settings.db) as store:
        raise_alerts(store)


@alerts_app.command("test")
def alerts_test_cmd(
    db: DbOption = None,
    config: ConfigOption = None,
    fmt: FormatOption = "table",
    min_confidence: MinConfidenceOption = None,
) -> None:
    """Dry-run the alert rules over the stored events: list matches, send nothing.

    ``--min-confidence`` raises every rule's own ``min_confidence`` to at least that value.
    """
    from bilat.alerts import load_rules, match_alerts
    from bilat.alerts.rules import at_least

    rules = load_rules(config)
    if not rules:
        fail("no [[alerts]] rules found; add some to bilat.toml (see `bilat alerts --help`)")
    if min_confidence is not None:
        rules = [at_least(rule, min_confidence) for rule in rules]
    with open_store(settings_for(db).db, read_only=True) as store:
        fired = {rule.name: store.fired_alert_keys(rule.name) for rule in rules}
        alerts = match_alerts(store, rules, fresh_only=False)
    rows = [alert.payload() | {"fired": alert.cluster in fired[alert.rule]} for alert in alerts]
    render(
        rows,
        fmt,
        ["rule", "date", "source", "cameo", "target", "goldstein", "articles", "fired", "sentence"],
    )


@app.command("watch")
def watch_cmd(
    urls: Annotated[
        list[str] | None, typer.Argument(help="Feeds to poll (registered if new); default all.")
    ] = None,
    once: Annotated[bool, typer.Option("--once", help="Poll once and stop.")] = False,
    cycles: Annotated[
        int | None,
        typer.Option(min=1, help="Stop after this many polls (default: run until Ctrl-C)."),
    ] = None,
    interval: Annotated[
        str | None, typer.Option(help="Time between polls, e.g. 15m (setting watch_interval).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Poll feeds, ingest new articles and raise alerts; repeat every interval until stopped."""
    from bilat.feeds import parse_interval
    from bilat.ingest import IngestInterrupted

    settings = settings_for(db)
    seconds = parse_interval(interval or settings.watch_interval)
    limit = 1 if once else cycles
    done = added = 0
    try:
        while limit is None or done < limit:
            if done:
                time.sleep(seconds)
            try:
                report = _one_pass(settings, list(urls or []))
            except IngestInterrupted:
                raise KeyboardInterrupt from None
            except BilatError as error:
                # One failed pass (a locked store, a full disk) must not end a long watch;
                # only a single pass reports it as the command's error.
                if limit == 1 or isinstance(error, ConfigError):
                    raise
                err.print(f"pass {done + 1} failed: {error}; trying again in {seconds:g}s")
            else:
                _show_poll(report)
                added += report.added
            done += 1
    except KeyboardInterrupt:
        err.print(
            f"stopped by Ctrl-C after {_count(done, 'poll')}, {_count(added, 'document')} "
            "added; what was stored stays, and the next watch goes on from there"
        )
        return
    if limit != 1:
        err.print(f"finished {_count(done, 'poll')}, {_count(added, 'document')} added")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


@app.command("brief")
def brief_cmd(
    dyad: Annotated[str | None, typer.Option(help="Two countries, e.g. PAK,USA.")] = None,
    actor: Annotated[str | None, typer.Option(help="An actor code prefix, e.g. PAK.")] = None,
    since: Annotated[str, typer.Option(help="A span (7d, 4w, 3m) or a first day.")] = "7d",
    until: Annotated[str | None, typer.Option(help="Last day (YYYY-MM-DD); default today.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="md, html or pdf.")] = "md",
    output: Annotated[str | None, typer.Option("--output", "-o", help="File to write.")] = None,
    db: DbOption = None,
    min_confidence: MinConfidenceOption = None,
) -> None:
    """Write the brief for a dyad or actor: figures, trend, chart, top events, quotes."""
    from bilat.brief import BriefScope, build_brief, html_to_pdf, to_html, to_markdown

    if fmt not in ("md", "html", "pdf"):
        fail(f"unknown brief format {fmt!r}; use md, html or pdf")
    if fmt == "pdf" and not output:
        fail("a PDF brief needs a file: add -o brief.pdf")
    scope = BriefScope.parse(
        dyad=parse_pair(dyad),
        actor=actor,
        since=since,
        until=until,
        min_confidence=min_confidence,
    )
    with open_store(settings_for(db).db, read_only=True) as store:
        brief = build_brief(store, scope)
    if fmt == "pdf" and output:
        html_to_pdf(to_html(brief), Path(output))
        err.print(f"wrote {output}")
        return
    text = to_markdown(brief) if fmt == "md" else to_html(brief)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        err.print(f"wrote {output}")
    else:
        sys.stdout.write(text)
