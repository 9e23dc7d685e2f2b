"""Turn raw bytes into clean text: spot binary formats, guess the encoding, normalise.

The order of guesses is: byte-order marks, UTF-16 without a BOM (told apart by where its NUL
bytes fall), strict UTF-8, a declared HTML charset, UTF-8 and Windows-1252 line by line for a
file pasted together from both, then Windows-1252 for text that is mostly ASCII, then charset_normalizer, and last Latin-1, which never fails.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from charset_normalizer import from_bytes

# Magic numbers of formats people drop into an input folder by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"PK\x03\x04", "ZIP (also .docx, .xlsx, .epub)"),
    (b"PK\x05\x06", "ZIP"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE (old .doc/.xls)"),
    (b"PAR1", "Parquet"),
    (b"SQLite format 3\x00", "SQLite"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
)

# UTF-32 marks first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_CHARSET_RE = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_ASCII = bytes(range(0x80))
_MAX_CONTROL_SHARE = 0.10
_MAX_NON_ASCII_FOR_CP1252 = 0.10


class BinaryContentError(ValueError):
    """Raised when bytes are not text; ``kind`` names what they look like."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"not text (found {kind} bytes)")
        self.kind = kind


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes and the encoding that was used."""

    text: str
    encoding: str


def sniff_magic(data: bytes) -> str | None:
    """Return the name of a binary format whose magic number starts ``data``, else None.

    Args:
        data: the first bytes of a file.

    Returns:
        A format name such as ``"PDF"``, or None.
    """
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """Return the encoding announced by a byte-order mark and the mark's length, else None."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """Guess UTF-16 from NUL bytes: ASCII text in UTF-16-LE has a NUL at every odd offset."""
    sample = data[:8192]
    half = len(sample) // 2
    if half < 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def _declared_charset(data: bytes) -> str | None:
    match = _CHARSET_RE.search(data[:4096])
    if match is None:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _mostly_ascii(data: bytes) -> bool:
    if not data:
        return True
    high = len(data.translate(None, _ASCII))
    return high <= _MAX_NON_ASCII_FOR_CP1252 * len(data)


def decode_bytes(data: bytes) -> Decoded:
    """Decode bytes of unknown encoding into text, refusing binary formats.

    Args:
        data: the raw bytes of one document.

    Returns:
        The decoded (not yet normalised) text and the encoding used.

    Raises:
        BinaryContentError: the bytes start with a binary magic number or, once decoded, more
            than 10% of the characters are control characters.
    """
    kind = sniff_magic(data)
    if kind is not None:
        raise BinaryContentError(kind)
    decoded = _decode(data)
    if control_share(decoded.text) > _MAX_CONTROL_SHARE:
        raise BinaryContentError("control")
    return decoded


def _decode(data: bytes) -> Decoded:
    bom = bom_encoding(data)
    if bom is not None:
        encoding, size = bom
        text = _try(data[size:], encoding)
        if text is not None:
            return Decoded(text, encoding)
    # UTF-16 before UTF-8: ASCII text in UTF-16 is also valid UTF-8, one NUL every other byte.
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        text = _try(data, utf16)
        if text is not None:
            return Decoded(text, utf16)
    text = _try(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8")
    declared = _declared_charset(data)
    if declared is not None:
        text = _try(data, declared)
        if text is not None:
            return Decoded(text, declared)
    mixed = _mixed_lines(data)
    if mixed is not None:
        return Decoded(mixed, "utf-8+cp1252")
    # charset_normalizer labels short Western text cp1250 ("naïve" becomes "naďve"), so English
    # with a few accented letters or smart quotes is decoded as Windows-1252 before asking it.
    if _mostly_ascii(data):
        text = _try(data, "cp1252")
        if text is not None:
            return Decoded(text, "cp1252")
    best = from_bytes(data).best()
    if best is not None:
        return Decoded(str(best), str(best.encoding))
    text = _try(data, "cp1252")
    if text is not None:
        return Decoded(text, "cp1252")
    return Decoded(data.decode("latin-1"), "latin-1")


def _mixed_lines(data: bytes) -> str | None:
    """Decode line by line a file pasted together from UTF-8 and Windows-1252 pieces.

    Returns None unless some lines are non-ASCII UTF-8 and others are not UTF-8 at all; then
    each line is decoded on its own, so neither half turns into mojibake.
    """
    parts: list[str] = []
    utf8_seen = failed = False
    for line in data.splitlines(keepends=True):
        text = _try(line, "utf-8")
        if text is None:
            failed = True
            text = decode_line(line)
        elif not line.isascii():
            utf8_seen = True
        parts.append(text)
    return "".join(parts) if utf8_seen and failed else None


def decode_line(data: bytes) -> str:
    """Decode one line of a record file: UTF-8, else Windows-1252, else Latin-1."""
    for encoding in ("utf-8", "cp1252"):
        text = _try(data, encoding)
        if text is not None:
            return text
    return data.decode("latin-1")


def control_share(text: str) -> float:
    """Return the share of characters that are control characters other than whitespace."""
    if not text:
        return 0.0
    sample = text[:65536]
    controls = sum(
        1 for ch in sample if ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) == "Cc"
    )
    return controls / len(sample)


def normalise_text(text: str) -> str:
    """Normalise newlines to ``\\n``, drop NUL characters and BOMs, and apply Unicode NFC.

    Args:
        text: decoded text.

    Returns:
        The normalised text, with leading and trailing whitespace removed.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").replace("\ufeff", "")
    return unicodedata.normalize("NFC", text).strip()
