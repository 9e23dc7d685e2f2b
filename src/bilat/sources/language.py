"""Tell English text from other languages, offline and cheaply.

Two tests: the share of letters in a non-Latin script (Arabic, Han, Cyrillic…), and the share of
words that are common English function words (the ``english_stopwords`` knowledge section). A text
low on English function words is rejected only when it has more function words of other languages
(``foreign_stopwords``): tables of sports results or prices are poor in both, and
are English. Short texts (headlines, captions) are judged by script alone, since a dozen words
say little about language.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from bilat.knowledge import Knowledge

MIN_WORDS = 20
MIN_STOPWORD_SHARE = 0.15
MAX_FOREIGN_SCRIPT_SHARE = 0.5
_SAMPLE_CHARS = 20_000
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class LanguageVerdict:
    """Whether a text reads as English, and why not when it does not."""

    english: bool
    reason: str = ""


# Characters outside Basic Latin through Latin Extended-B, IPA, and Latin Extended Additional.
_NON_LATIN = re.compile(r"[^\x00-\u02af\u1e00-\u1eff]")


def _script_name(ch: str) -> str:
    name = unicodedata.name(ch, "UNKNOWN")
    return name.split()[0]


def check_english(text: str, *, knowledge: Knowledge | None = None) -> LanguageVerdict:
    """Judge whether a text is English by script and by its share of English function words.

    Args:
        text: the document text.
        knowledge: whose function-word lists to use (the bundled knowledge by default).

    Returns:
        The verdict; when negative, ``reason`` says what was measured.
    """
    sample = text[:_SAMPLE_CHARS]
    # Counted with C loops (map, a regex): a Python loop per character cost more than
    # everything else in reading a document.
    letters = sum(map(str.isalpha, sample))
    if not letters:
        return LanguageVerdict(True)
    non_latin = [ch for ch in _NON_LATIN.findall(sample) if ch.isalpha()]
    if len(non_latin) > MAX_FOREIGN_SCRIPT_SHARE * letters:
        script = Counter(_script_name(ch) for ch in non_latin).most_common(1)[0][0]
        share = len(non_latin) / letters
        return LanguageVerdict(False, f"{share:.0%} of its letters are in {script} script")
    words = [w.lower().replace("’", "'") for w in _WORD_RE.findall(sample)]
    if len(words) < MIN_WORDS:
        return LanguageVerdict(True)
    kb = knowledge or Knowledge.load()
    english = kb.words("english_stopwords")
    share = sum(1 for w in words if w in english) / len(words)
    if share >= MIN_STOPWORD_SHARE:
        return LanguageVerdict(True)
    foreign = kb.words("foreign_stopwords")
    foreign_share = sum(1 for w in words if w in foreign) / len(words)
    if foreign_share <= share:
        return LanguageVerdict(True)
    return LanguageVerdict(
        False,
        f"only {share:.0%} of its words are common English words (English prose has at least "
        f"{MIN_STOPWORD_SHARE:.0%}) and {foreign_share:.0%} are function words of other languages",
    )
