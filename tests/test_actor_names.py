"""A country word inside a region's name names no state, wherever it stands in the text."""

from __future__ import annotations

import pytest
import spacy

from bilat.actors.names import inside_region_name

# long enough that the window around a word never reaches the text's ends
PADDING = "Rain fell on the hills for most of the long and grey afternoon. "


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Indian Ocean states met.", "Indian", True),
        ("Ships sailed the Indian Ocean", "Indian", True),
        ("Ships sailed the Indian Oceanic route.", "Indian", False),
        ("The Indian envoy spoke.", "Indian", False),
        (PADDING + "the South American country voted." + PADDING, "American", True),
        (PADDING + "the American envoy spoke." + PADDING, "American", False),
        (PADDING + "the Pan-American games opened." + PADDING, "American", True),
        (PADDING + "the North-American games opened." + PADDING, "American", False),
        (PADDING * 3 + "Korea Strait", "Korea", True),
        (PADDING * 3 + "Korea Straits", "Korea", False),
    ],
)
def test_inside_region_name_reads_the_words_around_the_country_word(
    text: str, word: str, expected: bool
) -> None:
    doc = spacy.blank("en")(text)
    start = next(t.i for t in doc if t.text == word)
    assert inside_region_name(doc, start, start + 1) is expected
