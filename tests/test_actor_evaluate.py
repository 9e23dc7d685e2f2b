"""The CoNLL reader behind the actor evaluation rebuilds text and gold spans exactly."""

from __future__ import annotations

from pathlib import Path

from bilat.evaluation.actors import GoldSpan, country_lookup, read_conll

CONLL = """-DOCSTART- -X- O O

Ruritania NNP I-NP I-LOC
thanks VBZ I-VP O
Jan NNP I-NP I-PER
Novak NNP I-NP I-PER
. . O O

Novak NNP I-NP I-PER
left VBD I-VP O
Paris NNP I-NP I-LOC
. . O O

-DOCSTART- -X- O O

Acme NNP I-NP I-ORG
Ltd NNP I-NP I-ORG
Beta NNP I-NP B-ORG
"""


def test_read_conll_rebuilds_text_and_spans(tmp_path: Path) -> None:
    path = tmp_path / "mini.conll"
    path.write_text(CONLL, encoding="utf-8")
    first, second = read_conll(path)
    assert first.text == "Ruritania thanks Jan Novak .\nNovak left Paris ."
    assert first.spans == (
        GoldSpan(0, 9, "LOC", "Ruritania"),
        GoldSpan(17, 26, "PER", "Jan Novak"),
        GoldSpan(29, 34, "PER", "Novak"),
        GoldSpan(40, 45, "LOC", "Paris"),
    )
    assert second.text == "Acme Ltd Beta"
    assert second.spans == (GoldSpan(0, 8, "ORG", "Acme Ltd"), GoldSpan(9, 13, "ORG", "Beta"))


def test_country_lookup_maps_names_and_capitals() -> None:
    lookup = country_lookup()
    assert lookup["pakistan"] == "PAK"
    assert lookup["islamabad"] == "PAK"
    assert lookup["paris"] == "FRA"
    assert "ruritania" not in lookup
