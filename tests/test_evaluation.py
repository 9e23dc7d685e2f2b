"""Gold readers for PETRARCH2 and PLOVER files, and scoring of empty sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilat.errors import InputError
from bilat.evaluation import actor_country, load_gold, read_petr2, read_plover, score_events

PETR2 = """<?xml version='1.0'?>
<Validation><Sentences>
<Sentence category="T" date="20080804" id="T_1" evaluate="true"/>
<EventCoding eventcode="111" sourcecode="NORGOV" targetcode="SWE" />
<Text>
Norway criticised
Sweden.
</Text>
</Sentence>
<Sentence category="T" date="20080805" id="T_2" evaluate="true"/>
<EventCoding noevents="True"/>
<Text>The weather was fine.</Text>
</Sentence>
</Sentences></Validation>
"""

PLOVER = """[
{"id": "P-DOC", "event": "DOCUMENT", "eventText": "notes"},
{"id": "P-1", "date": "2001-02-03", "event": "DISAPPROVE",
 "source": [{"actorText": "Chile", "code": "CHL"}], "target": [{"actorText": "NATO", "code": "IGO"}],
 "text": "Chile criticised the alliance."}
]"""


def test_evaluation_reads_petr2_sentences_and_events(tmp_path: Path) -> None:
    path = tmp_path / "petr.xml"
    path.write_text(PETR2, encoding="utf-8")
    gold = read_petr2(path)
    assert [(d.id, d.text, d.published) for d in gold.documents] == [
        ("T_1", "Norway criticised Sweden.", "2008-08-04"),
        ("T_2", "The weather was fine.", "2008-08-05"),
    ]
    assert [(r["doc"], r["source"], r["target"], r["codes"]) for r in gold.rows] == [
        ("T_1", "NORGOV", "SWE", ["111"])
    ]
    assert gold.empty == ("T_2",)


def test_evaluation_reads_plover_types_as_cameo_roots(tmp_path: Path) -> None:
    path = tmp_path / "plover.txt"
    path.write_text(PLOVER, encoding="utf-8")
    gold = read_plover(path)
    assert [(d.id, d.published) for d in gold.documents] == [("P-1", "2001-02-03")]
    assert [(r["source"], r["target"], r["codes"]) for r in gold.rows] == [("CHL", None, ["11"])]


def test_evaluation_counts_events_in_empty_sentences_as_false_positives() -> None:
    system = [
        {"doc_id": "e", "sentence": "Peru hailed Chile.", "cameo": "051", "source": "PER",
         "target": "CHL"}
    ]  # fmt: skip
    score = score_events([], system, empty_docs=["e"])
    assert (score.system, score.tp, score.fp, score.precision) == (1, 0, 1, 0.0)


def test_load_gold_names_the_line_and_missing_fields(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        '{"doc": "d", "text": "x", "source": "PAK", "target": null, "codes": ["042"]}\n'
        '{"id": "e1", "doc": "d"}\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_gold(gold)
    assert caught.value.message == (
        f"{gold}:2: a gold row needs doc, text, source, target, codes; missing text, source, "
        "target, codes (for PETRARCH-2 or PLOVER gold pass --gold-format)"
    )
    gold.write_text(
        '{"doc": "d", "text": "x", "source": "PAK", "target": null, "codes": ["042"]}\n',
        encoding="utf-8",
    )
    assert load_gold(gold) == [
        {"required": True, "doc": "d", "text": "x", "source": "PAK", "target": None,
         "codes": ["042"]}
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("IGOAFU", "AU"),
        ({"code": "IGOAFU", "country": "AFU"}, "AU"),
        ("IGOUNO", "UN"),
        ("IGOUNOMIL", "UN"),
        ("IGOEUREEC", "EU"),
        ("IGOCOPITP", "IGOCOPITP"),
        ({"code": "IGOEU", "country": "EU"}, "EU"),
        ("PAKGOV", "PAK"),
    ],
)
def test_evaluation_actor_country_reads_organisations_as_the_shared_scorer(
    actor: object, expected: str
) -> None:
    assert actor_country(actor) == expected
