"""Read documents from paths, folders, gzip files and stdin, rejecting what cannot be read.

Each input becomes Documents or Rejections, never an exception: a folder of a thousand files
with one PDF in it yields 999 documents and one Rejection that says to convert the PDF. Sizes
are checked before reading (``stat`` first, then a bounded read), so a stray 200 MB file or a
gzip bomb costs no more memory than the limit.
"""

from __future__ import annotations

import gzip
import itertools
import json
import os
import sys
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, TextIO, cast

from bilat.records import Document, Rejection, RejectReason
from bilat.sources.assemble import build_document, too_large
from bilat.sources.decoding import (
    BinaryContentError,
    decode_bytes,
    decode_line,
    normalise_text,
)
from bilat.sources.html_page import extract_html
from bilat.sources.options import ReadOptions
from bilat.sources.plaintext import parse_plain
from bilat.sources.tabular import (
    LINE_FACTOR,
    binary_lines,
    open_text,
    read_csv,
    read_json,
    read_jsonl,
    text_lines,
)

STDIN_ORIGIN = "<stdin>"
TEXT_ORIGIN = "<text>"
# A single document may be stored in UTF-32, four bytes a character; gzip gets a little more
# room, since what counts is the decompressed size.
FILE_FACTOR = 4
GZIP_FACTOR = 5
# A .json file is parsed whole, so it gets a file-level cap above one article but small enough
# that parsing it (several times its size in Python objects) stays in bounded memory.
JSON_FACTOR = 10

_TEXT = "text"
_HTML = "html"
_SNIFF = "sniff"
_KINDS: dict[str, str] = {
    ".txt": _TEXT,
    ".text": _TEXT,
    ".md": _TEXT,
    ".html": _HTML,
    ".htm": _HTML,
    ".xhtml": _HTML,
    ".shtml": _HTML,
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
}
_UNSUPPORTED: dict[str, str] = {
    ".xml": "XML",
    ".rss": "an RSS feed",
    ".atom": "an Atom feed",
}


def read_inputs(
    paths: Sequence[str | Path],
    options: ReadOptions = ReadOptions(),  # noqa: B008  (frozen, so a shared default is safe)
    *,
    stdin: TextIO | BinaryIO | None = None,
) -> Iterator[Document | Rejection]:
    """Read every document in files, folders (recursively) and ``-`` (stdin).

    Args:
        paths: files, folders, or ``"-"`` for stdin. Folders are walked in name order, skipping
            hidden files; symbolic-link loops are followed once.
        options: field names, size limit and an optional date imposed on every document.
        stdin: the stream ``"-"`` reads; ``sys.stdin`` when None.

    Yields:
        A Document for each article read, a Rejection for each input (or record) that was not.
    """
    for raw in paths:
        if str(raw) == "-":
            yield from _read_stdin(stdin if stdin is not None else sys.stdin, options)
            continue
        path = Path(raw)
        try:
            is_dir = path.is_dir()
        except OSError as exc:
            yield _unreadable(str(path), exc)
            continue
        if not is_dir:
            yield from read_file(path, options)
            continue
        for item in iter_files(path):
            if isinstance(item, Rejection):
                yield item
            else:
                yield from read_file(item, options)


def read_text(
    text: str,
    *,
    doc_id: str | None = None,
    options: ReadOptions = ReadOptions(),  # noqa: B008  (frozen, so a shared default is safe)
) -> Document | Rejection:
    """Read one article given as a string, as if from a ``.txt`` file (or HTML, if it is HTML).

    Args:
        text: the article.
        doc_id: its id; a hash of the text when None.
        options: size limit and an optional date imposed on the document.

    Returns:
        The document, or the rejection saying why there is none.
    """
    return document_from_text(text, origin=TEXT_ORIGIN, doc_id=doc_id, kind=_SNIFF, options=options)


def iter_files(root: Path) -> Iterator[Path | Rejection]:
    """Yield the files under a folder in name order, skipping hidden ones and link loops.

    Args:
        root: the folder.

    Yields:
        File paths (including broken links, so that they are reported), and a Rejection for
        each folder that cannot be listed.
    """
    visited: set[Path] = set()

    def walk(folder: Path) -> Iterator[Path | Rejection]:
        try:
            real = folder.resolve(strict=True)
        except (OSError, RuntimeError) as exc:
            yield _unreadable(str(folder), exc)
            return
        if real in visited:
            return
        visited.add(real)
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            yield _unreadable(str(folder), exc)
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            try:
                if entry.is_dir():
                    yield from walk(path)
                elif entry.is_file() or (entry.is_symlink() and not path.exists()):
                    yield path
            except OSError as exc:
                yield _unreadable(str(path), exc)

    yield from walk(root)


def _unreadable(origin: str, exc: BaseException) -> Rejection:
    if isinstance(exc, PermissionError):
        detail = "unreadable: permission denied; give bilat read access (chmod +r) or copy it"
    elif isinstance(exc, FileNotFoundError):
        detail = "unreadable: no such file or folder (or a broken link); check the path"
    elif isinstance(exc, RuntimeError):
        detail = "unreadable: symbolic link loop; remove the looping link"
    else:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        detail = f"unreadable: I/O error ({reason}); check the disk or copy the file again"
    return Rejection(origin=origin, reason=RejectReason.UNREADABLE, detail=detail)


def _split_name(path: Path) -> tuple[str, str, bool]:
    """Return the document stem, the format suffix, and whether the file is gzipped."""
    name = path.name
    compressed = name.lower().endswith(".gz")
    if compressed:
        name = name[:-3]
    inner = Path(name)
    return inner.stem, inner.suffix.lower(), compressed


def read_file(path: Path, options: ReadOptions) -> Iterator[Document | Rejection]:
    """Read one file by its extension (``.gz`` is decompressed as it is read).

    Args:
        path: the file; unknown extensions are sniffed as text or HTML.
        options: field names, limits and an optional date.

    Yields:
        One Document or Rejection for a single-article file, one per record for JSONL/CSV.
    """
    origin = str(path)
    stem, suffix, compressed = _split_name(path)
    if suffix in _UNSUPPORTED:
        yield Rejection(
            origin=origin,
            reason=RejectReason.UNSUPPORTED,
            detail=(
                f"unsupported: {_UNSUPPORTED[suffix]} file is not an article; convert its "
                'items to JSONL (one {"text": ...} object a line) or HTML first'
            ),
            doc_id=stem,
        )
        return
    kind = _KINDS.get(suffix, _SNIFF)
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield _unreadable(origin, exc)
        return
    with handle:
        try:
            size = os.fstat(handle.fileno()).st_size
            stream: BinaryIO = (
                cast(BinaryIO, gzip.GzipFile(fileobj=handle, mode="rb")) if compressed else handle
            )
            limit = options.max_bytes * LINE_FACTOR
            if kind == "jsonl":
                yield from read_jsonl(
                    text_lines(open_text(stream), limit), name=origin, options=options
                )
            elif kind in ("csv", "tsv"):
                delimiter = "\t" if kind == "tsv" else None
                yield from read_csv(
                    open_text(stream), name=origin, options=options, delimiter=delimiter
                )
            elif kind == "json":
                yield from _read_json_file(stream, size, compressed, origin, options)
            else:
                yield _read_single(stream, size, compressed, origin, stem, kind, options)
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            yield Rejection(
                origin=origin,
                reason=RejectReason.MALFORMED,
                detail=(
                    f"malformed gzip ({exc}); the file is truncated or not gzip: fetch it "
                    "again, or check it with `gzip -t`"
                ),
                doc_id=stem,
            )
        except OSError as exc:
            yield _unreadable(origin, exc)


def _read_single(
    stream: BinaryIO,
    size: int,
    compressed: bool,
    origin: str,
    stem: str,
    kind: str,
    options: ReadOptions,
) -> Document | Rejection:
    cap = options.max_bytes * (GZIP_FACTOR if compressed else FILE_FACTOR)
    if not compressed and size > cap:
        return too_large(origin, cap, size=size, what="file", doc_id=stem)
    data = stream.read(cap + 1)
    if len(data) > cap:
        what = "decompressed data" if compressed else "file"
        return too_large(origin, cap, what=what, doc_id=stem)
    return document_from_bytes(data, origin=origin, doc_id=stem, kind=kind, options=options)


def _read_json_file(
    stream: BinaryIO, size: int, compressed: bool, origin: str, options: ReadOptions
) -> Iterator[Document | Rejection]:
    cap = options.max_bytes * JSON_FACTOR
    data = b"" if not compressed and size > cap else stream.read(cap + 1)
    if len(data) > cap or (not compressed and size > cap):
        yield Rejection(
            origin=origin,
            reason=RejectReason.TOO_LARGE,
            detail=(
                f"too large: a JSON file over {cap:,} bytes is not read whole; write it as "
                "JSONL (one record a line) so it can be streamed"
            ),
        )
        return
    try:
        text = decode_bytes(data).text
    except BinaryContentError as exc:
        yield _binary(origin, exc, None)
        return
    yield from read_json(text, name=origin, options=options)


def _binary(origin: str, exc: BinaryContentError, doc_id: str | None) -> Rejection:
    found = "more than 10% control bytes" if exc.kind == "control" else f"found {exc.kind} bytes"
    return Rejection(
        origin=origin,
        reason=RejectReason.BINARY,
        detail=f"binary: not text ({found}); convert it to text or HTML first",
        doc_id=doc_id,
    )


def document_from_bytes(
    data: bytes, *, origin: str, doc_id: str | None, kind: str, options: ReadOptions
) -> Document | Rejection:
    """Decode one article's bytes and read it as plain text or HTML.

    Args:
        data: the raw bytes.
        origin: where they came from.
        doc_id: the document id (a file stem), or None for a content hash.
        kind: ``"text"``, ``"html"`` or ``"sniff"`` (decide from the content).
        options: limits and an optional date.

    Returns:
        The document, or a rejection (BINARY for non-text bytes).
    """
    try:
        decoded = decode_bytes(data)
    except BinaryContentError as exc:
        return _binary(origin, exc, doc_id)
    return document_from_text(
        decoded.text, origin=origin, doc_id=doc_id, kind=kind, options=options
    )


def _looks_like_html(text: str) -> bool:
    head = text[:1024].lstrip().lower()
    if head.startswith(("<!doctype html", "<html")):
        return True
    return head.startswith("<") and "<html" in head and "<body" in text[:65536].lower()


def document_from_text(
    text: str, *, origin: str, doc_id: str | None, kind: str, options: ReadOptions
) -> Document | Rejection:
    """Read one decoded article as plain text (headline, date line, dateline) or HTML.

    Args:
        text: the decoded article.
        origin: where it came from.
        doc_id: the document id, or None for a content hash.
        kind: ``"text"``, ``"html"`` or ``"sniff"`` (decide from the content).
        options: limits and an optional date.

    Returns:
        The document, or the rejection saying why there is none.
    """
    text = normalise_text(text)
    if kind == _SNIFF:
        kind = _HTML if _looks_like_html(text) else _TEXT
    if kind == _HTML:
        page = extract_html(text)
        return build_document(
            page.text,
            origin=origin,
            options=options,
            doc_id=doc_id,
            title=page.title,
            published=page.published,
            url=page.url,
            outlet=page.outlet,
            what="page",
        )
    article = parse_plain(text)
    return build_document(
        article.text,
        origin=origin,
        options=options,
        doc_id=doc_id,
        title=article.title,
        published=article.published,
        dateline=article.dateline,
        detect_dateline=False,
        published_in_text=True,
    )


def _read_stdin(source: TextIO | BinaryIO, options: ReadOptions) -> Iterator[Document | Rejection]:
    buffer = getattr(source, "buffer", None)
    if buffer is not None:
        # sys.stdin: read the bytes underneath, so encodings are detected as for files.
        source = cast(BinaryIO, buffer)
    limit = options.max_bytes * LINE_FACTOR
    cap = options.max_bytes * FILE_FACTOR
    try:
        probe = source.read(0)
        if isinstance(probe, bytes):
            binary = cast(BinaryIO, source)
            first = binary.readline(limit + 1)
            head = decode_line(first)
            if _is_json_object(head):
                lines = itertools.chain([head], binary_lines(binary, limit))
                yield from read_jsonl(lines, name=STDIN_ORIGIN, options=options)
                return
            data = first + binary.read(cap + 1 - len(first))
            if len(data) > cap:
                yield too_large(STDIN_ORIGIN, cap, what="input")
                return
            yield document_from_bytes(
                data, origin=STDIN_ORIGIN, doc_id=None, kind=_SNIFF, options=options
            )
            return
        textual = cast(TextIO, source)
        first_text = textual.readline(limit + 1)
        if _is_json_object(first_text):
            text_iter = itertools.chain([first_text], text_lines(textual, limit))
            yield from read_jsonl(text_iter, name=STDIN_ORIGIN, options=options)
            return
        content = first_text + textual.read(cap + 1 - len(first_text))
        if len(content) > cap:
            yield too_large(STDIN_ORIGIN, cap, what="input")
            return
        yield document_from_text(
            content, origin=STDIN_ORIGIN, doc_id=None, kind=_SNIFF, options=options
        )
    except OSError as exc:
        yield _unreadable(STDIN_ORIGIN, exc)


def _is_json_object(line: str) -> bool:
    """Tell whether a line is one JSON object, the sign that stdin carries JSONL."""
    stripped = line.strip().lstrip("\ufeff")
    if not stripped.startswith("{"):
        return False
    try:
        return isinstance(json.loads(stripped), dict)
    except json.JSONDecodeError:
        return False
