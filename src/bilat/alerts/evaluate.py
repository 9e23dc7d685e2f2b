"""Match stored events against alert rules, once per event cluster, and deliver what fires.

An alert fires once per rule and cluster of reports (the event's own id when clustering has not
grouped it): the firing is recorded only after every sink of the rule took it, so a webhook
that was down gets the alert on the next run, and nothing fires twice once delivered.

    with open_store("bilat.duckdb") as store:
        run = run_alerts(store, load_rules(), stdout=sys.stdout)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from bilat.alerts.rules import AlertRule
from bilat.alerts.sinks import SinkError, deliver
from bilat.records import Event, Record
from bilat.store import EventQuery, Store


@dataclass(frozen=True)
class SourceLink(Record):
    """A document that reports an alert's event: id, title, address and outlet."""

    doc_id: str
    title: str | None
    url: str | None
    outlet: str | None


@dataclass(frozen=True)
class Alert(Record):
    """One rule firing for one event cluster: the event, its sentence and its sources."""

    rule: str
    cluster: str
    event: Event
    articles: int
    sources: tuple[SourceLink, ...]

    def payload(self) -> dict[str, Any]:
        """Return the JSON sent to sinks: rule, event summary, sentence and sources."""
        event = self.event
        return {
            "rule": self.rule,
            "cluster": self.cluster,
            "event_id": event.id,
            "date": event.date,
            "source": event.source.code,
            "target": event.target.code if event.target else None,
            "cameo": event.cameo,
            "cameo_name": event.cameo_name,
            "goldstein": event.goldstein,
            "quad_class": event.quad_class,
            "confidence": event.confidence,
            "articles": self.articles,
            "sentence": event.sentence,
            "sources": [s.as_dict() for s in self.sources],
        }

    def headline(self) -> str:
        """Return a one-line summary: rule, date, who did what to whom."""
        event = self.event
        target = f" {event.target.code}" if event.target else ""
        return (
            f"[{self.rule}] {event.date or 'undated'}: {event.source.code} "
            f"{event.cameo_name.lower()} ({event.cameo}){target}, Goldstein {event.goldstein:g}"
        )


@dataclass
class AlertRun:
    """What one evaluation did: alerts that matched, those recorded as fired, delivery errors."""

    alerts: list[Alert] = field(default_factory=list)
    recorded: int = 0
    errors: list[str] = field(default_factory=list)


def _candidates(store: Store, rule: AlertRule) -> list[tuple[Event, str, int]]:
    """Return ``(event, cluster key, articles)`` for the events a rule's filters may match."""
    query = EventQuery(dyad=rule.dyad, actor=rule.actor)
    clusters = getattr(store, "clusters", None)
    if callable(clusters):
        # Clustered stores give each event its cluster and how many articles report it.
        return [(c.event, c.cluster_id, c.num_articles) for c in clusters(query)]
    return [(event, event.id, 1) for event in store.events(query)]


def event_sources(store: Store, event: Event, cluster: str) -> tuple[SourceLink, ...]:
    """Return the documents reporting an event and the rest of its cluster, in store order.

    Args:
        store: An open store.
        event: The event.
        cluster: Its cluster id (its own id when unclustered).

    Returns:
        One link per document.
    """
    doc_ids = [event.doc_id]
    mentions = getattr(store, "cluster_mentions", None)
    if callable(mentions) and cluster != event.id:
        doc_ids += [e.doc_id for e in mentions(cluster)]
    links: list[SourceLink] = []
    for doc_id in dict.fromkeys(doc_ids):
        extraction = store.extraction(doc_id)
        if extraction is None:
            continue
        doc = extraction.document
        links.append(SourceLink(doc.id, doc.title, doc.url, doc.outlet))
    return tuple(links)


def match_alerts(
    store: Store, rules: Sequence[AlertRule], *, fresh_only: bool = True
) -> list[Alert]:
    """Return the alerts the rules raise over the stored events, one per rule and cluster.

    Args:
        store: An open store.
        rules: The rules to evaluate.
        fresh_only: Leave out clusters a rule has already fired for.

    Returns:
        The alerts, rule by rule, events in date order.
    """
    alerts: list[Alert] = []
    for rule in rules:
        done = store.fired_alert_keys(rule.name) if fresh_only else set()
        for event, cluster, articles in _candidates(store, rule):
            if cluster in done or not rule.matches(event, articles=articles):
                continue
            done.add(cluster)
            alerts.append(
                Alert(rule.name, cluster, event, articles, event_sources(store, event, cluster))
            )
    return alerts


def run_alerts(
    store: Store, rules: Sequence[AlertRule], *, stdout: TextIO | None = None, dry_run: bool = False
) -> AlertRun:
    """Evaluate rules, deliver new alerts to each rule's sinks and record those delivered.

    Args:
        store: An open, writable store (read-only is enough for a dry run).
        rules: The rules.
        stdout: Where ``stdout`` sinks write (nothing is written for them when None).
        dry_run: Match only: deliver nothing and record nothing.

    Returns:
        The alerts, how many firings were recorded, and each delivery failure with its reason.
    """
    run = AlertRun(alerts=match_alerts(store, rules))
    if dry_run or not run.alerts:
        return run
    by_name = {rule.name: rule for rule in rules}
    fired: list[tuple[str, str, str]] = []
    for alert in run.alerts:
        failures: list[str] = []
        for sink in by_name[alert.rule].sinks:
            try:
                deliver(alert.payload(), alert.headline(), sink, stdout=stdout)
            except SinkError as error:
                # Name the rule and sink: a user with many rules must know which to fix.
                failures.append(f"alert rule {alert.rule!r}, {sink.type} sink: {error.message}")
        if failures:
            run.errors.extend(failures)
        else:
            fired.append((alert.rule, alert.cluster, alert.event.id))
    run.recorded = store.record_fired_alerts(fired)
    return run
