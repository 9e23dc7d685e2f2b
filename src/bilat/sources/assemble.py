"""Turn extracted text and fields into a Document, or a Rejection that says what to fix."""

from __future__ import annotations

from bilat.records import DateSource, Document, Rejection, RejectReason
from bilat.sources.decoding import normalise_text
from bilat.sources.language import check_english
from bilat.sources.options import ReadOptions
from bilat.sources.plaintext import find_dateline


def clean_field(value: object) -> str | None:
    """Return a record field as one line of text, or None when it is missing, blank or not text."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    text = " ".join(str(value).split())
    return text or None


def too_large(
    origin: str,
    limit: int,
    *,
    size: int | None = None,
    what: str = "text",
    doc_id: str | None = None,
) -> Rejection:
    """Return the rejection of an input bigger than ``limit`` bytes, with the fix.

    Args:
        origin: where the input came from.
        limit: the limit it broke, in bytes.
        size: its size when known; when None it is only known to be over the limit.
        what: what was measured ("text", "file", "line", "decompressed data").
        doc_id: the document id, when known.

    Returns:
        The rejection.
    """
    measured = f"{size:,} bytes of {what}" if size is not None else f"{what} over {limit:,} bytes"
    return Rejection(
        origin=origin,
        reason=RejectReason.TOO_LARGE,
        detail=(
            f"too large: {measured}, over the limit of {limit:,}; split it into separate "
            "articles or raise max_bytes"
        ),
        doc_id=doc_id,
    )


def too_long(text: str, options: ReadOptions) -> str | None:
    """Return why a text would take too long to parse, or None when it is within the bounds.

    Args:
        text: normalised text of one article.
        options: the word and line limits.

    Returns:
        The rejection's detail (what is too long and how to fix it), or None.
    """
    words = len(text.split())
    if words > options.max_words:
        return (
            f"too large: {words:,} words, over the limit of {options.max_words:,} words a "
            "document; split it into separate articles or raise max_words"
        )
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > options.max_line_chars:
            return (
                f"too large: line {number} has {len(line):,} characters without a line break, "
                f"over the limit of {options.max_line_chars:,}; break it into paragraphs"
            )
        line_words = len(line.split())
        if line_words > options.max_line_words:
            return (
                f"too large: line {number} has {line_words:,} words without a line break, "
                f"over the limit of {options.max_line_words:,}; break it into paragraphs"
            )
    return None


def build_document(
    text: str,
    *,
    origin: str,
    options: ReadOptions,
    doc_id: str | None = None,
    title: str | None = None,
    published: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    dateline: str | None = None,
    detect_dateline: bool = True,
    what: str = "file",
    published_in_text: bool = False,
) -> Document | Rejection:
    """Normalise text, check it is non-empty, small enough and English, and make the Document.

    Args:
        text: decoded text of one article.
        origin: where it came from (a path, ``path:line`` or ``<stdin>``).
        options: reading options (size limit, user date, language check).
        doc_id: the id to give the document; a content hash when None.
        title: headline, when known.
        published: ISO date from the source's metadata, when known.
        url: address of the article, when known.
        outlet: publisher or agency, when known.
        dateline: wire dateline, when known.
        detect_dateline: look for a dateline at the start of the text when none is given.
        what: what the text came from, for messages ("file", "record", "page").
        published_in_text: the date was read from a ``date`` line in the text itself, not
            from metadata beside it.

    Returns:
        The document, or the rejection saying why there is none.
    """
    text = normalise_text(text)
    if not text:
        return Rejection(
            origin=origin,
            reason=RejectReason.EMPTY,
            detail=f"empty: the {what} has no text; check that it holds the article itself",
            doc_id=doc_id,
        )
    size = len(text.encode("utf-8"))
    if size > options.max_bytes:
        return too_large(origin, options.max_bytes, size=size, doc_id=doc_id)
    overlong = too_long(text, options)
    if overlong is not None:
        return Rejection(
            origin=origin, reason=RejectReason.TOO_LARGE, detail=overlong, doc_id=doc_id
        )
    if options.check_language:
        verdict = check_english(text)
        if not verdict.english:
            return Rejection(
                origin=origin,
                reason=RejectReason.NOT_ENGLISH,
                detail=(
                    f"not English: {verdict.reason}; bilat codes English text only, so "
                    "translate it first (or set check_language=False if it is English)"
                ),
                doc_id=doc_id,
            )
    if dateline is None and detect_dateline:
        dateline = find_dateline(text.lstrip().split("\n", 1)[0])
    date_source = DateSource.NONE
    if published:
        date_source = DateSource.TEXT if published_in_text else DateSource.METADATA
    if options.date is not None:
        published, date_source = options.date, DateSource.USER
    return Document.from_text(
        text,
        doc_id=doc_id,
        title=title,
        published=published,
        date_source=date_source,
        url=url,
        origin=origin,
        outlet=outlet,
        dateline=dateline,
    )
