"""Broken settings files and knowledge files: each error names ``file:line`` and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilat.cli import app
from bilat.errors import ConfigError, KnowledgeError
from bilat.knowledge import Knowledge
from bilat.knowledge.loader import Problem, check_file, load_yaml_file
from bilat.settings import SETTINGS, Settings, load_settings

KNOWN = (
    "batch_size, cache_dir, cluster_window_days, db, dedup_max_days, dedup_threshold, fetch_backoff, "
    "fetch_max_bytes, "
    "fetch_retries, fetch_timeout, host, host_delay, knowledge_dirs, max_bytes, "
    "memory_limit, min_confidence, model, port, prefilter, user_agent, watch_interval, workers"
)


def _toml(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "bilat.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("BILAT_CONFIG", "BILAT_DB", "BILAT_BATCH_SIZE", "BILAT_PORT"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'db = "x.duckdb"\nbatch_size = \n',
            "{p}:2: not valid TOML (Invalid value (at line 2, column 14)); fix that line",
        ),
        (
            'db = "x.duckdb"\n\nbatchsize = 3\n',
            f"{{p}}:3: unknown setting(s) batchsize; known: {KNOWN}",
        ),
        (
            'db = "x.duckdb"\n\nbatch_size = "many"\n',
            "setting 'batch_size': Input should be a valid integer, unable to parse string as "
            "an integer (from {p}:3)",
        ),
        ("port = -1\n", "setting 'port': Input should be greater than 0 (from {p}:1)"),
        ("[db]\nx = 1\n", "setting 'db': Input should be a valid string (from {p}:1)"),
        (
            '# mine\nknowledge_dirs = "mine"\n',
            "{p}:2: setting 'knowledge_dirs' must be a list of folder paths, e.g. "
            'knowledge_dirs = ["my_knowledge"]',
        ),
        (
            'knowledge_dirs = ["a", 3]\n',
            "{p}:1: setting 'knowledge_dirs' must be a list of folder paths, e.g. "
            'knowledge_dirs = ["my_knowledge"]',
        ),
        (
            b'model = "x"\ndb = "caf\xe9.duckdb"\n',
            "{p}:2: not UTF-8 (byte 21); save the file as UTF-8",
        ),
    ],
)
def test_config_errors_settings_file_names_file_line_and_fix(
    tmp_path: Path, text: str | bytes, message: str
) -> None:
    path = _toml(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(caught.value) == "[E500] " + message.format(p=path)


def test_config_errors_env_value_is_not_blamed_on_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _toml(tmp_path, "batch_size = 4\n")
    monkeypatch.setenv("BILAT_BATCH_SIZE", "lots")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(caught.value) == (
        "[E500] setting 'batch_size': Input should be a valid integer, unable to parse string "
        f"as an integer (from {path} or BILAT_* env)"
    )


def test_config_errors_cli_prints_the_error_and_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _toml(tmp_path, 'db = "x.duckdb"\nworkers = "two"\n')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["dyads"])
    assert result.exit_code == 1
    assert " ".join(result.output.split()) == (
        "Error: [E500] setting 'workers': Value error, must be auto or a number of processes "
        "from 1 to 64, not 'two' (from bilat.toml:2)"
    )


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        (
            "countries:\n  - iso3: PAK\n    names: [Pakistan\n",
            [
                (
                    4,
                    "not valid YAML (expected ',' or ']', but got '<stream end>'); check indentation "
                    "and quoting",
                )
            ],
        ),
        (
            "countries:\n  - !!python/object:os.system {}\n",
            [
                (
                    2,
                    "cannot read YAML (could not determine a constructor for the tag "
                    "'tag:yaml.org,2002:python/object:os.system'); knowledge files hold plain "
                    "mappings, lists and text, without tags such as !!python/object",
                )
            ],
        ),
        (
            "- a\n- b\n",
            [(1, "top level must map section names to lists")],
        ),
        (
            "sectors: []\nsecters: []\n",
            [
                (
                    2,
                    "unknown section 'secters'; did you mean 'sectors'?",
                )
            ],
        ),
        (
            "sectors: nope\n",
            [(1, "section 'sectors' must be a list of entries")],
        ),
    ],
)
def test_config_errors_knowledge_file_problems_have_lines(
    tmp_path: Path, text: str, problems: list[tuple[int, str]]
) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    assert check_file(path) == [Problem(str(path), line, message) for line, message in problems]
    with pytest.raises(KnowledgeError) as caught:
        load_yaml_file(path)
    assert caught.value.line == problems[0][0]
    assert f"{path}:{problems[0][0]}: {problems[0][1]}" in str(caught.value)


def test_config_errors_knowledge_wrong_types_and_unknown_keys(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "people:\n  - id: x\n    name: 5\n    roles: nope\n    colour: blue\n", encoding="utf-8"
    )
    found = [(p.line, p.message.split(":")[0]) for p in check_file(path)]
    assert (3, "name") in found
    assert (4, "roles") in found
    assert (5, "colour") in found


@pytest.mark.slow
def test_config_errors_bad_user_knowledge_dir_fails_load_with_file_line(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "extra.yaml").write_text("countries:\n  - !mytag {iso3: PAK}\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        Knowledge.load([folder])
    assert f"{folder / 'extra.yaml'}:2: cannot read YAML" in str(caught.value)


def test_config_errors_knowledge_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes(b"countries:\n  - iso3: caf\xe9\n")
    assert check_file(path) == [
        Problem(str(path), 1, "not UTF-8 (byte 24); save the file as UTF-8")
    ]


def test_config_errors_knowledge_check_command_prints_file_line(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("sectors: []\nsecters: []\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["knowledge", "check", str(path)])
    assert result.exit_code == 1
    assert result.output.startswith(f"{path}:2: unknown section 'secters'")


def test_settings_table_derives_from_the_model() -> None:
    # Each default and help is declared once, on the model; the table is read off it.
    defaults = Settings()
    assert [(s.name, s.default) for s in SETTINGS] == [
        (name, getattr(defaults, name)) for name in Settings.model_fields
    ]
    assert [s.name for s in SETTINGS if not s.help] == []
    (workers,) = [s for s in SETTINGS if s.name == "workers"]
    assert Settings.model_fields["workers"].description == workers.help
