"""Tests for bilat.sources: every reader, encodings, gzip, rejections, stdin and folder walks."""

from __future__ import annotations

import codecs
import gzip
import io
import os
from pathlib import Path

import pytest

import bilat.sources
from bilat.records import DateSource, Document, Rejection, RejectReason
from bilat.sources import ReadOptions, read_inputs, read_text
from bilat.sources.dates import normalise_date
from bilat.sources.language import check_english
from bilat.sources.plaintext import find_dateline

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sources"

ENGLISH = (
    "The foreign ministers of the two countries met on Monday and agreed to expand trade, "
    "according to a statement that was issued by the ministry after the talks in the capital."
)


def _one(paths: list[str | Path], options: ReadOptions | None = None) -> Document | Rejection:
    items = list(read_inputs(paths, options or ReadOptions()))
    assert len(items) == 1, items
    return items[0]


def _doc(paths: list[str | Path], options: ReadOptions | None = None) -> Document:
    item = _one(paths, options)
    assert isinstance(item, Document), item
    return item


def _summary(items: list[Document | Rejection]) -> list[tuple[str, str]]:
    """Reduce results to (origin, id or reject reason) pairs for whole-list assertions."""
    out: list[tuple[str, str]] = []
    for item in items:
        if isinstance(item, Document):
            out.append((item.origin or "", item.id))
        else:
            out.append((item.origin, item.reason.value))
    return out


def test_sources_exports_public_api() -> None:
    assert bilat.sources.__all__ == [
        "ReadOptions",
        "iter_files",
        "read_file",
        "read_inputs",
        "read_text",
    ]


def test_txt_headline_and_date_line() -> None:
    path = FIXTURES / "headline_date.txt"
    body = (
        "ISLAMABAD: The foreign ministers of the two neighbours agreed on Tuesday to widen trade "
        "links and to reopen a border crossing, officials said."
    )
    text = "Ministers agree to widen trade links\n" + body
    assert _doc([path]) == Document.from_text(
        text,
        doc_id="headline_date",
        title="Ministers agree to widen trade links",
        published="2024-11-05",
        date_source=DateSource.TEXT,
        origin=str(path),
        dateline="ISLAMABAD",
    )


def test_txt_date_token_at_start_of_caption_line() -> None:
    path = FIXTURES / "caption_date.txt"
    text = (
        "The foreign minister (right) greets a visiting envoy. —File photo\n\n"
        "BEIJING, Feb. 13 (Xinhua) -- The two governments signed a new agreement on water "
        "sharing on Thursday."
    )
    assert _doc([path]) == Document.from_text(
        text,
        doc_id="caption_date",
        title=None,
        published="2025-02-14",
        date_source=DateSource.TEXT,
        origin=str(path),
        dateline="BEIJING, Feb. 13 (Xinhua)",
    )


@pytest.mark.parametrize(
    ("first_line", "title"),
    [
        ("Border talks resume", "Border talks resume"),
        ("Border talks resume after a long pause.", None),
        ("- Both sides agree to meet again", None),
        (" ".join(["word"] * 26), None),
    ],
)
def test_txt_headline_only_when_it_looks_like_one(first_line: str, title: str | None) -> None:
    doc = read_text(f"{first_line}\n{ENGLISH}")
    assert isinstance(doc, Document)
    assert (doc.title, doc.text) == (title, f"{first_line}\n{ENGLISH}")


def test_txt_single_line_has_no_title() -> None:
    doc = read_text("Border talks resume")
    assert isinstance(doc, Document)
    assert (doc.title, doc.text) == (None, "Border talks resume")


def test_txt_invalid_date_token_stays_in_text() -> None:
    doc = read_text(f"date 2024-13-45\n{ENGLISH}")
    assert isinstance(doc, Document)
    assert (doc.published, doc.text) == (None, f"date 2024-13-45\n{ENGLISH}")


def test_txt_date_token_after_fifth_line_is_ignored() -> None:
    text = "a\nb\nc\nd\ne\ndate 2024-01-02\n" + ENGLISH
    doc = read_text(text)
    assert isinstance(doc, Document)
    assert (doc.published, doc.date_source) == (None, DateSource.NONE)


@pytest.mark.parametrize(
    ("opening", "dateline"),
    [
        ("ISLAMABAD: Officials met.", "ISLAMABAD"),
        ("ISLAMABAD, April 1 (AFP) - Officials met.", "ISLAMABAD, April 1 (AFP)"),
        ("BEIJING, Dec. 3 (Xinhua) -- Officials met.", "BEIJING, Dec. 3 (Xinhua)"),
        ("KUALA LUMPUR, April 1 , 1997 (AFP) - Shares fell.", "KUALA LUMPUR, April 1 , 1997 (AFP)"),
        ("WASHINGTON (Reuters) - Officials met.", "WASHINGTON (Reuters)"),
        ("PESHAWAR, Pakistan (AP) — Officials met.", "PESHAWAR, Pakistan (AP)"),
        ("NEW DELHI — Officials met.", "NEW DELHI"),
        ("US officials said: talks went well.", None),
        ("I said - no.", None),
        ("Officials met in ISLAMABAD: talks went well.", None),
    ],
)
def test_find_dateline_forms(opening: str, dateline: str | None) -> None:
    assert find_dateline(opening) == dateline


def test_read_text_dateline_after_headline_is_captured() -> None:
    doc = read_text(f"Ministers meet\nKABUL, May 2 (EW) - {ENGLISH}", doc_id="k1")
    assert isinstance(doc, Document)
    assert (doc.id, doc.title, doc.dateline, doc.origin) == (
        "k1",
        "Ministers meet",
        "KABUL, May 2 (EW)",
        "<text>",
    )


def test_user_date_overrides_metadata() -> None:
    doc = _doc([FIXTURES / "headline_date.txt"], ReadOptions(date="2020-01-31"))
    assert (doc.published, doc.date_source) == ("2020-01-31", DateSource.USER)


@pytest.mark.parametrize("bad", ["2020-1-31", "31/01/2020", "2020-02-30", "yesterday"])
def test_read_options_rejects_bad_date(bad: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        ReadOptions(date=bad)


def test_html_main_text_title_date_url() -> None:
    path = FIXTURES / "article.html"
    text = (
        "Envoys discuss border security\n"
        "Senior envoys from the two countries met in the capital on Tuesday to discuss border "
        "security and the return of refugees, a spokesperson for the foreign ministry said.\n"
        "The delegations agreed to set up a joint working group that will meet every three "
        "months and report to both foreign ministers."
    )
    assert _doc([path]) == Document.from_text(
        text,
        doc_id="article",
        title="Envoys discuss border security",
        published="2024-06-18",
        date_source=DateSource.METADATA,
        url="https://herald.example.org/world/envoys-border-security",
        origin=str(path),
        outlet="herald.example.org",
    )


def test_html_falls_back_to_stripping_tags(tmp_path: Path) -> None:
    path = tmp_path / "tiny.htm"
    path.write_text(
        "<html><head><title>Tiny</title><style>p {color: red}</style></head>"
        "<body><p>Talks held.</p><script>var x = 1;</script></body></html>",
        encoding="utf-8",
    )
    doc = _doc([path])
    assert (doc.text, doc.title) == ("Talks held.", "Tiny")


def test_html_without_text_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><body><script>var x = 1;</script></body></html>", encoding="utf-8")
    assert _one([path]) == Rejection(
        origin=str(path),
        reason=RejectReason.EMPTY,
        detail="empty: the page has no text; check that it holds the article itself",
        doc_id="blank",
    )


def test_unknown_extension_sniffed_as_html_or_text(tmp_path: Path) -> None:
    (tmp_path / "page.dat").write_text(
        "<!DOCTYPE html><html><body><p>Talks held.</p></body></html>", encoding="utf-8"
    )
    (tmp_path / "note.story").write_text("Talks held.\n", encoding="utf-8")
    docs = list(read_inputs([tmp_path]))
    assert [(d.id, d.text) for d in docs if isinstance(d, Document)] == [
        ("note", "Talks held."),
        ("page", "Talks held."),
    ]


def test_jsonl_records_broken_line_and_missing_text() -> None:
    path = FIXTURES / "feed.jsonl"
    items = list(read_inputs([path]))
    name = str(path)
    assert items == [
        Document.from_text(
            "Delegations from the two governments opened talks on trade and transit in the "
            "capital on Tuesday.",
            doc_id="wire-001",
            title="Talks open in capital",
            published="2024-03-05",
            url="https://wire.example.org/1",
            origin=f"{name}:1",
            outlet="Example Wire",
            dateline="KABUL, March 5 (EW)",
        ),
        Document.from_text(
            "The central bank said it would keep interest rates unchanged for another quarter.",
            doc_id="wire-002",
            origin=f"{name}:2",
        ),
        Rejection(
            origin=f"{name}:3",
            reason=RejectReason.MALFORMED,
            detail=(
                "not valid JSON (Invalid control character at: line 1 column 40 (char 39)); "
                "fix or remove the line"
            ),
        ),
        Rejection(
            origin=f"{name}:4",
            reason=RejectReason.MALFORMED,
            detail=(
                "record has no 'text' field (fields: id, title); name the text field with "
                "--text-field"
            ),
            doc_id="wire-004",
        ),
        Document.from_text(
            "NEW DELHI - The two prime ministers spoke by telephone on Thursday about the flood "
            "relief effort.",
            published="2024-03-07",
            origin=f"{name}:6",
            dateline="NEW DELHI",
        ),
    ]


def test_jsonl_gz_reads_like_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(gzip.compress((FIXTURES / "feed.jsonl").read_bytes()))
    items = list(read_inputs([path]))
    assert _summary(items) == [
        (f"{path}:1", "wire-001"),
        (f"{path}:2", "wire-002"),
        (f"{path}:3", "malformed"),
        (f"{path}:4", "malformed"),
        (f"{path}:6", "8f5c65ce9e014e95"),
    ]


def test_jsonl_line_over_cap_is_too_large_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    big = '{"text": "' + "word " * 200 + '"}'
    path.write_text(big + "\n" + '{"id": "ok", "text": "Talks held."}\n', encoding="utf-8")
    items = list(read_inputs([path], ReadOptions(max_bytes=100)))
    assert items[0] == Rejection(
        origin=f"{path}:1",
        reason=RejectReason.TOO_LARGE,
        detail=(
            "too large: line over 500 bytes, over the limit of 500; split it into separate "
            "articles or raise max_bytes"
        ),
    )
    assert _summary(items[1:]) == [(f"{path}:2", "ok")]


def test_json_list_of_records() -> None:
    path = FIXTURES / "list.json"
    name = str(path)
    assert list(read_inputs([path])) == [
        Document.from_text(
            "The prime minister received the visiting foreign minister at his office on Friday.",
            doc_id="j1",
            published="2023-12-01",
            origin=f"{name}#1",
        ),
        Rejection(
            origin=f"{name}#2",
            reason=RejectReason.MALFORMED,
            detail="item is a JSON str, not an object with a text field",
        ),
        Rejection(
            origin=f"{name}#3",
            reason=RejectReason.EMPTY,
            detail="empty: the record has no text; check that it holds the article itself",
            doc_id="j3",
        ),
    ]


def test_csv_with_other_text_field_name() -> None:
    path = FIXTURES / "articles.csv"
    options = ReadOptions(
        text_field="body", id_field="doc", date_field="date", title_field="headline"
    )
    name = str(path)
    assert list(read_inputs([path], options)) == [
        Document.from_text(
            "The defence ministers of the two countries held talks on joint exercises, the "
            "ministry said.",
            doc_id="csv-1",
            title="Defence talks",
            published="2024-02-01",
            origin=f"{name}:2",
        ),
        Document.from_text(
            "A trade delegation arrived on Monday, and officials said talks would last three days.",
            doc_id="csv-2",
            origin=f"{name}:3",
        ),
        Rejection(
            origin=f"{name}:4",
            reason=RejectReason.MALFORMED,
            detail=(
                "row has 6 fields but the header has 4; quote fields that contain ',' or newlines"
            ),
        ),
    ]


def test_csv_without_text_column_names_the_columns() -> None:
    path = FIXTURES / "articles.csv"
    assert _one([path]) == Rejection(
        origin=f"{path}:1",
        reason=RejectReason.MALFORMED,
        detail=(
            "no 'text' column (columns: doc, body, date, headline); name the text column with "
            "--text-field"
        ),
    )


def test_tsv_semicolon_multiline_and_huge_fields(tmp_path: Path) -> None:
    tsv = tmp_path / "a.tsv"
    tsv.write_text("id\ttext\nt1\tTalks held, officials said.\n", encoding="utf-8")
    semi = tmp_path / "b.csv"
    semi.write_text('id;text\ns1;"Talks held;\nthen ended."\ns2;Second.\n', encoding="utf-8")
    huge = tmp_path / "c.csv"
    long_text = "Talks held.\n" * 20_000  # a huge field, in lines the parser can bound
    huge.write_text(f'id,text\nh1,"{long_text}"\n', encoding="utf-8")
    items = list(read_inputs([tsv, semi, huge]))
    assert _summary(items) == [
        (f"{tsv}:2", "t1"),
        (f"{semi}:2", "s1"),
        (f"{semi}:4", "s2"),
        (f"{huge}:2", "h1"),
    ]
    assert isinstance(items[1], Document)
    assert items[1].text == "Talks held;\nthen ended."


SMART = "The minister’s “visit” went well — officials said; the café was full."


@pytest.mark.parametrize(
    ("encoded", "expected"),
    [
        (SMART.encode("cp1252"), SMART),
        ("The café in Zürich hosted naïve envoys.".encode("latin-1"), None),
        (codecs.BOM_UTF8 + SMART.encode("utf-8"), SMART),
        (SMART.encode("utf-16"), SMART),
        (codecs.BOM_UTF16_BE + SMART.encode("utf-16-be"), SMART),
        (SMART.encode("utf-16-le"), SMART),
        (SMART.encode("utf-16-be"), SMART),
        (SMART.encode("utf-32"), SMART),
        (SMART.encode("utf-8").replace(b" ", b"\x00 ", 1), SMART),
        (b"Line one\r\nLine two\rLine three", "Line one\nLine two\nLine three"),
        ("Cafe\u0301 talks".encode(), "Café talks"),
    ],
    ids=[
        "cp1252",
        "latin-1",
        "utf-8-bom",
        "utf-16-bom",
        "utf-16-be-bom",
        "utf-16-le-no-bom",
        "utf-16-be-no-bom",
        "utf-32-bom",
        "nul-stripped",
        "newlines",
        "nfc",
    ],
)
def test_txt_encodings(tmp_path: Path, encoded: bytes, expected: str | None) -> None:
    path = tmp_path / "enc.txt"
    path.write_bytes(encoded)
    doc = _doc([path])
    assert doc.text == (expected or "The café in Zürich hosted naïve envoys.")


def test_gz_text_file(tmp_path: Path) -> None:
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress(f"Talks resume\ndate 2024-05-06\n{ENGLISH}".encode()))
    doc = _doc([path])
    assert (doc.id, doc.title, doc.published, doc.origin) == (
        "story",
        "Talks resume",
        "2024-05-06",
        str(path),
    )


def test_gzip_bomb_is_too_large(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b" " * 5_000_000, compresslevel=9))
    assert path.stat().st_size < 10_000
    assert _one([path], ReadOptions(max_bytes=100_000)) == Rejection(
        origin=str(path),
        reason=RejectReason.TOO_LARGE,
        detail=(
            "too large: decompressed data over 500,000 bytes, over the limit of 500,000; split "
            "it into separate articles or raise max_bytes"
        ),
        doc_id="bomb",
    )


@pytest.mark.parametrize("name", ["cut.txt.gz", "cut.jsonl.gz"])
def test_truncated_gzip_is_malformed(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    data = gzip.compress(('{"text": "Talks held."}\n' * 2000).encode())
    path.write_bytes(data[: len(data) // 2])
    items = list(read_inputs([path]))
    assert items[-1] == Rejection(
        origin=str(path),
        reason=RejectReason.MALFORMED,
        detail=(
            "malformed gzip (Compressed file ended before the end-of-stream marker was "
            "reached); the file is truncated or not gzip: fetch it again, or check it with "
            "`gzip -t`"
        ),
        doc_id="cut",
    )


def test_not_gzip_despite_name_is_malformed(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt.gz"
    path.write_text("Talks held.", encoding="utf-8")
    item = _one([path])
    assert isinstance(item, Rejection)
    assert (item.reason, item.detail.startswith("malformed gzip (Not a gzipped file")) == (
        RejectReason.MALFORMED,
        True,
    )


def test_directory_reads_good_files_and_rejects_bad_ones(tmp_path: Path) -> None:
    (tmp_path / "a_good.txt").write_text(f"Talks resume\n{ENGLISH}", encoding="utf-8")
    (tmp_path / "b_report.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    (tmp_path / "c_empty.txt").write_bytes(b"")
    (tmp_path / "d_blank.txt").write_text(" \n\t\n", encoding="utf-8")
    line = ENGLISH + "\n"
    with (tmp_path / "e_huge.txt").open("w", encoding="utf-8") as handle:
        handle.write(line * (10_000_000 // len(line) + 1))
    (tmp_path / "f_image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "g_noise.bin").write_bytes(bytes(range(32)) * 20)
    (tmp_path / ".hidden.txt").write_text(ENGLISH, encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "a_good.txt").write_text(f"Other talks\n{ENGLISH} Again.", encoding="utf-8")
    (tmp_path / "h_feed.rss").write_text("<rss></rss>", encoding="utf-8")
    items = list(read_inputs([tmp_path]))
    assert _summary(items) == [
        (str(tmp_path / "a_good.txt"), "a_good"),
        (str(tmp_path / "b_report.pdf"), "binary"),
        (str(tmp_path / "c_empty.txt"), "empty"),
        (str(tmp_path / "d_blank.txt"), "empty"),
        (str(tmp_path / "e_huge.txt"), "too_large"),
        (str(tmp_path / "f_image.png"), "binary"),
        (str(tmp_path / "g_noise.bin"), "binary"),
        (str(tmp_path / "h_feed.rss"), "unsupported"),
        (str(sub / "a_good.txt"), "a_good"),
    ]
    details = {item.origin: item.detail for item in items if isinstance(item, Rejection)}
    assert details[str(tmp_path / "b_report.pdf")] == (
        "binary: not text (found PDF bytes); convert it to text or HTML first"
    )
    assert details[str(tmp_path / "g_noise.bin")] == (
        "binary: not text (more than 10% control bytes); convert it to text or HTML first"
    )
    size = (tmp_path / "e_huge.txt").stat().st_size
    assert details[str(tmp_path / "e_huge.txt")] == (
        f"too large: {size:,} bytes of file, over the limit of 8,000,000; split it into "
        "separate articles or raise max_bytes"
    )
    assert details[str(tmp_path / "c_empty.txt")] == (
        "empty: the file has no text; check that it holds the article itself"
    )


def test_sparse_200mb_file_is_rejected_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "sparse.txt"
    with path.open("wb") as handle:
        handle.truncate(200_000_000)
    assert _one([path]) == Rejection(
        origin=str(path),
        reason=RejectReason.TOO_LARGE,
        detail=(
            "too large: 200,000,000 bytes of file, over the limit of 8,000,000; split it into "
            "separate articles or raise max_bytes"
        ),
        doc_id="sparse",
    )


def test_decoded_text_over_max_bytes_is_too_large(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("x" * 300, encoding="utf-8")
    assert _one([path], ReadOptions(max_bytes=100)) == Rejection(
        origin=str(path),
        reason=RejectReason.TOO_LARGE,
        detail=(
            "too large: 300 bytes of text, over the limit of 100; split it into separate "
            "articles or raise max_bytes"
        ),
        doc_id="long",
    )


def test_symlink_loop_terminates(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "inner").mkdir(parents=True)
    (root / "inner" / "story.txt").write_text(ENGLISH, encoding="utf-8")
    os.symlink(root, root / "inner" / "back")
    os.symlink(root / "inner", root / "again")
    os.symlink(tmp_path / "nowhere.txt", root / "broken.txt")
    items = list(read_inputs([root]))
    assert _summary(items) == [
        (str(root / "again" / "story.txt"), "story"),
        (str(root / "broken.txt"), "unreadable"),
    ]


def test_missing_path_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "missing.txt"
    assert _one([path]) == Rejection(
        origin=str(path),
        reason=RejectReason.UNREADABLE,
        detail="unreadable: no such file or folder (or a broken link); check the path",
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    path.chmod(0)
    try:
        item = _one([path])
    finally:
        path.chmod(0o644)
    assert item == Rejection(
        origin=str(path),
        reason=RejectReason.UNREADABLE,
        detail="unreadable: permission denied; give bilat read access (chmod +r) or copy it",
    )


def test_stdin_text() -> None:
    stream = io.StringIO(f"Talks resume\ndate 2024-05-06\n{ENGLISH}")
    items = list(read_inputs(["-"], stdin=stream))
    text = f"Talks resume\n{ENGLISH}"
    assert items == [
        Document.from_text(
            text,
            title="Talks resume",
            published="2024-05-06",
            date_source=DateSource.TEXT,
            origin="<stdin>",
        )
    ]


def test_stdin_bytes_detects_encoding() -> None:
    stream = io.BytesIO(SMART.encode("cp1252"))
    assert list(read_inputs(["-"], stdin=stream)) == [Document.from_text(SMART, origin="<stdin>")]


@pytest.mark.parametrize("binary", [True, False])
def test_stdin_jsonl(binary: bool) -> None:
    data = '{"id": "s1", "text": "Talks held."}\nnot json\n{"id": "s2", "text": "Ended."}\n'
    stream: io.StringIO | io.BytesIO = io.BytesIO(data.encode()) if binary else io.StringIO(data)
    items = list(read_inputs(["-"], stdin=stream))
    assert _summary(items) == [
        ("<stdin>:1", "s1"),
        ("<stdin>:2", "malformed"),
        ("<stdin>:3", "s2"),
    ]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "Le ministre des affaires étrangères a rencontré son homologue à Paris pour parler "
            "de la coopération économique et de la sécurité dans la région, selon un communiqué "
            "publié lundi soir par le ministère.",
            "only 3% of its words are common English words (English prose has at least 15%) "
            "and 33% are function words of other languages",
        ),
        (
            "Der Außenminister hat sich am Montag in Berlin mit seinem Amtskollegen getroffen, "
            "um über die wirtschaftliche Zusammenarbeit und die Sicherheit in der Region zu "
            "sprechen, teilte das Ministerium mit.",
            "only 7% of its words are common English words (English prose has at least 15%) "
            "and 28% are function words of other languages",
        ),
        (
            "وزیر خارجہ نے پیر کو اپنے ہم منصب سے ملاقات کی۔",
            "100% of its letters are in ARABIC script",
        ),
        ("两国外长周一举行会谈。", "100% of its letters are in CJK script"),
    ],
    ids=["french", "german", "urdu", "chinese"],
)
def test_not_english_is_rejected(text: str, reason: str) -> None:
    assert read_text(text, doc_id="f1") == Rejection(
        origin="<text>",
        reason=RejectReason.NOT_ENGLISH,
        detail=(
            f"not English: {reason}; bilat codes English text only, so translate it first (or "
            "set check_language=False if it is English)"
        ),
        doc_id="f1",
    )


def test_short_latin_text_and_results_tables_are_english() -> None:
    table = "Results on Sunday: " + " ".join(f"Team{n} {n % 3} Club{n} {n % 2}" for n in range(20))
    assert check_english("Bonjour Paris").english is True
    assert check_english(table).english is True
    assert check_english(ENGLISH).english is True


def test_language_check_can_be_turned_off() -> None:
    doc = read_text("两国外长周一举行会谈。", options=ReadOptions(check_language=False))
    assert isinstance(doc, Document)
    assert doc.text == "两国外长周一举行会谈。"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T10:00:00Z", "2024-03-05"),
        ("2024-03-05 10:00", "2024-03-05"),
        ("Tue, 05 Mar 2024 10:00:00 GMT", "2024-03-05"),
        ("March 5, 2024", "2024-03-05"),
        ("5 March 2024", "2024-03-05"),
        ("2024/03/05", "2024-03-05"),
        ("20240305", "2024-03-05"),
        (1709632800, "2024-03-05"),
        ("2024-02-30", None),
        ("05/03/2024", None),
        ("soon", None),
        (None, None),
        (True, None),
        (42, None),
    ],
)
def test_normalise_date(value: object, expected: str | None) -> None:
    assert normalise_date(value) == expected


@pytest.mark.shared
def test_seed_corpus_dates_and_datelines() -> None:
    seeds = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared not present")
    docs = list(read_inputs([seeds]))
    assert [
        (d.id[:3], d.title is not None, d.published, d.dateline)
        for d in docs
        if isinstance(d, Document)
    ] == [
        ("000", True, None, None),
        ("001", True, None, None),
        ("002", False, None, None),
        ("003", False, "2025-04-07", "ISLAMABAD"),
        ("004", False, None, None),
    ]


def test_permission_error_on_open_is_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(ENGLISH, encoding="utf-8")

    def deny(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", deny)
    assert _one([path]) == Rejection(
        origin=str(path),
        reason=RejectReason.UNREADABLE,
        detail="unreadable: permission denied; give bilat read access (chmod +r) or copy it",
    )
