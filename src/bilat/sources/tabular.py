"""Read record files, one article per record: JSONL/NDJSON, a JSON list, CSV/TSV.

Records stream one at a time, so a feed of any size is read in bounded memory; a broken record
becomes a Rejection that names ``file:line`` and reading goes on with the next one.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import BinaryIO, TextIO

from bilat.records import Document, Rejection, RejectReason
from bilat.sources.assemble import build_document, clean_field, too_large
from bilat.sources.dates import normalise_date
from bilat.sources.decoding import bom_encoding, decode_line
from bilat.sources.options import ReadOptions

_HEAD_BYTES = 65536
_DELIMITERS = (",", "\t", ";", "|")
# Record lines may hold escaped text (``\u00e9`` is six bytes for one letter), so a line may
# run to several times the text limit before its text is too large.
LINE_FACTOR = 5


class _Rewound(io.RawIOBase):
    """A byte stream that replays bytes already read from it before reading on."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        super().__init__()
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _head_encoding(head: bytes) -> str:
    bom = bom_encoding(head)
    if bom is not None:
        encoding = bom[0]
        # The *-sig and BOM-reading codecs drop the mark instead of leaving U+FEFF in field 1.
        return {"utf-8": "utf-8-sig", "utf-16-le": "utf-16", "utf-16-be": "utf-16"}.get(
            encoding, "utf-32"
        )
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        head.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def open_text(stream: BinaryIO) -> TextIO:
    """Wrap a byte stream of records as text, guessing the encoding from its first 64 KiB.

    Args:
        stream: the raw (or decompressed) bytes.

    Returns:
        A text stream that keeps line endings as they are (as the csv module needs); bytes
        that do not decode become U+FFFD rather than stopping the read.
    """
    head = stream.read(_HEAD_BYTES)
    encoding = _head_encoding(head)
    buffered = io.BufferedReader(_Rewound(head, stream))
    return io.TextIOWrapper(buffered, encoding=encoding, errors="replace", newline="")


def text_lines(stream: TextIO, limit: int) -> Iterator[str | None]:
    """Yield the lines of a text stream; a line longer than ``limit`` is skipped as None."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith("\n"):
            while True:
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith("\n"):
                    break
            yield None
            continue
        yield line


def binary_lines(stream: BinaryIO, limit: int) -> Iterator[str | None]:
    """Yield the decoded lines of a byte stream; a line longer than ``limit`` is skipped as None."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while True:
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
            continue
        yield decode_line(line)


def _malformed(origin: str, detail: str, doc_id: str | None = None) -> Rejection:
    return Rejection(origin=origin, reason=RejectReason.MALFORMED, detail=detail, doc_id=doc_id)


def record_document(
    record: Mapping[str, object], *, origin: str, options: ReadOptions
) -> Document | Rejection:
    """Make a document from one record, reading the fields that ``options`` names.

    Args:
        record: one JSON object or CSV row.
        origin: ``file:line`` of the record.
        options: field names and limits.

    Returns:
        The document, or a rejection (MALFORMED when the text field is missing or not text).
    """
    doc_id = clean_field(record.get(options.id_field))
    text = record.get(options.text_field)
    if not isinstance(text, str):
        if options.text_field not in record:
            fields = ", ".join(sorted(str(k) for k in record)[:12]) or "none"
            detail = (
                f"record has no {options.text_field!r} field (fields: {fields}); name the text "
                "field with --text-field"
            )
        else:
            detail = (
                f"field {options.text_field!r} holds {type(text).__name__}, not text; "
                "put the article text in it as a string"
            )
        return _malformed(origin, detail, doc_id)
    return build_document(
        text,
        origin=origin,
        options=options,
        doc_id=doc_id,
        title=clean_field(record.get(options.title_field)),
        published=normalise_date(record.get(options.date_field)),
        url=clean_field(record.get(options.url_field)),
        outlet=clean_field(record.get(options.outlet_field)),
        dateline=clean_field(record.get(options.dateline_field)),
        what="record",
    )


def read_jsonl(
    lines: Iterable[str | None], *, name: str, options: ReadOptions
) -> Iterator[Document | Rejection]:
    """Read one JSON object a line; blank lines are skipped, broken ones rejected as MALFORMED.

    Args:
        lines: the file's lines (None for a line over the length cap).
        name: the file's name, for origins ``name:line``.
        options: field names and limits.

    Yields:
        A document or a rejection for each non-blank line.
    """
    limit = options.max_bytes * LINE_FACTOR
    for number, line in enumerate(lines, start=1):
        origin = f"{name}:{number}"
        if line is None:
            yield too_large(origin, limit, what="line")
            continue
        if number == 1:
            line = line.lstrip("\ufeff")
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _malformed(origin, f"not valid JSON ({exc}); fix or remove the line")
            continue
        if not isinstance(record, dict):
            yield _malformed(
                origin,
                f"line holds a JSON {type(record).__name__}, not an object; write one "
                '{"text": ...} object a line',
            )
            continue
        yield record_document(record, origin=origin, options=options)


def read_json(data: str, *, name: str, options: ReadOptions) -> Iterator[Document | Rejection]:
    """Read a JSON document holding one record or a list of them; origins are ``name#item``.

    Args:
        data: the decoded file.
        name: the file's name.
        options: field names and limits.

    Yields:
        A document or a rejection per record, or one rejection for the whole file.
    """
    try:
        parsed = json.loads(data)
    except json.JSONDecodeError as exc:
        yield _malformed(name, f"not valid JSON ({exc}); fix the file or write JSONL")
        return
    items = parsed if isinstance(parsed, list) else [parsed]
    for number, item in enumerate(items, start=1):
        origin = f"{name}#{number}" if isinstance(parsed, list) else name
        if not isinstance(item, dict):
            yield _malformed(
                origin, f"item is a JSON {type(item).__name__}, not an object with a text field"
            )
            continue
        yield record_document(item, origin=origin, options=options)


class _LineTooLong(Exception):
    """Raised through the csv reader when a physical line is over the length cap."""


def _bounded_lines(lines: Iterable[str | None]) -> Iterator[str]:
    for line in lines:
        if line is None:
            raise _LineTooLong
        yield line


def _sniff_delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(
    stream: TextIO, *, name: str, options: ReadOptions, delimiter: str | None = None
) -> Iterator[Document | Rejection]:
    """Read a CSV/TSV file with a header row; rows that do not fit it are rejected by line.

    Args:
        stream: the text of the file (newlines untranslated).
        name: the file's name, for origins ``name:line``.
        options: field names (the column names) and limits.
        delimiter: the field separator; sniffed from the header row when None.

    Yields:
        A document or a rejection per row; reading stops at the first row the csv module
        cannot parse, with a rejection for it.
    """
    field_limit = options.max_bytes * LINE_FACTOR
    if csv.field_size_limit() < field_limit:
        # Articles are long fields; the module's default of 131,072 characters is too small.
        csv.field_size_limit(field_limit)
    header = stream.readline(field_limit)
    if not header.strip():
        yield Rejection(
            origin=name,
            reason=RejectReason.EMPTY,
            detail="empty: the CSV file has no header row; write one naming the columns",
        )
        return
    header = header.lstrip("\ufeff")
    delimiter = delimiter or _sniff_delimiter(header)
    # Lines come through text_lines so that a 200 MB line is skipped, not read whole.
    lines = _bounded_lines(text_lines(stream, field_limit))
    reader = csv.reader(itertools.chain([header], lines), delimiter=delimiter)
    columns = next(reader)
    if options.text_field not in columns:
        yield _malformed(
            f"{name}:1",
            f"no {options.text_field!r} column (columns: {', '.join(columns)}); name the text "
            "column with --text-field",
        )
        return
    line = reader.line_num
    while True:
        start = line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except _LineTooLong:
            yield too_large(f"{name}:{start}", field_limit, what="line")
            return
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                yield too_large(f"{name}:{start}", field_limit, what="field")
                return
            yield _malformed(f"{name}:{start}", f"CSV error ({exc}); fix the row, stopped reading")
            return
        line = reader.line_num
        if not row or not any(cell.strip() for cell in row):
            continue
        origin = f"{name}:{start}"
        if len(row) != len(columns):
            yield _malformed(
                origin,
                f"row has {len(row)} fields but the header has {len(columns)}; quote fields "
                f"that contain {delimiter!r} or newlines",
            )
            continue
        yield record_document(dict(zip(columns, row, strict=True)), origin=origin, options=options)
