"""Compare the events found with and without the pre-filter on the same documents.

Usage: python benchmarks/prefilter_check.py INPUT [INPUT ...] [--limit N]

Prints the event counts of both runs, the events only one of them found, and the share of
words the pre-filter sent through the full pipeline.
"""

from __future__ import annotations

import argparse
import itertools
import time

from bilat.extract import Pipeline
from bilat.knowledge import Knowledge
from bilat.nlp import load_nlp
from bilat.records import Document, Event
from bilat.settings import Settings
from bilat.sources import ReadOptions, read_inputs


def _key(event: Event) -> tuple[str, int, str, str, str, str]:
    target = event.target.code if event.target else ""
    return (
        event.doc_id,
        event.sentence_start,
        event.cameo,
        event.source.code,
        target,
        event.date or "",
    )


def main() -> None:
    """Run both pipelines over the inputs and print what differs."""
    parser = argparse.ArgumentParser()
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    documents = [
        d
        for d in itertools.islice(read_inputs(args.inputs, ReadOptions()), args.limit)
        if isinstance(d, Document)
    ]
    settings = Settings()
    nlp, knowledge = load_nlp(settings.model), Knowledge.load(settings.knowledge_dirs)
    results: dict[str, list[Event]] = {}
    for name, flag in (("full", False), ("prefilter", True)):
        pipeline = Pipeline(nlp, knowledge, prefilter=flag)
        began = time.perf_counter()
        results[name] = [e for x in pipeline.extract_many(documents) for e in x.events]
        seconds = time.perf_counter() - began
        print(f"{name}: {len(results[name])} events in {seconds:.1f} s")
        if pipeline.prefilter is not None:
            stats = pipeline.prefilter.stats
            print(
                f"  parsed {stats.parsed_sentences}/{stats.sentences} sentences, "
                f"{stats.parsed_words}/{stats.words} words ({stats.parsed_share:.1%})"
            )
    full = {_key(e): e for e in results["full"]}
    fast = {_key(e): e for e in results["prefilter"]}
    for label, keys in (("lost", full.keys() - fast.keys()), ("new", fast.keys() - full.keys())):
        print(f"{label}: {len(keys)}")
        for key in sorted(keys):
            event = (full | fast)[key]
            print(f"  {key} | {event.sentence[:110]}")
    ids_full = {e.id for e in results["full"]}
    ids_fast = {e.id for e in results["prefilter"]}
    print(
        f"same ids: {len(ids_full & ids_fast)}; only full {len(ids_full - ids_fast)}; "
        f"only prefilter {len(ids_fast - ids_full)}"
    )


if __name__ == "__main__":
    main()
