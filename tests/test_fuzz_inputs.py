"""Hostile input: property tests over every reader and a folder of nasty files made here.

Every input must come out as a Document or a Rejection with a typed reason and a message;
nothing may raise, hang (each input is timed) or read a huge file into memory (the nasty
folder is read in a child process whose peak RSS is measured).
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import subprocess
import sys
import time
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilat.records import Document, Rejection, RejectReason, content_hash
from bilat.sources import ReadOptions, read_inputs, read_text
from bilat.sources.reader import document_from_bytes
from bilat.sources.tabular import read_csv, read_jsonl

TRIED: Counter[str] = Counter()
SLOWEST: dict[str, float] = {}
MAX_SECONDS = 10.0
"""No single input may take longer than this to read (a hang, under a loaded CI machine)."""

FUZZ = settings(
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SMALL = ReadOptions(max_bytes=3000, max_words=400, max_line_words=120, max_line_chars=900)
OPTIONS = (ReadOptions(), SMALL, ReadOptions(check_language=False, date="2024-02-29"))

PIECES = (
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<script>",
    "</script>",
    "<html>",
    "<body>",
    "<title>",
    "<!--",
    "-->",
    "<![CDATA[",
    "&amp;",
    "&#0;",
    "&#x110000;",
    "&bogus;",
    "\x00",
    "\ufeff",
    "\r\n",
    "\n",
    "\r",
    " ",
    "\t",
    "Pakistan",
    "India",
    "China",
    "held talks with",
    "said",
    "ISLAMABAD:",
    "date 2025-04-07",
    "Monday",
    ".",
    ",",
    '"',
    "{",
    "}",
    "[",
    "]",
    "é",
    "—",
    "\u202e",
    "\ud7ff",
    "\U0001f600",
    "%PDF",
    "PK\x03\x04",
)
FIELDS = ("text", "id", "published", "title", "url", "dateline", "source", "other")
SUFFIXES = (".txt", ".html", ".jsonl", ".csv", ".tsv", ".json", ".md", ".bin", "", ".xml")


def check(items: Iterable[Document | Rejection], options: ReadOptions, kind: str) -> int:
    """Check each item is a well-formed Document or typed Rejection; return how many."""
    count = 0
    for item in items:
        count += 1
        if isinstance(item, Rejection):
            assert isinstance(item.reason, RejectReason)
            assert item.detail.lower().startswith(item.reason.value.replace("_", " ")[:5]) or (
                item.reason is RejectReason.MALFORMED
            ), item.detail
            assert item.origin
        else:
            assert isinstance(item, Document)
            assert item.text
            assert item.text == item.text.strip()
            assert item.content_hash == content_hash(item.text)
            assert "\x00" not in item.text
            assert len(item.text.encode("utf-8")) <= options.max_bytes
            assert len(item.text.split()) <= options.max_words
    TRIED[kind] += 1
    return count


def timed(
    kind: str, run: Iterator[Document | Rejection] | list[Document | Rejection]
) -> list[Document | Rejection]:
    """Drain a reader, recording the slowest input of each kind."""
    began = time.monotonic()
    items = list(run)
    took = time.monotonic() - began
    SLOWEST[kind] = max(SLOWEST.get(kind, 0.0), took)
    assert took < MAX_SECONDS, f"{kind} took {took:.1f}s"
    return items


html_like = st.lists(st.sampled_from(PIECES) | st.text(max_size=12), max_size=80).map("".join)


SCALES = [
    pytest.param(1, id="fast"),
    pytest.param(5, id="full", marks=pytest.mark.slow),
]
"""Each property runs a fifth of its examples by default and all of them in the slow run."""


@pytest.mark.parametrize("scale", SCALES)
def test_fuzz_read_text_never_raises(scale: int) -> None:
    @settings(FUZZ, max_examples=500 * scale)
    @given(text=st.text(max_size=1500) | html_like, which=st.integers(0, 2))
    def run(text: str, which: int) -> None:
        options = OPTIONS[which]
        item = timed("text", (read_text(text, options=options) for _ in "x"))
        assert check(item, options, "text") == 1

    run()


@pytest.mark.parametrize("scale", SCALES)
def test_fuzz_document_from_bytes_never_raises(scale: int) -> None:
    @settings(FUZZ, max_examples=500 * scale)
    @given(data=st.binary(max_size=3000) | html_like.map(lambda s: s.encode("utf-16-le")))
    def run(data: bytes) -> None:
        item = (
            document_from_bytes(data, origin="fuzz.bin", doc_id=None, kind="sniff", options=SMALL)
            for _ in "x"
        )
        assert check(timed("bytes", item), SMALL, "bytes") == 1

    run()


json_value = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=400)
    | html_like
    | st.lists(st.integers(), max_size=3)
    | st.dictionaries(st.text(max_size=3), st.integers(), max_size=2)
)
json_line = (
    st.dictionaries(st.sampled_from(FIELDS), json_value, max_size=6).map(json.dumps)
    | st.text(max_size=200)
    | st.just('{"text": "Pakistan held talks",')
    | st.just("[1, 2, 3]")
)


@pytest.mark.parametrize("scale", SCALES)
def test_fuzz_jsonl_records_each_become_document_or_rejection(scale: int) -> None:
    @settings(FUZZ, max_examples=400 * scale)
    @given(lines=st.lists(json_line, min_size=1, max_size=6))
    def run(lines: list[str]) -> None:
        stream = [line.replace("\n", " ") + "\n" for line in lines]
        items = timed("jsonl", read_jsonl(stream, name="fuzz.jsonl", options=SMALL))
        assert check(items, SMALL, "jsonl") == sum(1 for line in stream if line.strip())

    run()


csv_text = st.text(alphabet=',;\t"\n\r\x00 abcPakistan held talks\u00e9\ufeff', max_size=600)


@pytest.mark.parametrize("scale", SCALES)
def test_fuzz_csv_never_raises(scale: int) -> None:
    @settings(FUZZ, max_examples=400 * scale)
    @given(body=csv_text, header=st.sampled_from(["id,text\n", "text\n", "id;text\n", "", "a,b\n"]))
    def run(body: str, header: str) -> None:
        stream = io.StringIO(header + body, newline="")
        check(timed("csv", read_csv(stream, name="fuzz.csv", options=SMALL)), SMALL, "csv")

    run()


@pytest.mark.parametrize("scale", SCALES)
def test_fuzz_files_never_raise(scale: int, tmp_path: Path) -> None:
    @settings(FUZZ, max_examples=300 * scale)
    @given(
        data=st.binary(max_size=2000) | html_like.map(str.encode),
        suffix=st.sampled_from(SUFFIXES),
        packing=st.sampled_from(["plain", "gzip", "truncated"]),
    )
    def run(data: bytes, suffix: str, packing: str) -> None:
        path = tmp_path / f"case{TRIED['files']}{suffix}"
        if packing != "plain":
            data = gzip.compress(data)
            if packing == "truncated":
                data = data[: len(data) // 2]
            path = path.with_name(path.name + ".gz")
        path.write_bytes(data)
        check(timed("files", read_inputs([path], SMALL)), SMALL, "files")
        path.unlink()

    run()


@pytest.mark.parametrize("scale", SCALES)
def test_fuzz_stdin_never_raises(scale: int) -> None:
    @settings(FUZZ, max_examples=200 * scale)
    @given(data=st.binary(max_size=2000) | json_line.map(str.encode))
    def run(data: bytes) -> None:
        items = timed("stdin", read_inputs(["-"], SMALL, stdin=io.BytesIO(data)))
        check(items, SMALL, "stdin")

    run()


MB = 1 << 20
ENGLISH = "Pakistan and China held talks in Beijing on Monday, officials said.\n"


def _chunks(first: bytes, fill: bytes, total: int, last: bytes = b"") -> Iterator[bytes]:
    """Yield a file's bytes a megabyte at a time, so a 200 MB file never sits in memory."""
    yield first
    block = fill * (MB // len(fill))
    written = len(first)
    while written < total:
        yield block
        written += len(block)
    yield last


def _write(path: Path, chunks: Iterable[bytes], *, gzipped: bool = False) -> None:
    if gzipped:
        with gzip.open(path, "wb", compresslevel=1) as handle:
            for chunk in chunks:
                handle.write(chunk)
        return
    with path.open("wb") as handle:
        for chunk in chunks:
            handle.write(chunk)


def make_nasty(folder: Path) -> dict[str, str]:
    """Write the nasty files and return what each should become: a reason, or "document"."""
    english = ENGLISH.encode()
    (folder / "empty.txt").write_bytes(b"")
    packed = gzip.compress(ENGLISH.encode() + os.urandom(3000).hex().encode())
    (folder / "truncated.txt.gz").write_bytes(packed[: len(packed) // 2])
    _write(folder / "bomb.txt.gz", _chunks(b"", b"\0", 200 * MB), gzipped=True)
    _write(folder / "bomb.json.gz", _chunks(b'{"text": "', b"a", 200 * MB, b'"}'), gzipped=True)
    _write(folder / "line.jsonl.gz", _chunks(b'{"text": "', b"b", 200 * MB, b'"}\n'), gzipped=True)
    _write(folder / "line.txt", _chunks(b"", b"word ", 200 * MB))
    _write(folder / "line.jsonl", _chunks(b'{"text": "', b"word ", 200 * MB, b'"}\n'))
    _write(folder / "line.csv", _chunks(b'id,text\n1,"', b"word ", 200 * MB, b'"\n'))
    (folder / "nul.txt").write_bytes(english.replace(b" ", b" \0") * 3)
    (folder / "few_nul.txt").write_bytes(english.replace(b"\n", b"\0\n") * 3)
    (folder / "mostly_nul.txt").write_bytes(b"\0" * 500 + english)
    (folder / "invalid_utf8.txt").write_bytes(english + b"\xff\xfe\xc3\x28 " + english)
    mixed = "The café talks, said Pakistan’s envoy.\n"
    (folder / "mixed.txt").write_bytes(mixed.encode() + mixed.encode("cp1252") + english)
    (folder / "utf16.txt").write_bytes((ENGLISH * 3).encode("utf-16-le"))
    (folder / "utf16be.txt").write_bytes(codecs.encode(ENGLISH * 3, "utf-16-be"))
    nested = "<div>" * 50_000 + ENGLISH + "</div>" * 50_000
    (folder / "nested.html").write_text(f"<html><body>{nested}</body></html>", encoding="utf-8")
    (folder / "scripts.html").write_text(
        "<html><head><script>alert('x')</script><style>p{}</style></head><body><p>"
        + ENGLISH.replace("and", "&amp; &#0; &#x110000; &bogus;")
        + "</p><script>document.write('<p>hidden')</script></body></html>",
        encoding="utf-8",
    )
    (folder / "entities.html").write_text(
        "<html><body><p>Pakistan " + "&amp; &#x41; &lt;b&gt; " * 10_000 + "</p></body></html>",
        encoding="utf-8",
    )
    broken = [
        json.dumps({"id": "ok", "text": ENGLISH}),
        '{"id": "cut", "text": "Pakistan',
        "[1, 2]",
        json.dumps({"id": "num", "text": 5}),
        json.dumps({"id": "null", "text": None}),
        json.dumps({"id": {"nested": 1}, "text": ENGLISH, "published": ["x"]}),
        json.dumps({"id": "huge", "text": "talks. " * 400_000}),
        "",
    ]
    (folder / "broken.jsonl").write_text("\n".join(broken) + "\n", encoding="utf-8")
    (folder / "quoting.csv").write_text(
        'id,text\n1,"unclosed quote, Pakistan held talks\n2,Second row."\n3,"a"b"c",x\n',
        encoding="utf-8",
    )
    (folder / "nul.csv").write_bytes(b"id,text\n1,Pakistan\0 held talks with India.\n")
    (folder / "fake.txt").write_bytes(b"%PDF-1.7\n" + english)
    loop = folder / "loop"
    loop.mkdir()
    (loop / "self").symlink_to(loop)
    (loop / "knot.txt").symlink_to(loop / "knot.txt")
    (loop / "ok.txt").write_bytes(english)
    return {
        "empty.txt": "empty",
        "truncated.txt.gz": "malformed",
        "bomb.txt.gz": "too_large",
        "bomb.json.gz": "too_large",
        "line.jsonl.gz:1": "too_large",
        "line.txt": "too_large",
        "line.jsonl:1": "too_large",
        "line.csv:2": "too_large",
        "nul.txt": "binary",
        "few_nul.txt": "document",
        "mostly_nul.txt": "binary",
        "invalid_utf8.txt": "document",
        "mixed.txt": "document",
        "utf16.txt": "document",
        "utf16be.txt": "document",
        "nested.html": "document",
        "scripts.html": "document",
        "entities.html": "too_large",
        "broken.jsonl:1": "document",
        "broken.jsonl:2": "malformed",
        "broken.jsonl:3": "malformed",
        "broken.jsonl:4": "malformed",
        "broken.jsonl:5": "malformed",
        "broken.jsonl:6": "document",
        "broken.jsonl:7": "too_large",
        "quoting.csv:2": "document",
        "quoting.csv:4": "malformed",
        "nul.csv:2": "document",
        "fake.txt": "binary",
        "loop/knot.txt": "unreadable",
        "loop/ok.txt": "document",
    }


READ_NASTY = """
import json, sys
from pathlib import Path
from bilat.records import Rejection
from bilat.sources import read_inputs
def peak():
    # VmHWM, unlike ru_maxrss, starts afresh at exec instead of carrying the parent's peak.
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0
before = peak()
root = Path(sys.argv[1])
found = {}
texts = {}
for item in read_inputs([root]):
    origin = (item.origin or "").replace(str(root) + "/", "")
    found[origin] = item.reason.value if isinstance(item, Rejection) else "document"
    if not isinstance(item, Rejection):
        texts[origin] = item.text[:200]
after = peak()
print(json.dumps({"found": found, "texts": texts, "rss_kb": [before, after]}))
"""


@pytest.fixture(scope="module")
def nasty(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], dict[str, object]]:
    """Make the nasty folder, read it in a child process, and return expected and found."""
    folder = tmp_path_factory.mktemp("nasty")
    expected = make_nasty(folder)
    began = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", READ_NASTY, str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    result["seconds"] = time.monotonic() - began
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink() and path.stat().st_size > MB:
            path.unlink()
    return expected, result


@pytest.mark.slow
def test_fuzz_nasty_files_each_get_the_expected_outcome(
    nasty: tuple[dict[str, str], dict[str, object]],
) -> None:
    expected, result = nasty
    TRIED["nasty"] += len(expected)
    assert result["found"] == expected


@pytest.mark.slow
def test_fuzz_nasty_files_are_read_in_bounded_memory(
    nasty: tuple[dict[str, str], dict[str, object]],
) -> None:
    _, result = nasty
    rss = result["rss_kb"]
    assert isinstance(rss, list)
    before, after = int(rss[0]), int(rss[1])
    # The folder holds six files of 200 MB (on disk or decompressed); reading them may cost
    # no more than the 20 MB cap on a whole .json file, parsed.
    print(f"\nnasty files: peak RSS {before // 1024} MB -> {after // 1024} MB")
    assert after - before < 150 * 1024, f"peak RSS grew by {(after - before) // 1024} MB"


@pytest.mark.slow
def test_fuzz_nasty_files_keep_text_and_drop_scripts(
    nasty: tuple[dict[str, str], dict[str, object]],
) -> None:
    _, result = nasty
    texts = result["texts"]
    assert isinstance(texts, dict)
    assert texts["utf16.txt"].startswith(ENGLISH.strip())
    assert texts["few_nul.txt"].startswith(ENGLISH)
    assert texts["nested.html"] == ENGLISH.strip()
    assert "alert" not in texts["scripts.html"]
    assert "hidden" not in texts["scripts.html"]
    assert texts["mixed.txt"].startswith("The café talks, said Pakistan’s envoy.\nThe café")


def test_fuzz_unreadable_folder_and_file_are_rejected_as_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "secret.txt").write_text(ENGLISH, encoding="utf-8")
    real_scandir, real_open = os.scandir, Path.open

    def scandir(path: object) -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[call-overload]

    def opener(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    # Root reads files whatever their mode, so permission errors are simulated.
    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(Path, "open", opener)
    items = list(read_inputs([tmp_path]))
    assert [(Path(i.origin or "").name, getattr(i, "reason", None)) for i in items] == [
        ("locked", RejectReason.UNREADABLE),
        ("secret.txt", RejectReason.UNREADABLE),
    ]
    assert all("permission denied" in i.detail for i in items if isinstance(i, Rejection))
    TRIED["nasty"] += 2


def test_fuzz_overlong_lines_are_refused_before_parsing() -> None:
    words = " ".join(["talks"] * 6000)
    item = read_text(f"Pakistan held talks.\n{words}\n")
    assert isinstance(item, Rejection)
    assert item.reason is RejectReason.TOO_LARGE
    assert item.detail == (
        "too large: line 2 has 6,000 words without a line break, over the limit of 5,000; "
        "break it into paragraphs"
    )
    TRIED["nasty"] += 1


def test_fuzz_zlib_bomb_ratio_is_refused_at_the_cap(tmp_path: Path) -> None:
    bomb = tmp_path / "z.txt.gz"
    bomb.write_bytes(gzip.compress(b"a " * (12 * MB)))
    assert len(zlib.compress(b"a " * MB)) < MB // 100
    [item] = read_inputs([bomb])
    assert isinstance(item, Rejection)
    assert item.detail == (
        "too large: decompressed data over 10,000,000 bytes, over the limit of 10,000,000; "
        "split it into separate articles or raise max_bytes"
    )
    TRIED["nasty"] += 1


def test_fuzz_total_inputs_tried_counts_every_generated_input() -> None:
    total = sum(TRIED.values())
    if TRIED["text"] == 0 or TRIED["files"] == 0:
        pytest.skip("run the whole module to count the inputs")
    print(f"\nfuzz inputs: {total} {dict(TRIED)}; slowest (s): {SLOWEST}")
    full = TRIED["text"] > 500
    # 2,300 inputs a property run by default; 13,800 with the slow variants (CI runs both).
    assert total >= (10_000 if full else 2_000)
