"""Find near-duplicate documents (reprints, lightly edited wire copies) with MinHash LSH.

A document's signature is the MinHash of the word shingles of its normalised text (lower case,
words only, so punctuation, case and line breaks do not matter). Signatures are kept in the
store, so a :class:`DuplicateFinder` rebuilt from them in a later run still finds the original
of a reprint ingested then.

A reprint or wire update is filed within a day or two of its original, while a text like one
from days earlier is usually a new report on the same template (a daily market report), so an
earlier document dated more than ``max_days`` away is not taken as the original.

    finder = DuplicateFinder(DedupOptions(threshold=0.5))
    first = finder.check("a", text_a, date="2025-03-11")   # duplicate_of=None
    second = finder.check("b", text_a + "!", date="2025-03-12")  # duplicate_of="a"
    third = finder.check("c", text_a, date="2025-03-21")   # duplicate_of=None: 10 days later
"""

from __future__ import annotations

import datetime as dt
import re
import struct
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bilat.errors import InputError

if TYPE_CHECKING:
    from datasketch import MinHash, MinHashLSH

_WORD_RE = re.compile(r"\w+")
# The affine32 scheme keeps hash values below 2**32, so four bytes each store them exactly;
# naming it keeps stored signatures comparable if datasketch changes its default.
_SCHEME = "affine32"
_HASH_FORMAT = "<{}I"


@dataclass(frozen=True)
class DedupOptions:
    """How near two texts must be to count as one document, and how signatures are made.

    ``threshold`` is the estimated Jaccard similarity of word shingles from which a document is
    a duplicate of an earlier one. Texts shorter than ``min_words`` are never called duplicates:
    a few shared words say nothing about a reprint. An earlier document whose date is more than
    ``max_days`` days from the new one's is not its original (None: no limit); when either
    document has no day-precise date, no limit applies, as before dates were considered.

        DedupOptions(threshold=0.6, shingle=3, max_days=1)
    """

    threshold: float = 0.5
    shingle: int = 3
    num_perm: int = 128
    seed: int = 1
    min_words: int = 40
    max_days: int | None = 2

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise InputError(
                f"dedup threshold must be in (0, 1], got {self.threshold}; "
                "0.5 finds lightly edited reprints",
                origin="DedupOptions.threshold",
            )
        if self.shingle < 1 or self.num_perm < 16 or self.min_words < 1:
            raise InputError(
                f"shingle ({self.shingle}), num_perm ({self.num_perm}) and min_words "
                f"({self.min_words}) must be at least 1, 16 and 1",
                origin="DedupOptions",
            )
        if self.max_days is not None and self.max_days < 0:
            raise InputError(
                f"dedup max_days must be 0 or more, got {self.max_days}; 2 keeps reprints "
                "filed within two days, None sets no limit",
                origin="DedupOptions.max_days",
            )


@dataclass(frozen=True)
class DocumentSignature:
    """A document's MinHash values and, when it is a near-duplicate, the original it copies.

    ``hashvalues`` is empty for a text too short to sign; ``similarity`` is the estimated
    Jaccard similarity to ``duplicate_of``.
    """

    doc_id: str
    hashvalues: tuple[int, ...]
    duplicate_of: str | None = None
    similarity: float | None = None


def normalise(text: str) -> list[str]:
    """Return the words of a text, case-folded and compatibility-normalised.

    Args:
        text: Any text.

    Returns:
        Its words in order, without punctuation or whitespace.
    """
    return _WORD_RE.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(words: list[str], size: int) -> set[bytes]:
    """Return the distinct runs of ``size`` consecutive words, as bytes to hash.

    Args:
        words: Normalised words.
        size: Words per shingle.

    Returns:
        The shingles; a text shorter than ``size`` gives one shingle of all its words.
    """
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def parse_iso_day(value: str | None) -> dt.date | None:
    """Return the day an ISO date or timestamp starts with, or None when it names no day.

    Args:
        value: ``"2025-03-11"``, ``"2025-03-11T08:00:00+05:00"``, a partial date, or None.

    Returns:
        The day; None for a missing, partial (``"2025-03"``) or invalid date.
    """
    if value is None or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def encode_hashvalues(values: tuple[int, ...]) -> str:
    """Return MinHash values as a compact hex string for storage."""
    return struct.pack(_HASH_FORMAT.format(len(values)), *values).hex()


def decode_hashvalues(text: str) -> tuple[int, ...]:
    """Return MinHash values from the hex string :func:`encode_hashvalues` made.

    Raises:
        InputError: The text is not a stored signature.
    """
    try:
        raw = bytes.fromhex(text)
    except ValueError as error:
        raise InputError(
            f"stored document signature is not hex ({error}); the signatures table is damaged",
            origin="document_signatures",
        ) from error
    if len(raw) % 4:
        raise InputError(
            f"stored document signature has {len(raw)} bytes, not a whole number of 4-byte "
            "hash values; the signatures table is damaged",
            origin="document_signatures",
        )
    return struct.unpack(_HASH_FORMAT.format(len(raw) // 4), raw)


class DuplicateFinder:
    """An LSH index of document signatures that names the original of each near-duplicate.

    Documents are checked in the order they were stored; each is compared with every earlier
    one, so the outcome does not depend on how documents were split into batches. Dates (ISO
    days) limit which earlier documents can be an original; see :class:`DedupOptions`.

        finder = DuplicateFinder(DedupOptions())
        finder.load(stored, dates=dates)   # (doc_id, hashvalues, duplicate_of) from the store
        signature = finder.check("doc-9", text, date="2025-03-11")

    Args:
        options: Threshold and signature parameters.
    """

    def __init__(self, options: DedupOptions) -> None:
        self.options = options
        self._index: MinHashLSH | None = None
        self._hashes: dict[str, MinHash] = {}
        self._order: dict[str, int] = {}
        self._original: dict[str, str] = {}
        # Only day-precise dates; a document missing here is compared without a date limit.
        self._days: dict[str, dt.date] = {}

    def __len__(self) -> int:
        return len(self._hashes)

    @property
    def _lsh(self) -> MinHashLSH:
        # Built on first use: datasketch imports scipy (about a second), which a store with no
        # signed documents, or a command that never checks one, need not pay.
        if self._index is None:
            from datasketch import MinHashLSH

            self._index = MinHashLSH(
                threshold=self.options.threshold, num_perm=self.options.num_perm
            )
        return self._index

    def load(
        self,
        stored: Iterable[tuple[str, tuple[int, ...], str | None]],
        *,
        dates: Mapping[str, str | None] | None = None,
    ) -> None:
        """Index signatures already stored, oldest first.

        Args:
            stored: ``(doc_id, hashvalues, duplicate_of)`` for each signed document.
            dates: Each document's date (ISO day); documents left out, or without a day, are
                compared with later ones without a date limit.
        """
        dates = dates or {}
        for doc_id, values, duplicate_of in stored:
            if duplicate_of is not None:
                self._original[doc_id] = duplicate_of
            if values:
                self._insert(doc_id, self._minhash(values), parse_iso_day(dates.get(doc_id)))

    def signature(self, text: str) -> tuple[int, ...]:
        """Return the MinHash values of a text, or () when it is too short to sign.

        Args:
            text: The document's text.

        Returns:
            ``num_perm`` hash values.
        """
        words = normalise(text)
        if len(words) < self.options.min_words:
            return ()
        from datasketch import MinHash

        minhash = MinHash(num_perm=self.options.num_perm, seed=self.options.seed, scheme=_SCHEME)
        minhash.update_batch(sorted(shingles(words, self.options.shingle)))
        return tuple(int(v) for v in minhash.hashvalues)

    def check(self, doc_id: str, text: str, *, date: str | None = None) -> DocumentSignature:
        """Sign a document, find the original it near-duplicates, and index it.

        The most similar earlier document above the threshold wins (the earliest on a tie); when
        that one is itself a copy, its original is named instead. An earlier document dated
        more than ``max_days`` from ``date``, or whose original is, is passed over for the
        next most similar one. Without a day-precise ``date`` no limit applies.

        Args:
            doc_id: The document's id.
            text: Its text.
            date: Its date as an ISO day (``"2025-03-11"``), or None when unknown.

        Returns:
            Its signature, with ``duplicate_of`` set when it is a near-duplicate.
        """
        values = self.signature(text)
        if not values:
            return DocumentSignature(doc_id, values)
        minhash = self._minhash(values)
        day = parse_iso_day(date)
        best: tuple[float, int, str] | None = None
        for candidate in self._lsh.query(minhash):
            similarity = float(minhash.jaccard(self._hashes[candidate]))
            if similarity < self.options.threshold or not self._near_in_time(day, candidate):
                continue
            key = (-similarity, self._order[candidate], candidate)
            if best is None or key < best:
                best = key
        self._insert(doc_id, minhash, day)
        if best is None:
            return DocumentSignature(doc_id, values)
        original = self._original.get(best[2], best[2])
        self._original[doc_id] = original
        return DocumentSignature(doc_id, values, duplicate_of=original, similarity=-best[0])

    def _minhash(self, values: tuple[int, ...]) -> MinHash:
        if len(values) != self.options.num_perm:
            raise InputError(
                f"a stored signature has {len(values)} hash values but num_perm is "
                f"{self.options.num_perm}; keep num_perm as the database was built with",
                origin="DedupOptions.num_perm",
            )
        import numpy as np
        from datasketch import MinHash

        return MinHash(
            num_perm=self.options.num_perm,
            seed=self.options.seed,
            hashvalues=np.asarray(values, dtype=np.uint32),
            scheme=_SCHEME,
        )

    def _near_in_time(self, day: dt.date | None, candidate: str) -> bool:
        # The candidate and the original it would name must both lie within the limit: a copy
        # is named after its original, and it is that original the new text must be near.
        limit = self.options.max_days
        if limit is None or day is None:
            return True
        for other in (candidate, self._original.get(candidate, candidate)):
            other_day = self._days.get(other)
            if other_day is not None and abs((day - other_day).days) > limit:
                return False
        return True

    def _insert(self, doc_id: str, minhash: MinHash, day: dt.date | None = None) -> None:
        if doc_id in self._hashes:
            return
        if day is not None:
            self._days[doc_id] = day
        self._order[doc_id] = len(self._order)
        self._hashes[doc_id] = minhash
        self._lsh.insert(doc_id, minhash)
