"""Every ``bilat`` command of README.md runs on a store of the bundled examples.

The commands are read out of README.md itself, so the two cannot drift: each line of a ``sh``
block that starts with ``bilat`` is one command. ``a|b|c`` alternatives are run one by one,
an optional ``[…]`` part without and with it, and the README's placeholders (``DOC_ID``,
``ARTICLES/``…) stand for real files and ids. Each must exit 0 without a traceback, and print
something (or write its ``-o`` file) when its comment promises output.
"""

from __future__ import annotations

import importlib
import json
import re
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilat.cli import app
from bilat.store import EventQuery, open_store

README = Path(__file__).resolve().parents[1] / "README.md"

# Commands the test cannot run offline or in bounded time, and why; each must stay in README.
SKIPPED = {
    "bilat watch --interval 15m": "polls the network until stopped",
    "bilat serve --db bilat.duckdb [--token SECRET]": "a server; tests/test_screenshots.py runs it",
    "bilat serve --db bilat.duckdb [--watch --interval 15m]": (
        "a server; tests/test_live_processes.py runs it with --watch"
    ),
}

_ALTERNATIVES = re.compile(r"[^\s|\[\]]+(?:\|[^\s|\[\]]+)+")
_OPTIONAL = re.compile(r"\[(--[^\[\]]*)\]")


def readme_commands(text: str) -> list[str]:
    """Return the ``bilat`` commands of a README's ``sh`` blocks, comments removed.

    Args:
        text: The README.

    Returns:
        One command per line starting with ``bilat`` (also after ``&&``), in order.
    """
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.DOTALL):
        for line in block.splitlines():
            code = re.split(r"\s{2,}#|\s#\s", line)[0].strip()
            for part in code.split("&&"):
                part = part.strip()
                if part.startswith("bilat "):
                    commands.append(part)
    return commands


def _each_alternative(line: str, within: tuple[int, int] | None = None) -> list[str]:
    """Return a line once per alternative of each ``a|b`` group, others at their first.

    Only groups inside ``within`` (a character span) are expanded when it is given.
    """
    groups = list(_ALTERNATIVES.finditer(line))
    expand = [
        g for g in groups if within is None or (within[0] <= g.start() and g.end() <= within[1])
    ]

    def pick(chosen: re.Match[str] | None, choice: str) -> str:
        out, at = [], 0
        for g in groups:
            out += [line[at : g.start()], choice if g is chosen else g.group().split("|")[0]]
            at = g.end()
        return "".join([*out, line[at:]])

    if not expand:
        return [pick(None, "")]
    return [pick(g, choice) for g in expand for choice in g.group().split("|")]


def variants(command: str) -> list[str]:
    """Return the runs of a README command: each alternative once, each optional part once.

    Args:
        command: A README command such as ``bilat dyads [--directed]``.

    Returns:
        The commands to run, without duplicates, in order: the command without its optional
        parts (each alternative in turn), then with each optional part alone (each of the
        part's alternatives in turn, the rest at their first).
    """
    runs = _each_alternative(_OPTIONAL.sub("", command))
    for kept in _OPTIONAL.finditer(command):
        line, at = "", 0
        for part in _OPTIONAL.finditer(command):
            line += command[at : part.start()]
            if part.start() == kept.start():
                start = len(line)
                line += part.group(1)
                span = (start, len(line))
            at = part.end()
        line += command[at:]
        runs += _each_alternative(line, span)
    found: list[str] = []
    for run in runs:
        run = " ".join(run.split())
        if run not in found:
            found.append(run)
    return found


def test_variants_expand_alternatives_and_optional_parts() -> None:
    assert variants("bilat dyads [--directed]") == ["bilat dyads", "bilat dyads --directed"]
    assert variants("bilat x --format a|b [--what c|d] [--all] -o F") == [
        "bilat x --format a -o F",
        "bilat x --format b -o F",
        "bilat x --format a --what c -o F",
        "bilat x --format a --what d -o F",
        "bilat x --format a --all -o F",
    ]


def test_readme_commands_are_read_from_the_sh_blocks() -> None:
    commands = readme_commands(README.read_text(encoding="utf-8"))
    assert commands[0] == "bilat ingest ARTICLES/ feed.jsonl page.html --db bilat.duckdb"
    assert "bilat spark run docs.jsonl out/ --master local[2]" in commands
    assert set(SKIPPED) <= set(commands)


@pytest.fixture(scope="module")
def workdir(examples_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a directory holding a copy of the examples store and the README's input files."""
    work = tmp_path_factory.mktemp("readme")
    shutil.copy(examples_db, work / "bilat.duckdb")
    articles = work / "ARTICLES"
    articles.mkdir()
    (articles / "note.txt").write_text(
        "Pakistan and Iran agree to reopen border markets\ndate 2025-06-02\n\n"
        "Pakistan and Iran agreed on Monday to reopen two border markets.\n",
        encoding="utf-8",
    )
    (work / "today").mkdir()
    (work / "today" / "visit.txt").write_text(
        "Nepal's foreign minister arrived in New Delhi on Monday for talks.\n", encoding="utf-8"
    )
    (work / "feed.jsonl").write_text(
        json.dumps({"id": "f1", "published": "2025-06-03", "text": "India criticised Nepal."})
        + "\n",
        encoding="utf-8",
    )
    (work / "page.html").write_text(
        "<html><head><title>Turkey hosts talks</title></head><body><article><p>Turkey "
        "hosted talks between Pakistan and Afghanistan in Istanbul on Saturday.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    (work / "docs.jsonl").write_text(
        json.dumps({"id": "s1", "text": "China praised Pakistan on Friday."}) + "\n",
        encoding="utf-8",
    )
    (work / "my_people.yaml").write_text(
        "people:\n  - id: test-envoy\n    name: Test Envoy\n    country: PAK\n    aliases: [Envoy Test]\n"
        "    roles:\n      - {office: ambassador, country: PAK, start: 2024-01-01}\n",
        encoding="utf-8",
    )
    (work / "bilat.toml").write_text(
        '[[alerts]]\nname = "conflict"\nquad_classes = [4]\n', encoding="utf-8"
    )
    with open_store(work / "bilat.duckdb", read_only=True) as store:
        event = store.events(EventQuery(dyad=("PAK", "USA"), limit=1))[0]
        gold = [
            {"doc": e.doc_id, "id": e.id, "text": e.sentence, "codes": [e.cameo],
             "source": e.source.code, "target": e.target.code if e.target else None}
            for e in store.events(EventQuery(dyad=("PAK", "USA")))
        ]  # fmt: skip
    (work / "GOLD.jsonl").write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
    (work / "GOLD.petr2.xml").write_text(
        '<Sentences>\n<Sentence date="20250102" id="s1" sentence="true">\n'
        "<Text>India condemned Pakistan on Thursday.</Text>\n"
        '<EventCoding sentenceid="s1" eventcode="122" sourcecode="IND" targetcode="PAK">'
        "</EventCoding>\n</Sentence>\n</Sentences>\n",
        encoding="utf-8",
    )
    plover = [{"id": "p1", "date": "2025-01-02", "text": "India met Pakistan on Thursday.",
               "event": "CONSULT", "source": "IND", "target": "PAK"}]  # fmt: skip
    (work / "GOLD.plover.json").write_text(json.dumps(plover), encoding="utf-8")
    (work / "ids.json").write_text(json.dumps({"event": event.id, "doc": event.doc_id}))
    return work


def _placeholders(command: str, work: Path, postgres: str | None) -> str:
    ids = json.loads((work / "ids.json").read_text())
    words = {
        "EVENT_ID": ids["event"],
        "DOC_ID": ids["doc"],
        "--sentence N": "--sentence 1",
        "-o FILE": "-o out.file",
        '"…"': '"checked by hand"',
    }
    for fmt, gold in (("petr2", "GOLD.petr2.xml"), ("plover", "GOLD.plover.json")):
        if f"--gold-format {fmt}" in command:
            words["GOLD.jsonl"] = gold
    for word, value in words.items():
        command = command.replace(word, value)
    if postgres is not None:
        command = command.replace("postgresql://user@host/bilat", postgres)
    return command


def _runs() -> Iterator[tuple[str, str]]:
    for command in readme_commands(README.read_text(encoding="utf-8")):
        if command in SKIPPED:
            continue
        for run in variants(command):
            yield command, run


RUNS = list(_runs())


def _weasyprint_loads() -> bool:
    """Return whether WeasyPrint imports: it opens Pango, a Debian library, when imported."""
    try:
        importlib.import_module("weasyprint")
    except (ImportError, OSError):
        return False
    return True


@pytest.mark.slow
@pytest.mark.parametrize(("command", "run"), RUNS, ids=[run for _, run in RUNS])
def test_readme_command_runs_on_the_examples(
    command: str,
    run: str,
    workdir: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    postgres = request.getfixturevalue("postgres_url") if "postgresql://" in run else None
    if "--format pdf" in run and not _weasyprint_loads():
        pytest.skip("a PDF brief needs WeasyPrint's Pango libraries (scripts/install-system-deps)")
    if run.startswith("bilat spark run") and shutil.which("java") is None:
        pytest.skip("Spark needs a Java runtime (scripts/install-system-deps)")
    monkeypatch.chdir(workdir)
    line = _placeholders(run, workdir, postgres)
    args = shlex.split(line)[1:]
    output = workdir / "out.file"
    output.unlink(missing_ok=True)
    result = CliRunner().invoke(app, args, env={"COLUMNS": "100"})
    text = result.output
    assert "Traceback" not in text
    assert result.exit_code == 0, f"{line}\n{text}"
    wrote = "-o " in line or "--output" in line
    promised = README.read_text(encoding="utf-8").split(command, 1)[1].split("\n", 1)[0]
    if wrote:
        target = Path(shlex.split(line)[shlex.split(line).index("-o") + 1])
        assert target.exists(), line
        assert target.stat().st_size > 0, line
    elif "#" in promised:
        assert text.strip(), f"{line} printed nothing; README says{promised}"
