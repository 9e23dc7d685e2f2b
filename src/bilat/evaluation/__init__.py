"""Evaluation harnesses, kept out of the pipeline stages they measure; this module scores events.

:mod:`~bilat.evaluation.actors` scores actor mentions (CoNLL), :mod:`~bilat.evaluation.places`
toponyms (GeoWebNews); this module scores coded events against hand-coded gold events.

The matching rules are those of the project's shared scorer, so ``bilat eval`` and
``score_events.py`` agree: a gold row matches a system row in the same document when the gold
text lies inside the system sentence (quotes, dashes, spaces and case folded), the CAMEO roots
agree, and both actors' countries agree (either order for symmetric rows; a null gold actor
accepts anything). Required rows are matched first; optional matches count neither way.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bilat.errors import InputError
from bilat.knowledge import Knowledge
from bilat.records import Document
from bilat.settings import Settings

_FOLD = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-", "\u2013": "-"}
)
_ALIASES = {
    "ZAR": "COD",
    "ZAI": "COD",
    "IGOUNO": "UN",
    "UNO": "UN",
    "EEC": "EU",
    "EUR": "EU",
    "IGOEU": "EU",
    "IGOEEC": "EU",
    "AFU": "AU",
    "IGOAFU": "AU",
    # CAMEO's own country codes where they differ from ISO 3166 (PLOVER and PETRARCH gold)
    "JAP": "JPN",
    "ITL": "ITA",
    "VTN": "VNM",
}
_ORGS = ("IAEA", "NATO", "UN", "EU")


@dataclass(frozen=True)
class Score:
    """Precision, recall, F1, dyad recall and attribute accuracies of one evaluation."""

    docs: int
    gold_required: int
    system: int
    tp: int
    fp: int
    precision: float
    recall: float
    f1: float
    dyad_recall: float
    dated_matches: int
    date_accuracy: float | None
    placed_matches: int
    place_accuracy: float | None
    factuality_accuracy: float | None
    nonasserted_matches: int
    nonasserted_accuracy: float | None
    missed: list[str]
    false_positives: list[dict[str, Any]] = field(default_factory=list)
    # Of the matches whose gold row has a place, the share the system left without one.
    empty_place_share: float | None = None
    # Expected calibration error (10 bins) of the scored events' confidences: the gap between
    # how sure the coder said it was and how often a gold row matched.
    calibration_error: float | None = None

    def as_dict(self) -> dict[str, Any]:
        """Return the score as plain data."""
        return asdict(self)


def fold(text: str) -> str:
    """Fold curly quotes and dashes, collapse whitespace and lower-case."""
    return re.sub(r"\s+", " ", text.translate(_FOLD)).strip().lower()


def actor_country(actor: Any) -> str | None:
    """Return the country (or organisation) part of an actor code or actor object."""
    if actor is None:
        return None
    raw = (
        (actor.get("country") or actor.get("code") or "") if isinstance(actor, dict) else str(actor)
    )
    code = raw.upper().strip()
    if not code:
        return None
    for org in _ORGS:
        if code.startswith(org) and not code.startswith("UNK"):
            return org
    if code.startswith("IGO"):
        if code in _ALIASES:
            return _ALIASES[code]
        # CAMEO stacks three-letter parts after IGO (IGOEUREEC, IGOUNOMIL): the first part
        # that names an organisation decides, so a region or sector suffix does not split them.
        parts = [code[i : i + 3] for i in range(3, len(code), 3)]
        return next((_ALIASES[part] for part in parts if part in _ALIASES), code)
    return _ALIASES.get(code[:3], code[:3])


def _actors_match(gold: dict[str, Any], system: dict[str, Any]) -> bool:
    gs, gt = actor_country(gold.get("source")), actor_country(gold.get("target"))
    ss, st = actor_country(system.get("source")), actor_country(system.get("target"))

    def same(g: str | None, s: str | None) -> bool:
        return g is None or g == s

    if same(gs, ss) and same(gt, st):
        return True
    return bool(gold.get("symmetric")) and same(gs, st) and same(gt, ss)


def _root(code: Any) -> str:
    return str(code or "")[:2]


def _text_match(gold: dict[str, Any], sentence: str) -> bool:
    text = fold(gold["text"])
    return text in sentence or sentence in text


def score_events(
    gold: Sequence[dict[str, Any]],
    system: Sequence[dict[str, Any]],
    *,
    docs: Sequence[str] | None = None,
    empty_docs: Sequence[str] = (),
) -> Score:
    """Score system events (export dicts) against gold rows.

    Args:
        gold: gold rows (``doc``, ``text``, ``codes``, ``source``, ``target``, ``required``…).
        system: system rows as written by ``bilat export --format jsonl``.
        docs: only score these document ids.
        empty_docs: documents scored although no gold row names them (every event in them
            is a false positive): sentences a gold set marks as holding no event.
    """
    gold_docs = {g["doc"] for g in gold} | set(empty_docs)
    if docs:
        gold_docs &= set(docs)
    gold = [g for g in gold if g["doc"] in gold_docs]
    system = [s for s in system if str(s.get("doc_id")) in gold_docs]
    sentences = [fold(s.get("sentence") or "") for s in system]
    matched = _match(gold, system, sentences)
    used = set(matched.values())
    required = [i for i, g in enumerate(gold) if g["required"]]
    tp = sum(1 for i in required if i in matched)
    optional = sum(1 for i in matched if not gold[i]["required"])
    fp = len(system) - tp - optional
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / len(required) if required else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    dyad_used: set[int] = set()
    dyad_tp = 0
    for gi in required:
        for si, s in enumerate(system):
            if si in dyad_used or str(s.get("doc_id")) != gold[gi]["doc"]:
                continue
            if _text_match(gold[gi], sentences[si]) and _actors_match(gold[gi], s):
                dyad_used.add(si)
                dyad_tp += 1
                break
    return Score(
        docs=len(gold_docs),
        gold_required=len(required),
        system=len(system),
        tp=tp,
        fp=fp,
        precision=round(precision, 3),
        recall=round(recall, 3),
        f1=round(f1, 3),
        dyad_recall=round(dyad_tp / len(required), 3) if required else 0.0,
        **_attributes(gold, system, matched),
        missed=[gold[i]["id"] for i in required if i not in matched],
        false_positives=[_brief(s) for si, s in enumerate(system) if si not in used],
        calibration_error=expected_calibration_error(
            [
                (float(s["confidence"]), si in used)
                for si, s in enumerate(system)
                if s.get("confidence") is not None
            ]
        ),
    )


def _match(
    gold: Sequence[dict[str, Any]], system: Sequence[dict[str, Any]], sentences: Sequence[str]
) -> dict[int, int]:
    """Return the system row each gold row matched, required rows first (one-to-one)."""
    order = sorted(range(len(gold)), key=lambda i: not gold[i]["required"])
    used: set[int] = set()
    matched: dict[int, int] = {}
    for gi in order:
        g = gold[gi]
        roots = {_root(c) for c in g["codes"]}
        for si, s in enumerate(system):
            if si in used or str(s.get("doc_id")) != g["doc"] or not _text_match(g, sentences[si]):
                continue
            if _root(s.get("cameo")) in roots and _actors_match(g, s):
                used.add(si)
                matched[gi] = si
                break
    return matched


def judge_system(
    gold: Sequence[dict[str, Any]], system: Sequence[dict[str, Any]]
) -> list[tuple[dict[str, Any], bool]]:
    """Return each system row of the gold's documents with whether a gold row matched it.

    A row is right when :func:`score_events` would match it to a gold row, required or
    optional; rows of documents the gold does not name are left out.

    Args:
        gold: gold rows, as for :func:`score_events`.
        system: system rows (export dicts).

    Returns:
        ``(row, right)`` pairs in the order of ``system``.
    """
    return [(row, match is not None) for row, match in match_system(gold, system)]


def match_system(
    gold: Sequence[dict[str, Any]], system: Sequence[dict[str, Any]]
) -> list[tuple[dict[str, Any], dict[str, Any] | None]]:
    """Return each system row of the gold's documents with the gold row that matched it.

    Args:
        gold: gold rows, as for :func:`score_events`.
        system: system rows (export dicts).

    Returns:
        ``(row, gold row or None)`` pairs in the order of ``system``, matched one-to-one as
        :func:`score_events` matches them.
    """
    docs = {g["doc"] for g in gold}
    kept = [s for s in system if str(s.get("doc_id")) in docs]
    matched = _match(gold, kept, [fold(s.get("sentence") or "") for s in kept])
    by_row = {si: gold[gi] for gi, si in matched.items()}
    return [(row, by_row.get(i)) for i, row in enumerate(kept)]


def expected_calibration_error(
    pairs: Sequence[tuple[float, bool]], *, bins: int = 10
) -> float | None:
    """Return the expected calibration error of confidences against outcomes.

    Confidences fall into ``bins`` equal-width bins over [0, 1]; the error is the mean, weighted
    by the bins' sizes, of the gap between a bin's mean confidence and its share of right rows.

    Args:
        pairs: ``(confidence, right)`` per event.
        bins: how many bins.

    Returns:
        The error rounded to three places, or None without pairs.
    """
    if not pairs:
        return None
    sums: dict[int, list[float]] = {}
    for confidence, right in pairs:
        slot = sums.setdefault(min(int(confidence * bins), bins - 1), [0.0, 0.0, 0.0])
        slot[0] += 1
        slot[1] += confidence
        slot[2] += float(right)
    gap = sum(abs(total - hits) for _, total, hits in sums.values())
    return round(gap / len(pairs), 3)


def _attributes(
    gold: Sequence[dict[str, Any]], system: Sequence[dict[str, Any]], matched: dict[int, int]
) -> dict[str, Any]:
    def ratio(ok: int, n: int) -> float | None:
        return round(ok / n, 3) if n else None

    dated = [(g, s) for g, s in matched.items() if gold[g].get("date")]
    date_ok = sum(
        1 for g, s in dated if str(system[s].get("date") or "").startswith(gold[g]["date"])
    )
    placed = [(g, s) for g, s in matched.items() if gold[g].get("place")]
    place_ok = sum(1 for g, s in placed if _place_match(gold[g]["place"], system[s].get("place")))
    fact = [
        (gold[g].get("factuality") or "asserted", system[s].get("factuality") or "asserted")
        for g, s in matched.items()
    ]
    marked = [(a, b) for a, b in fact if a != "asserted"]
    return {
        "dated_matches": len(dated),
        "date_accuracy": ratio(date_ok, len(dated)),
        "placed_matches": len(placed),
        "place_accuracy": ratio(place_ok, len(placed)),
        "empty_place_share": ratio(
            sum(1 for _, s in placed if not _place_name(system[s].get("place"))), len(placed)
        ),
        "factuality_accuracy": ratio(sum(a == b for a, b in fact), len(fact)),
        "nonasserted_matches": len(marked),
        "nonasserted_accuracy": ratio(sum(a == b for a, b in marked), len(marked)),
    }


def _place_name(system: Any) -> Any:
    return system.get("name") if isinstance(system, dict) else system


def _place_match(gold: str, system: Any) -> bool:
    name = _place_name(system)
    if not name:
        return False
    a, b = fold(gold), fold(str(name))
    return a in b or b in a


def _brief(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "doc_id": row.get("doc_id"),
        "sentence": row.get("sentence"),
        "cameo": row.get("cameo"),
        "source": actor_country(row.get("source")),
        "target": actor_country(row.get("target")),
    }


GOLD_FIELDS = ("doc", "text", "source", "target", "codes")
"""The fields every row of a JSONL gold file needs."""


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Read gold rows from a JSONL file in the shared format.

    Args:
        path: One JSON object a line with at least :data:`GOLD_FIELDS`; a row without
            ``required`` is required.

    Returns:
        The rows.

    Raises:
        InputError: A line is not JSON or lacks a field; the message names the line.
    """
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(
                    f"{path}:{number}: not JSON ({error.msg}); write one gold row a line",
                    origin="gold",
                ) from None
            missing = [f for f in GOLD_FIELDS if not isinstance(row, dict) or f not in row]
            if missing:
                raise InputError(
                    f"{path}:{number}: a gold row needs {', '.join(GOLD_FIELDS)}; missing "
                    f"{', '.join(missing)} (for PETRARCH-2 or PLOVER gold pass --gold-format)",
                    origin="gold",
                )
            rows.append({"required": True, **row})
    return rows


@dataclass(frozen=True)
class GoldSet:
    """Sentences to code and the gold rows for them, read from a foreign gold format."""

    documents: tuple[Document, ...]
    rows: tuple[dict[str, Any], ...]

    @property
    def empty(self) -> tuple[str, ...]:
        """Return the ids of documents the gold marks as holding no event."""
        named = {r["doc"] for r in self.rows}
        return tuple(d.id for d in self.documents if d.id not in named)


GOLD_FORMATS = ("jsonl", "petr2", "plover")
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
_NO_ACTOR = {"", "---", "IGO", "NGO", "IMG", "ISM", "NONE"}


def read_petr2(path: Path) -> GoldSet:
    """Read PETRARCH2's validation XML (``<Sentence>`` records with ``<EventCoding>``).

    The file is not well-formed XML, so it is split on ``<Sentence `` as its authors advise.

    Args:
        path: e.g. ``../shared/gold/dev/PETR2_GSR_validation.xml``.

    Returns:
        One document per sentence (dated from its ``date`` attribute) and one gold row per
        coded event; sentences coded ``noevents`` are documents with no row.
    """
    documents: list[Document] = []
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for chunk in path.read_text(encoding="utf-8").split("<Sentence ")[1:]:
        head = dict(_ATTRIBUTE.findall(chunk.split(">", 1)[0]))
        text_match = re.search(r"<Text>(.*?)</Text>", chunk, re.S)
        if text_match is None or not head.get("id"):
            continue
        text = " ".join(text_match.group(1).split())
        doc_id = head["id"]
        while doc_id in seen:
            doc_id += "+"
        seen.add(doc_id)
        raw_date = head.get("date", "")
        published = (
            f"{raw_date[:4]}-{raw_date[4:6]}-{raw_date[6:8]}"
            if re.fullmatch(r"\d{8}", raw_date)
            else None
        )
        documents.append(Document.from_text(text, doc_id=doc_id, published=published))
        for number, coding in enumerate(re.findall(r"<EventCoding ([^>]*)>", chunk)):
            fields = dict(_ATTRIBUTE.findall(coding))
            if "eventcode" not in fields:
                continue
            rows.append(
                _gold_row(
                    doc_id,
                    f"{doc_id}-{number}",
                    text,
                    fields.get("sourcecode"),
                    fields.get("targetcode"),
                    [fields["eventcode"]],
                )
            )
    return GoldSet(tuple(documents), tuple(rows))


def read_plover(path: Path) -> GoldSet:
    """Read the PLOVER gold standard records (a JSON list of sentences with PLOVER events).

    A PLOVER event type is scored as the CAMEO roots it covers (``plover_gsr_roots.csv``);
    an actor coded only as a kind (IGO, NGO…) accepts any actor.

    Args:
        path: e.g. ``../shared/gold/dev/PLOVER_GSR_CAMEO.txt``.

    Returns:
        One document per record (dated from its ``date``) and one gold row per record.
    """
    roots = plover_roots()
    documents: list[Document] = []
    rows: list[dict[str, Any]] = []
    for record in json.loads(path.read_text(encoding="utf-8")):
        event = str(record.get("event") or "")
        text = " ".join(str(record.get("text") or "").split())
        if event not in roots or not text:
            continue
        doc_id = str(record["id"])
        documents.append(
            Document.from_text(text, doc_id=doc_id, published=record.get("date") or None)
        )
        rows.append(
            _gold_row(
                doc_id,
                doc_id,
                text,
                _first_code(record.get("source")),
                _first_code(record.get("target")),
                list(roots[event]),
            )
        )
    return GoldSet(tuple(documents), tuple(rows))


def plover_roots(knowledge: Knowledge | None = None) -> dict[str, tuple[str, ...]]:
    """Return the CAMEO roots each PLOVER event type (old and new names) covers.

    Args:
        knowledge: whose ``plover_gsr_roots`` table to read (the bundled one by default).
    """
    rows = (knowledge or Knowledge.load()).rows("plover_gsr_roots")
    return {row["plover_type"]: tuple(row["cameo_roots"].split()) for row in rows}


def read_gold_set(path: Path, fmt: str) -> GoldSet:
    """Read a gold file in one of :data:`GOLD_FORMATS` other than ``jsonl``.

    Raises:
        ValueError: the format is not ``petr2`` or ``plover``.
    """
    if fmt == "petr2":
        return read_petr2(path)
    if fmt == "plover":
        return read_plover(path)
    raise ValueError(f"unknown gold format {fmt!r}; use one of petr2, plover")


def evaluate_gold_set(gold: GoldSet, settings: Settings | None = None) -> Score:
    """Code a gold set's sentences in memory and score the events against its rows.

    Args:
        gold: documents and rows from :func:`read_petr2` or :func:`read_plover`.
        settings: which model and knowledge to code with.

    Returns:
        The score; negated and hypothetical events are left out, as in ``bilat eval``.
    """
    from bilat.extract import Pipeline

    pipeline = Pipeline.load(settings)
    system = [
        event.export_dict()
        for extraction in pipeline.extract_many(gold.documents)
        for event in extraction.events
        if event.factuality.value not in ("negated", "hypothetical")
    ]
    return score_events(list(gold.rows), system, empty_docs=gold.empty)


def _first_code(actors: Any) -> str | None:
    if isinstance(actors, list) and actors and isinstance(actors[0], dict):
        actors = actors[0].get("code")
    return actors if isinstance(actors, str) else None


def _gold_row(
    doc: str, row_id: str, text: str, source: str | None, target: str | None, codes: list[str]
) -> dict[str, Any]:
    def actor(code: str | None) -> str | None:
        return None if code is None or code.strip().upper() in _NO_ACTOR else code.strip()

    return {
        "doc": doc,
        "id": row_id,
        "text": text,
        "source": actor(source),
        "target": actor(target),
        "codes": codes,
        "source_person": None,
        "target_person": None,
        "date": None,
        "place": None,
        "factuality": None,
        "symmetric": False,
        "required": True,
    }
