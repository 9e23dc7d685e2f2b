"""Monitoring commands: feeds (add, list, remove), watch, alerts (test) and brief."""

from __future__ import annotations

import sys
import time
from typing import Annotated

import typer

from bilat.cli.common import DbOption, FormatOption, app, err, fail, out, render, settings_for
from bilat.feeds import PollReport, feed_name_for, parse_interval, poll
from bilat.settings import Settings
from bilat.store import FeedRow, open_store

feeds_app = typer.Typer(no_args_is_help=True, help="Register the RSS/Atom feeds `watch` polls.")
app.add_typer(feeds_app, name="feeds")


@feeds_app.command("add")
def feeds_add_cmd(
    url: Annotated[str, typer.Argument(help="The feed's address (http or https).")],
    name: Annotated[
        str | None, typer.Option(help="Short name, kept as the outlet (default: host).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Register a feed (giving a registered one a new name)."""
    if not url.startswith(("http://", "https://")):
        fail(f"{url!r} is not an http(s) address; give the feed's full URL")
    with open_store(settings_for(db).db) as store:
        new = store.add_feed(url, name or feed_name_for(url))
    out.print(f"{'added' if new else 'renamed'} {url}")


@feeds_app.command("list")
def feeds_list_cmd(db: DbOption = None, fmt: FormatOption = "table") -> None:
    """List feeds with their last successful poll and last error."""
    with open_store(settings_for(db).db) as store:
        rows = [feed.__dict__ | {} for feed in store.feeds()]
    render(rows, fmt, ["name", "url", "last_success", "last_error", "last_error_at"])


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
    # The store is opened per pass so the dashboard and `bilat events` can read between passes.
    with open_store(settings.db) as store:
        for url in urls:
            if not any(feed.url == url for feed in store.feeds()):
                store.add_feed(url, feed_name_for(url))
        feeds: list[FeedRow] = [f for f in store.feeds() if not urls or f.url in urls]
        if not feeds:
            fail("no feeds to watch; add one with `bilat feeds add URL` or pass URLs")
        report = poll(store, feeds, settings=settings)
        _after_ingest(store, settings, report.doc_ids)
    return report


def _after_ingest(store: object, settings: Settings, doc_ids: list[str]) -> None:
    """Evaluate alert rules after new documents arrive (the rules module hooks in here)."""


@app.command("watch")
def watch_cmd(
    urls: Annotated[
        list[str] | None, typer.Argument(help="Feeds to poll (registered if new); default all.")
    ] = None,
    once: Annotated[bool, typer.Option("--once", help="Poll once and stop.")] = False,
    interval: Annotated[
        str | None, typer.Option(help="Time between polls, e.g. 15m (setting watch_interval).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Poll feeds, ingest new articles and raise alerts; repeat every interval until stopped."""
    settings = settings_for(db)
    seconds = parse_interval(interval or settings.watch_interval)
    try:
        while True:
            _show_poll(_one_pass(settings, list(urls or [])))
            if once:
                return
            time.sleep(seconds)
    except KeyboardInterrupt:
        err.print("stopped")
        sys.exit(0)
