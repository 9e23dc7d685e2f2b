"""The gazetteer's plain form (what its cache pickles) decodes to an equal gazetteer."""

from __future__ import annotations

import pickle

import pytest

from bilat.knowledge import Knowledge
from bilat.places.compiled import NameIndex, decode, encode
from bilat.places.gazetteer import Gazetteer, build_gazetteer, name_key


@pytest.fixture(scope="module")
def built() -> Gazetteer:
    return build_gazetteer(Knowledge.load())


def test_places_plain_form_decodes_equal(built: Gazetteer) -> None:
    decoded = decode(pickle.loads(pickle.dumps(encode(built))))
    assert isinstance(decoded.index, NameIndex)
    assert decoded == built
    names = decoded.index[name_key("Hyderabad")]
    assert [n.entry.country for n in names][:2] == ["IND", "PAK"]


def test_places_plain_form_keeps_shared_entries_shared(built: Gazetteer) -> None:
    decoded = decode(encode(built))
    pakistan = decoded.countries["PAK"]
    assert any(n.entry is pakistan for n in decoded.index[name_key("Pakistan")])
    assert decoded.index[name_key("Karachi")] is decoded.index[name_key("Karachi")]
