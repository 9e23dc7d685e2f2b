"""The typed records that travel between bilat's pipeline stages.

Every stage takes records in and gives records out; none reaches back into an earlier one.
All records are frozen dataclasses with an ``as_dict()`` that returns plain JSON-ready data.

    >>> doc = Document.from_text("Pakistan and China held talks.", doc_id="a1")
    >>> doc.id, doc.content_hash[:8]
    ('a1', '5d7a3b0c')
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
from dataclasses import dataclass, field
from typing import Any


def content_hash(text: str) -> str:
    """Return the identity of a document's text: sha256 of its whitespace-normalised form."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class Record:
    """Mixin giving frozen dataclasses a JSON-ready ``as_dict()``."""

    def as_dict(self) -> dict[str, Any]:
        """Return the record as plain dicts, lists and scalars."""
        result = _plain(self)
        assert isinstance(result, dict)
        return result


class RejectReason(str, enum.Enum):
    """Why an input was not accepted as a document."""

    EMPTY = "empty"
    BINARY = "binary"
    NOT_ENGLISH = "not_english"
    TOO_LARGE = "too_large"
    UNREADABLE = "unreadable"
    MALFORMED = "malformed"
    UNSUPPORTED = "unsupported"
    TIMEOUT = "timeout"


class DatePrecision(str, enum.Enum):
    """How precisely a date is known."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    RANGE = "range"
    DOCUMENT = "document"
    UNKNOWN = "unknown"


class DateSource(str, enum.Enum):
    """Where a document's date came from, best first."""

    USER = "user"
    METADATA = "metadata"
    DATELINE = "dateline"
    TEXT = "text"
    INFERRED = "inferred"
    NONE = "none"


class Factuality(str, enum.Enum):
    """Whether the text says an event happened."""

    ASSERTED = "asserted"
    PLANNED = "planned"
    NEGATED = "negated"
    REPORTED = "reported"
    HYPOTHETICAL = "hypothetical"


COUNTED_FACTUALITY = frozenset({Factuality.ASSERTED, Factuality.PLANNED, Factuality.REPORTED})


@dataclass(frozen=True)
class Document(Record):
    """One article as read from its source, before any language processing.

    ``published`` is an ISO date (``YYYY-MM-DD``) only when the source gave one (metadata or a
    ``date`` line); inferred dates live in :class:`DocumentDate`.
    """

    id: str
    text: str
    content_hash: str
    title: str | None = None
    published: str | None = None
    date_source: DateSource = DateSource.NONE
    url: str | None = None
    origin: str | None = None
    outlet: str | None = None
    dateline: str | None = None

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        doc_id: str | None = None,
        title: str | None = None,
        published: str | None = None,
        date_source: DateSource | None = None,
        url: str | None = None,
        origin: str | None = None,
        outlet: str | None = None,
        dateline: str | None = None,
    ) -> Document:
        """Build a document, hashing its text and deriving an id from the hash if none is given."""
        digest = content_hash(text)
        source = date_source or (DateSource.METADATA if published else DateSource.NONE)
        return cls(
            id=doc_id or digest[:16],
            text=text,
            content_hash=digest,
            title=title,
            published=published,
            date_source=source,
            url=url,
            origin=origin,
            outlet=outlet,
            dateline=dateline,
        )


@dataclass(frozen=True)
class Rejection(Record):
    """An input that did not become a document, with a typed reason and a hint to fix it."""

    origin: str
    reason: RejectReason
    detail: str
    doc_id: str | None = None


@dataclass(frozen=True)
class DocumentDate(Record):
    """A document's date or date range, how precise it is and where it came from.

    ``value`` is the best single day (ISO) when one is known; ``earliest``/``latest`` bound it.
    ``flags`` hold disagreements between sources, e.g. ``"metadata-before-tenure:marco-rubio"``.
    """

    value: str | None
    earliest: str | None
    latest: str | None
    precision: DatePrecision
    source: DateSource
    evidence: str = ""
    flags: tuple[str, ...] = ()

    @classmethod
    def unknown(cls) -> DocumentDate:
        """Return the date of a document nothing dates."""
        return cls(None, None, None, DatePrecision.UNKNOWN, DateSource.NONE)


@dataclass(frozen=True)
class Actor(Record):
    """A resolved actor: CAMEO-style code (``PAKGOV``), its country and sector, and who.

    ``country`` is an ISO3 code, or the organisation's code for international bodies (``UNO``).
    """

    code: str
    country: str | None
    sector: str | None = None
    name: str | None = None
    person: str | None = None
    person_id: str | None = None
    office: str | None = None
    organisation: str | None = None


@dataclass(frozen=True)
class Mention(Record):
    """A span of text that names an actor, with how it was resolved."""

    start: int
    end: int
    text: str
    actor: Actor
    kind: str
    how: str
    sentence_index: int = -1


@dataclass(frozen=True)
class Place(Record):
    """A geocoded place and how it was chosen for an event."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    feature: str = "city"
    how: str = ""


@dataclass(frozen=True)
class Event(Record):
    """One coded event: who did what to whom, when, where, how sure, and where it says so.

    ``cluster_id`` and the ``num_*`` counts describe the cluster of reports the event belongs
    to (GDELT's NumMentions, NumArticles, NumSources); the store fills them when it reads the
    event, and an event not clustered yet has no cluster id and counts of 1.
    """

    id: str
    doc_id: str
    sentence: str
    sentence_start: int
    sentence_end: int
    sentence_index: int
    cameo: str
    cameo_name: str
    source: Actor
    target: Actor | None
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None
    factuality: Factuality
    confidence: float
    rule: str
    trigger: str
    trigger_start: int
    trigger_end: int
    date: str | None = None
    date_precision: DatePrecision = DatePrecision.UNKNOWN
    place: Place | None = None
    reported_by: Actor | None = None
    symmetric: bool = False
    cluster_id: str | None = None
    num_mentions: int = 1
    num_articles: int = 1
    num_sources: int = 1
    # The coder's score before calibration: what verdicts re-fit the calibration against.
    raw_confidence: float | None = None

    def export_dict(self) -> dict[str, Any]:
        """Return the event in the JSONL export shape read by the shared scorer."""
        data = self.as_dict()
        del data["raw_confidence"]
        data["date_precision"] = self.date_precision.value
        data["factuality"] = self.factuality.value
        return data


@dataclass(frozen=True)
class Quote(Record):
    """A direct quotation and the actor who said it."""

    doc_id: str
    text: str
    start: int
    end: int
    speaker: Actor | None
    speaker_text: str | None
    sentence_index: int


@dataclass(frozen=True)
class Fact(Record):
    """A number the text reports: casualties, money, a percentage or tariff."""

    doc_id: str
    kind: str
    value: float
    unit: str | None
    qualifier: str | None
    text: str
    start: int
    end: int
    sentence_index: int
    event_id: str | None = None
    detail: str | None = None


@dataclass(frozen=True)
class Extraction(Record):
    """Everything :func:`bilat.extract` finds in one document."""

    document: Document
    date: DocumentDate
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    facts: tuple[Fact, ...] = ()
    sentences: tuple[tuple[int, int], ...] = field(default=())
