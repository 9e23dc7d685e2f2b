"""Group events reported by several articles into one real-world event.

Two mentions are one event when they share the dyad (undirected for symmetric codes), their
codes are compatible (same CAMEO root, or one of the ``code_groups`` of ``cluster_codes.yaml``), their
dates lie within the window, their places do not disagree, and either their sentences are
similar or the same people act on both sides on a compatible date. Each mention is compared
with the mentions clustered before it, in store order, so the clusters do not depend on how an
ingest was batched; a cluster's id is the id of its first mention, which represents it.

    clusterer = Clusterer(ClusterOptions(window_days=1))
    cluster_id = clusterer.assign(ClusterItem(event, "2025-04-07"))
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from bilat.errors import InputError
from bilat.knowledge import Knowledge
from bilat.knowledge.schema import CodeGroup
from bilat.records import COUNTED_FACTUALITY, DatePrecision, Event

_WORD_RE = re.compile(r"[^\W_]{2,}")


@dataclass(frozen=True)
class ClusterOptions:
    """When two mentions are one event.

    ``window_days``: largest gap between the dates of two mentions (and between a mention and
    the first mention of its cluster). ``sentence_threshold``: Jaccard similarity of the content
    words of two sentences from which they report one event. ``actor_threshold``: the lower
    similarity enough when the same people act on both sides and the dates agree.

        ClusterOptions(window_days=2, sentence_threshold=0.6)
    """

    window_days: int = 1
    sentence_threshold: float = 0.5
    actor_threshold: float = 0.0

    def __post_init__(self) -> None:
        if self.window_days < 0:
            raise InputError(
                f"cluster window must be 0 days or more, got {self.window_days}",
                origin="ClusterOptions.window_days",
            )
        for name in ("sentence_threshold", "actor_threshold"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise InputError(
                    f"{name} must be between 0 and 1, got {value}",
                    origin=f"ClusterOptions.{name}",
                )


@dataclass(frozen=True)
class ClusterItem:
    """One mention to cluster: the event, the date it is filed under, and its cluster if known."""

    event: Event
    date: str | None
    cluster_id: str | None = None


def load_code_groups(knowledge: Knowledge | None = None) -> tuple[CodeGroup, ...]:
    """Return the groups of compatible codes of a knowledge base (the bundled one by default).

    Args:
        knowledge: the knowledge, e.g. with the user's ``knowledge_dirs``.

    Returns:
        The groups, in file order (a user's group with a bundled name replaces it).
    """
    return (knowledge or Knowledge.load()).code_groups


def code_group(cameo: str, groups: tuple[CodeGroup, ...]) -> tuple[str, bool]:
    """Return the group key of a CAMEO code and whether that group's dyad is undirected.

    Args:
        cameo: A CAMEO code such as ``"042"``.
        groups: Groups from :func:`load_code_groups`.

    Returns:
        The longest matching group's name, else the code's two-digit root; and its symmetry.
    """
    best: tuple[int, CodeGroup] | None = None
    for group in groups:
        for prefix in group.codes:
            if cameo.startswith(prefix) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), group)
    if best is None:
        return cameo[:2], False
    return best[1].name, best[1].symmetric


def content_words(sentence: str, *, knowledge: Knowledge | None = None) -> frozenset[str]:
    """Return the lower-cased words of a sentence that are not function words.

    Args:
        sentence: Any text.
        knowledge: whose ``english_stopwords`` to leave out (the bundled knowledge by default).

    Returns:
        Its content words, two characters or longer.
    """
    stop = (knowledge or Knowledge.load()).words("english_stopwords")
    return frozenset(w for w in _WORD_RE.findall(sentence.casefold()) if w not in stop)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Return the Jaccard similarity of two word sets (0 when both are empty)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def parse_day(value: str | None) -> dt.date | None:
    """Return the day an ISO date names, or None for a missing, partial or invalid date."""
    if value is None or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


@dataclass
class _Member:
    event: Event
    day: dt.date
    words: frozenset[str]
    explicit: bool


@dataclass
class _Cluster:
    id: str
    day: dt.date
    order: int
    members: list[_Member]


class Clusterer:
    """Assign mentions to clusters one at a time, comparing each with those seen before it.

        clusterer = Clusterer(ClusterOptions())
        clusterer.seed(already_clustered)      # ClusterItems with cluster_id set
        ids = [clusterer.assign(item) for item in new_items]

    Args:
        options: Window and similarity thresholds.
        groups: Compatible code groups (default: those of ``knowledge``).
        knowledge: Code groups and stop words (default: the bundled knowledge).
    """

    def __init__(
        self,
        options: ClusterOptions,
        *,
        groups: tuple[CodeGroup, ...] | None = None,
        knowledge: Knowledge | None = None,
    ) -> None:
        self.options = options
        self.knowledge = knowledge or Knowledge.load()
        self.groups = self.knowledge.code_groups if groups is None else groups
        self._by_key: dict[tuple[str, ...], dict[dt.date, list[_Cluster]]] = defaultdict(
            lambda: defaultdict(list)
        )
        self._clusters: dict[str, _Cluster] = {}

    def seed(self, items: Iterable[ClusterItem]) -> None:
        """Load mentions already clustered, in store order (each with its ``cluster_id``).

        Args:
            items: Stored mentions; those without a cluster id are ignored.
        """
        for item in items:
            if item.cluster_id is None:
                continue
            key, member = self._prepare(item)
            if key is None or member is None:
                continue
            cluster = self._clusters.get(item.cluster_id)
            if cluster is None:
                self._found(item.cluster_id, key, member)
            else:
                cluster.members.append(member)

    def assign(self, item: ClusterItem) -> str:
        """Return the cluster a new mention joins, founding its own when none fits.

        Args:
            item: The mention (its ``cluster_id`` is ignored).

        Returns:
            The cluster id: the id of the cluster's first mention.
        """
        key, member = self._prepare(item)
        if key is None or member is None:
            return item.event.id
        best: tuple[float, int, _Cluster] | None = None
        window = dt.timedelta(days=self.options.window_days)
        days = self._by_key.get(key, {})
        for offset in range(-self.options.window_days, self.options.window_days + 1):
            for cluster in days.get(member.day + dt.timedelta(days=offset), ()):
                if abs(member.day - cluster.day) > window:
                    continue
                score = self._score(member, cluster)
                if score is not None and (
                    best is None or (score, -cluster.order) > (best[0], -best[1])
                ):
                    best = (score, cluster.order, cluster)
        if best is None:
            self._found(item.event.id, key, member)
            return item.event.id
        best[2].members.append(member)
        return best[2].id

    def _prepare(self, item: ClusterItem) -> tuple[tuple[str, ...] | None, _Member | None]:
        event = item.event
        day = parse_day(item.date)
        # Undated, vaguely dated and negated or hypothetical mentions stand alone: nothing
        # safe says which other report they repeat.
        if day is None or event.factuality not in COUNTED_FACTUALITY:
            return None, None
        group, symmetric = code_group(event.cameo, self.groups)
        source = event.source.country or event.source.code
        target = (event.target.country or event.target.code) if event.target else "-"
        pair = sorted((source, target)) if symmetric or event.symmetric else [source, target]
        member = _Member(
            event=event,
            day=day,
            words=content_words(event.sentence, knowledge=self.knowledge),
            explicit=event.date is not None and event.date_precision is DatePrecision.DAY,
        )
        return (group, *pair), member

    def _found(self, cluster_id: str, key: tuple[str, ...], member: _Member) -> None:
        cluster = _Cluster(cluster_id, member.day, len(self._clusters), [member])
        self._clusters[cluster_id] = cluster
        self._by_key[key][member.day].append(cluster)

    def _score(self, member: _Member, cluster: _Cluster) -> float | None:
        """Return the best similarity to a cluster's mentions that join it, or None."""
        window = dt.timedelta(days=self.options.window_days)
        best: float | None = None
        for other in cluster.members:
            gap = abs(member.day - other.day)
            if gap > window or _places_differ(member.event, other.event):
                continue
            score = similarity(member.words, other.words)
            # Two explicit, different dates are two events unless the sentences say otherwise.
            dates_agree = gap == dt.timedelta(0) or not (member.explicit and other.explicit)
            joins = score >= self.options.sentence_threshold or (
                dates_agree
                and _same_people(member.event, other.event)
                and score >= self.options.actor_threshold
            )
            if joins and (best is None or score > best):
                best = score
        return best


def _places_differ(a: Event, b: Event) -> bool:
    if a.place is None or b.place is None:
        return False
    if a.place.country and b.place.country and a.place.country != b.place.country:
        return True
    return a.place.name.casefold() != b.place.name.casefold()


def _people(event: Event) -> tuple[str, str] | None:
    source = event.source.person_id
    target = event.target.person_id if event.target else None
    return (source, target) if source and target else None


def _same_people(a: Event, b: Event) -> bool:
    """Tell whether the same named people act on both sides of both events."""
    first, second = _people(a), _people(b)
    if first is None or second is None:
        return False
    # Mentions only meet here when their dyads agree, so a swap can only be a symmetric event.
    return sorted(first) == sorted(second)
