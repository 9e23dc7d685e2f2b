"""Tests for calibrated confidence: the fit, its knowledge file, ECE, and extraction applying it."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bilat.calibration import (
    Calibrator,
    combine,
    fit,
    observations,
    tally,
    to_yaml,
    verdict_right,
)
from bilat.cli import app
from bilat.errors import KnowledgeError
from bilat.evaluation import expected_calibration_error, judge_system, score_events
from bilat.knowledge import Knowledge
from bilat.knowledge.schema import CalibrationCount, CalibrationData
from bilat.records import Document
from bilat.verdicts import Verdict, VerdictKind
from conftest import floor, make_event


def _count(family: str, raw: float, n: int, right: int) -> CalibrationCount:
    return CalibrationCount(family=family, raw=raw, n=n, right=right)


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


def test_fit_without_counts_is_the_identity() -> None:
    calibrator = fit(CalibrationData())
    assert calibrator == Calibrator()
    assert calibrator.probability("042", 0.55) == 0.55


def test_fit_pools_adjacent_violators_and_smooths_each_block() -> None:
    data = CalibrationData(
        pooling=10,
        counts=[_count("04", 0.5, 4, 3), _count("04", 0.6, 4, 1), _count("04", 0.8, 10, 9)],
    )
    calibrator = fit(data)
    # 0.5 (3/4) is above 0.6 (1/4): one block of 4/8, smoothed to 5/10; 0.8 is 10/12.
    assert (calibrator.xs, calibrator.ys) == ((0.5, 0.6, 0.8), (0.5, 0.5, 0.8333))
    # The family's 13 right of 18 against 12.333 expected, shrunk by 10 pseudo-events.
    mean = (8 * 0.5 + 10 * 0.8333) / 18
    shrunk = (13 + 10 * mean) / 28
    assert calibrator.shifts == {"04": round(_logit(shrunk) - _logit(mean), 4)}


@pytest.mark.parametrize(
    ("code", "raw", "expected"),
    [
        ("190", 0.7, 0.667),  # no evidence for the family: the shared curve, between knots
        ("190", 0.3, 0.5),  # below the first knot: flat
        ("190", 0.95, 0.833),  # above the last knot: flat
        ("042", 0.8, 0.848),  # the shared 0.8333 shifted by the family
    ],
)
def test_calibrator_probability(code: str, raw: float, expected: float) -> None:
    data = CalibrationData(
        counts=[_count("04", 0.5, 4, 3), _count("04", 0.6, 4, 1), _count("04", 0.8, 10, 9)]
    )
    assert fit(data).probability(code, raw) == expected


def test_fit_small_family_stays_near_the_shared_curve() -> None:
    counts = [_count("04", 0.75, 40, 30), _count("19", 0.75, 2, 0)]
    calibrator = fit(CalibrationData(pooling=10, counts=counts))
    assert calibrator.ys == (round(31 / 44, 4),)
    # 19: (0 + 10 * 0.7045) / 12 right; 04: (30 + 10 * 0.7045) / 50
    assert (calibrator.probability("190", 0.75), calibrator.probability("043", 0.75)) == (
        0.587,
        0.741,
    )


def test_tally_counts_by_family_and_raw_score() -> None:
    seen = [("042", 0.75, True), ("043", 0.75, False), ("190", 0.5, True), ("042", 0.75, True)]
    assert tally(seen) == [_count("04", 0.75, 3, 2), _count("19", 0.5, 1, 1)]


def test_combine_adds_counts_of_the_same_cell() -> None:
    prior = [_count("04", 0.75, 3, 2), _count("19", 0.5, 1, 1)]
    verdicts = [_count("04", 0.75, 2, 0), _count("11", 0.55, 1, 1)]
    assert combine(prior, verdicts) == [
        _count("04", 0.75, 5, 2),
        _count("11", 0.55, 1, 1),
        _count("19", 0.5, 1, 1),
    ]


def _verdict(kind: str, **fields: Any) -> Verdict:
    base = {"machine_cameo": "042", "machine_source": "PAKGOV", "machine_target": "USAGOV"}
    return Verdict(event_id="e", verdict=VerdictKind(kind), **{**base, **fields})


@pytest.mark.parametrize(
    ("verdict", "right"),
    [
        (_verdict("confirm"), True),
        (_verdict("reject"), False),
        (_verdict("correct", cameo="043"), True),  # same root: the scorer's same event
        (_verdict("correct", source_code="PAKMIL"), True),  # same country
        (_verdict("correct", cameo="112"), False),
        (_verdict("correct", target_code="CHNGOV"), False),
    ],
)
def test_verdict_right_follows_the_scorer(verdict: Verdict, right: bool) -> None:
    assert verdict_right(verdict) is right


def test_observations_use_the_raw_score_and_the_machine_code() -> None:
    event = make_event("e", "d", "PAKGOV", "USAGOV", cameo="043", confidence=0.9)
    older = make_event("f", "d", "PAKGOV", "USAGOV", cameo="042", confidence=0.6)
    fresh = make_event("g", "d", "PAKGOV", "USAGOV", confidence=0.9, raw_confidence=0.55)
    judged = [
        (event, _verdict("correct", cameo="043")),
        (older, _verdict("reject")),
        (fresh, _verdict("confirm")),
    ]
    assert observations(judged) == [("042", 0.9, True), ("042", 0.6, False), ("042", 0.55, True)]


def test_expected_calibration_error_weights_bins_by_size() -> None:
    pairs = [(0.9, True), (0.9, False), (0.2, False), (0.3, True)]
    # bins 9, 2 and 3: |1.8 - 1| + |0.2 - 0| + |0.3 - 1| over 4 events
    assert expected_calibration_error(pairs) == 0.425
    assert expected_calibration_error([]) is None
    assert expected_calibration_error([(1.0, True)]) == 0.0


def test_judge_system_marks_matched_rows_and_drops_other_documents() -> None:
    gold = [
        {"doc": "d", "id": "g1", "text": "the two sides met", "source": "PAK", "target": "USA",
         "codes": ["042"], "required": True},
    ]  # fmt: skip
    rows = [
        {"doc_id": "d", "sentence": "The two sides met.", "cameo": "043",
         "source": {"code": "PAKGOV"}, "target": {"code": "USAGOV"}, "confidence": 0.8},
        {"doc_id": "d", "sentence": "The two sides met.", "cameo": "043",
         "source": {"code": "PAKGOV"}, "target": {"code": "USAGOV"}, "confidence": 0.6},
        {"doc_id": "x", "sentence": "Other.", "cameo": "190", "source": {"code": "IND"},
         "target": {"code": "PAK"}, "confidence": 0.5},
    ]  # fmt: skip
    assert [right for _, right in judge_system(gold, rows)] == [True, False]
    score = score_events(gold, rows)
    # the match at 0.8 (bin 8, |0.8 - 1|) and the duplicate at 0.6 (bin 6, |0.6 - 0|)
    assert (score.tp, score.fp, score.calibration_error) == (1, 1, 0.4)


def test_calibration_file_round_trips_through_knowledge(tmp_path: Path) -> None:
    data = CalibrationData(
        source="my verdicts", pooling=5, counts=[_count("04", 0.75, 3, 2), _count("19", 0.5, 1, 0)]
    )
    (tmp_path / "calibration.yaml").write_text(to_yaml(data), encoding="utf-8")
    assert Knowledge.load([tmp_path], cache_dir="none").section("calibration") == data


def test_calibration_file_with_more_right_than_events_is_reported_at_its_line(
    tmp_path: Path,
) -> None:
    bad = CalibrationData(counts=[_count("04", 0.75, 3, 2)])
    text = to_yaml(bad).replace("right: 2", "right: 4")
    (tmp_path / "calibration.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"calibration.yaml:\d+: .*right \(4\) is more than n"):
        Knowledge.load([tmp_path], cache_dir="none").section("calibration")


def test_bundled_calibration_has_a_prior_from_the_dev_gold() -> None:
    data = Knowledge.load(cache_dir="none").section("calibration")
    assert data.source.startswith("dev-modern odd articles + seeds")
    assert sum(c.n for c in data.counts) == 118


def test_extraction_stores_calibrated_confidence_and_raw_score(pipeline: Any) -> None:
    text = "Pakistan's foreign minister visited Washington on Monday."
    extraction = pipeline.extract(Document.from_text(text, doc_id="t", published="2025-03-03"))
    assert [(e.cameo, e.raw_confidence, e.confidence) for e in extraction.events] == [
        ("042", 0.55, 0.904)
    ]
    assert "raw_confidence" not in extraction.events[0].export_dict()


@pytest.mark.slow
def test_dev_modern_even_articles_are_calibrated(
    shared: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    corpus = shared / "corpora" / "dev-modern.jsonl"
    gold = shared / "gold" / "dev-modern.events.jsonl"
    if not corpus.exists() or not gold.exists():
        pytest.skip("dev-modern not present in ../shared")
    db = str(tmp_path_factory.mktemp("dev") / "dev.duckdb")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(corpus), "--db", db, "--quiet"]).exit_code == 0
    # The bundled calibration was fitted on the odd articles; the even ones are held out.
    result = runner.invoke(
        app, ["eval", str(gold), "--db", db, "--format", "json", "--docs", "*[02468]"]
    )
    assert result.exit_code == 0
    scores = json.loads(result.stdout)
    assert scores["docs"] == 20
    assert scores["calibration_error"] <= floor("calibration", "dev_modern_even_ece")
