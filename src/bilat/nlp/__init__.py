"""Language annotation: one spaCy pipeline, loaded once, parsing rule-based sentences one by one."""

from __future__ import annotations

from bilat.nlp.pipeline import (
    MODEL,
    load_nlp,
    parse,
    parse_many,
    sentence_pieces,
    sentence_spans,
)

__all__ = ["MODEL", "load_nlp", "parse", "parse_many", "sentence_pieces", "sentence_spans"]
