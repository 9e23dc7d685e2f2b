"""Knowledge files refuse a key or an entry written twice, and warn about shared aliases."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilat.cli import app
from bilat.errors import KnowledgeError
from bilat.events.patterns import check_patterns
from bilat.knowledge import BUNDLED, knowledge_files
from bilat.knowledge.loader import (
    Problem,
    alias_clashes,
    check_aliases,
    check_file,
    load_yaml,
    load_yaml_file,
)

# Fictional people, so that no bundled entry can be what a test finds.
TWO_ENDS = """people:
  - id: rehan-kasi
    name: Rehan Kasi
    country: PAK
    roles:
      - office: foreign_minister
        country: PAK
        start: 2031-01-01
        end: 2031-06-30
        end: 2032-06-30
"""

TWO_PEOPLE_SECTIONS = """people:
  - {id: rehan-kasi, name: Rehan Kasi, country: PAK}
people:
  - {id: noor-bakhtiar, name: Noor Bakhtiar, country: PAK}
"""

NAMES_AS_KEYS = """seats:
  Rehan Kasi: Islamabad
  Noor Bakhtiar: Lahore
  Rehan Kasi: Karachi
"""

FLOW_TWICE = """people:
  - id: rehan-kasi
    name: Rehan Kasi
    country: PAK
    roles:
      - {office: foreign_minister, country: PAK, start: 2031-01-01, start: 2032-01-01}
"""

MERGE_OVERRIDE = """base: &base {office: foreign_minister, country: PAK, start: 2031-01-01}
role:
  <<: *base
  start: 2032-01-01
"""

TWO_ENTRIES = """people:
  - id: rehan-kasi
    name: Rehan Kasi
    country: PAK
  - id: noor-bakhtiar
    name: Noor Bakhtiar
    country: PAK
  - id: rehan-kasi
    name: Rehan Kasi
    country: PAK
    roles:
      - {office: foreign_minister, country: PAK, start: 2031-01-01}
"""

ORGANISATIONS = """organisations:
  - {code: PAKNGO, name: Indus Delta Trust, kind: ngo}
  - {code: PAKNGO, name: Makran Coast Forum, kind: ngo}
  - {code: PAKNGO, name: Indus Delta Trust, kind: ngo, aliases: [IDT]}
"""

SHARED_ALIAS = """people:
  - id: rehan-kasi
    name: Rehan Kasi
    aliases: [Kasi, FM Kasi]
    country: PAK
    roles:
      - {office: foreign_minister, country: PAK, start: 2031-01-01}
  - id: sabir-kasi
    name: Sabir Kasi
    aliases: [Kasi]
    country: PAK
    roles:
      - {office: army_chief, country: PAK, start: 2030-05-01, end: 2033-05-01}
"""

# Same alias, but never in office together in one country: a shared surname, left alone.
SHARED_SURNAME = """people:
  - id: rehan-kasi
    name: Rehan Kasi
    aliases: [Kasi]
    country: PAK
    roles:
      - {office: foreign_minister, country: PAK, start: 2031-01-01}
  - id: sabir-kasi
    name: Sabir Kasi
    aliases: [Kasi]
    country: PAK
    roles:
      - {office: army_chief, country: PAK, start: 2020-01-01, end: 2031-01-01}
  - id: liu-kasi
    name: Liu Kasi
    aliases: [kasi]
    country: CHN
    roles:
      - {office: foreign_minister, country: CHN, start: 2031-01-01}
"""


def _write(tmp_path: Path, text: str, name: str = "mine.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_yaml_duplicate_key_names_both_lines() -> None:
    with pytest.raises(KnowledgeError) as caught:
        load_yaml(TWO_ENDS, "people_core.yaml")
    error = caught.value
    assert (error.file, error.line, error.message) == (
        "people_core.yaml",
        10,
        "duplicate key 'end' (first at line 9); remove one",
    )
    assert str(error) == (
        "[E200] people_core.yaml:10: duplicate key 'end' (first at line 9); remove one"
    )


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (TWO_PEOPLE_SECTIONS, 3, "duplicate key 'people' (first at line 1); remove one"),
        (NAMES_AS_KEYS, 4, "duplicate key 'Rehan Kasi' (first at line 2); remove one"),
        (FLOW_TWICE, 6, "duplicate key 'start' (first at line 6); remove one"),
    ],
)
def test_load_yaml_duplicate_key_at_any_depth(text: str, line: int, message: str) -> None:
    with pytest.raises(KnowledgeError) as caught:
        load_yaml(text, "mine.yaml")
    assert (caught.value.file, caught.value.line, caught.value.message) == (
        "mine.yaml",
        line,
        message,
    )


def test_load_yaml_merge_key_may_be_overridden() -> None:
    data = load_yaml(MERGE_OVERRIDE, "mine.yaml")
    assert data["role"] == {"office": "foreign_minister", "country": "PAK", "start": "2032-01-01"}


def test_load_yaml_distinct_keys_load() -> None:
    assert load_yaml("a: 1\nb: {a: 2, b: 3}\n", "mine.yaml") == {"a": 1, "b": {"a": 2, "b": 3}}


def test_check_file_duplicate_key_is_a_file_line_problem(tmp_path: Path) -> None:
    path = _write(tmp_path, TWO_ENDS)
    assert check_file(path) == [
        Problem(str(path), 10, "duplicate key 'end' (first at line 9); remove one")
    ]


def test_cli_knowledge_check_duplicate_key_fails(tmp_path: Path) -> None:
    path = _write(tmp_path, TWO_ENDS)
    result = CliRunner().invoke(app, ["knowledge", "check", str(path)])
    assert result.exit_code == 1
    assert result.stdout == f"{path}:10: duplicate key 'end' (first at line 9); remove one\n"


def test_check_file_duplicate_person_id_names_first_line(tmp_path: Path) -> None:
    path = _write(tmp_path, TWO_ENTRIES)
    assert check_file(path) == [
        Problem(
            str(path),
            8,
            "duplicate people entry with id 'rehan-kasi' (first at line 2); "
            "remove one or merge them",
        )
    ]


def test_load_yaml_file_duplicate_person_id_raises(tmp_path: Path) -> None:
    path = _write(tmp_path, TWO_ENTRIES)
    with pytest.raises(KnowledgeError) as caught:
        load_yaml_file(path)
    assert caught.value.message == (
        f"{path}:8: duplicate people entry with id 'rehan-kasi' (first at line 2); "
        "remove one or merge them"
    )


def test_check_file_duplicate_organisation_needs_code_and_name(tmp_path: Path) -> None:
    path = _write(tmp_path, ORGANISATIONS)
    assert [str(p) for p in check_file(path)] == [
        f"{path}:4: duplicate organisations entry with code 'PAKNGO' and name "
        "'Indus Delta Trust' (first at line 2); remove one or merge them"
    ]


def test_alias_clashes_shared_alias_in_office_together_warns(tmp_path: Path) -> None:
    path = _write(tmp_path, SHARED_ALIAS)
    assert [str(p) for p in alias_clashes([path])] == [
        f"{path}:10: warning: 'Kasi' names both 'sabir-kasi' and 'rehan-kasi' ({path}:4), "
        "both in office in PAK on 2031-01-01; make the alias longer or drop it from one of them"
    ]


def test_alias_clashes_shared_surname_apart_is_left_alone(tmp_path: Path) -> None:
    assert alias_clashes([_write(tmp_path, SHARED_SURNAME)]) == []


def test_alias_clashes_against_context_reports_only_checked_file(tmp_path: Path) -> None:
    first, second = SHARED_ALIAS.split("  - id: sabir-kasi")
    context = _write(tmp_path, first, "bundled.yaml")
    mine = _write(tmp_path, "people:\n  - id: sabir-kasi" + second)
    expected = [
        Problem(
            str(mine),
            4,
            f"'Kasi' names both 'sabir-kasi' and 'rehan-kasi' ({context}:4), both in office "
            "in PAK on 2031-01-01; make the alias longer or drop it from one of them",
            severity="warning",
        )
    ]
    assert alias_clashes([mine], context=[context]) == expected
    assert alias_clashes([], context=[context, mine]) == []


def test_alias_clashes_entry_replacing_same_id_is_no_clash(tmp_path: Path) -> None:
    context = _write(tmp_path, SHARED_ALIAS, "bundled.yaml")
    mine = _write(
        tmp_path,
        "people:\n  - {id: sabir-kasi, name: Sabir Kasi, aliases: [General Kasi], country: PAK}\n",
    )
    assert alias_clashes([mine], context=[context]) == []


def test_alias_clashes_user_alias_of_bundled_minister_warns(tmp_path: Path) -> None:
    # "Ishaq Dar" is Pakistan's foreign minister from 2024-03-11 in the bundled people.
    mine = _write(
        tmp_path,
        "people:\n  - id: rehan-kasi\n    name: Rehan Kasi\n    aliases: [ishaq dar]\n"
        "    country: PAK\n    roles:\n"
        "      - {office: minister, country: PAK, start: 2031-01-01}\n",
    )
    bundled = BUNDLED / "people_core.yaml"
    [problem] = alias_clashes([mine], context=[bundled])
    assert (problem.path, problem.line, problem.severity) == (str(mine), 4, "warning")
    assert problem.message.startswith(
        f"'ishaq dar' names both 'rehan-kasi' and 'ishaq-dar' ({bundled}:"
    )
    assert problem.message.endswith(
        "both in office in PAK on 2031-01-01; make the alias longer or drop it from one of them"
    )


def test_bundled_knowledge_files_have_no_problems() -> None:
    files = knowledge_files()
    # The coder's own pattern files (verbs*.yaml) come and go with its lexicon.
    assert [p.name for p in files if not p.name.startswith("verbs")] == [
        "actor_rules.yaml",
        "calibration.yaml",
        "cameo.tsv",
        "cluster_codes.yaml",
        "countries.yaml",
        "english_stopwords.txt",
        "fips_countries.csv",
        "foreign_stopwords.txt",
        "nouns.yaml",
        "offices.yaml",
        "organisations.yaml",
        "people_core.yaml",
        "people_igo.yaml",
        "people_recent.yaml",
        "people_regional.yaml",
        "people_world.yaml",
        "places_aliases.csv",
        "places_countries.csv",
        "places_cues.csv",
        "places_regions.csv",
        "places_stoplist.csv",
        "plover_contexts.tsv",
        "plover_gsr_roots.csv",
        "quotes.yaml",
        "referred_events.csv",
        "relations.yaml",
        "sectors.yaml",
        "units.yaml",
    ]
    assert [str(p) for f in files for p in check_file(f, patterns=check_patterns)] == []


def test_bundled_people_share_no_alias_in_office() -> None:
    assert check_aliases(sorted(BUNDLED.glob("people*.yaml"))) == []


def test_cli_knowledge_check_prints_alias_warning_and_passes(tmp_path: Path) -> None:
    path = _write(tmp_path, SHARED_ALIAS)
    result = CliRunner().invoke(app, ["knowledge", "check", str(path)])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith(f"{path}:10: warning: 'Kasi' names both")
    assert result.stdout.splitlines()[-1] == "ok: 1 file(s) valid"
