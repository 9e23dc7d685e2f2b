"""The public API is what bilat/__init__.py exports, sorted and pinned."""

from __future__ import annotations

import bilat


def test_exported_members_are_sorted_and_present() -> None:
    assert bilat.__all__ == sorted(bilat.__all__)
    assert all(hasattr(bilat, name) for name in bilat.__all__)
    assert bilat.__all__ == [
        "Actor",
        "BilatError",
        "BriefScope",
        "Document",
        "Event",
        "EventQuery",
        "Extraction",
        "FactQuery",
        "IngestReport",
        "PatternHealth",
        "Pipeline",
        "QuoteQuery",
        "ReadOptions",
        "Rejection",
        "ReviewItem",
        "Settings",
        "Verdict",
        "VerdictKind",
        "build_brief",
        "calibrate",
        "change_points",
        "copy_store",
        "evaluate_gold_set",
        "export_events",
        "extract",
        "ingest",
        "load_settings",
        "open_store",
        "pattern_health",
        "read_inputs",
        "read_text",
        "recode",
        "review_queue",
        "score_events",
        "sparkline",
        "timeline",
        "to_arrow",
        "to_dataframe",
        "trend",
        "write_export",
    ]
